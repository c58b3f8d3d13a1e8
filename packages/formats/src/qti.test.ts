import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './limits';
import { parseQti, writeQti } from './qti';
import { allTypes, fixtureText, zipFixtureFolder } from './test-helpers';
import { parseXml } from './xml';

describe('QTI 2.1 package reader', () => {
  const preview = parseQti(zipFixtureFolder('qti/package'));
  const byId = new Map(preview.items.map((i) => [i.id, i]));

  it('reads a single-cardinality choice with inline feedback, modal feedback and manifest keywords', () => {
    const item = byId.get('qti-dm2');
    expect(item).toMatchObject({
      type: 'multiple-choice',
      domain: 'icd-10-cm',
      tags: ['diabetes'],
      stem: 'Which code reports type 2 diabetes mellitus without complications?\n\nChoose one.',
      key: 'ChoiceA',
      rationale: 'Category E11 & subcategory .9.',
    });
    if (item?.type !== 'multiple-choice') throw new Error('mc expected');
    expect(item.options[0]).toEqual({ id: 'ChoiceA', text: 'E11.9', rationale: 'Right: type 2.' });
  });

  it('reads a multiple-cardinality choice; maxChoices equal to the key is "select N"', () => {
    expect(byId.get('qti-ckd')).toMatchObject({ type: 'multiple-response', key: ['A', 'B'], select: 2 });
  });

  it('reads text entries: accepted answers from correctResponse and positive mappings', () => {
    expect(byId.get('qti-htn')).toMatchObject({
      stem: 'The ICD-10-CM code for essential hypertension is _____.',
      key: { b1: { kind: 'icd10cm', accepted: ['I10'] } },
    });
    expect(byId.get('qti-visit')).toMatchObject({
      stem: 'An established patient has a low-complexity visit and a lesion excision on the same day.',
      blanks: [
        { id: 'em', label: 'E/M line:', kind: 'procedure-line' },
        { id: 'dx', label: 'Diagnosis:', kind: 'icd10cm' },
        { id: 'units', label: 'Units:', kind: 'number' },
      ],
      key: { dx: { accepted: ['L72.3', 'L723'] }, units: { accepted: [1] } },
    });
  });

  it('reads an item with a choice and a text entry as a scenario', () => {
    expect(byId.get('qti-case')).toMatchObject({
      type: 'scenario',
      caseText:
        'DISCHARGE SUMMARY: a 70-year-old man admitted with acute exacerbation of COPD; he also has type 2 diabetes.',
      subItems: [
        {
          id: 'q1',
          type: 'multiple-choice',
          stem: 'Question 1\n\nWhat is the principal diagnosis?',
          key: 'A',
        },
        {
          id: 'q2',
          type: 'fill-in',
          stem: 'Enter the secondary diagnosis: _____',
          key: { Q2: { accepted: ['E11.9'] } },
        },
      ],
    });
  });

  it('reports unsupported, broken and missing item files by file name', () => {
    expect(preview.errors.map((e) => [e.file, e.message])).toEqual([
      ['items/unsupported.xml', 'extendedTextInteraction is not supported'],
      ['items/broken.xml', expect.stringContaining('not well-formed XML')],
      ['items/missing.xml', expect.stringContaining('no such file')],
    ]);
    expect(preview.items).toHaveLength(5);
  });

  it('reads one assessmentItem XML file that is not zipped', () => {
    const p = parseQti(fixtureText('qti/package/items/text-entry.xml'));
    expect(p.items.map((i) => i.id)).toEqual(['qti-htn']);
  });
});

describe('QTI 2.1 package writer', () => {
  const { data, report } = writeQti(allTypes(), { bank: { id: 'fixture' } });
  const files = unzipSync(data as Uint8Array);

  it('writes a manifest listing one item resource a file, with the QTI namespaces', () => {
    expect(Object.keys(files).sort()).toEqual([
      'imsmanifest.xml',
      'items/fx-fill-1.xml',
      'items/fx-fill-2.xml',
      'items/fx-mc-1.xml',
      'items/fx-mr-1.xml',
      'items/fx-num-1.xml',
      'items/fx-scenario-1.xml',
    ]);
    const manifestText = strFromU8(files['imsmanifest.xml'] as Uint8Array);
    expect(parseXml(manifestText, DEFAULT_LIMITS).name).toBe('manifest');
    expect(manifestText).toContain('<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"');
    expect(manifestText).toContain('xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2"');
    expect(manifestText.match(/type="imsqti_item_xmlv2p1"/g)).toHaveLength(6);
    expect(manifestText).toContain('<file href="items/fx-mc-1.xml"/>');
    expect(report).toEqual({ written: 6, leftOut: [], warnings: [] });
  });

  it('writes assessmentItems with declarations, interactions and response processing', () => {
    const mc = strFromU8(files['items/fx-mc-1.xml'] as Uint8Array);
    expect(mc).toContain('<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"');
    expect(mc).toContain(
      '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>A</value></correctResponse>',
    );
    expect(mc).toContain('<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">');
    expect(mc).toContain('<responseProcessing>');
    const fill = strFromU8(files['items/fx-fill-2.xml'] as Uint8Array);
    expect(fill).toContain('<textEntryInteraction responseIdentifier="RESPONSE_dx"');
    expect(fill).toContain('<mapEntry mapKey="S72031A" mappedValue="1" caseSensitive="false"/>');
    for (const bytes of Object.values(files))
      expect(() => parseXml(strFromU8(bytes), DEFAULT_LIMITS)).not.toThrow();
  });
});
