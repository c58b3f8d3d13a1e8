/**
 * Authorisation helpers used by every organisation-scoped handler. A person without any role in
 * the organisation gets 404 (its resources are not theirs to know of); a member whose role is
 * not enough gets 403.
 */
import { findMembership, type Role } from '@coderprep/db';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { forbidden, notFound } from './errors';

/** The person's role in the organisation, or throws. `roles` lists the roles that may act. */
export function requireRole(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  roles: readonly Role[],
): Role {
  const membership = findMembership(deps.db, organisationId, user.id);
  if (!membership) throw notFound('The organisation');
  if (!roles.includes(membership.role)) throw forbidden(`This needs the role ${roles.join(' or ')}.`);
  return membership.role;
}

export const STAFF: readonly Role[] = ['admin', 'instructor'];
export const ADMIN: readonly Role[] = ['admin'];
export const ANY_MEMBER: readonly Role[] = ['admin', 'instructor', 'student'];
