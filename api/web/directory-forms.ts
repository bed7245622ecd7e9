// The directory forms' shared parts: a refusal shown beside its form, and the agency form's
// fields read over the entry they edit.
import type { Request } from 'express';
import { ZodError } from 'zod';
import { schemaIssueLines, toHttpError } from '../errors.ts';
import { field } from './forms.ts';
import { say, type Flash, type View } from './layout.ts';

/** Counts a redirect after a merge carries, for its flash. */
export const count = (req: Request, name: string): number => {
  const n = Number(req.query[name]);
  return Number.isInteger(n) && n >= 0 ? n : 0;
};

/** A refused form: the reason beside the form; not found, forbidden and failures go to the error page. */
export function refused(v: View, err: unknown): { flash: Flash; status: number } {
  const http = toHttpError(err, v.lang);
  if (http.status >= 500 || [401, 403, 404].includes(http.status)) throw err;
  if (err instanceof ZodError)
    return {
      flash: { kind: 'error', text: v.t.invalidInput, items: schemaIssueLines(err, v.lang) },
      status: 400,
    };
  return { flash: { kind: 'error', text: http.message }, status: http.status };
}

/** The agency form's fields over the entry as it was (escalation and the rest kept). */
export function agencyFromForm(req: Request, v: View, base: object = {}): object {
  const lines = (name: string) =>
    (field(req, name, 10_000) ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const focalPoints = lines('focalPoints').map((line) => {
    const cut = line.lastIndexOf(',');
    if (cut < 1) {
      throw new ZodError([
        {
          code: 'custom',
          path: [],
          message: say(v, 'directory.bad-contact-line', { line: line.slice(0, 100) }),
          input: line,
        },
      ]);
    }
    return { name: line.slice(0, cut).trim(), email: line.slice(cut + 1).trim() };
  });
  const headOf = (base as { head?: object }).head ?? {};
  return {
    ...base,
    name: field(req, 'name', 300),
    shortNames: lines('shortNames'),
    level: field(req, 'level', 50),
    localityId: field(req, 'localityId', 100),
    isCommune: field(req, 'isCommune', 5) === '1',
    head: { ...headOf, name: field(req, 'headName', 200), email: field(req, 'headEmail', 254) },
    focalPoints,
  };
}
