/**
 * What a student reads about their own attempts across exams (the score-over-time list, their
 * weakest domains) and drills: practice sets drawn from chosen domains or from the items they
 * missed, started as attempts in mode 'drill' with immediate feedback.
 */
import type { DrillBody, MyAttempt, WeakDomains } from '@coderprep/contracts';
import {
  domainTalliesOfUser,
  findOrCreateDrillExam,
  inTransaction,
  listAttemptsOfUser,
  listDrawableItems,
  missedItemIdsOfUser,
} from '@coderprep/db';
import { drawDrill, drillBlueprint } from '@coderprep/exam-engine';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { ANY_MEMBER, requireRole } from '../http/authz';
import { conflict } from '../http/errors';
import { bankOf, finaliseExpiredAttempts, insertAttempt, newAttemptRows } from './service';
import type { AttemptViewBody } from './types';

/** The person's attempts, newest first (their own expired attempts are finalised first). */
export function myAttempts(
  deps: Deps,
  user: SessionUser,
  page: { limit: number; offset: number },
): { items: MyAttempt[]; total: number; limit: number; offset: number } {
  finaliseExpiredAttempts(deps, user.id);
  const { rows, total } = listAttemptsOfUser(deps.db, user.id, page);
  return {
    items: rows.map((row) => ({ ...row, submitReason: row.submitReason as MyAttempt['submitReason'] })),
    total,
    ...page,
  };
}

const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

/** The domains with the lowest percent over the person's submitted attempts (ties: more items first). */
export function weakDomains(
  deps: Deps,
  user: SessionUser,
  query: { organisationId?: string | undefined; limit: number },
): WeakDomains {
  finaliseExpiredAttempts(deps, user.id);
  const domains = domainTalliesOfUser(deps.db, user.id, query.organisationId)
    .filter((d) => d.possible > 0)
    .map((d) => ({
      ...d,
      earned: round2(d.earned),
      percent: round2((d.earned / d.possible) * 100),
    }))
    .sort((a, b) => a.percent - b.percent || b.items - a.items || a.domain.localeCompare(b.domain))
    .slice(0, query.limit);
  return { domains };
}

/** Starts a drill in an organisation the person belongs to. */
export function startDrill(deps: Deps, user: SessionUser, body: DrillBody): AttemptViewBody {
  requireRole(deps, user, body.organisationId, ANY_MEMBER);
  const now = deps.clock.now();
  let itemIds: string[] | undefined;
  if (body.missedOnly) {
    itemIds = missedItemIdsOfUser(deps.db, user.id, body.organisationId);
    if (itemIds.length === 0)
      throw conflict(
        'no-missed-items',
        'There are no missed items to drill yet: submit an attempt first, or drill by domain.',
      );
  }
  const bank = bankOf(
    `drills:${body.organisationId}`,
    listDrawableItems(deps.db, body.organisationId, null, itemIds),
  );
  const request = {
    count: body.count,
    limitMinutes: body.minutes,
    ...(body.domains ? { domains: body.domains } : {}),
  };
  const drawn = drawDrill(bank, request, deps.newId());
  const blueprint = drillBlueprint(body.count, body.minutes);
  const exam = inTransaction(deps.db, () =>
    findOrCreateDrillExam(deps.db, {
      organisationId: body.organisationId,
      id: deps.newId(),
      blueprint: JSON.stringify(drillBlueprint(1)),
      now,
    }),
  );
  const rows = newAttemptRows(
    deps,
    {
      organisationId: body.organisationId,
      userId: user.id,
      exam,
      assignmentId: null,
      openKey: null,
      blueprint,
      bank,
      drawn,
      timeFactor: 1,
      windowCloseAt: null,
    },
    now,
  );
  return insertAttempt(deps, rows, now);
}
