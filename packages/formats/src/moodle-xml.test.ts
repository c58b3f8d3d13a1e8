import { describe, expect, it } from 'vitest';
import { isFormatError } from './errors';
import { parseMoodleXml, writeMoodleXml } from './moodle-xml';
import { allTypes, fixture } from './test-helpers';

describe('Moodle XML reader', () => {
  const preview = parseMoodleXml(fixture('moodle/sample.xml'));
  const byId = new Map(preview.items.map((i) => [i.id, i]));

  it('reads single-answer multichoice: idnumber, category, tags, HTML converted to text (scripts dropped)', () => {
    const item = byId.get('moodle-dm2');
    expect(item).toMatchObject({
      type: 'multiple-choice',
      domain: 'icd-10-cm',
      tags: ['CPC', 'endocrine'],
      stem: 'Which code reports type 2 diabetes mellitus without complications?',
      rationale: 'Category E11 & subcategory .9.',
      key: 'A',
    });
    if (item?.type !== 'multiple-choice') throw new Error('mc expected');
    expect(item.options.map((o) => [o.text, o.rationale])).toEqual([
      ['E11.9', 'Right: type 2.'],
      ['E10.9', 'Wrong: type 1.'],
      ['E11.65', ''],
      ['R73.9', ''],
    ]);
  });

  it('reads multiple-answer multichoice (auto format keeps line breaks; plain text is kept as is)', () => {
    expect(byId.get('Hypertensive-CKD')).toMatchObject({
      type: 'multiple-response',
      key: ['A', 'B'],
      stem: 'Select the TWO codes for hypertensive CKD stage 3a.\nThe patient has no heart failure.',
      rationale: 'Guideline I.C.9.a.2: <use both>.',
    });
  });

  it('reads shortanswer and numerical as one-blank fill-ins, dropping partly right answers with a warning', () => {
    expect(byId.get('sa-code')).toMatchObject({
      stem: 'Enter the **ICD-10-CM** code for essential hypertension.',
      blanks: [{ kind: 'icd10cm' }],
      key: { b1: { accepted: ['I10'] } },
    });
    expect(preview.warnings).toContainEqual(
      expect.objectContaining({ itemId: 'sa-code', message: expect.stringContaining('I15.9') }),
    );
    expect(byId.get('units')).toMatchObject({
      key: { b1: { kind: 'number', accepted: [4.67], tolerance: 0.01 } },
    });
  });

  it('reads cloze as a multi-blank fill-in: labels from blank lines, MULTICHOICE as a typed blank', () => {
    expect(byId.get('Cloze-case')).toMatchObject({
      domain: 'cases',
      stem: 'An established patient has a low-complexity visit and a lesion excision on the same day.',
      blanks: [
        { id: 'b1', label: 'E/M line:', kind: 'procedure-line' },
        { id: 'b2', label: 'Diagnosis:', kind: 'icd10cm' },
        { id: 'b3', label: 'Units:', kind: 'number' },
        { id: 'b4', label: 'Which side:', kind: 'text' },
      ],
      key: {
        b1: { accepted: [{ code: '99213', modifiers: ['25'], units: 1 }] },
        b2: { accepted: ['L72.3', 'L723'] },
        b3: { accepted: [1], tolerance: 0 },
        b4: { accepted: ['left'] },
      },
    });
  });

  it('reads inline cloze blanks into the stem', () => {
    expect(byId.get('Inline-cloze')).toMatchObject({
      stem: 'The code for essential hypertension is _____ and for type 2 diabetes _____.',
      blanks: [{ kind: 'icd10cm' }, { kind: 'icd10cm' }],
    });
  });

  it('skips descriptions with a warning and reports unsupported types with their line', () => {
    expect(preview.warnings).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('description') }),
    );
    expect(preview.errors).toEqual([
      { itemId: 'tf', line: 83, message: 'question type "truefalse" is not supported' },
    ]);
    expect(preview.items).toHaveLength(6);
  });

  it('refuses a file that is not a quiz', () => {
    try {
      parseMoodleXml('<assessmentItem/>');
      expect.unreachable();
    } catch (error) {
      expect(isFormatError(error, 'unsupported-format')).toBe(true);
    }
  });

  it('reports malformed XML with its line', () => {
    try {
      parseMoodleXml('<quiz>\n<question>\n</quiz>');
      expect.unreachable();
    } catch (error) {
      expect(isFormatError(error, 'malformed')).toBe(true);
      expect((error as { location: { line?: number } }).location.line).toBe(3);
    }
  });
});

describe('Moodle XML writer', () => {
  it('writes multichoice, shortanswer, numerical and cloze; leaves scenarios out', () => {
    const { data, report } = writeMoodleXml(allTypes());
    const xml = String(data);
    expect(xml).toContain('<question type="multichoice">');
    expect(xml).toContain('<single>false</single>');
    expect(xml).toContain('<question type="cloze">');
    expect(xml).toContain('{1:NUMERICAL:=2:0}');
    expect(xml).toContain('<question type="shortanswer">');
    expect(xml).toContain('<question type="numerical">');
    expect(xml).toContain('<tolerance>0.01</tolerance>');
    expect(xml).toContain('<text>coderprep:difficulty=hard</text>');
    expect(report.leftOut).toEqual([
      { itemId: 'fx-scenario-1', reason: expect.stringContaining('scenario') },
    ]);
  });
});
