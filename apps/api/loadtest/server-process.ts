/**
 * The real server as a child process (`node --import tsx src/server.ts`), on 127.0.0.1, for the
 * load harness and the crash and backup tests: start it, wait until it answers, stop it
 * (SIGTERM) or kill it (SIGKILL), and restart it on the same data folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/api: the server's working folder. */
export const API_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerOptions {
  dataDir: string;
  /** A fixed port (to restart on the same address); default: a free one. */
  port?: number;
  demo?: boolean;
  nodeEnv?: string;
  logLevel?: string;
  /** Where the server appends its process figures (see src/ops/process-metrics.ts). */
  metricsFile?: string;
  /** Write a V8 CPU profile into this folder at exit (node --cpu-prof). */
  cpuProfDir?: string;
  /** The entry module, relative to apps/api (default src/server.ts). */
  entry?: string;
  env?: Record<string, string>;
  /** How long to wait for the first answer (default 60 s: the demo seed runs first). */
  readyTimeoutMs?: number;
}

export interface RunningServer {
  /** performance.now() when the process was spawned (its uptime starts about then). */
  spawnedAt: number;
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines it printed (for error messages). */
  output(): string;
  /** SIGKILL: the process dies at once, mid-request if need be. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET url; true on a 200 within a second. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Every server child still running, so a harness or test can always clean up. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Kills every server child this process started (for afterAll hooks and error paths). */
export function killAllServers(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Starts the server and resolves once /api/health answers 200. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const nodeArgs = ['--import', 'tsx'];
  if (options.cpuProfDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    DEMO: options.demo === false ? '0' : '1',
    NODE_ENV: options.nodeEnv ?? 'production',
    LOG_LEVEL: options.logLevel ?? 'silent',
    ...(options.metricsFile ? { METRICS_FILE: options.metricsFile } : {}),
    ...options.env,
  };
  // Test runners' own settings must not leak into the server.
  delete env.NODE_OPTIONS;
  delete env.VITEST;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, options.entry ?? 'src/server.ts'], {
    cwd: API_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (data: Buffer) => {
    output = (output + data.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  let dead = false;
  void exited.then(() => {
    dead = true;
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + (options.readyTimeoutMs ?? 60_000);
  while (!(await answers(`${url}/api/health`))) {
    if (dead) throw new Error(`The server exited before it was ready:\n${output}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer within ${options.readyTimeoutMs ?? 60_000} ms:\n${output}`);
    }
    await sleep(100);
  }

  return {
    spawnedAt,
    url,
    port,
    pid: child.pid ?? -1,
    child,
    exited,
    output: () => output,
    async kill() {
      if (!dead) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (dead) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
