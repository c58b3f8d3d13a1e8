/**
 * The client factory: opens the SQLite file with the pragmas the platform relies on and applies
 * the committed migrations before anything else runs.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', 'drizzle');

export interface OpenOptions {
  /** A file path, or ':memory:' for tests. */
  file: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

/**
 * Opens the database: WAL journal (readers never block the writer), foreign keys on, a busy
 * timeout so a second process waits instead of failing, and synchronous=NORMAL, which in WAL
 * mode keeps every committed transaction across a process kill (only a power loss can drop
 * the last commits).
 */
export function openDatabase(options: OpenOptions): Db {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

/** Closes the underlying connection (checkpointing the WAL). */
export function closeDatabase(db: Db): void {
  db.$client.close();
}

/**
 * Runs `fn` in one transaction (BEGIN IMMEDIATE, so two writers queue instead of failing on a
 * lock upgrade): every write inside lands or none does. Nested calls become savepoints.
 * `fn` must be synchronous, as better-sqlite3 is.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/**
 * Statements prepared once per database, for the hot paths: building a drizzle query costs more
 * than running it. `statementsFor(db)` returns the same prepared set for the same database.
 */
export function preparedStatements<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (statements === undefined) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
