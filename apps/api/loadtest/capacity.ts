/**
 * Save capacity of the real server: every student starts a second attempt at the mock, then all
 * save back to back (no think time) for a fixed window, with the same concurrency as the bare
 * endpoint ceiling, and submit. Every save goes into the students' ledgers and is verified like
 * the exam day's.
 */
import { type ClosedLoopResult, closedLoop } from './ceilings';
import { Recorder } from './stats';
import { type AttemptLedger, SimulatedStudent, type StudentContext, seededRandom } from './student';

/** Runs `fn` over `list` with at most `limit` at a time. */
export async function pool<T, R>(list: readonly T[], limit: number, fn: (entry: T, i: number) => Promise<R>) {
  const results = new Array<R>(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, list.length) }, async () => {
      while (next < list.length) {
        const i = next++;
        results[i] = await fn(list[i] as T, i);
      }
    }),
  );
  return results;
}

export interface CapacityResult extends ClosedLoopResult {
  ledgers: AttemptLedger[];
}

export async function measureSaveCapacity(
  ctx: StudentContext,
  students: readonly SimulatedStudent[],
  options: {
    warmupMs: number;
    durationMs: number;
    seed?: number;
    /** Called once every attempt is started, and again when the save window is over. */
    mark?: (moment: 'window-start' | 'window-end') => Promise<void>;
    /** Records the saves of the measured window only (after the warm-up), from its first one. */
    saveRecorder?: Recorder;
  },
): Promise<CapacityResult> {
  const workers = students.map((paced) => {
    const worker = new SimulatedStudent(ctx, paced.account);
    worker.cookie = paced.cookie;
    return worker;
  });
  // Starts are not part of the measurement; a few at a time so none waits long.
  const ledgers = await pool(workers, 8, (worker) => worker.start());
  // The same students saving: warm-up saves go to a recorder nobody reads.
  const saverOf = (recorder: Recorder) =>
    workers.map((worker) => {
      const saver = new SimulatedStudent({ ...ctx, recorder }, worker.account);
      saver.cookie = worker.cookie;
      return saver;
    });
  const warmSavers = saverOf(new Recorder());
  const savers = options.saveRecorder ? saverOf(options.saveRecorder) : workers;
  let measuring = false;
  const cursors = new Array<number>(workers.length).fill(0);
  const randoms = workers.map((_, i) => seededRandom((options.seed ?? 7) * 7919 + i));
  const items = ledgers.map((ledger) => [...ledger.items.values()].filter((item) => item.options.length > 0));
  await options.mark?.('window-start');
  const result = await closedLoop(
    workers.length,
    options.warmupMs,
    options.durationMs,
    async (w, measured) => {
      if (measured && !measuring) {
        measuring = true;
        options.saveRecorder?.start();
      }
      const worker = (measured ? savers[w] : warmSavers[w]) as SimulatedStudent;
      const list = items[w] as (typeof items)[number];
      const item = list[(cursors[w] as number) % list.length];
      cursors[w] = (cursors[w] as number) + 1;
      if (!item) return false;
      const random = randoms[w] as () => number;
      const choice = item.options[Math.floor(random() * item.options.length)] as string;
      try {
        return await worker.save(ledgers[w] as AttemptLedger, item.itemId, choice);
      } catch {
        return false;
      }
    },
  );
  options.saveRecorder?.end();
  await options.mark?.('window-end');
  await pool(workers, 8, (worker, i) => worker.submit(ledgers[i] as AttemptLedger));
  return { ...result, ledgers };
}
