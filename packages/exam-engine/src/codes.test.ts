import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectProcedureCodeKind,
  isWellFormed,
  normaliseCode,
  parseCode,
  parseModifiers,
  parseUnits,
} from './codes';
import { CODE_KINDS, type CodeKind } from './item';

/** The regexes of domain.md "Code formats", kept apart from the implementation on purpose. */
const DOMAIN_REGEX: Record<CodeKind, RegExp> = {
  icd10cm: /^([A-Z][0-9A-Z]{2})(?:\.?([0-9A-Z]{1,4}))?$/,
  icd10pcs: /^[0-9A-HJ-NP-Z]{7}$/,
  cpt: /^(?:[0-9]{5}|[0-9]{4}[FTU])$/,
  hcpcs: /^[A-V][0-9]{4}$/,
  modifier: /^[0-9A-Z]{2}$/,
};

describe('parseCode: ICD-10-CM', () => {
  it.each([
    ['E11.9', 'E11.9', 'E119'],
    ['e119', 'E11.9', 'E119'],
    ['  t39.1x1a ', 'T39.1X1A', 'T391X1A'],
    ['T391X1A', 'T39.1X1A', 'T391X1A'],
    ['E11', 'E11', 'E11'],
    ['O9A.111', 'O9A.111', 'O9A111'],
    ['U07.1', 'U07.1', 'U071'],
  ])('reads %j as %s (compact %s)', (raw, code, compact) => {
    expect(parseCode('icd10cm', raw)).toEqual({ ok: true, code, compact });
  });

  it.each([
    ['E1.19', 'the dot goes after the 3rd character'],
    ['E11..9', 'only one dot is allowed'],
    ['E11.', 'characters must follow the dot'],
    ['E11.12345', 'an ICD-10-CM code has 3 to 7 characters'],
    ['E1', 'an ICD-10-CM code has 3 to 7 characters'],
    ['119', 'an ICD-10-CM code starts with a letter'],
    ['E11 9', 'only letters, digits and one dot are allowed'],
    ['E11-9', 'only letters, digits and one dot are allowed'],
    ['', 'no code entered'],
    ['   ', 'no code entered'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(parseCode('icd10cm', raw)).toEqual({ ok: false, reason });
  });

  it('does not turn the letter O into zero', () => {
    expect(normaliseCode('icd10cm', 'Z00.OO')).toBe('Z00.OO');
    expect(normaliseCode('icd10cm', 'Z00.OO')).not.toBe(normaliseCode('icd10cm', 'Z00.00'));
  });
});

describe('parseCode: other kinds', () => {
  it('reads ICD-10-PCS codes and refuses I, O, dots and wrong lengths', () => {
    expect(parseCode('icd10pcs', ' 0dtj4zz ')).toEqual({ ok: true, code: '0DTJ4ZZ', compact: '0DTJ4ZZ' });
    expect(parseCode('icd10pcs', '0DTJ4Z0')).toMatchObject({ ok: true });
    expect(parseCode('icd10pcs', '0DTJ4ZO')).toEqual({
      ok: false,
      reason: 'ICD-10-PCS never uses the letters I or O',
    });
    expect(parseCode('icd10pcs', '0DTI4ZZ')).toMatchObject({ ok: false });
    expect(parseCode('icd10pcs', '0DT.J4ZZ')).toEqual({ ok: false, reason: 'an ICD-10-PCS code has no dot' });
    expect(parseCode('icd10pcs', '0DTJ4Z')).toEqual({
      ok: false,
      reason: 'an ICD-10-PCS code has exactly 7 characters',
    });
    expect(parseCode('icd10pcs', '0DTJ4Z#')).toEqual({
      ok: false,
      reason: 'only letters and digits are allowed',
    });
  });

  it('reads CPT Category I, II, III and PLA codes', () => {
    expect(normaliseCode('cpt', '99213')).toBe('99213');
    expect(normaliseCode('cpt', '3074f')).toBe('3074F');
    expect(normaliseCode('cpt', '0042T')).toBe('0042T');
    expect(normaliseCode('cpt', '0001U')).toBe('0001U');
    expect(parseCode('cpt', '0042X')).toEqual({ ok: false, reason: 'a 4-digit CPT code ends in F, T or U' });
    expect(parseCode('cpt', '9921')).toMatchObject({ ok: false });
    expect(parseCode('cpt', '992I3')).toMatchObject({ ok: false });
    expect(parseCode('cpt', '992130')).toMatchObject({ ok: false });
  });

  it('reads HCPCS Level II codes (A-V and 4 digits)', () => {
    expect(normaliseCode('hcpcs', 'j1885')).toBe('J1885');
    expect(isWellFormed('hcpcs', 'W1885')).toBe(false);
    expect(isWellFormed('hcpcs', 'J188')).toBe(false);
    expect(isWellFormed('hcpcs', 'JO885')).toBe(false);
    expect(parseCode('hcpcs', 'Z1234')).toEqual({
      ok: false,
      reason: 'an HCPCS Level II code is a letter A-V and 4 digits',
    });
  });

  it('reads modifiers', () => {
    expect(normaliseCode('modifier', ' lt ')).toBe('LT');
    expect(normaliseCode('modifier', '25')).toBe('25');
    expect(isWellFormed('modifier', '-25')).toBe(false);
    expect(isWellFormed('modifier', 'L')).toBe(false);
  });
});

describe('detectProcedureCodeKind', () => {
  it('tells CPT from HCPCS and refuses everything else', () => {
    expect(detectProcedureCodeKind(' 99213 ')).toBe('cpt');
    expect(detectProcedureCodeKind('0042t')).toBe('cpt');
    expect(detectProcedureCodeKind('j1885')).toBe('hcpcs');
    expect(detectProcedureCodeKind('E11.9')).toBeNull();
    expect(detectProcedureCodeKind('0DTJ4ZZ')).toBeNull();
    expect(detectProcedureCodeKind('')).toBeNull();
  });
});

describe('parseModifiers', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['25', ['25']],
    ['25-59', ['25', '59']],
    ['lt rt', ['LT', 'RT']],
    ['25, 59', ['25', '59']],
    ['-25 - xs,lt', ['25', 'XS', 'LT']],
  ])('reads %j', (raw, modifiers) => {
    expect(parseModifiers(raw)).toEqual({ ok: true, modifiers });
  });

  it('names the modifier it cannot read', () => {
    expect(parseModifiers('25 5')).toEqual({
      ok: false,
      reason: '"5" is not a modifier: a modifier is 2 letters or digits',
    });
    expect(parseModifiers('25/59')).toMatchObject({ ok: false });
    expect(parseModifiers('2559')).toMatchObject({ ok: false });
  });
});

describe('parseUnits', () => {
  it('reads whole positive numbers', () => {
    expect(parseUnits('1')).toEqual({ ok: true, units: 1 });
    expect(parseUnits(' 03 ')).toEqual({ ok: true, units: 3 });
    expect(parseUnits('9999')).toEqual({ ok: true, units: 9999 });
  });

  it('reports a blank field as missing rather than reading it as 1', () => {
    expect(parseUnits('')).toEqual({ ok: false, reason: 'missing' });
    expect(parseUnits('  ')).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses zero, fractions, signs and words', () => {
    for (const raw of ['0', '1.5', '-1', '+2', 'two', '10000']) expect(parseUnits(raw).ok).toBe(false);
  });
});

// ---------------------------------------------------------------- properties

const kindArb = fc.constantFrom(...CODE_KINDS);
const codeChar = fc.constantFrom(
  ...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split(''),
);
const noiseChar = fc.constantFrom(...' .-,/#_\t'.split(''));

/** Strings that look like codes: code characters, with now and then a dot, a space or other noise. */
const nearMiss = fc
  .array(fc.oneof({ weight: 8, arbitrary: codeChar }, { weight: 1, arbitrary: noiseChar }), {
    minLength: 0,
    maxLength: 9,
  })
  .map((chars) => chars.join(''));

/** Well-formed ICD-10-CM codes, in compact form. */
const icd10cmCompact = fc
  .tuple(
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')),
    fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')),
      minLength: 2,
      maxLength: 6,
    }),
  )
  .map(([first, rest]) => first + rest);

/** A well-formed code of each kind, as typed (any case). */
const validCode: Record<CodeKind, fc.Arbitrary<string>> = {
  icd10cm: icd10cmCompact,
  icd10pcs: fc.string({
    unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'.split('')),
    minLength: 7,
    maxLength: 7,
  }),
  cpt: fc.oneof(
    fc.integer({ min: 0, max: 99999 }).map((n) => String(n).padStart(5, '0')),
    fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.constantFrom('F', 'T', 'U'))
      .map(([n, c]) => String(n).padStart(4, '0') + c),
  ),
  hcpcs: fc
    .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUV'.split('')), fc.integer({ min: 0, max: 9999 }))
    .map(([c, n]) => c + String(n).padStart(4, '0')),
  modifier: fc.string({ unit: codeChar, minLength: 2, maxLength: 2 }),
};

/** A valid code with one small slip: a character replaced, dropped or added. */
const mutated = kindArb.chain((kind) =>
  fc
    .tuple(
      validCode[kind],
      fc.nat(),
      fc.oneof(codeChar, noiseChar, fc.constantFrom('I', 'O', '.')),
      fc.integer({ min: 0, max: 2 }),
    )
    .map(([code, at, ch, op]) => {
      const i = at % (code.length + 1);
      const typed =
        op === 0
          ? code.slice(0, i) + ch + code.slice(i + 1)
          : op === 1
            ? code.slice(0, i) + code.slice(i + 1)
            : code.slice(0, i) + ch + code.slice(i);
      return { kind, typed };
    }),
);

describe('properties', () => {
  it('every generated valid code is accepted', () => {
    fc.assert(
      fc.property(
        kindArb.chain((kind) => validCode[kind].map((code) => ({ kind, code }))),
        ({ kind, code }) => {
          expect(isWellFormed(kind, code)).toBe(true);
        },
      ),
    );
  });

  it('a near-miss is accepted only when the domain regex accepts it', () => {
    fc.assert(
      fc.property(mutated, ({ kind, typed }) => {
        expect(isWellFormed(kind, typed)).toBe(DOMAIN_REGEX[kind].test(typed.trim().toUpperCase()));
        const once = normaliseCode(kind, typed);
        if (once !== null) expect(normaliseCode(kind, once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(kindArb, nearMiss, (kind, raw) => {
        const once = normaliseCode(kind, raw);
        if (once !== null) expect(normaliseCode(kind, once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts a string that the domain regex refuses', () => {
    fc.assert(
      fc.property(kindArb, nearMiss, (kind, raw) => {
        const accepted = isWellFormed(kind, raw);
        expect(accepted).toBe(DOMAIN_REGEX[kind].test(raw.trim().toUpperCase()));
      }),
      { numRuns: 5000 },
    );
  });

  it('dotted and undotted ICD-10-CM forms normalise equal', () => {
    fc.assert(
      fc.property(icd10cmCompact, fc.boolean(), (compact, lower) => {
        const dotted = compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
        const typed = lower ? compact.toLowerCase() : compact;
        expect(normaliseCode('icd10cm', typed)).toBe(dotted);
        expect(normaliseCode('icd10cm', dotted)).toBe(dotted);
        expect(parseCode('icd10cm', dotted)).toEqual({ ok: true, code: dotted, compact });
      }),
    );
  });

  it('a dot anywhere but after the 3rd character is refused', () => {
    fc.assert(
      fc.property(icd10cmCompact, fc.integer({ min: 0, max: 7 }), (compact, at) => {
        fc.pre(at !== 3 && at <= compact.length);
        expect(isWellFormed('icd10cm', `${compact.slice(0, at)}.${compact.slice(at)}`)).toBe(false);
      }),
    );
  });
});
