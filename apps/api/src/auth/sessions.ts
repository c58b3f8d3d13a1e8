/**
 * Cookie sessions stored server-side. The cookie holds 32 random bytes; the database holds only
 * their SHA-256, so a leaked database copy cannot be replayed as cookies.
 */
import { createHash, randomBytes } from 'node:crypto';
import { deleteSession, findLiveSession, insertSession } from '@coderprep/db';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import type { Deps } from '../deps';

export const SESSION_COOKIE = 'coderprep_session';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  createdAt: number;
  sessionId: string;
}

declare global {
  namespace Express {
    interface Request {
      user?: SessionUser | null;
    }
  }
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** The session token in the request's cookie, if any. */
export function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE];
}

/** Attaches the logged-in person (or null) to every request. */
export function loadSession(deps: Deps) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = sessionToken(req);
    req.user = null;
    if (token) {
      const found = findLiveSession(deps.db, digest(token), deps.clock.now());
      if (found) {
        const { id, email, name, createdAt } = found.user;
        req.user = { id, email, name, createdAt, sessionId: found.session.id };
      }
    }
    next();
  };
}

function setCookie(req: Request, res: Response, value: string, maxAgeSeconds: number): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value,
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: maxAgeSeconds,
    }),
  );
}

/** Starts a new session (a fresh id at every login) and sets its cookie. */
export function startSession(deps: Deps, req: Request, res: Response, userId: string): void {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  insertSession(deps.db, {
    id: digest(token),
    userId,
    createdAt: now,
    expiresAt: now + deps.config.sessionTtlMs,
  });
  setCookie(req, res, token, Math.floor(deps.config.sessionTtlMs / 1000));
}

/** Destroys the current session server-side and, unless a new one replaces it, clears the cookie. */
export function endSession(deps: Deps, req: Request, res: Response, options = { clearCookie: true }): void {
  const token = sessionToken(req);
  if (token) deleteSession(deps.db, digest(token));
  if (options.clearCookie) setCookie(req, res, '', 0);
}
