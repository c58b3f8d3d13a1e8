/**
 * CSRF defence for cookie-authenticated writes, in two layers on top of SameSite=Lax cookies:
 * 1. an unsafe method must come with `Content-Type: application/json` (a cross-site HTML form
 *    cannot send that, and a cross-site script needs a CORS preflight we never grant);
 * 2. when the browser sends an Origin header, it must be this server's own origin.
 */
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a request must be refused, or null when it may go on. */
function refusal(req: Request): ApiError | null {
  if (SAFE.has(req.method)) return null;
  // Checked on the header itself: req.is() answers null for a request without a body.
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return new ApiError(415, 'json-required', 'Send the request with Content-Type: application/json.');
  }
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (!req.headers.host || originHost !== req.headers.host) {
    return new ApiError(403, 'cross-origin', 'Requests from another site are refused.');
  }
  return null;
}

export function csrfGuard(req: Request, _res: Response, next: NextFunction): void {
  next(refusal(req) ?? undefined);
}
