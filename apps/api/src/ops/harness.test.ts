/** The load harness's own pieces: its command line and its percentiles. */
import { describe, expect, it } from 'vitest';
import { ArgsError, parseHarnessArgs, SIZES } from '../../loadtest/sizes';
import { quantile, Recorder } from '../../loadtest/stats';

describe('pnpm loadtest arguments', () => {
  it('takes a size, in either case, and the options', () => {
    const args = parseHarnessArgs(['--size', 'l', '--cpu-prof', '--seed=7', '--out', '/tmp/x']);
    expect(args).toMatchObject({ cpuProf: true, seed: 7, outDir: '/tmp/x', keep: false });
    expect(args !== 'help' && args.size).toBe(SIZES.L);
    expect(SIZES.S.students).toBe(30);
    expect(SIZES.M.students).toBe(100);
    expect(SIZES.L.students).toBe(1000);
    expect(parseHarnessArgs(['--help'])).toBe('help');
  });

  it('refuses what it does not know, with a clear message', () => {
    expect(() => parseHarnessArgs([])).toThrow(/--size is required/);
    expect(() => parseHarnessArgs(['--size', 'XL'])).toThrow(/--size must be S, M or L, not "XL"/);
    expect(() => parseHarnessArgs(['--size'])).toThrow(/--size needs a value/);
    expect(() => parseHarnessArgs(['--size', 'S', '--seed', 'abc'])).toThrow(/--seed must be a whole number/);
    expect(() => parseHarnessArgs(['--size', 'S', '--target', 'http://example.com'])).toThrow(ArgsError);
  });
});

describe('Recorder', () => {
  it('counts requests and errors per endpoint and takes nearest-rank percentiles', () => {
    const recorder = new Recorder();
    for (let i = 1; i <= 100; i++) recorder.record('save', i, 200, true);
    recorder.record('save', 1000, 0, false);
    recorder.record('login', 5, 401, false);
    recorder.end();
    const [save, login] = recorder.figures(['save', 'login']);
    expect(save).toMatchObject({ endpoint: 'save', requests: 101, errors: 1, p50Ms: 51, maxMs: 1000 });
    expect(save?.p99Ms).toBe(100);
    expect(save?.errorsByStatus).toEqual({ '0': 1 });
    expect(login).toMatchObject({ requests: 1, errors: 1, errorsByStatus: { '401': 1 } });
    expect(recorder.total()).toBe(102);
    expect(recorder.timeline('save', 10).reduce((n, w) => n + w.requests, 0)).toBe(101);
    expect(quantile([], 0.99)).toBe(0);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
  });
});
