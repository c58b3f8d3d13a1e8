/**
 * Mock-exam presets for the CPC (AAPC), CCS (AHIMA) and CMC (PMI) styles, as blueprint data.
 * Facts the public sources do not confirm are settings (see PRESET_UNCERTAINTIES): change them
 * with `presetBlueprint(id, overrides)` instead of editing the data.
 *
 * The domain slugs are the ones the bundled banks use; keep the two in step.
 */
import type { Blueprint, DrawRule } from './blueprint';
import { assertBlueprint } from './blueprint';
import { EngineError } from './errors';
import type { ItemType } from './item';

export const PRESET_IDS = ['cpc', 'cpc-online', 'ccs', 'cmc'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** Items per domain: [domain slug, count]. */
export type DomainCounts = readonly (readonly [string, number])[];

/** CPC domains with the AAPC FAQ's counts (72 items). */
export const CPC_CONFIRMED_COUNTS: DomainCounts = [
  ['surgery-10000', 6],
  ['surgery-20000', 6],
  ['surgery-30000', 6],
  ['surgery-40000', 6],
  ['surgery-50000', 6],
  ['surgery-60000', 6],
  ['evaluation-management', 6],
  ['anesthesia', 4],
  ['radiology', 6],
  ['pathology-laboratory', 6],
  ['medicine', 6],
  ['medical-terminology', 4],
  ['anatomy', 4],
];

/** The other 28 CPC items: the domains are published, this split is not. */
export const CPC_UNCONFIRMED_COUNTS: DomainCounts = [
  ['icd-10-cm', 10],
  ['hcpcs-level-ii', 6],
  ['coding-guidelines', 6],
  ['compliance-regulatory', 6],
];

/** CCS multiple-choice domains (single answer and "select N"). */
export const CCS_MULTIPLE_CHOICE_COUNTS: DomainCounts = [
  ['ccs-diagnosis-coding', 8],
  ['ccs-procedure-coding', 6],
  ['ccs-documentation-queries', 4],
  ['ccs-regulatory-reimbursement', 4],
  ['ccs-outpatient-coding', 3],
];

/** CMC fill-in domains; the total (133) is approximate. */
export const CMC_COUNTS: DomainCounts = [
  ['cmc-evaluation-management', 22],
  ['cmc-surgery', 31],
  ['cmc-radiology-pathology-medicine', 22],
  ['cmc-diagnosis-coding', 31],
  ['cmc-hcpcs-modifiers', 27],
];

/** What each preset assumes where the public sources are silent or vague. */
export const PRESET_UNCERTAINTIES: Record<PresetId, readonly string[]> = {
  cpc: [
    'The split of the 28 ICD-10-CM / HCPCS Level II / guidelines / compliance items (10/6/6/6) is not published.',
  ],
  'cpc-online': [
    'The split of the 28 ICD-10-CM / HCPCS Level II / guidelines / compliance items (10/6/6/6) is not published.',
    'Which domains fall in part 1 and part 2 of the online exam is not published; this preset puts procedure coding (surgery, E/M, anesthesia, terminology) in part 1 and the rest in part 2, 50 items each.',
  ],
  ccs: [
    'The real exam has 107 items (97 scored, 10 pretest) scored on a scale to 300; this mock reports a percent against 70%.',
    'The number of items per domain and of medical scenarios is this platform\u2019s choice.',
  ],
  cmc: [
    'The item count (about 133) and its split by domain are not confirmed.',
    'The time limit is not confirmed; 240 minutes is a default.',
  ],
};

/** One rule per domain, all of the given types. */
function rulesFor(counts: DomainCounts, types: ItemType[]): DrawRule[] {
  return counts.map(([domain, count]) => ({ domain, count, types: [...types] }));
}

const CPC_PART_1 = new Set([
  'surgery-10000',
  'surgery-20000',
  'surgery-30000',
  'surgery-40000',
  'surgery-50000',
  'surgery-60000',
  'evaluation-management',
  'anesthesia',
  'medical-terminology',
]);
const CPC_ALL: DomainCounts = [...CPC_CONFIRMED_COUNTS, ...CPC_UNCONFIRMED_COUNTS];

const cpc: Blueprint = {
  id: 'cpc',
  name: 'CPC-style mock exam',
  style: 'cpc',
  passPercent: 70,
  clock: { mode: 'shared', limitMinutes: 240 },
  warningMinutes: [30],
  graceSeconds: 30,
  sections: [
    {
      id: 'cpc',
      title: 'CPC mock exam',
      mayReturn: true,
      shuffleItems: true,
      shuffleOptions: false,
      rules: rulesFor(CPC_ALL, ['multiple-choice']),
      pretestCount: 0,
    },
  ],
};

/** The online CPC: two parts of 2 hours; part 1 locks when part 2 starts. */
const cpcOnline: Blueprint = {
  ...cpc,
  id: 'cpc-online',
  name: 'CPC-style mock exam (online, two parts)',
  clock: { mode: 'per-section', limitMinutes: 240 },
  sections: [
    {
      id: 'part-1',
      title: 'Part 1',
      minutes: 120,
      mayReturn: false,
      shuffleItems: true,
      shuffleOptions: false,
      rules: rulesFor(
        CPC_ALL.filter(([domain]) => CPC_PART_1.has(domain)),
        ['multiple-choice'],
      ),
      pretestCount: 0,
    },
    {
      id: 'part-2',
      title: 'Part 2',
      minutes: 120,
      mayReturn: true,
      shuffleItems: true,
      shuffleOptions: false,
      rules: rulesFor(
        CPC_ALL.filter(([domain]) => !CPC_PART_1.has(domain)),
        ['multiple-choice'],
      ),
      pretestCount: 0,
    },
  ],
};

const ccs: Blueprint = {
  id: 'ccs',
  name: 'CCS-style mock exam',
  style: 'ccs',
  passPercent: 70,
  clock: { mode: 'shared', limitMinutes: 240 },
  warningMinutes: [30],
  graceSeconds: 30,
  sections: [
    {
      id: 'multiple-choice',
      title: 'Multiple choice',
      mayReturn: true,
      shuffleItems: true,
      shuffleOptions: false,
      rules: rulesFor(CCS_MULTIPLE_CHOICE_COUNTS, ['multiple-choice', 'multiple-response']),
      pretestCount: 5,
    },
    {
      id: 'medical-scenarios',
      title: 'Medical scenarios',
      mayReturn: true,
      shuffleItems: true,
      shuffleOptions: false,
      rules: [{ domain: 'ccs-medical-scenarios', count: 20, types: ['scenario'] }],
      pretestCount: 0,
    },
  ],
};

const cmc: Blueprint = {
  id: 'cmc',
  name: 'CMC-style mock exam',
  style: 'cmc',
  passPercent: 70,
  clock: { mode: 'shared', limitMinutes: 240 },
  warningMinutes: [30],
  graceSeconds: 30,
  sections: [
    {
      id: 'cmc',
      title: 'CMC mock exam',
      mayReturn: true,
      shuffleItems: true,
      shuffleOptions: false,
      rules: rulesFor(CMC_COUNTS, ['fill-in']),
      pretestCount: 0,
    },
  ],
};

/** The preset blueprints by id. */
export const PRESETS: Readonly<Record<PresetId, Blueprint>> = {
  cpc,
  'cpc-online': cpcOnline,
  ccs,
  cmc,
};

/** Settings a preset leaves open; anything else, copy the preset and edit it. */
export interface PresetOverrides {
  id?: string;
  name?: string;
  passPercent?: number;
  /** The overall limit (CMC: unconfirmed); null = untimed for a shared clock. */
  limitMinutes?: number | null;
  warningMinutes?: number[];
  graceSeconds?: number;
  shuffleItems?: boolean;
  shuffleOptions?: boolean;
  /** New counts for domain rules, e.g. another split of the CPC's 28 unconfirmed items. */
  domainCounts?: Record<string, number>;
}

/** True when `id` names a preset. */
export function isPresetId(id: string): id is PresetId {
  return (PRESET_IDS as readonly string[]).includes(id);
}

/** A preset with overrides applied, validated; throws EngineError 'invalid-blueprint'. */
export function presetBlueprint(id: PresetId, overrides: PresetOverrides = {}): Blueprint {
  const preset = PRESETS[id];
  if (!preset) throw new EngineError('invalid-blueprint', `no preset "${id}"`, { id });
  const { domainCounts = {}, limitMinutes, shuffleItems, shuffleOptions, ...top } = overrides;
  const known = new Set(preset.sections.flatMap((s) => s.rules.map((r) => r.domain)));
  const unknown = Object.keys(domainCounts).filter((domain) => !known.has(domain));
  if (unknown.length > 0)
    throw new EngineError(
      'invalid-blueprint',
      `preset "${id}" has no rule for domain ${unknown.join(', ')}`,
      {
        domains: unknown,
      },
    );
  return assertBlueprint({
    ...preset,
    ...top,
    clock: { ...preset.clock, ...(limitMinutes !== undefined && { limitMinutes }) },
    sections: preset.sections.map((section) => ({
      ...section,
      ...(shuffleItems !== undefined && { shuffleItems }),
      ...(shuffleOptions !== undefined && { shuffleOptions }),
      rules: section.rules.map((rule) =>
        rule.domain !== undefined && Object.hasOwn(domainCounts, rule.domain)
          ? { ...rule, count: domainCounts[rule.domain] }
          : rule,
      ),
    })),
  });
}
