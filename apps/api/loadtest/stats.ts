/** Latency and error tallies per endpoint, and their percentiles. */

export interface EndpointFigures {
  endpoint: string;
  requests: number;
  errors: number;
  /** Requests per second over the phase's wall time. */
  throughput: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Error responses by status (0 = no response: connection refused, reset, timeout). */
  errorsByStatus: Record<string, number>;
}

/** One endpoint's latencies and when each request ended (ms since the phase began). */
class Samples {
  values = new Float64Array(1024);
  endedAt = new Float64Array(1024);
  length = 0;
  push(value: number, at: number) {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
      const times = new Float64Array(this.endedAt.length * 2);
      times.set(this.endedAt);
      this.endedAt = times;
    }
    this.endedAt[this.length] = at;
    this.values[this.length++] = value;
  }
  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

/** One window of a latency timeline. */
export interface TimelineWindow {
  /** Seconds since the phase began (window start). */
  fromS: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The value at quantile q (0..1) of sorted values, nearest-rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Records every request of a phase: latency of every request (errors included), errors by status. */
export class Recorder {
  private readonly latencies = new Map<string, Samples>();
  private readonly errors = new Map<string, Map<number, number>>();
  private startedAt = performance.now();
  private endedAt: number | null = null;

  record(endpoint: string, ms: number, status: number, ok: boolean): void {
    let samples = this.latencies.get(endpoint);
    if (!samples) {
      samples = new Samples();
      this.latencies.set(endpoint, samples);
    }
    samples.push(ms, performance.now() - this.startedAt);
    if (!ok) {
      let byStatus = this.errors.get(endpoint);
      if (!byStatus) {
        byStatus = new Map();
        this.errors.set(endpoint, byStatus);
      }
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    }
  }

  start(): void {
    this.startedAt = performance.now();
    this.endedAt = null;
  }

  end(): void {
    this.endedAt = performance.now();
  }

  get wallMs(): number {
    return (this.endedAt ?? performance.now()) - this.startedAt;
  }

  /** Requests of every endpoint. */
  total(): number {
    let n = 0;
    for (const samples of this.latencies.values()) n += samples.length;
    return n;
  }

  count(endpoint: string): number {
    return this.latencies.get(endpoint)?.length ?? 0;
  }

  errorCount(endpoint?: string): number {
    let total = 0;
    for (const [name, byStatus] of this.errors)
      if (endpoint === undefined || name === endpoint) for (const n of byStatus.values()) total += n;
    return total;
  }

  /** An endpoint's latencies window by window (where in the run the slow requests were). */
  timeline(endpoint: string, windowS = 10): TimelineWindow[] {
    const samples = this.latencies.get(endpoint);
    if (!samples) return [];
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < samples.length; i++) {
      const bucket = Math.floor((samples.endedAt[i] as number) / 1000 / windowS);
      let list = buckets.get(bucket);
      if (!list) {
        list = [];
        buckets.set(bucket, list);
      }
      list.push(samples.values[i] as number);
    }
    const round = (n: number) => Math.round(n * 10) / 10;
    return [...buckets]
      .sort((a, b) => a[0] - b[0])
      .map(([bucket, list]) => {
        const sorted = Float64Array.from(list).sort();
        return {
          fromS: bucket * windowS,
          requests: sorted.length,
          p50Ms: round(quantile(sorted, 0.5)),
          p99Ms: round(quantile(sorted, 0.99)),
          maxMs: round(sorted[sorted.length - 1] as number),
        };
      });
  }

  figures(order: readonly string[] = []): EndpointFigures[] {
    const seconds = this.wallMs / 1000;
    const names = [...new Set([...order.filter((n) => this.latencies.has(n)), ...this.latencies.keys()])];
    const rows = names.map((endpoint) => {
      const sorted = (this.latencies.get(endpoint) as Samples).sorted();
      const byStatus = this.errors.get(endpoint) ?? new Map<number, number>();
      const round = (n: number) => Math.round(n * 100) / 100;
      return {
        endpoint,
        requests: sorted.length,
        errors: [...byStatus.values()].reduce((a, b) => a + b, 0),
        throughput: round(sorted.length / seconds),
        p50Ms: round(quantile(sorted, 0.5)),
        p95Ms: round(quantile(sorted, 0.95)),
        p99Ms: round(quantile(sorted, 0.99)),
        maxMs: round(sorted.length ? (sorted[sorted.length - 1] as number) : 0),
        errorsByStatus: Object.fromEntries([...byStatus].map(([status, n]) => [String(status), n])),
      };
    });
    return rows;
  }
}
