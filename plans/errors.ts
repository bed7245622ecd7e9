/** One problem in an imported file, located so a coordinator can find it. */
export interface ImportIssue {
  /** Where: a JSON path (`duties.3.time`) or a table position (`row 12, column "Thời gian"`). */
  at: string;
  message: string;
}

/** A file that cannot be imported; every problem found is listed, not just the first. */
export class ImportError extends Error {
  readonly issues: ImportIssue[];

  constructor(summary: string, issues: ImportIssue[]) {
    super(`${summary}: ${issues.map((i) => `${i.at}: ${i.message}`).join('; ')}`);
    this.name = 'ImportError';
    this.issues = issues;
  }
}
