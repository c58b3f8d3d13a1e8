/**
 * End-to-end tests (e2e/*.e2e.ts): each file starts the real server and Chromium, so files run
 * one at a time in a forked process, with generous timeouts. `npm run e2e` builds the web app first.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    reporters: ['verbose'],
  },
});
