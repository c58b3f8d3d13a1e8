/**
 * Checks the editor can make before asking the server: code shapes (domain.md "Code formats",
 * hand-written so the editor does not ship zod) and the obvious structural rules, with the same
 * field paths the server uses. The server stays the authority: it re-checks everything and adds
 * what only it knows (unknown codes, header codes, duplicate item ids in the bank).
 */
import type { CodeKind } from './draft';

export interface Issue {
  path: string;
  message: string;
}

const PATTERNS: Record<CodeKind, RegExp> = {
  icd10cm: /^([A-Z][0-9A-Z]{2})(?:\.?([0-9A-Z]{1,4}))?$/,
  icd10pcs: /^[0-9A-HJ-NP-Z]{7}$/,
  cpt: /^(?:[0-9]{5}|[0-9]{4}[FTU])$/,
  hcpcs: /^[A-V][0-9]{4}$/,
  modifier: /^[0-9A-Z]{2}$/,
};

const NAMES: Record<CodeKind, string> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  cpt: 'CPT',
  hcpcs: 'HCPCS Level II',
  modifier: 'modifier',
};

function reason(kind: CodeKind, s: string): string {
  switch (kind) {
    case 'icd10cm': {
      if (!/^[0-9A-Z.]+$/.test(s)) return 'only letters, digits and one dot are allowed';
      if (!/^[A-Z]/.test(s)) return 'an ICD-10-CM code starts with a letter';
      const dot = s.indexOf('.');
      if (dot !== -1 && dot !== 3) return 'the dot goes after the 3rd character';
      if (s.indexOf('.', dot + 1) !== -1) return 'only one dot is allowed';
      if (s.endsWith('.')) return 'characters must follow the dot';
      return 'an ICD-10-CM code has 3 to 7 characters';
    }
    case 'icd10pcs':
      if (s.includes('.')) return 'an ICD-10-PCS code has no dot';
      if (!/^[0-9A-Z]+$/.test(s)) return 'only letters and digits are allowed';
      if (/[IO]/.test(s)) return 'ICD-10-PCS never uses the letters I or O';
      return 'an ICD-10-PCS code has exactly 7 characters';
    case 'cpt':
      if (/^[0-9]{4}[A-Z]$/.test(s)) return 'a 4-digit CPT code ends in F, T or U';
      return 'a CPT code is 5 digits, or 4 digits and F, T or U';
    case 'hcpcs':
      return 'an HCPCS Level II code is a letter A-V and 4 digits';
    case 'modifier':
      return 'a modifier is 2 letters or digits';
  }
}

/** Why `raw` is not a well-formed code of `kind`, or null when it is (or is still empty). */
export function codeProblem(kind: CodeKind, raw: string): string | null {
  const s = raw.trim().toUpperCase();
  if (s === '' || PATTERNS[kind].test(s)) return null;
  return `"${raw.trim()}" is not a valid ${NAMES[kind]} code (${reason(kind, s)})`;
}

/** Why `raw` is not a CPT or HCPCS Level II code (a procedure line needs one), or null. */
export function procedureCodeProblem(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  if (s === '' || PATTERNS.cpt.test(s) || PATTERNS.hcpcs.test(s)) return null;
  return `"${raw.trim()}" is not a CPT or HCPCS Level II code: a procedure line needs one`;
}

/** Why typed modifiers ("25 59", "25-LT") are not all well-formed, or null. */
export function modifiersProblem(raw: string): string | null {
  const parts = raw.split(/[\s,-]+/).filter((m) => m !== '');
  const bad = parts.find((m) => !PATTERNS.modifier.test(m.toUpperCase()));
  if (bad !== undefined) return `"${bad}" is not a modifier: a modifier is 2 letters or digits`;
  const seen = new Set<string>();
  for (const m of parts.map((p) => p.toUpperCase())) {
    if (seen.has(m)) return `modifier ${m} is listed twice`;
    seen.add(m);
  }
  return null;
}

const canonicalCode = (raw: string) => raw.trim().toUpperCase().replace('.', '');

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const OPTION_ID = /^[A-Za-z0-9_-]+$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const CODE_KINDS: readonly string[] = ['icd10cm', 'icd10pcs', 'cpt', 'hcpcs', 'modifier'];

type Json = Record<string, unknown>;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

function checkId(
  issues: Issue[],
  path: string,
  value: unknown,
  pattern = ID,
  what = 'letters, digits and . _ : -',
) {
  if (!isText(value)) issues.push({ path, message: 'must not be empty' });
  else if (!pattern.test(value)) issues.push({ path, message: `use ${what} only` });
}

function requireText(issues: Issue[], path: string, value: unknown) {
  if (!isText(value)) issues.push({ path, message: 'must not be empty' });
}

function uniqueIds(issues: Issue[], path: string, rows: unknown[], what: string) {
  const ids = rows.map((r) => obj(r).id);
  if (new Set(ids).size !== ids.length) issues.push({ path, message: `${what} ids must be unique` });
}

function checkCodes(issues: Issue[], kind: CodeKind, path: string, codes: unknown[]) {
  codes.forEach((code, i) => {
    if (!isText(code)) issues.push({ path: `${path}.${i}`, message: 'must not be empty' });
    else {
      const problem = codeProblem(kind, code);
      if (problem) issues.push({ path: `${path}.${i}`, message: problem });
    }
  });
}

function checkBlankKey(issues: Issue[], blank: Json, key: Json, path: string) {
  const kind = String(blank.kind);
  const accepted = list(key.accepted);
  if (kind === 'code-list') {
    const codes = list(key.codes).map(obj);
    if (codes.length === 0) issues.push({ path: `${path}.codes`, message: 'at least one code' });
    const seen = new Set<string>();
    codes.forEach((entry, i) => {
      const at = `${path}.codes.${i}.code`;
      const problem = isText(entry.code)
        ? codeProblem(blank.codeKind as CodeKind, entry.code)
        : 'must not be empty';
      if (problem) issues.push({ path: at, message: problem });
      else {
        const compact = canonicalCode(String(entry.code));
        if (seen.has(compact))
          issues.push({ path: at, message: `${String(entry.code).trim()} is listed twice` });
        seen.add(compact);
      }
    });
    if (codes.length > 0 && codes.every((c) => c.optional === true))
      issues.push({ path: `${path}.codes`, message: 'at least one code must be required (not optional)' });
    return;
  }
  if (accepted.length === 0)
    issues.push({ path: `${path}.accepted`, message: 'at least one accepted answer' });
  if (kind === 'procedure-line')
    accepted.map(obj).forEach((line, i) => {
      const at = `${path}.accepted.${i}`;
      if (!isText(line.code)) issues.push({ path: `${at}.code`, message: 'must not be empty' });
      else {
        const problem = procedureCodeProblem(line.code);
        if (problem) issues.push({ path: `${at}.code`, message: problem });
      }
      const problem = modifiersProblem(list(line.modifiers).join(' '));
      if (problem) issues.push({ path: `${at}.modifiers`, message: problem });
      const units = line.units;
      if (typeof units !== 'number' || !Number.isInteger(units) || units < 1 || units > 9999)
        issues.push({ path: `${at}.units`, message: 'units must be a whole number from 1 to 9999' });
    });
  else if (kind === 'number') {
    accepted.forEach((value, i) => {
      if (typeof value !== 'number' || !Number.isFinite(value))
        issues.push({ path: `${path}.accepted.${i}`, message: 'enter a number, e.g. 2 or 0.5' });
    });
    if (typeof key.tolerance !== 'number' || key.tolerance < 0)
      issues.push({ path: `${path}.tolerance`, message: 'enter a number of 0 or more' });
  } else if (kind === 'text')
    accepted.forEach((value, i) => {
      requireText(issues, `${path}.accepted.${i}`, value);
    });
  else if (CODE_KINDS.includes(kind)) checkCodes(issues, kind as CodeKind, `${path}.accepted`, accepted);
}

function checkQuestion(issues: Issue[], q: Json, p: string) {
  if (q.type === 'multiple-choice' || q.type === 'multiple-response') {
    const options = list(q.options).map(obj);
    if (options.length < 4) issues.push({ path: `${p}options`, message: 'at least 4 options' });
    options.forEach((o, i) => {
      checkId(issues, `${p}options.${i}.id`, o.id, OPTION_ID, 'letters, digits, _ and -');
      requireText(issues, `${p}options.${i}.text`, o.text);
    });
    uniqueIds(issues, `${p}options`, options, 'option');
    if (q.type === 'multiple-choice' && !isText(q.key))
      issues.push({ path: `${p}key`, message: 'choose the correct option' });
    if (q.type === 'multiple-response') {
      const key = list(q.key);
      if (key.length === 0) issues.push({ path: `${p}key`, message: 'mark at least one option correct' });
      else if (key.length >= options.length)
        issues.push({ path: `${p}key`, message: 'at least one option must be wrong' });
    }
  }
  if (q.type === 'fill-in') {
    const blanks = list(q.blanks).map(obj);
    if (blanks.length === 0) issues.push({ path: `${p}blanks`, message: 'at least one blank' });
    blanks.forEach((b, i) => {
      checkId(issues, `${p}blanks.${i}.id`, b.id);
    });
    uniqueIds(issues, `${p}blanks`, blanks, 'blank');
    const keys = obj(q.key);
    for (const blank of blanks)
      if (isText(blank.id)) checkBlankKey(issues, blank, obj(keys[blank.id]), `${p}key.${blank.id}`);
  }
}

/** Every problem the editor can see in a body (as toBody builds it), by server field path. */
export function checkBody(body: Json): Issue[] {
  const issues: Issue[] = [];
  checkId(issues, 'id', body.id);
  if (!isText(body.domain)) issues.push({ path: 'domain', message: 'must not be empty' });
  else if (!SLUG.test(body.domain))
    issues.push({ path: 'domain', message: 'use a lower-case slug such as surgery-20000' });
  const year = body.codeSetYear;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2015 || year > 2100)
    issues.push({ path: 'codeSetYear', message: 'enter a year from 2015 to 2100' });
  requireText(issues, 'stem', body.stem);
  requireText(issues, 'rationale', body.rationale);
  if (body.type === 'scenario') {
    requireText(issues, 'caseText', body.caseText);
    const subItems = list(body.subItems).map(obj);
    if (subItems.length === 0) issues.push({ path: 'subItems', message: 'at least one sub-item' });
    uniqueIds(issues, 'subItems', subItems, 'sub-item');
    subItems.forEach((sub, i) => {
      checkId(issues, `subItems.${i}.id`, sub.id);
      requireText(issues, `subItems.${i}.stem`, sub.stem);
      checkQuestion(issues, sub, `subItems.${i}.`);
    });
  } else checkQuestion(issues, body, '');
  return issues;
}
