// `npm run bench:simulate`: a province-sized year (about 3,000 duties) simulated on the
// time-skipping server, beside A Lưới's small year in the same run, so the figure that
// matters — cost per duty, large against small — is a ratio taken on one machine at once.
// The province is synthetic (counts from ../shared/domain.md "Scale": tens of departments,
// 100–200 communes, two-tier government); A Lưới is the real fixture.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Directory, PlanDefinition } from '../common/plan-schema.ts';
import { PlanDefinition as PlanSchema } from '../common/plan-schema.ts';
import { openDb, type Db } from '../db/index.ts';
import { readDirectory } from '../plans/definition.ts';
import { importDirectory, importPlan, importTable } from '../plans/service.ts';
import { Behaviour } from '../simulation/schema.ts';
import { simulateYear } from '../simulation/simulate.ts';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const YEAR = 2026;
const DEPARTMENTS = 30;
const COMMUNES = 165;
const contact = (id: string) => ({ name: `Lãnh đạo ${id}`, email: `${id}@province.example` });

function province(): { directory: Directory; plan: PlanDefinition } {
  const agencies: Directory['agencies'] = [];
  for (let i = 1; i <= DEPARTMENTS; i++) {
    agencies.push({
      id: `p.so-${i}`,
      name: `Sở số ${i}`,
      shortNames: [],
      level: 'province',
      localityId: 'p',
      isCommune: false,
      head: contact(`so-${i}`),
      focalPoints: [],
    });
  }
  for (let i = 1; i <= COMMUNES; i++) {
    agencies.push({
      id: `p.xa-${i}`,
      name: `UBND xã số ${i}`,
      shortNames: [],
      level: 'commune',
      localityId: `p.xa-${i}`,
      isCommune: true,
      head: contact(`xa-${i}`),
      focalPoints: [],
    });
  }
  agencies.push({
    id: 'p.so-ldtbxh',
    name: 'Sở Lao động - Thương binh và Xã hội',
    shortNames: [],
    level: 'province',
    localityId: 'p',
    isCommune: false,
    head: contact('ldtbxh'),
    focalPoints: [],
  });
  const localities = [
    { id: 'p', name: 'Tỉnh mô phỏng', level: 'province' },
    ...Array.from({ length: COMMUNES }, (_, i) => ({
      id: `p.xa-${i + 1}`,
      name: `Xã số ${i + 1}`,
      level: 'commune',
      parentId: 'p',
    })),
  ];
  const departments = Array.from({ length: DEPARTMENTS }, (_, i) => `Sở số ${i + 1}`);
  const duties: PlanDefinition['duties'] = [
    {
      ref: 'BC-THANG',
      content: 'Báo cáo tháng tiến độ giảm nghèo',
      lead: 'UBND các xã',
      coordinating: [],
      product: 'Báo cáo tháng',
      time: 'hàng tháng',
    },
    {
      ref: 'BC-6T',
      content: 'Báo cáo 6 tháng',
      lead: 'UBND các xã',
      coordinating: [],
      product: 'Báo cáo 6 tháng',
      time: 'trước ngày 14/6 và trước ngày 09/12 hàng năm',
    },
    {
      ref: 'KH-XA',
      content: 'Xây dựng Kế hoạch thực hiện của xã',
      lead: 'UBND các xã',
      coordinating: [],
      product: 'Kế hoạch thực hiện',
      time: 'Quý I hàng năm',
    },
    {
      ref: 'BC-QUY',
      content: 'Báo cáo quý của các sở',
      lead: 'các sở, ban, ngành liên quan',
      coordinating: [],
      product: 'Báo cáo quý',
      time: 'hàng quý',
    },
    {
      ref: 'BC-THANG-SO',
      content: 'Báo cáo tháng của các sở',
      lead: 'các sở, ban, ngành liên quan',
      coordinating: [],
      product: 'Báo cáo tháng',
      time: 'hàng tháng',
    },
    ...departments.map((name, i) => ({
      ref: `DA-${i + 1}`,
      content: `Dự án ${i + 1}`,
      lead: name,
      coordinating: [],
      product: 'Hàng năm: Xây dựng Kế hoạch đăng ký vốn',
      time: 'Giai đoạn 2026 - 2026',
    })),
  ];
  const plan = PlanSchema.parse({
    id: 'tinh-mo-phong',
    number: '1/KH-UBND',
    title: 'Kế hoạch mô phỏng cấp tỉnh',
    issuer: 'UBND tỉnh',
    issuedOn: `${YEAR}-01-01`,
    programme: 'Chương trình MTQG giảm nghèo bền vững',
    period: { from: YEAR, to: YEAR },
    localityId: 'p',
    standingAgency: 'Sở Lao động - Thương binh và Xã hội',
    supervisor: {
      name: 'Chủ tịch UBND tỉnh',
      email: 'chu-tich@province.example',
      title: 'Chủ tịch UBND tỉnh',
    },
    relatedOffices: departments,
    duties,
  });
  return { directory: { localities, agencies }, plan };
}

async function measure(db: Db, planId: string, year: number) {
  const behaviour = Behaviour.parse({ seed: 11 });
  const r = await simulateYear(db, planId, { year, behaviour }, (line) => console.log(line));
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
  const { directory, plan } = province();
  await importDirectory(db, directory);
  await importPlan(db, plan, false);

  console.log('simulating A Lưới 2023 …');
  const small = await measure(db, 'a-luoi-171-2022', 2023);
  console.log(
    `  ${small.duties} duties, ${small.notifications} messages in ${(small.ms / 1000).toFixed(1)} s`,
  );
  console.log(`simulating the synthetic province ${YEAR} …`);
  const large = await measure(db, plan.id, YEAR);
  console.log(
    `  ${large.duties} duties, ${large.notifications} messages in ${(large.ms / 1000).toFixed(1)} s`,
  );
  console.log(`simulate_province_duties ${large.duties} duties`);
  console.log(`simulate_province_year ${(large.ms / 1000).toFixed(1)} s`);
  console.log(
    `simulate_ms_per_duty_province_vs_small ${(large.ms / large.duties / (small.ms / small.duties)).toFixed(2)} ratio`,
  );
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}
