/** The organisation's audit log for staff: who did what to which target, newest first. */
import type { AuditPage } from '@coderprep/contracts';
import { actorNamesById, countAuditEvents, listAuditEvents } from '@coderprep/db';
import type { Deps } from '../deps';

function detailsOf(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return {};
  }
}

export function auditPage(
  deps: Deps,
  orgId: string,
  query: { targetId?: string | undefined; limit: number; offset: number },
): AuditPage {
  const filter = query.targetId === undefined ? {} : { targetId: query.targetId };
  const rows = listAuditEvents(deps.db, orgId, { ...filter, limit: query.limit, offset: query.offset });
  const names = actorNamesById(
    deps.db,
    rows.flatMap((row) => (row.actorId === null ? [] : [row.actorId])),
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      actorId: row.actorId,
      actorName: row.actorId === null ? null : (names.get(row.actorId) ?? null),
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      details: detailsOf(row.details),
      at: row.at,
    })),
    total: countAuditEvents(deps.db, orgId, filter),
    limit: query.limit,
    offset: query.offset,
  };
}
