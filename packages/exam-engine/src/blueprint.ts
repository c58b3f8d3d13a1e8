/**
 * Blueprints: what an exam is made of. Sections in order, each with draw rules (how many items
 * of which domain, tag and type), pretest items, shuffling and whether students may go back to
 * it; the clock; the pass mark and the time warnings.
 *
 * The clock is either one shared limit for the whole exam or a budget per section:
 * - `shared`: one deadline for the exam (`limitMinutes`; null = untimed). A section's `minutes`
 *   is then only an advisory pacing share shown to students, never enforced; the shares may
 *   not add up to more than the limit.
 * - `per-section`: every section must give `minutes`, its enforced budget, which starts when
 *   the section is first entered. `limitMinutes` caps the whole exam (null = the sum of the
 *   budgets); the budgets may not add up to more than the cap.
 *
 * Pretest items (items with `scored: false`) are drawn per section from the union of the
 * section's own rule filters (domain or tag, and types), so they look like the section's
 * scored items; a section whose rules name neither domain nor tag takes them from any domain.
 */
import { z } from 'zod';
import { EngineError } from './errors';
import { ITEM_TYPES } from './item';

export const BLUEPRINT_STYLES = ['cpc', 'ccs', 'cmc', 'custom'] as const;
export type BlueprintStyle = (typeof BLUEPRINT_STYLES)[number];

export const CLOCK_MODES = ['shared', 'per-section'] as const;
export type ClockMode = (typeof CLOCK_MODES)[number];

const id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits and . _ : - only');

const text = z.string().trim().min(1, 'must not be empty');

/** A positive length of time in minutes, at most a week (fractions allowed: 1.5 min per drill item). */
const minutes = z
  .number()
  .positive('must be more than 0 minutes')
  .max(7 * 24 * 60, 'at most a week');

/** One draw rule: `count` scored items of a domain or a tag (not both; neither = any domain). */
export const drawRuleSchema = z
  .object({
    domain: z
      .string()
      .min(1)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case slug')
      .optional(),
    tag: z.string().min(1).optional(),
    count: z.int().min(1, 'draw at least 1 item').max(1000),
    /** Only items of these types; absent = any type. */
    types: z
      .array(z.enum(ITEM_TYPES))
      .min(1, 'list at least one type, or leave types out')
      .refine((types) => new Set(types).size === types.length, 'a type is listed twice')
      .optional(),
  })
  .refine((rule) => rule.domain === undefined || rule.tag === undefined, {
    message: 'give a domain or a tag, not both',
    path: ['tag'],
  });
export type DrawRule = z.infer<typeof drawRuleSchema>;

export const sectionSchema = z.object({
  id,
  title: text,
  /** Per-section clock: the enforced budget. Shared clock: an advisory pacing share (optional). */
  minutes: minutes.optional(),
  /** Whether students may come back to this section after leaving it (CPC online: part 1 locks). */
  mayReturn: z.boolean().default(true),
  shuffleItems: z.boolean().default(true),
  /** Off by default: options such as "both A and B" depend on their order. */
  shuffleOptions: z.boolean().default(false),
  rules: z.array(drawRuleSchema).min(1, 'at least one draw rule'),
  /** Unscored (pretest) items added to the section, drawn from the rules' domains/tags. */
  pretestCount: z.int().min(0).max(1000).default(0),
});
export type Section = z.infer<typeof sectionSchema>;

export const clockSchema = z.object({
  mode: z.enum(CLOCK_MODES).default('shared'),
  /** Shared: the exam's limit (null = untimed). Per-section: the overall cap (null = sum of budgets). */
  limitMinutes: minutes.nullable().default(null),
});
export type Clock = z.infer<typeof clockSchema>;

const blueprintObject = z.object({
  id,
  name: text,
  style: z.enum(BLUEPRINT_STYLES).default('custom'),
  passPercent: z.number().min(0).max(100).default(70),
  clock: clockSchema,
  /** Warnings due when this many minutes are left (of the exam, or of the section when per-section). */
  warningMinutes: z.array(minutes).default([30]),
  /** How long after a deadline a save still in flight is accepted. */
  graceSeconds: z.int().min(0).max(600).default(30),
  sections: z.array(sectionSchema).min(1, 'at least one section'),
});

type Issue = { path: (string | number)[]; message: string };

/** Checks across fields that a field schema cannot see. */
function blueprintIssues(bp: z.infer<typeof blueprintObject>): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  bp.sections.forEach((section, i) => {
    if (seen.has(section.id))
      issues.push({ path: ['sections', i, 'id'], message: `section id "${section.id}" is used twice` });
    seen.add(section.id);
    if (bp.clock.mode === 'per-section' && section.minutes === undefined)
      issues.push({ path: ['sections', i, 'minutes'], message: 'required when the clock is per-section' });
  });
  const limit = bp.clock.limitMinutes;
  const budgeted = bp.sections.reduce((sum, s) => sum + (s.minutes ?? 0), 0);
  if (limit !== null && budgeted > limit)
    issues.push({
      path: ['sections'],
      message: `section minutes add up to ${budgeted}, more than the ${limit}-minute limit`,
    });
  const total = bp.clock.mode === 'shared' ? limit : (limit ?? budgeted);
  bp.warningMinutes.forEach((warning, i) => {
    if (total !== null && warning >= total)
      issues.push({
        path: ['warningMinutes', i],
        message: `a warning at ${warning} minutes left comes before a ${total}-minute exam starts`,
      });
  });
  return issues;
}

export const blueprintSchema = blueprintObject.superRefine((bp, ctx) => {
  for (const issue of blueprintIssues(bp)) ctx.addIssue({ code: 'custom', ...issue });
});
export type Blueprint = z.infer<typeof blueprintSchema>;
export type BlueprintInput = z.input<typeof blueprintSchema>;

/** A field-level problem with an authored blueprint. */
export type BlueprintIssue = { path: string; message: string };

/** Parses an authored blueprint (applying defaults) or returns every problem with its field path. */
export function parseBlueprint(
  input: unknown,
): { ok: true; blueprint: Blueprint } | { ok: false; issues: BlueprintIssue[] } {
  const result = blueprintSchema.safeParse(input);
  if (result.success) return { ok: true, blueprint: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

/** How many items a section holds: its rule counts plus its pretest items. */
export function sectionItemCount(section: Section): number {
  return section.rules.reduce((sum, rule) => sum + rule.count, section.pretestCount);
}

/** How many items an exam drawn from the blueprint holds. */
export function blueprintItemCount(blueprint: Blueprint): number {
  return blueprint.sections.reduce((sum, section) => sum + sectionItemCount(section), 0);
}

/** The exam's overall limit in minutes before accommodations; null = untimed. */
export function blueprintLimitMinutes(blueprint: Blueprint): number | null {
  const { mode, limitMinutes } = blueprint.clock;
  if (mode === 'shared' || limitMinutes !== null) return limitMinutes;
  return blueprint.sections.reduce((sum, s) => sum + (s.minutes ?? 0), 0);
}

/** Describes a rule for people: "domain surgery-20000", "tag modifiers" or "any domain", with types. */
export function describeRule(rule: DrawRule): string {
  const what =
    rule.domain !== undefined
      ? `domain ${rule.domain}`
      : rule.tag !== undefined
        ? `tag ${rule.tag}`
        : 'any domain';
  return rule.types ? `${what} (${rule.types.join(' or ')})` : what;
}

/** Parses a blueprint or throws EngineError 'invalid-blueprint' listing every problem. */
export function assertBlueprint(input: unknown): Blueprint {
  const parsed = parseBlueprint(input);
  if (parsed.ok) return parsed.blueprint;
  const list = parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new EngineError('invalid-blueprint', `Invalid blueprint: ${list}`, { issues: parsed.issues });
}
