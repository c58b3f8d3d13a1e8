/**
 * Data access for bank import/export from the operator command line, which works on the database
 * without a logged-in person: every organisation, so an operator can find the ids to pass.
 */
import { asc } from 'drizzle-orm';
import type { Db } from './client';
import { organisations } from './schema/index';

/** Every organisation, by name. */
export function listOrganisations(db: Db): { id: string; name: string; createdAt: number }[] {
  return db
    .select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt })
    .from(organisations)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .all();
}
