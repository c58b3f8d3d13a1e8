/**
 * Operating the database file: a consistent backup while the server runs (SQLite's online backup
 * API), a check that a file is a sound CoderPrep database, and an atomic restore into a data
 * folder. Nothing here ever leaves a half-written file under a name the server would open:
 * copies are made under a temporary name in the target folder, checked, flushed and renamed.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { MIGRATIONS_FOLDER } from './client';

/** The database file's name inside the data folder (DATA_DIR). */
export const DATABASE_FILE_NAME = 'coderprep.db';

/** The database file of a data folder. */
export const databaseFileIn = (dataDir: string): string => resolve(dataDir, DATABASE_FILE_NAME);

/** The files SQLite keeps beside a database in WAL mode. */
export const sidecarFiles = (file: string): string[] => [`${file}-wal`, `${file}-shm`];

/** Tables every CoderPrep database has; a file without them is not one. */
const CORE_TABLES = ['users', 'sessions', 'organisations', 'attempts', 'attempt_items'] as const;
const MIGRATIONS_TABLE = '__drizzle_migrations';
const SQLITE_HEADER = 'SQLite format 3\0';

/** A problem that makes an operation refuse, with a message an operator can act on. */
export class MaintenanceError extends Error {
  override readonly name = 'MaintenanceError';
}

/** Whether the file starts with the SQLite header (cheaper and clearer than a failed open). */
export function looksLikeSqlite(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = readSync(fd, header, 0, 16, 0);
    return read === 16 && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** A unique temporary name beside `file`, in the same folder (so a rename is atomic). */
function temporaryBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Flushes a file (or a folder's entries) to disk. */
function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeWithSidecars(file: string): void {
  for (const path of [file, ...sidecarFiles(file)]) rmSync(path, { force: true });
}

/**
 * Copies `source` into a new file `target` with the online backup API in one step: the copy is
 * one read snapshot of the source (WAL content included), taken while other connections keep
 * writing (they are never blocked; a WAL checkpoint only waits for the copy to finish). The copy
 * is switched to a single-file rollback journal so it stands alone without -wal/-shm files.
 */
async function copyDatabase(source: string, target: string): Promise<number> {
  // A database in WAL mode is opened read-write (it is only read): a read-only connection that
  // is the last one leaves -wal/-shm files behind, a read-write one cleans them up.
  const sqlite = new Database(source, { fileMustExist: true, readonly: isRollbackJournal(source) });
  let pages = 0;
  try {
    sqlite.pragma('busy_timeout = 5000');
    const result = await sqlite.backup(target, {
      // After the first (empty) step, copy every remaining page in one step: one snapshot, no
      // restarts however busy the writers are.
      progress: () => 0x7fffffff,
    });
    pages = result.totalPages;
  } finally {
    sqlite.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  for (const path of sidecarFiles(target)) rmSync(path, { force: true });
  return pages;
}

/** Whether the file's header says rollback journal (not WAL): bytes 18 and 19 are 1 then. */
function isRollbackJournal(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(20);
    readSync(fd, header, 0, 20, 0);
    return header[18] === 1 && header[19] === 1;
  } finally {
    closeSync(fd);
  }
}

/** What `checkDatabaseFile` found. */
export interface DatabaseCheck {
  /** True when the file is a sound CoderPrep database this version can open. */
  ok: boolean;
  /** Why it is not, one line each. */
  problems: string[];
  /** Migrations recorded in the file, and the newest one's timestamp. */
  migrations: { applied: number; latestAt: number | null };
  /** Migrations this version of CoderPrep ships. */
  knownMigrations: number;
  bytes: number;
}

/** Timestamps of the migrations this version ships (drizzle's journal). */
function knownMigrationTimes(): number[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return journal.entries.map((entry) => entry.when);
}

/**
 * Checks that `file` is a CoderPrep database: a SQLite file, `PRAGMA integrity_check` clean, the
 * migrations table present with no migration newer than this version knows, and the core tables.
 * Opens the file read-only: use it on a backup or a stopped server's database.
 */
export function checkDatabaseFile(file: string): DatabaseCheck {
  const known = knownMigrationTimes();
  const result: DatabaseCheck = {
    ok: false,
    problems: [],
    migrations: { applied: 0, latestAt: null },
    knownMigrations: known.length,
    bytes: 0,
  };
  if (!existsSync(file)) {
    result.problems.push(`${file} does not exist.`);
    return result;
  }
  const stat = statSync(file);
  if (!stat.isFile()) {
    result.problems.push(`${file} is not a file.`);
    return result;
  }
  result.bytes = stat.size;
  if (!looksLikeSqlite(file)) {
    result.problems.push(`${file} is not a SQLite database (no SQLite header).`);
    return result;
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    result.problems.push(`${file} cannot be opened: ${(error as Error).message}`);
    return result;
  }
  try {
    let lines: string[];
    try {
      const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
      lines = integrity.map((row) => row.integrity_check);
    } catch (error) {
      lines = [(error as Error).message];
    }
    if (!(lines.length === 1 && lines[0] === 'ok'))
      result.problems.push(`integrity check failed: ${lines.slice(0, 5).join('; ')}`);
    const tables = new Set(
      sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[],
    );
    if (!tables.has(MIGRATIONS_TABLE)) {
      result.problems.push('no migrations table: this is not a CoderPrep database.');
    } else {
      const row = sqlite
        .prepare(`select count(*) as applied, max(created_at) as latestAt from ${MIGRATIONS_TABLE}`)
        .get() as { applied: number; latestAt: number | null };
      result.migrations = {
        applied: row.applied,
        latestAt: row.latestAt === null ? null : Number(row.latestAt),
      };
      const newest = Math.max(0, ...known);
      if (row.applied === 0) result.problems.push('the migrations table is empty: not a CoderPrep database.');
      else if (result.migrations.latestAt !== null && result.migrations.latestAt > newest)
        result.problems.push(
          'the database was migrated by a newer version of CoderPrep than this one; upgrade first.',
        );
    }
    const missing = CORE_TABLES.filter((name) => !tables.has(name));
    if (missing.length > 0) result.problems.push(`missing tables: ${missing.join(', ')}.`);
  } catch (error) {
    result.problems.push(`${file} cannot be read: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }
  result.ok = result.problems.length === 0;
  return result;
}

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  durationMs: number;
}

/**
 * Backs up the database `source` into the new file `target` while the server may be running:
 * a consistent snapshot (online backup API), checked, flushed, then renamed into place. Refuses
 * an existing target unless `overwrite`.
 */
export async function backupDatabase(
  source: string,
  target: string,
  options: { overwrite?: boolean; now?: () => number } = {},
): Promise<BackupResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from)) throw new MaintenanceError(`There is no database at ${from}.`);
  if (!looksLikeSqlite(from)) throw new MaintenanceError(`${from} is not a SQLite database.`);
  if (from === to) throw new MaintenanceError('The backup file must not be the database itself.');
  if (!existsSync(dirname(to))) throw new MaintenanceError(`The folder ${dirname(to)} does not exist.`);
  if (existsSync(to)) {
    if (!options.overwrite)
      throw new MaintenanceError(`${to} already exists; choose another name or pass --force to replace it.`);
    if (!statSync(to).isFile()) throw new MaintenanceError(`${to} exists and is not a file.`);
  }
  const partial = temporaryBeside(to);
  try {
    const pages = await copyDatabase(from, partial);
    const check = checkDatabaseFile(partial);
    if (!check.ok) throw new MaintenanceError(`The copy failed its check: ${check.problems.join(' ')}`);
    fsyncPath(partial);
    renameSync(partial, to);
    fsyncPath(dirname(to));
    return { file: to, bytes: statSync(to).size, pages, durationMs: now() - started };
  } finally {
    removeWithSidecars(partial);
  }
}

export interface RestoreResult {
  file: string;
  bytes: number;
  durationMs: number;
  /** Where the database it replaced was moved (with --force), if there was one. */
  replacedInto: string | null;
}

/**
 * Restores a backup into a data folder: checks the backup, copies it into the folder under a
 * temporary name, checks the copy, flushes it and renames it to coderprep.db. A folder that is
 * not empty is refused unless `force`; then a database already there is moved into
 * `replaced-<time>/` beside it (with its -wal/-shm files), never deleted. Stop the server first.
 */
export async function restoreDatabase(
  backupFile: string,
  dataDir: string,
  options: { force?: boolean; now?: () => number; stamp?: () => string } = {},
): Promise<RestoreResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const from = resolve(backupFile);
  const dir = resolve(dataDir);
  const check = checkDatabaseFile(from);
  if (!check.ok) throw new MaintenanceError(`Not a restorable CoderPrep backup: ${check.problems.join(' ')}`);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new MaintenanceError(`${dir} exists and is not a folder.`);
    const entries = readdirSync(dir).filter((name) => !name.startsWith(`.${DATABASE_FILE_NAME}.partial-`));
    if (entries.length > 0 && !options.force)
      throw new MaintenanceError(
        `${dir} is not empty (${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', ...' : ''}); ` +
          'restore into an empty folder, or pass --force to replace the database there ' +
          '(it is moved aside, not deleted).',
      );
  } else mkdirSync(dir, { recursive: true });

  const target = join(dir, DATABASE_FILE_NAME);
  if (from === target) throw new MaintenanceError('The backup is the database of this folder itself.');
  const partial = temporaryBeside(target);
  try {
    await copyDatabase(from, partial);
    const copied = checkDatabaseFile(partial);
    if (!copied.ok) throw new MaintenanceError(`The copy failed its check: ${copied.problems.join(' ')}`);
    fsyncPath(partial);

    let replacedInto: string | null = null;
    const present = [target, ...sidecarFiles(target)].filter((path) => existsSync(path));
    if (present.length > 0) {
      const stamp = options.stamp?.() ?? new Date().toISOString().replace(/[:.]/g, '-');
      replacedInto = join(dir, `replaced-${stamp}`);
      mkdirSync(replacedInto, { recursive: true });
      // The -wal and -shm first: a stale -wal beside the new file would be replayed into it,
      // while the old main file alone is still a valid (older) database. The old main file is
      // linked aside and then atomically replaced, so coderprep.db never goes missing.
      for (const path of sidecarFiles(target).filter((p) => existsSync(p)))
        renameSync(path, join(replacedInto, basename(path)));
      if (existsSync(target)) linkSync(target, join(replacedInto, DATABASE_FILE_NAME));
    }
    renameSync(partial, target);
    fsyncPath(dir);
    return { file: target, bytes: statSync(target).size, durationMs: now() - started, replacedInto };
  } finally {
    removeWithSidecars(partial);
  }
}

/** Stops the background checkpoints; the server's own connection checkpoints again by itself. */
export interface BackgroundCheckpoints {
  stop(): Promise<void>;
}

/**
 * The checkpointer's code: its own connection to the same file, a PASSIVE checkpoint every
 * `intervalMs` (never blocks the server's writes), closed when asked.
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  tick();
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the server's thread. SQLite checkpoints in whichever connection
 * commits past 1000 WAL pages, and a checkpoint (copying pages back, then an fsync) takes tens
 * of milliseconds: in a busy exam that stalls a save, and the event loop, every second or so.
 * Here a worker thread with its own connection runs a PASSIVE checkpoint every `intervalMs`
 * (it never blocks the server's writes), and the server's own automatic checkpoint is moved out
 * to `walLimitPages` (default 10,000 pages, 40 MB): a backstop for when writes never pause long
 * enough for the worker to catch up, which then finds most pages already copied. If the worker
 * fails, the server's connection checkpoints every 1000 pages again, as by default. Durability
 * does not change: a checkpoint only copies committed pages from the WAL into the database file.
 */
export function checkpointInBackground(
  sqlite: Database.Database,
  options: { intervalMs?: number; walLimitPages?: number; onError?: (error: unknown) => void } = {},
): BackgroundCheckpoints {
  if (sqlite.memory || sqlite.name === '' || sqlite.name === ':memory:') return { stop: async () => {} };
  const worker = new Worker(CHECKPOINTER_SOURCE, {
    eval: true,
    workerData: {
      file: sqlite.name,
      modulePath: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: options.intervalMs ?? 500,
    },
  });
  worker.unref();
  let stopping = false;
  const selfCheckpointing = () => {
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  sqlite.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(options.walLimitPages ?? 10_000))}`);
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.onError?.(new Error(`background checkpoint failed: ${message.error}`));
  });
  worker.on('error', (error) => {
    selfCheckpointing();
    options.onError?.(error);
  });
  worker.on('exit', () => {
    if (!stopping) selfCheckpointing();
  });
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      selfCheckpointing();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
