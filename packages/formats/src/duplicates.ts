/** Duplicate checks between an import and a bank (and within the import). */
import type { Item } from '@coderprep/exam-engine';
import { normaliseStem } from './text';

/** Why two items count as the same. */
export type DuplicateReason = 'same-id' | 'same-stem';

export type DuplicatePair = {
  /** The incoming item. */
  itemId: string;
  /** The item it duplicates: in the existing bank, or earlier in the same import. */
  otherId: string;
  where: 'existing' | 'import';
  reasons: DuplicateReason[];
};

/** The text compared: the stem, and for a scenario its case too. */
function stemKey(item: Item): string {
  return normaliseStem(item.type === 'scenario' ? `${item.stem} ${item.caseText}` : item.stem);
}

/**
 * Pairs of duplicates: an incoming item with the same id or the same normalised stem (case,
 * white space and punctuation do not count) as an existing item or an earlier incoming one.
 */
export function findDuplicates(items: readonly Item[], existingItems: readonly Item[]): DuplicatePair[] {
  const byId = new Map<string, { id: string; where: 'existing' | 'import' }>();
  const byStem = new Map<string, { id: string; where: 'existing' | 'import' }>();
  for (const e of existingItems) {
    if (!byId.has(e.id)) byId.set(e.id, { id: e.id, where: 'existing' });
    const key = stemKey(e);
    if (key !== '' && !byStem.has(key)) byStem.set(key, { id: e.id, where: 'existing' });
  }
  const pairs: DuplicatePair[] = [];
  for (const item of items) {
    const key = stemKey(item);
    const idHit = byId.get(item.id);
    const stemHit = key === '' ? undefined : byStem.get(key);
    const found = new Map<string, DuplicatePair>();
    for (const [hit, reason] of [
      [idHit, 'same-id'],
      [stemHit, 'same-stem'],
    ] as const) {
      if (!hit) continue;
      const k = `${hit.where}:${hit.id}`;
      const pair = found.get(k) ?? { itemId: item.id, otherId: hit.id, where: hit.where, reasons: [] };
      pair.reasons.push(reason);
      found.set(k, pair);
    }
    pairs.push(...found.values());
    if (!idHit) byId.set(item.id, { id: item.id, where: 'import' });
    if (key !== '' && !stemHit) byStem.set(key, { id: item.id, where: 'import' });
  }
  return pairs;
}
