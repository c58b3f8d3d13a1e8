/**
 * Server field paths (e.g. "blueprint.sections.0.rules.1.count") as people read them, and the
 * form control each belongs to.
 */
import { fieldId } from '../admin/common';

const FIELD_LABELS: Record<string, string> = {
  name: 'Exam name',
  mode: 'Mode',
  bankIds: 'Banks',
  presetId: 'Preset',
  overrides: 'Preset settings',
  'overrides.limitMinutes': 'Time limit',
  'overrides.passPercent': 'Pass mark',
  'overrides.warningMinutes': 'Warnings',
  blueprint: 'Blueprint',
  'blueprint.id': 'Exam name',
  'blueprint.name': 'Exam name',
  'blueprint.clock.mode': 'Clock',
  'blueprint.clock.limitMinutes': 'Time limit',
  'blueprint.passPercent': 'Pass mark',
  'blueprint.warningMinutes': 'Warnings',
  'blueprint.sections': 'Sections',
};

const SECTION_FIELDS: Record<string, string> = {
  id: 'title',
  title: 'title',
  minutes: 'minutes',
  pretestCount: 'pretest items',
  mayReturn: 'may return',
  shuffleItems: 'shuffle items',
  shuffleOptions: 'shuffle options',
  rules: 'draw rules',
};

const RULE_FIELDS: Record<string, string> = {
  domain: 'domain',
  tag: 'tag',
  count: 'items',
  types: 'item types',
};

/** The control a path's message belongs to: list entries go to their list, ids to names. */
export function fieldOf(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'blueprint' && (parts[1] === 'id' || parts[1] === 'name') && parts.length === 2)
    return 'name';
  if (parts[0] === 'bankIds') return 'bankIds';
  if (parts[1] === 'warningMinutes') return `${parts[0]}.warningMinutes`;
  if (parts[0] === 'blueprint' && parts[1] === 'sections' && parts.length >= 4) {
    const [, , s, field, r, ruleField] = parts;
    if (field === 'id') return `blueprint.sections.${s}.title`;
    if (field === 'rules' && ruleField !== undefined)
      return `blueprint.sections.${s}.rules.${r}.${ruleField}`;
    if (field === 'rules') return `blueprint.sections.${s}.rules`;
    return `blueprint.sections.${s}.${field}`;
  }
  return path;
}

/** "blueprint.sections.0.rules.1.count" -> "Section 1, rule 2: items". */
export function labelOf(path: string): string {
  const field = fieldOf(path);
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const counts = /^overrides\.domainCounts\.(.+)$/.exec(field);
  if (counts) return `Items from ${counts[1]}`;
  const rule = /^blueprint\.sections\.(\d+)\.rules\.(\d+)\.(\w+)$/.exec(field);
  if (rule)
    return `Section ${Number(rule[1]) + 1}, rule ${Number(rule[2]) + 1}: ${RULE_FIELDS[rule[3] ?? ''] ?? rule[3]}`;
  const section = /^blueprint\.sections\.(\d+)\.(\w+)$/.exec(field);
  if (section) return `Section ${Number(section[1]) + 1}: ${SECTION_FIELDS[section[2] ?? ''] ?? section[2]}`;
  return path || 'The exam';
}

/** A schema's wording for an empty or unreadable number, in plain words. */
export function plainMessage(message: string): string {
  if (/expected number, received (null|NaN|undefined)/i.test(message)) return 'enter a number';
  if (/expected string to have >=1 characters/i.test(message)) return 'must not be empty';
  return message;
}

/** Field messages keyed by the control that shows them (the first message per control wins). */
export function messagesByField(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) out[fieldOf(path)] ??= plainMessage(message);
  return out;
}

/** The element id of a path's control (for links from the error summary). */
export const controlId = (path: string) => fieldId(fieldOf(path));
