// The command-line importer, run as a coordinator would run it, on its own SQLite file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../scripts/cli.ts', import.meta.url));
const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATA_DIR: dir },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run cli', () => {
  it('imports a directory, previews a plan with --dry-run, then imports it and its table', () => {
    expect(cli('import-directory', fixture('a-luoi/directory.json')).out).toMatch(
      /^Imported \d+ localities and \d+ agencies/,
    );
    const dry = cli('import-plan', fixture('a-luoi/plan.json'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^Would import plan a-luoi-171-2022: 32 duties/);
    expect(dry.out).toContain('BC-NAM         Phòng Lao động - Thương binh và Xã hội');
    expect(dry.out).toContain(
      'hạn (trước ngày 20/11 hàng năm): 2022: 19/11/2022, 2023: 19/11/2023',
    );
    expect(cli('import-plan', fixture('a-luoi/plan.json')).out).toMatch(
      /^Imported \(created\) plan/,
    );
    const table = cli('import-table', '--plan', 'a-luoi-171-2022', fixture('a-luoi/phan-cong.csv'));
    expect(table.out).toMatch(/^Imported \(updated\) plan a-luoi-171-2022: 41 duties/);
    expect(
      cli('import-table', '--plan', 'a-luoi-171-2022', fixture('a-luoi/phan-cong.xlsx')).out,
    ).toMatch(/^Imported \(unchanged\)/);
  });

  it('exits 1 naming each problem of a bad table', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'STT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian\n1,x,Phòng Không Có,,y,trước ngày 31/6/2023\n',
    );
    const r = cli('import-table', '--plan', 'a-luoi-171-2022', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('row 2, column "Cơ quan chủ trì": unknown agency "Phòng Không Có"');
    expect(r.err).toContain('31/6 is not a date (June has 30 days)');
  });

  it('explains its usage', () => {
    const r = cli('import-everything', 'x');
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown command "import-everything"');
    expect(r.err).toContain('npm run cli -- import-plan <file.json|yaml> [--dry-run]');
  });
});
