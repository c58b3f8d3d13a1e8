import { z } from 'zod';

/** Every error body. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** limit/offset pagination on every list. */
export const paginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

/** A page of a list. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.int().min(0), limit: z.int(), offset: z.int() });

export const idSchema = z.string().min(1).max(120);
/** UTC milliseconds. */
export const timestampSchema = z.int();
export const okSchema = z.object({ ok: z.literal(true) });
