import { describe, expect, it } from 'vitest';
import type { BlueprintInput } from './blueprint';
import {
  assertBlueprint,
  blueprintItemCount,
  blueprintLimitMinutes,
  describeRule,
  parseBlueprint,
  sectionItemCount,
} from './blueprint';
import { isEngineError } from './errors';

const minimal: BlueprintInput = {
  id: 'bp-1',
  name: 'Practice',
  clock: { limitMinutes: 60 },
  sections: [{ id: 's1', title: 'Section 1', rules: [{ domain: 'anatomy', count: 5 }] }],
};

/** The issues of an input that must not parse. */
function issuesOf(input: unknown) {
  const result = parseBlueprint(input);
  if (result.ok) throw new Error('expected the blueprint to be refused');
  return result.issues;
}

describe('blueprint schema', () => {
  it('applies the documented defaults', () => {
    const bp = assertBlueprint(minimal);
    expect(bp.style).toBe('custom');
    expect(bp.passPercent).toBe(70);
    expect(bp.warningMinutes).toEqual([30]);
    expect(bp.graceSeconds).toBe(30);
    expect(bp.clock.mode).toBe('shared');
    expect(bp.sections[0]).toMatchObject({
      mayReturn: true,
      shuffleItems: true,
      shuffleOptions: false,
      pretestCount: 0,
    });
  });

  it('treats a null shared limit as untimed', () => {
    const bp = assertBlueprint({ ...minimal, clock: { limitMinutes: null }, warningMinutes: [] });
    expect(blueprintLimitMinutes(bp)).toBeNull();
  });

  it('reports field-level problems with their paths', () => {
    const issues = issuesOf({
      id: 'bad id!',
      name: '  ',
      clock: { limitMinutes: -5 },
      passPercent: 120,
      sections: [{ id: 's1', title: 'S', rules: [{ domain: 'Anatomy', count: 0, types: ['essay'] }] }],
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'clock.limitMinutes',
        'passPercent',
        'sections.0.rules.0.domain',
        'sections.0.rules.0.count',
        'sections.0.rules.0.types.0',
      ]),
    );
  });

  it('needs at least one section and one rule per section', () => {
    expect(issuesOf({ ...minimal, sections: [] })).toContainEqual({
      path: 'sections',
      message: 'at least one section',
    });
    expect(issuesOf({ ...minimal, sections: [{ id: 's1', title: 'S', rules: [] }] })).toContainEqual({
      path: 'sections.0.rules',
      message: 'at least one draw rule',
    });
  });

  it('refuses a rule with both a domain and a tag, and a type listed twice', () => {
    const issues = issuesOf({
      ...minimal,
      sections: [
        {
          id: 's1',
          title: 'S',
          rules: [
            { domain: 'anatomy', tag: 'bones', count: 1 },
            { tag: 'x', count: 1, types: ['fill-in', 'fill-in'] },
          ],
        },
      ],
    });
    expect(issues).toContainEqual({
      path: 'sections.0.rules.0.tag',
      message: 'give a domain or a tag, not both',
    });
    expect(issues).toContainEqual({ path: 'sections.0.rules.1.types', message: 'a type is listed twice' });
  });

  it('accepts a rule with neither domain nor tag (any domain)', () => {
    const bp = assertBlueprint({ ...minimal, sections: [{ id: 's', title: 'S', rules: [{ count: 3 }] }] });
    expect(describeRule(bp.sections[0]!.rules[0]!)).toBe('any domain');
  });

  it('refuses duplicate section ids', () => {
    const section = minimal.sections[0]!;
    expect(issuesOf({ ...minimal, sections: [section, section] })).toContainEqual({
      path: 'sections.1.id',
      message: 'section id "s1" is used twice',
    });
  });

  it('requires a budget per section when the clock is per-section', () => {
    const issues = issuesOf({
      ...minimal,
      clock: { mode: 'per-section' },
      sections: [
        { id: 'a', title: 'A', minutes: 60, rules: [{ count: 1 }] },
        { id: 'b', title: 'B', rules: [{ count: 1 }] },
      ],
    });
    expect(issues).toEqual([
      { path: 'sections.1.minutes', message: 'required when the clock is per-section' },
    ]);
  });

  it('refuses section minutes that add up to more than the limit, in either mode', () => {
    for (const mode of ['shared', 'per-section'] as const) {
      const issues = issuesOf({
        ...minimal,
        clock: { mode, limitMinutes: 100 },
        warningMinutes: [],
        sections: [
          { id: 'a', title: 'A', minutes: 60, rules: [{ count: 1 }] },
          { id: 'b', title: 'B', minutes: 50, rules: [{ count: 1 }] },
        ],
      });
      expect(issues).toEqual([
        { path: 'sections', message: 'section minutes add up to 110, more than the 100-minute limit' },
      ]);
    }
  });

  it('accepts advisory shares within a shared limit', () => {
    const bp = assertBlueprint({
      ...minimal,
      clock: { limitMinutes: 120 },
      sections: [
        { id: 'a', title: 'A', minutes: 60, rules: [{ count: 1 }] },
        { id: 'b', title: 'B', minutes: 60, rules: [{ count: 1 }] },
      ],
    });
    expect(blueprintLimitMinutes(bp)).toBe(120);
  });

  it('takes the sum of the budgets as the limit of an uncapped per-section clock', () => {
    const bp = assertBlueprint({
      ...minimal,
      clock: { mode: 'per-section', limitMinutes: null },
      sections: [
        { id: 'a', title: 'A', minutes: 45, rules: [{ count: 1 }] },
        { id: 'b', title: 'B', minutes: 30, rules: [{ count: 1 }] },
      ],
    });
    expect(blueprintLimitMinutes(bp)).toBe(75);
  });

  it('refuses a warning that comes before the exam starts', () => {
    expect(issuesOf({ ...minimal, warningMinutes: [10, 60] })).toEqual([
      {
        path: 'warningMinutes.1',
        message: 'a warning at 60 minutes left comes before a 60-minute exam starts',
      },
    ]);
  });

  it('throws an invalid-blueprint EngineError listing every problem', () => {
    try {
      assertBlueprint({ ...minimal, passPercent: -1, sections: [] });
      expect.unreachable();
    } catch (error) {
      expect(isEngineError(error, 'invalid-blueprint')).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain('passPercent');
      expect(message).toContain('sections: at least one section');
    }
  });
});

describe('blueprint helpers', () => {
  it('counts items per section and per blueprint, pretest included', () => {
    const bp = assertBlueprint({
      ...minimal,
      sections: [
        {
          id: 'a',
          title: 'A',
          pretestCount: 2,
          rules: [
            { domain: 'x', count: 3 },
            { tag: 't', count: 4 },
          ],
        },
        { id: 'b', title: 'B', rules: [{ count: 5 }] },
      ],
    });
    expect(sectionItemCount(bp.sections[0]!)).toBe(9);
    expect(blueprintItemCount(bp)).toBe(14);
  });

  it('describes rules for people', () => {
    expect(describeRule({ domain: 'surgery-20000', count: 6 })).toBe('domain surgery-20000');
    expect(describeRule({ tag: 'modifiers', count: 6, types: ['multiple-choice', 'fill-in'] })).toBe(
      'tag modifiers (multiple-choice or fill-in)',
    );
  });
});
