import { describe, expect, it } from 'vitest';
import { answerTexts, blankFromAnswers, detectKind, parseProcedureLine } from './answers';

describe('recognising a blank kind from code shapes', () => {
  it.each([
    [['E11.9', 'E119'], 'icd10cm'],
    [['I10'], 'icd10cm'],
    [['T39.1X1A'], 'icd10cm'],
    [['0DTJ4ZZ'], 'icd10pcs'],
    [['99213'], 'cpt'],
    [['0001U'], 'cpt'],
    [['J1100'], 'hcpcs'],
    [['e11.65', 'E1165'], 'icd10cm'],
    [['3'], 'number'],
    [['2.5', '2.50'], 'number'],
    [['99213-25'], 'procedure-line'],
    [['J1100 x3'], 'procedure-line'],
    [['E11.9, I10'], 'code-list'],
    [['left', 'left side'], 'text'],
    [['DOG'], 'text'],
    [['E11.9', 'diabetes'], 'text'],
  ])('%j is %s', (answers, kind) => {
    expect(detectKind(answers).kind).toBe(kind);
  });

  it('reads two characters as a modifier only when the stem asks for one', () => {
    expect(detectKind(['LT'], 'Which modifier?').kind).toBe('modifier');
    expect(detectKind(['25'], 'Which modifier?').kind).toBe('modifier');
    expect(detectKind(['25'], 'How many units?').kind).toBe('number');
  });

  it('follows the kind a file names, and says why an answer does not fit it', () => {
    expect(blankFromAnswers('b', ['E1.19'], { kind: 'icd10cm' })).toEqual({
      ok: false,
      reason: '"E1.19" is not a ICD-10-CM code: the dot goes after the 3rd character',
    });
    expect(blankFromAnswers('b', ['J0696'], { kind: 'hcpcs' })).toMatchObject({
      ok: true,
      blank: { kind: 'hcpcs' },
    });
  });

  it('reads and writes procedure lines and code lists', () => {
    expect(parseProcedureLine('99213, 25 59 x2')).toEqual({
      ok: true,
      line: { code: '99213', modifiers: ['25', '59'], units: 2 },
    });
    expect(parseProcedureLine('E11.9')).toMatchObject({ ok: false });
    expect(
      answerTexts({
        kind: 'procedure-line',
        accepted: [{ code: '99213', modifiers: ['25', 'XE'], units: 1 }],
      }),
    ).toEqual(['99213-25-XE']);
    expect(
      answerTexts({
        kind: 'code-list',
        codes: [
          { code: 'E11.9', optional: false },
          { code: 'Z79.4', optional: true },
        ],
      }),
    ).toEqual(['E11.9, Z79.4?']);
    expect(blankFromAnswers('b', ['E11.9, Z79.4?'])).toMatchObject({
      ok: true,
      key: {
        kind: 'code-list',
        codes: [
          { code: 'E11.9', optional: false },
          { code: 'Z79.4', optional: true },
        ],
      },
    });
  });
});
