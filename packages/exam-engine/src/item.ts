/**
 * The item model: every item type the CPC, CCS and CMC exams use, as zod schemas (the native
 * JSON item format) and the TypeScript types inferred from them.
 *
 * An item is presentation + key. Key material (the key, accepted answers, rationales) lives in
 * fields that `studentView` removes, so a student never receives it before review.
 */
import { z } from 'zod';

export const ITEM_TYPES = ['multiple-choice', 'multiple-response', 'fill-in', 'scenario'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Code kinds a typed answer can be validated as. */
export const CODE_KINDS = ['icd10cm', 'icd10pcs', 'cpt', 'hcpcs', 'modifier'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/** What a fill-in blank asks for. */
export const BLANK_KINDS = [...CODE_KINDS, 'procedure-line', 'code-list', 'number', 'text'] as const;
export type BlankKind = (typeof BLANK_KINDS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** How partial answers score: all-or-nothing (the default) or in proportion to what is right. */
export const PARTIAL_CREDIT = ['all-or-nothing', 'proportional'] as const;
export type PartialCredit = (typeof PARTIAL_CREDIT)[number];

const id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits and . _ : - only');

const text = z.string().trim().min(1, 'must not be empty');

export const optionSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(16)
    .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, _ and - only'),
  text,
  /** Why this option is right or wrong (key material). */
  rationale: z.string().default(''),
});
export type Option = z.infer<typeof optionSchema>;

// ---------------------------------------------------------------- blanks (presentation)

const blankBase = { id, label: z.string().default('') };

export const codeBlankSchema = z.object({ ...blankBase, kind: z.enum(CODE_KINDS) });
export const procedureLineBlankSchema = z.object({ ...blankBase, kind: z.literal('procedure-line') });
export const codeListBlankSchema = z.object({
  ...blankBase,
  kind: z.literal('code-list'),
  /** The code set every entry of the list belongs to. */
  codeKind: z.enum(CODE_KINDS),
  /** When true the first key code is the principal / first-listed one and must be entered first. */
  principalFirst: z.boolean().default(false),
});
export const numberBlankSchema = z.object({ ...blankBase, kind: z.literal('number') });
export const textBlankSchema = z.object({ ...blankBase, kind: z.literal('text') });

export const blankSchema = z.discriminatedUnion('kind', [
  codeBlankSchema,
  procedureLineBlankSchema,
  codeListBlankSchema,
  numberBlankSchema,
  textBlankSchema,
]);
export type Blank = z.infer<typeof blankSchema>;

// ---------------------------------------------------------------- blank keys (key material)

/** A procedure line: CPT or HCPCS code, modifiers (order free), units. */
export const procedureLineSchema = z.object({
  code: text,
  modifiers: z.array(text).default([]),
  units: z.int().min(1).max(9999).default(1),
});
export type ProcedureLine = z.infer<typeof procedureLineSchema>;

export const codeBlankKeySchema = z.object({
  kind: z.enum(CODE_KINDS),
  /** Every accepted answer; any one of them is right. */
  accepted: z.array(text).min(1, 'at least one accepted answer'),
});
export const procedureLineKeySchema = z.object({
  kind: z.literal('procedure-line'),
  accepted: z.array(procedureLineSchema).min(1, 'at least one accepted procedure line'),
});
export const codeListEntrySchema = z.object({
  code: text,
  /** An optional code neither gains nor loses credit when entered. */
  optional: z.boolean().default(false),
});
export const codeListKeySchema = z.object({
  kind: z.literal('code-list'),
  codes: z.array(codeListEntrySchema).min(1, 'at least one code'),
});
export const numberKeySchema = z.object({
  kind: z.literal('number'),
  accepted: z.array(z.number().finite()).min(1, 'at least one accepted number'),
  tolerance: z.number().min(0).default(0),
});
export const textKeySchema = z.object({
  kind: z.literal('text'),
  /** Compared ignoring case and runs of white space. */
  accepted: z.array(text).min(1, 'at least one accepted answer'),
});

export const blankKeySchema = z.union([
  codeBlankKeySchema,
  procedureLineKeySchema,
  codeListKeySchema,
  numberKeySchema,
  textKeySchema,
]);
export type BlankKey = z.infer<typeof blankKeySchema>;

// ---------------------------------------------------------------- item bodies

const uniqueIds = (values: readonly { id: string }[]) =>
  new Set(values.map((v) => v.id)).size === values.length;

export const multipleChoiceBody = {
  type: z.literal('multiple-choice'),
  options: z.array(optionSchema).min(4, 'at least 4 options'),
  /** The id of the one correct option. */
  key: z.string().min(1),
};
export const multipleResponseBody = {
  type: z.literal('multiple-response'),
  options: z.array(optionSchema).min(4, 'at least 4 options'),
  /** The ids of every correct option. */
  key: z.array(z.string().min(1)).min(1, 'at least one keyed option'),
  /** How many options the student is told to select ("select 2"); null = select all that apply. */
  select: z.int().min(1).nullable().default(null),
  partialCredit: z.enum(PARTIAL_CREDIT).default('all-or-nothing'),
};
export const fillInBody = {
  type: z.literal('fill-in'),
  blanks: z.array(blankSchema).min(1, 'at least one blank'),
  /** Accepted answers per blank id. */
  key: z.record(z.string(), blankKeySchema),
  partialCredit: z.enum(PARTIAL_CREDIT).default('all-or-nothing'),
};

/** A sub-item of a scenario: a question about the case, without the item metadata. */
const subItemBase = { id, stem: text, rationale: z.string().default('') };

type Issue = { path: (string | number)[]; message: string };

/** Structural checks shared by items and sub-items: option ids unique, keys point at real options. */
function bodyIssues(body: SubItem | z.infer<typeof itemUnion>): Issue[] {
  const issues: Issue[] = [];
  if (body.type === 'multiple-choice' || body.type === 'multiple-response') {
    if (!uniqueIds(body.options)) issues.push({ path: ['options'], message: 'option ids must be unique' });
    const ids = new Set(body.options.map((o) => o.id));
    const keys = body.type === 'multiple-choice' ? [body.key] : body.key;
    keys.forEach((k, i) => {
      if (!ids.has(k))
        issues.push({
          path: body.type === 'multiple-choice' ? ['key'] : ['key', i],
          message: `key "${k}" is not an option id`,
        });
    });
    if (body.type === 'multiple-response') {
      if (new Set(body.key).size !== body.key.length)
        issues.push({ path: ['key'], message: 'key lists an option twice' });
      if (body.select !== null && body.select !== body.key.length)
        issues.push({
          path: ['select'],
          message: `select is ${body.select} but the key has ${body.key.length}`,
        });
      if (body.key.length >= body.options.length)
        issues.push({ path: ['key'], message: 'at least one option must be wrong' });
    }
  }
  if (body.type === 'fill-in') {
    if (!uniqueIds(body.blanks)) issues.push({ path: ['blanks'], message: 'blank ids must be unique' });
    for (const [i, blank] of body.blanks.entries()) {
      const key = body.key[blank.id];
      if (!key) issues.push({ path: ['key', blank.id], message: `blank "${blank.id}" has no key` });
      else if (key.kind !== blank.kind)
        issues.push({
          path: ['key', blank.id, 'kind'],
          message: `key kind "${key.kind}" does not match blank ${i + 1} kind "${blank.kind}"`,
        });
    }
    for (const keyId of Object.keys(body.key)) {
      if (!body.blanks.some((b) => b.id === keyId))
        issues.push({ path: ['key', keyId], message: `key "${keyId}" has no blank` });
    }
  }
  if (body.type === 'scenario') {
    if (!uniqueIds(body.subItems))
      issues.push({ path: ['subItems'], message: 'sub-item ids must be unique' });
    body.subItems.forEach((sub, i) => {
      for (const issue of bodyIssues(sub)) issues.push({ ...issue, path: ['subItems', i, ...issue.path] });
    });
  }
  return issues;
}

const refineBody = (body: SubItem | z.infer<typeof itemUnion>, ctx: z.RefinementCtx) => {
  for (const issue of bodyIssues(body)) ctx.addIssue({ code: 'custom', ...issue });
};

const subItemUnion = z.discriminatedUnion('type', [
  z.object({ ...subItemBase, ...multipleChoiceBody }),
  z.object({ ...subItemBase, ...multipleResponseBody }),
  z.object({ ...subItemBase, ...fillInBody }),
]);
export const subItemSchema = subItemUnion;
export type SubItem = z.infer<typeof subItemUnion>;

/** Metadata every item carries. */
const itemMeta = {
  id,
  version: z.int().min(1).default(1),
  /** The blueprint domain the item counts towards (e.g. "surgery-20000", "icd-10-cm"). */
  domain: z
    .string()
    .min(1)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case slug'),
  tags: z.array(z.string().min(1)).default([]),
  difficulty: z.enum(DIFFICULTIES).default('medium'),
  /** The code-set year the key was checked against (e.g. 2026 for ICD-10-CM FY2026). */
  codeSetYear: z.int().min(2015).max(2100),
  /** false = a pretest item: on the exam and analysed, but not in the score. */
  scored: z.boolean().default(true),
  stem: text,
  /** Why the key is right: names the guideline or convention it rests on (key material). */
  rationale: text,
};

export const multipleChoiceItemSchema = z.object({ ...itemMeta, ...multipleChoiceBody });
export const multipleResponseItemSchema = z.object({ ...itemMeta, ...multipleResponseBody });
export const fillInItemSchema = z.object({ ...itemMeta, ...fillInBody });
export const scenarioItemSchema = z.object({
  ...itemMeta,
  type: z.literal('scenario'),
  /** The medical record the sub-items are about. */
  caseText: text,
  subItems: z.array(subItemSchema).min(1, 'at least one sub-item'),
});

const itemUnion = z.discriminatedUnion('type', [
  multipleChoiceItemSchema,
  multipleResponseItemSchema,
  fillInItemSchema,
  scenarioItemSchema,
]);
export const itemSchema = itemUnion.superRefine(refineBody);

export type Item = z.infer<typeof itemSchema>;
export type ItemInput = z.input<typeof itemSchema>;
export type MultipleChoiceItem = Extract<Item, { type: 'multiple-choice' }>;
export type MultipleResponseItem = Extract<Item, { type: 'multiple-response' }>;
export type FillInItem = Extract<Item, { type: 'fill-in' }>;
export type ScenarioItem = Extract<Item, { type: 'scenario' }>;
/** Anything that can be answered directly: an item other than a scenario, or a sub-item. */
export type Question = Exclude<Item, ScenarioItem> | SubItem;

/** A field-level problem with an authored item. */
export type ItemIssue = { path: string; message: string };

/** Parses an authored item (applying defaults) or returns every problem with its field path. */
export function parseItem(input: unknown): { ok: true; item: Item } | { ok: false; issues: ItemIssue[] } {
  const result = itemSchema.safeParse(input);
  if (result.success) return { ok: true, item: result.data as Item };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

/** How many points an item is worth: one, or one per sub-item for a scenario. */
export function itemPoints(item: Item): number {
  return item.type === 'scenario' ? item.subItems.length : 1;
}

// ---------------------------------------------------------------- banks (native JSON format)

export const BANK_SCHEMA_VERSION = 1;

/** The native JSON bank document: lossless, versioned, what every other format maps to. */
export const bankDocumentSchema = z.object({
  format: z.literal('coderprep-bank'),
  schemaVersion: z.literal(BANK_SCHEMA_VERSION),
  bank: z.object({
    id,
    name: text,
    description: z.string().default(''),
  }),
  items: z.array(itemSchema),
});
export type BankDocument = z.infer<typeof bankDocumentSchema>;
