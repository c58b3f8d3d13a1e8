/** Command-line arguments of the operator CLI: positionals, flags and `--name value` options. */

/** A wrong command line: the CLI prints the message and the usage, and exits with 2. */
export class UsageError extends Error {}

export interface Parsed {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/** Splits arguments into positionals, boolean flags and `--name value` options, refusing unknown ones. */
export function parseArgs(args: readonly string[], spec: { flags: string[]; values: string[] }): Parsed {
  const parsed: Parsed = { positionals: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.flags.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      parsed.flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--')))
        throw new UsageError(`--${name} needs a value.`);
      if (parsed.values.has(name)) throw new UsageError(`--${name} is given twice.`);
      parsed.values.set(name, value);
    } else {
      const known = [...spec.flags, ...spec.values].map((n) => `--${n}`).join(', ');
      throw new UsageError(`Unknown option ${arg}${known ? ` (this command takes ${known})` : ''}.`);
    }
  }
  return parsed;
}
