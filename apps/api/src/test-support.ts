/** Builds the app on an in-memory database and a manual clock, for in-process HTTP tests. */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '@coderprep/db';
import { createCodeSet } from '@coderprep/exam-engine';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from './app';
import { createManualClock } from './clock';
import { testConfig } from './config';
import type { Deps } from './deps';

export function createTestDeps(
  over: Partial<Deps> = {},
): Deps & { clock: ReturnType<typeof createManualClock> } {
  return {
    db: openDatabase({ file: ':memory:' }),
    clock: createManualClock(),
    logger: pino({ level: 'silent' }),
    config: testConfig(),
    codeSet: createCodeSet(),
    newId: randomUUID,
    ...over,
  } as Deps & { clock: ReturnType<typeof createManualClock> };
}

/** A test app and a supertest agent that keeps cookies, like a browser. */
export function createTestApp(over: Partial<Deps> = {}) {
  const deps = createTestDeps(over);
  const app = createApp(deps);
  return { deps, app, agent: () => request.agent(app) };
}
