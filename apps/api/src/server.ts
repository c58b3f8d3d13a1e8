/**
 * Starts the platform: one process, one port. Opens DATA_DIR/coderprep.db (applying
 * migrations), loads official code tables when CODESETS_DIR is set, seeds the demo program on an
 * empty database in demo mode, serves the API (and the built web app when present), and
 * finalises expired attempts in the background.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkpointInBackground, closeDatabase, openDatabase } from '@coderprep/db';
import { pino } from 'pino';
import { createApp } from './app';
import { systemClock } from './clock';
import { loadCodeSetDir } from './codesets';
import { loadConfig } from './config';
import { seedDemo } from './demo/seed';
import type { Deps } from './deps';
import { startBackgroundJobs } from './jobs';
import { recordProcessMetrics } from './ops/process-metrics';

async function main() {
  const config = loadConfig();
  recordProcessMetrics(process.env.METRICS_FILE, Number(process.env.METRICS_INTERVAL_MS));
  const logger = pino({ level: config.logLevel });
  const dbFile = resolve(config.dataDir, 'coderprep.db');
  const db = openDatabase({ file: dbFile });
  // WAL checkpoints (tens of ms each) run in a worker thread, not in the middle of a save.
  const checkpoints = checkpointInBackground(db.$client, {
    onError: (err) =>
      logger.error({ err }, 'background WAL checkpoints failed; the server checkpoints by itself'),
  });
  const codeSet = loadCodeSetDir(config.codesetsDir, logger);
  const deps: Deps = { db, clock: systemClock, logger, config, codeSet, newId: randomUUID };

  const seeded = config.demo ? await seedDemo(deps) : null;

  const here = dirname(fileURLToPath(import.meta.url));
  const webDir = join(here, '..', '..', 'web', 'dist');
  const app = createApp(deps, existsSync(join(webDir, 'index.html')) ? { webDir } : {});
  // A deep accept backlog: a cohort's exam day opens hundreds of connections within seconds
  // (Node's default of 511 made clients wait seconds to connect in the L load test).
  const server = app.listen({ port: config.port, host: config.host, backlog: 4096 }, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`\nCoderPrep is running at http://localhost:${port}  (data: ${dbFile})`);
    if (config.demo) {
      console.log(
        seeded ? 'Demo program seeded.' : 'Demo mode: the database already had data; nothing seeded.',
      );
      console.log(`Demo logins (password "${config.demoPassword}"):`);
      for (const email of ['admin@demo.test', 'instructor@demo.test', 'student@demo.test'])
        console.log(`  ${email}`);
    }
  });
  const jobs = startBackgroundJobs(deps);

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    jobs.stop();
    server.close(() => {
      void checkpoints.stop().finally(() => {
        closeDatabase(db);
        process.exit(0);
      });
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
