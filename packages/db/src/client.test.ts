import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, MIGRATIONS_FOLDER, openDatabase } from './client';

const dir = mkdtempSync(join(tmpdir(), 'coderprep-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the file, applies every migration and sets the pragmas', () => {
    const db = openDatabase({ file: join(dir, 'nested', 'test.db') });
    const sqlite = db.$client;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' order by name",
      )
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'items',
        'item_versions',
        'attempts',
        'attempt_items',
        'audit_events',
      ]),
    );
    closeDatabase(db);
  });

  it('is idempotent: opening a migrated file again applies nothing new', () => {
    const file = join(dir, 'again.db');
    closeDatabase(openDatabase({ file }));
    const db = openDatabase({ file });
    const applied = db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get();
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
    expect(applied).toBe(journal.entries.length);
    closeDatabase(db);
  });

  it('enforces foreign keys', () => {
    const db = openDatabase({ file: ':memory:' });
    expect(() =>
      db.$client
        .prepare("insert into sessions (id, user_id, created_at, expires_at) values ('s', 'nobody', 0, 0)")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    closeDatabase(db);
  });
});
