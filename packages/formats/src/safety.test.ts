/** Malicious and oversized inputs: each is refused with a typed error, quickly and with bounded memory. */
import { parse } from 'csv-parse/sync';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeCsv } from './csv';
import { FormatError, type FormatErrorCode } from './errors';
import { parseBank } from './index';
import { MAX_FILE_BYTES, MAX_ITEMS, MAX_UNCOMPRESSED_BYTES, MAX_XML_DEPTH, MAX_ZIP_ENTRIES } from './limits';
import { parseMoodleXml } from './moodle-xml';
import { parseQti } from './qti';
import { allTypes, fixture, fixtureText, zipFixtureFolder } from './test-helpers';
import type { FormatName } from './types';

function refused(fn: () => unknown, code: FormatErrorCode): FormatError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).code).toBe(code);
    return error as FormatError;
  }
  throw new Error(`expected a FormatError "${code}"`);
}

const enc = (s: string) => new TextEncoder().encode(s);
const manifest = (href: string) =>
  `<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M"><organizations/><resources><resource identifier="R" type="imsqti_item_xmlv2p1" href="${href}"><file href="${href}"/></resource></resources></manifest>`;

describe('XML: no DTD, no entities', () => {
  it('refuses an external-entity (XXE) file before parsing it', () => {
    const error = refused(() => parseMoodleXml(fixture('malicious/xxe.xml')), 'unsafe-xml');
    expect(error.message).toContain('DOCTYPE');
  });

  it('refuses a billion-laughs file before expanding anything', () => {
    refused(() => parseMoodleXml(fixture('malicious/billion-laughs.xml')), 'unsafe-xml');
  });

  it('refuses any spelling of a DOCTYPE or ENTITY declaration', () => {
    for (const doc of [
      '<!doctype quiz><quiz/>',
      '<quiz><!ENTITY x "y"></quiz>',
      '<!  DOCTYPE quiz SYSTEM "http://x"><quiz/>',
    ])
      refused(() => parseMoodleXml(doc), 'unsafe-xml');
  });

  it('refuses XXE inside a QTI package, in the manifest or in an item', () => {
    const xxe = fixtureText('malicious/xxe.xml');
    refused(() => parseQti(zipSync({ 'imsmanifest.xml': enc(xxe) })), 'unsafe-xml');
    refused(
      () => parseQti(zipSync({ 'imsmanifest.xml': enc(manifest('item.xml')), 'item.xml': enc(xxe) })),
      'unsafe-xml',
    );
  });

  it('leaves undeclared entities as text, never resolving them', () => {
    const p = parseMoodleXml(
      '<quiz><question type="shortanswer"><name><text>n</text></name><questiontext format="plain_text"><text>a &secret; b</text></questiontext><answer fraction="100"><text>I10</text></answer></question></quiz>',
    );
    expect(p.items[0]?.stem).toBe('a &secret; b');
  });

  it('bounds element nesting', () => {
    const deep = `<quiz>${'<a>'.repeat(MAX_XML_DEPTH * 50)}${'</a>'.repeat(MAX_XML_DEPTH * 50)}</quiz>`;
    refused(() => parseMoodleXml(deep), 'malformed');
  });
});

describe('zip: no escaping the archive, no bombs', () => {
  it.each([
    ['../evil.xml'],
    ['items/../../evil.xml'],
    ['/etc/evil.xml'],
    ['C:/evil.xml'],
    ['items\\evil.xml'],
  ])('refuses an entry named %s', (name) => {
    const zip = zipSync({ 'imsmanifest.xml': enc(manifest('item.xml')), [name]: enc('<x/>') });
    const error = refused(() => parseQti(zip), 'unsafe-zip');
    expect(error.location.file).toBe(name);
  });

  it('refuses a manifest href that leaves the package', () => {
    const zip = zipSync({ 'imsmanifest.xml': enc(manifest('../outside.xml')) });
    refused(() => parseQti(zip), 'unsafe-zip');
  });

  it('refuses an archive whose declared sizes pass the uncompressed limit', () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const zip = zipSync({ 'imsmanifest.xml': enc(manifest('a.xml')), 'a.xml': zeros }, { level: 9 });
    expect(zip.length).toBeLessThan(64 * 1024);
    refused(() => parseQti(zip, { limits: { maxUncompressedBytes: 1024 * 1024 } }), 'unsafe-zip');
  });

  it('stops inflating an entry that lies about its size (counts bytes while inflating)', () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = zipSync({ 'imsmanifest.xml': enc(manifest('a.xml')), 'a.xml': zeros }, { level: 9 });
    // Rewrite the central directory's uncompressed size of a.xml to 100 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let patched = 0;
    for (let i = 0; i + 46 < zip.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(i + 28, true);
      const name = new TextDecoder().decode(zip.subarray(i + 46, i + 46 + nameLength));
      if (name === 'a.xml') {
        view.setUint32(i + 24, 100, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    const error = refused(() => parseQti(zip), 'unsafe-zip');
    expect(error.message).toContain('more than the 100 bytes it declares');
  });

  it('refuses more entries than allowed', () => {
    const files: Record<string, Uint8Array> = { 'imsmanifest.xml': enc(manifest('a.xml')) };
    for (let i = 0; i < 30; i++) files[`f${i}.txt`] = enc('x');
    refused(() => parseQti(zipSync(files), { limits: { maxZipEntries: 10 } }), 'too-many-entries');
  });

  it('refuses a zip with no manifest and bytes that are no zip at all', () => {
    refused(() => parseQti(zipSync({ 'a.xml': enc('<x/>') })), 'malformed');
    refused(() => parseQti(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0])), 'malformed');
  });
});

describe('size limits', () => {
  it('exports the limits', () => {
    expect({ MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, MAX_ITEMS, MAX_XML_DEPTH }).toEqual({
      MAX_FILE_BYTES: 20 * 1024 * 1024,
      MAX_UNCOMPRESSED_BYTES: 100 * 1024 * 1024,
      MAX_ZIP_ENTRIES: 20_000,
      MAX_ITEMS: 10_000,
      MAX_XML_DEPTH: 100,
    });
  });

  const samples: [FormatName, Uint8Array][] = [
    ['native', fixture('native/all-types.json')],
    ['csv', fixture('csv/sample.csv')],
    ['gift', fixture('gift/all-constructs.gift')],
    ['aiken', fixture('aiken/sample.txt')],
    ['moodle-xml', fixture('moodle/sample.xml')],
    ['qti', zipFixtureFolder('qti/package')],
  ];

  it.each(samples)('%s: refuses a file over the byte limit before parsing', (format, bytes) => {
    refused(() => parseBank(format, bytes, { limits: { maxFileBytes: 100 } }), 'too-large');
  });

  it.each(samples)('%s: refuses more items than allowed', (format, bytes) => {
    refused(() => parseBank(format, bytes, { limits: { maxItems: 2 } }), 'too-many-items');
  });

  it('counts a string input by its UTF-8 bytes', () => {
    refused(() => parseBank('gift', 'é'.repeat(60), { limits: { maxFileBytes: 100 } }), 'too-large');
    expect(() => parseBank('gift', 'é'.repeat(40), { limits: { maxFileBytes: 100 } })).not.toThrow();
  });
});

describe('CSV formula injection', () => {
  it('no written cell starts with = + - @ tab or CR', () => {
    const items = allTypes().map((i) => ({
      ...i,
      id: i.id,
      stem: '=HYPERLINK("http://x.invalid")',
      rationale: '+1',
      tags: ['-2', '@x'],
    }));
    const text = String(writeCsv(items).data);
    const cells = (parse(text, { bom: true }) as string[][]).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(text).toContain(`"'=HYPERLINK(""http://x.invalid"")"`);
    expect(parseBank('csv', text).items.map((i) => [i.stem, i.rationale, i.tags])).toEqual(
      items.filter((i) => i.type !== 'scenario').map((i) => [i.stem, i.rationale, i.tags]),
    );
  });
});
