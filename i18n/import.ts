// Refusals and warnings of the importer: the file, the table's shape, the plan and directory.
import { msg } from './catalogue.ts';

export const importMessages = {
  'import.file.unreadable': msg<{ reason: string }>(
    (p) => `Không đọc được tệp: ${p.reason}`,
    (p) => `The file cannot be read: ${p.reason}`,
  ),
};
