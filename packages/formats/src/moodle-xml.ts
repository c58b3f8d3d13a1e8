/**
 * Moodle XML (`<quiz><question type="...">`).
 *
 * Read: multichoice (single and multiple answers), shortanswer and numerical (a one-blank
 * fill-in), cloze/multianswer (a fill-in with a blank per embedded SHORTANSWER, NUMERICAL or
 * MULTICHOICE question), category (domain and tags), general feedback (the rationale), answer
 * feedback (option rationales), tags, idnumber (the id; else the name). Question text in the
 * html, moodle_auto_format, plain_text or markdown format becomes plain text (HTML converted,
 * never interpreted). Tags `coderprep:k=v` carry what Moodle has no field for (see meta.ts).
 * Descriptions are skipped with a warning; other question types are errors.
 *
 * Write: multichoice, shortanswer/numerical (one blank), cloze (several blanks); scenarios are
 * left out.
 */
import type { BlankKey, Item } from '@coderprep/exam-engine';
import { answerTexts } from './answers';
import { applyItemMeta, type BlankSource, blankHintAt, type Choice, choiceBody, fillInBody } from './build';
import { toText } from './bytes';
import { categoryToDomainTags } from './category';
import { FormatError } from './errors';
import { fraction } from './gift';
import { resolveLimits } from './limits';
import { itemMetaPairs, META_PREFIX, type MetaPair, parseMetaPairs, readMeta } from './meta';
import { newCandidate, PreviewBuilder } from './preview';
import {
  decodeEntities,
  escapeHtml,
  htmlToText,
  idFromTitle,
  isValidId,
  looksLikeHtml,
  textToHtml,
} from './text';
import type {
  ExportOptions,
  ExportResult,
  ImportOptions,
  ImportPreview,
  Input,
  Issue,
  LeftOut,
} from './types';
import {
  child,
  elements,
  parseXml,
  tag,
  textContent,
  textTag,
  XML_DECLARATION,
  type XmlElement,
} from './xml';

/** Text of a Moodle text field as plain text, by its format. */
function convertText(raw: string, format: string): string {
  if (format === 'html') return htmlToText(raw);
  if (format === 'moodle_auto_format') return looksLikeHtml(raw) ? htmlToText(raw, true) : raw.trim();
  return raw.trim();
}

function fieldText(field: XmlElement | undefined, defaultFormat: string): string {
  if (!field) return '';
  return convertText(textContent(child(field, 'text')), field.attrs.format ?? defaultFormat);
}

type Reader = { fields: Record<string, unknown>; errors: string[]; warnings: string[] };

const isTrue = (s: string) => /^(true|1)$/i.test(s.trim());

function readMultichoice(q: XmlElement, r: Reader, meta: ReturnType<typeof readMeta>): void {
  const multiple = !isTrue(textContent(child(q, 'single')) || 'true');
  const answers = elements(q, 'answer').map((a) => ({
    fraction: Number(a.attrs.fraction ?? '0'),
    text: fieldText(a, 'html'),
    rationale: fieldText(child(a, 'feedback'), 'html'),
  }));
  const best = Math.max(0, ...answers.map((a) => a.fraction));
  if (!multiple && answers.filter((a) => a.fraction > 0).length > 1)
    r.warnings.push('partial-credit answers ignored: only the best answer is the key');
  const choices: Choice[] = answers.map((a) => ({
    text: a.text,
    rationale: a.rationale,
    correct: multiple ? a.fraction > 0 : a.fraction > 0 && a.fraction === best,
  }));
  if (!choices.some((c) => c.correct)) r.errors.push('no answer has a positive fraction');
  if (!multiple && choices.filter((c) => c.correct).length > 1)
    r.errors.push('two answers share the best fraction');
  Object.assign(r.fields, choiceBody(choices, multiple, meta, r.warnings));
}

function fullAnswers(q: XmlElement, r: Reader): XmlElement[] {
  return elements(q, 'answer').filter((a) => {
    const full = Number(a.attrs.fraction ?? '0') >= 100;
    if (!full)
      r.warnings.push(`answer "${textContent(child(a, 'text')).trim()}" is not fully right: dropped`);
    return full;
  });
}

function readShortAnswer(q: XmlElement, r: Reader, meta: ReturnType<typeof readMeta>, stem: string): void {
  if (isTrue(textContent(child(q, 'usecase')) || '0'))
    r.warnings.push('case-sensitive matching is not kept: answers are compared ignoring case');
  const answers = fullAnswers(q, r).map((a) => textContent(child(a, 'text')).trim());
  const { id, hint } = blankHintAt(meta, 0, 1);
  Object.assign(r.fields, fillInBody([{ id, answers, hint }], meta, stem, r.errors));
}

function readNumerical(q: XmlElement, r: Reader, meta: ReturnType<typeof readMeta>, stem: string): void {
  const answers = fullAnswers(q, r);
  const values = answers.map((a) => textContent(child(a, 'text')).trim());
  const tolerances = answers.map((a) => Number(textContent(child(a, 'tolerance')).trim() || '0'));
  if (new Set(tolerances).size > 1)
    r.warnings.push('the answers have different tolerances: the largest is used');
  const { id, hint } = blankHintAt(meta, 0, 1);
  const tolerance = Math.max(0, ...tolerances.filter((t) => Number.isFinite(t)));
  Object.assign(
    r.fields,
    fillInBody([{ id, answers: values, hint: { ...hint, kind: 'number', tolerance } }], meta, stem, r.errors),
  );
}

// ---------------------------------------------------------------- cloze

const CLOZE = /\{([0-9]*):([A-Za-z_]+):((?:\\[\s\S]|[^\\}])*)\}/g;
const TOKEN = /\uE000([0-9]+)\uE001/g;

type ClozeAnswer = { weight: number; text: string };

function splitCloze(body: string): ClozeAnswer[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      current += c + body[i + 1];
      i++;
    } else if (c === '~') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => {
    let weight = 0;
    let s = p;
    if (s.startsWith('=')) {
      weight = 100;
      s = s.slice(1);
    } else {
      const w = /^%(-?[0-9.]+)%/.exec(s);
      if (w) {
        weight = Number(w[1]);
        s = s.slice(w[0].length);
      }
    }
    const hash = s.search(/(?<!\\)#/);
    const text = (hash === -1 ? s : s.slice(0, hash)).replace(/\\([\s\S])/g, '$1');
    return { weight, text: decodeEntities(text).trim() };
  });
}

function clozeBlank(
  type: string,
  body: string,
  r: Reader,
  n: number,
): { answers: string[]; tolerance?: number } | null {
  const t = type.toUpperCase();
  const answers = splitCloze(body);
  const right = answers.filter((a) => a.weight >= 100);
  if (answers.length > right.length && !/^(MULTICHOICE|MC)/.test(t))
    r.warnings.push(`blank ${n}: answers that are not fully right were dropped`);
  if (/^(SHORTANSWER|SA|MW)(_C|C)?$/.test(t)) {
    if (/_C$|^SAC$|^MWC$/.test(t)) r.warnings.push(`blank ${n}: case-sensitive matching is not kept`);
    return { answers: right.map((a) => a.text) };
  }
  if (/^(NUMERICAL|NM)$/.test(t)) {
    let tolerance = 0;
    const values = right.map((a) => {
      const [value = '', tol] = a.text.split(':');
      if (tol !== undefined) tolerance = Math.max(tolerance, Number(tol));
      return value.trim();
    });
    return { answers: values, tolerance };
  }
  if (/^(MULTICHOICE|MC)(_?[VHS]+)?$/.test(t)) {
    r.warnings.push(`blank ${n}: a MULTICHOICE blank becomes a typed answer; its wrong choices are dropped`);
    return { answers: right.map((a) => a.text) };
  }
  r.errors.push(`blank ${n}: cloze type ${type} is not supported`);
  return null;
}

function readCloze(q: XmlElement, r: Reader, meta: ReturnType<typeof readMeta>): void {
  const field = child(q, 'questiontext');
  const raw = textContent(child(field, 'text')).replace(/[\uE000\uE001]/g, '');
  const found: { type: string; body: string }[] = [];
  const marked = raw.replace(CLOZE, (_m, _w, type: string, body: string) => {
    found.push({ type, body });
    return `\uE000${found.length - 1}\uE001`;
  });
  if (found.length === 0) {
    r.errors.push('a cloze question without any {n:TYPE:answers} blank');
    return;
  }
  const text = convertText(marked, field?.attrs.format ?? 'html');
  // A line that is a label followed by one blank is that blank's line; other blanks are inline.
  const labels = new Map<number, string>();
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^([^\uE000]*)\uE000([0-9]+)\uE001$/.exec(line);
    if (m) labels.set(Number(m[2]), (m[1] ?? '').trim());
    else kept.push(line);
  }
  let stem = kept.join('\n').trim();
  if (stem === '') {
    labels.clear();
    stem = text;
  }
  stem = stem.replace(TOKEN, '_____').trim();
  r.fields.stem = stem;
  const sources: BlankSource[] = [];
  found.forEach((f, i) => {
    const blank = clozeBlank(f.type, f.body, r, i + 1);
    if (!blank) return;
    const { id, hint } = blankHintAt(meta, i, found.length);
    const label = labels.get(i);
    sources.push({
      id,
      answers: blank.answers,
      hint: {
        ...hint,
        ...(label !== undefined && label !== '' ? { label } : {}),
        ...(blank.tolerance !== undefined ? { kind: 'number', tolerance: blank.tolerance } : {}),
      },
    });
  });
  Object.assign(r.fields, fillInBody(sources, meta, stem, r.errors));
}

/** Reads a Moodle XML file. */
export function parseMoodleXml(input: Input, options: ImportOptions = {}): ImportPreview {
  const limits = resolveLimits(options.limits);
  const root = parseXml(toText(input, limits.maxFileBytes), limits);
  if (root.name !== 'quiz')
    throw new FormatError(
      'unsupported-format',
      `not Moodle XML: the root element is <${root.name}>, not <quiz>`,
    );
  const preview = new PreviewBuilder('moodle-xml', options, limits);
  let category: { domain?: string; tags: string[] } = { tags: [] };
  for (const q of elements(root, 'question')) {
    const type = q.attrs.type ?? '';
    if (type === 'category') {
      category = categoryToDomainTags(textContent(child(child(q, 'category'), 'text')));
      continue;
    }
    const name = textContent(child(child(q, 'name'), 'text')).trim();
    if (type === 'description') {
      preview.warn(`description "${name}" skipped: it is not a question`, { line: q.line });
      continue;
    }
    const candidate = newCandidate({ line: q.line });
    const r: Reader = { fields: candidate.fields, errors: candidate.errors, warnings: candidate.warnings };
    const f = r.fields;
    const idnumber = textContent(child(q, 'idnumber')).trim();
    const id = isValidId(idnumber) ? idnumber : isValidId(name) ? name : idFromTitle(name);
    if (id !== '') f.id = id;
    const pairs: MetaPair[] = [];
    const tags = [...category.tags];
    for (const t of elements(child(q, 'tags'), 'tag')) {
      const value = textContent(child(t, 'text')).trim();
      if (value.startsWith(META_PREFIX)) pairs.push(...parseMetaPairs(value.slice(META_PREFIX.length)));
      else if (value !== '') tags.push(value);
    }
    if (category.domain !== undefined) f.domain = category.domain;
    if (tags.length > 0) f.tags = tags;
    const meta = readMeta(pairs, (m) => r.warnings.push(m));
    applyItemMeta(f, meta);
    f.stem = fieldText(child(q, 'questiontext'), 'html');
    f.rationale = fieldText(child(q, 'generalfeedback'), 'html');
    if (type === 'multichoice') readMultichoice(q, r, meta);
    else if (type === 'shortanswer') readShortAnswer(q, r, meta, String(f.stem));
    else if (type === 'numerical') readNumerical(q, r, meta, String(f.stem));
    else if (type === 'cloze' || type === 'multianswer') readCloze(q, r, meta);
    else r.errors.push(`question type "${type}" is not supported`);
    preview.add(candidate);
  }
  return preview.finish();
}

// ---------------------------------------------------------------- writing

const plain = (name: string, text: string) => tag(name, { format: 'plain_text' }, textTag('text', text));

function escapeCloze(s: string): string {
  return escapeHtml(s).replace(/[\\}~#/]/g, (c) => `\\${c}`);
}

function clozeMarker(key: BlankKey): string {
  if (key.kind === 'number')
    return `{1:NUMERICAL:${key.accepted.map((n) => `=${n}:${key.tolerance}`).join('~')}}`;
  return `{1:SHORTANSWER:${answerTexts(key)
    .map((a) => `=${escapeCloze(a)}`)
    .join('~')}}`;
}

function questionXml(item: Exclude<Item, { type: 'scenario' }>): string {
  const head = [tag('name', {}, textTag('text', item.id))];
  const common = [
    plain('generalfeedback', item.rationale),
    textTag('defaultgrade', '1'),
    textTag('penalty', '0'),
    textTag('hidden', '0'),
    textTag('idnumber', item.id),
  ];
  const tags = [...item.tags, ...itemMetaPairs(item).map(([k, v]) => `${META_PREFIX}${k}=${v}`)];
  const tagsXml = tag('tags', {}, ...tags.map((t) => tag('tag', {}, textTag('text', t))));
  if (item.type === 'fill-in') {
    const blank = item.blanks[0];
    const key = blank ? item.key[blank.id] : undefined;
    if (item.blanks.length === 1 && key) {
      const answers =
        key.kind === 'number'
          ? key.accepted.map((n) =>
              tag(
                'answer',
                { fraction: 100 },
                textTag('text', String(n)),
                plain('feedback', ''),
                textTag('tolerance', String(key.tolerance)),
              ),
            )
          : answerTexts(key).map((a) =>
              tag(
                'answer',
                { fraction: 100, format: 'plain_text' },
                textTag('text', a),
                plain('feedback', ''),
              ),
            );
      const type = key.kind === 'number' ? 'numerical' : 'shortanswer';
      const extra = type === 'shortanswer' ? [textTag('usecase', '0')] : [];
      return tag(
        'question',
        { type },
        ...head,
        plain('questiontext', item.stem),
        ...common,
        ...extra,
        ...answers,
        tagsXml,
      );
    }
    const lines = item.blanks.map((b) => {
      const k = item.key[b.id];
      const marker = k ? clozeMarker(k) : '';
      return `<p>${b.label === '' ? '' : `${escapeHtml(b.label)} `}${marker}</p>`;
    });
    const html = textToHtml(item.stem) + lines.join('');
    return tag(
      'question',
      { type: 'cloze' },
      ...head,
      tag('questiontext', { format: 'html' }, textTag('text', html)),
      ...common,
      tagsXml,
    );
  }
  const keys = item.type === 'multiple-choice' ? [item.key] : item.key;
  const wrong = item.type === 'multiple-choice' ? 0 : -100 / (item.options.length - keys.length);
  const answers = item.options.map((o) =>
    tag(
      'answer',
      { fraction: keys.includes(o.id) ? fraction(100 / keys.length) : fraction(wrong), format: 'plain_text' },
      textTag('text', o.text),
      plain('feedback', o.rationale),
    ),
  );
  return tag(
    'question',
    { type: 'multichoice' },
    ...head,
    plain('questiontext', item.stem),
    ...common,
    textTag('single', item.type === 'multiple-choice' ? 'true' : 'false'),
    textTag('shuffleanswers', 'true'),
    textTag('answernumbering', 'ABCD'),
    ...answers,
    tagsXml,
  );
}

/** Writes a Moodle XML file. Scenarios are left out (Moodle has no such question). */
export function writeMoodleXml(items: readonly Item[], _options: ExportOptions = {}): ExportResult {
  const leftOut: LeftOut[] = [];
  const warnings: Issue[] = [];
  const parts: string[] = [];
  let domain = '';
  for (const item of items) {
    if (item.type === 'scenario') {
      leftOut.push({ itemId: item.id, reason: 'Moodle XML has no scenario with sub-items' });
      continue;
    }
    if (item.domain !== domain) {
      domain = item.domain;
      parts.push(
        tag('question', { type: 'category' }, tag('category', {}, textTag('text', `$course$/top/${domain}`))),
      );
    }
    parts.push(questionXml(item));
  }
  const data = `${XML_DECLARATION}<quiz>\n${parts.map((p) => `  ${p}\n`).join('')}</quiz>\n`;
  return { data, report: { written: items.length - leftOut.length, leftOut, warnings } };
}
