/**
 * Process figures for load tests, written only when METRICS_FILE is set: event-loop delay
 * (perf_hooks histogram), peak and current resident memory, heap, CPU time. One JSON line is
 * appended on SIGUSR2 (then the delay histogram starts afresh, so a harness can cut a run into
 * phases) and one at exit; with METRICS_INTERVAL_MS, also a 'tick' line for every interval (its
 * own histogram, so a harness can see when in a run the delays happened). Deliberately not an
 * HTTP route: nothing about it is public.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface ProcessSnapshot {
  /** 'phase' (SIGUSR2), 'tick' (every METRICS_INTERVAL_MS) or 'exit'. */
  label: 'phase' | 'tick' | 'exit';
  /** Since the previous snapshot (or the start). */
  periodMs: number;
  /** Process uptime when written. */
  uptimeMs: number;
  /**
   * How late the event loop ran a timer: the histogram's values less its 10 ms sampling interval
   * (an idle loop reads 0).
   */
  eventLoopDelayMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Garbage-collection pauses in the period. */
  gc: { count: number; totalMs: number; maxMs: number };
  /**
   * How long the main thread waited for a CPU while ready to run (Linux schedstat), null where
   * unavailable: time other processes on the machine took from it.
   */
  runQueueWaitMs: number | null;
  /** Peak resident set size of the process so far. */
  maxRssBytes: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** CPU time in the period. */
  cpuUserMs: number;
  cpuSystemMs: number;
}

/** A recorder of one period's figures: its own delay histogram and CPU baseline. */
const RESOLUTION_MS = 10;

/** The main thread's total run-queue wait in ns (Linux), or null. */
function runQueueWaitNs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(/\s+/);
    const wait = Number(fields[1]);
    return Number.isFinite(wait) ? wait : null;
  } catch {
    return null;
  }
}

/** GC pauses, summed by every period recorder that asks. */
const gcListeners = new Set<(ms: number) => void>();
let gcObserver: PerformanceObserver | undefined;
function onGc(listener: (ms: number) => void) {
  gcListeners.add(listener);
  if (!gcObserver) {
    gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) for (const notify of gcListeners) notify(entry.duration);
    });
    gcObserver.observe({ entryTypes: ['gc'] });
  }
}

function periodRecorder() {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let since = performance.now();
  let cpu = process.cpuUsage();
  let gc = { count: 0, totalMs: 0, maxMs: 0 };
  let waited = runQueueWaitNs();
  onGc((ms) => {
    gc.count++;
    gc.totalMs += ms;
    gc.maxMs = Math.max(gc.maxMs, ms);
  });
  const ms = (ns: number) =>
    Number.isFinite(ns) ? Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100) : 0;
  return (label: ProcessSnapshot['label']): ProcessSnapshot => {
    const usedCpu = process.cpuUsage(cpu);
    const memory = process.memoryUsage();
    const snapshot: ProcessSnapshot = {
      label,
      periodMs: Math.round(performance.now() - since),
      uptimeMs: Math.round(process.uptime() * 1000),
      eventLoopDelayMs: {
        p50: ms(delay.percentile(50)),
        p90: ms(delay.percentile(90)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        mean: ms(delay.mean),
      },
      gc: { count: gc.count, totalMs: Math.round(gc.totalMs), maxMs: Math.round(gc.maxMs * 10) / 10 },
      runQueueWaitMs: null,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      cpuUserMs: Math.round(usedCpu.user / 1000),
      cpuSystemMs: Math.round(usedCpu.system / 1000),
    };
    const waitedNow = runQueueWaitNs();
    if (waited !== null && waitedNow !== null)
      snapshot.runQueueWaitMs = Math.round((waitedNow - waited) / 1e6);
    waited = waitedNow;
    delay.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0 };
    since = performance.now();
    cpu = process.cpuUsage();
    return snapshot;
  };
}

/** Starts recording into `file` (JSON lines); does nothing without a file. */
export function recordProcessMetrics(file: string | undefined, intervalMs?: number): void {
  if (!file) return;
  const write = (snapshot: ProcessSnapshot) => appendFileSync(file, `${JSON.stringify(snapshot)}\n`);
  const phase = periodRecorder();
  process.on('SIGUSR2', () => write(phase('phase')));
  process.on('exit', () => write(phase('exit')));
  if (intervalMs !== undefined && Number.isFinite(intervalMs) && intervalMs >= 100) {
    const tick = periodRecorder();
    setInterval(() => write(tick('tick')), intervalMs).unref();
  }
}
