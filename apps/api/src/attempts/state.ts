/**
 * The engine attempt state as stored. The attempts row holds the state without the per-item facts
 * (responses, flags, time per item), which live in attempt_items so that a save writes one row;
 * `hydrate` puts the two back together, `storedState` takes them apart again.
 */
import type { AttemptItemChange, AttemptItemRow, AttemptItemWithBody, AttemptRow } from '@coderprep/db';
import {
  type AttemptState,
  assertBlueprint,
  type Blueprint,
  expiresAt,
  type Item,
  type Response,
  responseSchema,
  type SavedResponse,
} from '@coderprep/exam-engine';

/** The fields of the engine state kept in attempt_items instead of the state JSON. */
type PerItemFields = 'saves' | 'flagged' | 'timeSpentMs' | 'submittedResponses';
export type StoredState = Omit<AttemptState, PerItemFields>;

type ItemFacts = Pick<AttemptItemRow, 'itemId' | 'response' | 'seq' | 'savedAt' | 'flagged' | 'timeSpentMs'>;

/** The state JSON for the attempts row: the engine state without its per-item facts. */
export function storedState(state: AttemptState): string {
  const { saves: _s, flagged: _f, timeSpentMs: _t, submittedResponses: _r, ...rest } = state;
  return JSON.stringify(rest satisfies StoredState);
}

/** The saved response of an attempt item, or undefined before the first save. */
export function savedResponse(row: Pick<AttemptItemRow, 'response'>): Response | undefined {
  if (row.response === null) return undefined;
  const parsed = responseSchema.safeParse(JSON.parse(row.response));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The engine state of an attempt with the per-item facts of `rows` (all of its items, or only the
 * ones an event touches: a save needs only its own item).
 */
export function hydrate(row: Pick<AttemptRow, 'state'>, rows: readonly ItemFacts[]): AttemptState {
  const stored = JSON.parse(row.state) as StoredState;
  const saves: Record<string, SavedResponse> = {};
  const flagged: string[] = [];
  const timeSpentMs: Record<string, number> = {};
  for (const item of rows) {
    if (item.response !== null)
      saves[item.itemId] = { response: JSON.parse(item.response), seq: item.seq, savedAt: item.savedAt ?? 0 };
    if (item.flagged) flagged.push(item.itemId);
    timeSpentMs[item.itemId] = item.timeSpentMs;
  }
  return {
    ...stored,
    saves,
    flagged,
    timeSpentMs,
    submittedResponses: stored.status === 'submitted' ? saves : null,
  };
}

/** The flag and time changes between the stored rows and a new state, one entry per changed item. */
export function itemChanges(rows: readonly ItemFacts[], state: AttemptState): AttemptItemChange[] {
  const flagged = new Set(state.flagged);
  const changes: AttemptItemChange[] = [];
  for (const row of rows) {
    const change: AttemptItemChange = { itemId: row.itemId };
    const isFlagged = flagged.has(row.itemId);
    if (isFlagged !== row.flagged) change.flagged = isFlagged;
    const spent = Object.hasOwn(state.timeSpentMs, row.itemId) ? (state.timeSpentMs[row.itemId] ?? 0) : 0;
    if (spent !== row.timeSpentMs) change.timeSpentMs = spent;
    if (Object.keys(change).length > 1) changes.push(change);
  }
  return changes;
}

/** The deadline column: when the attempt ends by itself (the expiry job adds the grace). */
export const deadlineColumn = (state: AttemptState): number | null => expiresAt(state);

/**
 * Parsed item versions, shared and frozen: a version's body never changes once written, and
 * every save, start and read parsed the same bodies again. Keyed by item id and version, and
 * checked against the body text itself, so a different database (tests) or a changed row can
 * never be answered from a stale entry.
 */
const parsedItems = new Map<string, { body: string; item: Item }>();
const PARSED_ITEMS_LIMIT = 5000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The engine Item of an attempt item: its body at the drawn version, known by its row id. The
 * object is shared and frozen: copy it to change it.
 */
export function itemOf(row: Pick<AttemptItemWithBody, 'itemId' | 'itemVersion' | 'body'>): Item {
  const key = `${row.itemId}@${row.itemVersion}`;
  const cached = parsedItems.get(key);
  if (cached && cached.body === row.body) return cached.item;
  const item = deepFreeze({ ...(JSON.parse(row.body) as Item), id: row.itemId, version: row.itemVersion });
  if (parsedItems.size >= PARSED_ITEMS_LIMIT) parsedItems.delete(parsedItems.keys().next().value as string);
  parsedItems.set(key, { body: row.body, item });
  return item;
}

/** An exam's blueprint, parsed (defaults applied); a broken one is an 'invalid-blueprint' error. */
export const blueprintOf = (exam: { blueprint: string }): Blueprint =>
  assertBlueprint(JSON.parse(exam.blueprint));

/** Section titles of a blueprint by section id. */
export function sectionTitles(exam: { blueprint: string }): Map<string, string> {
  try {
    const blueprint = JSON.parse(exam.blueprint) as { sections?: { id: string; title: string }[] };
    return new Map((blueprint.sections ?? []).map((s) => [s.id, s.title]));
  } catch {
    return new Map();
  }
}
