// Import problems carry a stable code from the message catalogue (i18n/) with its parameters
// and a place; `at` and `message` are the English rendering, kept for logs and scripts. The
// edge renders them in the reader's language with `localizeIssue`.
import {
  render,
  renderPlace,
  type Lang,
  type MessageCode,
  type ParamsOf,
  type Place,
} from '../i18n/index.ts';

/** One problem in an imported file, located so a coordinator can find it. */
export interface ImportIssue {
  /** Where: a JSON path (`duties.3.time`) or a table position (`row 12, column "Thời gian"`). */
  at: string;
  message: string;
  /** The catalogue's code; every issue has one once the importer is fully coded. */
  code?: MessageCode;
  params?: Record<string, string | number | undefined>;
  place?: Place;
  /** A warning does not refuse the file; it is shown beside the dry run and the result. */
  severity?: 'error' | 'warning';
}

/** A coded issue: the English `at`/`message` come from the same catalogue entry. */
export function issue<C extends MessageCode>(
  code: C,
  params: ParamsOf<C>,
  place: Place,
  severity: 'error' | 'warning' = 'error',
): ImportIssue {
  return {
    at: renderPlace(place, 'en'),
    message: render(code, params, 'en'),
    code,
    params: params as Record<string, string | number | undefined>,
    place,
    severity,
  };
}

/** An issue as a reader of `lang` reads it. */
export function localizeIssue(i: ImportIssue, lang: Lang): ImportIssue {
  if (!i.code) return i;
  return {
    ...i,
    at: i.place ? renderPlace(i.place, lang) : i.at,
    message: render(i.code, (i.params ?? {}) as never, lang),
  };
}

/** A file that cannot be imported; every problem found is listed, not just the first. */
export class ImportError extends Error {
  readonly issues: ImportIssue[];
  /** The summary's code, when coded (e.g. `import.table.has-errors`). */
  readonly code: MessageCode | undefined;

  constructor(summary: string, issues: ImportIssue[], code?: MessageCode) {
    super(`${summary}: ${issues.map((i) => `${i.at}: ${i.message}`).join('; ')}`);
    this.name = 'ImportError';
    this.issues = issues;
    this.code = code;
  }
}
