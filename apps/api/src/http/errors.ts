/**
 * Errors at the HTTP edge. Services throw ApiError (or the engine's EngineError); the central
 * handler maps both, once, to a status, a stable error code and a human message.
 */
import { EngineError, type EngineErrorCode } from '@coderprep/exam-engine';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';

export interface FieldIssue {
  /** Where: "body.email", "query.limit", "body.items.3.key". */
  path: string;
  message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new ApiError(400, code, message, details);
export const unauthorized = (message = 'Log in to continue.') =>
  new ApiError(401, 'unauthenticated', message);
export const forbidden = (message = 'You do not have access to this.') =>
  new ApiError(403, 'forbidden', message);
export const notFound = (what: string) => new ApiError(404, 'not-found', `${what} was not found.`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new ApiError(409, code, message, details);

/** The HTTP status of each engine error code. */
const ENGINE_STATUS: Record<EngineErrorCode, number> = {
  'invalid-item': 400,
  'invalid-code': 400,
  'invalid-response': 400,
  'invalid-blueprint': 400,
  'bank-shortage': 409,
  'invalid-transition': 409,
  'stale-sequence': 409,
  'deadline-passed': 409,
  'section-locked': 409,
  'invalid-attempt': 400,
  'invalid-event': 400,
  'invalid-code-set': 400,
  'invalid-analysis-input': 400,
};

/** Turns zod issues into field issues under a prefix ("body", "query", "params"). */
export function fieldIssues(error: ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** The one error handler: every error leaves as `{ error: { code, message, details?, requestId } }`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(req.id ?? '');
    let status = 500;
    let code = 'internal';
    let message = 'Something went wrong on our side. Try again; if it persists, tell us the request id.';
    let details: unknown;
    if (err instanceof ApiError) {
      ({ status, code, message, details } = err);
      for (const [name, value] of Object.entries(err.headers ?? {})) res.setHeader(name, value);
    } else if (err instanceof EngineError) {
      status = ENGINE_STATUS[err.code] ?? 400;
      code = err.code;
      message = err.message;
      details = err.details;
    } else if (err instanceof ZodError) {
      status = 400;
      code = 'invalid-body';
      message = 'The request is not valid.';
      details = fieldIssues(err, 'body');
    } else if (err?.type === 'entity.parse.failed') {
      status = 400;
      code = 'malformed-json';
      message = 'The request body is not valid JSON.';
    } else if (err?.type === 'entity.too.large') {
      status = 413;
      code = 'body-too-large';
      message = 'The request body is too large.';
    }
    if (status >= 500) logger.error({ err, requestId }, 'request failed');
    if (res.headersSent) return;
    res
      .status(status)
      .json({ error: { code, message, ...(details === undefined ? {} : { details }), requestId } });
  };
}
