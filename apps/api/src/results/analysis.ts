/**
 * Item analysis over the submitted attempts of an assignment or of an exam, computed by the
 * engine's analyseItems. A mark is attempt_items.score x the item's points.
 *
 * Attempts need not have drawn the same items (a bank larger than the blueprint, pretest quotas,
 * a regrade moving attempts to a new version of an item). A missing item is not a wrong answer,
 * so it is never counted as 0. Instead:
 *
 * - each item is analysed over the attempts that drew it. Its criterion is the rest of the
 *   attempt's scored total (X' = X - x, X = the scored points the attempt earned), so the engine
 *   is called with two columns, the item and that rest; the engine's statistics for the item
 *   depend only on x and X', so they equal what it gives over a full matrix whenever every
 *   attempt drew the same items. For a pretest item X' is the whole scored total (it is not in
 *   it), and its upper/lower groups are by X' + x.
 * - the test statistics (CIC, error ratio, standard error) need one matrix: they are computed
 *   over the scored items every analysed attempt drew, and say whether that was all of them.
 *
 * Versions of an item are analysed together (a key fix does not change the question: see
 * regrade.ts); the versions present are listed, and texts come from the latest one.
 */
import type { ItemAnalysisBody, ItemAnalysisRow } from '@coderprep/contracts';
import {
  type AnalysisMark,
  findExamForResults,
  listAnalysisMarks,
  listVersionBodyRecords,
} from '@coderprep/db';
import { type AnalysisAttempt, analyseItems, type DistractorRow, type Item } from '@coderprep/exam-engine';
import type { Deps } from '../deps';
import { conflict, notFound } from '../http/errors';
import { itemBody } from './reports';
import { assignmentInOrg } from './table';

const MIN_ATTEMPTS = 2;
const EXCERPT = 140;

interface Sitting {
  attemptId: string;
  byItem: Map<string, AnalysisMark>;
  /** Scored points earned: the criterion. */
  scoredTotal: number;
  /** Scored points possible. */
  scoredPossible: number;
}

const markOf = (row: AnalysisMark) => (row.score ?? 0) * row.points;

/** The analysed attempts, in submission order. */
function sittings(marks: readonly AnalysisMark[]): Sitting[] {
  const out = new Map<string, Sitting>();
  for (const row of marks) {
    let sitting = out.get(row.attemptId);
    if (!sitting) {
      sitting = { attemptId: row.attemptId, byItem: new Map(), scoredTotal: 0, scoredPossible: 0 };
      out.set(row.attemptId, sitting);
    }
    sitting.byItem.set(row.itemId, row);
    if (row.scored) {
      sitting.scoredTotal += markOf(row);
      sitting.scoredPossible += row.points;
    }
  }
  return [...out.values()];
}

export function excerpt(stem: string): string {
  const flat = stem.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1).trimEnd()}…`;
}

/** Every option of the item plus "no answer", with the engine's counts (zeros where none chose it). */
function distractorRows(
  item: Item,
  counted: readonly DistractorRow[],
  optionTexts: ReadonlyMap<string, string>,
): ItemAnalysisRow['distractors'] {
  if (item.type !== 'multiple-choice') return [];
  const counts = new Map(counted.map((row) => [row.option, row]));
  const ids = [...item.options.map((o) => o.id)];
  for (const row of counted) if (row.option !== null && !ids.includes(row.option)) ids.push(row.option);
  return [...ids, null].map((option) => {
    const row = counts.get(option);
    return {
      option,
      text: option === null ? null : (optionTexts.get(option) ?? null),
      correct: option !== null && option === item.key,
      total: row?.total ?? 0,
      upper: row?.upper ?? 0,
      lower: row?.lower ?? 0,
    };
  });
}

/** How many chose each option when there are too few attempts for score groups. */
function countOnly(rows: readonly AnalysisMark[]): DistractorRow[] {
  const counts = new Map<string | null, number>();
  for (const row of rows) counts.set(row.choice, (counts.get(row.choice) ?? 0) + 1);
  return [...counts].map(([option, total]) => ({ option, total, upper: 0, lower: 0 }));
}

function analyse(deps: Deps, marks: readonly AnalysisMark[]): Omit<ItemAnalysisBody, 'scope'> {
  const all = sittings(marks);
  if (all.length < MIN_ATTEMPTS)
    throw conflict(
      'not-enough-attempts',
      `Item analysis needs at least ${MIN_ATTEMPTS} submitted attempts; there ${all.length === 1 ? 'is' : 'are'} ${all.length}.`,
      { attempts: all.length, needed: MIN_ATTEMPTS },
    );

  // The items drawn, in exam order (first position seen), with the versions held.
  const drawn = new Map<string, { position: number; versions: Set<number>; scored: boolean }>();
  for (const row of marks) {
    const entry = drawn.get(row.itemId) ?? { position: row.position, versions: new Set(), scored: false };
    entry.position = Math.min(entry.position, row.position);
    entry.versions.add(row.itemVersion);
    entry.scored ||= row.scored;
    drawn.set(row.itemId, entry);
  }
  const bodies = new Map<string, Map<number, { externalId: string; item: Item }>>();
  for (const record of listVersionBodyRecords(deps.db, [...drawn.keys()])) {
    const versions = bodies.get(record.itemId) ?? new Map();
    versions.set(record.version, { externalId: record.externalId, item: itemBody(record.body) });
    bodies.set(record.itemId, versions);
  }

  const rows = [...drawn].map(([itemId, entry]): ItemAnalysisRow & { position: number } => {
    const versions = [...entry.versions].sort((a, b) => a - b);
    const held = bodies.get(itemId) ?? new Map();
    const latest = held.get(versions.at(-1) as number) as { externalId: string; item: Item };
    const optionTexts = new Map<string, string>();
    for (const version of versions) {
      const item = held.get(version)?.item;
      if (item?.type === 'multiple-choice') for (const o of item.options) optionTexts.set(o.id, o.text);
    }
    const who = all.filter((s) => s.byItem.has(itemId));
    const own = who.map((s) => s.byItem.get(itemId) as AnalysisMark);
    const maxMark = Math.max(...own.map((row) => row.points));
    const base = {
      itemId,
      externalId: latest.externalId,
      type: latest.item.type,
      stemExcerpt: excerpt(latest.item.stem),
      domain: latest.item.domain,
      versions,
      pretest: !entry.scored,
      maxMark,
      attempts: who.length,
      position: entry.position,
    };
    if (who.length < MIN_ATTEMPTS)
      return {
        ...base,
        facility: null,
        sd: null,
        discrimination: null,
        discriminativeEfficiency: null,
        dubious: false,
        distractors: distractorRows(latest.item, countOnly(own), optionTexts),
      };
    // Two columns: the item, and the rest of the scored total (the criterion).
    const rest = (s: Sitting, row: AnalysisMark) =>
      row.scored ? s.scoredTotal - markOf(row) : s.scoredTotal;
    const restMax = Math.max(
      1,
      ...who.map((s, k) => {
        const row = own[k] as AnalysisMark;
        return row.scored ? s.scoredPossible - row.points : s.scoredPossible;
      }),
    );
    const input: AnalysisAttempt[] = who.map((s, k) => {
      const row = own[k] as AnalysisMark;
      // Clamped: a difference of float sums may stray a hair outside 0..restMax.
      const restMark = Math.min(restMax, Math.max(0, rest(s, row)));
      return { marks: [markOf(row), restMark], choices: [row.choice, null] };
    });
    const stats = analyseItems(
      [
        { itemId, maxMark },
        { itemId: '(rest)', maxMark: restMax },
      ],
      input,
    ).items[0];
    if (!stats) throw new Error('item analysis returned no statistics');
    return {
      ...base,
      facility: stats.facility,
      sd: stats.sd,
      discrimination: stats.discrimination,
      discriminativeEfficiency: stats.discriminativeEfficiency,
      dubious: stats.dubious,
      distractors: distractorRows(latest.item, stats.distractors, optionTexts),
    };
  });
  rows.sort((a, b) => a.position - b.position || a.externalId.localeCompare(b.externalId));

  // Test statistics over the scored items every attempt drew (as scored).
  const scoredIds = rows.filter((row) => !row.pretest).map((row) => row.itemId);
  const common = scoredIds.filter((id) => all.every((s) => s.byItem.get(id)?.scored === true));
  const test = analyseItems(
    common.map((id) => ({
      itemId: id,
      maxMark: Math.max(...all.map((s) => (s.byItem.get(id) as AnalysisMark).points)),
    })),
    all.map((s) => ({ marks: common.map((id) => markOf(s.byItem.get(id) as AnalysisMark)) })),
  ).test;

  return {
    test: {
      attempts: test.attempts,
      items: test.items,
      allItemsCommon: common.length === scoredIds.length,
      mean: test.mean,
      sd: test.sd,
      cic: test.cic,
      errorRatio: test.errorRatio,
      standardError: test.standardError,
    },
    items: rows.map(({ position: _position, ...row }) => row),
  };
}

export function assignmentItemAnalysis(deps: Deps, orgId: string, assignmentId: string): ItemAnalysisBody {
  const scope = assignmentInOrg(deps, orgId, assignmentId);
  return {
    scope: { kind: 'assignment', id: assignmentId, examName: scope.exam.name },
    ...analyse(deps, listAnalysisMarks(deps.db, { assignmentId })),
  };
}

export function examItemAnalysis(deps: Deps, orgId: string, examId: string): ItemAnalysisBody {
  const exam = findExamForResults(deps.db, orgId, examId);
  if (!exam) throw notFound('The exam');
  return {
    scope: { kind: 'exam', id: examId, examName: exam.name },
    ...analyse(deps, listAnalysisMarks(deps.db, { examId })),
  };
}
