import { describe, expect, it } from 'vitest';
import { isFormatError } from './errors';
import { type FormatName, parseBank, RATIONALE_PLACEHOLDER, writeBank } from './index';
import { allTypes } from './test-helpers';

describe('parseBank and writeBank', () => {
  it('refuse an unknown format name with a FormatError', () => {
    for (const call of [
      () => parseBank('xlsx' as FormatName, ''),
      () => writeBank('xlsx' as FormatName, []),
    ]) {
      try {
        call();
        expect.unreachable();
      } catch (error) {
        expect(isFormatError(error, 'unsupported-format')).toBe(true);
      }
    }
  });

  it('fill what a format lacks, or report it when asked to', () => {
    const gift = '::q1::Pick one {=a ~b ~c ~d}';
    const lenient = parseBank('gift', gift);
    expect(lenient.items[0]).toMatchObject({
      domain: 'imported',
      codeSetYear: 2026,
      rationale: RATIONALE_PLACEHOLDER,
    });
    expect(lenient.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('code-set year'),
      expect.stringContaining('placeholder'),
    ]);
    const strict = parseBank('gift', gift, { requireRationale: true, domain: 'hcpcs', codeSetYear: 2025 });
    expect(strict.items).toEqual([]);
    expect(strict.errors).toEqual([
      { line: 1, itemId: 'q1', message: 'the item has no rationale (general feedback)' },
    ]);
  });

  it('give every writer the same report shape', () => {
    for (const format of ['native', 'csv', 'gift', 'aiken', 'moodle-xml', 'qti'] as const) {
      const { report } = writeBank(format, allTypes());
      expect(report.written + report.leftOut.length).toBe(allTypes().length);
      expect(Array.isArray(report.warnings)).toBe(true);
    }
  });
});
