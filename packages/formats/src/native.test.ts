import { bankDocumentSchema } from '@coderprep/exam-engine';
import { describe, expect, it } from 'vitest';
import { isFormatError } from './errors';
import { parseNative, writeNative } from './native';
import { allTypes, fixture } from './test-helpers';

describe('native JSON', () => {
  it('reads a bank document with its bank header and every item type', () => {
    const p = parseNative(fixture('native/all-types.json'));
    expect(p.errors).toEqual([]);
    expect(p.bank).toEqual({
      id: 'formats-fixture',
      name: 'Formats fixture: every item type',
      description: 'Original items written for the formats tests.',
    });
    expect(p.items.map((i) => i.type)).toEqual([
      'multiple-choice',
      'multiple-response',
      'fill-in',
      'fill-in',
      'fill-in',
      'scenario',
    ]);
  });

  it('writes a document the engine schema accepts, and reads it back unchanged', () => {
    const items = allTypes();
    const { data, report } = writeNative(items, { bank: { id: 'b1', name: 'Bank one' } });
    expect(bankDocumentSchema.safeParse(JSON.parse(String(data))).success).toBe(true);
    expect(report).toEqual({ written: items.length, leftOut: [], warnings: [] });
    expect(parseNative(data).items).toEqual(items);
  });

  it('reports invalid items with id and line, and keeps them out', () => {
    const doc = {
      format: 'coderprep-bank',
      schemaVersion: 1,
      bank: { id: 'b', name: 'B' },
      items: [allTypes()[0], { ...allTypes()[0], id: 'bad', key: 'Z' }, { ...allTypes()[0] }, 42],
    };
    const p = parseNative(JSON.stringify(doc, null, 2));
    expect(p.items).toHaveLength(1);
    expect(p.errors).toEqual([
      { message: 'item 4 is not an object' },
      { itemId: 'bad', line: expect.any(Number), message: 'key: key "Z" is not an option id' },
      { itemId: 'fx-mc-1', line: expect.any(Number), message: 'id "fx-mc-1" is used by an earlier item' },
    ]);
  });

  it('never fills in what a native item lacks', () => {
    const { rationale: _, ...noRationale } = allTypes()[0] ?? {};
    const p = parseNative(JSON.stringify([noRationale]));
    expect(p.items).toEqual([]);
    expect(p.errors[0]?.message).toMatch(/^rationale:/);
  });

  it('refuses other formats and versions with typed errors', () => {
    const cases: [string, string][] = [
      ['{"format":"other"}', 'unsupported-format'],
      ['{"format":"coderprep-bank","schemaVersion":2,"items":[]}', 'unsupported-version'],
      ['{"format":"coderprep-bank","schemaVersion":1,"items":{}}', 'malformed'],
      ['{"format":', 'malformed'],
      ['"text"', 'malformed'],
    ];
    for (const [text, code] of cases) {
      try {
        parseNative(text);
        expect.unreachable(text);
      } catch (error) {
        expect(isFormatError(error, code as never), text).toBe(true);
      }
    }
  });
});
