import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from './client';
import {
  backupDatabase,
  checkDatabaseFile,
  checkpointInBackground,
  DATABASE_FILE_NAME,
  MaintenanceError,
  restoreDatabase,
} from './maintenance';

const root = mkdtempSync(join(tmpdir(), 'coderprep-maint-'));
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let n = 0;
const fresh = () => {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A migrated CoderPrep database with `count` users, each with one session. */
function seeded(file: string, count: number) {
  const db = openDatabase({ file });
  const insertUser = db.$client.prepare(
    "insert into users (id, email, name, password_hash, created_at) values (?, ?, 'n', 'h', 0)",
  );
  const insertSession = db.$client.prepare(
    'insert into sessions (id, user_id, created_at, expires_at) values (?, ?, 0, 1)',
  );
  db.$client.transaction(() => {
    for (let i = 0; i < count; i++) {
      insertUser.run(`u${i}`, `u${i}@x.test`);
      insertSession.run(`s${i}`, `u${i}`);
    }
  })();
  return db;
}

const count = (sqlite: Database.Database, table: string) =>
  sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;

/**
 * Another process that writes as fast as it can: each transaction adds a user and its session,
 * so a consistent copy has exactly as many sessions as users. Prints "writing" once under way.
 */
function startWriter(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); db.pragma('busy_timeout = 5000');
    const u = db.prepare("insert into users (id, email, name, password_hash, created_at) values (?, ?, 'n', 'h', 0)");
    const s = db.prepare('insert into sessions (id, user_id, created_at, expires_at) values (?, ?, 0, 1)');
    const both = db.transaction((i) => { u.run('w' + i, 'w' + i + '@x.test'); s.run('ws' + i, 'w' + i); });
    let i = 0;
    const burst = () => { for (let k = 0; k < 200; k++) both(i++); if (i === 200) console.log('writing'); setImmediate(burst); };
    burst();
  `;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    child.stdout?.on('data', (data: Buffer) => {
      if (data.toString().includes('writing')) resolve(child);
    });
  });
}

describe('backupDatabase', () => {
  it('takes a consistent copy of a live database while another process writes to it', async () => {
    const dir = fresh();
    const file = join(dir, DATABASE_FILE_NAME);
    const db = seeded(file, 5000);
    const writer = await startWriter(file);
    const out = join(dir, 'backup.db');

    const result = await backupDatabase(file, out);

    const during = count(db.$client, 'users');
    expect(writer.exitCode).toBeNull(); // still writing after the copy
    expect(result.file).toBe(out);
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(checkDatabaseFile(out)).toMatchObject({ ok: true, problems: [] });
    const copy = new Database(out, { readonly: true });
    const users = count(copy, 'users');
    expect(users).toBeGreaterThan(5000); // the writer's rows up to the snapshot are in
    expect(users).toBeLessThanOrEqual(during);
    expect(count(copy, 'sessions')).toBe(users); // no half of a transaction
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
    copy.close();
    expect(readdirSync(dir).filter((name) => name.startsWith('backup.db'))).toEqual(['backup.db']);
    closeDatabase(db);
  });

  it('refuses to overwrite an existing file unless asked to', async () => {
    const dir = fresh();
    const file = join(dir, DATABASE_FILE_NAME);
    closeDatabase(seeded(file, 3));
    const out = join(dir, 'taken.db');
    writeFileSync(out, 'keep me');
    await expect(backupDatabase(file, out)).rejects.toThrow(/already exists.*--force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    await backupDatabase(file, out, { overwrite: true });
    expect(count(new Database(out, { readonly: true }), 'users')).toBe(3);
  });

  it('refuses a missing source, a source that is not SQLite, and a missing folder', async () => {
    const dir = fresh();
    await expect(backupDatabase(join(dir, 'none.db'), join(dir, 'b.db'))).rejects.toThrow(/no database at/);
    writeFileSync(join(dir, 'text.db'), 'hello, not a database at all');
    await expect(backupDatabase(join(dir, 'text.db'), join(dir, 'b.db'))).rejects.toThrow(/not a SQLite/);
    const file = join(dir, DATABASE_FILE_NAME);
    closeDatabase(seeded(file, 1));
    await expect(backupDatabase(file, join(dir, 'no', 'such', 'b.db'))).rejects.toThrow(/does not exist/);
    await expect(backupDatabase(file, file, { overwrite: true })).rejects.toThrow(/must not be the database/);
  });
});

describe('checkDatabaseFile', () => {
  it('accepts a CoderPrep database and reports its migrations', () => {
    const file = join(fresh(), 'ok.db');
    closeDatabase(seeded(file, 1));
    const check = checkDatabaseFile(file);
    expect(check.ok).toBe(true);
    expect(check.migrations.applied).toBe(check.knownMigrations);
  });

  it('names what is wrong with a file that is not one', () => {
    const dir = fresh();
    expect(checkDatabaseFile(join(dir, 'missing.db')).problems[0]).toMatch(/does not exist/);
    writeFileSync(join(dir, 'text'), 'x'.repeat(100));
    expect(checkDatabaseFile(join(dir, 'text')).problems[0]).toMatch(/not a SQLite database/);
    const other = new Database(join(dir, 'other.db'));
    other.exec('create table notes (body text)');
    other.close();
    const problems = checkDatabaseFile(join(dir, 'other.db')).problems.join(' ');
    expect(problems).toMatch(/no migrations table/);
    expect(problems).toMatch(/missing tables: users/);
  });

  it('finds a corrupted page', () => {
    const file = join(fresh(), 'corrupt.db');
    const db = seeded(file, 3000);
    db.$client.pragma('journal_mode = DELETE');
    closeDatabase(db);
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the middle of the file, leaving the header and schema page intact.
    const from = pageSize * Math.floor(bytes.length / pageSize / 2);
    bytes.fill(0x5a, from, from + pageSize * 3);
    writeFileSync(file, bytes);
    const check = checkDatabaseFile(file);
    expect(check.ok).toBe(false);
    expect(check.problems.join(' ')).toMatch(/integrity check failed/);
  });
});

describe('restoreDatabase', () => {
  it('restores a backup that opens with the same rows', async () => {
    const dir = fresh();
    const file = join(dir, DATABASE_FILE_NAME);
    const db = seeded(file, 250);
    const backup = join(dir, 'b.db');
    await backupDatabase(file, backup);
    const target = join(dir, 'restored');

    const result = await restoreDatabase(backup, target);

    expect(result.file).toBe(join(target, DATABASE_FILE_NAME));
    expect(result.replacedInto).toBeNull();
    expect(readdirSync(target)).toEqual([DATABASE_FILE_NAME]);
    const restored = openDatabase({ file: result.file });
    const rows = (sqlite: Database.Database) =>
      sqlite
        .prepare(
          'select u.id, u.email, s.id as session from users u join sessions s on s.user_id = u.id order by u.id',
        )
        .all();
    expect(rows(restored.$client)).toEqual(rows(db.$client));
    expect(rows(restored.$client)).toHaveLength(250);
    closeDatabase(restored);
    closeDatabase(db);
  });

  it('refuses bad input and leaves the target as it was', async () => {
    const dir = fresh();
    const target = join(dir, 'data');
    mkdirSync(target);
    writeFileSync(join(dir, 'text.db'), 'not a database');
    const other = new Database(join(dir, 'other.db'));
    other.exec('create table notes (body text)');
    other.close();

    await expect(restoreDatabase(join(dir, 'missing.db'), target)).rejects.toThrow(/does not exist/);
    await expect(restoreDatabase(join(dir, 'text.db'), target)).rejects.toThrow(/not a SQLite database/);
    await expect(restoreDatabase(join(dir, 'other.db'), target)).rejects.toThrow(/not a CoderPrep database/);
    await expect(restoreDatabase(join(dir, 'text.db'), target)).rejects.toBeInstanceOf(MaintenanceError);
    expect(readdirSync(target)).toEqual([]);

    const file = join(dir, 'good.db');
    closeDatabase(seeded(file, 2));
    writeFileSync(join(dir, 'plain-file'), 'x');
    await expect(restoreDatabase(file, join(dir, 'plain-file'))).rejects.toThrow(/not a folder/);
  });

  it('refuses a folder that is not empty unless forced, and then moves the old database aside', async () => {
    const dir = fresh();
    const target = join(dir, 'data');
    const old = seeded(join(target, DATABASE_FILE_NAME), 7);
    closeDatabase(old);
    const backupSource = join(dir, 'source.db');
    closeDatabase(seeded(backupSource, 3));
    const backup = join(dir, 'b.db');
    await backupDatabase(backupSource, backup);

    await expect(restoreDatabase(backup, target)).rejects.toThrow(/not empty.*--force/);
    const untouched = new Database(join(target, DATABASE_FILE_NAME), { readonly: true });
    expect(count(untouched, 'users')).toBe(7);
    untouched.close();

    const result = await restoreDatabase(backup, target, { force: true, stamp: () => 'then' });
    expect(result.replacedInto).toBe(join(target, 'replaced-then'));
    const restored = new Database(result.file, { readonly: true });
    expect(count(restored, 'users')).toBe(3);
    restored.close();
    const kept = new Database(join(target, 'replaced-then', DATABASE_FILE_NAME), { readonly: true });
    expect(count(kept, 'users')).toBe(7);
    kept.close();
    expect(readdirSync(target).some((name) => name.includes('partial'))).toBe(false);
    expect(existsSync(join(target, `${DATABASE_FILE_NAME}-wal`))).toBe(false);
  });
});

describe('checkpointInBackground', () => {
  const insertInto = (db: ReturnType<typeof seeded>) =>
    db.$client.prepare(
      "insert into users (id, email, name, password_hash, created_at) values (?, ?, 'n', 'h', 0)",
    );
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('checkpoints in a worker thread, not in the connection that writes', async () => {
    const file = join(fresh(), DATABASE_FILE_NAME);
    const db = seeded(file, 1);
    const errors: unknown[] = [];
    const checkpoints = checkpointInBackground(db.$client, {
      intervalMs: 20,
      onError: (e) => errors.push(e),
    });
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    const insert = insertInto(db);
    for (let i = 0; i < 1500; i++) insert.run(`c${i}`, `c${i}@x.test`);
    // The writer never checkpoints (1500 commits stay under its 10,000-page backstop): every
    // page copied back below was copied by the worker, while the writer's thread sat idle.
    let after = db.$client.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
    for (let tries = 0; tries < 100 && after[0]?.checkpointed !== after[0]?.log; tries++) {
      await sleep(50);
      after = db.$client.pragma('wal_checkpoint(NOOP)') as typeof after;
    }
    expect(after[0]?.log).toBeGreaterThan(0);
    expect(after[0]?.checkpointed).toBe(after[0]?.log);
    expect(errors).toEqual([]);

    await checkpoints.stop();
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(count(db.$client, 'users')).toBe(1501);
    closeDatabase(db);
    expect(existsSync(`${file}-wal`)).toBe(false); // the last connection closed cleanly
  });

  it('keeps the WAL bounded when writes never pause', async () => {
    const file = join(fresh(), DATABASE_FILE_NAME);
    const db = seeded(file, 1);
    const checkpoints = checkpointInBackground(db.$client, { intervalMs: 20, walLimitPages: 300 });
    const insert = insertInto(db);
    for (let i = 0; i < 6000; i++) insert.run(`c${i}`, `c${i}@x.test`);
    // Without a checkpoint the WAL would hold more than 6000 pages.
    expect(statSync(`${file}-wal`).size).toBeLessThan(1000 * 4096);
    await checkpoints.stop();
    closeDatabase(db);
  });

  it('does nothing for an in-memory database', async () => {
    const db = openDatabase({ file: ':memory:' });
    const checkpoints = checkpointInBackground(db.$client);
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpoints.stop();
    closeDatabase(db);
  });
});
