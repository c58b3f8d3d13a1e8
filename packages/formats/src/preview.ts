/**
 * The common last step of every import: fill what the file did not say (domain, code-set year,
 * rationale, id), validate each item with the engine's schema, and gather warnings and errors
 * with their location. An item with any error is left out of `items`.
 */
import { type Item, parseItem } from '@coderprep/exam-engine';
import { FormatError } from './errors';
import type { Limits } from './limits';
import { isValidId, shortHash } from './text';
import type { BankInfo, FormatName, ImportOptions, ImportPreview, Issue } from './types';

/** The code-set year assumed when neither the file nor the caller gives one. */
export const DEFAULT_CODE_SET_YEAR = 2026;
/** The domain of items whose file names none. */
export const DEFAULT_DOMAIN = 'imported';
/** The rationale put in when a file has none (and `requireRationale` is not set). */
export const RATIONALE_PLACEHOLDER = 'No rationale was given in the imported file.';

/** Where an item came from in the file. */
export type Place = { line?: number; file?: string };

/** An item as read from a file, before defaults and validation. */
export type Candidate = {
  fields: Record<string, unknown>;
  place: Place;
  /** Problems found while reading: the item will not be imported. */
  errors: string[];
  warnings: string[];
};

export function newCandidate(place: Place): Candidate {
  return { fields: {}, place, errors: [], warnings: [] };
}

export class PreviewBuilder {
  private readonly candidates: Candidate[] = [];
  private readonly warnings: Issue[] = [];
  private readonly errors: Issue[] = [];
  bank?: BankInfo;

  constructor(
    readonly format: FormatName,
    readonly options: ImportOptions,
    readonly limits: Limits,
    /** Native JSON: items must be complete; nothing is filled in, ids are never generated. */
    readonly strict = false,
  ) {}

  /** A file-level warning. */
  warn(message: string, place: Place = {}): void {
    this.warnings.push({ ...place, message });
  }

  /** A problem that is not one item's (a stray line, an unreadable block): reported, nothing added. */
  error(message: string, place: Place = {}, itemId?: string): void {
    this.errors.push({ ...place, ...(itemId !== undefined ? { itemId } : {}), message });
    this.checkCount(this.candidates.length + this.errors.length);
  }

  add(candidate: Candidate): void {
    this.candidates.push(candidate);
    this.checkCount(this.candidates.length);
  }

  /** Stops early when a file holds more items than allowed. */
  checkCount(n: number): void {
    if (n > this.limits.maxItems)
      throw new FormatError('too-many-items', `the file holds more than ${this.limits.maxItems} items`);
  }

  private finishStrict(c: Candidate, items: Item[], seen: Map<string, Place>): void {
    const id = typeof c.fields.id === 'string' ? c.fields.id : undefined;
    const at = { ...c.place, ...(id !== undefined ? { itemId: id } : {}) };
    if (id !== undefined && seen.has(id)) c.errors.push(`id "${id}" is used by an earlier item`);
    if (id !== undefined) seen.set(id, c.place);
    for (const message of c.warnings) this.warnings.push({ ...at, message });
    for (const message of c.errors) this.errors.push({ ...at, message });
    if (c.errors.length > 0) return;
    const parsed = parseItem(c.fields);
    if (parsed.ok) items.push(parsed.item);
    else
      for (const issue of parsed.issues)
        this.errors.push({ ...at, message: issue.path ? `${issue.path}: ${issue.message}` : issue.message });
  }

  finish(): ImportPreview {
    const items: Item[] = [];
    const seen = new Map<string, Place>();
    let yearAssumed = 0;
    const prefix = this.options.idPrefix ?? this.format;
    for (const c of this.candidates) {
      const f = c.fields;
      const idGiven = typeof f.id === 'string' && f.id !== '';
      if (this.strict) {
        this.finishStrict(c, items, seen);
        continue;
      }
      let id: string = idGiven ? (f.id as string) : `${prefix}-${shortHash(String(f.stem ?? ''))}`;
      if (seen.has(id)) {
        if (idGiven) {
          const first = seen.get(id) ?? {};
          const where =
            first.line !== undefined
              ? ` (first at line ${first.line})`
              : first.file
                ? ` (first in ${first.file})`
                : '';
          c.errors.push(`id "${id}" is used by an earlier item${where}`);
        } else {
          let n = 2;
          while (seen.has(`${id}-${n}`)) n++;
          id = `${id}-${n}`;
        }
      }
      if (!seen.has(id)) seen.set(id, c.place);
      f.id = id;
      if (idGiven && !isValidId(id)) c.errors.push(`id "${id}": use letters, digits and . _ : - only`);

      if (f.domain === undefined || f.domain === '') f.domain = this.options.domain ?? DEFAULT_DOMAIN;
      if (f.codeSetYear === undefined) {
        f.codeSetYear = this.options.codeSetYear ?? DEFAULT_CODE_SET_YEAR;
        if (this.options.codeSetYear === undefined) yearAssumed++;
      }
      if (typeof f.rationale !== 'string' || f.rationale.trim() === '') {
        if (this.options.requireRationale) c.errors.push('the item has no rationale (general feedback)');
        else {
          f.rationale = RATIONALE_PLACEHOLDER;
          c.warnings.push('no rationale (general feedback) in the file: a placeholder was put in');
        }
      }

      const at = { ...c.place, itemId: id };
      for (const message of c.warnings) this.warnings.push({ ...at, message });
      if (c.errors.length > 0) {
        for (const message of c.errors) this.errors.push({ ...at, message });
        continue;
      }
      const parsed = parseItem(f);
      if (parsed.ok) items.push(parsed.item);
      else
        for (const issue of parsed.issues)
          this.errors.push({
            ...at,
            message: issue.path ? `${issue.path}: ${issue.message}` : issue.message,
          });
    }
    if (yearAssumed > 0)
      this.warnings.unshift({
        message: `${yearAssumed} item(s) do not say which code-set year their key follows: ${DEFAULT_CODE_SET_YEAR} was assumed (import option codeSetYear)`,
      });
    // In file order: issues without a line (file-level) first, then by line.
    const byLine = (a: Issue, b: Issue) => (a.line ?? -1) - (b.line ?? -1);
    return {
      format: this.format,
      items,
      warnings: this.warnings.sort(byLine),
      errors: this.errors.sort(byLine),
      ...(this.bank ? { bank: this.bank } : {}),
    };
  }
}
