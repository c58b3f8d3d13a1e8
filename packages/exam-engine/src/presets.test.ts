import { describe, expect, it } from 'vitest';
import type { Blueprint } from './blueprint';
import { blueprintItemCount, blueprintLimitMinutes, parseBlueprint, sectionItemCount } from './blueprint';
import { isEngineError } from './errors';
import {
  CPC_CONFIRMED_COUNTS,
  CPC_UNCONFIRMED_COUNTS,
  isPresetId,
  PRESET_IDS,
  PRESET_UNCERTAINTIES,
  PRESETS,
  presetBlueprint,
} from './presets';

/** Items per domain slug across a blueprint. */
const countsOf = (bp: Blueprint) =>
  Object.fromEntries(bp.sections.flatMap((s) => s.rules.map((r) => [r.domain, r.count])));
const typesOf = (bp: Blueprint) => new Set(bp.sections.flatMap((s) => s.rules.flatMap((r) => r.types ?? [])));

describe('presets', () => {
  it.each(PRESET_IDS)('%s is a valid blueprint, unchanged by parsing', (id) => {
    const parsed = parseBlueprint(PRESETS[id]);
    expect(parsed).toEqual({ ok: true, blueprint: PRESETS[id] });
    expect(PRESETS[id].id).toBe(id);
    expect(PRESETS[id].passPercent).toBe(70);
    expect(PRESET_UNCERTAINTIES[id].length).toBeGreaterThan(0);
  });

  it('CPC: 100 multiple-choice items, 4 hours, warning at 30 minutes, with the exact domain slugs', () => {
    const cpc = PRESETS.cpc;
    expect(blueprintItemCount(cpc)).toBe(100);
    expect(blueprintLimitMinutes(cpc)).toBe(240);
    expect(cpc.warningMinutes).toEqual([30]);
    expect([...typesOf(cpc)]).toEqual(['multiple-choice']);
    expect(countsOf(cpc)).toEqual({
      'surgery-10000': 6,
      'surgery-20000': 6,
      'surgery-30000': 6,
      'surgery-40000': 6,
      'surgery-50000': 6,
      'surgery-60000': 6,
      'evaluation-management': 6,
      anesthesia: 4,
      radiology: 6,
      'pathology-laboratory': 6,
      medicine: 6,
      'medical-terminology': 4,
      anatomy: 4,
      'icd-10-cm': 10,
      'hcpcs-level-ii': 6,
      'coding-guidelines': 6,
      'compliance-regulatory': 6,
    });
    expect(CPC_CONFIRMED_COUNTS.reduce((n, [, c]) => n + c, 0)).toBe(72);
    expect(CPC_UNCONFIRMED_COUNTS.reduce((n, [, c]) => n + c, 0)).toBe(28);
  });

  it('CPC online: the same 100 items in two 2-hour parts, part 1 locked once left', () => {
    const online = PRESETS['cpc-online'];
    expect(online.clock).toEqual({ mode: 'per-section', limitMinutes: 240 });
    expect(online.sections.map((s) => [s.id, s.minutes, s.mayReturn, sectionItemCount(s)])).toEqual([
      ['part-1', 120, false, 50],
      ['part-2', 120, true, 50],
    ]);
    expect(countsOf(online)).toEqual(countsOf(PRESETS.cpc));
  });

  it('CCS: multiple choice with pretest items, then medical scenarios', () => {
    const ccs = PRESETS.ccs;
    expect(blueprintLimitMinutes(ccs)).toBe(240);
    const [mc, scenarios] = ccs.sections;
    expect(mc).toMatchObject({ title: 'Multiple choice', pretestCount: 5 });
    expect(mc!.rules.map((r) => [r.domain, r.count])).toEqual([
      ['ccs-diagnosis-coding', 8],
      ['ccs-procedure-coding', 6],
      ['ccs-documentation-queries', 4],
      ['ccs-regulatory-reimbursement', 4],
      ['ccs-outpatient-coding', 3],
    ]);
    for (const rule of mc!.rules) expect(rule.types).toEqual(['multiple-choice', 'multiple-response']);
    expect(scenarios).toMatchObject({
      title: 'Medical scenarios',
      rules: [{ domain: 'ccs-medical-scenarios', count: 20, types: ['scenario'] }],
    });
  });

  it('CMC: 133 fill-in items, 240 minutes by default', () => {
    const cmc = PRESETS.cmc;
    expect(blueprintItemCount(cmc)).toBe(133);
    expect(blueprintLimitMinutes(cmc)).toBe(240);
    expect([...typesOf(cmc)]).toEqual(['fill-in']);
    expect(countsOf(cmc)).toEqual({
      'cmc-evaluation-management': 22,
      'cmc-surgery': 31,
      'cmc-radiology-pathology-medicine': 22,
      'cmc-diagnosis-coding': 31,
      'cmc-hcpcs-modifiers': 27,
    });
  });

  it('knows its ids', () => {
    expect(isPresetId('ccs')).toBe(true);
    expect(isPresetId('cpa')).toBe(false);
  });
});

describe('presetBlueprint', () => {
  it('returns the preset itself without overrides', () => {
    expect(presetBlueprint('ccs')).toEqual(PRESETS.ccs);
  });

  it('turns the uncertain facts into settings', () => {
    const cmc = presetBlueprint('cmc', {
      limitMinutes: 180,
      passPercent: 75,
      id: 'cmc-short',
      name: 'CMC short',
    });
    expect(cmc).toMatchObject({ id: 'cmc-short', name: 'CMC short', passPercent: 75 });
    expect(cmc.clock.limitMinutes).toBe(180);
    const cpc = presetBlueprint('cpc', {
      domainCounts: {
        'icd-10-cm': 7,
        'hcpcs-level-ii': 7,
        'coding-guidelines': 7,
        'compliance-regulatory': 7,
      },
    });
    expect(countsOf(cpc)['icd-10-cm']).toBe(7);
    expect(countsOf(cpc).anatomy).toBe(4);
    expect(blueprintItemCount(cpc)).toBe(100);
  });

  it('overrides shuffling in every section and leaves the preset data alone', () => {
    const bp = presetBlueprint('ccs', { shuffleOptions: true, shuffleItems: false });
    expect(bp.sections.every((s) => s.shuffleOptions && !s.shuffleItems)).toBe(true);
    expect(PRESETS.ccs.sections.every((s) => !s.shuffleOptions && s.shuffleItems)).toBe(true);
  });

  it('can make an exam untimed', () => {
    const bp = presetBlueprint('cpc', { limitMinutes: null, warningMinutes: [] });
    expect(blueprintLimitMinutes(bp)).toBeNull();
  });

  it('refuses overrides that break the blueprint or name unknown domains', () => {
    const invalid = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isEngineError(error, 'invalid-blueprint') ? error.message : 'other error';
      }
      return 'no error';
    };
    expect(invalid(() => presetBlueprint('cpc-online', { limitMinutes: 200 }))).toContain(
      'section minutes add up to 240, more than the 200-minute limit',
    );
    expect(invalid(() => presetBlueprint('cmc', { domainCounts: { 'cmc-surgery': 0 } }))).toContain(
      'draw at least 1 item',
    );
    expect(invalid(() => presetBlueprint('cpc', { domainCounts: { surgery: 3, anatomy: 5 } }))).toBe(
      'preset "cpc" has no rule for domain surgery',
    );
    expect(invalid(() => presetBlueprint('nope' as 'cpc'))).toBe('no preset "nope"');
  });
});
