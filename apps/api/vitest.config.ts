import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // better-sqlite3 is a native addon: run test files in child processes, not worker threads.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
