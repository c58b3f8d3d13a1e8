/**
 * Operator commands: `pnpm cli <command>` (migrate, backup, restore, check; `pnpm cli help`).
 * See OPERATIONS.md.
 */
import { withImportCommands } from './imports/cli-commands';
import { runCli } from './ops/commands';

const code = await withImportCommands(runCli)(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  // pnpm runs the script in apps/api; paths the operator typed are relative to where they typed them.
  cwd: process.env.INIT_CWD || process.cwd(),
  serverCwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
