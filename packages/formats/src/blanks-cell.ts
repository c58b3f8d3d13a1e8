/**
 * The CSV `blanks` cell: the blanks of a fill-in item and their keys, in a compact syntax a
 * person can type, or as JSON for what the compact syntax cannot say (labels, answers holding
 * `|`, `;`, `=` or line breaks).
 *
 * Compact: one blank per line or `;`-separated, each `ID:KIND(OPTIONS)=ANSWER|ANSWER`:
 * - `dx:icd10cm=E11.9|E119`             ICD-10-CM code, two accepted spellings
 * - `px:procedure-line=99213-25|99214 x2`  code, modifiers by "-", units after " x"
 * - `dxs:code-list(icd10cm,principal)=E11.9, I10, Z79.4?`  a set; "?" = optional; principal first
 * - `n:number(0.5)=3`                   a number with tolerance 0.5
 * - `t:text=left|left side`             text, case and spacing ignored
 * `:KIND` may be left out (the kind is then recognised from the answers' code shapes) and so may
 * `ID:` (blanks are then b1, b2, ...).
 * JSON: `{"blanks":[...],"key":{...}}`, exactly the engine's fill-in fields.
 */
import {
  BLANK_KINDS,
  type Blank,
  type BlankKey,
  type BlankKind,
  type CodeKind,
} from '@coderprep/exam-engine';
import { answerTexts, type BlankHint, blankFromAnswers } from './answers';

export type BlanksCell = { ok: true; blanks: unknown; key: unknown } | { ok: false; reason: string };

const HEAD = /^(.*?):([a-z0-9-]+)(?:\(([^)]*)\))?$/;

/** Reads a blanks cell. */
export function parseBlanksCell(cell: string, stem: string): BlanksCell {
  const text = cell.trim();
  if (text === '') return { ok: false, reason: 'a fill-in item needs the blanks column' };
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: `blanks: not valid JSON (${error instanceof Error ? error.message : ''})` };
    }
    if (typeof json !== 'object' || json === null || !('blanks' in json) || !('key' in json))
      return { ok: false, reason: 'blanks: JSON must be {"blanks": [...], "key": {...}}' };
    return { ok: true, blanks: json.blanks, key: json.key };
  }
  const blanks: Blank[] = [];
  const key: Record<string, BlankKey> = {};
  const segments = text
    .split(/[\n;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const [i, segment] of segments.entries()) {
    const eq = segment.indexOf('=');
    const head = eq === -1 ? '' : segment.slice(0, eq).trim();
    const answers = eq === -1 ? segment : segment.slice(eq + 1);
    const hint: BlankHint = {};
    let id = head;
    const m = HEAD.exec(head);
    if (m && (BLANK_KINDS as readonly string[]).includes(m[2] ?? '')) {
      id = m[1] ?? '';
      hint.kind = m[2] as BlankKind;
      const opts = (m[3] ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== '');
      if (hint.kind === 'code-list') {
        for (const o of opts) {
          if (o === 'principal') hint.principalFirst = true;
          else hint.codeKind = o as CodeKind;
        }
      } else if (hint.kind === 'number' && opts[0] !== undefined) hint.tolerance = Number(opts[0]);
    }
    if (id === '') id = `b${i + 1}`;
    if (key[id]) return { ok: false, reason: `blanks: blank "${id}" is given twice` };
    const parsed = blankFromAnswers(id, answers.split('|'), hint, stem);
    if (!parsed.ok) return { ok: false, reason: `blank "${id}": ${parsed.reason}` };
    blanks.push(parsed.blank);
    key[id] = parsed.key;
  }
  if (blanks.length === 0) return { ok: false, reason: 'a fill-in item needs at least one blank' };
  return { ok: true, blanks, key };
}

function headOf(blank: Blank, key: BlankKey): string {
  let opts = '';
  if (blank.kind === 'code-list') opts = `(${blank.codeKind}${blank.principalFirst ? ',principal' : ''})`;
  if (key.kind === 'number' && key.tolerance !== 0) opts = `(${key.tolerance})`;
  return `${blank.id}:${blank.kind}${opts}`;
}

/** Canonical JSON (sorted keys) for comparing two structures. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** Writes a blanks cell: compact when reading it back gives the same blanks and keys, else JSON. */
export function formatBlanksCell(
  blanks: readonly Blank[],
  key: Readonly<Record<string, BlankKey>>,
  stem: string,
): string {
  const lines: string[] = [];
  let compactable = true;
  for (const blank of blanks) {
    const k = key[blank.id];
    if (!k) {
      compactable = false;
      break;
    }
    const answers = answerTexts(k);
    if (answers.some((a) => /[|;=\n\r]/.test(a)) || /[;=\n\r]/.test(blank.id)) compactable = false;
    lines.push(`${headOf(blank, k)}=${answers.join('|')}`);
  }
  if (compactable) {
    const compact = lines.join('\n');
    const back = parseBlanksCell(compact, stem);
    if (back.ok && stableJson(back.blanks) === stableJson(blanks) && stableJson(back.key) === stableJson(key))
      return compact;
  }
  return JSON.stringify({ blanks, key });
}
