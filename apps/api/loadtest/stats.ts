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

class Samples {
  values = new Float64Array(1024);
  length = 0;
  push(value: number) {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
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
    samples.push(ms);
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
