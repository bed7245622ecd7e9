import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Directory, PlanDefinition } from '../common/plan-schema.ts';
import { MESSAGES, type MessageCode, type Place } from '../i18n/index.ts';
import { SCHEMA_CODES, type SchemaIssueParams } from '../i18n/validation.ts';
import { ImportError, issue, type ImportIssue } from './errors.ts';

export type TextFormat = 'json' | 'yaml';
type Kind = 'plan' | 'directory';

const isMessageCode = (code: unknown): code is MessageCode =>
  typeof code === 'string' && Object.hasOwn(MESSAGES, code);

const NOT_WORDING = new Set(['path', 'message', 'input', 'errors', 'params']);

/**
 * A zod issue as a catalogue message. A refinement of the shared schemas names its own code
 * (`params: { msg: 'validation.…', …its parameters }`); any other issue is worded by zod's
 * locale for the reader's language, from the issue's fields. `input` is the value refused,
 * when the parse reported it: zod's locales name its type ("received undefined").
 */
export function schemaMessage(i: z.core.$ZodIssue): { code: MessageCode; params: object } {
  if (i.code === 'custom' && isMessageCode(i.params?.['msg'])) {
    const { msg: code, ...params } = i.params as { msg: MessageCode };
    return { code, params };
  }
  // The wording reads the issue's own fields: not its place, nor nested union errors, nor the
  // refused value itself (only its type, below).
  const fields = Object.fromEntries(Object.entries(i).filter(([k]) => !NOT_WORDING.has(k)));
  const received =
    i.code !== 'invalid_type'
      ? undefined
      : 'input' in i
        ? z.util.parsedType((i as { input?: unknown }).input)
        : // A finished issue keeps the received type only in its English message.
          (/received (\S+)$/.exec(i.message)?.[1] ?? 'undefined');
  const params: SchemaIssueParams = {
    issue: JSON.stringify({ ...fields, received }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    ),
    en: i.message,
  };
  return { code: SCHEMA_CODES[i.code] ?? 'validation.custom', params };
}

/** Where a zod issue is, as the catalogue places it: the path, or the file itself. */
export const schemaPlace = (i: z.core.$ZodIssue): Place =>
  i.path.length === 0 ? { file: true } : { path: i.path.map(String).join('.') };

/** A zod issue in a plan or directory file, as a coded import issue. */
export function schemaIssue(i: z.core.$ZodIssue): ImportIssue {
  const { code, params } = schemaMessage(i);
  return issue(code, params as never, schemaPlace(i));
}

const SUMMARY = {
  plan: {
    json: 'definition.plan.not-json',
    yaml: 'definition.plan.not-yaml',
    errors: 'definition.plan.has-errors',
  },
  directory: {
    json: 'definition.directory.not-json',
    yaml: 'definition.directory.not-yaml',
    errors: 'definition.directory.has-errors',
  },
} as const satisfies Record<Kind, Record<TextFormat | 'errors', MessageCode>>;

const refused = (code: MessageCode, issues: ImportIssue[]): ImportError =>
  new ImportError(MESSAGES[code].en({} as never), issues, code);

/** Where and why a parser stopped: yaml's code and position, or JSON.parse's position. */
function syntaxIssue(err: Error, format: TextFormat): ImportIssue {
  const reason = err.message.split('\n')[0] ?? 'unreadable';
  const yamlErr = err as Error & { code?: string; linePos?: { line: number; col: number }[] };
  const json = /\(line (\d+) column (\d+)\)/.exec(reason);
  const problem =
    yamlErr.code ??
    (/alias/i.test(reason) ? 'RESOURCE_EXHAUSTION' : undefined) ??
    (/end of JSON input/i.test(reason) ? 'UNEXPECTED_END' : undefined);
  const line = yamlErr.linePos?.[0]?.line ?? (json ? Number(json[1]) : undefined);
  const column = yamlErr.linePos?.[0]?.col ?? (json ? Number(json[2]) : undefined);
  return issue(
    'definition.syntax',
    { format: format.toUpperCase(), line, column, problem, reason },
    { file: true },
  );
}

function parseText(text: string, format: TextFormat, kind: Kind): unknown {
  try {
    // yaml refuses documents with more than 100 aliases, so a "billion laughs" bomb fails
    // here instead of expanding in memory.
    return format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    throw refused(SUMMARY[kind][format], [syntaxIssue(err as Error, format)]);
  }
}

function check<S extends z.ZodType>(schema: S, value: unknown, kind: Kind): z.output<S> {
  // reportInput: the refused value's type is part of the message ("received a number").
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw refused(SUMMARY[kind].errors, parsed.error.issues.map(schemaIssue));
}

/** A plan definition already parsed (a JSON request body), checked against the schema. */
export const checkPlanDefinition = (value: unknown): PlanDefinition =>
  check(PlanDefinition, value, 'plan');

/** A directory already parsed (a JSON request body), checked against the schema. */
export const checkDirectory = (value: unknown): Directory => check(Directory, value, 'directory');

export function readPlanDefinition(text: string, format: TextFormat): PlanDefinition {
  return check(PlanDefinition, parseText(text, format, 'plan'), 'plan');
}

export function readDirectory(text: string, format: TextFormat): Directory {
  return check(Directory, parseText(text, format, 'directory'), 'directory');
}

export function formatOf(fileName: string, contentType?: string): TextFormat {
  if (/ya?ml/i.test(contentType ?? '') || /\.ya?ml$/i.test(fileName)) return 'yaml';
  return 'json';
}
