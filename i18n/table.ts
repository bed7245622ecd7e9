// Refusals of the assignment-table reader (plans/table.ts, csv.ts, docx.ts, workbook-size.ts):
// the file itself, the table's header, and its rows and cells. Column names are quoted as the
// plan writes them (Vietnamese) in both languages: they are the words on the coordinator's page.
import { msg } from './catalogue.ts';

export const tableMessages = {
  // Summaries: the first line of a refusal, above its located issues.
  'table.summary.csv-unreadable': msg(
    () => 'Không đọc được tệp CSV',
    () => 'The CSV file cannot be read',
  ),
  'table.summary.file-unreadable': msg(
    () => 'Không đọc được tệp',
    () => 'The file cannot be read',
  ),
  'table.summary.workbook-empty': msg(
    () => 'Bảng tính không có dữ liệu',
    () => 'The workbook is empty',
  ),
  'table.summary.too-large': msg(
    () => 'Bảng quá lớn',
    () => 'The sheet is too large',
  ),
  'table.summary.no-table': msg(
    () => 'Không tìm thấy bảng phân công nhiệm vụ',
    () => 'No assignment table found',
  ),
  'table.summary.header-incomplete': msg(
    () => 'Dòng tiêu đề của bảng thiếu cột',
    () => 'The table header is incomplete',
  ),
  'table.summary.has-errors': msg(
    () => 'Bảng phân công có lỗi',
    () => 'The table has errors',
  ),
  'table.summary.no-duties': msg(
    () => 'Bảng phân công không có nhiệm vụ nào',
    () => 'The table has no duties',
  ),

  // The file.
  'table.file.not-utf8': msg(
    () => 'tệp không phải văn bản UTF-8; hãy lưu bảng dưới dạng CSV UTF-8, .xlsx hoặc .docx',
    () => 'it is not UTF-8 text; save the table as CSV UTF-8, .xlsx or .docx',
  ),
  'table.file.open-quote': msg(
    () => 'tệp CSV kết thúc khi một ô trong ngoặc kép chưa đóng (thiếu dấu " đóng)',
    () => 'the CSV ends inside a quoted field (a missing closing ")',
  ),
  'table.file.legacy-office': msg(
    () =>
      'đây là tệp Word hoặc Excel định dạng cũ (.doc, .xls); hãy lưu lại dưới dạng .docx hoặc .xlsx',
    () => 'it is an old Word or Excel file (.doc, .xls); save it as .docx or .xlsx',
  ),
  'table.file.not-xlsx': msg(
    () => 'tệp không phải bảng tính Excel (.xlsx); hãy lưu bảng dưới dạng .xlsx hoặc .csv',
    () => 'it is not an Excel workbook (.xlsx); save the table as .xlsx or .csv',
  ),
  'table.file.not-docx': msg(
    () => 'tệp không phải văn bản Word (.docx); hãy lưu kế hoạch dưới dạng .docx',
    () => 'it is not a Word document (.docx); save the plan as .docx',
  ),
  'table.file.unpacked-too-large': msg<{ mb: number }>(
    (p) => `tệp khi giải nén lớn hơn ${p.mb} MB; một bảng phân công nhỏ hơn nhiều`,
    (p) => `it holds more than ${p.mb} MB once unpacked; an assignment table is far smaller`,
  ),
  'table.file.sheets-too-large': msg<{ rows: number; cells: number }>(
    (p) =>
      `các trang tính có hơn ${p.rows} hàng hoặc ${p.cells} ô; một bảng phân công nhỏ hơn nhiều`,
    (p) =>
      `its sheets hold more than ${p.rows} rows or ${p.cells} cells; an assignment table is far smaller`,
  ),
  'table.file.document-too-large': msg<{ rows: number; cells: number }>(
    (p) =>
      `các bảng trong văn bản có hơn ${p.rows} hàng hoặc ${p.cells} ô; một bảng phân công nhỏ hơn nhiều`,
    (p) =>
      `its tables hold more than ${p.rows} rows or ${p.cells} cells; an assignment table is far smaller`,
  ),
  'table.file.too-many-rows': msg<{ max: number }>(
    (p) => `bảng có hơn ${p.max} hàng; một bảng phân công nhỏ hơn nhiều`,
    (p) => `more than ${p.max} rows; an assignment table is far smaller`,
  ),
  'table.file.no-cells': msg(
    () => 'không trang tính nào có dữ liệu',
    () => 'no sheet has any cells',
  ),

  // The header.
  'table.header.not-found': msg<{ expected: string }>(
    (p) => `không có hàng nào có các cột ${p.expected}`,
    (p) => `no row has the columns ${p.expected}`,
  ),
  'table.header.missing': msg<{ columns: string }>(
    (p) => `thiếu cột ${p.columns}`,
    (p) => `missing column ${p.columns}`,
  ),

  // Rows and cells.
  'table.row.continued-orphan': msg(
    () => 'hàng nối tiếp một ô nhưng phía trên không có hàng nào để nối vào',
    () => 'a continued cell with no row above it to continue',
  ),
  'table.row.no-parent': msg(
    () => 'hàng không có STT và phía trên không có hàng dự án nào',
    () => 'the row has no STT and no project row above it',
  ),
  'table.row.none-below-header': msg(
    () => 'không có hàng nào dưới dòng tiêu đề',
    () => 'no rows below the header',
  ),
  'table.cell.empty': msg(
    () => 'ô để trống',
    () => 'is empty',
  ),
  'table.cell.too-long': msg<{ max: number }>(
    (p) => `ô dài hơn ${p.max} ký tự`,
    (p) => `is longer than ${p.max} characters`,
  ),
  'table.ref.duplicate': msg<{ ref: string; first: number; second: number }>(
    (p) => `STT ${p.ref} xuất hiện hai lần (hàng ${p.first} và hàng ${p.second})`,
    (p) => `STT ${p.ref} appears twice (rows ${p.first} and ${p.second})`,
  ),
};
