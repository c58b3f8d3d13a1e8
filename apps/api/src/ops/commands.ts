/**
 * The operator commands behind `pnpm cli <command>`: migrate, backup, restore, check. Each
 * validates its arguments with a clear message and answers with an exit code (0 done, 1 failed,
 * 2 wrong usage). The work itself is in @coderprep/db (maintenance.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  backupDatabase,
  checkDatabaseFile,
  closeDatabase,
  databaseFileIn,
  MaintenanceError,
  openDatabase,
  restoreDatabase,
} from '@coderprep/db';
import { type Parsed, parseArgs, UsageError } from '../cli-args';
import { loadConfig } from '../config';

export const USAGE = `Usage: pnpm cli <command> [arguments]

Commands:
  migrate [--data-dir <dir>]
      Apply pending migrations to <dir>/coderprep.db (the server also does this when it starts).
  backup <out-file> [--data-dir <dir>] [--force]
      Copy the database into <out-file> while the server runs (SQLite online backup: one
      consistent snapshot). Refuses an existing <out-file> unless --force.
  restore <backup-file> --data-dir <dir> [--force]
      Check <backup-file> and restore it as <dir>/coderprep.db. Stop the server first. Refuses a
      folder that is not empty unless --force; the database it replaces is moved to
      <dir>/replaced-<time>/, never deleted.
  check <db-file>
      Integrity check of a database or backup file (read-only).
  help
      This text.

--data-dir defaults to $DATA_DIR, else ./data, exactly as the server resolves it. Relative paths
are taken from the folder pnpm started in (INIT_CWD: the repository root for \`pnpm cli\`), as
the server takes DATA_DIR; absolute paths are the safest.
Exit codes: 0 done, 1 failed, 2 wrong usage.`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where the operator ran the command (pnpm runs scripts in the package folder: INIT_CWD). */
  cwd: string;
  /** The server's working folder (apps/api). */
  serverCwd: string;
  env: NodeJS.ProcessEnv;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Exactly the positionals named, each present. */
function positionals(parsed: Parsed, names: string[]): string[] {
  if (parsed.positionals.length < names.length)
    throw new UsageError(
      `Missing ${names
        .slice(parsed.positionals.length)
        .map((n) => `<${n}>`)
        .join(' ')}.`,
    );
  if (parsed.positionals.length > names.length)
    throw new UsageError(`Unexpected argument ${parsed.positionals[names.length]}.`);
  return parsed.positionals;
}

const bytes = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : n >= 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${n} B`;
const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(0)} ms`);

/** Runs one command; resolves to its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  const fromCwd = (path: string) => (isAbsolute(path) ? path : resolve(io.cwd, path));
  const dataDirOf = (parsed: Parsed) => {
    const given = parsed.values.get('data-dir');
    if (given !== undefined) return fromCwd(given);
    // Exactly the folder the server would use with the same environment.
    return loadConfig(io.env).dataDir;
  };
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;

      case 'migrate': {
        const parsed = parseArgs(args, { flags: [], values: ['data-dir'] });
        positionals(parsed, []);
        const file = databaseFileIn(dataDirOf(parsed));
        const existed = existsSync(file);
        closeDatabase(openDatabase({ file }));
        io.out(`${existed ? 'Migrated' : 'Created and migrated'} ${file}`);
        return EXIT.ok;
      }

      case 'backup': {
        const parsed = parseArgs(args, { flags: ['force'], values: ['data-dir'] });
        const [out] = positionals(parsed, ['out-file']) as [string];
        const source = databaseFileIn(dataDirOf(parsed));
        const target = fromCwd(out);
        if (existsSync(target) && statSync(target).isDirectory())
          throw new UsageError(
            `${target} is a folder; give the backup file's name (e.g. ${target}/coderprep-backup.db).`,
          );
        io.out(`Backing up ${source} ...`);
        const result = await backupDatabase(source, target, { overwrite: parsed.flags.has('force') });
        io.out(
          `Backup written: ${result.file} (${bytes(result.bytes)}, ${result.pages} pages) in ${ms(result.durationMs)}.`,
        );
        return EXIT.ok;
      }

      case 'restore': {
        const parsed = parseArgs(args, { flags: ['force'], values: ['data-dir'] });
        const [backup] = positionals(parsed, ['backup-file']) as [string];
        // No default here: restoring into the wrong folder is too easy to do by accident.
        if (!parsed.values.has('data-dir'))
          throw new UsageError('restore needs --data-dir <dir>: the data folder to restore into.');
        const dataDir = dataDirOf(parsed);
        io.out(`Checking ${fromCwd(backup)} ...`);
        const result = await restoreDatabase(fromCwd(backup), dataDir, { force: parsed.flags.has('force') });
        if (result.replacedInto) io.out(`The database that was there is now in ${result.replacedInto}.`);
        io.out(`Restored ${result.file} (${bytes(result.bytes)}) in ${ms(result.durationMs)}.`);
        io.out(`Start the server with DATA_DIR=${dataDir}.`);
        return EXIT.ok;
      }

      case 'check': {
        const parsed = parseArgs(args, { flags: [], values: [] });
        const [file] = positionals(parsed, ['db-file']) as [string];
        const check = checkDatabaseFile(fromCwd(file));
        if (!check.ok) {
          for (const problem of check.problems) io.err(`problem: ${problem}`);
          return EXIT.failed;
        }
        io.out(
          `OK: ${fromCwd(file)} (${bytes(check.bytes)}), integrity check clean, ` +
            `${check.migrations.applied} of ${check.knownMigrations} known migrations applied.`,
        );
        return EXIT.ok;
      }

      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      io.err('Run `pnpm cli help` for the commands and their arguments.');
      return EXIT.usage;
    }
    if (error instanceof MaintenanceError) {
      io.err(`error: ${error.message}`);
      return EXIT.failed;
    }
    io.err(`error: ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}
