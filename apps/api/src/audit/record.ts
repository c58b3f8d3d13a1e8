import { insertAuditEvent } from '@coderprep/db';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';

/** Records what an instructor or admin did (who, when, what, to which target). */
export function audit(
  deps: Deps,
  actor: SessionUser | null,
  organisationId: string,
  action: string,
  target: { type: string; id: string },
  details: Record<string, unknown> = {},
): void {
  insertAuditEvent(deps.db, {
    id: deps.newId(),
    organisationId,
    actorId: actor?.id ?? null,
    action,
    targetType: target.type,
    targetId: target.id,
    details: JSON.stringify(details),
    at: deps.clock.now(),
  });
}
