/**
 * Key checks for authors: the codes in an item's key, read as a grader would read them. A key
 * that cannot be graded as meant is an error; a key that grades but looks suspicious against the
 * loaded code set (an unknown code, a non-billable header) is a warning, since the set's year
 * may differ from the item's.
 */
import { CODE_KIND_NAMES, detectProcedureCodeKind, parseCode } from './codes';
import type { CodeSet } from './codeset';
import type { Blank, BlankKey, CodeKind, Item, ItemIssue, ProcedureLine, SubItem } from './item';

/** What is wrong (errors) and what looks wrong (warnings) in an item's key, with field paths. */
export type KeyCheck = { errors: ItemIssue[]; warnings: ItemIssue[] };

/** Checks every code in an item's key; `codeSet` adds existence and billable checks for loaded tables. */
export function checkItemKey(item: Item, codeSet?: CodeSet): KeyCheck {
  const check: KeyCheck = { errors: [], warnings: [] };
  const questions: { question: Exclude<Item, { type: 'scenario' }> | SubItem; prefix: string }[] =
    item.type === 'scenario'
      ? item.subItems.map((question, i) => ({ question, prefix: `subItems.${i}.` }))
      : [{ question: item, prefix: '' }];
  for (const { question, prefix } of questions) {
    if (question.type !== 'fill-in') continue;
    for (const [blankId, key] of Object.entries(question.key)) {
      const blank = question.blanks.find((b) => b.id === blankId);
      checkBlankKey(blank, key, `${prefix}key.${blankId}`, { check, codeSet });
    }
  }
  return check;
}

type Context = { check: KeyCheck; codeSet: CodeSet | undefined };

/** Checks one blank's key. */
function checkBlankKey(blank: Blank | undefined, key: BlankKey, path: string, context: Context): void {
  switch (key.kind) {
    case 'procedure-line':
      key.accepted.forEach((line, i) => {
        checkProcedureLine(line, `${path}.accepted.${i}`, context);
      });
      return;
    case 'code-list':
      // Without its code-list blank the kind of the codes is unknown; the item schema reports that.
      if (blank?.kind === 'code-list') checkCodeList(blank, key.codes, path, context);
      return;
    case 'number':
    case 'text':
      return;
    default:
      key.accepted.forEach((code, i) => {
        checkCode(key.kind, code, `${path}.accepted.${i}`, context);
      });
  }
}

/** A key code must be well-formed; against a loaded table it should exist and (ICD-10-CM) be billable. */
function checkCode(kind: CodeKind, code: string, path: string, { check, codeSet }: Context): string | null {
  const parsed = parseCode(kind, code);
  if (!parsed.ok) {
    check.errors.push({
      path,
      message: `"${code}" is not a valid ${CODE_KIND_NAMES[kind]} code (${parsed.reason})`,
    });
    return null;
  }
  const found = codeSet?.lookup(kind, parsed.code);
  if (found?.status === 'absent')
    check.warnings.push({
      path,
      message: `${parsed.code} is not in the loaded ${CODE_KIND_NAMES[kind]} code set`,
    });
  if (found?.status === 'found' && !found.info.billable)
    check.warnings.push({ path, message: `${parsed.code} is a header code, not valid for billing` });
  return parsed.compact;
}

/** A procedure line's code must be CPT or HCPCS Level II, its modifiers well-formed and not repeated. */
function checkProcedureLine(line: ProcedureLine, path: string, context: Context): void {
  const kind = detectProcedureCodeKind(line.code);
  if (kind === null)
    context.check.errors.push({
      path: `${path}.code`,
      message: `"${line.code}" is not a CPT or HCPCS Level II code: a procedure line needs one`,
    });
  else checkCode(kind, line.code, `${path}.code`, context);
  const seen = new Set<string>();
  line.modifiers.forEach((modifier, i) => {
    const compact = checkCode('modifier', modifier, `${path}.modifiers.${i}`, context);
    if (compact !== null && seen.has(compact))
      context.check.errors.push({
        path: `${path}.modifiers.${i}`,
        message: `modifier ${compact} is listed twice`,
      });
    if (compact !== null) seen.add(compact);
  });
}

/** Code-list keys: every code well-formed, none twice, at least one required, a sensible principal. */
function checkCodeList(
  blank: Extract<Blank, { kind: 'code-list' }>,
  codes: { code: string; optional: boolean }[],
  path: string,
  context: Context,
): void {
  const seen = new Set<string>();
  codes.forEach((entry, i) => {
    const compact = checkCode(blank.codeKind, entry.code, `${path}.codes.${i}.code`, context);
    if (compact !== null && seen.has(compact))
      context.check.errors.push({
        path: `${path}.codes.${i}.code`,
        message: `${entry.code.trim()} is listed twice`,
      });
    if (compact !== null) seen.add(compact);
  });
  if (codes.every((entry) => entry.optional))
    context.check.errors.push({
      path: `${path}.codes`,
      message: 'at least one code must be required (not optional)',
    });
  else if (blank.principalFirst && codes[0]?.optional)
    context.check.warnings.push({
      path: `${path}.codes.0.optional`,
      message: 'the first code is optional, so the principal-first rule is not applied',
    });
}
