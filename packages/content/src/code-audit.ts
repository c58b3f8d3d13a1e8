/**
 * Finds the codes an item's key and options mention and checks them against a code set: a code
 * in a key must exist and be billable; a code-shaped distractor must be well-formed (it may be a
 * real but wrong code). Written by the conventions of the content README: ICD-10-CM with its
 * dot, ICD-10-PCS as 7 characters, HCPCS as a letter and 4 digits.
 */
import { type CodeKind, type CodeSet, type Item, parseCode, type Question } from '@coderprep/exam-engine';

export interface CodeMention {
  kind: CodeKind;
  code: string;
}

export interface CodeProblem {
  itemId: string;
  where: string;
  message: string;
}

const TOKEN = /\b[A-Z0-9]{3}(?:\.[A-Z0-9]{1,4})?\b|\b[A-Z][0-9]{4}\b|\b[0-9A-Z]{7}\b/gi;
/** A code, optionally with modifiers after hyphens ("99214-25"). */
const CODE_WORD = /^(?=[A-Z]*[0-9])[A-Z0-9]{3,7}(?:\.[A-Z0-9]{1,4})?(?:-[A-Z0-9]{2})*$/i;

/** The kind a code-shaped token is written as, or null for a token that is not one. */
function kindOf(token: string, codeOnly: boolean): CodeKind | null {
  if (/^[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}$/.test(token)) return 'icd10cm';
  // A bare category ("E11") counts only where the text is a list of codes, not in prose ("T12 vertebra").
  if (/^[A-Z][0-9][0-9A-Z]$/.test(token)) return codeOnly ? 'icd10cm' : null;
  if (/^[0-9A-HJ-NP-Z]{7}$/.test(token) && /[0-9]/.test(token) && /^[0-9BCDFGHX]/.test(token))
    return 'icd10pcs';
  if (/^[A-V][0-9]{4}$/.test(token)) return 'hcpcs';
  return null;
}

/** The ICD-10-CM, ICD-10-PCS and HCPCS codes a piece of text mentions. */
export function codesInText(text: string): CodeMention[] {
  const codeOnly = text
    .trim()
    .split(/[\s,;]+/)
    .every((word) => CODE_WORD.test(word));
  const found: CodeMention[] = [];
  for (const match of text.toUpperCase().matchAll(TOKEN)) {
    const kind = kindOf(match[0], codeOnly);
    if (kind) found.push({ kind, code: match[0] });
  }
  return found;
}

/** Every code of a question: keyed ones (option keyed or key entries) and distractors. */
function questionCodes(question: Question): { where: string; keyed: boolean; mention: CodeMention }[] {
  if (question.type === 'multiple-choice' || question.type === 'multiple-response') {
    const keys = new Set(question.type === 'multiple-choice' ? [question.key] : question.key);
    return question.options.flatMap((option) =>
      codesInText(option.text).map((mention) => ({
        where: `option ${option.id}`,
        keyed: keys.has(option.id),
        mention,
      })),
    );
  }
  return Object.entries(question.key).flatMap(([blank, key]) => {
    const where = `key ${blank}`;
    switch (key.kind) {
      case 'code-list': {
        const definition = question.blanks.find((b) => b.id === blank);
        const kind: CodeKind = definition?.kind === 'code-list' ? definition.codeKind : 'icd10cm';
        return key.codes.map((c) => ({ where, keyed: true, mention: { kind, code: c.code } }));
      }
      case 'procedure-line':
        return key.accepted.flatMap((line) =>
          codesInText(line.code).map((mention) => ({ where, keyed: true, mention })),
        );
      case 'icd10cm':
      case 'icd10pcs':
      case 'hcpcs':
        return key.accepted.map((code) => ({ where, keyed: true, mention: { kind: key.kind, code } }));
      default:
        return [];
    }
  });
}

/** Checks every code mentioned by the items against the code set. */
export function auditItemCodes(items: readonly Item[], codeSet: CodeSet): CodeProblem[] {
  const problems: CodeProblem[] = [];
  for (const item of items) {
    const questions: { prefix: string; question: Question }[] =
      item.type === 'scenario'
        ? item.subItems.map((sub) => ({ prefix: `${sub.id} `, question: sub }))
        : [{ prefix: '', question: item }];
    for (const { prefix, question } of questions) {
      for (const { where, keyed, mention } of questionCodes(question)) {
        const at = `${prefix}${where}`;
        const parsed = parseCode(mention.kind, mention.code);
        if (!parsed.ok) {
          problems.push({ itemId: item.id, where: at, message: `${mention.code}: ${parsed.reason}` });
          continue;
        }
        if (!keyed) continue;
        const found = codeSet.lookup(mention.kind, parsed.code);
        if (found.status === 'absent')
          problems.push({
            itemId: item.id,
            where: at,
            message: `${parsed.code} (${mention.kind}) is not in the code set`,
          });
        else if (found.status === 'found' && !found.info.billable)
          problems.push({
            itemId: item.id,
            where: at,
            message: `${parsed.code} is a header code, not billable`,
          });
      }
    }
  }
  return problems;
}
