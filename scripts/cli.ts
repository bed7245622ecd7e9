// `npm run cli -- <command>`: the importer from the command line, on the same database as
// the service (DATA_DIR / DATABASE_URL).
//   import-directory <file.json|yaml>
//   import-plan <file.json|yaml> [--dry-run]
//   import-table --plan <planId> <file.xlsx|csv> [--dry-run]
//   simulate --plan <planId> --year <yyyy> [--csv <file>] [--seed n]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env.ts';
import { openDb } from '../db/index.ts';
import { formatOf, readDirectory, readPlanDefinition } from '../plans/definition.ts';
import { ImportError } from '../plans/errors.ts';
import { importDirectory, importPlan, importTable, type ImportResult } from '../plans/service.ts';
import { Simulate } from '../simulation/schema.ts';
import { simulateYear, timelineCsv } from '../simulation/simulate.ts';

const USAGE = `usage:
  npm run cli -- import-directory <file.json|yaml>
  npm run cli -- import-plan <file.json|yaml> [--dry-run]
  npm run cli -- import-table --plan <planId> <file.xlsx|csv> [--dry-run]
  npm run cli -- simulate --plan <planId> --year <yyyy> [--csv <file>] [--seed <n>]`;

function printResult(r: ImportResult): void {
  const verb = r.dryRun ? 'Would import' : `Imported (${r.outcome})`;
  console.log(
    `${verb} plan ${r.planId}: ${r.summary.duties} duties, ${r.summary.instances} instances, ${r.summary.agencies} agencies`,
  );
  console.log(`  standing agency: ${r.standing.name}`);
  for (const d of r.duties) {
    const due = d.instances.map((i) => `${i.period}: ${i.lastDay}`).join(', ');
    console.log(`  ${d.ref.padEnd(14)} ${d.lead.name} — ${d.content.slice(0, 70)}`);
    if (d.coordinating.length > 0)
      console.log(`  ${''.padEnd(14)} phối hợp: ${d.coordinating.map((a) => a.name).join('; ')}`);
    console.log(`  ${''.padEnd(14)} hạn (${d.time}): ${due}`);
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      plan: { type: 'string' },
      year: { type: 'string' },
      csv: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const [command, fileArg] = positionals;
  if (!command) throw new Error(USAGE);
  const file = (): string => {
    if (!fileArg) throw new Error(`${command} needs a file\n${USAGE}`);
    return fileArg;
  };
  const config = loadConfig();
  const db = await openDb(config.db);
  try {
    const dryRun = values['dry-run'];
    if (command === 'simulate') {
      if (!values.plan || !values.year)
        throw new Error(`simulate needs --plan and --year\n${USAGE}`);
      const input = Simulate.parse({
        year: Number(values.year),
        behaviour: { seed: values.seed ? Number(values.seed) : 1 },
      });
      const r = await simulateYear(db, values.plan, input);
      console.log(JSON.stringify(r.summary, null, 2));
      if (values.csv) writeFileSync(values.csv, timelineCsv(r));
    } else if (command === 'import-directory') {
      const r = await importDirectory(
        db,
        readDirectory(readFileSync(file(), 'utf8'), formatOf(file())),
      );
      console.log(`Imported ${r.localities} localities and ${r.agencies} agencies`);
    } else if (command === 'import-plan') {
      printResult(
        await importPlan(
          db,
          readPlanDefinition(readFileSync(file(), 'utf8'), formatOf(file())),
          dryRun,
        ),
      );
    } else if (command === 'import-table') {
      if (!values.plan) throw new Error(`import-table needs --plan <planId>\n${USAGE}`);
      printResult(
        await importTable(db, values.plan, { name: file(), bytes: readFileSync(file()) }, dryRun),
      );
    } else {
      throw new Error(`unknown command "${command}"\n${USAGE}`);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ImportError) {
    console.error(err.message.split(':')[0]);
    for (const i of err.issues) console.error(`  ${i.at}: ${i.message}`);
  } else {
    console.error(err instanceof Error ? err.message : String(err));
  }
  process.exitCode = 1;
});
