/**
 * Builds the HTTP app from its dependencies. It never listens: server.ts does, and tests call
 * the app in-process.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { attemptRoutes } from './attempts/routes';
import { authRoutes } from './auth/routes';
import { loadSession } from './auth/sessions';
import { bankRoutes } from './banks/routes';
import { cohortRoutes } from './cohorts/routes';
import type { Deps } from './deps';
import { examRoutes } from './exams/routes';
import { errorHandler, notFound } from './http/errors';
import { type AnyRoute, mountRoutes, openApiDocument } from './http/route';
import { csrfGuard } from './http/security';
import { IMPORTS_PATH, importJsonParser, importRoutes } from './imports/routes';
import { orgRoutes } from './orgs/routes';
import { resultRoutes } from './results/routes';
import { type DocumentRef, systemRoutes } from './system/routes';

/** Every route of the platform, in one list: the OpenAPI document and the authorisation matrix read it. */
export function allRoutes(deps: Deps, document: DocumentRef = { current: {} }): AnyRoute[] {
  return [
    ...systemRoutes(deps, document),
    ...authRoutes(deps),
    ...bankRoutes(deps),
    ...attemptRoutes(deps),
    ...resultRoutes(deps),
    ...orgRoutes(deps),
    ...examRoutes(deps),
    ...cohortRoutes(deps),
    ...importRoutes(deps),
  ];
}

export interface AppOptions {
  /** Directory of the built web app to serve (production), if any. */
  webDir?: string;
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy ? 1 : false);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  app.use('/api', csrfGuard);
  app.use(IMPORTS_PATH, importJsonParser);
  app.use('/api', express.json({ limit: '2mb', strict: true }));
  app.use('/api', loadSession(deps));

  const document: DocumentRef = { current: {} };
  const routes = allRoutes(deps, document);
  document.current = openApiDocument(routes, { title: 'CoderPrep API', version: '0.1.0' });
  const api = express.Router();
  mountRoutes(api, routes, deps);
  app.use(api);
  app.use('/api', (_req, _res, next) => next(notFound('This API route')));

  if (options.webDir) {
    const webDir = options.webDir;
    app.use(express.static(webDir, { index: false, maxAge: '1h' }));
    // The web app routes on the client: every other GET gets its shell.
    app.get('/{*path}', (_req, res) => res.sendFile('index.html', { root: webDir }));
  }

  app.use(errorHandler(deps.logger));
  return app;
}
