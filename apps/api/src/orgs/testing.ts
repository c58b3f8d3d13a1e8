/** Test helpers for the organisation, exam and cohort tests: extra accounts and audit reads. */
import { insertUser, listAuditEvents } from '@coderprep/db';
import request from 'supertest';
import { expect } from 'vitest';
import { hashPassword } from '../auth/passwords';
import { type Agent, FIXTURE_PASSWORD, type World } from '../testing/fixtures';

let hash: Promise<string> | undefined;

/** A new account with no role anywhere, logged in as an agent. */
export async function newAccount(world: World, email: string): Promise<{ id: string; agent: Agent }> {
  hash ??= hashPassword(FIXTURE_PASSWORD);
  const id = world.deps.newId();
  insertUser(world.deps.db, {
    id,
    email,
    name: email.split('@')[0] ?? email,
    passwordHash: await hash,
    createdAt: world.deps.clock.now(),
  });
  const agent = request.agent(world.app);
  const res = await agent.post('/api/auth/login').send({ email, password: FIXTURE_PASSWORD });
  expect(res.status).toBe(200);
  return { id, agent };
}

/** The organisation's audit events (newest first; events of one instant in no set order). */
export function auditEvents(world: World, organisationId: string) {
  return listAuditEvents(world.deps.db, organisationId, { limit: 1000, offset: 0 }).map((event) => ({
    ...event,
    details: JSON.parse(event.details) as Record<string, unknown>,
  }));
}

/** The organisation's audit actions (in no set order). */
export const auditActions = (world: World, organisationId: string) =>
  auditEvents(world, organisationId).map((event) => event.action);

/** The field paths of a 400 response. */
export const paths = (res: { body: { error?: { details?: { path: string }[] } } }) =>
  (res.body.error?.details ?? []).map((d) => d.path);

/** A DELETE as the web app sends it (writes need the JSON content type). */
export const del = (agent: Agent, url: string) => agent.delete(url).set('Content-Type', 'application/json');

/** A POST without a body. */
export const post = (agent: Agent, url: string) => agent.post(url).set('Content-Type', 'application/json');
