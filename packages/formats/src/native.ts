/**
 * Native JSON: the engine's bank document (format "coderprep-bank", schemaVersion 1), lossless.
 * A bare JSON array of items is read too, with a warning.
 */
import {
  BANK_SCHEMA_VERSION,
  type BankDocument,
  bankDocumentSchema,
  type Item,
} from '@coderprep/exam-engine';
import { lineAt, lineIndex, toText } from './bytes';
import { FormatError } from './errors';
import { resolveLimits } from './limits';
import { newCandidate, PreviewBuilder } from './preview';
import type { ExportOptions, ExportResult, ImportOptions, ImportPreview, Input } from './types';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const pos = /position (\d+)/.exec(message);
    const line = pos?.[1] !== undefined ? lineAt(text, Number(pos[1])) : undefined;
    throw new FormatError('malformed', `not valid JSON: ${message}`, line !== undefined ? { line } : {});
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a native bank document. */
export function parseNative(input: Input, options: ImportOptions = {}): ImportPreview {
  const limits = resolveLimits(options.limits);
  const text = toText(input, limits.maxFileBytes);
  const doc = parseJson(text);
  const preview = new PreviewBuilder('native', options, limits, true);
  let rawItems: unknown;
  if (Array.isArray(doc)) {
    preview.warn('a bare list of items: no bank document around it (format "coderprep-bank")');
    rawItems = doc;
  } else if (isObject(doc)) {
    if (doc.format !== 'coderprep-bank')
      throw new FormatError('unsupported-format', 'not a CoderPrep bank: "format" must be "coderprep-bank"');
    if (doc.schemaVersion !== BANK_SCHEMA_VERSION)
      throw new FormatError(
        'unsupported-version',
        `schemaVersion ${JSON.stringify(doc.schemaVersion)} is not supported (this version reads ${BANK_SCHEMA_VERSION})`,
      );
    const bank = bankDocumentSchema.shape.bank.safeParse(doc.bank);
    if (bank.success) preview.bank = bank.data;
    else
      preview.warn(
        `the bank header is incomplete: ${bank.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    rawItems = doc.items;
  } else throw new FormatError('malformed', 'the JSON is neither a bank document nor a list of items');
  if (!Array.isArray(rawItems)) throw new FormatError('malformed', '"items" must be a list');
  preview.checkCount(rawItems.length);

  let from = 0;
  const lineOf = lineIndex(text);
  rawItems.forEach((raw, index) => {
    // Find where the item starts, for line numbers: its id, searched forward from the last one.
    let line: number | undefined;
    if (isObject(raw) && typeof raw.id === 'string') {
      const at = text.indexOf(`${JSON.stringify(raw.id)}`, from);
      if (at !== -1) {
        line = lineOf(at);
        from = at + 1;
      }
    }
    const candidate = newCandidate(line !== undefined ? { line } : {});
    if (!isObject(raw)) candidate.errors.push(`item ${index + 1} is not an object`);
    else candidate.fields = { ...raw };
    preview.add(candidate);
  });
  return preview.finish();
}

/** Writes a native bank document (pretty-printed JSON). */
export function writeNative(items: readonly Item[], options: ExportOptions = {}): ExportResult {
  const doc: BankDocument = {
    format: 'coderprep-bank',
    schemaVersion: BANK_SCHEMA_VERSION,
    bank: {
      id: options.bank?.id ?? 'exported-bank',
      name: options.bank?.name ?? 'Exported bank',
      description: options.bank?.description ?? '',
    },
    items: [...items],
  };
  return {
    data: `${JSON.stringify(doc, null, 2)}\n`,
    report: { written: items.length, leftOut: [], warnings: [] },
  };
}
