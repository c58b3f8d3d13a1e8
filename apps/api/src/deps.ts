import type { Db } from '@coderprep/db';
import type { CodeSet } from '@coderprep/exam-engine';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Config } from './config';

/** Everything the app is built from; tests pass their own (in-memory database, manual clock). */
export interface Deps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** Official code tables loaded at start, if the operator supplied them; empty = format checks only. */
  codeSet: CodeSet;
  /** Random ids and seeds (crypto by default). */
  newId: () => string;
}
