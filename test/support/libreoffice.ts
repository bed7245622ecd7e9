// Reads an XLSX the way a user of LibreOffice Calc sees it: soffice (Debian's
// libreoffice-calc-nogui, installed by `npm run setup`) converts the workbook headless to CSV
// with every cell "as shown", so dates come out in the format the workbook asked for.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parseCsv } from '../../plans/csv.ts';

const run = promisify(execFile);

/**
 * The rows of one worksheet (1 = the first) as LibreOffice shows them. Each call uses a fresh
 * LibreOffice profile, so parallel runs do not share (and lock) one; the first start of a
 * profile takes several seconds.
 */
export async function xlsxToCsvRows(xlsx: Uint8Array, sheet = 1): Promise<string[][]> {
  const dir = await mkdtemp(join(tmpdir(), 'soffice-'));
  try {
    const input = join(dir, 'export.xlsx');
    await writeFile(input, xlsx);
    // CSV filter tokens: separator ',' (44), text delimiter '"' (34), UTF-8 (76), first line 1,
    // cell format default, language default, quote all text no, detect special numbers yes,
    // save cell contents as shown yes, cell formulas no, remove spaces no, the sheet's number.
    const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,${sheet}`;
    await run(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        filter,
        '--outdir',
        dir,
        input,
      ],
      { timeout: 120_000 },
    );
    // With a sheet number LibreOffice names the file after the sheet; it is the only CSV here.
    const csv = (await readdir(dir)).find((f) => f.endsWith('.csv'));
    if (!csv) throw new Error(`LibreOffice wrote no CSV for ${input}`);
    return parseCsv(await readFile(join(dir, csv), 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
