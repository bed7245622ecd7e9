// What a workflow rule answers when it refuses an action: a catalogue code (i18n/duty-rules.ts),
// its parameters, and the English sentence for logs and for the ApplicationFailure's message.
// The edge words it in the reader's language from the code; nothing reads the sentence back.
import type { Message } from '../i18n/catalogue.ts';

export interface RuleRefusal {
  code: string;
  params: Record<string, string | number>;
  /** English, as the workflows said it before refusals had codes. */
  message: string;
}

/** A maker of refusals typed by one area's messages: `refuse('duty-rules.cancelled', {})`. */
export function refusalsOf<M extends Record<string, Message<never>>>(messages: M) {
  return <C extends keyof M & string>(code: C, params: Parameters<M[C]['en']>[0]): RuleRefusal => ({
    code,
    params: params,
    message: (messages[code] as unknown as Message<object>).en(params),
  });
}
