/**
 * Responses: what a student entered for one item, exactly as typed. Grading normalises;
 * a response is never rewritten on save.
 */
import { z } from 'zod';

const typed = z.string().max(200);

export const multipleChoiceResponseSchema = z.object({
  type: z.literal('multiple-choice'),
  /** The chosen option id, or null when cleared. */
  choice: z.string().max(16).nullable(),
});
export const multipleResponseResponseSchema = z.object({
  type: z.literal('multiple-response'),
  choices: z.array(z.string().max(16)).max(50),
});

/** A procedure line as typed: modifiers separated by "-", spaces or commas; units as text. */
export const procedureLineResponseSchema = z.object({
  code: typed,
  modifiers: typed.default(''),
  units: typed.default(''),
});
export type ProcedureLineResponse = z.infer<typeof procedureLineResponseSchema>;

/** One blank's answer: text for code/number/text blanks, a list for code-list, a line for procedure-line. */
export const blankResponseSchema = z.union([typed, z.array(typed).max(50), procedureLineResponseSchema]);
export type BlankResponse = z.infer<typeof blankResponseSchema>;

export const fillInResponseSchema = z.object({
  type: z.literal('fill-in'),
  blanks: z.record(z.string().max(120), blankResponseSchema),
});

export const subResponseSchema = z.discriminatedUnion('type', [
  multipleChoiceResponseSchema,
  multipleResponseResponseSchema,
  fillInResponseSchema,
]);
export type SubResponse = z.infer<typeof subResponseSchema>;

export const scenarioResponseSchema = z.object({
  type: z.literal('scenario'),
  /** Responses per sub-item id. */
  subResponses: z.record(z.string().max(120), subResponseSchema),
});

export const responseSchema = z.discriminatedUnion('type', [
  multipleChoiceResponseSchema,
  multipleResponseResponseSchema,
  fillInResponseSchema,
  scenarioResponseSchema,
]);
export type Response = z.infer<typeof responseSchema>;
export type MultipleChoiceResponse = z.infer<typeof multipleChoiceResponseSchema>;
export type MultipleResponseResponse = z.infer<typeof multipleResponseResponseSchema>;
export type FillInResponse = z.infer<typeof fillInResponseSchema>;
export type ScenarioResponse = z.infer<typeof scenarioResponseSchema>;
