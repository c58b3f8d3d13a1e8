/**
 * Process figures for load tests, written only when METRICS_FILE is set: event-loop delay
 * (perf_hooks histogram), peak and current resident memory, heap, CPU time. One JSON line is
 * appended on SIGUSR2 (then the delay histogram starts afresh, so a harness can cut a run into
 * phases) and one at exit. Deliberately not an HTTP route: nothing about it is public.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProcessSnapshot {
  /** 'phase' (SIGUSR2) or 'exit'. */
  label: 'phase' | 'exit';
  /** Since the previous snapshot (or the start). */
  periodMs: number;
  eventLoopDelayMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Peak resident set size of the process so far. */
  maxRssBytes: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** CPU time in the period. */
  cpuUserMs: number;
  cpuSystemMs: number;
}

/** Starts recording into `file` (JSON lines); does nothing without a file. */
export function recordProcessMetrics(file: string | undefined): void {
  if (!file) return;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let since = performance.now();
  let cpu = process.cpuUsage();
  const ms = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 1e4) / 100 : 0);

  const write = (label: ProcessSnapshot['label']) => {
    const usedCpu = process.cpuUsage(cpu);
    const memory = process.memoryUsage();
    const snapshot: ProcessSnapshot = {
      label,
      periodMs: Math.round(performance.now() - since),
      eventLoopDelayMs: {
        p50: ms(delay.percentile(50)),
        p90: ms(delay.percentile(90)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        mean: ms(delay.mean),
      },
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      cpuUserMs: Math.round(usedCpu.user / 1000),
      cpuSystemMs: Math.round(usedCpu.system / 1000),
    };
    appendFileSync(file, `${JSON.stringify(snapshot)}\n`);
    delay.reset();
    since = performance.now();
    cpu = process.cpuUsage();
  };

  process.on('SIGUSR2', () => write('phase'));
  process.on('exit', () => write('exit'));
}
