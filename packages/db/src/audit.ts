/** Data access for the audit trail of instructor and admin actions. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { auditEvents } from './schema/index';

export type AuditEventRow = typeof auditEvents.$inferSelect;

export function insertAuditEvent(db: Db, row: AuditEventRow): void {
  db.insert(auditEvents).values(row).run();
}

/** An organisation's audit events, newest first, optionally for one target. */
export function listAuditEvents(
  db: Db,
  organisationId: string,
  options: { targetId?: string; limit: number; offset: number },
): AuditEventRow[] {
  const where = options.targetId
    ? and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.targetId, options.targetId))
    : eq(auditEvents.organisationId, organisationId);
  return db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(options.limit)
    .offset(options.offset)
    .all();
}
