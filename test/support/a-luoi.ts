// A Lưới's plan (Kế hoạch 171/KH-UBND) with its appendix table, as the simulation tests import
// it: the plan's duties and its assignment of agencies, into a database that already holds the
// directory it names.
import { readFileSync } from 'node:fs';
import { PlanDefinition } from '../../common/plan-schema.ts';
import type { Db } from '../../db/index.ts';
import { importPlan, importTable } from '../../plans/service.ts';

export const A_LUOI = 'a-luoi-171-2022';

const fixture = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url));

export async function importALuoiPlan(db: Db): Promise<void> {
  await importPlan(
    db,
    PlanDefinition.parse(JSON.parse(fixture('a-luoi/plan.json').toString())),
    false,
  );
  await importTable(
    db,
    A_LUOI,
    { name: 'phan-cong.xlsx', bytes: fixture('a-luoi/phan-cong.xlsx') },
    false,
  );
}
