import { describe, expect, it } from 'vitest';
import { parseAiken, writeAiken } from './aiken';
import { allTypes, fixtureText } from './test-helpers';

describe('Aiken reader', () => {
  const preview = parseAiken(fixtureText('aiken/sample.txt'));

  it('reads questions with A. and A) options and multi-line stems', () => {
    expect(preview.items).toHaveLength(2);
    expect(preview.items[0]).toMatchObject({
      type: 'multiple-choice',
      stem: 'Which code reports type 2 diabetes mellitus without complications?',
      key: 'A',
      domain: 'imported',
    });
    expect(preview.items[1]?.stem).toBe(
      'Which HCPCS code reports an injection of dexamethasone sodium phosphate, 1 mg?\nThe patient received 4 mg.',
    );
    expect(preview.items[0]?.id).toMatch(/^aiken-[0-9a-f]{8}$/);
  });

  it('reports engine rules and format problems with line numbers', () => {
    expect(preview.errors.map((e) => [e.line, e.message])).toEqual([
      [16, 'options: at least 4 options'],
      [22, 'key: key "F" is not an option id'],
      [28, 'the last question has no ANSWER line'],
    ]);
  });

  it('takes domain, year and id prefix from the options', () => {
    const p = parseAiken(fixtureText('aiken/sample.txt'), {
      domain: 'hcpcs',
      codeSetYear: 2025,
      idPrefix: 'batch7',
    });
    expect(p.items[0]).toMatchObject({ domain: 'hcpcs', codeSetYear: 2025 });
    expect(p.items[0]?.id).toMatch(/^batch7-/);
    expect(p.warnings.some((w) => w.message.includes('code-set year'))).toBe(false);
  });
});

describe('Aiken writer', () => {
  it('writes multiple choice only and reports everything else as left out', () => {
    const { data, report } = writeAiken(allTypes());
    expect(data).toBe(
      [
        'A patient with type 2 diabetes mellitus without complications is seen for follow-up. Which code is reported?',
        'A. E11.9',
        'B. E10.9',
        'C. E11.65',
        'D. R73.9',
        'ANSWER: A',
        '',
      ].join('\n'),
    );
    expect(report.written).toBe(1);
    expect(report.leftOut.map((l) => l.itemId)).toEqual([
      'fx-mr-1',
      'fx-fill-1',
      'fx-fill-2',
      'fx-num-1',
      'fx-scenario-1',
    ]);
    expect(report.leftOut[0]?.reason).toContain('multiple choice only');
    expect(report.warnings[0]?.message).toContain('rationales');
  });
});
