// What a use case answers when it will not do what was asked: a stable code for programs, a
// catalogue message for people and the kind of refusal, which the edge maps to its own terms
// (an HTTP status for the API and the pages, an exit code for the CLI). Pure: no express.
import { render, type MessageCode, type ParamsOf } from '../i18n/index.ts';

/** Why it was refused; api/errors.ts maps each kind to one HTTP status. */
export type RefusalKind =
  | 'invalid' // 400: the input is wrong
  | 'forbidden' // 403: not this person's to do
  | 'not_found' // 404: no such thing, or not visible to this person
  | 'conflict' // 409: the thing's state does not allow it now
  | 'too_large' // 413
  | 'rate_limited' // 429
  | 'unavailable'; // 503: a part it needs is down; nothing was done

export class Refusal extends Error {
  readonly kind: RefusalKind;
  /** Stable, for programs (`duty_closed`, `agency_in_use`…). */
  readonly code: string;
  readonly msgCode: MessageCode;
  readonly params: object;
  readonly details: unknown;

  private constructor(
    kind: RefusalKind,
    code: string,
    msgCode: MessageCode,
    params: object,
    details: unknown,
  ) {
    // English in logs; readers get the catalogue text in their language.
    super(render(msgCode, params as never, 'en'));
    this.name = 'Refusal';
    this.kind = kind;
    this.code = code;
    this.msgCode = msgCode;
    this.params = params;
    this.details = details;
  }

  static of<C extends MessageCode>(
    kind: RefusalKind,
    code: string,
    msgCode: C,
    params: ParamsOf<C>,
    details?: unknown,
  ): Refusal {
    return new Refusal(kind, code, msgCode, params, details);
  }
}
