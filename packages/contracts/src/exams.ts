/**
 * Exams (a blueprint over one or more banks, in a mode), the presets they can start from, and the
 * supply check: can these banks fill this blueprint?
 */
import { BLUEPRINT_STYLES, blueprintSchema, ITEM_TYPES, PRESET_IDS } from '@coderprep/exam-engine';
import { z } from 'zod';
import { idSchema, pageOf, paginationQuerySchema, timestampSchema } from './common';

export const EXAM_MODES = ['exam', 'practice', 'drill'] as const;
/** exam: timed, feedback after submission; practice: feedback after each item; drill: a short set. */
export const examModeSchema = z.enum(EXAM_MODES);
export type ExamMode = z.infer<typeof examModeSchema>;

export const presetIdSchema = z.enum(PRESET_IDS);

export const orgExamParamsSchema = z.object({ orgId: idSchema, examId: idSchema });

/** A blueprint as authored (the engine's schema: defaults applied, every problem with its path). */
export const blueprintBodySchema = blueprintSchema;

const minutes = z
  .number()
  .positive('must be more than 0 minutes')
  .max(7 * 24 * 60, 'at most a week');

/** The settings a preset leaves open (the engine's PresetOverrides). Unknown keys are refused. */
export const presetOverridesSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits and . _ : - only')
    .optional(),
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  passPercent: z.number().min(0).max(100).optional(),
  /** The overall limit; null = untimed (shared clock). */
  limitMinutes: minutes.nullable().optional(),
  warningMinutes: z.array(minutes).max(20).optional(),
  graceSeconds: z.int().min(0).max(600).optional(),
  shuffleItems: z.boolean().optional(),
  shuffleOptions: z.boolean().optional(),
  /** New item counts for the preset's domain rules, e.g. another split of the CPC's 28 unconfirmed items. */
  domainCounts: z.record(z.string().min(1), z.int().min(1, 'draw at least 1 item').max(1000)).optional(),
});
export type PresetOverridesBody = z.infer<typeof presetOverridesSchema>;

const examName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** The banks an exam draws from: banks of the same organisation, each once. */
export const examBankIdsSchema = z
  .array(idSchema)
  .min(1, 'choose at least one bank')
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'a bank is listed twice');

/** Where a blueprint comes from: a preset (with overrides) or a custom blueprint. */
const sourceFields = {
  presetId: presetIdSchema.optional(),
  overrides: presetOverridesSchema.optional(),
  blueprint: blueprintBodySchema.optional(),
};

type SourceFields = { presetId?: unknown; overrides?: unknown; blueprint?: unknown };

/** At most one source, overrides only with a preset; `required` = exactly one source. */
function checkSource(body: SourceFields, ctx: z.RefinementCtx, required: boolean): void {
  if (body.presetId !== undefined && body.blueprint !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['blueprint'],
      message: 'give a presetId or a blueprint, not both',
    });
  if (required && body.presetId === undefined && body.blueprint === undefined)
    ctx.addIssue({ code: 'custom', path: ['presetId'], message: 'give a presetId or a blueprint' });
  if (body.overrides !== undefined && body.presetId === undefined)
    ctx.addIssue({ code: 'custom', path: ['overrides'], message: 'overrides apply to a presetId only' });
}

/** A new exam: from a preset ({presetId, overrides?}) or from a custom blueprint ({blueprint}). */
export const createExamBodySchema = z
  .object({ name: examName, mode: examModeSchema, bankIds: examBankIdsSchema, ...sourceFields })
  .superRefine((body, ctx) => checkSource(body, ctx, true));
export type CreateExamBody = z.infer<typeof createExamBodySchema>;

/** Changes to an exam; a new preset or blueprint replaces the blueprint whole. */
export const updateExamBodySchema = z
  .object({
    name: examName.optional(),
    mode: examModeSchema.optional(),
    bankIds: examBankIdsSchema.optional(),
    ...sourceFields,
  })
  .superRefine((body, ctx) => {
    checkSource(body, ctx, false);
    if (Object.values(body).every((value) => value === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'give at least one field to change' });
  });
export type UpdateExamBody = z.infer<typeof updateExamBodySchema>;

export const examListQuerySchema = paginationQuerySchema.extend({
  /** "true" lists archived exams too. */
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type ExamListQuery = z.infer<typeof examListQuerySchema>;

export const examSchema = z.object({
  id: idSchema,
  name: z.string(),
  mode: examModeSchema,
  /** The preset it was built from; null for a custom blueprint. */
  presetId: z.string().nullable(),
  blueprint: blueprintBodySchema,
  bankIds: z.array(idSchema),
  /** Items per attempt (scored + pretest). */
  itemCount: z.int().min(0),
  /** The overall limit before accommodations; null = untimed. */
  limitMinutes: z.number().nullable(),
  passPercent: z.number(),
  createdBy: idSchema.nullable(),
  createdAt: timestampSchema,
  archivedAt: timestampSchema.nullable(),
  /** Assignments that use it (an exam in use is archived, never deleted). */
  assignmentCount: z.int().min(0),
});
export type ExamInfo = z.infer<typeof examSchema>;
export const examPageSchema = pageOf(examSchema);

/** What DELETE did: an exam nothing refers to is deleted; one in use is archived. */
export const examRemovedSchema = z.object({ id: idSchema, outcome: z.enum(['deleted', 'archived']) });
export type ExamRemoved = z.infer<typeof examRemovedSchema>;

// ---------------------------------------------------------------- presets

export const presetSchema = z.object({
  id: presetIdSchema,
  name: z.string(),
  style: z.enum(BLUEPRINT_STYLES),
  blueprint: blueprintBodySchema,
  itemCount: z.int().min(0),
  limitMinutes: z.number().nullable(),
  /** The preset's domain rules and their counts (change them with overrides.domainCounts). */
  domainCounts: z.array(z.object({ domain: z.string(), count: z.int().min(0) })),
  /** Facts the public sources do not confirm: each is a setting to adjust, not a given. */
  uncertainties: z.array(z.string()),
});
export type PresetInfo = z.infer<typeof presetSchema>;
export const presetListSchema = z.object({ presets: z.array(presetSchema) });

// ---------------------------------------------------------------- supply check

/** A supply check of a blueprint (or preset) against banks, before an exam exists. */
export const blueprintSupplyBodySchema = z
  .object({ bankIds: examBankIdsSchema, ...sourceFields })
  .superRefine((body, ctx) => checkSource(body, ctx, true));
export type BlueprintSupplyBody = z.infer<typeof blueprintSupplyBodySchema>;

const ruleRef = z.union([z.int().min(0), z.literal('pretest')]);

/** One draw rule (or a section's pretest quota): what it needs and what the banks hold for it. */
export const supplyRuleSchema = z.object({
  sectionId: z.string(),
  sectionTitle: z.string(),
  /** The rule's index in its section, or 'pretest'. */
  rule: ruleRef,
  description: z.string(),
  domain: z.string().nullable(),
  tag: z.string().nullable(),
  types: z.array(z.enum(ITEM_TYPES)).nullable(),
  needed: z.int().min(0),
  /** Active items that match the rule (scored ones; unscored ones for pretest), before other rules take theirs. */
  available: z.int().min(0),
  short: z.int().min(0),
});

/** The engine's shortage report of a draw (available = what is left once earlier rules took theirs). */
export const supplyShortageSchema = z.object({
  sectionId: z.string(),
  sectionTitle: z.string(),
  rule: ruleRef,
  description: z.string(),
  needed: z.int().min(0),
  available: z.int().min(0),
  short: z.int().min(1),
});

/** Per domain: what the banks hold vs what the blueprint's domain rules need. */
export const supplyDomainSchema = z.object({
  domain: z.string(),
  /** Scored items the blueprint's rules for this domain draw. */
  needed: z.int().min(0),
  /** Active scored items of this domain in the banks. */
  available: z.int().min(0),
  /** Active unscored (pretest) items of this domain in the banks. */
  pretestAvailable: z.int().min(0),
});

export const supplyReportSchema = z.object({
  /** True when the engine can draw the whole exam from these banks. */
  ok: z.boolean(),
  itemCount: z.int().min(0),
  bankIds: z.array(idSchema),
  rules: z.array(supplyRuleSchema),
  /** Empty when ok; otherwise every rule the draw could not fill, as the engine reports it. */
  shortages: z.array(supplyShortageSchema),
  message: z.string().nullable(),
  domains: z.array(supplyDomainSchema),
});
export type SupplyReport = z.infer<typeof supplyReportSchema>;
