import { parse as parseYaml } from 'yaml';
import { ZodError, type z } from 'zod';
import { Directory, PlanDefinition } from '../common/plan-schema.ts';
import { ImportError } from './errors.ts';

export type TextFormat = 'json' | 'yaml';

function parseText(text: string, format: TextFormat, what: string): unknown {
  try {
    // yaml refuses documents with more than 100 aliases, so a "billion laughs" bomb fails
    // here instead of expanding in memory.
    return format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new ImportError(`The ${what} is not valid ${format.toUpperCase()}`, [
      { at: 'file', message: (err as Error).message.split('\n')[0] ?? 'unreadable' },
    ]);
  }
}

function check<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  try {
    return schema.parse(value);
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    throw new ImportError(
      `The ${what} has errors`,
      err.issues.map((i) => ({ at: i.path.join('.') || '(top level)', message: i.message })),
    );
  }
}

export function readPlanDefinition(text: string, format: TextFormat): PlanDefinition {
  return check(PlanDefinition, parseText(text, format, 'plan file'), 'plan file');
}

export function readDirectory(text: string, format: TextFormat): Directory {
  return check(Directory, parseText(text, format, 'directory file'), 'directory file');
}

export function formatOf(fileName: string, contentType?: string): TextFormat {
  if (/ya?ml/i.test(contentType ?? '') || /\.ya?ml$/i.test(fileName)) return 'yaml';
  return 'json';
}
