/**
 * The item editor's working copy. It mirrors the authored item body closely enough that every
 * server field path ("options.2.text", "subItems.1.key.b2.codes.0.code") names one control, but
 * holds what a form needs: typed numbers as strings, a `correct` flag per option (so a key can
 * never point at a missing option), each blank with its own key, every part of every type (so
 * switching the type loses nothing), and React keys (`uid`).
 */
import type { ItemBody, ItemType } from './api';

export const CODE_KINDS = ['icd10cm', 'icd10pcs', 'cpt', 'hcpcs', 'modifier'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];
export const BLANK_KINDS = [...CODE_KINDS, 'procedure-line', 'code-list', 'number', 'text'] as const;
export type BlankKind = (typeof BLANK_KINDS)[number];
export const ITEM_TYPES = ['multiple-choice', 'multiple-response', 'fill-in', 'scenario'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export type PartialCredit = 'all-or-nothing' | 'proportional';
export type QuestionType = Exclude<ItemType, 'scenario'>;

export const TYPE_NAMES: Record<ItemType, string> = {
  'multiple-choice': 'Multiple choice',
  'multiple-response': 'Multiple response',
  'fill-in': 'Fill-in',
  scenario: 'Scenario',
};

export const CODE_KIND_NAMES: Record<CodeKind, string> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  cpt: 'CPT',
  hcpcs: 'HCPCS Level II',
  modifier: 'Modifier',
};

export const BLANK_KIND_NAMES: Record<BlankKind, string> = {
  icd10cm: 'ICD-10-CM code',
  icd10pcs: 'ICD-10-PCS code',
  cpt: 'CPT code',
  hcpcs: 'HCPCS Level II code',
  modifier: 'Modifier',
  'procedure-line': 'Procedure line (code, modifiers, units)',
  'code-list': 'List of codes',
  number: 'Number',
  text: 'Text',
};

export interface Entry {
  uid: string;
  value: string;
}

export interface OptionDraft {
  uid: string;
  id: string;
  text: string;
  rationale: string;
  correct: boolean;
}

export interface ProcedureLineDraft {
  uid: string;
  code: string;
  /** As typed: separated by spaces, commas or hyphens. */
  modifiers: string;
  units: string;
}

export interface CodeEntryDraft {
  uid: string;
  code: string;
  optional: boolean;
}

/** A blank with its key: only the parts of its kind are sent. */
export interface BlankDraft {
  uid: string;
  id: string;
  label: string;
  kind: BlankKind;
  /** Code-list blanks: the code set of the list, and whether the first code must come first. */
  codeKind: CodeKind;
  principalFirst: boolean;
  /** Code, number and text blanks: every accepted answer. */
  accepted: Entry[];
  /** Number blanks. */
  tolerance: string;
  /** Procedure-line blanks: every accepted line. */
  lines: ProcedureLineDraft[];
  /** Code-list blanks. */
  codes: CodeEntryDraft[];
}

/** What a question holds of each answerable type. */
export interface QuestionParts {
  options: OptionDraft[];
  /** Multiple response: tell students how many to select ("Select 2") instead of "all that apply". */
  selectCount: boolean;
  partialCredit: PartialCredit;
  blanks: BlankDraft[];
}

export interface SubItemDraft extends QuestionParts {
  uid: string;
  type: QuestionType;
  id: string;
  stem: string;
  rationale: string;
}

export interface ItemDraft extends QuestionParts {
  type: ItemType;
  id: string;
  domain: string;
  /** Comma separated. */
  tags: string;
  difficulty: Difficulty;
  codeSetYear: string;
  scored: boolean;
  stem: string;
  rationale: string;
  caseText: string;
  subItems: SubItemDraft[];
}

let counter = 0;
/** A React key for a new row of the form. */
export const uid = () => `u${++counter}`;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The first option id ("A", "B", …) not taken yet. */
export function nextOptionId(options: readonly { id: string }[]): string {
  const taken = new Set(options.map((o) => o.id));
  for (const letter of LETTERS) if (!taken.has(letter)) return letter;
  for (let n = options.length + 1; ; n++) if (!taken.has(`O${n}`)) return `O${n}`;
}

/** The first blank id ("b1", "b2", …) not taken yet. */
export function nextBlankId(blanks: readonly { id: string }[]): string {
  const taken = new Set(blanks.map((b) => b.id));
  for (let n = 1; ; n++) if (!taken.has(`b${n}`)) return `b${n}`;
}

/** The first sub-item id ("q1", "q2", …) not taken yet. */
export function nextSubItemId(subItems: readonly { id: string }[]): string {
  const taken = new Set(subItems.map((s) => s.id));
  for (let n = 1; ; n++) if (!taken.has(`q${n}`)) return `q${n}`;
}

export const newEntry = (value = ''): Entry => ({ uid: uid(), value });

export const newOption = (id: string): OptionDraft => ({
  uid: uid(),
  id,
  text: '',
  rationale: '',
  correct: false,
});

export const newProcedureLine = (): ProcedureLineDraft => ({
  uid: uid(),
  code: '',
  modifiers: '',
  units: '1',
});

export const newCodeEntry = (): CodeEntryDraft => ({ uid: uid(), code: '', optional: false });

export function newBlank(id: string, kind: BlankKind = 'icd10cm'): BlankDraft {
  return {
    uid: uid(),
    id,
    label: '',
    kind,
    codeKind: 'icd10cm',
    principalFirst: false,
    accepted: [newEntry()],
    tolerance: '0',
    lines: [newProcedureLine()],
    codes: [newCodeEntry()],
  };
}

function newParts(): QuestionParts {
  return {
    options: ['A', 'B', 'C', 'D'].map(newOption),
    selectCount: true,
    partialCredit: 'all-or-nothing',
    blanks: [newBlank('b1')],
  };
}

export function newSubItem(id: string, type: QuestionType = 'multiple-choice'): SubItemDraft {
  return { uid: uid(), type, id, stem: '', rationale: '', ...newParts() };
}

/** An empty item of a type, with `defaults` for its metadata (e.g. the code-set year). */
export function newDraft(type: ItemType = 'multiple-choice', defaults: Partial<ItemDraft> = {}): ItemDraft {
  return {
    type,
    id: '',
    domain: '',
    tags: '',
    difficulty: 'medium',
    codeSetYear: '',
    scored: true,
    stem: '',
    rationale: '',
    caseText: '',
    subItems: [newSubItem('q1')],
    ...newParts(),
    ...defaults,
  };
}

// ---------------------------------------------------------------- draft -> body

/** A typed number as a number; anything else is sent as typed, so the server names the field. */
function num(raw: string): number | string {
  const s = raw.trim();
  return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : s;
}

/** Modifiers as typed ("25 59", "25-59", "25,59") as a list. */
export const splitModifiers = (raw: string) => raw.split(/[\s,-]+/).filter((m) => m !== '');

export const splitTags = (raw: string) =>
  raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');

type Json = Record<string, unknown>;

function blankBody(blank: BlankDraft): Json {
  const base = { id: blank.id.trim(), label: blank.label };
  return blank.kind === 'code-list'
    ? { ...base, kind: blank.kind, codeKind: blank.codeKind, principalFirst: blank.principalFirst }
    : { ...base, kind: blank.kind };
}

function blankKeyBody(blank: BlankDraft): Json {
  switch (blank.kind) {
    case 'procedure-line':
      return {
        kind: blank.kind,
        accepted: blank.lines.map((line) => ({
          code: line.code.trim(),
          modifiers: splitModifiers(line.modifiers),
          units: num(line.units),
        })),
      };
    case 'code-list':
      return {
        kind: blank.kind,
        codes: blank.codes.map((c) => ({ code: c.code.trim(), optional: c.optional })),
      };
    case 'number':
      return {
        kind: blank.kind,
        accepted: blank.accepted.map((a) => num(a.value)),
        tolerance: blank.tolerance.trim() === '' ? 0 : num(blank.tolerance),
      };
    default:
      return { kind: blank.kind, accepted: blank.accepted.map((a) => a.value.trim()) };
  }
}

function questionBody(type: QuestionType, parts: QuestionParts): Json {
  const options = parts.options.map((o) => ({ id: o.id.trim(), text: o.text, rationale: o.rationale }));
  const keyed = parts.options.filter((o) => o.correct).map((o) => o.id.trim());
  switch (type) {
    case 'multiple-choice':
      return { type, options, key: keyed[0] ?? '' };
    case 'multiple-response':
      return {
        type,
        options,
        key: keyed,
        select: parts.selectCount ? Math.max(keyed.length, 1) : null,
        partialCredit: parts.partialCredit,
      };
    case 'fill-in':
      return {
        type,
        blanks: parts.blanks.map(blankBody),
        key: Object.fromEntries(parts.blanks.map((b) => [b.id.trim(), blankKeyBody(b)])),
        partialCredit: parts.partialCredit,
      };
  }
}

/** The body to send: the authored item in the engine's format (the server validates it). */
export function toBody(draft: ItemDraft): Json {
  const meta = {
    id: draft.id.trim(),
    domain: draft.domain.trim(),
    tags: splitTags(draft.tags),
    difficulty: draft.difficulty,
    codeSetYear: num(draft.codeSetYear),
    scored: draft.scored,
    stem: draft.stem,
    rationale: draft.rationale,
  };
  if (draft.type === 'scenario')
    return {
      ...meta,
      type: 'scenario',
      caseText: draft.caseText,
      subItems: draft.subItems.map((sub) => ({
        id: sub.id.trim(),
        stem: sub.stem,
        rationale: sub.rationale,
        ...questionBody(sub.type, sub),
      })),
    };
  return { ...meta, ...questionBody(draft.type, draft) };
}

// ---------------------------------------------------------------- body -> draft

type Question =
  | Exclude<ItemBody, { type: 'scenario' }>
  | Extract<ItemBody, { type: 'scenario' }>['subItems'][number];
type BlankBody = Extract<Question, { type: 'fill-in' }>['blanks'][number];
type BlankKeyBody = Extract<Question, { type: 'fill-in' }>['key'][string];

function blankDraft(blank: BlankBody, key: BlankKeyBody | undefined): BlankDraft {
  const draft = newBlank(blank.id, blank.kind);
  draft.label = blank.label ?? '';
  if (blank.kind === 'code-list') {
    draft.codeKind = blank.codeKind;
    draft.principalFirst = blank.principalFirst ?? false;
  }
  if (!key) return draft;
  if (key.kind === 'procedure-line')
    draft.lines = key.accepted.map((line) => ({
      uid: uid(),
      code: line.code,
      modifiers: (line.modifiers ?? []).join(' '),
      units: String(line.units ?? 1),
    }));
  else if (key.kind === 'code-list')
    draft.codes = key.codes.map((c) => ({ uid: uid(), code: c.code, optional: c.optional ?? false }));
  else {
    draft.accepted = key.accepted.map((value) => newEntry(String(value)));
    if (key.kind === 'number') draft.tolerance = String(key.tolerance ?? 0);
  }
  return draft;
}

function partsOf(question: Question): QuestionParts {
  const parts = newParts();
  if (question.type === 'multiple-choice' || question.type === 'multiple-response') {
    const keys = new Set(question.type === 'multiple-choice' ? [question.key] : question.key);
    parts.options = question.options.map((o) => ({
      uid: uid(),
      id: o.id,
      text: o.text,
      rationale: o.rationale ?? '',
      correct: keys.has(o.id),
    }));
  }
  if (question.type === 'multiple-response') {
    parts.selectCount = question.select !== null && question.select !== undefined;
    parts.partialCredit = question.partialCredit ?? 'all-or-nothing';
  }
  if (question.type === 'fill-in') {
    parts.blanks = question.blanks.map((b) => blankDraft(b, question.key[b.id]));
    parts.partialCredit = question.partialCredit ?? 'all-or-nothing';
  }
  return parts;
}

/** The editor's copy of a saved item. */
export function fromBody(body: ItemBody): ItemDraft {
  const meta = {
    type: body.type,
    id: body.id,
    domain: body.domain,
    tags: (body.tags ?? []).join(', '),
    difficulty: body.difficulty ?? 'medium',
    codeSetYear: String(body.codeSetYear),
    scored: body.scored ?? true,
    stem: body.stem,
    rationale: body.rationale,
  };
  if (body.type === 'scenario')
    return {
      ...newParts(),
      ...meta,
      caseText: body.caseText,
      subItems: body.subItems.map((sub) => ({
        uid: uid(),
        type: sub.type,
        id: sub.id,
        stem: sub.stem,
        rationale: sub.rationale ?? '',
        ...partsOf(sub),
      })),
    };
  return { ...partsOf(body), ...meta, caseText: '', subItems: [newSubItem('q1')] };
}

// ---------------------------------------------------------------- keys

/** What grades a question: the key and the partial-credit rule (not texts or rationales). */
function gradingOf(question: Question): unknown {
  if (question.type === 'multiple-choice') return [question.type, question.key];
  if (question.type === 'multiple-response')
    return [question.type, [...question.key].sort(), question.partialCredit ?? 'all-or-nothing'];
  const keys = Object.keys(question.key)
    .sort()
    .map((id) => [id, question.key[id]]);
  return [question.type, keys, question.partialCredit ?? 'all-or-nothing'];
}

/** True when two versions would grade the same answers differently (a regrade may be due). */
export function keyChanged(before: ItemBody, after: ItemBody): boolean {
  const grading = (body: ItemBody) =>
    JSON.stringify(
      body.type === 'scenario' ? body.subItems.map((s) => [s.id, gradingOf(s)]) : gradingOf(body),
    );
  return grading(before) !== grading(after);
}
