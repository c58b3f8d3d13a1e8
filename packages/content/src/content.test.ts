/**
 * Proof of the bundled content: structure, counts, licensing rules, every code checked against
 * the official tables in ../shared/codesets, and full mocks drawn from every preset.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BankDocument,
  CMC_COUNTS,
  CPC_CONFIRMED_COUNTS,
  CPC_UNCONFIRMED_COUNTS,
  createCodeSet,
  drawExam,
  type Item,
  PRESETS,
  type PresetId,
} from '@coderprep/exam-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditItemCodes, codesInText } from './code-audit';
import { loadBundledBanks, readBankFiles } from './loader';

const CODESETS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'codesets');

const banks = loadBundledBanks();
const bank = (id: string): BankDocument => {
  const found = banks.find((b) => b.bank.id === id);
  if (!found) throw new Error(`bundled bank ${id} is missing`);
  return found;
};
const cpc = bank('coderprep-cpc');
const ccs = bank('coderprep-ccs');
const cmc = bank('coderprep-cmc');
const allItems = banks.flatMap((b) => b.items);
const countBy = (items: readonly Item[], key: (item: Item) => string) =>
  items.reduce<Record<string, number>>((acc, item) => {
    acc[key(item)] = (acc[key(item)] ?? 0) + 1;
    return acc;
  }, {});
/** Every piece of text an item shows or explains. */
const texts = (item: Item): string[] => {
  const own = [item.stem, item.rationale, ...(item.type === 'scenario' ? [item.caseText] : [])];
  const questions = item.type === 'scenario' ? item.subItems : [item];
  return [
    ...own,
    ...questions.flatMap((q) => [
      q.stem,
      q.rationale,
      ...(q.type === 'multiple-choice' || q.type === 'multiple-response'
        ? q.options.flatMap((o) => [o.text, o.rationale])
        : []),
    ]),
  ];
};

describe('bundled banks: structure', () => {
  it('every file is a valid native bank document of one of the three banks', () => {
    const files = readBankFiles();
    expect(files.length).toBeGreaterThan(10);
    expect(new Set(files.map((f) => f.document.bank.id))).toEqual(
      new Set(['coderprep-cpc', 'coderprep-ccs', 'coderprep-cmc']),
    );
  });

  it('has no duplicate item ids and no duplicate stems', () => {
    const ids = allItems.map((i) => i.id);
    expect(ids.length - new Set(ids).size).toBe(0);
    const normalise = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const item of allItems) {
      const stem = normalise(item.type === 'scenario' ? `${item.caseText} ${item.stem}` : item.stem);
      if (seen.has(stem)) duplicates.push(`${item.id} = ${seen.get(stem)}`);
      seen.set(stem, item.id);
    }
    expect(duplicates).toEqual([]);
  });

  it('gives every item a substantive rationale, a domain, tags and a code-set year', () => {
    const thin = allItems.filter(
      (i) => i.rationale.length < 40 || i.domain === '' || i.tags.length === 0 || i.codeSetYear < 2025,
    );
    expect(thin.map((i) => i.id)).toEqual([]);
  });

  it('gives every option of a CPC/CCS choice question its own rationale', () => {
    const missing = [...cpc.items, ...ccs.items].flatMap((item) =>
      (item.type === 'scenario' ? item.subItems : [item]).flatMap((q) =>
        q.type === 'multiple-choice' || q.type === 'multiple-response'
          ? q.options.filter((o) => o.rationale.trim().length < 5).map((o) => `${item.id}/${q.id}/${o.id}`)
          : [],
      ),
    );
    expect(missing).toEqual([]);
  });
});

describe('bundled banks: counts', () => {
  it('CPC: at least 300 multiple-choice items, twice the exam count of every section', () => {
    expect(cpc.items.length).toBeGreaterThanOrEqual(300);
    expect(cpc.items.every((i) => i.type === 'multiple-choice' && i.options.length === 4)).toBe(true);
    const byDomain = countBy(cpc.items, (i) => i.domain);
    for (const [domain, count] of [...CPC_CONFIRMED_COUNTS, ...CPC_UNCONFIRMED_COUNTS]) {
      expect({ domain, count: byDomain[domain] ?? 0 }).toEqual({
        domain,
        count: expect.toSatisfy((n: number) => n >= 2 * count),
      });
    }
  });

  it('CCS: at least 40 medical scenarios and 60 single or multiple-response items', () => {
    const scenarios = ccs.items.filter((i) => i.type === 'scenario');
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
    for (const scenario of scenarios) {
      if (scenario.type !== 'scenario') continue;
      // The first question asks for the principal diagnosis (one answer); the next ones "select all that apply".
      expect(scenario.subItems[0]?.type).toBe('multiple-choice');
      expect(scenario.subItems.slice(1).some((s) => s.type === 'multiple-response')).toBe(true);
    }
    const choice = ccs.items.filter((i) => i.type === 'multiple-choice' || i.type === 'multiple-response');
    expect(choice.length).toBeGreaterThanOrEqual(60);
    expect(choice.filter((i) => i.type === 'multiple-response').length).toBeGreaterThanOrEqual(15);
    expect(choice.filter((i) => !i.scored).length).toBeGreaterThanOrEqual(5);
  });

  it('CMC: at least 150 fill-in scenarios using every blank kind', () => {
    expect(cmc.items.length).toBeGreaterThanOrEqual(150);
    expect(cmc.items.every((i) => i.type === 'fill-in')).toBe(true);
    const kinds = new Set(
      cmc.items.flatMap((i) => (i.type === 'fill-in' ? i.blanks.map((b) => b.kind) : [])),
    );
    expect([...kinds].sort()).toEqual(
      [
        'code-list',
        'cpt',
        'hcpcs',
        'icd10cm',
        'icd10pcs',
        'modifier',
        'number',
        'procedure-line',
        'text',
      ].sort(),
    );
    const principalFirst = cmc.items.filter(
      (i) => i.type === 'fill-in' && i.blanks.some((b) => b.kind === 'code-list' && b.principalFirst),
    );
    expect(principalFirst.length).toBeGreaterThanOrEqual(10);
    const byDomain = countBy(cmc.items, (i) => i.domain);
    for (const [domain, count] of CMC_COUNTS) expect(byDomain[domain] ?? 0).toBeGreaterThanOrEqual(count);
  });
});

describe('bundled banks: licensing', () => {
  it('ships no HCPCS D-codes (ADA CDT)', () => {
    const dCodes = allItems.flatMap((item) =>
      texts(item).flatMap((t) => [...t.matchAll(/\bD[0-9]{4}\b/g)].map((m) => `${item.id}: ${m[0]}`)),
    );
    expect(dCodes).toEqual([]);
  });
});

describe('bundled banks: every code against the official tables', () => {
  const codeSet = createCodeSet();
  beforeAll(() => {
    if (!existsSync(CODESETS)) {
      throw new Error(
        `The official code tables are missing: expected ${CODESETS} (shared/codesets). ` +
          'This test cannot prove the content without them.',
      );
    }
    codeSet.loadIcd10Cm(readFileSync(join(CODESETS, 'icd10cm-fy2026.tsv'), 'utf8'));
    codeSet.loadIcd10Pcs(readFileSync(join(CODESETS, 'icd10pcs-fy2026.tsv'), 'utf8'));
    codeSet.loadHcpcs(readFileSync(join(CODESETS, 'hcpcs-2025.tsv'), 'utf8'));
  });

  it('finds codes in text by the content conventions', () => {
    expect(codesInText('E11.22, N18.31')).toEqual([
      { kind: 'icd10cm', code: 'E11.22' },
      { kind: 'icd10cm', code: 'N18.31' },
    ]);
    expect(codesInText('0DTJ4ZZ')).toEqual([{ kind: 'icd10pcs', code: '0DTJ4ZZ' }]);
    expect(codesInText('J1885 x 2 units')).toEqual([{ kind: 'hcpcs', code: 'J1885' }]);
    expect(codesInText('a fracture of the T12 vertebra')).toEqual([]);
    expect(codesInText('I10')).toEqual([{ kind: 'icd10cm', code: 'I10' }]);
  });

  it('every keyed code exists and is billable; every code-shaped distractor is well-formed', () => {
    const problems = auditItemCodes(allItems, codeSet);
    expect(problems).toEqual([]);
  });

  it('catches a keyed header code and an unknown code (the check can fail)', () => {
    const [sample] = cpc.items.filter((i) => i.type === 'multiple-choice');
    if (sample?.type !== 'multiple-choice') throw new Error('no sample');
    const broken: Item = {
      ...sample,
      options: sample.options.map((o) => (o.id === sample.key ? { ...o, text: 'E11, E11.99' } : o)),
    };
    expect(auditItemCodes([broken], codeSet).map((p) => p.message)).toEqual([
      'E11 is a header code, not billable',
      'E11.99 (icd10cm) is not in the code set',
    ]);
  });
});

describe('bundled banks: presets draw full mocks', () => {
  const bankFor: Record<PresetId, BankDocument> = { cpc, 'cpc-online': cpc, ccs, cmc };

  it.each(Object.keys(PRESETS) as PresetId[])('the %s preset draws a full mock without a shortage', (id) => {
    const source = bankFor[id];
    const exam = drawExam(
      PRESETS[id],
      { id: source.bank.id, version: 1, items: source.items },
      'content-test',
    );
    const drawn = exam.sections.flatMap((s) => s.items);
    const wanted = PRESETS[id].sections.reduce(
      (sum, s) => sum + s.pretestCount + s.rules.reduce((n, r) => n + r.count, 0),
      0,
    );
    expect(drawn.length).toBe(wanted);
  });

  it('two CPC mocks can be drawn without repeating an item', () => {
    const items = cpc.items;
    const first = drawExam(PRESETS.cpc, { id: 'cpc', version: 1, items }, 'first');
    const used = new Set(first.sections.flatMap((s) => s.items.map((i) => i.itemId)));
    const rest = items.filter((i) => !used.has(i.id));
    const second = drawExam(PRESETS.cpc, { id: 'cpc', version: 1, items: rest }, 'second');
    expect(second.sections.flatMap((s) => s.items).length).toBe(100);
  });
});
