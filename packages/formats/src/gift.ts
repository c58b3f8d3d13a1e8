/**
 * GIFT (Moodle's plain-text quiz format).
 *
 * Read: `::title::` (the item id), `[html|moodle|plain|markdown]` text formats, multiple choice
 * `{=right#why ~wrong#why}`, multiple response with weights `{~%50%a ~%50%b ~%-100%c}`, short
 * answer `{=E11.9 =E119}` (a fill-in blank whose kind is recognised from the code shapes),
 * numerical `{#3:0.5}` / `{#=3:0.5 =4}` / `{#1..5}` (a number blank), general feedback `####why`
 * (the rationale), `$CATEGORY: path` (domain and tags), `//` comment lines, the escapes
 * `\: \# \= \{ \} \~ \\ \n`. A `// coderprep: k=v; ...` comment before a question carries the
 * facts GIFT has no place for (see meta.ts). True/false, matching, essay and description
 * questions are reported as errors: the engine has no such item.
 *
 * Write: multiple choice, multiple response and single-blank fill-in; scenarios and fill-ins
 * with several blanks are left out (GIFT has one answer block per question).
 */
import type { Item } from '@coderprep/exam-engine';
import { answerTexts } from './answers';
import { applyItemMeta, blankHintAt, type Choice, choiceBody, fillInBody } from './build';
import { toText } from './bytes';
import { categoryToDomainTags, domainTagsToCategory } from './category';
import { resolveLimits } from './limits';
import { formatMetaLine, itemMetaPairs, type MetaPair, parseMetaPairs, readMeta } from './meta';
import { newCandidate, PreviewBuilder } from './preview';
import { htmlToText, idFromTitle, isValidId, looksLikeHtml, normaliseNewlines } from './text';
import type {
  ExportOptions,
  ExportResult,
  ImportOptions,
  ImportPreview,
  Input,
  Issue,
  LeftOut,
} from './types';

/** Index of `token` in `s` from `from`, skipping backslash-escaped characters; -1 when absent. */
function indexOfUnescaped(s: string, token: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s.startsWith(token, i)) return i;
  }
  return -1;
}

const ESCAPABLE = new Set([':', '#', '=', '{', '}', '~', '\\']);

/** Removes GIFT escapes; `\n` becomes a line break; other backslashes stay. */
export function unescapeGift(s: string): string {
  return s.replace(/\\([\s\S])/g, (whole, c: string) => (c === 'n' ? '\n' : ESCAPABLE.has(c) ? c : whole));
}

/** Escapes text for GIFT: the special characters, backslashes and line breaks. */
export function escapeGift(s: string): string {
  return s.replace(/[\\:#={}~]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

type TextFormat = 'html' | 'moodle' | 'plain' | 'markdown';

/** Unescaped, format-converted text. */
function textOf(raw: string, format: TextFormat): string {
  const s = unescapeGift(raw.trim());
  if (format === 'html' || (format === 'moodle' && looksLikeHtml(s)))
    return htmlToText(s, format === 'moodle');
  return s;
}

type Block = { text: string; line: number; meta: MetaPair[] };

/** Splits the file into blank-line separated blocks, dropping comment lines (meta comments kept). */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let pending: MetaPair[] = [];
  let current: { lines: string[]; line: number; meta: MetaPair[] } | null = null;
  const close = () => {
    if (current) blocks.push({ text: current.lines.join('\n'), line: current.line, meta: current.meta });
    current = null;
  };
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed.startsWith('//')) {
      const meta = /^\/\/\s*coderprep:(.*)$/.exec(trimmed);
      if (meta) {
        const pairs = parseMetaPairs(meta[1] ?? '');
        if (current) current.meta.push(...pairs);
        else pending.push(...pairs);
      }
      return;
    }
    if (trimmed === '') {
      close();
      return;
    }
    if (!current) {
      current = { lines: [], line: i + 1, meta: pending };
      pending = [];
    }
    current.lines.push(line);
  });
  close();
  return blocks;
}

type Answer = { mark: '=' | '~'; weight: number | null; text: string; feedback: string };

/** Splits an answer block body into answers at unescaped = and ~. */
function splitAnswers(body: string): Answer[] | string {
  const answers: Answer[] = [];
  let start = -1;
  const push = (end: number) => {
    if (start === -1) return;
    let raw = body.slice(start + 1, end);
    let weight: number | null = null;
    const w = /^\s*%(-?[0-9]+(?:\.[0-9]+)?)%/.exec(raw);
    if (w) {
      weight = Number(w[1]);
      raw = raw.slice(w[0].length);
    }
    const hash = indexOfUnescaped(raw, '#');
    answers.push({
      mark: body[start] as '=' | '~',
      weight,
      text: hash === -1 ? raw : raw.slice(0, hash),
      feedback: hash === -1 ? '' : raw.slice(hash + 1),
    });
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '=' || c === '~') {
      if (start === -1 && body.slice(0, i).trim() !== '')
        return `text before the first answer: "${body.slice(0, i).trim()}"`;
      push(i);
      start = i;
    }
  }
  push(body.length);
  return answers;
}

type Parsed = { fields: Record<string, unknown>; errors: string[]; warnings: string[] };

function parseNumeric(body: string, parsed: Parsed, meta: ReturnType<typeof readMeta>, stem: string): void {
  const alternatives = indexOfUnescaped(body, '=') === -1 ? [`=${body}`] : [];
  const answers = alternatives.length > 0 ? splitAnswers(alternatives[0] ?? '') : splitAnswers(body);
  if (typeof answers === 'string') {
    parsed.errors.push(answers);
    return;
  }
  const values: string[] = [];
  const tolerances = new Set<number>();
  for (const a of answers) {
    if (a.mark === '~' || (a.weight !== null && a.weight < 100)) {
      parsed.warnings.push(`numerical answer "${a.text.trim()}" is not fully right: dropped`);
      continue;
    }
    const t = unescapeGift(a.text).trim();
    const range = /^(-?[0-9.]+)\s*\.\.\s*(-?[0-9.]+)$/.exec(t);
    const tol = /^(-?[0-9.eE+-]+)\s*:\s*([0-9.eE+-]+)$/.exec(t);
    if (range) {
      const lo = Number(range[1]);
      const hi = Number(range[2]);
      values.push(String((lo + hi) / 2));
      tolerances.add(Math.abs(hi - lo) / 2);
    } else if (tol) {
      values.push(tol[1] ?? '');
      tolerances.add(Number(tol[2]));
    } else {
      values.push(t);
      tolerances.add(0);
    }
  }
  if (tolerances.size > 1) parsed.warnings.push('the answers have different tolerances: the largest is used');
  const { id, hint } = blankHintAt(meta, 0, 1);
  const tolerance = Math.max(0, ...tolerances);
  Object.assign(
    parsed.fields,
    fillInBody(
      [{ id, answers: values, hint: { ...hint, kind: 'number', tolerance } }],
      meta,
      stem,
      parsed.errors,
    ),
  );
}

/** Reads one question block (title, text, answer block). */
function parseQuestion(block: Block, parsed: Parsed): void {
  const f = parsed.fields;
  let rest = block.text.trim();
  if (rest.startsWith('::')) {
    const end = indexOfUnescaped(rest, '::', 2);
    if (end === -1) {
      parsed.errors.push('the title is not closed with "::"');
      return;
    }
    const title = unescapeGift(rest.slice(2, end)).trim();
    const id = isValidId(title) ? title : idFromTitle(title);
    if (id !== '') f.id = id;
    rest = rest.slice(end + 2);
  }
  let format: TextFormat = 'moodle';
  const marker = /^\s*\[(html|moodle|plain|markdown)\]/.exec(rest);
  if (marker) {
    format = marker[1] as TextFormat;
    rest = rest.slice(marker[0].length);
  }
  const open = indexOfUnescaped(rest, '{');
  if (open === -1) {
    parsed.errors.push('no answer block {...}: GIFT descriptions are not items');
    return;
  }
  const close = indexOfUnescaped(rest, '}', open + 1);
  if (close === -1) {
    parsed.errors.push('the answer block is not closed with "}"');
    return;
  }
  const before = textOf(rest.slice(0, open), format);
  const after = textOf(rest.slice(close + 1), format);
  const stem = after === '' ? before : `${before} _____ ${after}`.trim();
  f.stem = stem;
  let body = rest.slice(open + 1, close);
  const general = indexOfUnescaped(body, '####');
  if (general !== -1) {
    f.rationale = textOf(body.slice(general + 4), format);
    body = body.slice(0, general);
  }
  const meta = readMeta(block.meta, (m) => parsed.warnings.push(m));
  applyItemMeta(f, meta);
  body = body.trim();
  if (body === '') {
    parsed.errors.push('an essay question (empty answer block) is not supported');
    return;
  }
  if (/^(T|TRUE|F|FALSE)\s*(#|$)/.test(body)) {
    parsed.errors.push('true/false questions are not supported: a multiple-choice item needs 4 options');
    return;
  }
  if (body.startsWith('#')) {
    parseNumeric(body.slice(1), parsed, meta, stem);
    return;
  }
  if (indexOfUnescaped(body, '->') !== -1) {
    parsed.errors.push('matching questions are not supported');
    return;
  }
  const answers = splitAnswers(body);
  if (typeof answers === 'string') {
    parsed.errors.push(answers);
    return;
  }
  if (answers.every((a) => a.mark === '=')) {
    const accepted: string[] = [];
    for (const a of answers) {
      if (a.weight !== null && a.weight < 100)
        parsed.warnings.push(`partly right answer "${a.text.trim()}" dropped`);
      else accepted.push(textOf(a.text, 'plain'));
      if (a.feedback.trim() !== '') parsed.warnings.push('feedback on a short answer is not kept');
    }
    const { id, hint } = blankHintAt(meta, 0, 1);
    Object.assign(f, fillInBody([{ id, answers: accepted, hint }], meta, stem, parsed.errors));
    return;
  }
  const weightOf = (a: Answer) => a.weight ?? (a.mark === '=' ? 100 : 0);
  const full = answers.filter((a) => weightOf(a) >= 100).length;
  const positive = answers.filter((a) => weightOf(a) > 0).length;
  const multiple = meta.multiple ?? !(full === 1 || positive === 1);
  if (!multiple && positive > 1)
    parsed.warnings.push('partial-credit weights ignored: only the fully right option is the key');
  const choices: Choice[] = answers.map((a) => ({
    text: textOf(a.text, format),
    rationale: textOf(a.feedback, format),
    correct: multiple ? weightOf(a) > 0 : weightOf(a) >= (full === 1 ? 100 : Number.MIN_VALUE),
  }));
  if (positive === 0) parsed.errors.push('no answer is marked right (= or a positive %weight%)');
  Object.assign(f, choiceBody(choices, multiple, meta, parsed.warnings));
}

/** Reads a GIFT file. */
export function parseGift(input: Input, options: ImportOptions = {}): ImportPreview {
  const limits = resolveLimits(options.limits);
  const text = normaliseNewlines(toText(input, limits.maxFileBytes));
  const preview = new PreviewBuilder('gift', options, limits);
  let category: { domain?: string; tags: string[] } = { tags: [] };
  let carried: MetaPair[] = [];
  for (const block of blocksOf(text)) {
    const cat = /^\s*\$CATEGORY:\s*([^\n]*)/.exec(block.text);
    if (cat) {
      category = categoryToDomainTags(cat[1] ?? '');
      carried = block.meta;
      continue;
    }
    const candidate = newCandidate({ line: block.line });
    const parsed: Parsed = {
      fields: candidate.fields,
      errors: candidate.errors,
      warnings: candidate.warnings,
    };
    if (category.domain !== undefined) candidate.fields.domain = category.domain;
    if (category.tags.length > 0) candidate.fields.tags = [...category.tags];
    parseQuestion({ ...block, meta: [...carried, ...block.meta] }, parsed);
    carried = [];
    preview.add(candidate);
  }
  return preview.finish();
}

/** Writes a GIFT file. */
export function writeGift(items: readonly Item[], _options: ExportOptions = {}): ExportResult {
  const leftOut: LeftOut[] = [];
  const warnings: Issue[] = [];
  const parts: string[] = [];
  let category = '';
  let written = 0;
  for (const item of items) {
    if (item.type === 'scenario') {
      leftOut.push({ itemId: item.id, reason: 'GIFT has no scenario with sub-items' });
      continue;
    }
    const answers =
      item.type === 'fill-in'
        ? Object.values(item.key).flatMap(answerTexts)
        : item.options.flatMap((o) => [o.text, o.rationale]);
    if (answers.some((a) => a.includes('->'))) {
      leftOut.push({
        itemId: item.id,
        reason: 'an answer holds "->", which GIFT reads as a matching question',
      });
      continue;
    }
    if (item.type === 'fill-in' && item.blanks.length !== 1) {
      leftOut.push({
        itemId: item.id,
        reason: `GIFT holds one blank a question; this fill-in has ${item.blanks.length}`,
      });
      continue;
    }
    const path = domainTagsToCategory(item.domain, item.tags);
    if (path !== category) {
      parts.push(`$CATEGORY: ${path}\n`);
      category = path;
    }
    const texts = [
      item.stem,
      item.rationale,
      ...(item.type === 'fill-in' ? [] : item.options.flatMap((o) => [o.text, o.rationale])),
    ];
    const marker = texts.some((t) => /[<&]/.test(t)) ? '[plain]' : '';
    const pairs = itemMetaPairs(item);
    if (item.type === 'multiple-response' && item.key.length === 1) pairs.push(['multiple', 'true']);
    const lines = [
      `// coderprep: ${formatMetaLine(pairs)}`,
      `::${escapeGift(item.id)}::${marker}${escapeGift(item.stem)}{`,
    ];
    if (item.type === 'fill-in') {
      const blank = item.blanks[0];
      const key = blank ? item.key[blank.id] : undefined;
      if (key?.kind === 'number') {
        lines[1] += '#';
        for (const n of key.accepted) lines.push(`=${n}:${key.tolerance}`);
      } else if (key) for (const a of answerTexts(key)) lines.push(`=${escapeGift(a)}`);
    } else {
      const keys = item.type === 'multiple-choice' ? [item.key] : item.key;
      const right = item.type === 'multiple-choice' ? '=' : `~%${fraction(100 / keys.length)}%`;
      const wrong =
        item.type === 'multiple-choice' ? '~' : `~%-${fraction(100 / (item.options.length - keys.length))}%`;
      for (const o of item.options) {
        const feedback = o.rationale.trim() === '' ? '' : `#${escapeGift(o.rationale)}`;
        lines.push(`${keys.includes(o.id) ? right : wrong}${escapeGift(o.text)}${feedback}`);
      }
    }
    lines.push(`####${escapeGift(item.rationale)}`, '}');
    parts.push(`${lines.join('\n')}\n`);
    written++;
  }
  return { data: parts.join('\n'), report: { written, leftOut, warnings } };
}

/** A Moodle grade fraction in percent with at most 5 decimals. */
export function fraction(percent: number): string {
  return String(Math.round(percent * 100000) / 100000);
}
