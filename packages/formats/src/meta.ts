/**
 * Item facts that GIFT, Moodle XML and QTI have no field for (difficulty, code-set year, scored,
 * version, option ids, "select N", partial credit, blank kinds and labels) travel as `key=value` pairs:
 * a `// coderprep: k=v; k=v` comment line in GIFT, `coderprep:k=v` tags in Moodle XML and
 * keywords in a QTI manifest. Other tools ignore or merely show them; our importer reads them back.
 *
 * Keys: id and domain (QTI), difficulty, codeSetYear, scored, version, options (ids, comma-separated), select, partialCredit,
 * blank=`<id>,<kind>[,<codeKind>][,principal][,label:<URI-encoded label>]` (one per blank, in order),
 * tolerance.`<blank id>`=`<number>` (QTI). In a scenario (QTI) a key may end in `@<sub-item id>`.
 */
import type { Blank, BlankKind, CodeKind, Item, SubItem } from '@coderprep/exam-engine';
import type { BlankHint } from './answers';

export const META_PREFIX = 'coderprep:';

export type MetaPair = readonly [key: string, value: string];

/** A blank as the meta pairs describe it. */
export type BlankSpec = BlankHint & { id: string };

/** What meta pairs say about one item (or one sub-item, for the scoped keys). */
export type ItemMeta = {
  /** QTI: the item id when the identifier could not hold it. */
  id?: string;
  domain?: string;
  difficulty?: string;
  codeSetYear?: number;
  scored?: boolean;
  version?: number;
  select?: number | null;
  /** GIFT: a multiple-response item with one key, which weights alone would read as multiple choice. */
  multiple?: boolean;
  /** QTI: the scenario's sub-item ids in order (element ids cannot hold every id). */
  subItemIds?: string[];
  partialCredit?: string;
  /** Option ids in order, when they are not A, B, C, ... */
  optionIds?: string[];
  blanks: BlankSpec[];
  tolerances: Map<string, number>;
};

/** A, B, ... Z, then 27, 28, ...: the option ids formats without ids get. */
export function optionLetter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : String(index + 1);
}

function blankSpec(blank: Blank): string {
  const parts: string[] = [blank.id, blank.kind];
  if (blank.kind === 'code-list') {
    parts.push(blank.codeKind);
    if (blank.principalFirst) parts.push('principal');
  }
  if (blank.label !== '') parts.push(`label:${encodeURIComponent(blank.label)}`);
  return parts.join(',');
}

/** Meta pairs of a question body (the parts shared by items and sub-items); `scope` marks a sub-item. */
export function bodyMetaPairs(body: Item | SubItem, scope = ''): MetaPair[] {
  const at = scope === '' ? '' : `@${scope}`;
  const pairs: MetaPair[] = [];
  if (body.type === 'multiple-choice' || body.type === 'multiple-response') {
    const ids = body.options.map((o) => o.id);
    if (ids.some((id, i) => id !== optionLetter(i))) pairs.push([`options${at}`, ids.join(',')]);
  }
  if (body.type === 'multiple-response') {
    if (body.select !== null) pairs.push([`select${at}`, String(body.select)]);
  }
  if (body.type === 'multiple-response' || body.type === 'fill-in') {
    if (body.partialCredit !== 'all-or-nothing') pairs.push([`partialCredit${at}`, body.partialCredit]);
  }
  if (body.type === 'fill-in') {
    for (const blank of body.blanks) pairs.push([`blank${at}`, blankSpec(blank)]);
  }
  return pairs;
}

/** Meta pairs of an item: the item facts other formats lack, then its body's. */
export function itemMetaPairs(item: Item): MetaPair[] {
  const pairs: MetaPair[] = [];
  if (item.difficulty !== 'medium') pairs.push(['difficulty', item.difficulty]);
  pairs.push(['codeSetYear', String(item.codeSetYear)]);
  if (!item.scored) pairs.push(['scored', 'false']);
  if (item.version !== 1) pairs.push(['version', String(item.version)]);
  pairs.push(...bodyMetaPairs(item));
  return pairs;
}

/** "k=v; k=v" (the GIFT comment form). */
export function formatMetaLine(pairs: readonly MetaPair[]): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Reads "k=v; k=v" or single "k=v" strings. */
export function parseMetaPairs(text: string): MetaPair[] {
  const pairs: MetaPair[] = [];
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return pairs;
}

function readBlankSpec(value: string): BlankSpec | string {
  const [id = '', kind = '', ...rest] = value.split(',').map((p) => p.trim());
  if (id === '' || kind === '') return `blank "${value}" needs an id and a kind`;
  const spec: BlankSpec = { id, kind: kind as BlankKind };
  for (const part of rest) {
    if (part === 'principal') spec.principalFirst = true;
    else if (part.startsWith('label:')) {
      try {
        spec.label = decodeURIComponent(part.slice(6));
      } catch {
        return `blank "${id}" has a badly encoded label`;
      }
    } else spec.codeKind = part as CodeKind;
  }
  return spec;
}

/**
 * Reads the pairs that apply to one item or, with `scope`, to one sub-item. Values are passed on
 * as given (numbers converted): the engine's schema says what is wrong with a bad value.
 */
export function readMeta(pairs: readonly MetaPair[], warn: (message: string) => void, scope = ''): ItemMeta {
  const meta: ItemMeta = { blanks: [], tolerances: new Map() };
  for (const [rawKey, value] of pairs) {
    const at = rawKey.indexOf('@');
    const key = at === -1 ? rawKey : rawKey.slice(0, at);
    const keyScope = at === -1 ? '' : rawKey.slice(at + 1);
    if (keyScope !== scope) continue;
    if (key === 'difficulty') meta.difficulty = value;
    else if (key === 'domain') meta.domain = value;
    else if (key === 'id') meta.id = value;
    else if (key === 'codeSetYear') meta.codeSetYear = Number(value);
    else if (key === 'scored') meta.scored = !/^(false|0|no)$/i.test(value);
    else if (key === 'version') meta.version = Number(value);
    else if (key === 'select') meta.select = value === '' || value === 'null' ? null : Number(value);
    else if (key === 'partialCredit') meta.partialCredit = value;
    else if (key === 'subItems') meta.subItemIds = value.split(',').map((v) => v.trim());
    else if (key === 'multiple') meta.multiple = /^(true|1|yes)$/i.test(value);
    else if (key === 'options') meta.optionIds = value.split(',').map((v) => v.trim());
    else if (key === 'blank') {
      const spec = readBlankSpec(value);
      if (typeof spec === 'string') warn(spec);
      else meta.blanks.push(spec);
    } else if (key.startsWith('tolerance.')) meta.tolerances.set(key.slice(10), Number(value));
    else warn(`unknown ${META_PREFIX} key "${key}" ignored`);
  }
  return meta;
}
