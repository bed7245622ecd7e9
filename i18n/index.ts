// Every message of the catalogue, merged. Each area keeps its own file so the messages sit
// next to the others of their kind; codes are prefixed by area, so they never collide.
import { calendarMessages } from './calendar.ts';
import { importMessages } from './import.ts';
import { tableMessages } from './table.ts';
import { resolveMessages } from './resolve.ts';
import { targetsMessages } from './targets.ts';
import { validationMessages } from './validation.ts';
import { trackingMessages } from './tracking.ts';
import { trackingPageMessages } from './tracking-pages.ts';
import { phraseMessages } from './phrase.ts';
import { cycleRuleMessages, dutyRuleMessages } from './duty-rules.ts';
import { dutyPageMessages } from './duty-pages.ts';
import { cycleStartMessages, cycleStartRefusals } from './cycle-start.ts';
import { cyclePageMessages, cycleMoneyRefusals } from './cycle-pages.ts';
import { contractMessages } from './contract.ts';
import { idempotencyMessages } from './idempotency.ts';
import { directoryMessages } from './directory.ts';
import { yearEndMessages, yearEndRefusals } from './year-end.ts';
import { planPageMessages } from './plan-pages.ts';
import { simulationMessages } from './simulation.ts';
import { notificationSettingsMessages } from './notification-settings.ts';
import type { Lang, Message, Params } from './catalogue.ts';

export const MESSAGES = {
  ...planPageMessages,
  ...importMessages,
  ...tableMessages,
  ...resolveMessages,
  ...targetsMessages,
  ...calendarMessages,
  ...validationMessages,
  ...trackingMessages,
  ...trackingPageMessages,
  ...phraseMessages,
  ...dutyRuleMessages,
  ...cycleRuleMessages,
  ...dutyPageMessages,
  ...cycleStartMessages,
  ...cycleStartRefusals,
  ...cyclePageMessages,
  ...cycleMoneyRefusals,
  ...contractMessages,
  ...idempotencyMessages,
  ...directoryMessages,
  ...yearEndMessages,
  ...yearEndRefusals,
  ...simulationMessages,
  ...notificationSettingsMessages,
} as const;

export type MessageCode = keyof typeof MESSAGES;
export type ParamsOf<C extends MessageCode> = Parameters<(typeof MESSAGES)[C]['vi']>[0];

/** The text of a coded message in one language. */
export function render<C extends MessageCode>(code: C, params: ParamsOf<C>, lang: Lang): string {
  const m = MESSAGES[code] as Message<Params>;
  return m[lang](params as Params);
}

export type { Lang, Place } from './catalogue.ts';
export { renderPlace, langFromHeader, quotedList } from './catalogue.ts';
