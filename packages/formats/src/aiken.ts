/**
 * Aiken: multiple choice only. A question is its text (one or more lines), options `A. text`
 * or `A) text`, then `ANSWER: A`. Blank lines between questions are ignored. Aiken holds no id,
 * rationale, domain or tags: ids are generated from the stem, the rest comes from the options.
 */
import type { Item } from '@coderprep/exam-engine';
import { toText } from './bytes';
import { resolveLimits } from './limits';
import { optionLetter } from './meta';
import { newCandidate, PreviewBuilder } from './preview';
import { normaliseNewlines } from './text';
import type {
  ExportOptions,
  ExportResult,
  ImportOptions,
  ImportPreview,
  Input,
  Issue,
  LeftOut,
} from './types';

const OPTION = /^([A-Z])[.)]\s+(.*)$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/i;

/** Reads an Aiken file. */
export function parseAiken(input: Input, options: ImportOptions = {}): ImportPreview {
  const limits = resolveLimits(options.limits);
  const text = normaliseNewlines(toText(input, limits.maxFileBytes));
  const preview = new PreviewBuilder('aiken', options, limits);
  let stem: string[] = [];
  let opts: { id: string; text: string }[] = [];
  let start = 0;
  const reset = () => {
    stem = [];
    opts = [];
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const answer = ANSWER.exec(line);
    const option = OPTION.exec(line);
    if (answer) {
      if (stem.length === 0 || opts.length === 0) {
        preview.error('ANSWER line without a question and options before it', { line: i + 1 });
        reset();
        return;
      }
      const candidate = newCandidate({ line: start });
      const key = (answer[1] ?? '').trim().toUpperCase();
      Object.assign(candidate.fields, {
        type: 'multiple-choice',
        stem: stem.join('\n'),
        options: opts.map((o) => ({ id: o.id, text: o.text })),
        key,
      });
      if (!/^[A-Z]$/.test(key))
        candidate.errors.push(`ANSWER must be one option letter, found "${answer[1] ?? ''}"`);
      preview.add(candidate);
      reset();
    } else if (option && stem.length > 0) {
      opts.push({ id: option[1] ?? '', text: option[2] ?? '' });
    } else if (opts.length > 0) {
      preview.error(`expected an option "A. ..." or "ANSWER: A", found "${line.slice(0, 60)}"`, {
        line: i + 1,
      });
      reset();
      stem = [line];
      start = i + 1;
    } else {
      if (stem.length === 0) start = i + 1;
      stem.push(line);
    }
  });
  if (stem.length > 0) preview.error('the last question has no ANSWER line', { line: start });
  return preview.finish();
}

/** Writes an Aiken file: multiple-choice items only; the rest is left out and reported. */
export function writeAiken(items: readonly Item[], _options: ExportOptions = {}): ExportResult {
  const leftOut: LeftOut[] = [];
  const warnings: Issue[] = [];
  const parts: string[] = [];
  let flattened = 0;
  for (const item of items) {
    if (item.type !== 'multiple-choice') {
      leftOut.push({ itemId: item.id, reason: `Aiken holds multiple choice only, not ${item.type}` });
      continue;
    }
    if (item.options.length > 26) {
      leftOut.push({ itemId: item.id, reason: 'Aiken labels options A to Z: the item has more than 26' });
      continue;
    }
    const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
    if ([item.stem, ...item.options.map((o) => o.text)].some((s) => s.includes('\n'))) flattened++;
    const keyIndex = item.options.findIndex((o) => o.id === item.key);
    const lines = [
      oneLine(item.stem),
      ...item.options.map((o, i) => `${optionLetter(i)}. ${oneLine(o.text)}`),
    ];
    lines.push(`ANSWER: ${optionLetter(keyIndex)}`);
    parts.push(lines.join('\n'));
  }
  const written = parts.length;
  if (written > 0)
    warnings.push({
      message: `Aiken holds no ids, rationales, domains, tags or option ids: ${written} item(s) written without them`,
    });
  if (flattened > 0) warnings.push({ message: `${flattened} item(s) had line breaks, written as spaces` });
  return { data: parts.length > 0 ? `${parts.join('\n\n')}\n` : '', report: { written, leftOut, warnings } };
}
