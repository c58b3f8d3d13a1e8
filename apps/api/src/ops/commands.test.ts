import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, DATABASE_FILE_NAME, openDatabase, users } from '@coderprep/db';
import { afterAll, describe, expect, it } from 'vitest';
import { API_DIR } from '../../loadtest/server-process';
import { EXIT, runCli } from './commands';

const root = mkdtempSync(join(tmpdir(), 'coderprep-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir);
  return dir;
};

/** Runs a command in-process; returns its exit code and what it printed. */
async function run(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    cwd: options.cwd ?? root,
    serverCwd: options.cwd ?? root,
    env: options.env ?? {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A data folder holding a migrated database with `count` people. */
function dataFolder(count: number): string {
  const dir = fresh();
  const db = openDatabase({ file: join(dir, DATABASE_FILE_NAME) });
  for (let i = 0; i < count; i++)
    db.insert(users)
      .values({ id: `u${i}`, email: `u${i}@x.test`, name: 'n', passwordHash: 'h', createdAt: 0 })
      .run();
  closeDatabase(db);
  return dir;
}

const countUsers = (dir: string) => {
  const db = openDatabase({ file: join(dir, DATABASE_FILE_NAME), migrate: false });
  const rows = db.select().from(users).all().length;
  closeDatabase(db);
  return rows;
};

describe('pnpm cli', () => {
  it('explains itself', async () => {
    const help = await run(['help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.out).toMatch(/backup <out-file>/);
    expect((await run([])).code).toBe(EXIT.usage);
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.err).toMatch(/Unknown command "frobnicate"/);
  });

  it('migrate creates and migrates the database of --data-dir, or of $DATA_DIR', async () => {
    const dir = fresh();
    const created = await run(['migrate', '--data-dir', dir]);
    expect(created).toMatchObject({ code: EXIT.ok });
    expect(created.out).toMatch(/Created and migrated .*coderprep\.db/);
    expect((await run(['migrate', `--data-dir=${dir}`])).out).toMatch(/^Migrated /);
    const viaEnv = fresh();
    expect((await run(['migrate'], { env: { DATA_DIR: viaEnv } })).code).toBe(EXIT.ok);
    expect(existsSync(join(viaEnv, DATABASE_FILE_NAME))).toBe(true);
    // A relative DATA_DIR is taken from where pnpm started, as the server takes it.
    const base = fresh();
    expect((await run(['migrate'], { env: { DATA_DIR: 'rel-data', INIT_CWD: base } })).code).toBe(EXIT.ok);
    expect(existsSync(join(base, 'rel-data', DATABASE_FILE_NAME))).toBe(true);
  });

  it('backup writes a copy, refuses to overwrite it without --force, and prints size and duration', async () => {
    const dir = dataFolder(4);
    const out = join(root, `backup-${n}.db`);
    const first = await run(['backup', out, '--data-dir', dir]);
    expect(first.code).toBe(EXIT.ok);
    expect(first.out).toMatch(
      /Backup written: .*backup-\d+\.db \(\d+(\.\d)? (KB|MB|B), \d+ pages\) in \d+ ms\./,
    );
    const second = await run(['backup', out, '--data-dir', dir]);
    expect(second.code).toBe(EXIT.failed);
    expect(second.err).toMatch(/already exists.*--force/);
    expect((await run(['backup', out, '--data-dir', dir, '--force'])).code).toBe(EXIT.ok);
    // Relative paths are taken from where the command was run.
    expect((await run(['backup', 'relative.db', '--data-dir', dir], { cwd: dir })).code).toBe(EXIT.ok);
    expect(existsSync(join(dir, 'relative.db'))).toBe(true);
  });

  it('backup validates its arguments', async () => {
    const dir = dataFolder(1);
    expect((await run(['backup'])).err).toMatch(/Missing <out-file>/);
    expect((await run(['backup', 'a.db', 'b.db'])).err).toMatch(/Unexpected argument b\.db/);
    expect((await run(['backup', 'a.db', '--data-dir'])).err).toMatch(/--data-dir needs a value/);
    expect((await run(['backup', 'a.db', '--fast'])).err).toMatch(/Unknown option --fast/);
    expect((await run(['backup', 'a.db', '--force=yes'])).err).toMatch(/--force takes no value/);
    const folder = await run(['backup', dir, '--data-dir', dir]);
    expect(folder.code).toBe(EXIT.usage);
    expect(folder.err).toMatch(/is a folder/);
    const missing = await run(['backup', join(root, 'x.db'), '--data-dir', join(root, 'nothing-here')]);
    expect(missing.code).toBe(EXIT.failed);
    expect(missing.err).toMatch(/There is no database at/);
  });

  it('restore puts a backup into an empty folder, and refuses what it should', async () => {
    const dir = dataFolder(6);
    const backup = join(root, `restore-${n}.db`);
    await run(['backup', backup, '--data-dir', dir]);
    const target = join(fresh(), 'data');

    const noDir = await run(['restore', backup]);
    expect(noDir.code).toBe(EXIT.usage);
    expect(noDir.err).toMatch(/needs --data-dir/);
    const restored = await run(['restore', backup, '--data-dir', target]);
    expect(restored.code).toBe(EXIT.ok);
    expect(restored.out).toMatch(/Restored .*coderprep\.db/);
    expect(countUsers(target)).toBe(6);

    const notEmpty = await run(['restore', backup, '--data-dir', target]);
    expect(notEmpty.code).toBe(EXIT.failed);
    expect(notEmpty.err).toMatch(/not empty.*--force/);
    const forced = await run(['restore', backup, '--data-dir', target, '--force']);
    expect(forced.code).toBe(EXIT.ok);
    expect(forced.out).toMatch(/now in .*replaced-/);
    expect(readdirSync(target).some((name) => name.startsWith('replaced-'))).toBe(true);

    const junk = join(root, 'junk.db');
    writeFileSync(junk, 'not a database');
    const bad = await run(['restore', junk, '--data-dir', fresh()]);
    expect(bad.code).toBe(EXIT.failed);
    expect(bad.err).toMatch(/Not a restorable CoderPrep backup: .*not a SQLite database/);
  });

  it('check reports a sound database and names a broken one', async () => {
    const dir = dataFolder(1);
    const ok = await run(['check', join(dir, DATABASE_FILE_NAME)]);
    expect(ok.code).toBe(EXIT.ok);
    expect(ok.out).toMatch(/integrity check clean/);
    const junk = join(root, 'junk2.db');
    writeFileSync(junk, 'x'.repeat(200));
    const bad = await run(['check', junk]);
    expect(bad.code).toBe(EXIT.failed);
    expect(bad.err).toMatch(/problem: .*not a SQLite database/);
  });

  it('exits non-zero from the real entry point', { timeout: 60_000 }, () => {
    const usage = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'restore'], {
      cwd: API_DIR,
      encoding: 'utf8',
    });
    expect(usage.status).toBe(EXIT.usage);
    expect(usage.stderr).toMatch(/Missing <backup-file>/);
    const failed = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'check', join(root, 'does-not-exist.db')],
      { cwd: API_DIR, encoding: 'utf8' },
    );
    expect(failed.status).toBe(EXIT.failed);
  });
});
