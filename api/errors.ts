import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { MulterError } from 'multer';
import { ZodError } from 'zod';
import { ImportError } from '../plans/errors.ts';

/** The one error type routes throw; the middleware turns it into JSON with its status. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
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

export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const summary = issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ');
    return new HttpError(400, 'invalid_input', `Invalid input: ${summary}`, issues);
  }
  if (err instanceof ImportError) {
    return new HttpError(400, 'import_refused', err.message, err.issues);
  }
  if (err instanceof MulterError) {
    return err.code === 'LIMIT_FILE_SIZE'
      ? new HttpError(
          413,
          'too_large',
          'The file is larger than 5 MB; an assignment table is far smaller',
        )
      : new HttpError(400, 'invalid_upload', `Invalid upload: ${err.message}`);
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    const what = err.workflowId.startsWith('cycle:') ? 'Cycle' : 'Duty';
    return new HttpError(409, 'already_exists', `${what} ${err.workflowId} already exists`, {
      id: err.workflowId,
    });
  }
  if (err instanceof WorkflowUpdateFailedError) {
    return failureType(err) === 'RateLimited'
      ? new HttpError(429, 'rate_limited', refusal(err))
      : new HttpError(409, 'refused', refusal(err));
  }
  if (err instanceof WorkflowNotFoundError) {
    return new HttpError(404, 'not_found', `Nothing with id ${err.workflowId ?? ''}`);
  }
  if (err instanceof SyntaxError && 'body' in err) {
    return new HttpError(400, 'invalid_json', 'The request body is not valid JSON');
  }
  // body-parser's errors (too large, bad encoding) carry their own 4xx status.
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = status === 413 ? 'The request body is too large' : (err as Error).message;
    return new HttpError(status, status === 413 ? 'too_large' : 'bad_request', message);
  }
  return new HttpError(500, 'internal', 'Internal error');
}

export function errorMiddleware(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const http = toHttpError(err);
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
      new HttpError(
        413,
        'too_large',
        upload
          ? 'The file is larger than 5 MB; an assignment table is far smaller'
          : 'The request body is too large',
      ),
    );
  };
}
