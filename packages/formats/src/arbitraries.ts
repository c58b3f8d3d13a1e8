/** fast-check arbitraries of engine-valid items, for round-trip and robustness tests. */
import { type Item, itemSchema } from '@coderprep/exam-engine';
import fc from 'fast-check';

const SPECIALS = [
  ':',
  '#',
  '=',
  '{',
  '}',
  '~',
  '\\',
  '<',
  '>',
  '&',
  "'",
  '"',
  '%',
  '|',
  ';',
  ',',
  '-',
  '+',
  '@',
  '/',
  '*',
  '_',
  '(',
  ')',
  '.',
  '?',
  '!',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éü中'.split('');

/** A word: letters with some special characters inside (never first, so no GIFT weight or marker). */
const word = fc
  .tuple(fc.constantFrom(...LETTERS), fc.array(fc.constantFrom(...LETTERS, ...SPECIALS), { maxLength: 8 }))
  .map(([first, rest]) => first + rest.join(''));

/** One line of words separated by single spaces. */
export const line = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

/** Text: lines and paragraphs (single and double line breaks). */
export const text = fc
  .array(fc.tuple(line, fc.constantFrom('\n', '\n\n')), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.map(([l, sep], i) => (i === 0 ? l : sep + l)).join(''));

/** Text that may begin with a spreadsheet formula character. */
const cellText = fc.oneof(
  text,
  fc.tuple(fc.constantFrom('=', '+', '-', '@', "'="), text).map(([a, b]) => a + b),
);

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,12}$/);
const optionId = fc.stringMatching(/^[A-Za-z0-9_-]{1,4}$/);
const tag = fc
  .tuple(
    fc.constantFrom(...LETTERS.slice(0, 52)),
    fc.array(fc.constantFrom(...LETTERS, '-', ' ', '/', '.'), { maxLength: 10 }),
  )
  .map(([a, b]) => (a + b.join('')).trim())
  .filter((t) => t.toLowerCase() !== 'top' && !t.endsWith('/') && !t.includes('//'));
const domain = fc.constantFrom('icd-10-cm', 'surgery-20000', 'hcpcs', 'cpt-em', 'ccs-cases', 'x');

const CODES = {
  icd10cm: ['E11.9', 'E119', 'I10', 'S72.031A', 'T39.1X1A', 'O9A.111', 'K35.30', 'N18.31'],
  icd10pcs: ['0DTJ4ZZ', '0FT44ZZ', '02100Z9', '0210093'],
  cpt: ['99213', '11402', '0001U', '1234F'],
  hcpcs: ['J1100', 'A4550', 'G0008'],
  modifier: ['25', '59', 'LT', 'RT', 'XE'],
} as const;
const CODE_KINDS = Object.keys(CODES) as (keyof typeof CODES)[];

const options = (min: number) =>
  fc
    .uniqueArray(optionId, {
      minLength: min,
      maxLength: 6,
      comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
    })
    .chain((ids) =>
      fc.tuple(
        fc.constant(ids),
        fc.array(fc.tuple(cellText, fc.oneof(fc.constant(''), text)), {
          minLength: ids.length,
          maxLength: ids.length,
        }),
      ),
    )
    .map(([ids, texts]) =>
      ids.map((oid, i) => ({ id: oid, text: texts[i]?.[0] ?? 'x', rationale: texts[i]?.[1] ?? '' })),
    );

const mcBody = fc.tuple(options(4), fc.nat()).map(([opts, k]) => ({
  type: 'multiple-choice' as const,
  options: opts,
  key: opts[k % opts.length]?.id ?? '',
}));

const mrBody = fc
  .tuple(
    options(4),
    fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    fc.boolean(),
    fc.constantFrom('all-or-nothing', 'proportional'),
  )
  .map(([opts, picks, select, partialCredit]) => {
    let key = opts.filter((_, i) => picks[i]).map((o) => o.id);
    if (key.length === 0) key = [opts[0]?.id ?? ''];
    if (key.length === opts.length) key = key.slice(1);
    return {
      type: 'multiple-response' as const,
      options: opts,
      key,
      select: select ? key.length : null,
      partialCredit,
    };
  });

const blankAndKey = (blankId: string) =>
  fc
    .oneof(
      fc
        .constantFrom(...CODE_KINDS)
        .chain((kind) =>
          fc
            .uniqueArray(fc.constantFrom(...CODES[kind]), { minLength: 1, maxLength: 3 })
            .map((accepted) => ({ blank: { kind }, key: { kind, accepted } })),
        ),
      fc
        .array(
          fc.record({
            code: fc.constantFrom('99213', '11402', 'J1100'),
            modifiers: fc.uniqueArray(fc.constantFrom('25', '59', 'LT', 'RT'), { maxLength: 2 }),
            units: fc.integer({ min: 1, max: 4 }),
          }),
          { minLength: 1, maxLength: 2 },
        )
        .map((accepted) => ({
          blank: { kind: 'procedure-line' as const },
          key: { kind: 'procedure-line' as const, accepted },
        })),
      fc.tuple(fc.constantFrom(...CODE_KINDS), fc.boolean()).chain(([codeKind, principalFirst]) =>
        fc
          .uniqueArray(fc.constantFrom(...CODES[codeKind]), { minLength: 1, maxLength: 3 })
          .chain((codes) =>
            fc
              .array(fc.boolean(), { minLength: codes.length, maxLength: codes.length })
              .map((opt) => ({ codes, opt })),
          )
          .map(({ codes, opt }) => ({
            blank: { kind: 'code-list' as const, codeKind, principalFirst },
            key: {
              kind: 'code-list' as const,
              codes: codes.map((code, i) => ({ code, optional: opt[i] ?? false })),
            },
          })),
      ),
      fc
        .tuple(
          fc.uniqueArray(fc.constantFrom(1, 2, 3, 4.5, 0.25, 10), { minLength: 1, maxLength: 2 }),
          fc.constantFrom(0, 0.5, 0.01),
        )
        .map(([accepted, tolerance]) => ({
          blank: { kind: 'number' as const },
          key: { kind: 'number' as const, accepted, tolerance },
        })),
      fc
        .uniqueArray(line, { minLength: 1, maxLength: 2, comparator: (a, b) => a.trim() === b.trim() })
        .map((accepted) => ({ blank: { kind: 'text' as const }, key: { kind: 'text' as const, accepted } })),
    )
    .map((b) => ({ ...b, blankId }));

const fillBody = fc
  .tuple(
    fc.uniqueArray(id, { minLength: 1, maxLength: 3 }).chain((ids) => fc.tuple(...ids.map(blankAndKey))),
    fc.array(fc.oneof(fc.constant(''), line), { minLength: 3, maxLength: 3 }),
    fc.constantFrom('all-or-nothing', 'proportional'),
  )
  .map(([blanks, labels, partialCredit]) => ({
    type: 'fill-in' as const,
    blanks: blanks.map((b, i) => ({ id: b.blankId, label: labels[i] ?? '', ...b.blank })),
    key: Object.fromEntries(blanks.map((b) => [b.blankId, b.key])),
    partialCredit,
  }));

const meta = fc.record({
  id,
  version: fc.integer({ min: 1, max: 5 }),
  domain,
  tags: fc.uniqueArray(tag, { maxLength: 3 }),
  difficulty: fc.constantFrom('easy', 'medium', 'hard'),
  codeSetYear: fc.integer({ min: 2015, max: 2030 }),
  scored: fc.boolean(),
  stem: cellText,
  rationale: text,
});

const scenarioBody = fc
  .tuple(text, fc.uniqueArray(id, { minLength: 1, maxLength: 3 }))
  .chain(([caseText, subIds]) =>
    fc.tuple(
      fc.constant(caseText),
      fc.tuple(
        ...subIds.map((subId) =>
          fc
            .tuple(fc.oneof(mcBody, mrBody, fillBody), text, fc.oneof(fc.constant(''), text))
            .map(([body, stem, rationale]) => ({ id: subId, stem, rationale, ...body })),
        ),
      ),
    ),
  )
  .map(([caseText, subItems]) => ({ type: 'scenario' as const, caseText, subItems }));

/** Any engine-valid item. */
export const itemArb: fc.Arbitrary<Item> = fc
  .tuple(meta, fc.oneof(mcBody, mrBody, fillBody, scenarioBody))
  .map(([m, body]) => itemSchema.parse({ ...m, ...body }) as Item);

/** Items with distinct ids. */
export const itemsArb = fc.uniqueArray(itemArb, { minLength: 1, maxLength: 6, selector: (i) => i.id });
