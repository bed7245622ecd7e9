// `npm run bench:simulate`: a province-sized year (about 3,000 duties) simulated by the pure
// simulation (simulation/pure.ts, what simulation jobs run), beside A Lưới's small year in the
// same run, simulated both ways: the pure one against the workflows on the time-skipping
// server (simulation/simulate.ts), a ratio taken on one machine at once. The workflows'
// province year (about 9 minutes) is not run. The province is synthetic (bench/province.ts);
// A Lưới is the real fixture.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { PlanDefinition as PlanSchema } from '../common/plan-schema.ts';
import { openDb, type Db } from '../db/index.ts';
import { readDirectory } from '../plans/definition.ts';
import { importDirectory, importPlan, importTable } from '../plans/service.ts';
import { Behaviour } from '../simulation/schema.ts';
import { simulateYearPure } from '../simulation/pure.ts';
import { simulateYear } from '../simulation/simulate.ts';
import { province } from './province.ts';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const YEAR = 2026;
const DEPARTMENTS = 30;
const COMMUNES = 165;

async function measure(
  db: Db,
  planId: string,
  year: number,
  simulate: typeof simulateYear = simulateYearPure,
) {
  const behaviour = Behaviour.parse({ seed: 11 });
  const r = await simulate(db, planId, { year, behaviour }, (line) => console.log(line));
  const notifications = Object.values(r.summary.notifications).reduce((a, b) => a + b, 0);
  return { duties: r.summary.duties, ms: r.summary.elapsedMs, notifications };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-'));
const db = await openDb({ sqliteFile: join(dir, 'app.db') });
try {
  const fixture = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url));
  await importDirectory(db, readDirectory(fixture('a-luoi/directory.json').toString(), 'json'));
  await importPlan(db, PlanSchema.parse(JSON.parse(fixture('a-luoi/plan.json').toString())), false);
  await importTable(
    db,
    'a-luoi-171-2022',
    { name: 'phan-cong.xlsx', bytes: fixture('a-luoi/phan-cong.xlsx') },
    false,
  );
  const { directory, plan } = province({
    year: YEAR,
    departments: DEPARTMENTS,
    communes: COMMUNES,
  });
  await importDirectory(db, directory);
  await importPlan(db, plan, false);

  const line = (r: { duties: number; notifications: number; ms: number }) =>
    `  ${r.duties} duties, ${r.notifications} messages in ${(r.ms / 1000).toFixed(1)} s`;
  console.log('simulating A Lưới 2023 with the workflows …');
  const smallWorkflows = await measure(db, 'a-luoi-171-2022', 2023, simulateYear);
  console.log(line(smallWorkflows));
  console.log('simulating A Lưới 2023, pure …');
  const small = await measure(db, 'a-luoi-171-2022', 2023);
  console.log(line(small));
  console.log(`simulating the synthetic province ${YEAR}, pure …`);
  const large = await measure(db, plan.id, YEAR);
  console.log(line(large));
  console.log(`simulate_province_duties ${large.duties} duties`);
  console.log(`simulate_province_year ${(large.ms / 1000).toFixed(1)} s`);
  console.log(
    `simulate_ms_per_duty_province_vs_small ${(large.ms / large.duties / (small.ms / small.duties)).toFixed(2)} ratio`,
  );
  console.log(`simulate_small_year_workflows ${(smallWorkflows.ms / 1000).toFixed(1)} s`);
  console.log(`simulate_small_year_pure ${(small.ms / 1000).toFixed(2)} s`);
  console.log(
    `simulate_small_pure_vs_workflows ${(small.ms / smallWorkflows.ms).toFixed(3)} ratio`,
  );
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}
