// Property-based tests of the importer (plans/service.ts, plans/csv.ts, plans/table.ts,
// plans/definition.ts) on a real SQLite file: generated assignment tables (CSV, XLSX, damaged
// files, raw bytes), plan files and directory files, grown from A Lưới's real ones by
// mutation. Each is imported or refused with an ImportError (a 400 at the API) that says what
// is wrong; never another exception; and a refused file leaves every table exactly as it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHttpError } from '../../api/errors.ts';
import { MAX_TABLE_BYTES } from '../../api/routes/plans.ts';
import { openDb, type Db } from '../../db/index.ts';
import { readDirectory, readPlanDefinition } from '../../plans/definition.ts';
import { ImportError } from '../../plans/errors.ts';
import {
  importDirectory,
  importPlan,
  importTable,
  type ImportResult,
} from '../../plans/service.ts';
import { anyText, fuzz } from '../support/fuzz.ts';
import {
  A_LUOI_PLAN_ID,
  bigWorkbook,
  type BigWorkbook,
  dbFingerprint,
  directoryEdits,
  directoryJson,
  fixtureBytes,
  fixtureText,
  materializeBigWorkbook,
  materializeTable,
  materializeText,
  planEdits,
  planJson,
  tableFile,
  textFile,
  type TextRecipe,
} from '../support/fuzz-import.ts';

let dir: string;
let db: Db;
const TABLE = { name: 'phan-cong.csv', bytes: fixtureBytes('a-luoi/phan-cong.csv') };
const PLAN = readPlanDefinition(fixtureText('a-luoi/plan.json'), 'json');
const tally = { accepted: 0, refused: 0 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fuzz-import-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  await importDirectory(db, readDirectory(fixtureText('a-luoi/directory.json'), 'json'));
  await importPlan(db, PLAN, false);
  await importTable(db, A_LUOI_PLAN_ID, TABLE, false);
});

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
  console.log(`importer fuzz: ${tally.accepted} accepted, ${tally.refused} refused`);
});

/** A refusal is an ImportError with a summary and located issues, answered as a 400. */
function expectImportError(err: unknown): void {
  if (!(err instanceof ImportError)) {
    throw new Error(`expected an ImportError, got ${String(err)}`, { cause: err });
  }
  expect(err.message.trim()).not.toBe('');
  expect(err.issues.length).toBeGreaterThan(0);
  for (const issue of err.issues) {
    expect(typeof issue.at).toBe('string');
    expect(issue.message.trim()).not.toBe('');
  }
  expect(toHttpError(err).status).toBe(400);
}

/**
 * Runs an import: refused, nothing in the database changed; accepted (the mutation happened to
 * leave a valid file), the result is whole and `restore` puts the real plan back.
 */
async function refusedOrWhole(
  run: () => Promise<ImportResult | object>,
  restore: () => Promise<unknown>,
): Promise<void> {
  const before = await dbFingerprint(db);
  let result: ImportResult | object;
  try {
    result = await run();
  } catch (err) {
    expectImportError(err);
    expect(await dbFingerprint(db), 'a refused import wrote to the database').toBe(before);
    tally.refused++;
    return;
  }
  tally.accepted++;
  if ('outcome' in result) {
    expect(result.summary.duties).toBe(result.duties.length);
    for (const d of result.duties) expect(d.instances.length).toBeGreaterThan(0);
    if (result.outcome === 'dry-run' || result.outcome === 'unchanged') {
      expect(await dbFingerprint(db)).toBe(before);
    }
  }
  await restore();
}

const restorePlan = () => importPlan(db, PLAN, false);
const restoreTable = () => importTable(db, A_LUOI_PLAN_ID, TABLE, false);
/** Mostly real imports: a refusal inside the write transaction is what a dry run cannot show. */
const dryRun = fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, fc.constant(true));

describe('the importer on generated files', () => {
  it(
    'refuses a malformed assignment table with an ImportError and writes nothing',
    { timeout: 120_000 },
    async () => {
      const planId = fc.oneof(
        { weight: 6, arbitrary: fc.constant(A_LUOI_PLAN_ID) },
        { weight: 1, arbitrary: anyText(30) },
      );
      await fc.assert(
        fc.asyncProperty(tableFile, planId, dryRun, async (file, id, dry) => {
          const bytes = await materializeTable(file);
          await refusedOrWhole(() => importTable(db, id, bytes, dry), restoreTable);
        }),
        fuzz(200),
      );
    },
  );

  it(
    'refuses a workbook that unpacks to far more than a table, without the memory to match',
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(bigWorkbook, async (workbook) => {
          const bytes = await materializeBigWorkbook(workbook);
          // Within the upload limit: the API hands every one of these to the importer.
          expect(bytes.length).toBeLessThanOrEqual(MAX_TABLE_BYTES);
          const before = await dbFingerprint(db);
          const peakBefore = process.resourceUsage().maxRSS;
          const refused = await importTable(db, A_LUOI_PLAN_ID, { name: 't.xlsx', bytes }, false)
            .then(() => undefined)
            .catch((err: unknown) => err);
          expectImportError(refused);
          expect(await dbFingerprint(db)).toBe(before);
          // maxRSS is in kilobytes; inflating these whole took gigabytes.
          expect(process.resourceUsage().maxRSS - peakBefore).toBeLessThan(256 * 1024);
          tally.refused++;
        }),
        fuzz<[BigWorkbook]>(12, {
          // Found by this property: 300 MB of deflated blanks and 200,000 minimal rows.
          examples: [
            [{ kind: 'blanks', megabytes: 300, liesAboutSize: true }],
            [{ kind: 'rows', rows: 200_000 }],
          ],
        }),
      );
    },
  );

  it(
    'refuses a malformed plan file (JSON or YAML) with an ImportError and writes nothing',
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(textFile(planEdits), dryRun, async (recipe, dry) => {
          const file = materializeText(recipe, planJson);
          await refusedOrWhole(
            async () => importPlan(db, readPlanDefinition(file.text, file.format), dry),
            restorePlan,
          );
        }),
        // Found by this property: a repeated STT failed inside the write transaction (a 500).
        fuzz<[TextRecipe, boolean]>(150, {
          examples: [
            [{ format: 'json', edits: [{ op: 'duplicate-item', path: ['duties'] }] }, false],
          ],
        }),
      );
    },
  );

  it(
    'refuses a malformed directory file with an ImportError and writes nothing',
    { timeout: 120_000 },
    async () => {
      const directory = readDirectory(fixtureText('a-luoi/directory.json'), 'json');
      await fc.assert(
        fc.asyncProperty(textFile(directoryEdits), async (recipe) => {
          const file = materializeText(recipe, directoryJson);
          await refusedOrWhole(
            async () => importDirectory(db, readDirectory(file.text, file.format)),
            () => importDirectory(db, directory),
          );
        }),
        fuzz(150),
      );
    },
  );
});
