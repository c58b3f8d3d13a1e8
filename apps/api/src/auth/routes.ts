import { loginBodySchema, meSchema, signupBodySchema } from '@coderprep/contracts';
import type { Deps } from '../deps';
import { defineRoute } from '../http/route';
import { createAuthService } from './service';
import { endSession, startSession } from './sessions';

export function authRoutes(deps: Deps) {
  const auth = createAuthService(deps);
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/signup',
      summary: 'Create an account and log in',
      tag: 'auth',
      access: 'public',
      body: signupBodySchema,
      response: meSchema,
      status: 201,
      handler: async ({ body, req, res }) => {
        const user = await auth.signup(body);
        startSession(deps, req, res, user.id);
        return auth.me(user);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with email and password (starts a new session)',
      tag: 'auth',
      access: 'public',
      body: loginBodySchema,
      response: meSchema,
      handler: async ({ body, req, res }) => {
        const user = await auth.login(body.email, body.password, req.ip ?? 'unknown');
        // A fresh session id at every login; any session the browser had is ended first.
        endSession(deps, req, res, { clearCookie: false });
        startSession(deps, req, res, user.id);
        return auth.me(user);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Log out (destroys the session)',
      tag: 'auth',
      access: 'public',
      handler: ({ req, res }) => {
        endSession(deps, req, res);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      summary: 'The logged-in person and their roles',
      tag: 'auth',
      access: 'user',
      response: meSchema,
      handler: ({ user }) => auth.me(user),
    }),
  ];
}
