/**
 * Exams: a blueprint (from a preset with overrides, or custom) over banks of the same
 * organisation, in a mode. Exams in use are archived, never deleted; once anyone has attempted an
 * exam its blueprint, mode and banks stay as they were (make a new exam instead).
 */
import type {
  BlueprintSupplyBody,
  CreateExamBody,
  ExamInfo,
  ExamListQuery,
  ExamRemoved,
  PresetInfo,
  PresetOverridesBody,
  SupplyReport,
  UpdateExamBody,
} from '@coderprep/contracts';
import {
  assignmentCountsOfExams,
  countOrgExams,
  deleteExamRow,
  type ExamRow,
  examUsage,
  findOrgExam,
  insertExamRow,
  inTransaction,
  listOrgExams,
  listSupplyItems,
  orgBankIdsAmong,
  updateExamRow,
} from '@coderprep/db';
import {
  assertBlueprint,
  type Blueprint,
  blueprintItemCount,
  blueprintLimitMinutes,
  isEngineError,
  PRESET_IDS,
  PRESET_UNCERTAINTIES,
  PRESETS,
  type PresetId,
  type PresetOverrides,
  presetBlueprint,
} from '@coderprep/exam-engine';
import { audit } from '../audit/record';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { badRequest, conflict, type FieldIssue, notFound } from '../http/errors';
import { supplyItems, supplyReport } from './supply';

const invalid = (issues: FieldIssue[]) =>
  badRequest('invalid-body', 'The request body is not valid.', issues);

// ---------------------------------------------------------------- presets

/** Every preset with its blueprint and the facts it could not confirm. */
export function listPresets(): PresetInfo[] {
  return PRESET_IDS.map((id) => {
    const blueprint = PRESETS[id];
    return {
      id,
      name: blueprint.name,
      style: blueprint.style,
      blueprint,
      itemCount: blueprintItemCount(blueprint),
      limitMinutes: blueprintLimitMinutes(blueprint),
      domainCounts: blueprint.sections.flatMap((section) =>
        section.rules.flatMap((rule) =>
          rule.domain === undefined ? [] : [{ domain: rule.domain, count: rule.count }],
        ),
      ),
      uncertainties: [...PRESET_UNCERTAINTIES[id]],
    };
  });
}

// ---------------------------------------------------------------- blueprints from a body

/** The engine's overrides from the body's (leaving out absent keys). */
function engineOverrides(body: PresetOverridesBody): PresetOverrides {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (value !== undefined) out[key] = value;
  return out as PresetOverrides;
}

/** Where a problem of a preset's blueprint comes from among the overrides. */
function overridePath(blueprint: Blueprint, issuePath: string): string {
  const [head, ...rest] = issuePath.split('.');
  if (head === 'clock' || (head === 'sections' && rest.length === 0)) return 'body.overrides.limitMinutes';
  if (head === 'sections' && rest[1] === 'rules') {
    const rule = blueprint.sections[Number(rest[0])]?.rules[Number(rest[2])];
    if (rule?.domain !== undefined) return `body.overrides.domainCounts.${rule.domain}`;
  }
  if (head !== undefined && ['id', 'name', 'passPercent', 'warningMinutes', 'graceSeconds'].includes(head))
    return `body.overrides.${issuePath}`;
  return 'body.overrides';
}

/** A preset with overrides, or 400 with the override field at fault. */
function fromPreset(id: PresetId, overrides: PresetOverridesBody | undefined): Blueprint {
  try {
    return presetBlueprint(id, engineOverrides(overrides ?? {}));
  } catch (error) {
    if (!isEngineError(error, 'invalid-blueprint')) throw error;
    const details = (error.details ?? {}) as {
      domains?: string[];
      issues?: { path: string; message: string }[];
    };
    if (details.domains)
      throw invalid(
        details.domains.map((domain) => ({
          path: `body.overrides.domainCounts.${domain}`,
          message: `preset "${id}" has no rule for this domain`,
        })),
      );
    throw invalid(
      (details.issues ?? [{ path: '', message: error.message }]).map((issue) => ({
        path: overridePath(PRESETS[id], issue.path),
        message: issue.message,
      })),
    );
  }
}

interface Source {
  presetId?: PresetId | undefined;
  overrides?: PresetOverridesBody | undefined;
  blueprint?: Blueprint | undefined;
}

/** The blueprint a body names (the contract has already checked there is exactly one source). */
function blueprintOfSource(source: Source): { blueprint: Blueprint; presetId: string | null } | undefined {
  if (source.presetId !== undefined)
    return { blueprint: fromPreset(source.presetId, source.overrides), presetId: source.presetId };
  if (source.blueprint !== undefined) return { blueprint: source.blueprint, presetId: null };
  return undefined;
}

/** The field that sets the time limit of the body's blueprint (for error paths). */
const limitPath = (source: Source) =>
  source.presetId !== undefined
    ? 'body.overrides.limitMinutes'
    : source.blueprint !== undefined
      ? 'body.blueprint.clock.limitMinutes'
      : 'body.mode';

/** Exam mode is timed (feedback after submission); untimed work is practice or drill. */
function requireTimedExam(mode: string, blueprint: Blueprint, path: string): void {
  if (mode === 'exam' && blueprintLimitMinutes(blueprint) === null)
    throw invalid([
      {
        path,
        message: 'an exam in exam mode is timed: give a time limit, or use practice mode for untimed work',
      },
    ]);
}

/** 400 naming every bank id that is not a bank of this organisation. */
function requireOrgBanks(deps: Deps, organisationId: string, bankIds: readonly string[]): void {
  const known = orgBankIdsAmong(deps.db, organisationId, bankIds);
  const issues = bankIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `body.bankIds.${i}`, message: 'no bank of this organisation has this id' }],
  );
  if (issues.length > 0) throw invalid(issues);
}

// ---------------------------------------------------------------- exams

/** A stored exam's blueprint (stored blueprints were validated on the way in). */
const storedBlueprint = (row: ExamRow): Blueprint => assertBlueprint(JSON.parse(row.blueprint));
const storedBankIds = (row: ExamRow): string[] => JSON.parse(row.bankIds) as string[];

function examInfo(row: ExamRow, assignmentCount: number): ExamInfo {
  const blueprint = storedBlueprint(row);
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    presetId: row.presetId,
    blueprint,
    bankIds: storedBankIds(row),
    itemCount: blueprintItemCount(blueprint),
    limitMinutes: blueprintLimitMinutes(blueprint),
    passPercent: blueprint.passPercent,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    archivedAt: row.archivedAt,
    assignmentCount,
  };
}

function examOrThrow(deps: Deps, organisationId: string, examId: string): ExamRow {
  const row = findOrgExam(deps.db, organisationId, examId);
  if (!row) throw notFound('The exam');
  return row;
}

export function listExamsPage(deps: Deps, organisationId: string, query: ExamListQuery) {
  const rows = listOrgExams(deps.db, organisationId, query);
  const counts = assignmentCountsOfExams(
    deps.db,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) => examInfo(row, counts.get(row.id) ?? 0)),
    total: countOrgExams(deps.db, organisationId, query.includeArchived),
    limit: query.limit,
    offset: query.offset,
  };
}

export function getExam(deps: Deps, organisationId: string, examId: string): ExamInfo {
  const row = examOrThrow(deps, organisationId, examId);
  return examInfo(row, examUsage(deps.db, row.id).assignments);
}

export function createExam(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  body: CreateExamBody,
): ExamInfo {
  const source = blueprintOfSource(body);
  if (!source) throw invalid([{ path: 'body.presetId', message: 'give a presetId or a blueprint' }]);
  requireTimedExam(body.mode, source.blueprint, limitPath(body));
  requireOrgBanks(deps, organisationId, body.bankIds);
  const row: ExamRow = {
    id: deps.newId(),
    organisationId,
    name: body.name,
    mode: body.mode,
    blueprint: JSON.stringify(source.blueprint),
    bankIds: JSON.stringify(body.bankIds),
    presetId: source.presetId,
    createdBy: user.id,
    createdAt: deps.clock.now(),
    archivedAt: null,
  };
  inTransaction(deps.db, () => {
    insertExamRow(deps.db, row);
    audit(
      deps,
      user,
      organisationId,
      'exam.create',
      { type: 'exam', id: row.id },
      {
        name: row.name,
        mode: row.mode,
        presetId: row.presetId,
        bankIds: body.bankIds,
      },
    );
  });
  return examInfo(row, 0);
}

export function updateExam(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  examId: string,
  body: UpdateExamBody,
): ExamInfo {
  const source = blueprintOfSource(body);
  if (body.bankIds) requireOrgBanks(deps, organisationId, body.bankIds);
  return inTransaction(deps.db, () => {
    const row = examOrThrow(deps, organisationId, examId);
    const mode = body.mode ?? row.mode;
    requireTimedExam(mode, source?.blueprint ?? storedBlueprint(row), limitPath(body));
    const patch: Parameters<typeof updateExamRow>[2] = {};
    if (body.name !== undefined && body.name !== row.name) patch.name = body.name;
    if (body.mode !== undefined && body.mode !== row.mode) patch.mode = body.mode;
    if (source) {
      patch.blueprint = JSON.stringify(source.blueprint);
      patch.presetId = source.presetId;
    }
    if (body.bankIds) patch.bankIds = JSON.stringify(body.bankIds);
    const drawing = ['mode', 'blueprint', 'bankIds'].filter((key) => key in patch);
    const usage = examUsage(deps.db, row.id);
    if (drawing.length > 0 && usage.attempts > 0)
      throw conflict(
        'exam-has-attempts',
        `Students have already taken this exam, so its ${drawing.join(', ')} cannot change: create a new exam instead.`,
        { attempts: usage.attempts },
      );
    if (Object.keys(patch).length === 0) return examInfo(row, usage.assignments);
    updateExamRow(deps.db, row.id, patch);
    audit(
      deps,
      user,
      organisationId,
      'exam.update',
      { type: 'exam', id: row.id },
      {
        changed: Object.keys(patch),
        ...(patch.name !== undefined && { name: { from: row.name, to: patch.name } }),
        ...(patch.mode !== undefined && { mode: { from: row.mode, to: patch.mode } }),
      },
    );
    return examInfo(findOrgExam(deps.db, organisationId, row.id) as ExamRow, usage.assignments);
  });
}

/** Deletes an exam nothing refers to; archives one that assignments or attempts use. */
export function removeExam(
  deps: Deps,
  user: SessionUser,
  organisationId: string,
  examId: string,
): ExamRemoved {
  return inTransaction(deps.db, () => {
    const row = examOrThrow(deps, organisationId, examId);
    const usage = examUsage(deps.db, row.id);
    const target = { type: 'exam', id: row.id };
    if (usage.assignments === 0 && usage.attempts === 0) {
      deleteExamRow(deps.db, row.id);
      audit(deps, user, organisationId, 'exam.delete', target, { name: row.name });
      return { id: row.id, outcome: 'deleted' as const };
    }
    if (row.archivedAt === null) {
      updateExamRow(deps.db, row.id, { archivedAt: deps.clock.now() });
      audit(deps, user, organisationId, 'exam.archive', target, { name: row.name, ...usage });
    }
    return { id: row.id, outcome: 'archived' as const };
  });
}

// ---------------------------------------------------------------- supply

function supplyOf(deps: Deps, organisationId: string, blueprint: Blueprint, bankIds: readonly string[]) {
  const items = supplyItems(listSupplyItems(deps.db, organisationId, bankIds));
  return supplyReport(blueprint, bankIds, items);
}

/** The supply check of a stored exam against its banks as they are now. */
export function examSupply(deps: Deps, organisationId: string, examId: string): SupplyReport {
  const row = examOrThrow(deps, organisationId, examId);
  return supplyOf(deps, organisationId, storedBlueprint(row), storedBankIds(row));
}

/** The supply check of a blueprint or preset before an exam is made of it. */
export function blueprintSupply(deps: Deps, organisationId: string, body: BlueprintSupplyBody): SupplyReport {
  const source = blueprintOfSource(body);
  if (!source) throw invalid([{ path: 'body.presetId', message: 'give a presetId or a blueprint' }]);
  requireOrgBanks(deps, organisationId, body.bankIds);
  return supplyOf(deps, organisationId, source.blueprint, body.bankIds);
}
