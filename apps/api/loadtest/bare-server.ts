/**
 * The bare-endpoint ceiling: the production app's middleware stack (pino-http with the same
 * request ids, security headers, CSRF guard, JSON parser, session loader reading the same
 * database) and ONE route shaped like a save that does no work. Whatever the real save adds on
 * top of this is the save path's own cost. Started by the load harness as a child process; never
 * part of the production app. Keep the middleware in step with createApp (src/app.ts).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { closeDatabase, openDatabase } from '@coderprep/db';
import express from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { loadSession } from '../src/auth/sessions';
import { systemClock } from '../src/clock';
import { loadCodeSetDir } from '../src/codesets';
import { loadConfig } from '../src/config';
import type { Deps } from '../src/deps';
import { errorHandler, unauthorized } from '../src/http/errors';
import { csrfGuard } from '../src/http/security';
import { recordProcessMetrics } from '../src/ops/process-metrics';

const config = loadConfig();
recordProcessMetrics(process.env.METRICS_FILE);
const logger = pino({ level: config.logLevel });
const db = openDatabase({ file: resolve(config.dataDir, 'coderprep.db'), migrate: false });
const deps: Deps = {
  db,
  clock: systemClock,
  logger,
  config,
  codeSet: loadCodeSetDir(undefined, logger),
  newId: randomUUID,
};

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', false);
app.use(
  pinoHttp({
    logger,
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
app.use('/api', express.json({ limit: '2mb', strict: true }));
app.use('/api', loadSession(deps));
app.get('/api/health', (_req, res) => {
  res.json({ status: 'ok' });
});
// Same method, path shape, body and answer size as a save; no validation, no database write.
app.put('/api/attempts/:attemptId/items/:itemId/response', (req, res, next) => {
  if (!req.user) return next(unauthorized());
  const seq = (req.body as { seq?: unknown } | undefined)?.seq;
  res.json({ itemId: req.params.itemId, seq, savedAt: deps.clock.now() });
});
app.use(errorHandler(logger));

const server = app.listen(config.port, config.host);
const stop = () => {
  server.close(() => {
    closeDatabase(db);
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
