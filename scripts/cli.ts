// `npm run cli -- <command>`: the importer from the command line, on the same database as
// the service (DATA_DIR / DATABASE_URL).
//   import-directory <file.json|yaml>
//   import-plan <file.json|yaml> [--dry-run]
//   import-table --plan <planId> <file.xlsx|csv> [--dry-run]
//   simulate --plan <planId> --year <yyyy> [--csv <file>] [--seed n] [--delivery single|digest]
//   start-cycle --plan <planId> --year <yyyy>     (on TEMPORAL_ADDRESS, default 127.0.0.1:7233)
// It answers in Vietnamese, or in English with `--lang en` or an English locale (LANG=en_…).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { ZodError } from 'zod';
import { importSummary, toHttpError } from '../api/errors.ts';
import { StartCycle } from '../common/cycle-schema.ts';
import { loadConfig, localeOf } from '../config/env.ts';
import { openDb } from '../db/index.ts';
import { formatOf, readDirectory, readPlanDefinition } from '../plans/definition.ts';
import { render, type Lang, type MessageCode, type ParamsOf } from '../i18n/index.ts';
import { ImportError, localizeIssue, type ImportIssue } from '../plans/errors.ts';
import { TOKEN_PRINCIPAL } from '../api/principal.ts';
import { importDirectory, importFile, type ImportResult } from '../use-cases/import-plan.ts';
import { Refusal as Refused } from '../use-cases/refusal.ts';
import { startPlanCycle } from '../use-cases/start-cycle.ts';
import { Simulate } from '../simulation/schema.ts';
import { simulateYearPure } from '../simulation/pure.ts';
import { timelineCsv } from '../simulation/simulate.ts';

const USAGE = `usage:
  npm run cli -- import-directory <file.json|yaml>
  npm run cli -- import-plan <file.json|yaml> [--dry-run]
  npm run cli -- import-table --plan <planId> <file.xlsx|csv> [--dry-run]
  npm run cli -- simulate --plan <planId> --year <yyyy> [--csv <file>] [--seed <n>]
                   [--delivery single|digest]   (instead of the plan's, to compare)
  npm run cli -- start-cycle --plan <planId> --year <yyyy>
  (--lang en|vi: the language of the answers; Vietnamese unless LANG is English)`;

/** The reader's language: `--lang`, else the locale's (LC_ALL, LC_MESSAGES, LANG). */
function langOf(flag: string | undefined): Lang {
  const locale = flag ?? localeOf();
  return (locale ?? '').toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/** A refusal of the command line itself, worded from the catalogue. */
class Refusal<C extends MessageCode> extends Error {
  readonly code: C;
  readonly params: ParamsOf<C>;
  readonly usage: boolean;
  constructor(code: C, params: ParamsOf<C>, usage = false) {
    super(render(code, params, 'en'));
    this.code = code;
    this.params = params;
    this.usage = usage;
  }
  text(lang: Lang): string {
    return `${render(this.code, this.params, lang)}${this.usage ? `\n${USAGE}` : ''}`;
  }
}

function printIssues(issues: readonly ImportIssue[], lang: Lang, print: (line: string) => void) {
  const local = issues.map((i) => localizeIssue(i, lang));
  for (const i of local.filter((i) => i.severity !== 'warning')) print(`  ${i.at}: ${i.message}`);
  const warnings = local.filter((i) => i.severity === 'warning');
  if (warnings.length === 0) return;
  print(render('cli.warnings', {}, lang));
  for (const i of warnings) print(`  ${i.at}: ${i.message}`);
}

function printResult(r: ImportResult, lang: Lang): void {
  const counts = {
    planId: r.planId,
    duties: r.summary.duties,
    instances: r.summary.instances,
    agencies: r.summary.agencies,
  };
  console.log(
    r.dryRun
      ? render('cli.would-import', counts, lang)
      : render('cli.imported', { ...counts, outcome: r.outcome }, lang),
  );
  console.log(`  ${render('cli.standing', { name: r.standing.name }, lang)}`);
  for (const d of r.duties) {
    const due = d.instances.map((i) => `${i.period}: ${i.lastDay}`).join(', ');
    console.log(`  ${d.ref.padEnd(14)} ${d.lead.name} — ${d.content.slice(0, 70)}`);
    if (d.coordinating.length > 0) {
      const names = d.coordinating.map((a) => a.name).join('; ');
      console.log(`  ${''.padEnd(14)} ${render('cli.coordinating', { names }, lang)}`);
    }
    console.log(`  ${''.padEnd(14)} ${render('cli.due', { time: d.time, due }, lang)}`);
  }
  // Warnings do not refuse the file; the importer gives them beside the result.
  const warnings = (r as { warnings?: ImportIssue[] }).warnings ?? [];
  if (warnings.length > 0)
    printIssues(
      warnings.map((i) => ({ ...i, severity: 'warning' })),
      lang,
      (line) => console.log(line),
    );
}

/** Whoever runs the command line has the database: a coordinator, as the API token is. */
const CLI = { ...TOKEN_PRINCIPAL, name: 'CLI' };

/** Why the command failed, in the reader's language. */
function printFailure(err: unknown, lang: Lang): void {
  if (err instanceof Refusal) {
    console.error((err as Refusal<MessageCode>).text(lang));
  } else if (err instanceof Refused) {
    console.error(render(err.msgCode, err.params as never, lang));
  } else if (err instanceof ImportError) {
    console.error(importSummary(err, lang));
    printIssues(err.issues, lang, (line) => console.error(line));
  } else if (err instanceof ZodError) {
    console.error(toHttpError(err, lang).message);
  } else {
    console.error(err instanceof Error ? err.message : String(err));
  }
}

let lang: Lang = langOf(undefined);

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      plan: { type: 'string' },
      year: { type: 'string' },
      csv: { type: 'string' },
      seed: { type: 'string' },
      delivery: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  lang = langOf(values.lang);
  const [command, fileArg] = positionals;
  if (!command) throw new Error(USAGE);
  const file = (): string => {
    if (!fileArg) throw new Refusal('cli.needs-file', { command }, true);
    return fileArg;
  };
  const config = loadConfig();
  const db = await openDb(config.db);
  try {
    const dryRun = values['dry-run'];
    if (command === 'start-cycle') {
      if (!values.plan || !values.year) throw new Refusal('cli.needs-plan-year', { command }, true);
      const input = StartCycle.parse({ planId: values.plan, year: Number(values.year) });
      const connection = await Connection.connect({
        address: config.temporal.address ?? `127.0.0.1:${config.temporal.port}`,
      });
      try {
        const client = new Client({ connection, namespace: config.temporal.namespace });
        const { id, existed } = await startPlanCycle({ db, client }, CLI, input);
        if (existed) throw new Refusal('cli.cycle-exists', { id });
        console.log(render('cli.started', { id }, lang));
      } finally {
        await connection.close();
      }
    } else if (command === 'simulate') {
      if (!values.plan || !values.year) throw new Refusal('cli.needs-plan-year', { command }, true);
      const input = Simulate.parse({
        year: Number(values.year),
        behaviour: { seed: values.seed ? Number(values.seed) : 1 },
        ...(values.delivery ? { delivery: values.delivery } : {}),
      });
      const r = await simulateYearPure(db, values.plan, input, (line) => console.error(line));
      console.log(JSON.stringify(r.summary, null, 2));
      if (values.csv) writeFileSync(values.csv, timelineCsv(r));
    } else if (command === 'import-directory') {
      const r = await importDirectory(
        db,
        readDirectory(readFileSync(file(), 'utf8'), formatOf(file())),
      );
      console.log(
        render('cli.directory-imported', { localities: r.localities, agencies: r.agencies }, lang),
      );
    } else if (command === 'import-plan') {
      const plan = readPlanDefinition(readFileSync(file(), 'utf8'), formatOf(file()));
      printResult(await importFile({ db }, CLI, { kind: 'plan', plan }, { dryRun }), lang);
    } else if (command === 'import-table') {
      if (!values.plan) throw new Refusal('cli.needs-plan', { command }, true);
      const table = { name: file(), bytes: readFileSync(file()) };
      printResult(
        await importFile(
          { db },
          CLI,
          { kind: 'table', planId: values.plan, file: table },
          { dryRun },
        ),
        lang,
      );
    } else {
      throw new Refusal('cli.unknown-command', { command }, true);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  printFailure(err, lang);
  process.exitCode = 1;
});
