/**
 * Operator commands for bank files, on the server's database without the server running:
 * `banks` (find the ids), `import` (preview, or commit with --commit) and `export`. They call the
 * same service functions as the HTTP routes, so a file reads the same either way. Exit codes as
 * the other operator commands: 0 done, 1 failed (or a preview with errors), 2 wrong usage.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import {
  EXPORT_STATUSES,
  type ExportQuery,
  type ImportIssue,
  type ImportKeyIssue,
  type ImportOptionsBody,
  importOptionsSchema,
} from '@coderprep/contracts';
import {
  type BankRow,
  closeDatabase,
  databaseFileIn,
  findBank,
  findOrganisation,
  listBanks,
  listOrganisations,
  openDatabase,
} from '@coderprep/db';
import { FORMATS, type FormatName, MAX_FILE_BYTES } from '@coderprep/formats';
import { pino } from 'pino';
import { type Parsed, parseArgs, UsageError } from '../cli-args';
import { systemClock } from '../clock';
import { loadCodeSetDir } from '../codesets';
import { loadConfig } from '../config';
import type { Deps } from '../deps';
import { ApiError } from '../http/errors';
import type { CliIo } from '../ops/commands';
import {
  commitImport,
  duplicateReason,
  fileTooLarge,
  previewImport,
  recordExport,
  writeBankFile,
} from './service';

export const IMPORT_USAGE = `Bank files (the server need not run; see apps/api/IMPORT-EXPORT.md):
  banks [--data-dir <dir>] [--org <id>]
      List the organisations and their banks, with the ids the commands below take.
  import <file> --org <id> --bank <id> [--data-dir <dir>] [--format <format>] [--commit]
         [--duplicates skip|fail] [--domain <slug>] [--code-set-year <year>] [--id-prefix <prefix>] [--all]
      Without --commit: read the file and print what it holds (items, errors and warnings with
      their line or item id, duplicates of the bank's items, key checks); exit 0 when it has no
      errors, 1 when it has. With --commit: import every accepted item in one transaction, or
      nothing. Duplicates are skipped (default) or, with --duplicates fail, stop the import.
      --all prints every warning (else the first ${50} of each list).
  export --org <id> --bank <id> --format <format> --out <file> [--data-dir <dir>]
         [--status active|archived|all] [--force]
      Write the bank's items (active by default) to <file> and print what the format could not
      hold. Refuses an existing <file> unless --force.
Formats: ${FORMATS.join(', ')} (import recognises the format from the file when --format is left out).
Official code tables for the key checks: $CODESETS_DIR, as for the server.`;

const COMMANDS = ['banks', 'import', 'export'] as const;
type Command = (typeof COMMANDS)[number];

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
/** Entries printed per list unless --all. */
const LIST_MAX = 50;

class Failure extends Error {}

type Run = (argv: readonly string[], io: CliIo) => Promise<number>;

/**
 * The operator CLI with the bank-file commands added: `banks`, `import` and `export` run here,
 * everything else goes to `run`; help prints both usages.
 */
export function withImportCommands(run: Run): Run {
  return async (argv, io) => {
    const [command, ...args] = argv;
    if ((COMMANDS as readonly string[]).includes(command ?? ''))
      return runImportCommand(command as Command, args, io);
    const code = await run(argv, io);
    if (command === undefined || ['help', '--help', '-h'].includes(command)) io.out(`\n${IMPORT_USAGE}`);
    return code;
  };
}

function required(parsed: Parsed, name: string, what: string): string {
  const value = parsed.values.get(name);
  if (value === undefined) throw new UsageError(`--${name} <${what}> is required.`);
  return value;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value as T;
}

/** The import options given on the command line, checked as the HTTP body is. */
function importOptions(parsed: Parsed): ImportOptionsBody {
  const year = parsed.values.get('code-set-year');
  const raw = {
    domain: parsed.values.get('domain'),
    idPrefix: parsed.values.get('id-prefix'),
    codeSetYear: year === undefined ? undefined : /^\d+$/.test(year) ? Number(year) : Number.NaN,
  };
  const result = importOptionsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const option = { domain: '--domain', idPrefix: '--id-prefix', codeSetYear: '--code-set-year' }[
      String(issue?.path[0]) as 'domain'
    ];
    throw new UsageError(`${option ?? 'an option'}: ${issue?.message ?? 'not valid'}.`);
  }
  return result.data;
}

/** Opens the server's database: it must exist (a typo in --data-dir must not create an empty one). */
function openDeps(parsed: Parsed, io: CliIo): Deps {
  const given = parsed.values.get('data-dir');
  const dataDir =
    given !== undefined
      ? isAbsolute(given)
        ? given
        : resolve(io.cwd, given)
      : // Exactly the folder the server would use with the same environment.
        loadConfig(io.env).dataDir;
  const file = databaseFileIn(dataDir);
  if (!existsSync(file))
    throw new Failure(
      `There is no database at ${file}. Give the server's data folder with --data-dir <dir> (or DATA_DIR).`,
    );
  const logger = pino({ level: 'silent' });
  const db = openDatabase({ file });
  try {
    return {
      db,
      clock: systemClock,
      logger,
      config: { ...loadConfig({ NODE_ENV: 'production' }), dataDir },
      codeSet: loadCodeSetDir(io.env.CODESETS_DIR || undefined, logger),
      newId: randomUUID,
    };
  } catch (error) {
    closeDatabase(db);
    throw error;
  }
}

/** The organisation and bank named by --org and --bank, or a message naming what is missing. */
function orgAndBank(deps: Deps, parsed: Parsed): { orgName: string; bank: BankRow } {
  const orgId = required(parsed, 'org', 'organisation id');
  const bankId = required(parsed, 'bank', 'bank id');
  const org = findOrganisation(deps.db, orgId);
  if (!org) throw new Failure(`There is no organisation with id ${orgId} (\`pnpm cli banks\` lists them).`);
  const bank = findBank(deps.db, orgId, bankId);
  if (!bank)
    throw new Failure(
      `Organisation "${org.name}" has no bank with id ${bankId} (\`pnpm cli banks --org ${orgId}\` lists its banks).`,
    );
  return { orgName: org.name, bank };
}

const where = (issue: ImportIssue) =>
  [
    issue.line !== undefined ? `line ${issue.line}` : undefined,
    issue.file,
    issue.itemId !== undefined ? `item ${issue.itemId}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');

const issueLine = (issue: ImportIssue | ImportKeyIssue) => {
  const at = where(issue);
  const path = 'path' in issue ? `${issue.path}: ` : '';
  return `  ${at ? `${at}: ` : ''}${path}${issue.message}`;
};

/** Prints a titled list, cut at LIST_MAX entries unless `all`. */
function list(io: CliIo, title: string, lines: string[], all: boolean): void {
  if (lines.length === 0) return;
  io.out(`${title} (${lines.length}):`);
  const shown = all ? lines : lines.slice(0, LIST_MAX);
  for (const line of shown) io.out(line);
  if (shown.length < lines.length)
    io.out(`  ... and ${lines.length - shown.length} more (--all lists every one)`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function runBanks(parsed: Parsed, io: CliIo): number {
  if (parsed.positionals.length > 0) throw new UsageError(`Unexpected argument ${parsed.positionals[0]}.`);
  const deps = openDeps(parsed, io);
  try {
    const orgId = parsed.values.get('org');
    const orgs = listOrganisations(deps.db).filter((o) => orgId === undefined || o.id === orgId);
    if (orgId !== undefined && orgs.length === 0)
      throw new Failure(`There is no organisation with id ${orgId} (\`pnpm cli banks\` lists them).`);
    if (orgs.length === 0) io.out('No organisations yet.');
    for (const org of orgs) {
      io.out(`${org.name}  (org ${org.id})`);
      const { rows } = listBanks(deps.db, org.id, { limit: 1_000_000, offset: 0 });
      if (rows.length === 0) io.out('  no banks');
      for (const bank of rows)
        io.out(
          `  ${bank.name}  (bank ${bank.id}): ${bank.itemCount} active, ${bank.archivedItemCount} archived ${bank.itemCount + bank.archivedItemCount === 1 ? 'item' : 'items'}`,
        );
    }
    return EXIT.ok;
  } finally {
    closeDatabase(deps.db);
  }
}

function readInput(path: string): Uint8Array {
  if (!existsSync(path)) throw new Failure(`There is no file ${path}.`);
  const stat = statSync(path);
  if (!stat.isFile()) throw new Failure(`${path} is not a file.`);
  if (stat.size > MAX_FILE_BYTES) throw fileTooLarge(stat.size);
  return new Uint8Array(readFileSync(path));
}

function runImport(parsed: Parsed, io: CliIo): number {
  if (parsed.positionals.length === 0) throw new UsageError('Missing <file>: the bank file to import.');
  if (parsed.positionals.length > 1) throw new UsageError(`Unexpected argument ${parsed.positionals[1]}.`);
  const path = resolveFrom(io, parsed.positionals[0] as string);
  const format = parsed.values.has('format')
    ? oneOf(parsed.values.get('format') as string, FORMATS, 'format')
    : undefined;
  const commit = parsed.flags.has('commit');
  if (parsed.values.has('duplicates') && !commit)
    throw new UsageError('--duplicates applies to an import with --commit.');
  const duplicates = oneOf(
    parsed.values.get('duplicates') ?? 'skip',
    ['skip', 'fail'] as const,
    'duplicates',
  );
  const options = importOptions(parsed);
  required(parsed, 'org', 'organisation id');
  required(parsed, 'bank', 'bank id');
  const all = parsed.flags.has('all');

  const bytes = readInput(path);

  const deps = openDeps(parsed, io);
  try {
    const { orgName, bank } = orgAndBank(deps, parsed);
    const file = { fileName: basename(path), bytes, format, options };
    const preview = previewImport(deps, bank.organisationId, bank.id, file);
    io.out(
      `${preview.fileName} (${preview.format}): ${plural(preview.recognised, 'item')} recognised, ` +
        `${preview.newItems} new, ${plural(preview.duplicates.length, 'duplicate')}; ` +
        `${plural(preview.errors.length, 'error')}, ${plural(preview.warnings.length, 'warning')}, ` +
        `${plural(preview.keyWarnings.length, 'key warning')}.`,
    );
    list(io, 'Errors', preview.errors.map(issueLine), true);
    list(io, 'Warnings', preview.warnings.map(issueLine), all);
    list(io, 'Key warnings', preview.keyWarnings.map(issueLine), all);
    list(
      io,
      commit && duplicates === 'fail' ? 'Duplicates' : 'Duplicates (not imported)',
      preview.duplicates.map((d) => `  item ${d.itemId}: ${duplicateReason(d)}`),
      all,
    );
    if (preview.errors.length > 0) {
      io.err(
        `error: ${preview.fileName} has ${plural(preview.errors.length, 'error')}: fix them and run again. Nothing was imported.`,
      );
      return EXIT.failed;
    }
    if (!commit) {
      io.out(
        `No errors. Run again with --commit to import ${plural(preview.newItems, 'item')} into bank "${bank.name}" of "${orgName}".`,
      );
      return EXIT.ok;
    }
    const result = commitImport(deps, null, bank.organisationId, bank.id, file, { duplicates, via: 'cli' });
    io.out(
      `Imported ${plural(result.created, 'item')} into bank "${bank.name}" (${bank.id}) of "${orgName}".`,
    );
    if (result.skipped.length > 0) {
      io.out(`Skipped ${result.skipped.length}:`);
      for (const s of all ? result.skipped : result.skipped.slice(0, LIST_MAX))
        io.out(`  item ${s.externalId}: ${s.reason}`);
      if (!all && result.skipped.length > LIST_MAX)
        io.out(`  ... and ${result.skipped.length - LIST_MAX} more (--all lists every one)`);
    }
    return EXIT.ok;
  } finally {
    closeDatabase(deps.db);
  }
}

function resolveFrom(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

/**
 * Writes `data` to `target` whole or not at all: a temporary file in the same folder, renamed
 * over the target (an atomic step), removed again on any failure.
 */
function writeWhole(target: string, data: Uint8Array, force: boolean): void {
  if (existsSync(target)) {
    if (statSync(target).isDirectory())
      throw new UsageError(
        `${target} is a folder; give the file's name (e.g. ${join(target, 'bank.gift.txt')}).`,
      );
    if (!force) throw new Failure(`${target} already exists; add --force to replace it.`);
  }
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new Failure(`The folder ${folder} does not exist.`);
  const temporary = join(folder, `.${basename(target)}.${randomUUID()}.tmp`);
  try {
    writeFileSync(temporary, data, { flag: 'wx' });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function runExport(parsed: Parsed, io: CliIo): number {
  if (parsed.positionals.length > 0)
    throw new UsageError(`Unexpected argument ${parsed.positionals[0]} (the file goes after --out).`);
  const format: FormatName = oneOf(required(parsed, 'format', 'format'), FORMATS, 'format');
  const out = resolveFrom(io, required(parsed, 'out', 'file'));
  const status = oneOf(parsed.values.get('status') ?? 'active', EXPORT_STATUSES, 'status');
  required(parsed, 'org', 'organisation id');
  required(parsed, 'bank', 'bank id');
  const force = parsed.flags.has('force');
  if (existsSync(out) && !force && !statSync(out).isDirectory())
    throw new Failure(`${out} already exists; add --force to replace it.`);

  const deps = openDeps(parsed, io);
  try {
    const { orgName, bank } = orgAndBank(deps, parsed);
    const query: ExportQuery = { format, status };
    const { data, report } = writeBankFile(deps, bank.organisationId, bank.id, query);
    writeWhole(out, data, force);
    recordExport(deps, null, bank.organisationId, bank.id, query, report, 'cli');
    io.out(
      `Wrote ${out}: ${plural(report.written, 'item')} of bank "${bank.name}" of "${orgName}" as ${format} (${status} items).`,
    );
    list(
      io,
      `Left out (${format} cannot hold them)`,
      report.leftOut.map((l) => `  item ${l.itemId}: ${l.reason}`),
      true,
    );
    list(io, 'Written with a loss', report.warnings.map(issueLine), true);
    return EXIT.ok;
  } finally {
    closeDatabase(deps.db);
  }
}

const SPECS: Record<Command, { flags: string[]; values: string[] }> = {
  banks: { flags: [], values: ['data-dir', 'org'] },
  import: {
    flags: ['commit', 'all'],
    values: ['data-dir', 'org', 'bank', 'format', 'duplicates', 'domain', 'code-set-year', 'id-prefix'],
  },
  export: { flags: ['force'], values: ['data-dir', 'org', 'bank', 'format', 'out', 'status'] },
};

/** Runs one bank-file command; resolves to its exit code. */
export async function runImportCommand(
  command: Command,
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  try {
    const parsed = parseArgs(args, SPECS[command]);
    if (command === 'banks') return runBanks(parsed, io);
    if (command === 'import') return runImport(parsed, io);
    return runExport(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      io.err('Run `pnpm cli help` for the commands and their arguments.');
      return EXIT.usage;
    }
    if (error instanceof Failure || error instanceof ApiError) {
      io.err(`error: ${error.message}`);
      return EXIT.failed;
    }
    io.err(`error: ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}
