/**
 * Grading: one response against one item's key, with a detail the review screen can show line
 * by line and feedback text. Typed answers are normalised here (never on save), following
 * domain.md "Grading a typed code": case and surrounding space never matter, a malformed code is
 * wrong, a well-formed code the loaded code set lacks is wrong, extra codes cost credit.
 */
import { CODE_KIND_NAMES, detectProcedureCodeKind, parseCode, parseModifiers, parseUnits } from './codes';
import type { CodeSet } from './codeset';
import { EngineError } from './errors';
import type { Blank, BlankKey, CodeKind, Item, PartialCredit, ProcedureLine, SubItem } from './item';
import type { BlankResponse, ProcedureLineResponse, Response, SubResponse } from './response';

// ---------------------------------------------------------------- types

/** How one blank was answered. 'partial' only for a code list in a proportional item. */
export type BlankStatus = 'correct' | 'partial' | 'wrong' | 'malformed' | 'unknown-code' | 'missing';

type BlankGradeBase = {
  blankId: string;
  label: string;
  status: BlankStatus;
  /** 0..1; a code list scores in proportion only when the item is proportional. */
  score: number;
  /** What to tell the student about this blank. */
  message: string;
};

/** A single code blank (ICD-10-CM, ICD-10-PCS, CPT, HCPCS or modifier). */
export type CodeBlankGrade = BlankGradeBase & {
  kind: CodeKind;
  entered: string;
  /** The canonical form of what was entered, or null when nothing readable was entered. */
  normalised: string | null;
  /** Every accepted answer, canonical. */
  accepted: string[];
};

/** A procedure line as read: null parts could not be read. */
export type ReadProcedureLine = { code: string | null; modifiers: string[] | null; units: number | null };

export type ProcedureLineGrade = BlankGradeBase & {
  kind: 'procedure-line';
  entered: ProcedureLineResponse;
  normalised: ReadProcedureLine;
  /** Accepted lines, canonical, modifiers sorted. */
  accepted: ProcedureLine[];
  /** Which parts agree with the closest accepted line; null when the line was missing or malformed. */
  parts: { code: boolean; modifiers: boolean; units: boolean } | null;
};

/** What became of one code entered in a code list. */
export type CodeListEntryStatus =
  | 'matched'
  | 'optional'
  | 'extra'
  | 'wrong-position'
  | 'malformed'
  | 'unknown-code'
  | 'duplicate';

export type CodeListEntryGrade = {
  entered: string;
  normalised: string | null;
  status: CodeListEntryStatus;
  message: string;
};

export type CodeListGrade = BlankGradeBase & {
  kind: 'code-list';
  codeKind: CodeKind;
  entered: string[];
  /** One per non-empty entry, in the order entered. */
  entries: CodeListEntryGrade[];
  /** Required key codes that were not entered at all. */
  missing: string[];
  /** The key, canonical; the first is the principal one when the blank says principalFirst. */
  accepted: { code: string; optional: boolean }[];
};

export type NumberBlankGrade = BlankGradeBase & {
  kind: 'number';
  entered: string;
  normalised: number | null;
  accepted: number[];
  tolerance: number;
};

export type TextBlankGrade = BlankGradeBase & {
  kind: 'text';
  entered: string;
  /** Lower-cased, white space collapsed. */
  normalised: string;
  accepted: string[];
};

export type BlankGrade =
  | CodeBlankGrade
  | ProcedureLineGrade
  | CodeListGrade
  | NumberBlankGrade
  | TextBlankGrade;

/** What was answered, item type by item type. */
export type GradeDetail =
  | { type: 'multiple-choice'; chosen: string | null; key: string; correct: boolean }
  | {
      type: 'multiple-response';
      options: { id: string; chosen: boolean; keyed: boolean }[];
      /** Chosen ids that are not options of the item (counted as wrong choices). */
      unknownChoices: string[];
      rightChosen: number;
      wrongChosen: number;
    }
  | { type: 'fill-in'; blanks: BlankGrade[] }
  | { type: 'scenario'; subItems: { id: string; grade: Grade }[] };

/** A feedback line about one option, blank or sub-item (`about` is its id; sub-item lines are "sub.id"). */
export type FeedbackMessage = { about: string; text: string };

/** The text shown after grading. */
export type Feedback = {
  /** Why the key is right (the item's or sub-item's rationale). */
  rationale: string;
  messages: FeedbackMessage[];
};

export type Grade = {
  /** 0..1 of the item's points. */
  score: number;
  /** True exactly when score is 1. */
  correct: boolean;
  /** False when nothing was entered: the response was missing or empty. */
  answered: boolean;
  detail: GradeDetail;
  feedback: Feedback;
};

export type GradeOptions = {
  /** Loaded code tables: a well-formed code absent from a loaded table is wrong. */
  codeSet?: CodeSet;
};

// ---------------------------------------------------------------- entry point

/** Grades a response (or its absence) to an item or a scenario's sub-item. */
export function gradeResponse(
  question: Item | SubItem,
  response: Response | SubResponse | undefined,
  options: GradeOptions = {},
): Grade {
  if (response !== undefined && response.type !== question.type)
    throw new EngineError(
      'invalid-response',
      `a ${response.type} response cannot answer ${question.type} item "${question.id}"`,
      { itemId: question.id },
    );
  switch (question.type) {
    case 'multiple-choice':
      return gradeMultipleChoice(question, response as ResponseOf<'multiple-choice'> | undefined);
    case 'multiple-response':
      return gradeMultipleResponse(question, response as ResponseOf<'multiple-response'> | undefined);
    case 'fill-in':
      return gradeFillIn(question, response as ResponseOf<'fill-in'> | undefined, options.codeSet);
    case 'scenario':
      return gradeScenario(question, response as ResponseOf<'scenario'> | undefined, options);
  }
}

type ResponseOf<T extends Response['type']> = Extract<Response, { type: T }>;
type QuestionOf<T extends Item['type']> = Extract<Item | SubItem, { type: T }>;

/** A Grade whose `correct` always agrees with its score. */
const grade = (score: number, answered: boolean, detail: GradeDetail, feedback: Feedback): Grade => ({
  score,
  correct: score === 1,
  answered,
  detail,
  feedback,
});

// ---------------------------------------------------------------- choices

/** One option, chosen or not, against a single key. */
function gradeMultipleChoice(
  question: QuestionOf<'multiple-choice'>,
  response: ResponseOf<'multiple-choice'> | undefined,
): Grade {
  const chosen = response?.choice || null;
  const correct = chosen === question.key;
  const messages: FeedbackMessage[] = [];
  for (const option of question.options)
    if ((option.id === chosen || option.id === question.key) && option.rationale.trim() !== '')
      messages.push({ about: option.id, text: option.rationale });
  return grade(
    correct ? 1 : 0,
    chosen !== null,
    { type: 'multiple-choice', chosen, key: question.key, correct },
    { rationale: question.rationale, messages },
  );
}

/**
 * Several options against a keyed set. All-or-nothing: exactly the keyed set. Proportional:
 * max(0, (right chosen - wrong chosen) / keyed count), so choosing everything earns nothing.
 */
function gradeMultipleResponse(
  question: QuestionOf<'multiple-response'>,
  response: ResponseOf<'multiple-response'> | undefined,
): Grade {
  const chosen = new Set(response?.choices ?? []);
  const keyed = new Set(question.key);
  const optionIds = new Set(question.options.map((o) => o.id));
  const rightChosen = [...chosen].filter((id) => keyed.has(id)).length;
  const wrongChosen = chosen.size - rightChosen;
  const score =
    question.partialCredit === 'proportional'
      ? Math.max(0, (rightChosen - wrongChosen) / keyed.size)
      : rightChosen === keyed.size && wrongChosen === 0
        ? 1
        : 0;
  const messages = question.options
    .filter((o) => (chosen.has(o.id) || keyed.has(o.id)) && o.rationale.trim() !== '')
    .map((o) => ({ about: o.id, text: o.rationale }));
  return grade(
    score,
    chosen.size > 0,
    {
      type: 'multiple-response',
      options: question.options.map((o) => ({ id: o.id, chosen: chosen.has(o.id), keyed: keyed.has(o.id) })),
      unknownChoices: [...chosen].filter((id) => !optionIds.has(id)),
      rightChosen,
      wrongChosen,
    },
    { rationale: question.rationale, messages },
  );
}

// ---------------------------------------------------------------- fill-in and scenario

/** Every blank graded; all-or-nothing needs every blank right, proportional takes the mean. */
function gradeFillIn(
  question: QuestionOf<'fill-in'>,
  response: ResponseOf<'fill-in'> | undefined,
  codeSet: CodeSet | undefined,
): Grade {
  const blanks = question.blanks.map((blank) =>
    gradeBlank(blank, keyFor(question, blank), response?.blanks[blank.id], {
      partialCredit: question.partialCredit,
      codeSet,
    }),
  );
  const score =
    question.partialCredit === 'proportional'
      ? blanks.reduce((sum, b) => sum + b.score, 0) / blanks.length
      : blanks.every((b) => b.score === 1)
        ? 1
        : 0;
  return grade(
    score,
    blanks.some((b) => b.status !== 'missing'),
    { type: 'fill-in', blanks },
    { rationale: question.rationale, messages: blanks.flatMap(blankMessages) },
  );
}

/** The key of a blank, refusing an item whose key and blanks disagree (the schema prevents it). */
function keyFor(question: QuestionOf<'fill-in'>, blank: Blank): BlankKey {
  const key = question.key[blank.id];
  if (!key || key.kind !== blank.kind)
    throw new EngineError(
      'invalid-item',
      `item "${question.id}": blank "${blank.id}" has no ${blank.kind} key`,
      {
        itemId: question.id,
      },
    );
  return key;
}

/** Feedback lines of a blank: its message, then what went wrong with each code of a list. */
function blankMessages(blank: BlankGrade): FeedbackMessage[] {
  const lines = [{ about: blank.blankId, text: blank.message }];
  if (blank.kind === 'code-list')
    for (const entry of blank.entries)
      if (entry.status !== 'matched') lines.push({ about: blank.blankId, text: entry.message });
  return lines;
}

/** The mean of the sub-items' scores: a scenario is worth one point per sub-item. */
function gradeScenario(
  question: QuestionOf<'scenario'>,
  response: ResponseOf<'scenario'> | undefined,
  options: GradeOptions,
): Grade {
  const subItems = question.subItems.map((sub) => ({
    id: sub.id,
    grade: gradeResponse(sub, response?.subResponses[sub.id], options),
  }));
  const score = subItems.reduce((sum, s) => sum + s.grade.score, 0) / subItems.length;
  const messages = subItems.flatMap(({ id, grade: g }) => [
    ...(g.feedback.rationale.trim() === '' ? [] : [{ about: id, text: g.feedback.rationale }]),
    ...g.feedback.messages.map((m) => ({ about: `${id}.${m.about}`, text: m.text })),
  ]);
  return grade(
    score,
    subItems.some((s) => s.grade.answered),
    { type: 'scenario', subItems },
    { rationale: question.rationale, messages },
  );
}

// ---------------------------------------------------------------- blanks

type BlankContext = { partialCredit: PartialCredit; codeSet: CodeSet | undefined };

/** Grades one blank by the kind of its key. */
function gradeBlank(
  blank: Blank,
  key: BlankKey,
  raw: BlankResponse | undefined,
  context: BlankContext,
): BlankGrade {
  // One spread after literal fields: on Node 20 `{ ...a, ...b }` takes V8's slow path (~7 µs).
  const base = (grade: Omit<BlankGrade, 'blankId' | 'label'>) =>
    ({ blankId: blank.id, label: blank.label, ...grade }) as BlankGrade;
  switch (key.kind) {
    case 'procedure-line':
      return base(gradeProcedureLine(key.accepted, lineOf(blank, raw), context.codeSet));
    case 'code-list': {
      const list = blank as Extract<Blank, { kind: 'code-list' }>;
      return base(gradeCodeList(list, key.codes, listOf(blank, raw), context));
    }
    case 'number':
      return base(gradeNumber(key.accepted, key.tolerance, textOf(blank, raw)));
    case 'text':
      return base(gradeText(key.accepted, textOf(blank, raw)));
    default:
      return base(gradeCode(key.kind, key.accepted, textOf(blank, raw), context.codeSet));
  }
}

/** An 'invalid-response' error for a blank answered with the wrong shape. */
const shapeError = (blank: Blank, expected: string) =>
  new EngineError('invalid-response', `blank "${blank.id}" (${blank.kind}) expects ${expected}`, {
    blankId: blank.id,
  });

/** The typed text of a single-value blank ('' when missing). */
function textOf(blank: Blank, raw: BlankResponse | undefined): string {
  if (raw === undefined) return '';
  if (typeof raw !== 'string') throw shapeError(blank, 'text');
  return raw;
}

/** The typed codes of a list: an array, or one string split at commas, semicolons and white space. */
function listOf(blank: Blank, raw: BlankResponse | undefined): string[] {
  if (raw === undefined) return [];
  if (typeof raw === 'string') return raw.split(/[\s,;]+/);
  if (!Array.isArray(raw)) throw shapeError(blank, 'a list of codes');
  return raw;
}

/** The typed procedure line (all parts blank when missing). */
function lineOf(blank: Blank, raw: BlankResponse | undefined): ProcedureLineResponse {
  if (raw === undefined) return { code: '', modifiers: '', units: '' };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw shapeError(blank, 'a procedure line');
  return { code: raw.code ?? '', modifiers: raw.modifiers ?? '', units: raw.units ?? '' };
}

/**
 * Key codes read once: the same keys are graded for every attempt, so their parsed forms are
 * memoised (a pure function of kind and text; bounded so a long-lived server cannot grow it).
 */
const keyForms = new Map<string, { compact: string; display: string }>();
function keyForm(kind: CodeKind, code: string): { compact: string; display: string } {
  const memo = `${kind}:${code}`;
  let form = keyForms.get(memo);
  if (form === undefined) {
    const parsed = parseCode(kind, code);
    const fallback = code.trim().toUpperCase();
    form = parsed.ok
      ? { compact: parsed.compact, display: parsed.code }
      : { compact: fallback, display: fallback };
    if (keyForms.size >= 50_000) keyForms.clear();
    keyForms.set(memo, form);
  }
  return form;
}

/** The comparison key of a key code: its compact form, or the code as written when the key itself is malformed. */
const keyCompact = (kind: CodeKind, code: string): string => keyForm(kind, code).compact;

/** The display form of a key code. */
const keyDisplay = (kind: CodeKind, code: string): string => keyForm(kind, code).display;

/** True when a loaded table for `kind` lacks `code`. */
const unknownIn = (codeSet: CodeSet | undefined, kind: CodeKind, code: string) =>
  codeSet?.lookup(kind, code).status === 'absent';

/** Why a typed code is not read as a code, as a sentence. */
const malformedMessage = (kind: CodeKind, typed: string, reason: string) =>
  `${typed} is not a valid ${CODE_KIND_NAMES[kind]} code format (${reason}).`;

/** Why a well-formed code is wrong when the loaded code set lacks it. */
const unknownMessage = (kind: CodeKind, code: string) =>
  `${code} is well-formed but is not in the ${CODE_KIND_NAMES[kind]} code set.`;

/** One typed code against its accepted answers. */
function gradeCode(
  kind: CodeKind,
  accepted: string[],
  entered: string,
  codeSet: CodeSet | undefined,
): Omit<CodeBlankGrade, 'blankId' | 'label'> {
  const shown = accepted.map((code) => keyDisplay(kind, code));
  const result = (status: BlankStatus, normalised: string | null, message: string) => ({
    kind,
    entered,
    normalised,
    accepted: shown,
    status,
    score: status === 'correct' ? 1 : 0,
    message,
  });
  const typed = entered.trim();
  if (typed === '') return result('missing', null, 'No answer entered.');
  const parsed = parseCode(kind, typed);
  if (!parsed.ok) return result('malformed', null, malformedMessage(kind, typed, parsed.reason));
  if (accepted.some((code) => keyCompact(kind, code) === parsed.compact))
    return result('correct', parsed.code, `${parsed.code} is correct.`);
  const found = codeSet?.lookup(kind, parsed.code);
  if (found?.status === 'absent')
    return result('unknown-code', parsed.code, unknownMessage(kind, parsed.code));
  if (found?.status === 'found' && !found.info.billable)
    return result(
      'wrong',
      parsed.code,
      `${parsed.code} is not the answer (it is a header code, not valid for billing).`,
    );
  return result('wrong', parsed.code, `${parsed.code} is well-formed but not the answer.`);
}

/** Reads a typed procedure line; problems lists what could not be read. */
function readLine(entered: ProcedureLineResponse): { line: ReadProcedureLine; problems: string[] } {
  const problems: string[] = [];
  const typedCode = entered.code.trim().toUpperCase();
  const codeKind = detectProcedureCodeKind(typedCode);
  if (typedCode === '') problems.push('No code entered.');
  else if (codeKind === null) problems.push(`${typedCode} is not a valid CPT or HCPCS Level II code format.`);
  const modifiers = parseModifiers(entered.modifiers);
  if (!modifiers.ok) problems.push(`${modifiers.reason}.`);
  const units = parseUnits(entered.units);
  if (!units.ok) problems.push(units.reason === 'missing' ? 'Units are missing.' : `${units.reason}.`);
  return {
    line: {
      code: codeKind === null ? null : typedCode,
      modifiers: modifiers.ok ? [...modifiers.modifiers].sort() : null,
      units: units.ok ? units.units : null,
    },
    problems,
  };
}

/** A key line in canonical form: upper-case code, sorted upper-case modifiers. */
const canonicalLine = (line: ProcedureLine): ProcedureLine => ({
  code: line.code.trim().toUpperCase(),
  modifiers: line.modifiers.map((m) => m.trim().toUpperCase()).sort(),
  units: line.units,
});

/** Which parts of a read line agree with a key line. */
const partsAgainst = (read: ReadProcedureLine, key: ProcedureLine) => ({
  code: read.code === key.code,
  modifiers: read.modifiers !== null && read.modifiers.join(' ') === key.modifiers.join(' '),
  units: read.units === key.units,
});

/** "a", "a and b", "a, b and c". */
const listing = (words: readonly string[]) =>
  words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');

/** A procedure line (code + modifiers in any order + units) against its accepted lines. */
function gradeProcedureLine(
  acceptedLines: ProcedureLine[],
  entered: ProcedureLineResponse,
  codeSet: CodeSet | undefined,
): Omit<ProcedureLineGrade, 'blankId' | 'label'> {
  const accepted = acceptedLines.map(canonicalLine);
  const { line, problems } = readLine(entered);
  const result = (status: BlankStatus, message: string, parts: ProcedureLineGrade['parts'] = null) => ({
    kind: 'procedure-line' as const,
    entered,
    normalised: line,
    accepted,
    parts,
    status,
    score: status === 'correct' ? 1 : 0,
    message,
  });
  const blank = [entered.code, entered.modifiers, entered.units].every((part) => part.trim() === '');
  if (blank) return result('missing', 'No answer entered.');
  if (problems.length > 0) return result('malformed', problems.join(' '));
  const scored = accepted.map((key) => partsAgainst(line, key));
  const agreeing = (p: (typeof scored)[number]) =>
    Number(p.code) * 4 + Number(p.modifiers) * 2 + Number(p.units);
  const best = scored.reduce((a, b) => (agreeing(b) > agreeing(a) ? b : a));
  if (agreeing(best) === 7) return result('correct', 'The procedure line is correct.', best);
  const code = line.code as string;
  const kind = detectProcedureCodeKind(code) as CodeKind;
  if (!best.code && unknownIn(codeSet, kind, code))
    return result('unknown-code', unknownMessage(kind, code), best);
  const wrong = (['code', 'modifiers', 'units'] as const).filter((part) => !best[part]);
  const verb = wrong.length === 1 && wrong[0] === 'code' ? 'is' : 'are';
  return result('wrong', `Not the answer: the ${listing(wrong)} ${verb} wrong.`, best);
}

/**
 * A list of codes against a key read as a set: score = right / max(counted entries, required
 * codes), where optional codes and repeats are not counted, and the principal code (when the
 * blank says principalFirst) earns credit only in first position.
 */
function gradeCodeList(
  blank: Extract<Blank, { kind: 'code-list' }>,
  keyCodes: { code: string; optional: boolean }[],
  entered: string[],
  context: BlankContext,
): Omit<CodeListGrade, 'blankId' | 'label'> {
  const kind = blank.codeKind;
  const required = new Set(keyCodes.filter((c) => !c.optional).map((c) => keyCompact(kind, c.code)));
  const optional = new Set(keyCodes.filter((c) => c.optional).map((c) => keyCompact(kind, c.code)));
  const first = keyCodes[0];
  const principal = blank.principalFirst && first && !first.optional ? keyCompact(kind, first.code) : null;
  const seen = new Set<string>();
  const matched = new Set<string>();
  const entries: CodeListEntryGrade[] = [];
  for (const typedRaw of entered) {
    const typed = typedRaw.trim();
    if (typed === '') continue;
    const position = entries.length;
    const parsed = parseCode(kind, typed);
    const entry = (status: CodeListEntryStatus, message: string) =>
      entries.push({ entered: typed, normalised: parsed.ok ? parsed.code : null, status, message });
    if (!parsed.ok) {
      entry('malformed', malformedMessage(kind, typed, parsed.reason));
      continue;
    }
    const { code, compact } = parsed;
    if (seen.has(compact)) entry('duplicate', `${code} was entered more than once; it counts once.`);
    else if (compact === principal && position !== 0)
      entry('wrong-position', `${code} must be listed first.`);
    else if (required.has(compact)) {
      matched.add(compact);
      entry('matched', `${code} is correct.`);
    } else if (optional.has(compact))
      entry('optional', `${code} is optional: it neither gains nor loses credit.`);
    else if (unknownIn(context.codeSet, kind, code)) entry('unknown-code', unknownMessage(kind, code));
    else entry('extra', `${code} is well-formed but not in the answer.`);
    seen.add(compact);
  }
  const counted = entries.filter((e) => e.status !== 'duplicate' && e.status !== 'optional').length;
  // A key of optional codes only (an authoring slip key checks report) accepts any list without wrong codes.
  const raw = required.size === 0 && counted === 0 ? 1 : matched.size / Math.max(counted, required.size);
  const proportional = context.partialCredit === 'proportional';
  const score = proportional ? raw : raw === 1 ? 1 : 0;
  const missing = keyCodes
    .filter((c) => !c.optional && !seen.has(keyCompact(kind, c.code)))
    .map((c) => keyDisplay(kind, c.code));
  const status: BlankStatus =
    entries.length === 0
      ? 'missing'
      : raw === 1
        ? 'correct'
        : proportional && score > 0
          ? 'partial'
          : 'wrong';
  return {
    kind: 'code-list',
    codeKind: kind,
    entered,
    entries,
    missing,
    accepted: keyCodes.map((c) => ({ code: keyDisplay(kind, c.code), optional: c.optional })),
    status,
    score: status === 'missing' ? 0 : score,
    message: codeListMessage(status, matched.size, required.size, counted - matched.size),
  };
}

/** The summary line of a code list. */
function codeListMessage(status: BlankStatus, right: number, required: number, wrong: number): string {
  if (status === 'missing') return 'No codes entered.';
  if (status === 'correct') return 'Every code is correct.';
  const extra = wrong > 0 ? `; ${wrong} entered code${wrong > 1 ? 's are' : ' is'} wrong` : '';
  return `${right} of ${required} required code${required === 1 ? '' : 's'} right${extra}.`;
}

/** Reads a typed number: optional sign, decimals, thousands separated by commas. */
function readNumber(typed: string): number | null {
  const plain = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(typed) ? typed.replaceAll(',', '') : typed;
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(plain) ? Number(plain) : null;
}

/** A number within tolerance of an accepted one (plus a hair for binary fractions). */
function gradeNumber(
  accepted: number[],
  tolerance: number,
  entered: string,
): Omit<NumberBlankGrade, 'blankId' | 'label'> {
  const typed = entered.trim();
  const normalised = typed === '' ? null : readNumber(typed);
  const result = (status: BlankStatus, message: string) => ({
    kind: 'number' as const,
    entered,
    normalised,
    accepted,
    tolerance,
    status,
    score: status === 'correct' ? 1 : 0,
    message,
  });
  if (typed === '') return result('missing', 'No answer entered.');
  if (normalised === null) return result('malformed', `${typed} is not a number.`);
  const close = (a: number) => Math.abs(normalised - a) <= tolerance + 1e-9 * Math.max(1, Math.abs(a));
  return accepted.some(close)
    ? result('correct', `${typed} is correct.`)
    : result('wrong', `${typed} is not the answer.`);
}

/** Text as compared: Unicode-normalised, lower-case, runs of white space collapsed. */
const normaliseText = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Typed text against accepted answers, ignoring case and white space runs. */
function gradeText(accepted: string[], entered: string): Omit<TextBlankGrade, 'blankId' | 'label'> {
  const normalised = normaliseText(entered);
  const result = (status: BlankStatus, message: string) => ({
    kind: 'text' as const,
    entered,
    normalised,
    accepted,
    status,
    score: status === 'correct' ? 1 : 0,
    message,
  });
  if (normalised === '') return result('missing', 'No answer entered.');
  return accepted.some((a) => normaliseText(a) === normalised)
    ? result('correct', 'Correct.')
    : result('wrong', `"${entered.trim()}" is not the answer.`);
}
