/**
 * Medical code formats: parse what a person typed into the canonical form of a code, or say why
 * it is malformed. Shapes follow domain.md "Code formats". Nothing is auto-corrected: O is never
 * read as 0 nor I as 1, because on the exam that is a wrong code, not a typo to forgive.
 */
import type { CodeKind } from './item';

/** A typed code read as one kind: the canonical display form and the dot-free lookup key. */
export type CodeParse = { ok: true; code: string; compact: string } | { ok: false; reason: string };

/** The human name of each code kind, for messages. */
export const CODE_KIND_NAMES: Readonly<Record<CodeKind, string>> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  cpt: 'CPT',
  hcpcs: 'HCPCS Level II',
  modifier: 'modifier',
};

const ICD10CM = /^([A-Z][0-9A-Z]{2})(?:\.?([0-9A-Z]{1,4}))?$/;
const ICD10PCS = /^[0-9A-HJ-NP-Z]{7}$/;
const CPT = /^(?:[0-9]{5}|[0-9]{4}[FTU])$/;
const HCPCS = /^[A-V][0-9]{4}$/;
const MODIFIER = /^[0-9A-Z]{2}$/;

/** Why an upper-cased, trimmed string is not an ICD-10-CM code. */
function icd10cmReason(s: string): string {
  if (!/^[0-9A-Z.]+$/.test(s)) return 'only letters, digits and one dot are allowed';
  if (!/^[A-Z]/.test(s)) return 'an ICD-10-CM code starts with a letter';
  const dot = s.indexOf('.');
  if (dot !== -1 && dot !== 3) return 'the dot goes after the 3rd character';
  if (s.indexOf('.', dot + 1) !== -1) return 'only one dot is allowed';
  if (s.endsWith('.')) return 'characters must follow the dot';
  return 'an ICD-10-CM code has 3 to 7 characters';
}

/** Why an upper-cased, trimmed string is not an ICD-10-PCS code. */
function icd10pcsReason(s: string): string {
  if (s.includes('.')) return 'an ICD-10-PCS code has no dot';
  if (!/^[0-9A-Z]+$/.test(s)) return 'only letters and digits are allowed';
  if (/[IO]/.test(s)) return 'ICD-10-PCS never uses the letters I or O';
  return 'an ICD-10-PCS code has exactly 7 characters';
}

/** Why an upper-cased, trimmed string is not a CPT code. */
function cptReason(s: string): string {
  if (/^[0-9]{4}[A-Z]$/.test(s)) return 'a 4-digit CPT code ends in F, T or U';
  return 'a CPT code is 5 digits, or 4 digits and F, T or U';
}

/** Canonical display form of an already valid, upper-cased code. */
function canonical(kind: CodeKind, s: string): { code: string; compact: string } {
  if (kind !== 'icd10cm') return { code: s, compact: s };
  const compact = s.replace('.', '');
  const code = compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
  return { code, compact };
}

const PATTERNS: Readonly<Record<CodeKind, RegExp>> = {
  icd10cm: ICD10CM,
  icd10pcs: ICD10PCS,
  cpt: CPT,
  hcpcs: HCPCS,
  modifier: MODIFIER,
};

const REASONS: Readonly<Record<CodeKind, (s: string) => string>> = {
  icd10cm: icd10cmReason,
  icd10pcs: icd10pcsReason,
  cpt: cptReason,
  hcpcs: () => 'an HCPCS Level II code is a letter A-V and 4 digits',
  modifier: () => 'a modifier is 2 letters or digits',
};

/** Reads `raw` as a code of `kind`: trimmed, upper-cased, ICD-10-CM dot placed after the 3rd character. */
export function parseCode(kind: CodeKind, raw: string): CodeParse {
  const s = raw.trim().toUpperCase();
  if (s === '') return { ok: false, reason: 'no code entered' };
  if (!PATTERNS[kind].test(s)) return { ok: false, reason: REASONS[kind](s) };
  return { ok: true, ...canonical(kind, s) };
}

/** The canonical form of `raw` as a code of `kind`, or null when it is malformed. */
export function normaliseCode(kind: CodeKind, raw: string): string | null {
  const parsed = parseCode(kind, raw);
  return parsed.ok ? parsed.code : null;
}

/** True when `raw` is a well-formed code of `kind`. */
export function isWellFormed(kind: CodeKind, raw: string): boolean {
  return parseCode(kind, raw).ok;
}

/** Which code set a procedure line's code belongs to (CPT or HCPCS Level II), or null for neither. */
export function detectProcedureCodeKind(raw: string): 'cpt' | 'hcpcs' | null {
  const s = raw.trim().toUpperCase();
  if (CPT.test(s)) return 'cpt';
  if (HCPCS.test(s)) return 'hcpcs';
  return null;
}

/** Splits typed modifiers ("25-59", "LT RT", "25, 59", any mix); an empty string means no modifiers. */
export function parseModifiers(
  raw: string,
): { ok: true; modifiers: string[] } | { ok: false; reason: string } {
  const parts = raw
    .toUpperCase()
    .split(/[\s,-]+/)
    .filter((part) => part !== '');
  const bad = parts.find((part) => !MODIFIER.test(part));
  if (bad !== undefined) return { ok: false, reason: `"${bad}" is not a modifier: ${REASONS.modifier(bad)}` };
  return { ok: true, modifiers: parts };
}

/** The most units one procedure line may carry (as in the item key schema). */
export const MAX_UNITS = 9999;

/**
 * Reads typed units as a whole number from 1 to MAX_UNITS. A blank field is reported as missing
 * (reason 'missing'), not read as 1: units are part of the answer, and the form shows the field.
 */
export function parseUnits(raw: string): { ok: true; units: number } | { ok: false; reason: string } {
  const s = raw.trim();
  if (s === '') return { ok: false, reason: 'missing' };
  if (!/^[0-9]+$/.test(s)) return { ok: false, reason: `"${s}" is not a whole number of units` };
  const units = Number(s);
  if (units < 1 || units > MAX_UNITS) return { ok: false, reason: `units must be from 1 to ${MAX_UNITS}` };
  return { ok: true, units };
}
