import type { Response } from 'express';
import { toCsv, toXlsx, type Sheet } from '../exports/sheet.ts';

/**
 * Sends sheets as an XLSX workbook or, for CSV, the first sheet (a CSV holds one table). The
 * file name is ASCII (the plan id and period), so every browser keeps it.
 */
export async function sendTable(
  res: Response,
  format: 'xlsx' | 'csv',
  name: string,
  sheets: () => Sheet[],
): Promise<void> {
  const all = sheets();
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  if (format === 'csv') {
    const first = all[0];
    if (!first) throw new Error('an export needs at least one sheet');
    res.type('text/csv; charset=utf-8').attachment(`${safe}.csv`).send(toCsv(first));
    return;
  }
  res
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .attachment(`${safe}.xlsx`)
    .send(await toXlsx(all));
}
