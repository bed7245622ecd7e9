// The command-line importer, run as a coordinator would run it, on its own SQLite file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../scripts/cli.ts', import.meta.url));
const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command line in a locale: English unless a test asks for the default. */
function run(locale: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATA_DIR: dir, LANG: locale, LC_ALL: '', LC_MESSAGES: '' },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const cli = (...args: string[]) => run('en_US.UTF-8', args);
/** A machine whose locale names no language: the command line speaks Vietnamese. */
const cliVi = (...args: string[]) => run('C.UTF-8', args);

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
      'due (trước ngày 20/11 hàng năm): 2022: 19/11/2022, 2023: 19/11/2023',
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

  it('speaks Vietnamese by default, and English with --lang en', () => {
    const dry = cliVi('import-plan', fixture('a-luoi/plan.json'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(
      /^Sẽ nhập kế hoạch a-luoi-171-2022: \d+ nhiệm vụ, \d+ lần thực hiện, \d+ cơ quan\n/,
    );
    expect(dry.out).toContain(
      'hạn (trước ngày 20/11 hàng năm): 2022: 19/11/2022, 2023: 19/11/2023',
    );
    const flagged = cliVi('import-plan', fixture('a-luoi/plan.json'), '--dry-run', '--lang', 'en');
    expect(flagged.out).toMatch(/^Would import plan a-luoi-171-2022: \d+ duties/);

    const unknown = cliVi('import-everything', 'x');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Không có lệnh "import-everything"');
  });

  it('names each problem of a bad plan file in Vietnamese', () => {
    const bad = join(dir, 'bad-plan.json');
    const plan = JSON.parse(readFileSync(fixture('a-luoi/plan.json'), 'utf8')) as object;
    writeFileSync(bad, JSON.stringify({ ...plan, period: { from: 2025, to: 2021 }, title: '' }));
    const r = cliVi('import-plan', bad, '--dry-run');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Tệp kế hoạch có lỗi\n/);
    expect(r.err).toContain('  period: Năm kết thúc giai đoạn không được trước năm bắt đầu');
    expect(r.err).toContain('  title: Quá nhỏ: mong đợi string có >=1 ký tự');

    const yaml = join(dir, 'bad-plan.yaml');
    writeFileSync(yaml, 'id: a\n  - b\n title: x');
    expect(cliVi('import-plan', yaml).err).toMatch(
      /^Tệp kế hoạch không đúng định dạng YAML\n {2}tệp: Sai cú pháp YAML ở dòng \d+, cột \d+/,
    );
  });
});
