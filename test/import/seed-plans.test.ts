// The three seed plans imported from their fixture files through the API, on SQLite and on
// PostgreSQL, checked against what their text says; then the malformed inputs a coordinator
// might send, each refused with a message that names the problem, leaving nothing written.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb, type Db } from '../../db/index.ts';
import { listen } from '../support/http.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres.ts';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const fixture = (path: string): Buffer => readFileSync(new URL(path, FIXTURES));
const TOKEN = 'test-token-0123456789abcdef';

interface Duty {
  ref: string;
  lead: { id: string; name: string };
  coordinating: { id: string; name: string }[];
  product: string;
  time: string;
  instances: { period: string; dueAt: string; lastDay: string }[];
}
interface Result {
  outcome: string;
  standing: { id: string; name: string };
  duties: Duty[];
  summary: { duties: number; instances: number; agencies: number };
}

describe.each([['SQLite'], ['PostgreSQL']])('importing the seed plans on %s', (dialect) => {
  let db: Db;
  let pg: TestPostgres | undefined;
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-'));
    if (dialect === 'PostgreSQL') pg = await startTestPostgres();
    db = await openDb({ databaseUrl: pg?.url, sqliteFile: join(dir, 'app.db') });
    // Importing never talks to Temporal; a lazy connection is never opened.
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const app = createApp({ client, db, apiToken: TOKEN });
    ({ server, base } = await listen(app));
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await db?.destroy();
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(
    path: string,
    body: RequestInit['body'],
    contentType?: string,
    token = TOKEN,
  ) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const json = (path: string, file: string) => send(path, fixture(file), 'application/json');
  const table = (planId: string, name: string, bytes: Uint8Array, dryRun = false) => {
    const form = new FormData();
    form.set('planId', planId);
    form.set('file', new Blob([bytes]), name);
    return send(`/api/plans/import?dryRun=${dryRun}`, form);
  };
  const counts = async () => ({
    plans: (await db.selectFrom('plans').select('id').execute()).length,
    duties: (await db.selectFrom('plan_duties').select('ref').execute()).length,
  });
  const byRef = (r: { body: Record<string, unknown> }) =>
    new Map((r.body as unknown as Result).duties.map((d) => [d.ref, d]));

  it('refuses a script without the API token', async () => {
    const res = await send(
      '/api/directory',
      fixture('a-luoi/directory.json'),
      'application/json',
      'wrong-token-0123456789',
    );
    expect(res.status).toBe(401);
  });

  it('imports the three directories', async () => {
    for (const plan of ['a-luoi', 'tu-mo-rong', 'sa-thay']) {
      const res = await json('/api/directory', `${plan}/directory.json`);
      expect(res.status).toBe(200);
    }
    const agencies = await db.selectFrom('agencies').select('id').execute();
    expect(agencies.length).toBeGreaterThan(60);
  });

  it('A Lưới: a dry run shows the duties and writes nothing', async () => {
    const res = await json('/api/plans/import?dryRun=true', 'a-luoi/plan.json');
    expect(res.status).toBe(200);
    expect(res.body['outcome']).toBe('dry-run');
    expect(await counts()).toEqual({ plans: 0, duties: 0 });
  });

  it('A Lưới: the plan file, then its appendix table as XLSX, as the text states', async () => {
    const plan = await json('/api/plans/import', 'a-luoi/plan.json');
    expect(plan.status).toBe(201);
    const r = plan.body as unknown as Result;
    expect(r.standing.name).toBe('Phòng Lao động - Thương binh và Xã hội');
    const duties = byRef(plan);
    // "báo cáo … trước ngày 20/6 hàng năm (báo cáo 6 tháng), báo cáo năm trước ngày 20/11 hàng năm"
    expect(duties.get('BC-6T')?.instances.map((i) => `${i.period} ${i.lastDay}`)).toEqual([
      '2023 19/06/2023',
      '2024 19/06/2024',
      '2025 19/06/2025',
    ]);
    expect(duties.get('BC-NAM')?.instances.map((i) => i.lastDay)).toEqual([
      '19/11/2022',
      '19/11/2023',
      '19/11/2024',
      '19/11/2025',
    ]);
    expect(duties.get('BC-NAM')?.instances[0]?.dueAt).toBe('2022-11-19T17:00:00.000Z'); // 20/11 00:00 +07
    // "các phòng, ban ngành liên quan, UBND các xã, thị trấn xây dựng Kế hoạch … trước ngày
    // 17/9/2022": each office and each commune owes its own plan.
    const own = [...duties.values()].filter((d) => d.ref.startsWith('VII.1/'));
    expect(own.length).toBe(30);
    expect(own.map((d) => d.lead.name)).toContain('Ủy ban nhân dân xã Hồng Kim');
    expect(new Set(own.map((d) => d.instances.map((i) => i.lastDay).join()))).toEqual(
      new Set(['16/09/2022']),
    );

    const xlsx = await table('a-luoi-171-2022', 'phan-cong.xlsx', fixture('a-luoi/phan-cong.xlsx'));
    expect(xlsx.status).toBe(200);
    expect(xlsx.body['outcome']).toBe('updated');
    const all = byRef(xlsx);
    const leads = ['1', '2', '3.1', '3.2', '4', '5', '6.1', '6.2', '7'].map(
      (ref) => all.get(ref)?.lead.name,
    );
    expect(leads).toEqual([
      'Phòng Tài chính - Kế hoạch',
      'Phòng Nông nghiệp và Phát triển nông thôn',
      'Phòng Nông nghiệp và Phát triển nông thôn',
      'Phòng Giáo dục và Đào tạo',
      'Phòng Lao động - Thương binh và Xã hội',
      'Phòng Kinh tế và Hạ tầng',
      'Phòng Văn hóa và Thông tin',
      'Phòng Lao động - Thương binh và Xã hội',
      'Phòng Lao động - Thương binh và Xã hội',
    ]);
    // The product cell continued on the next page is whole again.
    expect(all.get('3.1')?.product).toMatch(
      /cam kết giải ngân vốn và kế hoạch thực hiện cụ thể theo từng tháng\)\.$/,
    );
    // "Giai đoạn 2021 - 2025", yearly: one instance a year from the plan's issue (08/9/2022).
    expect(all.get('2')?.instances.map((i) => i.lastDay)).toEqual([
      '31/12/2022',
      '31/12/2023',
      '31/12/2024',
      '31/12/2025',
    ]);
    // A group never disappears: "UBND các xã, thị trấn" is every commune and the town.
    const coordinating = all.get('1')?.coordinating.map((a) => a.name) ?? [];
    expect(coordinating).toContain('Ban Quản lý Dự án đầu tư xây dựng khu vực huyện A Lưới');
    expect(coordinating).toContain('Ủy ban nhân dân thị trấn A Lưới');
    expect(coordinating.filter((n) => n.startsWith('Ủy ban nhân dân xã')).length).toBe(17);
    expect(coordinating).not.toContain('Phòng Tài chính - Kế hoạch');
  });

  it('A Lưới: the same files again change nothing; the CSV reads the same as the XLSX', async () => {
    const before = await db.selectFrom('plans').select(['imported_at', 'content_hash']).execute();
    expect((await json('/api/plans/import', 'a-luoi/plan.json')).body['outcome']).toBe('unchanged');
    expect(
      (await table('a-luoi-171-2022', 'phan-cong.xlsx', fixture('a-luoi/phan-cong.xlsx'))).body[
        'outcome'
      ],
    ).toBe('unchanged');
    const csv = await table('a-luoi-171-2022', 'phan-cong.csv', fixture('a-luoi/phan-cong.csv'));
    expect(csv.body['outcome']).toBe('unchanged');
    expect(await db.selectFrom('plans').select(['imported_at', 'content_hash']).execute()).toEqual(
      before,
    );
    expect((await counts()).duties).toBe(41);
  });

  it('Tu Mơ Rông (YAML): the two-tier reporting regime lands on its dates', async () => {
    const res = await send(
      '/api/plans/import',
      fixture('tu-mo-rong/plan.yaml'),
      'application/yaml',
    );
    expect(res.status).toBe(201);
    const duties = [...byRef(res).values()];
    const lastDays = (pattern: RegExp) =>
      new Set(
        duties
          .filter((d) => pattern.test(d.time))
          .flatMap((d) => d.instances.map((i) => i.lastDay.slice(0, 5))),
      );
    // Agencies and communes report before 14/6 and 09/12; the labour office before 30/6 and 15/12.
    expect(lastDays(/14\/6/)).toEqual(new Set(['13/06']));
    expect(lastDays(/09\/12/)).toEqual(new Set(['08/12']));
    expect(lastDays(/30\/6/)).toEqual(new Set(['29/06']));
    expect(lastDays(/15\/12/)).toEqual(new Set(['14/12']));
    // Communes send their own plan in Q1/2021: by 31/3/2021, one per commune.
    const q1 = duties.filter((d) => /Qúy I\/2021|Quý I\/2021/i.test(d.time));
    expect(q1.length).toBe(11);
    expect(new Set(q1.map((d) => d.instances.map((i) => i.lastDay).join()))).toEqual(
      new Set(['31/03/2021']),
    );
  });

  it('Sa Thầy: every commune reports monthly to the labour office', async () => {
    const res = await json('/api/plans/import', 'sa-thay/plan.json');
    expect(res.status).toBe(201);
    const monthly = [...byRef(res).values()].filter((d) => /hàng tháng/i.test(d.time));
    expect(monthly.length).toBe(6);
    expect(monthly[0]?.instances.slice(0, 2).map((i) => `${i.period} ${i.lastDay}`)).toEqual([
      '2017-01 31/01/2017',
      '2017-02 28/02/2017',
    ]);
    const plans = await fetch(`${base}/api/plans`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(((await plans.json()) as { plans: { id: string }[] }).plans.map((p) => p.id)).toEqual([
      'a-luoi-171-2022',
      'sa-thay-2016',
      'tu-mo-rong-2021',
    ]);
  });

  describe('malformed inputs are refused with a clear message, and nothing is written', () => {
    let before: { plans: number; duties: number };
    beforeAll(async () => {
      before = await counts();
    });

    const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));
    const HEADER = 'STT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian';
    const messages = (r: { body: Record<string, unknown> }) =>
      ((r.body['error'] as { details?: { at: string; message: string }[] }).details ?? []).map(
        (d) => `${d.at}: ${d.message}`,
      );

    it('a header with a column missing', async () => {
      const r = await table(
        'a-luoi-171-2022',
        't.csv',
        csv(['STT,Nội dung công việc,Cơ quan chủ trì,Sản phẩm,Thời gian', '1,x,y,z,Hàng năm']),
      );
      expect(r.status).toBe(400);
      expect(messages(r)).toEqual(['row 1: missing column "Cơ quan phối hợp"']);
    });

    it('unknown agencies, all at once, with the closest names', async () => {
      const r = await table(
        'a-luoi-171-2022',
        't.csv',
        csv([
          HEADER,
          '1,Dự án 1,Phòng Tài chánh - Kế hoạch,,x,Giai đoạn 2021 - 2025',
          '2,Dự án 2,Phòng Ngoại giao,Phòng Y tê,x,Giai đoạn 2021 - 2025',
        ]),
      );
      expect(r.status).toBe(400);
      const m = messages(r);
      expect(m[0]).toBe(
        'row 2, column "Cơ quan chủ trì": unknown agency "Phòng Tài chánh - Kế hoạch"; did you mean "Phòng Tài chính - Kế hoạch"?',
      );
      expect(
        m.some((x) =>
          x.startsWith('row 3, column "Cơ quan chủ trì": unknown agency "Phòng Ngoại giao"'),
        ),
      ).toBe(true);
      expect(
        m.some((x) =>
          x.startsWith('row 3, column "Cơ quan phối hợp": unknown agency "Phòng Y tê"'),
        ),
      ).toBe(true);
    });

    it('an impossible date', async () => {
      const r = await table(
        'a-luoi-171-2022',
        't.csv',
        csv([HEADER, '1,Dự án 1,Phòng Tài chính - Kế hoạch,,x,trước ngày 31/6/2023']),
      );
      expect(r.status).toBe(400);
      expect(messages(r)[0]).toMatch(
        /^row 2, column "Thời gian": .*31\/6 is not a date \(June has 30 days\)/,
      );
    });

    it('an empty cell where a value is required, and a duplicate STT', async () => {
      const r = await table(
        'a-luoi-171-2022',
        't.csv',
        csv([
          HEADER,
          '1,Dự án 1,,,x,Hàng năm',
          '',
          '2,Dự án 2,Phòng Tài chính - Kế hoạch,,x,Hàng năm',
          '2,Dự án 2b,Phòng Tài chính - Kế hoạch,,x,Hàng năm',
        ]),
      );
      expect(messages(r)).toEqual([
        'row 2, column "Cơ quan chủ trì": is empty',
        'row 5, column "STT": STT 2 appears twice (rows 4 and 5)',
      ]);
    });

    it('a 10 MB file of junk', async () => {
      const junk = new Uint8Array(10 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
      const r = await table('a-luoi-171-2022', 'junk.xlsx', junk);
      expect(r.status).toBe(413);
      expect((r.body['error'] as { message: string }).message).toMatch(/larger than 5 MB/);
    });

    it('a small file of junk', async () => {
      const r = await table(
        'a-luoi-171-2022',
        'junk.xlsx',
        new Uint8Array([0x50, 0x4b, 1, 2, 3, 4, 5]),
      );
      expect(r.status).toBe(400);
      expect(messages(r)).toEqual([
        'file: it is not an Excel workbook (.xlsx); save the table as .xlsx or .csv',
      ]);
    });

    it('a YAML bomb', async () => {
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (let i = 0; i < 12; i++) {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        bomb.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      const r = await send('/api/plans/import', bomb.join('\n'), 'application/yaml');
      expect(r.status).toBe(400);
      expect((r.body['error'] as { message: string }).message).toMatch(/not valid YAML/);
    });

    it('a plan file with wrong fields, each named by its path', async () => {
      const plan = JSON.parse(fixture('a-luoi/plan.json').toString()) as Record<string, unknown>;
      const r = await send(
        '/api/plans/import',
        JSON.stringify({ ...plan, issuedOn: '2022-02-30', period: { from: 2025, to: 2021 } }),
        'application/json',
      );
      expect(r.status).toBe(400);
      const at = messages(r).map((m) => m.split(':')[0]);
      expect(at).toEqual(expect.arrayContaining(['issuedOn', 'period']));
    });

    afterAll(async () => {
      expect(await counts()).toEqual(before);
    });
  });
});
