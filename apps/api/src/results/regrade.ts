/**
 * Regrading after a key fix. Every submitted attempt holding (item, fromVersion) is graded again
 * by the engine's gradeAttempt, the whole attempt at once, with that item's body replaced by
 * toVersion and every other item at the version the attempt holds. The new grades, percent, pass
 * and report are stored, the item moves to toVersion in those attempts, and a regrade row per
 * attempt keeps who, when, old and new percent; one audit event counts it all. One transaction:
 * a regrade lands whole or not at all.
 *
 * A regrade fixes a key; it cannot change the question the students answered. So toVersion must
 * have the same item type, the same option ids, the same blanks (ids and kinds) and the same
 * sub-items as fromVersion, else it is refused with every difference named.
 */
import type { RegradeBody, RegradePage, RegradeResult } from '@coderprep/contracts';
import {
  findItemForRegrade,
  findRegradeVersionBody,
  inTransaction,
  listAttemptItemsForStaff,
  listAttemptsHoldingItemVersion,
  listRegrades,
  type RegradedItem,
  storeRegrade,
} from '@coderprep/db';
import { gradeAttempt, type Item, type SubItem } from '@coderprep/exam-engine';
import { audit } from '../audit/record';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { badRequest, type FieldIssue, notFound } from '../http/errors';
import { gradingItem, itemBody, passPercentOfExam, reportOf, savedResponseOf } from './reports';

const list = (ids: readonly string[]) => (ids.length === 0 ? 'none' : ids.join(', '));

/** What differs in the question between two versions (not in keys, texts or rationales). */
export function questionDifferences(from: Item | SubItem, to: Item | SubItem, path = ''): FieldIssue[] {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (from.type !== to.type)
    return [{ path: at('type'), message: `the type changes from ${from.type} to ${to.type}` }];
  const sameIds = (field: string, what: string, a: readonly string[], b: readonly string[]): FieldIssue[] =>
    a.length === b.length && a.every((id) => b.includes(id))
      ? []
      : [{ path: at(field), message: `the ${what} ids change from ${list(a)} to ${list(b)}` }];
  if (
    (from.type === 'multiple-choice' || from.type === 'multiple-response') &&
    (to.type === 'multiple-choice' || to.type === 'multiple-response')
  )
    return sameIds(
      'options',
      'option',
      from.options.map((o) => o.id),
      to.options.map((o) => o.id),
    );
  if (from.type === 'fill-in' && to.type === 'fill-in') {
    const issues = sameIds(
      'blanks',
      'blank',
      from.blanks.map((b) => b.id),
      to.blanks.map((b) => b.id),
    );
    for (const blank of from.blanks) {
      const other = to.blanks.find((b) => b.id === blank.id);
      if (other && other.kind !== blank.kind)
        issues.push({
          path: at(`blanks.${blank.id}.kind`),
          message: `blank "${blank.id}" changes from ${blank.kind} to ${other.kind}`,
        });
    }
    return issues;
  }
  if (from.type === 'scenario' && to.type === 'scenario') {
    const issues = sameIds(
      'subItems',
      'sub-item',
      from.subItems.map((s) => s.id),
      to.subItems.map((s) => s.id),
    );
    for (const sub of from.subItems) {
      const other = to.subItems.find((s) => s.id === sub.id);
      if (other) issues.push(...questionDifferences(sub, other, at(`subItems.${sub.id}`)));
    }
    return issues;
  }
  return [];
}

export function regradeItem(
  deps: Deps,
  user: SessionUser,
  orgId: string,
  itemId: string,
  body: RegradeBody,
): RegradeResult {
  const item = findItemForRegrade(deps.db, orgId, itemId);
  if (!item) throw notFound('The item');
  const { fromVersion } = body;
  const toVersion = body.toVersion ?? item.currentVersion;
  if (toVersion === fromVersion)
    throw badRequest(
      'same-version',
      `Version ${fromVersion} cannot be regraded against itself: save the fixed key as a new version first.`,
      [{ path: 'body.toVersion', message: `must differ from fromVersion (${fromVersion})` }],
    );
  const fromBody = findRegradeVersionBody(deps.db, itemId, fromVersion);
  if (fromBody === undefined) throw notFound(`Version ${fromVersion} of the item`);
  const toBody = findRegradeVersionBody(deps.db, itemId, toVersion);
  if (toBody === undefined) throw notFound(`Version ${toVersion} of the item`);
  const differences = questionDifferences(itemBody(fromBody), itemBody(toBody));
  if (differences.length > 0)
    throw badRequest(
      'regrade-changes-question',
      `A regrade can only fix a key, but version ${toVersion} asks a different question than version ${fromVersion}: ${differences
        .map((d) => d.message)
        .join('; ')}.`,
      differences,
    );
  const fixed = gradingItem({ itemId, itemVersion: toVersion, body: toBody });
  const now = deps.clock.now();

  return inTransaction(deps.db, () => {
    const holders = listAttemptsHoldingItemVersion(deps.db, orgId, itemId, fromVersion, 'submitted');
    const inProgress = listAttemptsHoldingItemVersion(
      deps.db,
      orgId,
      itemId,
      fromVersion,
      'in-progress',
    ).length;
    const changes: RegradeResult['changes'] = [];
    for (const attempt of holders) {
      const rows = listAttemptItemsForStaff(deps.db, attempt.id);
      const before = reportOf(attempt.result);
      const graded = gradeAttempt(
        rows.map((row) => ({
          itemId: row.itemId,
          sectionId: row.sectionId,
          item: row.itemId === itemId ? fixed : gradingItem(row),
          scored: row.scored,
          response: savedResponseOf(row.response),
          timeSpentMs: row.timeSpentMs,
        })),
        {
          // The pass mark the attempt was graded against at submission.
          passPercent: before?.passPercent ?? passPercentOfExam({ blueprint: attempt.examBlueprint }),
          codeSet: deps.codeSet,
        },
      );
      // The grades stored per item follow the same grading as the new report.
      const stored = new Map(rows.map((row) => [row.itemId, row]));
      const changed: RegradedItem[] = [];
      for (const g of graded.items) {
        const row = stored.get(g.itemId);
        if (g.itemId === itemId)
          changed.push({ itemId, score: g.grade.score, choice: g.choice, itemVersion: toVersion });
        else if (row && (row.score !== g.grade.score || row.choice !== g.choice))
          changed.push({ itemId: g.itemId, score: g.grade.score, choice: g.choice });
      }
      const { report } = graded;
      storeRegrade(
        deps.db,
        {
          id: attempt.id,
          scorePercent: report.percent,
          passed: report.passed,
          result: JSON.stringify(report),
          updatedAt: now,
        },
        changed,
        {
          id: deps.newId(),
          attemptId: attempt.id,
          itemId,
          fromVersion,
          toVersion,
          oldPercent: attempt.scorePercent,
          newPercent: report.percent,
          actorId: user.id,
          at: now,
        },
      );
      changes.push({
        attemptId: attempt.id,
        studentName: attempt.studentName,
        oldPercent: attempt.scorePercent,
        newPercent: report.percent,
        passedBefore: attempt.passed,
        passedAfter: report.passed,
      });
    }
    audit(
      deps,
      user,
      orgId,
      'item.regrade',
      { type: 'item', id: itemId },
      {
        externalId: item.externalId,
        fromVersion,
        toVersion,
        regraded: changes.length,
        scoreChanged: changes.filter((c) => c.oldPercent !== c.newPercent).length,
        passChanged: changes.filter((c) => c.passedBefore !== c.passedAfter).length,
        inProgress,
      },
    );
    return { itemId, fromVersion, toVersion, regraded: changes.length, changes, inProgress };
  });
}

/** The organisation's regrade trail, newest first. */
export function regradePage(
  deps: Deps,
  orgId: string,
  query: { itemId?: string | undefined; attemptId?: string | undefined; limit: number; offset: number },
): RegradePage {
  const { rows, total } = listRegrades(deps.db, orgId, query);
  return {
    items: rows.map((row) => ({
      id: row.id,
      attemptId: row.attemptId,
      studentId: row.studentId,
      studentName: row.studentName,
      itemId: row.itemId,
      externalId: row.externalId,
      fromVersion: row.fromVersion,
      toVersion: row.toVersion,
      oldPercent: row.oldPercent,
      newPercent: row.newPercent,
      actorId: row.actorId,
      actorName: row.actorName,
      at: row.at,
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}
