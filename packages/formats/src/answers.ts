/**
 * Fill-in blanks as typed answers. Formats without a blank model (GIFT short answer, Moodle
 * short answer and cloze, QTI text entry, the CSV compact syntax) hold a blank as a list of
 * accepted answer strings; this module reads such a list back into an engine blank and key,
 * recognising code shapes when the file does not say what kind the blank is.
 *
 * Answer text per kind (one accepted alternative):
 * - a code (icd10cm, icd10pcs, cpt, hcpcs, modifier): the code, e.g. `E11.9`
 * - procedure-line: code, modifiers joined by "-", units after " x" when not 1: `99213-25`, `J1100 x3`
 * - code-list: codes separated by ", ", an optional code ends in "?": `E11.9, I10, Z79.4?`
 * - number: a decimal number `3`, `2.5` (the tolerance is held separately)
 * - text: the text itself
 */
import {
  type Blank,
  type BlankKey,
  type BlankKind,
  CODE_KIND_NAMES,
  CODE_KINDS,
  type CodeKind,
  detectProcedureCodeKind,
  parseCode,
  parseModifiers,
  parseUnits,
} from '@coderprep/exam-engine';

/** What a file says about a blank beyond its answers. */
export type BlankHint = {
  kind?: BlankKind;
  codeKind?: CodeKind;
  principalFirst?: boolean;
  label?: string;
  tolerance?: number;
};

export type BlankParse = { ok: true; blank: Blank; key: BlankKey } | { ok: false; reason: string };

const NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const CM_START = /^[A-Z][0-9]/;

const isCodeKind = (kind: string): kind is CodeKind => (CODE_KINDS as readonly string[]).includes(kind);

/** The code kind every value has, by shape; null when they share none. */
export function detectCodeKind(values: readonly string[], stem = ''): CodeKind | null {
  const up = values.map((v) => v.trim().toUpperCase());
  if (up.length === 0 || up.some((v) => v === '')) return null;
  const all = (kind: CodeKind) => up.every((v) => parseCode(kind, v).ok);
  if (all('cpt')) return 'cpt';
  const cm = all('icd10cm') && up.every((v) => CM_START.test(v));
  if (cm && up.some((v) => v.includes('.'))) return 'icd10cm';
  if (all('hcpcs')) return 'hcpcs';
  if (cm) return 'icd10cm';
  if (all('icd10pcs') && up.every((v) => /[0-9]/.test(v))) return 'icd10pcs';
  if (/modifier/i.test(stem) && all('modifier')) return 'modifier';
  return null;
}

type ProcedureLineKey = { code: string; modifiers: string[]; units: number };

/** Reads `99213-25 x2` as a procedure line, or says why not. */
export function parseProcedureLine(
  raw: string,
): { ok: true; line: ProcedureLineKey } | { ok: false; reason: string } {
  const m = /^(.*?)(?:\s*[xX\u00d7]\s*([0-9]+))?$/.exec(raw.trim());
  const body = (m?.[1] ?? '').trim();
  const [code = '', ...mods] = body.split(/[\s,-]+/).filter((p) => p !== '');
  if (detectProcedureCodeKind(code) === null)
    return { ok: false, reason: `"${code}" is not a CPT or HCPCS Level II code` };
  const modifiers = parseModifiers(mods.join(' '));
  if (!modifiers.ok) return modifiers;
  let units = 1;
  if (m?.[2] !== undefined) {
    const parsed = parseUnits(m[2]);
    if (!parsed.ok) return parsed;
    units = parsed.units;
  }
  return { ok: true, line: { code: code.toUpperCase(), modifiers: modifiers.modifiers, units } };
}

/** Renders a procedure line as answer text. */
export function formatProcedureLine(line: ProcedureLineKey): string {
  const mods = line.modifiers.length > 0 ? `-${line.modifiers.join('-')}` : '';
  return `${line.code}${mods}${line.units !== 1 ? ` x${line.units}` : ''}`;
}

function splitList(raw: string): { code: string; optional: boolean }[] {
  return raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) =>
      t.endsWith('?') ? { code: t.slice(0, -1).trim(), optional: true } : { code: t, optional: false },
    );
}

/** The kind a list of accepted answers has, by shape. */
export function detectKind(
  alternatives: readonly string[],
  stem = '',
): { kind: BlankKind; codeKind?: CodeKind } {
  const code = detectCodeKind(alternatives, stem);
  if (code) return { kind: code };
  if (alternatives.every((a) => NUMBER.test(a.trim()))) return { kind: 'number' };
  if (alternatives.every((a) => parseProcedureLine(a).ok)) return { kind: 'procedure-line' };
  if (alternatives.length === 1 && alternatives[0] !== undefined) {
    const list = splitList(alternatives[0]);
    if (list.length >= 2) {
      const codeKind = detectCodeKind(
        list.map((e) => e.code),
        stem,
      );
      if (codeKind) return { kind: 'code-list', codeKind };
    }
  }
  return { kind: 'text' };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Builds a blank and its key from accepted answer strings. The hint's kind wins when the file
 * gives one; otherwise the kind is recognised from code shapes (`stem` helps tell a modifier).
 */
export function blankFromAnswers(
  id: string,
  rawAlternatives: readonly string[],
  hint: BlankHint = {},
  stem = '',
): BlankParse {
  const alternatives = unique(rawAlternatives.map((a) => a.trim()).filter((a) => a !== ''));
  if (alternatives.length === 0) return { ok: false, reason: 'the blank has no accepted answer' };
  const detected = hint.kind ? { kind: hint.kind, codeKind: hint.codeKind } : detectKind(alternatives, stem);
  const label = hint.label ?? '';
  const kind = detected.kind;
  if (isCodeKind(kind)) {
    for (const a of alternatives) {
      const parsed = parseCode(kind, a);
      if (!parsed.ok)
        return { ok: false, reason: `"${a}" is not a ${CODE_KIND_NAMES[kind]} code: ${parsed.reason}` };
    }
    return { ok: true, blank: { id, label, kind }, key: { kind, accepted: alternatives } };
  }
  if (kind === 'procedure-line') {
    const accepted: ProcedureLineKey[] = [];
    for (const a of alternatives) {
      const parsed = parseProcedureLine(a);
      if (!parsed.ok) return { ok: false, reason: `"${a}" is not a procedure line: ${parsed.reason}` };
      accepted.push(parsed.line);
    }
    return { ok: true, blank: { id, label, kind }, key: { kind, accepted } };
  }
  if (kind === 'code-list') {
    if (alternatives.length > 1)
      return { ok: false, reason: 'a code list has one set of codes, not alternatives' };
    const codes = splitList(alternatives[0] ?? '');
    const codeKind =
      detected.codeKind ??
      detectCodeKind(
        codes.map((c) => c.code),
        stem,
      );
    if (!codeKind) return { ok: false, reason: 'the codes of the list are not all of one code set' };
    for (const c of codes) {
      const parsed = parseCode(codeKind, c.code);
      if (!parsed.ok)
        return {
          ok: false,
          reason: `"${c.code}" is not a ${CODE_KIND_NAMES[codeKind]} code: ${parsed.reason}`,
        };
    }
    return {
      ok: true,
      blank: { id, label, kind, codeKind, principalFirst: hint.principalFirst ?? false },
      key: { kind, codes },
    };
  }
  if (kind === 'number') {
    const accepted: number[] = [];
    for (const a of alternatives) {
      if (!NUMBER.test(a)) return { ok: false, reason: `"${a}" is not a number` };
      accepted.push(Number(a));
    }
    return { ok: true, blank: { id, label, kind }, key: { kind, accepted, tolerance: hint.tolerance ?? 0 } };
  }
  return { ok: true, blank: { id, label, kind: 'text' }, key: { kind: 'text', accepted: alternatives } };
}

/** The accepted answers of a blank as answer text, one string per alternative. */
export function answerTexts(key: BlankKey): string[] {
  switch (key.kind) {
    case 'procedure-line':
      return key.accepted.map(formatProcedureLine);
    case 'code-list':
      return [key.codes.map((c) => (c.optional ? `${c.code}?` : c.code)).join(', ')];
    case 'number':
      return key.accepted.map(String);
    default:
      return [...key.accepted];
  }
}

/** True when reading `answerTexts` back by shape alone gives the same kind (no hint needed). */
export function kindSurvivesDetection(blank: Blank, key: BlankKey, stem = ''): boolean {
  const back = blankFromAnswers(blank.id, answerTexts(key), {}, stem);
  if (!back.ok || back.blank.kind !== blank.kind) return false;
  if (blank.kind === 'code-list' && back.blank.kind === 'code-list')
    return back.blank.codeKind === blank.codeKind && !blank.principalFirst;
  return true;
}
