/** Banks and their items: what staff send and receive (banks hold keys: students never read them). */
import { ITEM_TYPES, itemSchema } from '@coderprep/exam-engine';
import { z } from 'zod';
import { idSchema, pageOf, paginationQuerySchema, timestampSchema } from './common';

export const itemStatusSchema = z.enum(['active', 'archived']);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

export const itemTypeSchema = z.enum(ITEM_TYPES);

export const bankParamsSchema = z.object({ orgId: idSchema, bankId: idSchema });
export const itemParamsSchema = bankParamsSchema.extend({ itemId: idSchema });
export const itemVersionParamsSchema = itemParamsSchema.extend({
  version: z.coerce.number().int().min(1),
});

export const bankSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  /** Active items. */
  itemCount: z.int().min(0),
  archivedItemCount: z.int().min(0),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type BankInfo = z.infer<typeof bankSchema>;
export const bankPageSchema = pageOf(bankSchema);

const bankName = z.string().trim().min(1, 'must not be empty').max(200);
const bankDescription = z.string().trim().max(2000);

export const createBankBodySchema = z.object({ name: bankName, description: bankDescription.default('') });
export type CreateBankBody = z.infer<typeof createBankBodySchema>;

export const updateBankBodySchema = z
  .object({ name: bankName.optional(), description: bankDescription.optional() })
  .refine((body) => body.name !== undefined || body.description !== undefined, {
    message: 'give a name or a description',
  });
export type UpdateBankBody = z.infer<typeof updateBankBodySchema>;

/** An item body as authored: the engine's native item format (validated with its schema). */
export const itemBodySchema = itemSchema;

export const itemListQuerySchema = paginationQuerySchema.extend({
  domain: z.string().min(1).max(120).optional(),
  tag: z.string().min(1).max(120).optional(),
  type: itemTypeSchema.optional(),
  status: itemStatusSchema.default('active'),
  /** Searches the stem and case text, ignoring case. */
  q: z.string().trim().min(1).max(200).optional(),
});
export type ItemListQuery = z.infer<typeof itemListQuerySchema>;

/** An item with its current version's body. */
export const itemRowSchema = z.object({
  id: idSchema,
  bankId: idSchema,
  /** The authored id (unique in the bank). */
  externalId: z.string(),
  type: itemTypeSchema,
  domain: z.string(),
  tags: z.array(z.string()),
  currentVersion: z.int().min(1),
  status: itemStatusSchema,
  updatedAt: timestampSchema,
  body: itemBodySchema,
});
export type ItemRow = z.infer<typeof itemRowSchema>;
export const itemPageSchema = pageOf(itemRowSchema);

export const itemVersionInfoSchema = z.object({
  version: z.int().min(1),
  createdAt: timestampSchema,
  /** The user who saved this version (null once that account is gone, or for seeded content). */
  createdBy: idSchema.nullable(),
});

export const itemDetailSchema = itemRowSchema.extend({
  createdAt: timestampSchema,
  /** Every version, oldest first. */
  versions: z.array(itemVersionInfoSchema),
});
export type ItemDetail = z.infer<typeof itemDetailSchema>;

export const itemVersionSchema = itemVersionInfoSchema.extend({ itemId: idSchema, body: itemBodySchema });
export type ItemVersion = z.infer<typeof itemVersionSchema>;

/** A field-level note on a saved item, e.g. a key code absent from the loaded code set. */
export const itemWarningSchema = z.object({ path: z.string(), message: z.string() });

export const itemSavedSchema = z.object({ item: itemDetailSchema, warnings: z.array(itemWarningSchema) });
export type ItemSaved = z.infer<typeof itemSavedSchema>;

/** Deleting an item: used items are archived, unused ones are deleted. */
export const itemRemovedSchema = z.union([
  z.object({ archived: z.literal(true), message: z.string() }),
  z.object({ deleted: z.literal(true), message: z.string() }),
]);
export type ItemRemoved = z.infer<typeof itemRemovedSchema>;

const countsByType = z.object(
  Object.fromEntries(ITEM_TYPES.map((type) => [type, z.int().min(0)])) as Record<
    (typeof ITEM_TYPES)[number],
    z.ZodInt
  >,
);

/** Active items per domain: scored and pretest counts per item type. */
export const bankStatsSchema = z.object({
  bankId: idSchema,
  total: z.int().min(0),
  domains: z.array(
    z.object({
      domain: z.string(),
      total: z.int().min(0),
      scored: countsByType,
      pretest: countsByType,
    }),
  ),
});
export type BankStats = z.infer<typeof bankStatsSchema>;
