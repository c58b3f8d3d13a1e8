import { describe, expect, it } from 'vitest';
import { domainLabel } from './domains';
import { noun, plural } from './plural';

describe('domain labels', () => {
  it('names domains readably', () => {
    expect(domainLabel('surgery-20000')).toBe('Surgery 20000');
    expect(domainLabel('icd-10-cm')).toBe('ICD-10-CM');
    expect(domainLabel('icd-10-pcs')).toBe('ICD-10-PCS');
    expect(domainLabel('hcpcs-level-ii')).toBe('HCPCS Level II');
    expect(domainLabel('evaluation-management')).toBe('Evaluation Management');
    expect(domainLabel('ccs-medical-scenarios')).toBe('CCS Medical Scenarios');
    expect(domainLabel('coding-guidelines')).toBe('Coding Guidelines');
  });
});

describe('plurals', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(1, 'item')).toBe('1 item');
    expect(plural(0, 'item')).toBe('0 items');
    expect(plural(100, 'item')).toBe('100 items');
    expect(plural(1, 'active item')).toBe('1 active item');
    expect(plural(2, 'person', 'people')).toBe('2 people');
    expect(noun(1, 'question')).toBe('question');
    expect(noun(4, 'question')).toBe('questions');
  });
});
