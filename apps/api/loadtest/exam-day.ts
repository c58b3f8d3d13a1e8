/**
 * The exam day: every simulated student, started on a ramp, logs in, joins the cohort, starts
 * the CPC-style mock, answers every item in order (flagging some), reads the attempt back,
 * changes about a fifth of the answers, unflags half of the flags and submits, pausing a
 * "think time" between actions. Bounded: each student makes a fixed number of actions, and the
 * whole day stops at `deadlineMs`.
 */

import { type AttemptLedger, SimulatedStudent, type StudentContext, seededRandom } from './student';
import type { StudentAccount } from './students';

export interface Pace {
  /** Students start spread evenly over this time. */
  rampMs: number;
  /** Mean pause before each action (uniform in 0.5x..1.5x). */
  thinkMs: number;
  /** Share of answers changed later (with a higher seq). */
  changeFraction: number;
  /** Share of items flagged for review. */
  flagFraction: number;
}

export const DEFAULT_PACE: Pace = { rampMs: 10_000, thinkMs: 200, changeFraction: 0.2, flagFraction: 0.1 };

export interface StudentOutcome {
  student: SimulatedStudent;
  /** Why the student stopped early, if they did. */
  failure: string | null;
  /** performance.now() when they finished. */
  finishedAt: number;
}

export interface ExamDayOptions {
  pace: Pace;
  seed?: number;
  /** Hard stop for the whole day (ms from its start). */
  deadlineMs: number;
}

class DayOver extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One student's exam, paced. */
export async function takeExam(
  student: SimulatedStudent,
  pace: Pace,
  random: () => number,
  startDelayMs: number,
  stopAt: number,
): Promise<AttemptLedger> {
  const think = async () => {
    if (performance.now() > stopAt) throw new DayOver('the exam day ran past its deadline');
    await sleep(pace.thinkMs * (0.5 + random()));
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  await sleep(startDelayMs);
  await student.login();
  await think();
  await student.join();
  await think();
  const ledger = await student.start();
  const items = [...ledger.items.values()].filter((item) => item.options.length > 0);

  for (const item of items) {
    await think();
    await student.save(ledger, item.itemId, pick(item.options));
    if (random() < pace.flagFraction) {
      await think();
      await student.flag(ledger, item.itemId, true);
    }
  }
  await think();
  await student.read(ledger);

  const changes = items.filter(() => random() < pace.changeFraction);
  for (const item of changes) {
    await think();
    const others = item.options.filter((option) => option !== item.acked?.choice);
    await student.save(ledger, item.itemId, pick(others.length ? others : item.options));
  }
  for (const item of items.filter((entry) => entry.flagged)) {
    if (random() < 0.5) continue;
    await think();
    await student.flag(ledger, item.itemId, false);
  }
  await think();
  await student.submit(ledger);
  return ledger;
}

/** Runs every student's exam; resolves when all have finished or given up. */
export async function runExamDay(
  students: readonly SimulatedStudent[],
  options: ExamDayOptions,
): Promise<StudentOutcome[]> {
  const stopAt = performance.now() + options.deadlineMs;
  const spacing = students.length > 1 ? options.pace.rampMs / (students.length - 1) : 0;
  return Promise.all(
    students.map(async (student, i) => {
      const random = seededRandom((options.seed ?? 1) * 100_003 + i);
      try {
        await takeExam(student, options.pace, random, i * spacing, stopAt);
        return { student, failure: null, finishedAt: performance.now() };
      } catch (error) {
        return {
          student,
          failure: error instanceof Error ? error.message : String(error),
          finishedAt: performance.now(),
        };
      }
    }),
  );
}

/** A simulated student per account, sharing one context. */
export const studentsFor = (ctx: StudentContext, accounts: readonly StudentAccount[]) =>
  accounts.map((account) => new SimulatedStudent(ctx, account));
