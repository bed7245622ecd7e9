// Demo duties for `npm start`, read from fixtures/a-luoi/demo.json: each yearly report of the
// A Lưới plan, for its next deadline (or one just missed, so the overdue ladder shows too).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Agency, StartDuty, Supervisor } from '../../common/duty-schema.ts';
import { localInstant, localParts } from '../../domain/local-time.ts';

const Demo = z.object({
  planId: z.string(),
  agencies: z.record(z.string(), Agency),
  supervisor: Supervisor,
  duties: z.array(
    z.object({
      dutyId: z.string(),
      title: z.string(),
      product: z.string(),
      deadline: z.object({
        before: z.string().regex(/^\d{1,2}\/\d{1,2}$/),
        yearly: z.literal(true),
      }),
      lead: z.string(),
      coordinating: z.array(z.string()),
      standing: z.string(),
    }),
  ),
});

const DEMO_FILE = new URL('../../fixtures/a-luoi/demo.json', import.meta.url);
const GRACE_MS = 30 * 86_400_000;

export function demoDuties(nowMs: number): StartDuty[] {
  const demo = Demo.parse(JSON.parse(readFileSync(DEMO_FILE, 'utf8')));
  const agency = (id: string): Agency => {
    const found = demo.agencies[id];
    if (!found) throw new Error(`demo.json: unknown agency ${id}`);
    return found;
  };
  return demo.duties.map((d) => {
    const [day, month] = d.deadline.before.split('/').map(Number) as [number, number];
    let year = localParts(nowMs).year;
    // "trước ngày 20/6" is overdue from 20/6 00:00 local time.
    if (localInstant(year, month, day) < nowMs - GRACE_MS) year += 1;
    return StartDuty.parse({
      planId: demo.planId,
      dutyId: d.dutyId,
      period: String(year),
      title: d.title,
      product: d.product,
      dueAt: new Date(localInstant(year, month, day)).toISOString(),
      lead: agency(d.lead),
      coordinating: d.coordinating.map(agency),
      standing: agency(d.standing),
      supervisor: demo.supervisor,
    });
  });
}
