/**
 * The load harness: `pnpm loadtest --size S|M|L`. Starts the real server on 127.0.0.1 with a
 * fresh database (demo program seeded), creates the students, runs the exam day, measures the
 * save capacity and the two ceilings, verifies every acknowledged answer in the database, and
 * prints a summary (JSON figures in artifacts/loadtest/). Sends traffic nowhere else; stops by
 * itself. See OPERATIONS.md for how to read the figures.
 */
import { randomUUID } from 'node:crypto';
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
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { closeDatabase, databaseFileIn, openDatabase } from '@coderprep/db';
import { systemClock } from '../src/clock';
import type { ProcessSnapshot } from '../src/ops/process-metrics';
import { measureSaveCapacity } from './capacity';
import { bareEndpointCeiling, rawUpsertCeiling } from './ceilings';
import { DEMO_JOIN_CODE, findCpcAssignment } from './demo';
import { runExamDay, studentsFor } from './exam-day';
import { createAgent, type Target } from './http';
import { hotFunctions } from './profile';
import { checkTargets, formatSummary, type RunFigures } from './report';
import { API_DIR, killAllServers, type RunningServer, startServer } from './server-process';
import { ArgsError, HARNESS_USAGE, parseHarnessArgs } from './sizes';
import { Recorder } from './stats';
import type { StudentContext } from './student';
import { createStudentAccounts } from './students';
import { verifyAgainstDatabase } from './verify';

const ENDPOINT_ORDER = ['login', 'join', 'start', 'save', 'flag', 'get', 'submit'];
const round2 = (n: number) => Math.round(n * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The database's size in bytes as SQLite sees it (pages x page size, what is still in the WAL
 * included): the size of the file once the WAL is checkpointed into it.
 */
function databaseBytes(file: string): number {
  const db = openDatabase({ file, migrate: false });
  try {
    const pages = db.$client.pragma('page_count', { simple: true }) as number;
    const pageSize = db.$client.pragma('page_size', { simple: true }) as number;
    return pages * pageSize;
  } finally {
    closeDatabase(db);
  }
}

/** Every snapshot the server wrote so far, in order. */
function snapshots(metricsFile: string): ProcessSnapshot[] {
  if (!existsSync(metricsFile)) return [];
  return readFileSync(metricsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProcessSnapshot);
}

/** Asks the server for its figures of the phase just ended (SIGUSR2) and reads them. */
async function phaseFigures(server: RunningServer, metricsFile: string): Promise<ProcessSnapshot | null> {
  const phases = () => snapshots(metricsFile).filter((s) => s.label === 'phase');
  const before = phases().length;
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    const now = phases();
    if (now.length > before) return now[now.length - 1] as ProcessSnapshot;
    await sleep(50);
  }
  return null;
}

function exitSnapshot(metricsFile: string): ProcessSnapshot | null {
  return snapshots(metricsFile).findLast((s) => s.label === 'exit') ?? null;
}

/** CPU share of the harness itself between two readings (a harness near 100% may be the bottleneck). */
function cpuPercent(since: NodeJS.CpuUsage, wallMs: number): number {
  const used = process.cpuUsage(since);
  return Math.round(((used.user + used.system) / 1000 / Math.max(1, wallMs)) * 100);
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseHarnessArgs>;
  try {
    args = parseHarnessArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    console.error(`error: ${error.message}\n\n${HARNESS_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(HARNESS_USAGE);
    return 0;
  }
  const { size } = args;
  const repoRoot = join(API_DIR, '..', '..');
  const outDir = args.outDir ?? join(repoRoot, 'artifacts', 'loadtest');
  const work = mkdtempSync(join(tmpdir(), `coderprep-loadtest-${size.name}-`));
  const dataDir = join(work, 'data');
  const dbFile = databaseFileIn(dataDir);
  const metricsFile = join(work, 'server-metrics.jsonl');
  const profileDir = args.cpuProf ? join(outDir, `profile-${size.name}-${systemClock.now()}`) : undefined;
  const started = performance.now();
  const startedAt = new Date(systemClock.now()).toISOString();
  const log = (line: string) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

  // Other work on the machine skews every figure: the load averages go into the report.
  const loadBefore = loadavg().map((n) => round2(n));
  log(`size ${size.name}: ${size.students} students; data in ${work}; load average ${loadBefore.join(' ')}`);
  let server: RunningServer | undefined;
  try {
    server = await startServer({
      dataDir,
      demo: true,
      nodeEnv: 'production',
      logLevel: 'warn',
      metricsFile,
      env: { METRICS_INTERVAL_MS: '10000' },
      ...(profileDir ? { cpuProfDir: profileDir } : {}),
    });
    log(`server up at ${server.url} (pid ${server.pid})`);
    const target: Target = { url: server.url };
    const assignmentId = await findCpcAssignment(target);
    const accounts = await createStudentAccounts(dbFile, size.students, randomUUID);
    const bytesBefore = databaseBytes(dbFile);
    log(`${accounts.length} students created; CPC mock ${assignmentId}`);

    // ---- the exam day
    const agent = createAgent();
    const dayRecorder = new Recorder();
    const ctx: StudentContext = {
      agent,
      target,
      recorder: dayRecorder,
      assignmentId,
      joinCode: DEMO_JOIN_CODE,
      outageToleranceMs: 0,
    };
    await phaseFigures(server, metricsFile); // closes the start-up phase
    let saves = 0;
    let submitted = 0;
    ctx.onProgress = (event) => {
      if (event === 'save') saves++;
      if (event === 'submit') submitted++;
    };
    const ticker = setInterval(
      () => log(`exam day: ${saves} saves, ${submitted}/${accounts.length} submitted`),
      10_000,
    );
    let cpu = process.cpuUsage();
    // The harness's own event loop: if it lags, every latency it measures grows with it.
    const harnessDelay = monitorEventLoopDelay({ resolution: 10 });
    harnessDelay.enable();
    dayRecorder.start();
    const dayStarted = performance.now();
    const outcomes = await runExamDay(studentsFor(ctx, accounts), {
      pace: size.pace,
      deadlineMs: size.deadlineMs,
      seed: args.seed,
    });
    dayRecorder.end();
    harnessDelay.disable();
    const harnessDelayP99Ms = round2(Math.max(0, harnessDelay.percentile(99) / 1e6 - 10));
    clearInterval(ticker);
    const dayCpu = cpuPercent(cpu, dayRecorder.wallMs);
    const dayServer = await phaseFigures(server, metricsFile);
    // Where in the day the slow saves were, next to the server's own figures for each 10 s.
    const dayStartUptime = dayStarted - server.spawnedAt;
    const ticks = snapshots(metricsFile).filter(
      (t) =>
        t.label === 'tick' &&
        // Only ticks wholly inside the day (the first one would also hold the start-up).
        t.uptimeMs - t.periodMs >= dayStartUptime - 1000 &&
        t.uptimeMs <= dayStartUptime + dayRecorder.wallMs + 10_000,
    );
    const timeline = dayRecorder.timeline('save', 10).map((window) => {
      const tick = ticks.find((t) => {
        const endS = (t.uptimeMs - dayStartUptime) / 1000;
        return endS > window.fromS && endS <= window.fromS + 10;
      });
      return {
        ...window,
        serverEventLoopP99Ms: tick?.eventLoopDelayMs.p99 ?? null,
        serverEventLoopMaxMs: tick?.eventLoopDelayMs.max ?? null,
        serverCpuPercent: tick
          ? Math.round(((tick.cpuUserMs + tick.cpuSystemMs) / Math.max(1, tick.periodMs)) * 100)
          : null,
        serverRssMb: tick ? Math.round(tick.rssBytes / 1024 / 1024) : null,
        serverGcMaxMs: tick?.gc.maxMs ?? null,
        serverRunQueueWaitMs: tick?.runQueueWaitMs ?? null,
      };
    });
    const failures = outcomes.filter((o) => o.failure !== null).map((o) => o.failure as string);
    log(
      `exam day done in ${(dayRecorder.wallMs / 1000).toFixed(1)} s; ${failures.length} students did not finish`,
    );

    // ---- save capacity (closed loop on the real server)
    const capRecorder = new Recorder();
    const capSaveRecorder = new Recorder();
    const capCtx: StudentContext = { ...ctx, recorder: capRecorder, label: ' (capacity)' };
    delete capCtx.onProgress;
    const finished = outcomes.filter((o) => o.failure === null && o.student.cookie).map((o) => o.student);
    cpu = process.cpuUsage();
    capRecorder.start();
    let capServer = null as ProcessSnapshot | null;
    const running = server;
    const capacity = await measureSaveCapacity(capCtx, finished, {
      warmupMs: size.warmupMs,
      durationMs: size.windowMs,
      seed: args.seed,
      saveRecorder: capSaveRecorder,
      // The server's figures of the save window alone (not the starts and submits around it).
      mark: async (moment) => {
        const figures = await phaseFigures(running, metricsFile);
        if (moment === 'window-end') capServer = figures;
      },
    });
    capRecorder.end();
    const capCpu = cpuPercent(cpu, capRecorder.wallMs);
    await phaseFigures(server, metricsFile);
    log(`save capacity: ${capacity.perSecond} saves/s with ${finished.length} concurrent students`);

    agent.destroy();
    await server.stop();
    const exitFigures = exitSnapshot(metricsFile);
    const bytesAfter = databaseBytes(dbFile);

    // ---- verification
    const ledgers = [...outcomes.flatMap((o) => o.student.attempts), ...capacity.ledgers];
    const verification = verifyAgainstDatabase(dbFile, ledgers, {
      submitted: true,
      userIds: accounts.map((a) => a.userId),
    });
    log(`verified ${verification.acknowledgedSaves} acknowledged answers: ${verification.lostAnswers} lost`);

    // ---- ceilings
    const cookies = finished.map((s) => s.cookie as string);
    const bareMetrics = join(work, 'bare-metrics.jsonl');
    const bare = await startServer({
      dataDir,
      demo: false,
      logLevel: 'warn',
      entry: 'loadtest/bare-server.ts',
      metricsFile: bareMetrics,
    });
    await phaseFigures(bare, bareMetrics);
    const bareAgent = createAgent();
    const bareRecorder = new Recorder();
    cpu = process.cpuUsage();
    const bareStarted = performance.now();
    const bareResult = await bareEndpointCeiling({
      agent: bareAgent,
      target: { url: bare.url },
      cookies,
      concurrency: cookies.length,
      warmupMs: size.warmupMs,
      durationMs: size.windowMs,
      recorder: bareRecorder,
    });
    const bareCpu = cpuPercent(cpu, performance.now() - bareStarted);
    const bareServer = await phaseFigures(bare, bareMetrics);
    bareAgent.destroy();
    await bare.stop();
    const bareFigures = bareRecorder.figures()[0];
    log(`bare endpoint: ${bareResult.perSecond} requests/s`);
    const upserts = rawUpsertCeiling(work, size.upsertMs);
    log(`raw upserts: ${upserts.perSecond}/s`);

    // ---- profile
    let profile: RunFigures['profile'] = null;
    if (profileDir && existsSync(profileDir)) {
      // One profile per thread (tsx runs its loader in a worker): the main thread's is the biggest.
      const file = readdirSync(profileDir)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => join(profileDir, name))
        .sort((a, b) => statSync(a).size - statSync(b).size)
        .pop();
      if (file) profile = { file, hot: hotFunctions(file, 25) };
    }

    const storedResponses = verification.storedResponses;
    const figures: Omit<RunFigures, 'targets'> = {
      size: size.name,
      students: size.students,
      pace: size.pace,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? '?',
        node: process.versions.node,
        platform: `${process.platform} ${process.arch}`,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg().map((n) => round2(n)),
      },
      startedAt,
      durationSeconds: Math.round((performance.now() - started) / 100) / 10,
      examDay: {
        seconds: Math.round(dayRecorder.wallMs / 100) / 10,
        endpoints: dayRecorder.figures(ENDPOINT_ORDER),
        failedStudents: failures.length,
        failures: failures.slice(0, 10),
        saveTimeline: timeline,
        harnessCpuPercent: dayCpu,
        harnessEventLoopDelayP99Ms: harnessDelayP99Ms,
        server: dayServer,
        serverCpuMsPerRequest: dayServer
          ? round2((dayServer.cpuUserMs + dayServer.cpuSystemMs) / Math.max(1, dayRecorder.total()))
          : 0,
      },
      saveCapacity: {
        concurrency: finished.length,
        savesPerSecond: capacity.perSecond,
        saves: capacity.completed,
        errors: capacity.errors,
        // Saves over the measured window; the starts before it and submits after it over the phase.
        endpoints: [
          ...capRecorder.figures().filter((e) => e.endpoint.startsWith('start')),
          ...capSaveRecorder.figures(),
          ...capRecorder.figures().filter((e) => !e.endpoint.startsWith('start')),
        ],
        harnessCpuPercent: capCpu,
        server: capServer,
        serverCpuMsPerSave: capServer
          ? round2((capServer.cpuUserMs + capServer.cpuSystemMs) / Math.max(1, capacity.attempted))
          : 0,
      },
      ceilings: {
        bareEndpoint: {
          concurrency: cookies.length,
          requestsPerSecond: bareResult.perSecond,
          errors: bareResult.errors,
          p50Ms: bareFigures?.p50Ms ?? 0,
          p99Ms: bareFigures?.p99Ms ?? 0,
          harnessCpuPercent: bareCpu,
          serverCpuMsPerRequest: bareServer
            ? round2((bareServer.cpuUserMs + bareServer.cpuSystemMs) / Math.max(1, bareResult.attempted))
            : 0,
        },
        rawUpserts: { perSecond: upserts.perSecond, upserts: upserts.upserts },
      },
      ratios: {
        saveToBareEndpoint: bareResult.perSecond > 0 ? capacity.perSecond / bareResult.perSecond : 0,
        saveToRawUpserts: upserts.perSecond > 0 ? capacity.perSecond / upserts.perSecond : 0,
      },
      server: { peakRssBytes: exitFigures?.maxRssBytes ?? 0, exit: exitFigures },
      database: {
        bytesBefore,
        bytesAfter,
        storedResponses,
        bytesPerResponse: storedResponses > 0 ? Math.round(bytesAfter / storedResponses) : 0,
        addedBytesPerResponse:
          storedResponses > 0 ? Math.round((bytesAfter - bytesBefore) / storedResponses) : 0,
      },
      verification,
      profile,
    };
    const full: RunFigures = { ...figures, targets: checkTargets(figures) };
    mkdirSync(outDir, { recursive: true });
    const jsonFile = join(outDir, `loadtest-${size.name}-${startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(jsonFile, `${JSON.stringify(full, null, 2)}\n`);
    console.log(formatSummary(full, jsonFile));
    const broken =
      verification.lostAnswers +
      verification.lostAttempts +
      verification.unknownAnswers +
      verification.submittedTwice;
    return broken > 0 ? 1 : 0;
  } finally {
    killAllServers();
    if (args.keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    killAllServers();
    process.exitCode = 1;
  },
);
