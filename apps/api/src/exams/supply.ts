/**
 * The supply check: can these banks fill this blueprint? Per rule, what it needs and how many
 * active items match it; per domain, what the banks hold against what the blueprint needs; and
 * the engine's own verdict, from a draw with a fixed seed, with its exact shortage report.
 */
import type { SupplyReport } from '@coderprep/contracts';
import type { SupplyItemRow } from '@coderprep/db';
import {
  type Blueprint,
  blueprintItemCount,
  type DrawRule,
  describeRule,
  drawExam,
  type Item,
  isEngineError,
  type Shortage,
} from '@coderprep/exam-engine';

/** The seed of the check's draw: fixed, so the same banks always give the same answer. */
export const SUPPLY_SEED = 'supply-check';

/** Stored item bodies as engine items, known by their row ids (unique across banks). */
export function supplyItems(rows: readonly SupplyItemRow[]): Item[] {
  return rows.map((row) => {
    const body = JSON.parse(row.body) as Item;
    return { ...body, id: row.id, version: row.version, tags: body.tags ?? [], scored: body.scored ?? true };
  });
}

/** Whether an item passes a rule's domain/tag/type filter (as the engine's draw reads a rule). */
function matches(item: Item, rule: DrawRule): boolean {
  if (rule.domain !== undefined && item.domain !== rule.domain) return false;
  if (rule.tag !== undefined && !item.tags.includes(rule.tag)) return false;
  return rule.types === undefined || rule.types.includes(item.type);
}

const tally = (list: readonly Item[], keep: (item: Item) => boolean) =>
  list.reduce((n, item) => (keep(item) ? n + 1 : n), 0);

/** The engine's shortages for a draw of the blueprint from these items (empty when it draws). */
function drawShortages(
  blueprint: Blueprint,
  items: Item[],
): { shortages: Shortage[]; message: string | null } {
  try {
    drawExam(blueprint, { id: 'supply', version: 'supply', items }, SUPPLY_SEED);
    return { shortages: [], message: null };
  } catch (error) {
    if (!isEngineError(error, 'bank-shortage')) throw error;
    const details = error.details as { shortages: Shortage[] };
    return { shortages: details.shortages, message: error.message };
  }
}

/** The supply report of a blueprint over the active items of some banks. */
export function supplyReport(
  blueprint: Blueprint,
  bankIds: readonly string[],
  items: readonly Item[],
): SupplyReport {
  const scored = items.filter((item) => item.scored);
  const unscored = items.filter((item) => !item.scored);

  const rules: SupplyReport['rules'] = blueprint.sections.flatMap((section) => {
    const ruleRows = section.rules.map((rule, index) => {
      const available = tally(scored, (item) => matches(item, rule));
      return {
        sectionId: section.id,
        sectionTitle: section.title,
        rule: index as number | 'pretest',
        description: describeRule(rule),
        domain: rule.domain ?? null,
        tag: rule.tag ?? null,
        types: rule.types ? [...rule.types] : null,
        needed: rule.count,
        available,
        short: Math.max(0, rule.count - available),
      };
    });
    if (section.pretestCount === 0) return ruleRows;
    const available = tally(unscored, (item) => section.rules.some((rule) => matches(item, rule)));
    return [
      ...ruleRows,
      {
        sectionId: section.id,
        sectionTitle: section.title,
        rule: 'pretest' as const,
        description: `pretest (unscored) from ${section.rules.map(describeRule).join(', ')}`,
        domain: null,
        tag: null,
        types: null,
        needed: section.pretestCount,
        available,
        short: Math.max(0, section.pretestCount - available),
      },
    ];
  });

  // Per domain: the blueprint's domains in rule order first, then whatever else the banks hold.
  const needed = new Map<string, number>();
  for (const section of blueprint.sections)
    for (const rule of section.rules)
      if (rule.domain !== undefined) needed.set(rule.domain, (needed.get(rule.domain) ?? 0) + rule.count);
  const held = [...new Set(items.map((item) => item.domain))].filter((d) => !needed.has(d)).sort();
  const domains = [...needed.keys(), ...held].map((domain) => ({
    domain,
    needed: needed.get(domain) ?? 0,
    available: tally(scored, (item) => item.domain === domain),
    pretestAvailable: tally(unscored, (item) => item.domain === domain),
  }));

  const { shortages, message } = drawShortages(blueprint, [...items]);
  return {
    ok: shortages.length === 0,
    itemCount: blueprintItemCount(blueprint),
    bankIds: [...bankIds],
    rules,
    shortages,
    message,
    domains,
  };
}
