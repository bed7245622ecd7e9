import type { DutyState } from '../common/duty-state.ts';
import { phaseOf } from '../domain/phases.ts';
import { reportRefOf } from '../domain/tracking.ts';

/** The read model's tracking columns, derived from a duty's state. */
export function trackingColumns(state: DutyState): {
  report_ref: string;
  phase: string;
  submitted_at: string | null;
} {
  const last = state.submissions[state.submissions.length - 1];
  const inHand = state.status === 'submitted' || state.status === 'accepted';
  return {
    report_ref: reportRefOf(state.dutyId),
    phase: state.cycle?.phase ?? phaseOf({ content: state.title, product: state.product }),
    submitted_at: inHand && last ? last.at : null,
  };
}
