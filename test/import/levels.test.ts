// A province plan of the two-tier government (communes directly under the province) imported
// on a real SQLite database: its groups resolved from the locality tree, a standing duty with
// no dated instance, and a time phrase the grammar cannot read, refused unless the
// coordinator asks for it to be imported undated, then dated later through the API.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { Directory, PlanDefinition } from '../../common/plan-schema.ts';
import { openDb, type Db } from '../../db/index.ts';
import { ImportError, localizeIssue } from '../../plans/errors.ts';
import type { ResolvedDuty } from '../../plans/resolve.ts';
import {
  importDirectory,
  importPlan,
  importTable,
  PlanDutyNotFound,
  setPlanDutyTime,
} from '../../plans/service.ts';
import { listen } from '../support/http.ts';

const TOKEN = 'test-token-0123456789abcdef';
const contact = (who: string) => ({ name: 'Thủ trưởng', email: `${who}@tuyen-quang.example` });

const DIRECTORY = Directory.parse({
  localities: [
    { id: 'tq', name: 'tỉnh Tuyên Quang', level: 'province' },
    { id: 'tq.minh-xuan', name: 'phường Minh Xuân', level: 'commune', parentId: 'tq' },
    { id: 'tq.yen-cuong', name: 'xã Yên Cường', level: 'commune', parentId: 'tq' },
    { id: 'tq.bac-me', name: 'xã Bắc Mê', level: 'commune', parentId: 'tq' },
  ],
  agencies: [
    ['tq.ubnd', 'Ủy ban nhân dân tỉnh Tuyên Quang', 'tq', ['UBND tỉnh']],
    ['tq.so-nv', 'Sở Nội vụ', 'tq', ['Sở NV']],
    ['tq.so-tc', 'Sở Tài chính', 'tq', []],
    ['tq.so-yt', 'Sở Y tế', 'tq', []],
    ['tq.ubnd-minh-xuan', 'Ủy ban nhân dân phường Minh Xuân', 'tq.minh-xuan', []],
    ['tq.ubnd-yen-cuong', 'Ủy ban nhân dân xã Yên Cường', 'tq.yen-cuong', []],
    ['tq.ubnd-bac-me', 'Ủy ban nhân dân xã Bắc Mê', 'tq.bac-me', []],
  ].map(([id, name, localityId, shortNames]) => ({
    id,
    name,
    shortNames,
    level: 'x',
    localityId,
    head: contact(String(id)),
  })),
});

const PLAN = PlanDefinition.parse({
  id: 'tq-giam-ngheo-2025',
  number: '12/KH-UBND',
  title: 'Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2025-2026',
  issuer: 'Ủy ban nhân dân tỉnh Tuyên Quang',
  issuedOn: '2025-08-01',
  programme: 'Chương trình mục tiêu quốc gia giảm nghèo bền vững',
  period: { from: 2025, to: 2026 },
  localityId: 'tq',
  standingAgency: 'Sở Nội vụ',
  supervisor: { ...contact('chu-tich'), title: 'Chủ tịch UBND tỉnh' },
  duties: [
    {
      ref: '1',
      content: 'Báo cáo kết quả thực hiện Chương trình',
      lead: 'Các sở, ban, ngành, đoàn thể; UBND các xã, phường',
      coordinating: [],
      product: 'Báo cáo năm gửi về Sở Nội vụ để tổng hợp',
      time: 'trước ngày 15/12 hàng năm',
    },
    {
      ref: '2',
      content: 'Kiểm tra, giám sát việc thực hiện Chương trình',
      lead: 'Sở Nội vụ',
      coordinating: ['Sở Tài chính, UBND các xã, phường'],
      product: 'Các đợt kiểm tra, giám sát',
      time: 'Thường xuyên',
    },
    {
      ref: '3',
      content: 'Phân bổ vốn sự nghiệp cho các xã, phường',
      lead: 'Sở Tài chính',
      coordinating: ['Sở Nội vụ'],
      product: 'Tham mưu UBND tỉnh quyết định phân bổ vốn',
      time: 'Sau khi có quyết định giao vốn của Trung ương',
    },
  ],
});

let dir: string;
let db: Db;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'levels-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  ({ server, base } = await listen(createApp({ client, db, apiToken: TOKEN })));
  await importDirectory(db, DIRECTORY);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const stored = async (): Promise<Map<string, ResolvedDuty>> =>
  new Map(
    (await db.selectFrom('plan_duties').select(['ref', 'duty_json']).execute()).map((r) => [
      r.ref,
      JSON.parse(r.duty_json) as ResolvedDuty,
    ]),
  );

async function api(method: string, path: string, body: unknown, lang = 'en') {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'accept-language': lang,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('a two-tier province plan', () => {
  it('refuses an unreadable time unless asked to import it undated; writes nothing', async () => {
    const err = await importPlan(db, PLAN, false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    const issues = (err as ImportError).issues;
    expect(issues.map((i) => [i.code, i.at])).toEqual([
      ['phrase.unreadable', 'duties.2.time (STT 3)'],
    ]);
    expect(await stored()).toEqual(new Map());

    const http = await api('POST', '/api/plans/import?dryRun=true', PLAN);
    expect(http.status).toBe(400);
    expect(JSON.stringify(http.body)).toContain('phrase.unreadable');
  });

  it('a dry run with allowUndated lists the duty undated, with the reason as a warning', async () => {
    const res = await api('POST', '/api/plans/import?dryRun=true&allowUndated=true', PLAN, 'vi');
    expect(res.status).toBe(200);
    const warnings = res.body['warnings'] as { code: string; severity: string; message: string }[];
    expect(warnings.map((w) => [w.code, w.severity])).toEqual([
      ['resolve.time.undated', 'warning'],
    ]);
    expect(warnings[0]?.message).toMatch(/chưa có thời hạn/);
    const duties = res.body['duties'] as ResolvedDuty[];
    expect(duties.find((d) => d.ref === '3')).toMatchObject({ undated: true, instances: [] });
    expect(await stored()).toEqual(new Map());
  });

  it('imports: groups from the locality tree, a standing duty, an undated one', async () => {
    const result = await importPlan(db, PLAN, false, { allowUndated: true });
    expect(result.outcome).toBe('created');
    const duties = await stored();
    // "Các sở, ban, ngành, đoàn thể; UBND các xã, phường" as the lead: each department (not
    // the province's committee, and not the one the report goes to) and each commune-level
    // committee owes its own report…
    const leads = [...duties.values()].filter((d) => d.ref.startsWith('1/')).map((d) => d.lead.id);
    expect(leads).toEqual([
      'tq.so-tc',
      'tq.so-yt',
      'tq.ubnd-bac-me',
      'tq.ubnd-minh-xuan',
      'tq.ubnd-yen-cuong',
    ]);
    // …sent to the standing agency, its receiver, never its own coordinator.
    const fromHealth = duties.get('1/tq.so-yt');
    expect(fromHealth?.receiver).toEqual({ id: 'tq.so-nv', name: 'Sở Nội vụ' });
    expect(duties.has('1/tq.so-nv')).toBe(false);
    expect(fromHealth?.instances.map((i) => i.lastDay)).toEqual(['14/12/2025', '14/12/2026']);

    expect(duties.get('2')).toMatchObject({ standing: true, instances: [] });
    expect(duties.get('2')?.coordinating.map((a) => a.id)).toEqual([
      'tq.so-tc',
      'tq.ubnd-bac-me',
      'tq.ubnd-minh-xuan',
      'tq.ubnd-yen-cuong',
    ]);
    expect(duties.get('3')).toMatchObject({ undated: true, instances: [] });
  });

  it('dates the undated duty later through the API, and refuses what it cannot read', async () => {
    const unreadable = await api('PUT', `/api/plans/${PLAN.id}/duties/3/time`, {
      time: 'khi nào xong',
    });
    expect(unreadable.status).toBe(400);
    expect(JSON.stringify(unreadable.body)).toContain('phrase.unreadable');

    expect(
      (await api('PUT', `/api/plans/${PLAN.id}/duties/9/time`, { time: 'Quý I/2026' })).status,
    ).toBe(404);
    expect(
      (await api('PUT', '/api/plans/no-such-plan/duties/3/time', { time: 'Quý I/2026' })).status,
    ).toBe(404);

    const ok = await api('PUT', `/api/plans/${PLAN.id}/duties/3/time`, {
      time: 'trước ngày 30/9/2025',
    });
    expect(ok.status).toBe(200);
    expect(ok.body['warnings']).toEqual([]);
    const duty = (await stored()).get('3');
    expect(duty?.undated).toBeUndefined();
    expect(duty?.time).toBe('trước ngày 30/9/2025');
    expect(duty?.instances.map((i) => i.lastDay)).toEqual(['29/09/2025']);
    // The other duties are as they were.
    expect((await stored()).get('2')).toMatchObject({ standing: true });
  });

  it('setPlanDutyTime names what it cannot find', async () => {
    await expect(setPlanDutyTime(db, PLAN.id, '1/tq.nobody', 'Quý I/2026')).rejects.toBeInstanceOf(
      PlanDutyNotFound,
    );
    // A member of a group is dated with its row.
    const result = await setPlanDutyTime(db, PLAN.id, '1/tq.so-yt', 'trước ngày 10/12 hàng năm');
    expect(
      result.duties
        .filter((d) => d.ref.startsWith('1/'))
        .every((d) => d.time === 'trước ngày 10/12 hàng năm'),
    ).toBe(true);
  });

  it('an undated table row is placed by its row and column, in either language', async () => {
    const csv = [
      'STT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian',
      '1,Rà soát hộ nghèo,"UBND các xã, phường",Sở NV,Danh sách hộ nghèo,Theo hướng dẫn của Bộ',
    ].join('\n');
    const file = { name: 't.csv', bytes: new TextEncoder().encode(csv) };
    const refused = await importTable(db, PLAN.id, file, true).catch((e: unknown) => e);
    expect((refused as ImportError).issues.map((i) => i.place)).toEqual([
      { row: 2, column: 'Thời gian' },
    ]);
    const result = await importTable(db, PLAN.id, file, true, { allowUndated: true });
    const warning = result.warnings[0]!;
    expect(warning.at).toBe('row 2, column "Thời gian"');
    expect(localizeIssue(warning, 'vi').at).toBe('hàng 2, cột "Thời gian"');
    expect(result.duties.filter((d) => d.ref.startsWith('1/')).map((d) => d.lead.id)).toEqual([
      'tq.ubnd-bac-me',
      'tq.ubnd-minh-xuan',
      'tq.ubnd-yen-cuong',
    ]);
  });
});
