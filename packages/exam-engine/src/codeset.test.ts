import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCodeSet, InMemoryCodeSet } from './codeset';
import { EngineError } from './errors';

/** Runs `fn` and returns the EngineError it throws (fails the test when it throws nothing). */
function engineErrorOf(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected an EngineError');
}

const CM_TSV = [
  'code\tbillable\tshort_description\tlong_description\tdesc_source',
  'E11\t0\tType 2 diabetes mellitus\tType 2 diabetes mellitus\tx',
  'E119\t1\tType 2 diabetes mellitus without complications\tType 2 diabetes mellitus without complications\tx',
  'T391X1A\t1\tPoisoning by 4-Aminophenol derivatives, accidental, init\t\tx',
  '',
].join('\n');

/** CDC order file layout: order (5), code padded to 7, billable, short padded to 60, long. */
const orderLine = (n: number, code: string, billable: 0 | 1, short: string, long: string) =>
  `${String(n).padStart(5, '0')} ${code.padEnd(7)} ${billable} ${short.padEnd(60)} ${long}`;

const CM_ORDER = [
  orderLine(1, 'A00', 0, 'Cholera', 'Cholera'),
  orderLine(
    2,
    'A000',
    1,
    'Cholera due to Vibrio cholerae 01, biovar cholerae',
    'Cholera due to Vibrio cholerae 01, biovar cholerae',
  ),
  orderLine(
    3,
    'E119',
    1,
    'Type 2 diabetes mellitus w/o complications',
    'Type 2 diabetes mellitus without complications',
  ),
].join('\r\n');

const CM_CODES = [
  'A000    Cholera due to Vibrio cholerae 01, biovar cholerae',
  'A09     Infectious gastroenteritis and colitis, unspecified',
  'E119    Type 2 diabetes mellitus without complications',
  '',
].join('\n');

const PCS_CODES = [
  '0016070 Bypass Cerebral Ventricle to Nasopharynx with Autologous Tissue Substitute, Open Approach',
  '0DTJ4ZZ Resection of Appendix, Percutaneous Endoscopic Approach',
].join('\n');

const PCS_TSV = [
  'code\tlong_description',
  '0016070\tBypass Cerebral Ventricle to Nasopharynx',
  '0DTJ4ZZ\tResection of Appendix',
].join('\n');

const HCPCS_TSV = [
  'code\tshort_description\tlong_description',
  'J1885\tKetorolac tromethamine inj\tInjection, ketorolac tromethamine, per 15 mg',
  'G0008\tAdmin influenza virus vac\tAdministration of influenza virus vaccine',
].join('\n');

describe('an empty code set', () => {
  it('has no tables: every lookup says not-loaded', () => {
    const codes = createCodeSet();
    expect(codes).toBeInstanceOf(InMemoryCodeSet);
    expect(codes.isLoaded('icd10cm')).toBe(false);
    expect(codes.lookup('icd10cm', 'E11.9')).toEqual({ status: 'not-loaded' });
    expect(codes.size('icd10cm')).toBe(0);
  });
});

describe('loadIcd10Cm', () => {
  it('reads the TSV with its billable column, any typed form of a code finds it', () => {
    const codes = createCodeSet();
    expect(codes.loadIcd10Cm(CM_TSV)).toEqual({ kind: 'icd10cm', format: 'tsv', count: 3 });
    expect(codes.isLoaded('icd10cm')).toBe(true);
    expect(codes.isLoaded('icd10pcs')).toBe(false);
    expect(codes.lookup('icd10cm', ' e11.9 ')).toEqual({
      status: 'found',
      info: {
        kind: 'icd10cm',
        code: 'E11.9',
        billable: true,
        description: 'Type 2 diabetes mellitus without complications',
      },
    });
    expect(codes.lookup('icd10cm', 'E11')).toMatchObject({ status: 'found', info: { billable: false } });
    expect(codes.lookup('icd10cm', 'E11.8')).toEqual({ status: 'absent' });
    expect(codes.lookup('icd10cm', 'E1.19')).toEqual({ status: 'absent' });
  });

  it('falls back to the short description when the long one is empty', () => {
    const codes = createCodeSet();
    codes.loadIcd10Cm(CM_TSV);
    expect(codes.lookup('icd10cm', 'T39.1X1A')).toMatchObject({
      info: { description: 'Poisoning by 4-Aminophenol derivatives, accidental, init' },
    });
  });

  it('reads the CDC order file (fixed width, CRLF) with headers and long descriptions', () => {
    const codes = createCodeSet();
    expect(codes.loadIcd10Cm(CM_ORDER)).toEqual({ kind: 'icd10cm', format: 'order-text', count: 3 });
    expect(codes.lookup('icd10cm', 'A00')).toEqual({
      status: 'found',
      info: { kind: 'icd10cm', code: 'A00', billable: false, description: 'Cholera' },
    });
    expect(codes.lookup('icd10cm', 'E11.9')).toMatchObject({
      info: { billable: true, description: 'Type 2 diabetes mellitus without complications' },
    });
  });

  it('reads the CDC codes file: every code billable', () => {
    const codes = createCodeSet();
    expect(codes.loadIcd10Cm(CM_CODES)).toEqual({ kind: 'icd10cm', format: 'codes-text', count: 3 });
    expect(codes.lookup('icd10cm', 'A09')).toEqual({
      status: 'found',
      info: {
        kind: 'icd10cm',
        code: 'A09',
        billable: true,
        description: 'Infectious gastroenteritis and colitis, unspecified',
      },
    });
  });

  it('replaces the previous table', () => {
    const codes = createCodeSet();
    codes.loadIcd10Cm(CM_TSV);
    codes.loadIcd10Cm(CM_CODES);
    expect(codes.lookup('icd10cm', 'E11')).toEqual({ status: 'absent' });
    expect(codes.size('icd10cm')).toBe(3);
  });
});

describe('loadIcd10Pcs and loadHcpcs', () => {
  it('reads the PCS codes file and TSV', () => {
    const fromText = createCodeSet();
    expect(fromText.loadIcd10Pcs(PCS_CODES)).toMatchObject({ format: 'codes-text', count: 2 });
    expect(fromText.lookup('icd10pcs', '0dtj4zz')).toEqual({
      status: 'found',
      info: {
        kind: 'icd10pcs',
        code: '0DTJ4ZZ',
        billable: true,
        description: 'Resection of Appendix, Percutaneous Endoscopic Approach',
      },
    });
    const fromTsv = createCodeSet();
    expect(fromTsv.loadIcd10Pcs(PCS_TSV)).toMatchObject({ format: 'tsv', count: 2 });
    expect(fromTsv.lookup('icd10pcs', '0016070')).toMatchObject({
      status: 'found',
      info: { billable: true },
    });
  });

  it('reads the HCPCS TSV', () => {
    const codes = createCodeSet();
    expect(codes.loadHcpcs(HCPCS_TSV)).toEqual({ kind: 'hcpcs', format: 'tsv', count: 2 });
    expect(codes.lookup('hcpcs', 'j1885')).toEqual({
      status: 'found',
      info: {
        kind: 'hcpcs',
        code: 'J1885',
        billable: true,
        description: 'Injection, ketorolac tromethamine, per 15 mg',
      },
    });
    expect(codes.lookup('hcpcs', 'J3301')).toEqual({ status: 'absent' });
  });
});

describe('add', () => {
  it('builds a table from entries, e.g. a licensed CPT list', () => {
    const codes = createCodeSet().add('cpt', [
      { code: '99213' },
      { code: '0042t', billable: true, description: 'x' },
    ]);
    expect(codes.isLoaded('cpt')).toBe(true);
    expect(codes.lookup('cpt', '99213')).toEqual({
      status: 'found',
      info: { kind: 'cpt', code: '99213', billable: true, description: '' },
    });
    expect(codes.lookup('cpt', '0042T')).toMatchObject({ status: 'found' });
    expect(codes.lookup('cpt', '99214')).toEqual({ status: 'absent' });
  });

  it('refuses a malformed entry', () => {
    const error = engineErrorOf(() => createCodeSet().add('cpt', [{ code: '99213' }, { code: '9921' }]));
    expect(error.code).toBe('invalid-code-set');
    expect(error.details).toEqual({ kind: 'cpt', line: 2 });
  });
});

describe('refused tables', () => {
  it.each([
    ['garbage on line 1', 'icd10cm', 'hello world, this is not a table', 1, 'not a code table'],
    ['blank lines then garbage', 'icd10cm', '\n\n<html>', 3, 'not a code table'],
    ['empty text', 'icd10cm', '  \n', 1, 'no codes found'],
    ['header only', 'hcpcs', 'code\tlong_description\n', 1, 'no codes found'],
    [
      'TSV without a code column',
      'hcpcs',
      'hcpcs\tdescription\nJ1885\tx',
      1,
      'header row with a "code" column',
    ],
    [
      'a TSV row with too few fields',
      'icd10cm',
      'code\tbillable\tlong_description\nE119\t1\tx\nE11\t0',
      3,
      'expected 3',
    ],
    ['a bad billable flag', 'icd10cm', 'code\tbillable\nE119\tyes', 2, 'billable must be 0 or 1'],
    [
      'a CM code in a PCS table',
      'icd10pcs',
      '0016070 Bypass\nA000    Cholera',
      2,
      'not a valid ICD-10-PCS code',
    ],
    ['a PCS file loaded as CM', 'icd10cm', PCS_CODES, 1, 'not a valid ICD-10-CM code'],
    [
      'a malformed code in a TSV',
      'icd10cm',
      'code\tbillable\nE1.19\t1',
      2,
      '"E1.19" is not a valid ICD-10-CM code',
    ],
    ['a repeated code', 'icd10cm', 'code\tbillable\nE119\t1\nE11.9\t1', 3, 'E11.9 appears twice'],
    [
      'an order file with a broken line',
      'icd10cm',
      `${orderLine(1, 'A00', 0, 'Cholera', 'Cholera')}\nA000 Cholera`,
      2,
      'order file layout',
    ],
    ['a codes file with a broken line', 'icd10pcs', '0016070 Bypass\n0016071', 2, 'codes file layout'],
  ] as const)('refuses %s, naming the line', (_, kind, text, line, fragment) => {
    const codes = createCodeSet();
    const load = { icd10cm: codes.loadIcd10Cm, icd10pcs: codes.loadIcd10Pcs, hcpcs: codes.loadHcpcs }[kind];
    const error = engineErrorOf(() => load.call(codes, text));
    expect(error.code).toBe('invalid-code-set');
    expect(error.message).toContain(`line ${line}:`);
    expect(error.message).toContain(fragment);
    expect(error.details).toEqual({ kind, line });
    expect(codes.isLoaded(kind)).toBe(false);
  });

  it('keeps the loaded table when a new one is refused', () => {
    const codes = createCodeSet();
    codes.loadIcd10Cm(CM_TSV);
    expect(() => codes.loadIcd10Cm('code\tbillable\nE119\tmaybe')).toThrow(EngineError);
    expect(codes.lookup('icd10cm', 'E11')).toMatchObject({ status: 'found' });
  });
});

describe('the real code tables in shared/codesets', () => {
  const dir = fileURLToPath(new URL('../../../../shared/codesets/', import.meta.url));
  const read = (name: string) => {
    if (!existsSync(dir))
      throw new Error(
        `Code-set folder ${dir} is missing${process.env.CI ? ' (CI)' : ''}: the real-table test needs shared/codesets next to the repository.`,
      );
    return readFileSync(`${dir}${name}`, 'utf8');
  };

  it('loads every table quickly and passes the README spot checks', () => {
    const cm = read('icd10cm-fy2026.tsv');
    const pcs = read('icd10pcs-fy2026.tsv');
    const hcpcs = read('hcpcs-2025.tsv');
    const codes = createCodeSet();

    const started = performance.now();
    expect(codes.loadIcd10Cm(cm)).toEqual({ kind: 'icd10cm', format: 'tsv', count: 98_186 });
    const cmMillis = performance.now() - started;
    expect(codes.loadIcd10Pcs(pcs)).toEqual({ kind: 'icd10pcs', format: 'tsv', count: 79_115 });
    expect(codes.loadHcpcs(hcpcs)).toEqual({ kind: 'hcpcs', format: 'tsv', count: 8_463 });
    // Well under a second on a developer machine; generous here because coverage instruments the loop.
    expect(cmMillis).toBeLessThan(2000);

    for (const code of ['E11.9', 'E11.22', 'N18.31', 'Z79.4', 'S52.531D', 'T39.1X1A', 'J02.0', 'Z00.00'])
      expect(codes.lookup('icd10cm', code), code).toMatchObject({
        status: 'found',
        info: { billable: true },
      });
    for (const code of ['E11', 'E11.2', 'N18.3', 'S52.531', 'T39.1X1', 'T39.1X', 'Z00'])
      expect(codes.lookup('icd10cm', code), code).toMatchObject({
        status: 'found',
        info: { billable: false },
      });
    expect(codes.lookup('icd10cm', 'S02.0X')).toEqual({ status: 'absent' });

    expect(codes.lookup('hcpcs', 'J1885')).toMatchObject({
      status: 'found',
      info: { description: 'Injection, ketorolac tromethamine, per 15 mg' },
    });
    expect(codes.lookup('hcpcs', 'G0008')).toMatchObject({ status: 'found' });
    expect(codes.lookup('icd10pcs', '0016070')).toMatchObject({ status: 'found', info: { billable: true } });
    expect(codes.lookup('icd10pcs', '0DTJ4ZZ')).toMatchObject({ status: 'found' });
  });
});
