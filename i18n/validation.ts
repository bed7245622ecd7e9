// Refusals at the edges: a request that fails its schema (zod's issues, worded by zod's own
// Vietnamese and English locales rather than translated by hand here), a plan or directory
// file that cannot be read, the API's HTTP errors, and the command line.
import { z } from 'zod';
import { msg, type Lang, type Message } from './catalogue.ts';

/**
 * A zod issue as message parameters: `issue` is the issue's own fields as JSON (the locales
 * read its code, bounds, expected and received types), `en` the English text the schema gave,
 * which is kept as is: a schema's own English wording (a refinement's message) has no better
 * English than itself.
 */
export type SchemaIssueParams = { issue: string; en: string };

/** The fields of a zod issue the locales read; `received` stands for the refused input. */
export interface SchemaIssue {
  code: string;
  received?: string;
  [field: string]: unknown;
}

const LOCALES = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

/**
 * A value of the type zod named: the locales name the received type from the input itself,
 * and a finished issue keeps only the type's name.
 */
function sample(received: string | undefined): unknown {
  switch (received) {
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'nan':
    case 'NaN':
      return Number.NaN;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    case 'null':
      return null;
    case 'bigint':
      return BigInt(0);
    default:
      return undefined;
  }
}

/** A zod issue in `lang`, worded by zod's locale for that language. */
export function schemaIssueText(issue: SchemaIssue, lang: Lang): string {
  const out = LOCALES[lang]({ ...issue, input: sample(issue.received) } as never);
  const text = typeof out === 'string' ? out : out?.message;
  return text ?? (lang === 'vi' ? 'Dữ liệu không hợp lệ' : 'Invalid input');
}

function parseIssue(json: string): SchemaIssue {
  try {
    const value = JSON.parse(json) as unknown;
    if (value && typeof value === 'object' && typeof (value as SchemaIssue).code === 'string')
      return value as SchemaIssue;
  } catch {
    // Not an issue: worded as zod words one it does not know.
  }
  return { code: 'custom' };
}

const schemaMessage: Message<SchemaIssueParams> = msg<SchemaIssueParams>(
  (p) => schemaIssueText(parseIssue(p.issue), 'vi'),
  (p) => p.en || schemaIssueText(parseIssue(p.issue), 'en'),
);

/** zod's issue codes, each a catalogue code of its own so a reader can tell them apart. */
export const SCHEMA_CODES = {
  invalid_type: 'validation.invalid-type',
  too_big: 'validation.too-big',
  too_small: 'validation.too-small',
  invalid_format: 'validation.invalid-format',
  not_multiple_of: 'validation.not-multiple-of',
  unrecognized_keys: 'validation.unrecognized-keys',
  invalid_union: 'validation.invalid-union',
  invalid_key: 'validation.invalid-key',
  invalid_element: 'validation.invalid-element',
  invalid_value: 'validation.invalid-value',
  custom: 'validation.custom',
} as const;

/** Why an upload could not be read, by multer's error code. */
const UPLOAD_REASONS: Record<string, { vi: string; en: string }> = {
  LIMIT_PART_COUNT: { vi: 'biểu mẫu có quá nhiều phần', en: 'the form has too many parts' },
  LIMIT_FILE_SIZE: { vi: 'tệp quá lớn', en: 'the file is too large' },
  LIMIT_FILE_COUNT: { vi: 'chỉ gửi một tệp mỗi lần', en: 'send one file at a time' },
  LIMIT_FIELD_KEY: { vi: 'tên một trường quá dài', en: 'a field name is too long' },
  LIMIT_FIELD_VALUE: { vi: 'giá trị một trường quá dài', en: 'a field value is too long' },
  LIMIT_FIELD_COUNT: { vi: 'biểu mẫu có quá nhiều trường', en: 'the form has too many fields' },
  LIMIT_UNEXPECTED_FILE: {
    vi: 'tệp được gửi trong một trường không nhận tệp (tệp phải ở trường "file")',
    en: 'a file was sent in a field that takes none (send it as "file")',
  },
  MISSING_FIELD_NAME: { vi: 'một trường không có tên', en: 'a field has no name' },
};
const uploadReason = (reason: string, lang: Lang): string =>
  UPLOAD_REASONS[reason]?.[lang] ??
  (lang === 'vi' ? 'biểu mẫu bị cắt ngang hoặc sai định dạng' : reason);

/** Where a YAML or JSON parser stopped, when it said so. */
const at = (p: { line?: number | string; column?: number | string }, lang: Lang): string => {
  if (p.line === undefined || p.line === '') return '';
  if (lang === 'vi') return ` ở dòng ${p.line}${p.column ? `, cột ${p.column}` : ''}`;
  return ` at line ${p.line}${p.column ? `, column ${p.column}` : ''}`;
};

/**
 * What the parser found wrong: yaml's `YAMLError.code`, and two of our own for what JSON.parse
 * and yaml's alias limit say without a code.
 */
const SYNTAX_PROBLEMS: Record<string, { vi: string; en: string }> = {
  ALIAS_PROPS: { vi: 'một bí danh (alias) có thuộc tính', en: 'an alias has properties' },
  BAD_ALIAS: { vi: 'bí danh (alias) không hợp lệ', en: 'an invalid alias' },
  BAD_DIRECTIVE: { vi: 'chỉ thị không hợp lệ', en: 'an invalid directive' },
  BAD_DQ_ESCAPE: {
    vi: 'ký tự thoát sai trong chuỗi ngoặc kép',
    en: 'a bad escape in a double-quoted string',
  },
  BAD_INDENT: { vi: 'thụt lề sai', en: 'wrong indentation' },
  BAD_PROP_ORDER: { vi: 'thuộc tính sai thứ tự', en: 'properties in the wrong order' },
  BAD_SCALAR_START: { vi: 'giá trị bắt đầu bằng ký tự không hợp lệ', en: 'a bad value start' },
  BLOCK_AS_IMPLICIT_KEY: {
    vi: 'một khối được dùng làm khóa',
    en: 'a block used as an implicit key',
  },
  BLOCK_IN_FLOW: { vi: 'khối nằm trong cấu trúc một dòng', en: 'a block inside a flow collection' },
  DUPLICATE_KEY: { vi: 'một khóa xuất hiện hai lần', en: 'a key appears twice' },
  IMPOSSIBLE: { vi: 'cấu trúc không thể đọc được', en: 'an unreadable structure' },
  KEY_OVER_1024_CHARS: { vi: 'khóa dài hơn 1024 ký tự', en: 'a key longer than 1024 characters' },
  MISSING_CHAR: { vi: 'thiếu ký tự đóng', en: 'a missing closing character' },
  MULTILINE_IMPLICIT_KEY: { vi: 'khóa kéo dài nhiều dòng', en: 'a key spanning several lines' },
  MULTIPLE_ANCHORS: { vi: 'nhiều neo (anchor) cho một nút', en: 'several anchors on one node' },
  MULTIPLE_DOCS: { vi: 'tệp có nhiều tài liệu YAML', en: 'the file holds several YAML documents' },
  MULTIPLE_TAGS: { vi: 'nhiều thẻ cho một nút', en: 'several tags on one node' },
  RESOURCE_EXHAUSTION: {
    vi: 'quá nhiều bí danh (alias) lồng nhau',
    en: 'too many nested aliases',
  },
  TAB_AS_INDENT: { vi: 'dùng phím Tab để thụt lề', en: 'a tab used for indentation' },
  TAG_RESOLVE_FAILED: { vi: 'thẻ không xác định', en: 'an unknown tag' },
  UNEXPECTED_TOKEN: { vi: 'ký hiệu không mong đợi', en: 'an unexpected token' },
  UNEXPECTED_END: { vi: 'nội dung dừng giữa chừng', en: 'the text ends too early' },
};
const syntaxProblem = (problem: string | undefined, lang: Lang): string => {
  const known = SYNTAX_PROBLEMS[problem ?? ''];
  if (known) return `: ${known[lang]}`;
  return '';
};

/** The outcomes of an import, as the command line names them. */
const OUTCOMES: Record<string, { vi: string; en: string }> = {
  created: { vi: 'mới', en: 'created' },
  updated: { vi: 'cập nhật', en: 'updated' },
  unchanged: { vi: 'không thay đổi', en: 'unchanged' },
};

export const validationMessages = {
  // Request validation: the summary, and each issue by zod's code.
  'validation.invalid-input': msg<{ issues: string }>(
    (p) => `Dữ liệu không hợp lệ: ${p.issues}`,
    (p) => `Invalid input: ${p.issues}`,
  ),
  'validation.whole-body': msg(
    () => '(toàn bộ nội dung)',
    () => '(body)',
  ),
  ...(Object.fromEntries(Object.values(SCHEMA_CODES).map((c) => [c, schemaMessage])) as Record<
    (typeof SCHEMA_CODES)[keyof typeof SCHEMA_CODES],
    Message<SchemaIssueParams>
  >),

  // Refinements of the shared schemas (common/), named by their code in the issue's params.
  'validation.period-order': msg(
    () => 'Năm kết thúc giai đoạn không được trước năm bắt đầu',
    () => 'the period must not end before it starts',
  ),
  'validation.ref-twice': msg<{ ref: string; first: string; second: string }>(
    (p) => `STT ${p.ref} xuất hiện hai lần (${p.first} và ${p.second})`,
    (p) => `STT ${p.ref} appears twice (${p.first} and ${p.second})`,
  ),
  'validation.iso-duration': msg(
    () => 'phải là một khoảng thời gian theo ISO-8601, ví dụ P7D, PT12H hoặc PT30S',
    () => 'must be an ISO-8601 duration such as P7D, PT12H or PT30S',
  ),
  'validation.lead-also-coordinating': msg(
    () => 'Cơ quan chủ trì không thể đồng thời là cơ quan phối hợp',
    () => 'the lead agency cannot also be a coordinating agency',
  ),
  'validation.agency-twice': msg<{ agency: string }>(
    (p) => `Cơ quan ${p.agency} được liệt kê hai lần`,
    (p) => `agency ${p.agency} is listed twice`,
  ),
  'validation.agencies-repeat': msg(
    () => 'Có cơ quan được liệt kê hai lần',
    () => 'an agency is listed twice',
  ),

  // Plan and directory files (plans/definition.ts).
  'definition.plan.not-json': msg(
    () => 'Tệp kế hoạch không đúng định dạng JSON',
    () => 'The plan file is not valid JSON',
  ),
  'definition.plan.not-yaml': msg(
    () => 'Tệp kế hoạch không đúng định dạng YAML',
    () => 'The plan file is not valid YAML',
  ),
  'definition.directory.not-json': msg(
    () => 'Tệp danh bạ không đúng định dạng JSON',
    () => 'The directory file is not valid JSON',
  ),
  'definition.directory.not-yaml': msg(
    () => 'Tệp danh bạ không đúng định dạng YAML',
    () => 'The directory file is not valid YAML',
  ),
  'definition.plan.has-errors': msg(
    () => 'Tệp kế hoạch có lỗi',
    () => 'The plan file has errors',
  ),
  'definition.directory.has-errors': msg(
    () => 'Tệp danh bạ có lỗi',
    () => 'The directory file has errors',
  ),
  'definition.syntax': msg<{
    format: string;
    line?: number;
    column?: number;
    problem?: string;
    reason: string;
  }>(
    (p) => `Sai cú pháp ${p.format}${at(p, 'vi')}${syntaxProblem(p.problem, 'vi')}`,
    (p) => p.reason,
  ),
  'definition.empty': msg<{ format: string }>(
    (p) => `Tệp trống, không có nội dung ${p.format}`,
    (p) => `The file is empty; it holds no ${p.format}`,
  ),
  'definition.no-plan-chosen': msg(
    () => 'Chưa chọn kế hoạch',
    () => 'No plan chosen',
  ),
  'definition.choose-plan': msg(
    () => 'Hãy chọn kế hoạch mà bảng phân công thuộc về',
    () => 'choose the plan',
  ),

  // The API's HTTP errors (api/errors.ts).
  'http.file-too-large': msg(
    () => 'Tệp lớn hơn 5 MB; một bảng phân công nhỏ hơn nhiều',
    () => 'The file is larger than 5 MB; an assignment table is far smaller',
  ),
  'http.body-too-large': msg(
    () => 'Nội dung yêu cầu quá lớn',
    () => 'The request body is too large',
  ),
  'http.invalid-upload': msg<{ reason: string }>(
    (p) => `Không đọc được tệp tải lên: ${uploadReason(p.reason, 'vi')}`,
    (p) => `Invalid upload: ${uploadReason(p.reason, 'en')}`,
  ),
  'http.upload-unreadable': msg<{ reason: string }>(
    () => 'Không đọc được tệp tải lên: biểu mẫu bị cắt ngang hoặc sai định dạng',
    (p) => `The upload cannot be read: ${p.reason}`,
  ),
  'http.no-file-field': msg(
    () => 'Biểu mẫu không có trường "file" chứa bảng phân công',
    () => 'The form has no "file" field with the assignment table',
  ),
  'http.invalid-json': msg(
    () => 'Nội dung yêu cầu không phải JSON hợp lệ',
    () => 'The request body is not valid JSON',
  ),
  'http.bad-request': msg<{ reason: string }>(
    () => 'Không đọc được nội dung yêu cầu (bảng mã, cách nén hoặc độ dài không hợp lệ)',
    (p) => p.reason,
  ),
  'http.cycle-exists': msg<{ id: string }>(
    (p) => `Chu kỳ ${p.id} đã tồn tại`,
    (p) => `Cycle ${p.id} already exists`,
  ),
  'http.duty-exists': msg<{ id: string }>(
    (p) => `Nhiệm vụ ${p.id} đã tồn tại`,
    (p) => `Duty ${p.id} already exists`,
  ),
  'http.not-found': msg<{ id: string }>(
    (p) => `Không tìm thấy mục có mã ${p.id}`,
    (p) => `Nothing with id ${p.id}`,
  ),
  'http.no-route': msg<{ method: string; path: string }>(
    (p) => `Không có đường dẫn ${p.method} ${p.path}`,
    (p) => `No route for ${p.method} ${p.path}`,
  ),
  'http.unauthorized': msg(
    () => 'Hãy gửi mã truy cập API trong tiêu đề "Authorization: Bearer <mã>"',
    () => 'Send the API token as "Authorization: Bearer <token>"',
  ),
  'http.cross-site': msg(
    () => 'Không nhận yêu cầu ghi dữ liệu gửi từ một trang web khác',
    () => 'Writes from another site are refused',
  ),
  'http.internal': msg(
    () => 'Hệ thống gặp lỗi. Vui lòng thử lại sau.',
    () => 'Internal error',
  ),

  // The command line (scripts/cli.ts).
  'cli.would-import': msg<{ planId: string; duties: number; instances: number; agencies: number }>(
    (p) =>
      `Sẽ nhập kế hoạch ${p.planId}: ${p.duties} nhiệm vụ, ${p.instances} lần thực hiện, ${p.agencies} cơ quan`,
    (p) =>
      `Would import plan ${p.planId}: ${p.duties} duties, ${p.instances} instances, ${p.agencies} agencies`,
  ),
  'cli.imported': msg<{
    outcome: string;
    planId: string;
    duties: number;
    instances: number;
    agencies: number;
  }>(
    (p) =>
      `Đã nhập (${OUTCOMES[p.outcome]?.vi ?? p.outcome}) kế hoạch ${p.planId}: ${p.duties} nhiệm vụ, ${p.instances} lần thực hiện, ${p.agencies} cơ quan`,
    (p) =>
      `Imported (${p.outcome}) plan ${p.planId}: ${p.duties} duties, ${p.instances} instances, ${p.agencies} agencies`,
  ),
  'cli.standing': msg<{ name: string }>(
    (p) => `Cơ quan thường trực: ${p.name}`,
    (p) => `standing agency: ${p.name}`,
  ),
  'cli.coordinating': msg<{ names: string }>(
    (p) => `phối hợp: ${p.names}`,
    (p) => `coordinating: ${p.names}`,
  ),
  'cli.due': msg<{ time: string; due: string }>(
    (p) => `hạn (${p.time}): ${p.due}`,
    (p) => `due (${p.time}): ${p.due}`,
  ),
  'cli.directory-imported': msg<{ localities: number; agencies: number }>(
    (p) => `Đã nhập ${p.localities} địa bàn và ${p.agencies} cơ quan`,
    (p) => `Imported ${p.localities} localities and ${p.agencies} agencies`,
  ),
  'cli.warnings': msg(
    () => 'Cảnh báo (không ngăn việc nhập):',
    () => 'Warnings (the file is still imported):',
  ),
  'cli.needs-file': msg<{ command: string }>(
    (p) => `Lệnh ${p.command} cần một tệp`,
    (p) => `${p.command} needs a file`,
  ),
  'cli.needs-plan-year': msg<{ command: string }>(
    (p) => `Lệnh ${p.command} cần --plan và --year`,
    (p) => `${p.command} needs --plan and --year`,
  ),
  'cli.needs-plan': msg<{ command: string }>(
    (p) => `Lệnh ${p.command} cần --plan <mã kế hoạch>`,
    (p) => `${p.command} needs --plan <planId>`,
  ),
  'cli.unknown-command': msg<{ command: string }>(
    (p) => `Không có lệnh "${p.command}"`,
    (p) => `unknown command "${p.command}"`,
  ),
  'cli.no-plan': msg<{ planId: string }>(
    (p) => `Không có kế hoạch "${p.planId}"`,
    (p) => `no plan "${p.planId}"`,
  ),
  'cli.year-outside': msg<{ from: number; to: number; year: number }>(
    (p) => `Kế hoạch thực hiện trong giai đoạn ${p.from}–${p.to}, không gồm năm ${p.year}`,
    (p) => `the plan runs ${p.from}–${p.to}, not ${p.year}`,
  ),
  'cli.cycle-exists': msg<{ id: string }>(
    (p) => `Chu kỳ ${p.id} đã tồn tại`,
    (p) => `the cycle ${p.id} already exists`,
  ),
  'cli.started': msg<{ id: string }>(
    (p) => `Đã bắt đầu ${p.id}`,
    (p) => `Started ${p.id}`,
  ),
};
