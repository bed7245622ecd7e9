// Which phase of the annual cycle a plan duty belongs to, read from its words, the way a
// coordinator sorts the plan's duties: capital registration, implementation plans, reports.
import { stripMarks } from './text.ts';

export const PHASES = [
  'implementation-plans',
  'capital-registration',
  'disbursement-commitment',
  'monthly-progress',
  'reports',
  'other',
] as const;
export type Phase = (typeof PHASES)[number];

export function phaseOf(duty: { content: string; product: string }): Phase {
  const text = stripMarks(`${duty.content} ${duty.product}`);
  if (/bao cao|tong hop/.test(text)) return 'reports';
  if (/dang ky von|danh muc du an/.test(text)) return 'capital-registration';
  if (/cam ket giai ngan/.test(text)) return 'disbursement-commitment';
  if (/ke hoach/.test(text)) return 'implementation-plans';
  return 'other';
}
