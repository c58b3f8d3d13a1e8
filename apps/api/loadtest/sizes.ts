/**
 * Run sizes (Moodle's test-plan ladder: S = 30 students, M = 100, L = 1,000) and the harness's
 * command line. The pace is compressed: a real CPC mock gives each of 100 items about 2.4
 * minutes; here a student answers every item (and changes a fifth of them) within minutes.
 */
import type { Pace } from './exam-day';

export type SizeName = 'S' | 'M' | 'L';

export interface Size {
  name: SizeName;
  students: number;
  pace: Pace;
  /** Hard stop for the exam day. */
  deadlineMs: number;
  /** Closed-loop windows: save capacity and bare endpoint (each after a warm-up). */
  warmupMs: number;
  windowMs: number;
  /** Raw upsert ceiling window. */
  upsertMs: number;
}

export const SIZES: Record<SizeName, Size> = {
  S: {
    name: 'S',
    students: 30,
    pace: { rampMs: 15_000, thinkMs: 250, changeFraction: 0.2, flagFraction: 0.1 },
    deadlineMs: 5 * 60_000,
    warmupMs: 1000,
    windowMs: 5000,
    upsertMs: 3000,
  },
  M: {
    name: 'M',
    students: 100,
    pace: { rampMs: 30_000, thinkMs: 400, changeFraction: 0.2, flagFraction: 0.1 },
    deadlineMs: 8 * 60_000,
    warmupMs: 1000,
    windowMs: 8000,
    upsertMs: 3000,
  },
  L: {
    name: 'L',
    students: 1000,
    pace: { rampMs: 60_000, thinkMs: 1500, changeFraction: 0.2, flagFraction: 0.1 },
    deadlineMs: 15 * 60_000,
    warmupMs: 2000,
    windowMs: 10_000,
    upsertMs: 3000,
  },
};

export interface HarnessArgs {
  size: Size;
  outDir: string | null;
  cpuProf: boolean;
  keep: boolean;
  seed: number;
}

export const HARNESS_USAGE = `Usage: pnpm loadtest --size S|M|L [--out <dir>] [--cpu-prof] [--keep] [--seed <n>]

  --size      S = 30 students, M = 100, L = 1000 (required)
  --out       folder for the JSON figures (default: <repo>/artifacts/loadtest)
  --cpu-prof  write a V8 CPU profile of the server and list its hottest functions
  --keep      keep the run's temporary data folder (database, server metrics)
  --seed      random seed of the simulated students (default 1)`;

export class ArgsError extends Error {}

/** Parses and validates the harness's arguments. */
export function parseHarnessArgs(argv: readonly string[]): HarnessArgs | 'help' {
  let size: Size | undefined;
  let outDir: string | null = null;
  let cpuProf = false;
  let keep = false;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || v.startsWith('--')) throw new ArgsError(`${name} needs a value.`);
      return v;
    };
    switch (name) {
      case '--help':
      case '-h':
        return 'help';
      case '--size': {
        const v = value().toUpperCase();
        if (v !== 'S' && v !== 'M' && v !== 'L') throw new ArgsError(`--size must be S, M or L, not "${v}".`);
        size = SIZES[v];
        break;
      }
      case '--out':
        outDir = value();
        break;
      case '--cpu-prof':
        cpuProf = true;
        break;
      case '--keep':
        keep = true;
        break;
      case '--seed': {
        const v = value();
        if (!/^\d{1,9}$/.test(v)) throw new ArgsError(`--seed must be a whole number, not "${v}".`);
        seed = Number(v);
        break;
      }
      case '--':
        break;
      default:
        throw new ArgsError(`Unknown argument ${arg}.`);
    }
  }
  if (!size) throw new ArgsError('--size is required: S, M or L.');
  return { size, outDir, cpuProf, keep, seed };
}
