// The JSON API answers refusals in the reader's language: Vietnamese unless the request asks
// for English (Accept-Language, or the pages' language cookie), each issue with its stable
// code. The other tests read English (test/support/http.ts); this one sends no language.
// The coordinator's import page shows a refused file's issues in the page's language.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../api/session.ts';
import { openDb, type Db } from '../../db/index.ts';
import { createSession } from '../../db/users.ts';
import { listen } from '../support/http.ts';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8');
const TOKEN = 'test-token-0123456789abcdef';
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const PLAN = 'a-luoi-171-2022';
const HEADER = 'STT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian';
const COORDINATOR = 'dieu-phoi@ubnd.a-luoi.example';

interface Detail {
  at?: string;
  path?: string;
  code?: string;
  message: string;
  severity?: string;
}
interface Refusal {
  status: number;
  code: string;
  message: string;
  details: Detail[];
}

let db: Db;
let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'languages-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  // Importing never talks to Temporal; a lazy connection is never opened.
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const web = {
    sessionSecret: 'languages-test-secret-0123456789abcdef',
    publicUrl: 'http://duties.test',
    mailFrom: 'no-reply@duties.test',
    dataDir: dir,
    coordinatorEmails: [COORDINATOR],
  };
  ({ server, base } = await listen(createApp({ client, db, apiToken: TOKEN, web }), {
    acceptLanguage: null,
  }));
  for (const [path, file] of [
    ['/api/directory', 'a-luoi/directory.json'],
    ['/api/plans/import', 'a-luoi/plan.json'],
  ] as const) {
    const res = await send(path, fixture(file), { 'content-type': 'application/json' });
    expect(res.status, file).toBeLessThan(300);
  }
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function send(
  path: string,
  body: RequestInit['body'],
  headers: Record<string, string> = {},
): Promise<Refusal> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    body,
  });
  const json = (await res.json()) as { error?: Omit<Refusal, 'status'> };
  return { status: res.status, code: '', message: '', details: [], ...json.error };
}

const json = { 'content-type': 'application/json' };
const english = { 'accept-language': 'en-US,en;q=0.9' };

function table(lines: string[], headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set('planId', PLAN);
  form.set('file', new Blob([lines.join('\n')]), 't.csv');
  return send('/api/plans/import?dryRun=true', form, headers);
}

/** Every issue has a stable code and a message in Vietnamese. */
function expectVietnamese(r: Refusal): void {
  expect(r.message).toMatch(VIETNAMESE);
  expect(r.details.length).toBeGreaterThan(0);
  for (const d of r.details) {
    expect(d.code, JSON.stringify(d)).toMatch(/^[a-z_]+([.-][a-z_-]+)*$/);
    expect(d.message, JSON.stringify(d)).toMatch(VIETNAMESE);
  }
}

describe('an invalid directory', () => {
  const bad = JSON.stringify({ localities: [{ id: 'x', level: 'district' }], agencies: 'none' });

  it('is refused in Vietnamese by default, each issue by path and code', async () => {
    const r = await send('/api/directory', bad, json);
    expect(r.status).toBe(400);
    expect(r.code).toBe('import_refused');
    expect(r.message).toMatch(/^Tệp danh bạ có lỗi: /);
    expectVietnamese(r);
    expect(r.details).toContainEqual({
      at: 'localities.0.name',
      code: 'validation.invalid-type',
      message: 'Đầu vào không hợp lệ: mong đợi string, nhận được undefined',
      severity: 'error',
    });
  });

  it('is refused in English when the reader asks, by header or by the pages’ cookie', async () => {
    for (const headers of [english, { cookie: 'lang=en' }]) {
      const r = await send('/api/directory', bad, { ...json, ...headers });
      expect(r.message).toMatch(/^The directory file has errors: /);
      expect(r.details).toContainEqual({
        at: 'localities.0.name',
        code: 'validation.invalid-type',
        message: 'Invalid input: expected string, received undefined',
        severity: 'error',
      });
    }
  });
});

describe('a plan naming an agency the directory does not have', () => {
  const plan = JSON.parse(fixture('a-luoi/plan.json')) as { duties: { lead: string }[] };
  const first = plan.duties[0];
  if (first) first.lead = 'Phòng Ngoại giao';
  const body = JSON.stringify(plan);

  it('is refused in Vietnamese, naming the agency', async () => {
    const r = await send('/api/plans/import?dryRun=true', body, json);
    expect(r.status).toBe(400);
    expectVietnamese(r);
    expect(r.details.some((d) => d.message.includes('"Phòng Ngoại giao"'))).toBe(true);
  });

  it('and in English when asked', async () => {
    const r = await send('/api/plans/import?dryRun=true', body, { ...json, ...english });
    expect(r.details.some((d) => /unknown agency "Phòng Ngoại giao"/.test(d.message))).toBe(true);
  });
});

describe('a table with a column missing from its header', () => {
  const lines = [
    'STT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian',
    '1,x,Phòng Tài chính - Kế hoạch,,Hàng năm',
  ];

  it('is refused in Vietnamese, placed at the header row', async () => {
    const r = await table(lines);
    expect(r.status).toBe(400);
    expectVietnamese(r);
    expect(r.details).toHaveLength(1);
    expect(r.details[0]?.at).toBe('hàng 1');
    expect(r.details[0]?.message).toContain('"Sản phẩm"');
  });

  it('and in English when asked', async () => {
    const r = await table(lines, english);
    expect(r.details.map((d) => `${d.at}: ${d.message}`)).toEqual([
      'row 1: missing column "Sản phẩm"',
    ]);
  });

  it('a good table is not refused in either language', async () => {
    const r = await table([HEADER, '1,Dự án 1,Phòng Tài chính - Kế hoạch,,x,Hàng năm']);
    expect(r.status).toBe(200);
  });
});

describe('request validation and the API’s own errors', () => {
  it('a query parameter out of its choices: zod’s code, zod’s Vietnamese', async () => {
    const r = await send('/api/plans/import?dryRun=maybe', fixture('a-luoi/plan.json'), json);
    expect(r).toMatchObject({
      status: 400,
      code: 'invalid_input',
      message: expect.stringMatching(/^Dữ liệu không hợp lệ: dryRun: /) as unknown,
      details: [
        {
          path: 'dryRun',
          code: 'invalid_value',
          message: 'Tùy chọn không hợp lệ: mong đợi một trong các giá trị "true"|"false"',
        },
      ],
    });
    const en = await send('/api/plans/import?dryRun=maybe', fixture('a-luoi/plan.json'), {
      ...json,
      ...english,
    });
    expect(en.message).toBe(
      'Invalid input: dryRun: Invalid option: expected one of "true"|"false"',
    );
  });

  it('a body that is not JSON, and a route that does not exist', async () => {
    const notJson = await send('/api/directory', '{"localities": [', json);
    expect(notJson).toMatchObject({
      status: 400,
      code: 'invalid_json',
      message: 'Nội dung yêu cầu không phải JSON hợp lệ',
    });
    const nowhere = await send('/api/nowhere', '{}', json);
    expect(nowhere).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'Không có đường dẫn POST /api/nowhere',
    });
    expect((await send('/api/nowhere', '{}', { ...json, ...english })).message).toBe(
      'No route for POST /api/nowhere',
    );
  });

  it('a YAML plan that is not YAML: where the parser stopped', async () => {
    const r = await send('/api/plans/import', 'id: a\n  - b\n title: x', {
      'content-type': 'application/yaml',
    });
    expect(r.status).toBe(400);
    expect(r.message).toMatch(
      /^Tệp kế hoạch không đúng định dạng YAML: tệp: Sai cú pháp YAML ở dòng/,
    );
    expect(r.details[0]?.code).toBe('definition.syntax');
  });
});

describe('the coordinator’s import page', () => {
  /** Uploads a table on the import page, signed in as a coordinator, in a page language. */
  async function upload(lines: string[], lang?: 'en'): Promise<{ status: number; page: string }> {
    const { token, session } = await createSession(db, COORDINATOR, SESSION_TTL_MS);
    const form = new FormData();
    form.set('_csrf', session.csrfToken);
    form.set('kind', 'table');
    form.set('planId', PLAN);
    form.set('file', new Blob([lines.join('\n')]), 'bang-phan-cong.csv');
    const cookie = `${SESSION_COOKIE}=${token}${lang ? `; lang=${lang}` : ''}`;
    const res = await fetch(`${base}/plans/import`, {
      method: 'POST',
      headers: { cookie, origin: base },
      body: form,
      redirect: 'manual',
    });
    return { status: res.status, page: await res.text() };
  }
  /** The page's issue rows as `where | problem`. */
  const rows = (page: string): string[] =>
    [...page.matchAll(/<tr>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<\/tr>/g)].map(
      (m) => `${unescape(m[1] ?? '')} | ${unescape(m[2] ?? '')}`,
    );
  const unescape = (text: string): string =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');

  const lines = [
    HEADER,
    '1,Dự án 1,Phòng Tài chánh - Kế hoạch,,x,Hàng năm',
    '2,Dự án 2,Phòng Ngoại giao,,x,Hàng năm',
  ];

  it('shows each issue in Vietnamese, placed by row and column as the table heads them', async () => {
    const { status, page } = await upload(lines);
    expect(status).toBe(422);
    expect(page).toContain('Tệp có lỗi, chưa nhập gì');
    const found = rows(page);
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found[0]).toMatch(/^hàng 2, cột "Cơ quan chủ trì" \| .*"Phòng Tài chánh - Kế hoạch"/);
    expect(found[1]).toMatch(/^hàng 3, cột "Cơ quan chủ trì" \| .*"Phòng Ngoại giao"/);
    for (const row of found) expect(row.split(' | ')[1]).toMatch(VIETNAMESE);
  });

  it('and in English on the English page', async () => {
    const { status, page } = await upload(lines, 'en');
    expect(status).toBe(422);
    expect(page).toContain('The file has errors; nothing was imported');
    expect(rows(page)[0]).toMatch(
      /^row 2, column "Cơ quan chủ trì" \| unknown agency "Phòng Tài chánh - Kế hoạch"/,
    );
  });
});
