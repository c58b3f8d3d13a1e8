/** The run's figures: the JSON shape, the targets, and the summary printed at the end. */
import type { ProcessSnapshot } from '../src/ops/process-metrics';
import type { HotFunction } from './profile';
import type { EndpointFigures, TimelineWindow } from './stats';
import type { Verification } from './verify';

export interface RunFigures {
  size: string;
  students: number;
  pace: { rampMs: number; thinkMs: number; changeFraction: number; flagFraction: number };
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    /** 1, 5 and 15 minute load averages when the run began and ended (other work on the machine). */
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  startedAt: string;
  durationSeconds: number;
  examDay: {
    seconds: number;
    endpoints: EndpointFigures[];
    /** Students that did not finish (must be 0). */
    failedStudents: number;
    failures: string[];
    /** The harness's own event-loop delay p99: latencies it measured include it. */
    harnessEventLoopDelayP99Ms: number;
    /** Saves window by window (client latency) beside the server's figures of the same 10 s. */
    saveTimeline: (TimelineWindow & {
      serverEventLoopP99Ms: number | null;
      serverEventLoopMaxMs: number | null;
      serverCpuPercent: number | null;
      serverRssMb: number | null;
      serverGcMaxMs: number | null;
      /** Time the server's main thread waited for a CPU in those 10 s (other processes). */
      serverRunQueueWaitMs: number | null;
    })[];
    harnessCpuPercent: number;
    server: ProcessSnapshot | null;
    /** Server CPU time (all threads) per request of the day. */
    serverCpuMsPerRequest: number;
  };
  saveCapacity: {
    concurrency: number;
    savesPerSecond: number;
    saves: number;
    errors: number;
    endpoints: EndpointFigures[];
    harnessCpuPercent: number;
    /** The server's figures over the save window only. */
    server: ProcessSnapshot | null;
    /** Server CPU time per save in the window. */
    serverCpuMsPerSave: number;
  };
  ceilings: {
    bareEndpoint: {
      concurrency: number;
      requestsPerSecond: number;
      errors: number;
      p50Ms: number;
      p99Ms: number;
      harnessCpuPercent: number;
      /** Bare server CPU time per request in the window. */
      serverCpuMsPerRequest: number;
    };
    rawUpserts: { perSecond: number; upserts: number };
  };
  ratios: { saveToBareEndpoint: number; saveToRawUpserts: number };
  server: { peakRssBytes: number; exit: ProcessSnapshot | null };
  database: {
    bytesBefore: number;
    bytesAfter: number;
    storedResponses: number;
    bytesPerResponse: number;
    addedBytesPerResponse: number;
  };
  verification: Verification;
  targets: TargetCheck[];
  profile: { file: string; hot: HotFunction[] } | null;
}

export interface TargetCheck {
  target: string;
  value: string;
  met: boolean;
}

const MB = 1024 * 1024;

/** The targets, checked (reported, never asserted). */
export function checkTargets(f: Omit<RunFigures, 'targets'>): TargetCheck[] {
  const save = f.examDay.endpoints.find((e) => e.endpoint === 'save');
  const errors =
    f.examDay.endpoints.reduce((n, e) => n + e.errors, 0) +
    f.saveCapacity.endpoints.reduce((n, e) => n + e.errors, 0);
  const eld = f.examDay.server?.eventLoopDelayMs.p99 ?? Number.NaN;
  return [
    { target: 'errors = 0', value: String(errors), met: errors === 0 && f.examDay.failedStudents === 0 },
    {
      target: 'lost answers = 0',
      value: String(f.verification.lostAnswers + f.verification.lostAttempts),
      met: f.verification.lostAnswers === 0 && f.verification.lostAttempts === 0,
    },
    {
      target: 'every attempt submitted exactly once',
      value: `${f.verification.notSubmitted} not submitted, ${f.verification.submittedTwice} twice, ${f.verification.unexpectedAttempts} extra`,
      met:
        f.verification.notSubmitted === 0 &&
        f.verification.submittedTwice === 0 &&
        f.verification.unexpectedAttempts === 0,
    },
    {
      target: 'p99 save latency < 50 ms',
      value: `${save?.p99Ms ?? '?'} ms`,
      met: (save?.p99Ms ?? Infinity) < 50,
    },
    { target: 'event-loop delay p99 < 50 ms', value: `${eld} ms`, met: eld < 50 },
    {
      target: 'save throughput >= 40% of bare endpoint',
      value: `${Math.round(f.ratios.saveToBareEndpoint * 100)}%`,
      met: f.ratios.saveToBareEndpoint >= 0.4,
    },
    {
      target: 'peak RSS < 400 MB',
      value: `${(f.server.peakRssBytes / MB).toFixed(0)} MB`,
      met: f.server.peakRssBytes > 0 && f.server.peakRssBytes < 400 * MB,
    },
    {
      target: 'db <= 2 KB per saved response',
      value: `${f.database.bytesPerResponse} B (${f.database.addedBytesPerResponse} B added by the run)`,
      met: f.database.bytesPerResponse <= 2048,
    },
  ];
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [
    line(cells[0] as string[]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

const endpointRows = (endpoints: EndpointFigures[]) =>
  endpoints.map((e) => [
    e.endpoint,
    e.requests,
    e.errors,
    e.throughput.toFixed(1),
    e.p50Ms,
    e.p95Ms,
    e.p99Ms,
    e.maxMs,
  ]);

/** The summary printed at the end of a run. */
export function formatSummary(f: RunFigures, jsonFile: string): string {
  const lines: string[] = [];
  lines.push('');
  lines.push(
    `CoderPrep load test, size ${f.size}: ${f.students} students, ramp ${f.pace.rampMs / 1000} s, ` +
      `think ${f.pace.thinkMs} ms; ${f.machine.cpus} CPU (${f.machine.cpuModel}), Node ${f.machine.node}; ` +
      `load average ${f.machine.loadAverageBefore.join(' ')} before, ${f.machine.loadAverageAfter.join(' ')} after`,
  );
  lines.push('');
  lines.push(
    `Exam day (${f.examDay.seconds.toFixed(1)} s; harness CPU ${f.examDay.harnessCpuPercent}%, ` +
      `harness event-loop delay p99 ${f.examDay.harnessEventLoopDelayP99Ms} ms)`,
  );
  lines.push(
    table(
      ['endpoint', 'requests', 'errors', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      endpointRows(f.examDay.endpoints),
    ),
  );
  const day = f.examDay.server;
  if (day)
    lines.push(
      `server: event-loop delay p50 ${day.eventLoopDelayMs.p50} ms, p99 ${day.eventLoopDelayMs.p99} ms, max ${day.eventLoopDelayMs.max} ms; ` +
        `GC pauses ${day.gc.count} (max ${day.gc.maxMs} ms); ` +
        `CPU ${Math.round(((day.cpuUserMs + day.cpuSystemMs) / Math.max(1, day.periodMs)) * 100)}% of one core, ` +
        `${f.examDay.serverCpuMsPerRequest} ms CPU per request`,
    );
  if (f.examDay.saveTimeline.length > 0) {
    lines.push(
      'saves over time (client latency; the server in the same 10 s: event-loop delay, longest GC pause, ' +
        'ms its main thread waited for a CPU, CPU use, RSS):',
    );
    lines.push(
      table(
        [
          'from s',
          'saves',
          'p50 ms',
          'p99 ms',
          'max ms',
          'loop p99',
          'loop max',
          'gc max',
          'cpu wait',
          'cpu %',
          'rss MB',
        ],
        f.examDay.saveTimeline.map((w) => [
          w.fromS,
          w.requests,
          w.p50Ms,
          w.p99Ms,
          w.maxMs,
          w.serverEventLoopP99Ms ?? '-',
          w.serverEventLoopMaxMs ?? '-',
          w.serverGcMaxMs ?? '-',
          w.serverRunQueueWaitMs ?? '-',
          w.serverCpuPercent ?? '-',
          w.serverRssMb ?? '-',
        ]),
      ),
    );
  }
  if (f.examDay.failedStudents > 0)
    lines.push(`students who did not finish: ${f.examDay.failedStudents}; first: ${f.examDay.failures[0]}`);
  lines.push('');
  lines.push(
    `Save capacity (closed loop, ${f.saveCapacity.concurrency} concurrent, no think time; saves over the ` +
      `measured window, starts and submits around it; harness CPU ${f.saveCapacity.harnessCpuPercent}%)`,
  );
  lines.push(
    table(
      ['endpoint', 'requests', 'errors', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      endpointRows(f.saveCapacity.endpoints),
    ),
  );
  const cap = f.saveCapacity.server;
  if (cap)
    lines.push(
      `server: event-loop delay p99 ${cap.eventLoopDelayMs.p99} ms (saturated on purpose), ` +
        `CPU ${Math.round(((cap.cpuUserMs + cap.cpuSystemMs) / Math.max(1, cap.periodMs)) * 100)}% of one core, ` +
        `${f.saveCapacity.serverCpuMsPerSave} ms CPU per save`,
    );
  lines.push('');
  lines.push('Ceilings (same run, same machine)');
  lines.push(
    table(
      ['measure', 'per second', 'save throughput as a share'],
      [
        [
          `saves, real server (${f.saveCapacity.serverCpuMsPerSave} ms CPU each)`,
          f.saveCapacity.savesPerSecond,
          '-',
        ],
        [
          `bare endpoint (${f.ceilings.bareEndpoint.concurrency} concurrent, p99 ${f.ceilings.bareEndpoint.p99Ms} ms, ` +
            `${f.ceilings.bareEndpoint.serverCpuMsPerRequest} ms CPU each)`,
          f.ceilings.bareEndpoint.requestsPerSecond,
          `${(f.ratios.saveToBareEndpoint * 100).toFixed(1)}%`,
        ],
        [
          'raw better-sqlite3 upserts',
          f.ceilings.rawUpserts.perSecond,
          `${(f.ratios.saveToRawUpserts * 100).toFixed(1)}%`,
        ],
      ],
    ),
  );
  lines.push('');
  const v = f.verification;
  lines.push(
    `Verification: ${v.attempts} attempts, ${v.acknowledgedSaves} acknowledged answers; lost ${v.lostAnswers}, ` +
      `unknown ${v.unknownAnswers}, lost attempts ${v.lostAttempts}, not submitted ${v.notSubmitted}, ` +
      `submitted twice ${v.submittedTwice}, extra attempts ${v.unexpectedAttempts}`,
  );
  for (const problem of v.problems.slice(0, 5)) lines.push(`  ${problem}`);
  lines.push(
    `Database: ${(f.database.bytesAfter / MB).toFixed(1)} MB for ${f.database.storedResponses} saved responses = ` +
      `${f.database.bytesPerResponse} B each (${f.database.addedBytesPerResponse} B each added by the run; ` +
      `${(f.database.bytesBefore / MB).toFixed(1)} MB before)`,
  );
  lines.push(`Server peak RSS: ${(f.server.peakRssBytes / MB).toFixed(0)} MB`);
  lines.push('');
  lines.push('Targets (reported, not asserted)');
  lines.push(
    table(
      ['target', 'value', 'met'],
      f.targets.map((t) => [t.target, t.value, t.met ? 'yes' : 'NO']),
    ),
  );
  if (f.profile) {
    lines.push('');
    lines.push(`Server CPU profile: ${f.profile.file}`);
    lines.push(
      table(
        ['function', 'self ms', '%', 'where'],
        f.profile.hot.map((h) => [h.name, h.selfMs, h.percent, h.where]),
      ),
    );
  }
  lines.push('');
  lines.push(`Figures: ${jsonFile}`);
  return lines.join('\n');
}
