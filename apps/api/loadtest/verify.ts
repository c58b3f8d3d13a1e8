/**
 * Checks the database against what the server acknowledged: every acknowledged save is stored
 * (with its seq, or superseded by a later save the student really sent), every attempt a student
 * started exists once, and every acknowledged submit matches the stored submission.
 */
import { attemptItems, attempts, closeDatabase, openDatabase } from '@coderprep/db';
import { inArray, isNotNull, sql } from 'drizzle-orm';
import type { AttemptLedger } from './student';

export interface Verification {
  attempts: number;
  acknowledgedSaves: number;
  /** Acknowledged saves the database does not hold (must be 0). */
  lostAnswers: number;
  /** Stored answers no student sent (must be 0). */
  unknownAnswers: number;
  /** Attempts acknowledged as started that the database does not hold. */
  lostAttempts: number;
  /** Attempts that should be submitted and are not. */
  notSubmitted: number;
  /** Attempts whose acknowledged submits disagree with each other or with the database. */
  submittedTwice: number;
  /** Attempts in the database the students never saw (a start that forked). */
  unexpectedAttempts: number;
  /** Acknowledged saves a reload after an outage did not show. */
  missingOnResume: number;
  resumes: number;
  /** Saved responses in the whole database. */
  storedResponses: number;
  /** The first few problems, for the report. */
  problems: string[];
}

const choiceOf = (response: string | null): string | null => {
  if (response === null) return null;
  const parsed = JSON.parse(response) as { choice?: string | null };
  return parsed.choice ?? null;
};

/**
 * Verifies `ledgers` (every attempt the students started) against the database file.
 * `submitted`: whether every attempt must be submitted by now.
 */
export function verifyAgainstDatabase(
  dbFile: string,
  ledgers: readonly AttemptLedger[],
  options: { submitted: boolean; userIds: readonly string[] },
): Verification {
  const result: Verification = {
    attempts: ledgers.length,
    acknowledgedSaves: 0,
    lostAnswers: 0,
    unknownAnswers: 0,
    lostAttempts: 0,
    notSubmitted: 0,
    submittedTwice: 0,
    unexpectedAttempts: 0,
    missingOnResume: 0,
    resumes: 0,
    storedResponses: 0,
    problems: [],
  };
  const problem = (line: string) => {
    if (result.problems.length < 20) result.problems.push(line);
  };
  const db = openDatabase({ file: dbFile, migrate: false });
  try {
    const userIds = [...options.userIds];
    const rows = userIds.length
      ? db
          .select({
            id: attempts.id,
            userId: attempts.userId,
            status: attempts.status,
            submittedAt: attempts.submittedAt,
            scorePercent: attempts.scorePercent,
          })
          .from(attempts)
          .where(inArray(attempts.userId, userIds))
          .all()
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const known = new Set(ledgers.map((ledger) => ledger.attemptId));
    for (const row of rows)
      if (!known.has(row.id)) {
        result.unexpectedAttempts++;
        problem(`attempt ${row.id} of user ${row.userId} is in the database but no student saw it`);
      }

    const ids = ledgers.map((ledger) => ledger.attemptId);
    const stored = new Map<string, { response: string | null; seq: number }>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const item of db
        .select({
          attemptId: attemptItems.attemptId,
          itemId: attemptItems.itemId,
          response: attemptItems.response,
          seq: attemptItems.seq,
        })
        .from(attemptItems)
        .where(inArray(attemptItems.attemptId, ids.slice(i, i + 500)))
        .all())
        stored.set(`${item.attemptId}/${item.itemId}`, { response: item.response, seq: item.seq });
    }

    for (const ledger of ledgers) {
      result.resumes += ledger.resumes;
      result.missingOnResume += ledger.missingOnResume.length;
      for (const line of ledger.missingOnResume) problem(`${ledger.email}: on reload: ${line}`);
      const row = byId.get(ledger.attemptId);
      if (!row) {
        result.lostAttempts++;
        problem(`${ledger.email}: attempt ${ledger.attemptId} is not in the database`);
        continue;
      }
      if (options.submitted && row.status !== 'submitted') {
        result.notSubmitted++;
        problem(`${ledger.email}: attempt ${ledger.attemptId} is ${row.status}`);
      }
      if (options.submitted && ledger.submits.length === 0) {
        result.notSubmitted++;
        problem(`${ledger.email}: attempt ${ledger.attemptId}: no submit was acknowledged`);
      }
      const disagree = ledger.submits.some(
        (ack) => ack.submittedAt !== row.submittedAt || ack.scorePercent !== row.scorePercent,
      );
      if (disagree) {
        result.submittedTwice++;
        problem(
          `${ledger.email}: attempt ${ledger.attemptId}: submits answered ${JSON.stringify(ledger.submits)}, ` +
            `stored ${row.submittedAt}/${row.scorePercent}`,
        );
      }
      for (const item of ledger.items.values()) {
        const saved = stored.get(`${ledger.attemptId}/${item.itemId}`);
        const storedSeq = saved?.seq ?? 0;
        const storedChoice = choiceOf(saved?.response ?? null);
        if (item.acked) {
          result.acknowledgedSaves++;
          if (storedSeq < item.acked.seq) {
            result.lostAnswers++;
            problem(
              `${ledger.email}: ${item.itemId}: acknowledged seq ${item.acked.seq}, stored ${storedSeq}`,
            );
            continue;
          }
          if (storedSeq === item.acked.seq && storedChoice !== item.acked.choice) {
            result.lostAnswers++;
            problem(`${ledger.email}: ${item.itemId}: seq ${storedSeq} stored with another answer`);
            continue;
          }
        }
        if (
          storedSeq > 0 &&
          (item.acked?.seq ?? 0) < storedSeq &&
          item.sent.get(storedSeq) !== storedChoice
        ) {
          result.unknownAnswers++;
          problem(`${ledger.email}: ${item.itemId}: stored seq ${storedSeq} was never sent`);
        }
      }
    }
    result.storedResponses =
      db.select({ n: sql<number>`count(*)` }).from(attemptItems).where(isNotNull(attemptItems.response)).get()
        ?.n ?? 0;
  } finally {
    closeDatabase(db);
  }
  return result;
}
