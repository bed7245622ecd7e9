// A workflow's update validator that refused an action (domain/duty-rules.ts,
// domain/cycle-rules.ts) as a Refusal: the failure's type is a catalogue code and its details
// the parameters, so the edge words it in the reader's language. Nothing is read from the
// English sentence.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { RATE_LIMITED_RULES } from '../i18n/duty-rules.ts';
import { MESSAGES, type MessageCode } from '../i18n/index.ts';
import { Refusal } from './refusal.ts';

const isCode = (type: string | null | undefined): type is MessageCode =>
  typeof type === 'string' && Object.hasOwn(MESSAGES, type);

/** The coded refusal inside a failed update, or undefined for anything else. */
export function workflowRefusal(err: unknown): Refusal | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  for (let cause: unknown = err.cause; cause instanceof Error; cause = cause.cause) {
    if (!(cause instanceof ApplicationFailure)) continue;
    if (!isCode(cause.type)) return undefined;
    const params = cause.details?.[0] ?? {};
    // The same API codes as before refusals were coded: 409 refused, 429 rate_limited.
    return RATE_LIMITED_RULES.has(cause.type)
      ? Refusal.of('rate_limited', 'rate_limited', cause.type, params as never)
      : Refusal.of('conflict', 'refused', cause.type, params as never);
  }
  return undefined;
}
