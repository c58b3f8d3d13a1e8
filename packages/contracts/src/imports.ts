/**
 * Bank import and export ("bring your own bank"): staff upload a file (base64 in JSON, as every
 * write is JSON), see a preview of what it holds, then commit it; or download a bank in one of
 * the formats other tools read. Staff only: bank files hold answer keys.
 */
import { ITEM_TYPES } from '@coderprep/exam-engine';
import { z } from 'zod';
import { idSchema } from './common';

/** The file formats (the same list as @coderprep/formats FORMATS). */
export const BANK_FORMATS = ['native', 'csv', 'gift', 'aiken', 'moodle-xml', 'qti'] as const;
export const bankFormatSchema = z.enum(BANK_FORMATS);
export type BankFormat = z.infer<typeof bankFormatSchema>;

export const importParamsSchema = z.object({ orgId: idSchema, bankId: idSchema });

/** What the file does not say, filled in for every item that has none. */
export const importOptionsSchema = z.object({
  /** Domain of items whose file names none (default "imported"). */
  domain: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case slug, e.g. surgery-20000')
    .optional(),
  /** Code-set year of items whose file names none (default 2026, with a warning). */
  codeSetYear: z.int().min(2015).max(2100).optional(),
  /** Prefix of ids generated for items without one (default: the format name). */
  idPrefix: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits and . _ : - only')
    .optional(),
});
export type ImportOptionsBody = z.infer<typeof importOptionsSchema>;

/** Standard base64 (RFC 4648 section 4), padded; no line breaks. */
const base64Schema = z
  .string()
  .min(1, 'the file is empty')
  .refine((s) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'not valid base64');

export const importPreviewBodySchema = z.object({
  /** The uploaded file's name: used to recognise the format and named in the audit trail. */
  fileName: z.string().trim().min(1).max(255),
  /** Leave out to recognise the format from the file name and content. */
  format: bankFormatSchema.optional(),
  /** The file's bytes, base64 encoded. */
  contentBase64: base64Schema,
  options: importOptionsSchema.optional(),
});
export type ImportPreviewBody = z.infer<typeof importPreviewBodySchema>;

export const DUPLICATE_POLICIES = ['skip', 'fail'] as const;

export const importCommitBodySchema = importPreviewBodySchema.extend({
  /** skip: import the rest and list the duplicates as skipped; fail: import nothing when there are any. */
  duplicates: z.enum(DUPLICATE_POLICIES).default('skip'),
});
export type ImportCommitBody = z.infer<typeof importCommitBodySchema>;

/** A problem in the file a person can act on: where (line, file in a package, item id) and what. */
export const importIssueSchema = z.object({
  message: z.string(),
  line: z.int().min(1).optional(),
  itemId: z.string().optional(),
  file: z.string().optional(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

/** A key check finding: `path` is the field in the item ("key.dx.accepted.0"). */
export const importKeyIssueSchema = importIssueSchema.extend({ path: z.string() });
export type ImportKeyIssue = z.infer<typeof importKeyIssueSchema>;

/** One recognised item, in short. */
export const importItemSummarySchema = z.object({
  externalId: z.string(),
  type: z.enum(ITEM_TYPES),
  domain: z.string(),
  /** The first characters of the stem. */
  stem: z.string(),
  /** Warnings about this item (file warnings and key warnings). */
  warnings: z.int().min(0),
  line: z.int().min(1).optional(),
  file: z.string().optional(),
});
export type ImportItemSummary = z.infer<typeof importItemSummarySchema>;

/** An incoming item that looks like one already in the bank, or like an earlier one in the file. */
export const importDuplicateSchema = z.object({
  /** The incoming item's id. */
  itemId: z.string(),
  /** The id of the item it duplicates (in the bank: its authored id). */
  otherId: z.string(),
  where: z.enum(['existing', 'import']),
  reasons: z.array(z.enum(['same-id', 'same-stem'])),
  /** The bank item's row id, when `where` is "existing". */
  bankItemId: idSchema.optional(),
});
export type ImportDuplicate = z.infer<typeof importDuplicateSchema>;

export const importPreviewSchema = z.object({
  fileName: z.string(),
  format: bankFormatSchema,
  /** Items read without errors (what a commit would consider). */
  recognised: z.int().min(0),
  items: z.array(importItemSummarySchema),
  warnings: z.array(importIssueSchema),
  /** Any error blocks the commit: fix the file and upload it again. */
  errors: z.array(importIssueSchema),
  duplicates: z.array(importDuplicateSchema),
  /** Key codes that are well-formed but absent from the loaded code tables (or header codes). */
  keyWarnings: z.array(importKeyIssueSchema),
  /** Items a commit with duplicates "skip" would add. */
  newItems: z.int().min(0),
  /** True when the file has no errors (a commit would go through). */
  ready: z.boolean(),
  /** The bank a native document names (informational: items go into the bank of the URL). */
  bank: z.object({ name: z.string(), description: z.string() }).optional(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importCommitResultSchema = z.object({
  fileName: z.string(),
  format: bankFormatSchema,
  created: z.int().min(0),
  /** Items not imported, each with why (a duplicate of an item in the bank or earlier in the file). */
  skipped: z.array(z.object({ externalId: z.string(), reason: z.string() })),
  warnings: z.array(importIssueSchema),
  keyWarnings: z.array(importKeyIssueSchema),
  /** Row ids of the created items by authored id. */
  itemIds: z.record(z.string(), idSchema),
});
export type ImportCommitResult = z.infer<typeof importCommitResultSchema>;

// ---------------------------------------------------------------- export

export const EXPORT_STATUSES = ['active', 'archived', 'all'] as const;

export const exportQuerySchema = z.object({
  format: bankFormatSchema,
  /** Which items: active (default), archived or all. */
  status: z.enum(EXPORT_STATUSES).default('active'),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** What an export writes, and what the format cannot hold (left out, with the reason). */
export const exportReportSchema = z.object({
  format: bankFormatSchema,
  /** The file name the download gets. */
  fileName: z.string(),
  written: z.int().min(0),
  leftOut: z.array(z.object({ itemId: z.string(), reason: z.string() })),
  /** Losses inside written items (a field the format has no place for). */
  warnings: z.array(importIssueSchema),
});
export type ExportReport = z.infer<typeof exportReportSchema>;

/** The compact report in the X-Export-Report header of a download (lists cut to fit a header). */
export const exportReportHeaderSchema = z.object({
  written: z.int().min(0),
  leftOut: z.array(z.object({ itemId: z.string(), reason: z.string() })),
  leftOutCount: z.int().min(0),
  warnings: z.array(importIssueSchema),
  warningCount: z.int().min(0),
  /** True when the lists were cut: GET .../export/report has them all. */
  truncated: z.boolean(),
});
export type ExportReportHeader = z.infer<typeof exportReportHeaderSchema>;
