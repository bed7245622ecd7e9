// A Lưới's plan as written, moved to another year: same dates, same words, the period and
// the "Giai đoạn" phrase of its table set to that year (the one-off of 17/9/2022 left out).
import { readFileSync } from 'node:fs';
import { PlanDefinition } from '../../common/plan-schema.ts';
import type { Db } from '../../db/index.ts';
import { readDirectory } from '../../plans/definition.ts';
import { importDirectory, importPlan, importTable } from '../../plans/service.ts';

const fixture = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url));

export async function importALuoiMovedTo(db: Db, year: number): Promise<string> {
  await importDirectory(db, readDirectory(fixture('a-luoi/directory.json').toString(), 'json'));
  const plan = PlanDefinition.parse(JSON.parse(fixture('a-luoi/plan.json').toString()));
  await importPlan(
    db,
    {
      ...plan,
      duties: plan.duties.filter((d) => d.ref !== 'VII.1'),
      targets: plan.targets.map((t) => ({ ...t, year })),
      issuedOn: `${year}-01-01`,
      period: { from: year, to: year },
    },
    false,
  );
  const table = fixture('a-luoi/phan-cong.csv')
    .toString()
    .replaceAll('Giai đoạn 2021 - 2025', `Giai đoạn ${year} - ${year}`);
  await importTable(db, plan.id, { name: 'phan-cong.csv', bytes: Buffer.from(table) }, false);
  return plan.id;
}
