import type { DutyState, Transition } from '../common/duty-state.ts';
import { phaseOf } from '../domain/phases.ts';
import { fixedFacts, reportRefOf, type DutyFact } from '../domain/tracking.ts';

/** The actions that set a new deadline. */
const MOVES_DEADLINE: readonly Transition['action'][] = ['grant-extension', 'return'];

/**
 * The facts of a duty's history that statistics count by: its submissions, extensions (with
 * the date each set), returns and changes of lead. Records from before transitions kept their
 * deadline give an extension's date only when it was the last move (today's deadline).
 */
export function dutyFacts(state: DutyState): DutyFact[] {
  const lastMove = state.history.findLastIndex((h) => MOVES_DEADLINE.includes(h.action));
  return state.history.flatMap((h, i): DutyFact[] => {
    switch (h.action) {
      case 'submit':
        return [{ kind: 'submit', at: h.at }];
      case 'grant-extension':
        return [
          {
            kind: 'extension',
            at: h.at,
            newDueAt: h.dueAt ?? (i === lastMove ? state.dueAt : null),
            wasOverdue: h.from === 'overdue',
          },
        ];
      case 'return':
        return [{ kind: 'return', at: h.at }];
      case 'reassign-lead':
        return [{ kind: 'reassign', at: h.at }];
      default:
        return [];
    }
  });
}

/** The read model's tracking columns, derived from a duty's state. */
export function trackingColumns(state: DutyState): {
  report_ref: string;
  phase: string;
  submitted_at: string | null;
  first_submitted_at: string | null;
  counted_due_at: string;
  first_on_time: number | null;
  marks: string;
} {
  const last = state.submissions[state.submissions.length - 1];
  const inHand = state.status === 'submitted' || state.status === 'accepted';
  const fixed = fixedFacts({
    originalDueAt: state.originalDueAt,
    dueAt: state.dueAt,
    facts: dutyFacts(state),
    firstSubmissionLate: state.submissions[0]?.late,
  });
  return {
    report_ref: reportRefOf(state.dutyId),
    phase: state.cycle?.phase ?? phaseOf({ content: state.title, product: state.product }),
    submitted_at: inHand && last ? last.at : null,
    first_submitted_at: fixed.firstSubmittedAt,
    counted_due_at: fixed.countedDueAt,
    first_on_time: fixed.firstOnTime === null ? null : fixed.firstOnTime ? 1 : 0,
    marks: JSON.stringify(fixed.marks),
  };
}
