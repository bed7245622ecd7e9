// `npm run cli -- <command>`: the importer from the command line, on the same database as
// the service (DATA_DIR / DATABASE_URL).
//   import-directory <file.json|yaml>
//   import-plan <file.json|yaml> [--dry-run]
//   import-table --plan <planId> <file.xlsx|csv> [--dry-run]
//   simulate --plan <planId> --year <yyyy> [--csv <file>] [--seed n]
//   start-cycle --plan <planId> --year <yyyy>     (on TEMPORAL_ADDRESS, default 127.0.0.1:7233)
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { StartCycle } from '../common/cycle-schema.ts';
import { loadConfig } from '../config/env.ts';
import { openDb } from '../db/index.ts';
import { formatOf, readDirectory, readPlanDefinition } from '../plans/definition.ts';
import { ImportError } from '../plans/errors.ts';
import { importDirectory, importPlan, importTable, type ImportResult } from '../plans/service.ts';
import { startCycle } from '../services/starts.ts';
import { Simulate } from '../simulation/schema.ts';
import { simulateYear, timelineCsv } from '../simulation/simulate.ts';

const USAGE = `usage:
  npm run cli -- import-directory <file.json|yaml>
  npm run cli -- import-plan <file.json|yaml> [--dry-run]
  npm run cli -- import-table --plan <planId> <file.xlsx|csv> [--dry-run]
  npm run cli -- simulate --plan <planId> --year <yyyy> [--csv <file>] [--seed <n>]
  npm run cli -- start-cycle --plan <planId> --year <yyyy>`;

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
    if (command === 'start-cycle') {
      if (!values.plan || !values.year)
        throw new Error(`start-cycle needs --plan and --year\n${USAGE}`);
      const input = StartCycle.parse({ planId: values.plan, year: Number(values.year) });
      const plan = await db
        .selectFrom('plans')
        .select(['period_from', 'period_to'])
        .where('id', '=', input.planId)
        .executeTakeFirst();
      if (!plan) throw new Error(`no plan "${input.planId}"`);
      if (input.year < plan.period_from || input.year > plan.period_to) {
        throw new Error(`the plan runs ${plan.period_from}–${plan.period_to}, not ${input.year}`);
      }
      const connection = await Connection.connect({
        address: config.temporal.address ?? `127.0.0.1:${config.temporal.port}`,
      });
      try {
        const id = await startCycle(
          new Client({ connection, namespace: config.temporal.namespace }),
          input,
        ).catch((err: unknown) => {
          if (err instanceof WorkflowExecutionAlreadyStartedError)
            throw new Error(`the cycle ${err.workflowId} already exists`);
          throw err;
        });
        console.log(`Started ${id}`);
      } finally {
        await connection.close();
      }
    } else if (command === 'simulate') {
      if (!values.plan || !values.year)
        throw new Error(`simulate needs --plan and --year\n${USAGE}`);
      const input = Simulate.parse({
        year: Number(values.year),
        behaviour: { seed: values.seed ? Number(values.seed) : 1 },
      });
      const r = await simulateYear(db, values.plan, input, (line) => console.error(line));
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
