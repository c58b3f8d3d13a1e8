/**
 * Draws: turning a blueprint and a bank into one concrete exam, reproducibly. The same
 * blueprint, bank version and seed always give the same exam, whatever order the bank lists
 * its items in.
 *
 * Each rule (and each section's pretest quota) is a pool of slots; its candidates are sorted by
 * id and shuffled with the seeded source, and every slot takes the first free candidate. When
 * rules overlap (a domain rule and a tag rule can match the same item) and a slot finds nothing
 * free, items already placed are moved to other candidates of their rule when that frees one
 * (an augmenting path, as in bipartite matching). So an item is drawn at most once, earlier
 * rules keep priority, and the draw fails only when no assignment of items to rules exists;
 * the shortage is then reported against the later rules, with every short rule listed.
 */
import type { Blueprint, DrawRule, Section } from './blueprint';
import { assertBlueprint, describeRule } from './blueprint';
import { EngineError } from './errors';
import type { ItemId } from './ids';
import type { Item } from './item';
import type { Random } from './random';
import { createRandom, shuffle } from './random';

/** The items a draw may use: only active items; the version is part of the seed. */
export interface Bank {
  id: string;
  version: string | number;
  items: readonly Item[];
}

/** One drawn item, by reference: the exam is rebuilt from the bank at this item version. */
export interface DrawnItem {
  itemId: ItemId;
  version: number;
  domain: string;
  scored: boolean;
  /** Shuffled option ids per question (the item id, or a scenario's sub-item id); absent = authored order. */
  optionOrder?: Record<string, string[]>;
}

export interface DrawnSection {
  sectionId: string;
  items: DrawnItem[];
}

export interface DrawnExam {
  blueprintId: string;
  seed: string;
  bankId: string;
  bankVersion: string | number;
  sections: DrawnSection[];
}

/** One rule (or pretest quota) the bank cannot fill. */
export interface Shortage {
  sectionId: string;
  sectionTitle: string;
  /** The rule's index in the section, or 'pretest'. */
  rule: number | 'pretest';
  /** What the rule asks for, e.g. "domain surgery-20000". */
  description: string;
  needed: number;
  /** What the bank can give this rule once earlier rules have taken theirs. */
  available: number;
  short: number;
}

/** A group of interchangeable slots: one rule, or one section's pretest quota. */
interface Pool {
  section: number;
  rule: number | 'pretest';
  count: number;
  /** Indexes into the sorted items, in the seeded shuffled order. */
  candidates: number[];
}

/** Whether an item passes a rule's domain/tag/type filter (scored or not). */
function matchesFilter(item: Item, rule: DrawRule): boolean {
  if (rule.domain !== undefined && item.domain !== rule.domain) return false;
  if (rule.tag !== undefined && !item.tags.includes(rule.tag)) return false;
  return rule.types === undefined || rule.types.includes(item.type);
}

/** The bank's items sorted by id, so the draw does not depend on the order they are listed in. */
function sortedItems(bank: Bank): Item[] {
  const items = [...bank.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < items.length; i++) {
    if (items[i]?.id === items[i - 1]?.id)
      throw new EngineError('invalid-item', `bank ${bank.id} lists item ${items[i]?.id} twice`, {
        itemId: items[i]?.id,
      });
  }
  return items;
}

/** The pools of a blueprint in priority order: sections in order, their rules, then pretest. */
function buildPools(blueprint: Blueprint, items: Item[], random: Random): Pool[] {
  const pools: Pool[] = [];
  const indexes = (keep: (item: Item) => boolean) =>
    shuffle(
      items.flatMap((item, i) => (keep(item) ? [i] : [])),
      random,
    );
  blueprint.sections.forEach((section, s) => {
    section.rules.forEach((rule, r) => {
      const candidates = indexes((item) => item.scored && matchesFilter(item, rule));
      pools.push({ section: s, rule: r, count: rule.count, candidates });
    });
    if (section.pretestCount > 0) {
      const candidates = indexes((item) => !item.scored && section.rules.some((r) => matchesFilter(item, r)));
      pools.push({ section: s, rule: 'pretest', count: section.pretestCount, candidates });
    }
  });
  return pools;
}

/** Assigns items to pools; returns the owner pool per item (-1 = not drawn) and what each pool got. */
function assign(pools: Pool[], itemCount: number): { owner: Int32Array; placed: number[] } {
  const owner = new Int32Array(itemCount).fill(-1);
  const place = (p: number, visited: Uint8Array): boolean => {
    const candidates = (pools[p] as Pool).candidates;
    for (const i of candidates) {
      if (owner[i] === -1) {
        owner[i] = p;
        return true;
      }
    }
    // Nothing free: try to move an item from its current pool to another of that pool's candidates.
    for (const i of candidates) {
      const holder = owner[i] as number;
      if (visited[i] || holder === p) continue;
      visited[i] = 1;
      if (place(holder, visited)) {
        owner[i] = p;
        return true;
      }
    }
    return false;
  };
  const placed = pools.map((pool, p) => {
    let got = 0;
    // Once one slot of a pool finds no item, its identical remaining slots cannot either.
    while (got < pool.count && place(p, new Uint8Array(itemCount))) got++;
    return got;
  });
  return { owner, placed };
}

/** The shortages of a failed assignment, one per short pool. */
function shortages(blueprint: Blueprint, pools: Pool[], placed: number[]): Shortage[] {
  return pools.flatMap((pool, p) => {
    const got = placed[p] as number;
    if (got >= pool.count) return [];
    const section = blueprint.sections[pool.section] as Section;
    const description =
      pool.rule === 'pretest'
        ? `pretest (unscored) from ${section.rules.map(describeRule).join(', ')}`
        : describeRule(section.rules[pool.rule] as DrawRule);
    return [
      {
        sectionId: section.id,
        sectionTitle: section.title,
        rule: pool.rule,
        description,
        needed: pool.count,
        available: got,
        short: pool.count - got,
      },
    ];
  });
}

/** The message of a bank-shortage error: one clause per short rule. */
function shortageMessage(list: Shortage[]): string {
  const clauses = list.map(
    (s) =>
      `Section '${s.sectionTitle}': ${s.description} needs ${s.needed} items, bank has ${s.available} (short by ${s.short})`,
  );
  return `The bank cannot fill the blueprint. ${clauses.join('; ')}`;
}

/** Shuffled option ids for every question of an item that has options. */
function optionOrderOf(item: Item, random: Random): Record<string, string[]> | undefined {
  const questions = item.type === 'scenario' ? item.subItems : [item];
  const order: Record<string, string[]> = {};
  let any = false;
  for (const question of questions) {
    if (question.type !== 'multiple-choice' && question.type !== 'multiple-response') continue;
    order[question.id] = shuffle(
      question.options.map((o) => o.id),
      random,
    );
    any = true;
  }
  return any ? order : undefined;
}

/** A drawn item reference for an item. */
function reference(item: Item): DrawnItem {
  return { itemId: item.id, version: item.version, domain: item.domain, scored: item.scored };
}

/** The seeded source of a draw: blueprint id, bank version and seed, unambiguously joined. */
function drawRandom(blueprintId: string, bankVersion: string | number, seed: string): Random {
  return createRandom(JSON.stringify([blueprintId, bankVersion, seed]));
}

/**
 * Draws an exam from a bank. Pass only active items. Throws EngineError 'bank-shortage' (details:
 * `{ shortages }`) listing every rule the bank cannot fill, or 'invalid-item' for a duplicate id.
 */
export function drawExam(blueprint: Blueprint, bank: Bank, seed: string): DrawnExam {
  const items = sortedItems(bank);
  const random = drawRandom(blueprint.id, bank.version, seed);
  const pools = buildPools(blueprint, items, random);
  const { owner, placed } = assign(pools, items.length);
  const short = shortages(blueprint, pools, placed);
  if (short.length > 0) throw new EngineError('bank-shortage', shortageMessage(short), { shortages: short });

  const sections = blueprint.sections.map((section, s): DrawnSection => {
    // Authored order: rule by rule, by id within a rule, pretest last.
    const chosen = pools.flatMap((pool, p) =>
      pool.section === s
        ? pool.candidates
            .filter((i) => owner[i] === p)
            .sort((a, b) => a - b)
            .map((i) => items[i] as Item)
        : [],
    );
    const ordered = section.shuffleItems ? shuffle(chosen, random) : chosen;
    return {
      sectionId: section.id,
      items: ordered.map((item) => {
        const ref = reference(item);
        const optionOrder = section.shuffleOptions ? optionOrderOf(item, random) : undefined;
        return optionOrder ? { ...ref, optionOrder } : ref;
      }),
    };
  });
  return { blueprintId: blueprint.id, seed, bankId: bank.id, bankVersion: bank.version, sections };
}

/** What a drill draws from: chosen domains, a list of item ids (e.g. the ones a student missed), or both. */
export interface DrillRequest {
  /** Only items of these domains (absent or empty = any domain). */
  domains?: readonly string[];
  /** Only these items (absent = any item); with `domains`, items in both. */
  itemIds?: readonly ItemId[];
  count: number;
  /** A time limit for the drill; absent or null = untimed. */
  limitMinutes?: number | null;
}

export const DRILL_BLUEPRINT_ID = 'drill';

/** The one-section blueprint of a drill of `count` items: shuffled items and options, no pretest. */
export function drillBlueprint(count: number, limitMinutes: number | null = null): Blueprint {
  return assertBlueprint({
    id: DRILL_BLUEPRINT_ID,
    name: 'Drill',
    style: 'custom',
    clock: { mode: 'shared', limitMinutes },
    warningMinutes: [],
    sections: [{ id: 'drill', title: 'Drill', shuffleItems: true, shuffleOptions: true, rules: [{ count }] }],
  });
}

/**
 * Draws a drill: `count` scored items from the chosen domains and/or item ids, as a one-section
 * exam of `drillBlueprint(count)`. Throws 'bank-shortage' when fewer items qualify (details give
 * `available`, so a caller may ask again for that many).
 */
export function drawDrill(bank: Bank, request: DrillRequest, seed: string): DrawnExam {
  const domains = request.domains?.length ? new Set(request.domains) : null;
  const ids = request.itemIds ? new Set(request.itemIds) : null;
  const items = bank.items.filter(
    (item) => (domains === null || domains.has(item.domain)) && (ids === null || ids.has(item.id)),
  );
  return drawExam(drillBlueprint(request.count, request.limitMinutes ?? null), { ...bank, items }, seed);
}
