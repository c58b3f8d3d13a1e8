/** Organisations (training programs) and their members: what admins and staff send and receive. */
import { z } from 'zod';
import { emailSchema, roleSchema } from './auth';
import { idSchema, pageOf, paginationQuerySchema, timestampSchema } from './common';

export const orgIdParamsSchema = z.object({ orgId: idSchema });
export const orgMemberParamsSchema = orgIdParamsSchema.extend({ userId: idSchema });

const orgName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const createOrgBodySchema = z.object({ name: orgName });
export type CreateOrgBody = z.infer<typeof createOrgBodySchema>;

/** An organisation as one of its members sees it, with that member's own role. */
export const organisationSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: timestampSchema,
  /** The caller's role in it. */
  role: roleSchema,
  memberCount: z.int().min(0),
});
export type OrganisationInfo = z.infer<typeof organisationSchema>;

export const orgMemberSchema = z.object({
  userId: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: timestampSchema,
});
export type OrgMember = z.infer<typeof orgMemberSchema>;
export const orgMemberPageSchema = pageOf(orgMemberSchema);

export const orgMembersQuerySchema = paginationQuerySchema.extend({ role: roleSchema.optional() });
export type OrgMembersQuery = z.infer<typeof orgMembersQuerySchema>;

/** Adds an existing account to the organisation. */
export const addOrgMemberBodySchema = z.object({ email: emailSchema, role: roleSchema });
export type AddOrgMemberBody = z.infer<typeof addOrgMemberBodySchema>;

export const updateOrgMemberBodySchema = z.object({ role: roleSchema });
export type UpdateOrgMemberBody = z.infer<typeof updateOrgMemberBodySchema>;
