/**
 * The demo program, seeded on an empty database in demo mode: an organisation, one account per
 * role, the bundled banks, exams from the CPC/CCS/CMC presets (plus a short practice set), and a
 * cohort with open assignments. Returns null when the database already has people in it.
 */
import { loadBundledBanks } from '@coderprep/content';
import {
  assignments,
  cohortMembers,
  cohorts,
  exams,
  insertOrganisation,
  insertUser,
  inTransaction,
  upsertMembership,
  users,
} from '@coderprep/db';
import { type Blueprint, type PresetId, parseBlueprint, presetBlueprint } from '@coderprep/exam-engine';
import { hashPassword } from '../auth/passwords';
import { createBankWithItems } from '../banks/service';
import type { Deps } from '../deps';

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.test', name: 'Dana Admin', role: 'admin' },
  { email: 'instructor@demo.test', name: 'Ivan Instructor', role: 'instructor' },
  { email: 'student@demo.test', name: 'Sam Student', role: 'student' },
] as const;

/** The demo cohort's join code, printed at start so new students can enrol themselves. */
export const DEMO_JOIN_CODE = 'DEMO2027';

type DemoExam = 'cpc' | 'ccs' | 'cmc' | 'practice';

export interface DemoSeed {
  organisationId: string;
  userIds: Record<(typeof DEMO_ACCOUNTS)[number]['role'], string>;
  bankIds: Record<'cpc' | 'ccs' | 'cmc', string>;
  examIds: Record<DemoExam, string>;
  cohortId: string;
  joinCode: string;
  assignmentIds: Record<DemoExam, string>;
}

const BANK_OF: Record<string, 'cpc' | 'ccs' | 'cmc'> = {
  'coderprep-cpc': 'cpc',
  'coderprep-ccs': 'ccs',
  'coderprep-cmc': 'cmc',
};

/** An untimed 20-item CPC practice set: immediate feedback after each item. */
function practiceBlueprint(): Blueprint {
  const parsed = parseBlueprint({
    id: 'cpc-practice-20',
    name: 'CPC practice set (20 items)',
    style: 'cpc',
    clock: { mode: 'shared', limitMinutes: null },
    warningMinutes: [],
    sections: [
      {
        id: 'practice',
        title: 'Practice',
        rules: [
          { domain: 'surgery-10000', count: 4 },
          { domain: 'evaluation-management', count: 4 },
          { domain: 'icd-10-cm', count: 4 },
          { domain: 'hcpcs-level-ii', count: 4 },
          { domain: 'coding-guidelines', count: 4 },
        ],
      },
    ],
  });
  if (!parsed.ok) throw new Error(`demo practice blueprint: ${JSON.stringify(parsed.issues)}`);
  return parsed.blueprint;
}

/** The demo's exams: the three presets as timed mocks, and the practice set. */
function demoExams(): {
  key: DemoExam;
  name: string;
  mode: 'exam' | 'practice';
  presetId: PresetId | null;
  blueprint: Blueprint;
}[] {
  return [
    {
      key: 'cpc',
      name: 'CPC-style mock exam',
      mode: 'exam',
      presetId: 'cpc',
      blueprint: presetBlueprint('cpc'),
    },
    {
      key: 'ccs',
      name: 'CCS-style mock exam',
      mode: 'exam',
      presetId: 'ccs',
      blueprint: presetBlueprint('ccs'),
    },
    {
      key: 'cmc',
      name: 'CMC-style mock exam',
      mode: 'exam',
      presetId: 'cmc',
      blueprint: presetBlueprint('cmc'),
    },
    {
      key: 'practice',
      name: 'CPC practice set (20 items, untimed)',
      mode: 'practice',
      presetId: null,
      blueprint: practiceBlueprint(),
    },
  ];
}

export async function seedDemo(deps: Deps): Promise<DemoSeed | null> {
  if (deps.db.select({ id: users.id }).from(users).limit(1).get()) return null;
  const now = deps.clock.now();
  const passwordHash = await hashPassword(deps.config.demoPassword);
  const db = deps.db;
  return inTransaction(db, () => {
    const organisationId = deps.newId();
    insertOrganisation(db, { id: organisationId, name: 'Demo Training Program', createdAt: now });
    const userIds = {} as DemoSeed['userIds'];
    for (const account of DEMO_ACCOUNTS) {
      const id = deps.newId();
      userIds[account.role] = id;
      insertUser(db, { id, email: account.email, name: account.name, passwordHash, createdAt: now });
      upsertMembership(db, organisationId, id, account.role, now);
    }

    const bankIds = {} as DemoSeed['bankIds'];
    for (const bank of loadBundledBanks()) {
      const key = BANK_OF[bank.bank.id];
      if (!key) continue;
      const created = createBankWithItems(
        deps,
        null,
        organisationId,
        { name: bank.bank.name, description: bank.bank.description },
        bank.items,
      );
      bankIds[key] = created.bank.id;
    }

    const cohortId = deps.newId();
    db.insert(cohorts)
      .values({
        id: cohortId,
        organisationId,
        name: 'Demo cohort (spring)',
        joinCode: DEMO_JOIN_CODE,
        createdAt: now,
      })
      .run();
    db.insert(cohortMembers)
      .values([
        { cohortId, userId: userIds.instructor, role: 'instructor', joinedAt: now },
        { cohortId, userId: userIds.student, role: 'student', joinedAt: now },
      ])
      .run();

    const examIds = {} as DemoSeed['examIds'];
    const assignmentIds = {} as DemoSeed['assignmentIds'];
    for (const exam of demoExams()) {
      const examId = deps.newId();
      examIds[exam.key] = examId;
      const bank = exam.key === 'practice' ? 'cpc' : exam.key;
      db.insert(exams)
        .values({
          id: examId,
          organisationId,
          name: exam.name,
          mode: exam.mode,
          blueprint: JSON.stringify(exam.blueprint),
          bankIds: JSON.stringify([bankIds[bank]]),
          presetId: exam.presetId,
          createdBy: userIds.instructor,
          createdAt: now,
        })
        .run();
      const assignmentId = deps.newId();
      assignmentIds[exam.key] = assignmentId;
      db.insert(assignments)
        .values({
          id: assignmentId,
          cohortId,
          examId,
          opensAt: now - 3600_000,
          closesAt: now + 60 * 24 * 3600_000,
          attemptLimit: exam.mode === 'practice' ? 10 : 3,
          reviewPolicy: 'after-submit',
          createdBy: userIds.instructor,
          createdAt: now,
        })
        .run();
    }
    return { organisationId, userIds, bankIds, examIds, cohortId, joinCode: DEMO_JOIN_CODE, assignmentIds };
  });
}
