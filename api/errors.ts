import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { MulterError } from 'multer';
import { ZodError } from 'zod';
import {
  langFromHeader,
  render,
  type Lang,
  type MessageCode,
  type ParamsOf,
} from '../i18n/index.ts';
import { schemaMessage } from '../plans/definition.ts';
import { ImportError, localizeIssue } from '../plans/errors.ts';
import { Refusal, type RefusalKind } from '../use-cases/refusal.ts';
import { workflowRefusal } from '../use-cases/workflow-refusal.ts';
import { cookiesOf, LANG_COOKIE } from './session.ts';

/** A catalogue message with its parameters, rendered when the reader's language is known. */
interface Coded {
  code: MessageCode;
  params: object;
}

/** The one error type routes throw; the middleware turns it into JSON with its status. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** The message's catalogue entry; `message` is its English text. */
  readonly text: Coded | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, text?: Coded) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.text = text;
  }

  /** An error whose message is a catalogue entry, answered in the reader's language. */
  static coded<C extends MessageCode>(
    status: number,
    code: string,
    text: C,
    params: ParamsOf<C>,
    details?: unknown,
  ): HttpError {
    return new HttpError(status, code, render(text, params, 'en'), details, {
      code: text,
      params: params,
    });
  }

  /** The same error worded in `lang` (an uncoded one stays as it is). */
  withLang(lang: Lang): HttpError {
    return this.text
      ? new HttpError(this.status, this.code, this.messageIn(lang), this.details, this.text)
      : this;
  }

  /** The message in `lang`; an uncoded message has only its English. */
  messageIn(lang: Lang): string {
    return this.text ? render(this.text.code, this.text.params as never, lang) : this.message;
  }
}

/**
 * The reader's language for the JSON API: the pages' language cookie when set, else the
 * Accept-Language header; Vietnamese unless either asks for English.
 */
export function readerLang(req: Request): Lang {
  const cookie = cookiesOf(req)[LANG_COOKIE];
  if (cookie === 'en' || cookie === 'vi') return cookie;
  return langFromHeader(req.get('accept-language'));
}

/** The reason a workflow's update validator gave, found down the cause chain. */
function refusal(err: WorkflowUpdateFailedError): string {
  let cause: unknown = err.cause;
  while (cause instanceof Error) {
    if (!(cause.cause instanceof Error)) return cause.message;
    cause = cause.cause;
  }
  return err.message;
}

/** The type of the application failure a validator threw (e.g. `RateLimited`). */
function failureType(err: WorkflowUpdateFailedError): string | undefined {
  for (let cause: unknown = err.cause; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure) return cause.type ?? undefined;
  }
  return undefined;
}

/** Each issue of a failed validation by its path, a stable code and a message in `lang`. */
export function schemaIssues(err: ZodError, lang: Lang) {
  return err.issues.map((i) => {
    const coded = schemaMessage(i);
    return {
      path: i.path.map(String).join('.'),
      // zod's own code (too_small, invalid_type…), or a refinement's catalogue code.
      code: i.code === 'custom' && coded.code !== 'validation.custom' ? coded.code : i.code,
      message: render(coded.code, coded.params as never, lang),
    };
  });
}

/** A failed validation's issues as lines for a page: `path: message`, in `lang`. */
export const schemaIssueLines = (err: ZodError, lang: Lang): string[] =>
  schemaIssues(err, lang).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));

/** Request validation: each issue by its path, a stable code and a message in `lang`. */
function invalidInput(err: ZodError, lang: Lang): HttpError {
  const issues = schemaIssues(err, lang);
  const body = render('validation.whole-body', {}, lang);
  const summary = issues.map((i) => `${i.path || body}: ${i.message}`).join('; ');
  return new HttpError(
    400,
    'invalid_input',
    render('validation.invalid-input', { issues: summary }, lang),
    issues,
  );
}

/** What a refused import says before its issues, in `lang` when the summary is coded. */
export function importSummary(err: ImportError, lang: Lang): string {
  if (err.code) return render(err.code, {}, lang);
  // The English summary is the message up to the issues the constructor appended to it.
  const listed = err.issues.map((i) => `${i.at}: ${i.message}`).join('; ');
  return err.message.endsWith(`: ${listed}`)
    ? err.message.slice(0, err.message.length - listed.length - 2)
    : err.message;
}

/** A refused import: its summary and every issue, localized. */
function importRefused(err: ImportError, lang: Lang): HttpError {
  const issues = err.issues.map((i) => {
    const l = localizeIssue(i, lang);
    return {
      at: l.at,
      ...(l.code ? { code: l.code } : {}),
      message: l.message,
      severity: l.severity ?? 'error',
    };
  });
  const message = `${importSummary(err, lang)}: ${issues.map((i) => `${i.at}: ${i.message}`).join('; ')}`;
  return new HttpError(400, 'import_refused', message, issues);
}

const REFUSAL_STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** Any error as the HTTP answer a reader of `lang` gets (English by default, for logs). */
export function toHttpError(err: unknown, lang: Lang = 'en'): HttpError {
  if (err instanceof HttpError) return err.withLang(lang);
  if (err instanceof Refusal) {
    return new HttpError(REFUSAL_STATUS[err.kind], err.code, err.message, err.details, {
      code: err.msgCode,
      params: err.params,
    }).withLang(lang);
  }
  if (err instanceof ZodError) return invalidInput(err, lang);
  if (err instanceof ImportError) return importRefused(err, lang);
  // A workflow validator's coded refusal (its failure type is a catalogue code).
  const refused = workflowRefusal(err);
  if (refused) return toHttpError(refused, lang);
  const coded = codedError(err);
  return toHttpError(coded ?? HttpError.coded(500, 'internal', 'http.internal', {}), lang);
}

/** The library errors the API answers with a catalogue message, English until rendered. */
function codedError(err: unknown): HttpError | undefined {
  if (err instanceof MulterError) {
    return err.code === 'LIMIT_FILE_SIZE'
      ? HttpError.coded(413, 'too_large', 'http.file-too-large', {})
      : HttpError.coded(400, 'invalid_upload', 'http.invalid-upload', { reason: err.code });
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    const id = err.workflowId;
    return id.startsWith('cycle:')
      ? HttpError.coded(409, 'already_exists', 'http.cycle-exists', { id }, { id })
      : HttpError.coded(409, 'already_exists', 'http.duty-exists', { id }, { id });
  }
  if (err instanceof WorkflowUpdateFailedError) {
    // An uncoded refusal (none is left in this code), as the workflow words it.
    return failureType(err) === 'RateLimited'
      ? new HttpError(429, 'rate_limited', refusal(err))
      : new HttpError(409, 'refused', refusal(err));
  }
  if (err instanceof WorkflowNotFoundError) {
    return HttpError.coded(404, 'not_found', 'http.not-found', { id: err.workflowId ?? '' });
  }
  if (err instanceof SyntaxError && 'body' in err) {
    return HttpError.coded(400, 'invalid_json', 'http.invalid-json', {});
  }
  // body-parser's errors (too large, bad encoding) carry their own 4xx status.
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return HttpError.coded(413, 'too_large', 'http.body-too-large', {});
    const reason = (err as Error).message;
    return new HttpError(status, 'bad_request', reason, undefined, {
      code: 'http.bad-request',
      params: { reason },
    });
  }
  return undefined;
}

export function errorMiddleware(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const http = toHttpError(err, readerLang(req));
    if (http.status >= 500) log('request failed', err);
    res.status(http.status).json({
      error: {
        code: http.code,
        message: http.message,
        ...(http.details ? { details: http.details } : {}),
      },
    });
  };
}

/**
 * A body declared larger than the API takes is refused before a byte of it is read, and the
 * connection closed after the answer. body-parser and multer read a refused body to its end
 * before answering, so a 50 MB upload was answered only once all 50 MB had arrived (found by
 * test/fuzz/api.test.ts). A body sent without a length is still read up to the limit.
 */
export function refuseOversized(limits: { body: number; upload: number }): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.get('content-length') ?? 0);
    const upload = req.is('multipart/form-data') !== false;
    if (declared <= (upload ? limits.upload : limits.body)) return next();
    res.set('Connection', 'close');
    next(
      upload
        ? HttpError.coded(413, 'too_large', 'http.file-too-large', {})
        : HttpError.coded(413, 'too_large', 'http.body-too-large', {}),
    );
  };
}
