import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  auditEvents,
  closeDatabase,
  databaseFileIn,
  insertOrganisation,
  listItems,
  openDatabase,
} from '@coderprep/db';
import { parseBank, writeBank } from '@coderprep/formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../ops/commands';
import { createTestDeps } from '../test-support';
import { insertBank, mcItem } from '../testing/fixtures';
import { IMPORT_USAGE, withImportCommands } from './cli-commands';
import { allTypes, fixture } from './test-helpers';

let dir: string;
let dataDir: string;
let orgId: string;
let bankId: string;
let out: string[];
let err: string[];

const io = (): CliIo => ({
  out: (line) => out.push(line),
  err: (line) => err.push(line),
  cwd: dir,
  serverCwd: dir,
  env: {},
});

/** Runs the CLI in-process; the real operator commands are a stub that answers 42. */
const cli = (...argv: string[]) =>
  withImportCommands(async (args, io) => {
    io.out(`ops: ${args.join(' ')}`);
    return 42;
  })(argv, io());

/** Reads the database the way the server would, after the command closed its connection. */
function withDb<T>(fn: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase({ file: databaseFileIn(dataDir) });
  try {
    return fn(db);
  } finally {
    closeDatabase(db);
  }
}

const bankIds = (id = bankId) =>
  withDb((db) =>
    listItems(db, id, { status: 'active' }, { limit: 100_000, offset: 0 }).rows.map((r) => r.externalId),
  );

const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coderprep-cli-'));
  dataDir = join(dir, 'data');
  out = [];
  err = [];
  // A server database with one organisation and a bank of two items.
  const deps = createTestDeps({ db: openDatabase({ file: databaseFileIn(dataDir) }) });
  orgId = deps.newId();
  insertOrganisation(deps.db, { id: orgId, name: 'Northside Coding School', createdAt: deps.clock.now() });
  bankId = insertBank(
    deps,
    orgId,
    [mcItem('anat-1', 'anatomy'), mcItem('anat-2', 'anatomy')],
    'CPC bank',
  ).bankId;
  closeDatabase(deps.db);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ['--data-dir', dataDir, '--org', orgId, '--bank', bankId];

describe('banks', () => {
  it('lists the organisations and their banks with ids and item counts', async () => {
    expect(await cli('banks', '--data-dir', dataDir)).toBe(0);
    expect(out).toEqual([
      `Northside Coding School  (org ${orgId})`,
      `  CPC bank  (bank ${bankId}): 2 active, 0 archived items`,
    ]);
  });

  it('lists one organisation with --org, and says when there is none with that id', async () => {
    expect(await cli('banks', '--data-dir', dataDir, '--org', orgId)).toBe(0);
    expect(out[0]).toContain(orgId);
    expect(await cli('banks', '--data-dir', dataDir, '--org', 'nope')).toBe(1);
    expect(err).toEqual(['error: There is no organisation with id nope (`pnpm cli banks` lists them).']);
  });

  it('refuses a data folder without a database, and does not create one there', async () => {
    const elsewhere = join(dir, 'typo');
    expect(await cli('banks', '--data-dir', elsewhere)).toBe(1);
    expect(err[0]).toContain(`There is no database at ${databaseFileIn(elsewhere)}`);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('resolves a relative --data-dir from where the command ran', async () => {
    expect(await cli('banks', '--data-dir', 'data')).toBe(0);
    expect(out[0]).toContain('Northside');
  });
});

describe('import', () => {
  it('previews a clean file: counts, and exit 0 without writing', async () => {
    const file = write('bank.json', fixture('native/all-types.json'));
    expect(await cli('import', ...base(), file)).toBe(0);
    expect(out[0]).toBe(
      'bank.json (native): 6 items recognised, 6 new, 0 duplicates; 0 errors, 0 warnings, 0 key warnings.',
    );
    expect(out.at(-1)).toBe(
      'No errors. Run again with --commit to import 6 items into bank "CPC bank" of "Northside Coding School".',
    );
    expect(bankIds()).toEqual(['anat-1', 'anat-2']);
  });

  it('previews a file with errors: each with its line and item, exit 1', async () => {
    const file = write('sample.csv', fixture('csv/sample.csv'));
    expect(await cli('import', ...base(), file)).toBe(1);
    expect(out).toContain('Errors (2):');
    expect(out).toContain(
      '  line 12, item csv-bad-type: type "true-false" is not one of multiple-choice, multiple-response, fill-in',
    );
    expect(out.some((line) => line.startsWith('  line 13, item csv-bad-key: '))).toBe(true);
    expect(err).toEqual(['error: sample.csv has 2 errors: fix them and run again. Nothing was imported.']);
    expect(bankIds()).toEqual(['anat-1', 'anat-2']);
  });

  it('imports with --commit, atomically, and records it in the audit trail', async () => {
    const file = write('bank.gift', writeBank('gift', allTypes()).data);
    expect(await cli('import', ...base(), '--commit', file)).toBe(0);
    expect(out.at(-1)).toBe(
      `Imported 4 items into bank "CPC bank" (${bankId}) of "Northside Coding School".`,
    );
    expect(bankIds()).toEqual(['anat-1', 'anat-2', 'fx-mc-1', 'fx-mr-1', 'fx-fill-2', 'fx-num-1'].sort());
    const events = withDb((db) => db.select().from(auditEvents).all());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'bank.import', actorId: null, targetId: bankId });
    expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({
      fileName: 'bank.gift',
      format: 'gift',
      via: 'cli',
      created: 4,
    });
  });

  it('imports nothing with --commit when the file has an error', async () => {
    const file = write('sample.csv', fixture('csv/sample.csv'));
    expect(await cli('import', ...base(), '--commit', file)).toBe(1);
    expect(bankIds()).toEqual(['anat-1', 'anat-2']);
  });

  it('skips duplicates (listed with the reason), or imports nothing with --duplicates fail', async () => {
    const items = [mcItem('anat-1', 'anatomy', { stem: 'A different stem' }), mcItem('new-1', 'anatomy')];
    const file = write('dups.json', writeBank('native', items).data);
    expect(await cli('import', ...base(), '--commit', '--duplicates', 'fail', file)).toBe(1);
    expect(err.at(-1)).toContain('1 item(s) of "dups.json" duplicate items of the bank');
    expect(bankIds()).toEqual(['anat-1', 'anat-2']);
    out = [];
    expect(await cli('import', ...base(), '--commit', file)).toBe(0);
    expect(out).toContain('Skipped 1:');
    expect(out).toContain('  item anat-1: the same id as item "anat-1" in the bank');
    expect(bankIds()).toEqual(['anat-1', 'anat-2', 'new-1']);
  });

  it('takes --format, --domain, --code-set-year and --id-prefix', async () => {
    const file = write('q.txt', 'Which is right?\nA. one\nB. two\nC. three\nD. four\nANSWER: B\n');
    const args = [
      '--format',
      'aiken',
      '--domain',
      'surgery-20000',
      '--code-set-year',
      '2025',
      '--id-prefix',
      'op',
    ];
    expect(await cli('import', ...base(), ...args, '--commit', file)).toBe(0);
    const body = withDb(
      (db) =>
        listItems(db, bankId, { status: 'active', domain: 'surgery-20000' }, { limit: 10, offset: 0 })
          .rows[0],
    );
    expect(body?.externalId).toMatch(/^op-/);
    expect(JSON.parse(body?.body ?? '{}').codeSetYear).toBe(2025);
  });

  it('refuses an unsafe file with the format error', async () => {
    const file = write('xxe.xml', fixture('malicious/xxe.xml'));
    expect(await cli('import', ...base(), file)).toBe(1);
    expect(err[0]).toMatch(/^error: "xxe.xml" cannot be read as moodle-xml/);
  });

  it.each([
    [
      ['import', '--data-dir', 'data', '--org', 'x', '--bank', 'y'],
      'Missing <file>: the bank file to import.',
    ],
    [['import', '--data-dir', 'data', '--bank', 'y', 'f.csv'], '--org <organisation id> is required.'],
    [['import', '--data-dir', 'data', '--org', 'x', 'f.csv'], '--bank <bank id> is required.'],
    [
      ['import', '--org', 'x', '--bank', 'y', '--format', 'docx', 'f'],
      '--format must be one of native, csv, gift, aiken, moodle-xml, qti (got "docx").',
    ],
    [
      ['import', '--org', 'x', '--bank', 'y', '--duplicates', 'skip', 'f'],
      '--duplicates applies to an import with --commit.',
    ],
    [
      ['import', '--org', 'x', '--bank', 'y', '--commit', '--duplicates', 'merge', 'f'],
      '--duplicates must be one of skip, fail (got "merge").',
    ],
    [
      ['import', '--org', 'x', '--bank', 'y', '--domain', 'Not Slug', 'f'],
      '--domain: a lower-case slug, e.g. surgery-20000.',
    ],
    [
      ['import', '--org', 'x', '--bank', 'y', '--code-set-year', 'soon', 'f'],
      expect.stringMatching(/^--code-set-year: /),
    ],
    [
      ['import', '--org', 'x', '--bank', 'y', '--bogus', 'f'],
      expect.stringMatching(/^Unknown option --bogus \(this command takes --commit/),
    ],
    [['import', '--org', 'x', '--org', 'y', 'f'], '--org is given twice.'],
    [['import', '--org', 'x', '--bank', 'y', 'a', 'b'], 'Unexpected argument b.'],
    [['import', '--commit=yes', 'f'], '--commit takes no value.'],
    [['import', '--org'], '--org needs a value.'],
  ])('validates its arguments: %j', async (argv, message) => {
    expect(await cli(...argv)).toBe(2);
    expect(err[0]).toEqual(typeof message === 'string' ? `error: ${message}` : expect.anything());
    if (typeof message !== 'string') expect(err[0]?.slice('error: '.length)).toEqual(message);
  });

  it('names a missing file, an unknown organisation and an unknown bank (exit 1)', async () => {
    expect(await cli('import', ...base(), join(dir, 'missing.csv'))).toBe(1);
    expect(err.at(-1)).toBe(`error: There is no file ${join(dir, 'missing.csv')}.`);
    const file = write('s.csv', fixture('csv/semicolon.csv'));
    expect(await cli('import', '--data-dir', dataDir, '--org', 'nope', '--bank', bankId, file)).toBe(1);
    expect(err.at(-1)).toContain('There is no organisation with id nope');
    expect(await cli('import', '--data-dir', dataDir, '--org', orgId, '--bank', 'nope', file)).toBe(1);
    expect(err.at(-1)).toBe(
      `error: Organisation "Northside Coding School" has no bank with id nope (\`pnpm cli banks --org ${orgId}\` lists its banks).`,
    );
  });
});

describe('export', () => {
  beforeEach(async () => {
    // A bank with every item type, so some formats leave some out.
    const file = write('all.json', fixture('native/all-types.json'));
    expect(await cli('import', ...base(), '--commit', file)).toBe(0);
    out = [];
  });

  it('writes the file and prints what the format could not hold', async () => {
    const target = join(dir, 'bank.aiken.txt');
    expect(await cli('export', ...base(), '--format', 'aiken', '--out', target)).toBe(0);
    expect(out[0]).toBe(
      `Wrote ${target}: 3 items of bank "CPC bank" of "Northside Coding School" as aiken (active items).`,
    );
    expect(out).toContain('Left out (aiken cannot hold them) (5):');
    expect(out).toContain('  item fx-scenario-1: Aiken holds multiple choice only, not scenario');
    expect(parseBank('aiken', readFileSync(target)).items).toHaveLength(3);
    const events = withDb((db) =>
      db
        .select()
        .from(auditEvents)
        .all()
        .map((e) => e.action),
    );
    expect(events).toContain('bank.export');
  });

  it('writes a QTI package that reads back', async () => {
    const target = join(dir, 'bank.zip');
    expect(await cli('export', ...base(), '--format', 'qti', '--out', 'bank.zip')).toBe(0);
    expect(parseBank('qti', new Uint8Array(readFileSync(target))).items).toHaveLength(8);
  });

  it('refuses to overwrite without --force, and leaves the file as it was', async () => {
    const target = write('existing.csv', 'keep me');
    expect(await cli('export', ...base(), '--format', 'csv', '--out', target)).toBe(1);
    expect(err[0]).toBe(`error: ${target} already exists; add --force to replace it.`);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(await cli('export', ...base(), '--format', 'csv', '--out', target, '--force')).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('fx-mc-1');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('exports archived or all items with --status', async () => {
    expect(
      await cli('export', ...base(), '--format', 'native', '--status', 'archived', '--out', 'a.json'),
    ).toBe(0);
    expect(parseBank('native', readFileSync(join(dir, 'a.json'))).items).toEqual([]);
    expect(await cli('export', ...base(), '--format', 'native', '--status', 'all', '--out', 'b.json')).toBe(
      0,
    );
    expect(parseBank('native', readFileSync(join(dir, 'b.json'))).items).toHaveLength(8);
  });

  it.each([
    [['export', '--org', 'x', '--bank', 'y', '--out', 'f'], '--format <format> is required.'],
    [['export', '--org', 'x', '--bank', 'y', '--format', 'csv'], '--out <file> is required.'],
    [
      ['export', '--org', 'x', '--bank', 'y', '--format', 'pdf', '--out', 'f'],
      '--format must be one of native, csv, gift, aiken, moodle-xml, qti (got "pdf").',
    ],
    [
      ['export', '--org', 'x', '--bank', 'y', '--format', 'csv', '--out', 'f', '--status', 'old'],
      '--status must be one of active, archived, all (got "old").',
    ],
    [
      ['export', '--org', 'x', '--bank', 'y', '--format', 'csv', 'f'],
      'Unexpected argument f (the file goes after --out).',
    ],
  ])('validates its arguments: %j', async (argv, message) => {
    expect(await cli(...argv)).toBe(2);
    expect(err[0]).toBe(`error: ${message}`);
  });

  it('refuses a folder as --out, and a folder that does not exist', async () => {
    expect(await cli('export', ...base(), '--format', 'csv', '--out', dir)).toBe(2);
    expect(err[0]).toContain('is a folder');
    expect(await cli('export', ...base(), '--format', 'csv', '--out', join(dir, 'no', 'such', 'f.csv'))).toBe(
      1,
    );
    expect(err.at(-1)).toBe(`error: The folder ${join(dir, 'no', 'such')} does not exist.`);
  });
});

describe('the operator CLI', () => {
  it('hands every other command to the operator commands', async () => {
    expect(await cli('backup', 'x.db')).toBe(42);
    expect(out).toEqual(['ops: backup x.db']);
  });

  it('adds the bank-file commands to the help', async () => {
    expect(await cli('help')).toBe(42);
    expect(out).toEqual(['ops: help', `\n${IMPORT_USAGE}`]);
  });

  it('runs from `pnpm cli` as a child process on the database file', async () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const apiDir = join(here, '..', '..');
    const run = promisify(execFile);
    const result = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'banks', '--data-dir', dataDir],
      {
        cwd: apiDir,
        env: { ...process.env, INIT_CWD: dir },
      },
    );
    expect(result.stdout).toContain(`CPC bank  (bank ${bankId})`);
    const failed = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'export', '--format', 'csv'],
      {
        cwd: apiDir,
        env: { ...process.env, INIT_CWD: dir },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('--out <file> is required.') });
  }, 30_000);
});
