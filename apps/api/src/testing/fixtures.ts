/**
 * A world for HTTP tests: two organisations (A and B), each with an admin, an instructor and a
 * student logged in as supertest agents; in A a bank of items, an exam, a cohort and an open
 * assignment. Rows are written straight through drizzle so the fixture does not depend on the
 * routes under test.
 */
import {
  assignments,
  banks,
  cohortMembers,
  cohorts,
  exams,
  insertOrganisation,
  insertUser,
  items,
  itemVersions,
  upsertMembership,
} from '@coderprep/db';
import { type Blueprint, type Item, parseBlueprint, parseItem } from '@coderprep/exam-engine';
import request from 'supertest';
import { hashPassword } from '../auth/passwords';
import { createTestApp } from '../test-support';

export const FIXTURE_PASSWORD = 'fixture-password-1';
export type Agent = ReturnType<typeof request.agent>;
export type RoleName = 'admin' | 'instructor' | 'student';

let cachedHash: Promise<string> | undefined;

/** A valid multiple-choice item (key B). */
export function mcItem(id: string, domain: string, over: Record<string, unknown> = {}): Item {
  return parsed({
    id,
    domain,
    codeSetYear: 2026,
    type: 'multiple-choice',
    stem: `Stem of ${id}: which option is right?`,
    rationale: `Rationale of ${id}: B is right per the guideline.`,
    options: ['A', 'B', 'C', 'D'].map((o) => ({
      id: o,
      text: `Option ${o} of ${id}`,
      rationale: `Why ${o}`,
    })),
    key: 'B',
    ...over,
  });
}

/** A valid fill-in item with one ICD-10-CM blank (key E11.9). */
export function fillInItem(id: string, domain: string, over: Record<string, unknown> = {}): Item {
  return parsed({
    id,
    domain,
    codeSetYear: 2026,
    type: 'fill-in',
    stem: `Stem of ${id}: code the diagnosis.`,
    rationale: `Rationale of ${id}: E11.9 per OCG I.C.4.`,
    blanks: [{ id: 'b1', label: 'Diagnosis', kind: 'icd10cm' }],
    key: { b1: { kind: 'icd10cm', accepted: ['E11.9'] } },
    ...over,
  });
}

function parsed(input: unknown): Item {
  const result = parseItem(input);
  if (!result.ok) throw new Error(`fixture item is invalid: ${JSON.stringify(result.issues)}`);
  return result.item;
}

/** A small timed exam: 4 anatomy items and 2 radiology items, 60 minutes, one section. */
export function smallBlueprint(over: Record<string, unknown> = {}): Blueprint {
  const result = parseBlueprint({
    id: 'small',
    name: 'Small mock',
    clock: { mode: 'shared', limitMinutes: 60 },
    warningMinutes: [10],
    sections: [
      {
        id: 'part-1',
        title: 'Part 1',
        rules: [
          { domain: 'anatomy', count: 4 },
          { domain: 'radiology', count: 2 },
        ],
      },
    ],
    ...over,
  });
  if (!result.ok) throw new Error(`fixture blueprint is invalid: ${JSON.stringify(result.issues)}`);
  return result.blueprint;
}

export interface OrgFixture {
  organisationId: string;
  userIds: Record<RoleName, string>;
  emails: Record<RoleName, string>;
  agents: Record<RoleName, Agent>;
}

export interface World {
  deps: ReturnType<typeof createTestApp>['deps'];
  app: ReturnType<typeof createTestApp>['app'];
  /** A fresh agent with no session. */
  anonymous: () => Agent;
  a: OrgFixture & {
    bankId: string;
    /** Item row ids by authored id. */
    itemIds: Record<string, string>;
    examId: string;
    cohortId: string;
    joinCode: string;
    assignmentId: string;
  };
  b: OrgFixture;
}

/** Inserts a bank with these items (version 1 each) and returns the item row ids by authored id. */
export function insertBank(
  deps: World['deps'],
  organisationId: string,
  bankItems: readonly Item[],
  name = 'Fixture bank',
): { bankId: string; itemIds: Record<string, string> } {
  const now = deps.clock.now();
  const bankId = deps.newId();
  deps.db.insert(banks).values({ id: bankId, organisationId, name, createdAt: now, updatedAt: now }).run();
  const itemIds: Record<string, string> = {};
  for (const item of bankItems) {
    const id = deps.newId();
    itemIds[item.id] = id;
    deps.db
      .insert(items)
      .values({
        id,
        bankId,
        externalId: item.id,
        type: item.type,
        domain: item.domain,
        tags: JSON.stringify(item.tags),
        searchText: item.stem.toLowerCase(),
        currentVersion: 1,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    deps.db
      .insert(itemVersions)
      .values({ itemId: id, version: 1, body: JSON.stringify(item), createdAt: now })
      .run();
  }
  return { bankId, itemIds };
}

async function organisation(world: Pick<World, 'deps' | 'app'>, label: string): Promise<OrgFixture> {
  const { deps, app } = world;
  cachedHash ??= hashPassword(FIXTURE_PASSWORD);
  const passwordHash = await cachedHash;
  const now = deps.clock.now();
  const organisationId = deps.newId();
  insertOrganisation(deps.db, { id: organisationId, name: `Program ${label}`, createdAt: now });
  const userIds = {} as Record<RoleName, string>;
  const emails = {} as Record<RoleName, string>;
  const agents = {} as Record<RoleName, Agent>;
  for (const role of ['admin', 'instructor', 'student'] as const) {
    const id = deps.newId();
    const email = `${role}-${label.toLowerCase()}@fixture.test`;
    insertUser(deps.db, { id, email, name: `${role} ${label}`, passwordHash, createdAt: now });
    upsertMembership(deps.db, organisationId, id, role, now);
    const agent = request.agent(app);
    const res = await agent.post('/api/auth/login').send({ email, password: FIXTURE_PASSWORD });
    if (res.status !== 200)
      throw new Error(`fixture login failed: ${res.status} ${JSON.stringify(res.body)}`);
    userIds[role] = id;
    emails[role] = email;
    agents[role] = agent;
  }
  return { organisationId, userIds, emails, agents };
}

/** Builds the world. Options shape organisation A's exam and assignment. */
export async function createWorld(
  options: {
    blueprint?: Blueprint;
    mode?: 'exam' | 'practice' | 'drill';
    attemptLimit?: number;
    reviewPolicy?: 'after-submit' | 'after-close' | 'never';
    /** Window length from now (default 7 days). */
    windowMs?: number;
    items?: Item[];
  } = {},
): Promise<World> {
  const { deps, app } = createTestApp();
  const a = await organisation({ deps, app }, 'A');
  const b = await organisation({ deps, app }, 'B');
  const now = deps.clock.now();

  const bankItems = options.items ?? [
    ...Array.from({ length: 6 }, (_, i) => mcItem(`anat-${i + 1}`, 'anatomy')),
    ...Array.from({ length: 3 }, (_, i) => mcItem(`rad-${i + 1}`, 'radiology')),
    fillInItem('dx-1', 'icd-10-cm'),
  ];
  const { bankId, itemIds } = insertBank(deps, a.organisationId, bankItems);

  const examId = deps.newId();
  deps.db
    .insert(exams)
    .values({
      id: examId,
      organisationId: a.organisationId,
      name: 'Small mock',
      mode: options.mode ?? 'exam',
      blueprint: JSON.stringify(options.blueprint ?? smallBlueprint()),
      bankIds: JSON.stringify([bankId]),
      createdBy: a.userIds.instructor,
      createdAt: now,
    })
    .run();

  const cohortId = deps.newId();
  const joinCode = `JOIN${Math.floor(Math.random() * 1e6)}`;
  deps.db
    .insert(cohorts)
    .values({ id: cohortId, organisationId: a.organisationId, name: 'Cohort A', joinCode, createdAt: now })
    .run();
  deps.db
    .insert(cohortMembers)
    .values([
      { cohortId, userId: a.userIds.instructor, role: 'instructor', joinedAt: now },
      { cohortId, userId: a.userIds.student, role: 'student', joinedAt: now },
    ])
    .run();

  const assignmentId = deps.newId();
  deps.db
    .insert(assignments)
    .values({
      id: assignmentId,
      cohortId,
      examId,
      opensAt: now - 60_000,
      closesAt: now + (options.windowMs ?? 7 * 24 * 3600_000),
      attemptLimit: options.attemptLimit ?? 2,
      reviewPolicy: options.reviewPolicy ?? 'after-submit',
      createdBy: a.userIds.instructor,
      createdAt: now,
    })
    .run();

  return {
    deps,
    app,
    anonymous: () => request.agent(app),
    a: { ...a, bankId, itemIds, examId, cohortId, joinCode, assignmentId },
    b,
  };
}
