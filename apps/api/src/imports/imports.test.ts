import type { ImportPreview } from '@coderprep/contracts';
import type { CodeSet, createCodeSet, Item } from '@coderprep/exam-engine';
import { type FormatName, MAX_FILE_BYTES, writeBank } from '@coderprep/formats';
import { beforeEach, describe, expect, it } from 'vitest';
import { createWorld, fillInItem, insertBank, mcItem, type World } from '../testing/fixtures';
import { allTypes, externalIds, fixture, upload, zipFixture } from './test-helpers';

let world: World;
let url: (what: 'preview' | 'commit', bankId?: string) => string;

beforeEach(async () => {
  world = await createWorld();
  url = (what, bankId = world.a.bankId) =>
    `/api/orgs/${world.a.organisationId}/banks/${bankId}/imports/${what}`;
});

/** A new empty bank in organisation A. */
const emptyBank = (name = 'Imported') => insertBank(world.deps, world.a.organisationId, [], name).bankId;

const preview = (body: object, bankId?: string) =>
  world.a.agents.instructor.post(url('preview', bankId)).send(body);
const commit = (body: object, bankId?: string) =>
  world.a.agents.instructor.post(url('commit', bankId)).send(body);

/** Loads a small ICD-10-CM table into the app's code set (the routes read deps.codeSet per call). */
function loadCodes(): void {
  (world.deps.codeSet as CodeSet & ReturnType<typeof createCodeSet>).loadIcd10Cm(
    ['code\tbillable', 'E11\t0', 'E119\t1', 'I10\t1'].join('\n'),
  );
}

const CSV_HEADER = 'id,type,domain,codeSetYear,stem,option_a,option_b,option_c,option_d,key,blanks,rationale';
const csvMc = (id: string, stem: string) => `${id},mc,anatomy,2026,${stem},a,b,c,d,A,,Because.`;
const csvFill = (id: string, stem: string, blanks: string) =>
  `${id},fill-in,icd-10-cm,2026,${stem},,,,,,${blanks},Because.`;
const csv = (...rows: string[]) => [CSV_HEADER, ...rows].join('\n');
/** A native bank document of these items. */
const nativeBank = (items: readonly Item[]) =>
  JSON.stringify({
    format: 'coderprep-bank',
    schemaVersion: 1,
    bank: { id: 'k', name: 'Keys', description: '' },
    items,
  });

describe('POST .../imports/preview', () => {
  const cases: {
    name: string;
    file: () => Uint8Array;
    format: FormatName;
    recognised: number;
    errorsAt: (number | string)[];
  }[] = [
    {
      name: 'sample.txt',
      file: () => fixture('aiken/sample.txt'),
      format: 'aiken',
      recognised: 2,
      errorsAt: [16, 22, 28],
    },
    {
      name: 'sample.csv',
      file: () => fixture('csv/sample.csv'),
      format: 'csv',
      recognised: 6,
      errorsAt: [12, 13],
    },
    {
      name: 'semicolon.csv',
      file: () => fixture('csv/semicolon.csv'),
      format: 'csv',
      recognised: 1,
      errorsAt: [],
    },
    {
      name: 'all-constructs.gift',
      file: () => fixture('gift/all-constructs.gift'),
      format: 'gift',
      recognised: 11,
      errorsAt: [42, 44, 46, 48],
    },
    {
      name: 'sample.xml',
      file: () => fixture('moodle/sample.xml'),
      format: 'moodle-xml',
      recognised: 6,
      errorsAt: [83],
    },
    {
      name: 'all-types.json',
      file: () => fixture('native/all-types.json'),
      format: 'native',
      recognised: 6,
      errorsAt: [],
    },
    {
      name: 'package.zip',
      file: () => zipFixture('qti/package'),
      format: 'qti',
      recognised: 5,
      errorsAt: ['items/unsupported.xml', 'items/broken.xml', 'items/missing.xml'],
    },
  ];

  it.each(cases)(
    'reads $name as $format: items, and errors with their line or file; writes nothing',
    async (c) => {
      const before = externalIds(world, world.a.bankId);
      const res = await preview(upload(c.name, c.file()));
      expect(res.status).toBe(200);
      const body = res.body as ImportPreview;
      expect(body.format).toBe(c.format);
      expect(body.fileName).toBe(c.name);
      expect(body.recognised).toBe(c.recognised);
      expect(body.items).toHaveLength(c.recognised);
      expect(body.errors.map((e) => e.line ?? e.file)).toEqual(c.errorsAt);
      expect(body.ready).toBe(c.errorsAt.length === 0);
      for (const error of body.errors) expect(error.message.length).toBeGreaterThan(10);
      for (const row of body.items) {
        expect(row.externalId).not.toBe('');
        expect(row.stem.length).toBeGreaterThan(0);
        expect(row.stem.length).toBeLessThanOrEqual(120);
      }
      expect(externalIds(world, world.a.bankId)).toEqual(before);
    },
  );

  it('names the problem a person can fix: the line, the item and what is wrong', async () => {
    const res = await preview(upload('sample.txt', fixture('aiken/sample.txt')));
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ line: 22, message: expect.stringContaining('"F" is not an option') }),
    );
    expect(res.body.errors).toContainEqual({ line: 28, message: 'the last question has no ANSWER line' });
  });

  it('summarises each item: id, type, domain, stem excerpt and its number of warnings', async () => {
    const res = await preview(upload('x.gift', '::g1::Which code reports essential hypertension? {=I10}\n'));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        externalId: 'g1',
        type: 'fill-in',
        domain: 'imported',
        stem: 'Which code reports essential hypertension?',
        warnings: 1,
        line: 1,
      },
    ]);
    // The code-set year was assumed and the rationale is a placeholder: both said.
    expect(res.body.warnings.map((w: { message: string }) => w.message)).toEqual([
      expect.stringContaining('2026 was assumed'),
      expect.stringContaining('no rationale'),
    ]);
  });

  it('applies the options for what the file does not say (domain, code-set year, id prefix)', async () => {
    const res = await preview(
      upload('q.aiken.txt', 'Which is right?\nA. one\nB. two\nC. three\nD. four\nANSWER: B\n', {
        options: { domain: 'surgery-20000', codeSetYear: 2025, idPrefix: 'mine' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('aiken');
    expect(res.body.items[0]).toMatchObject({
      domain: 'surgery-20000',
      externalId: expect.stringMatching(/^mine-/),
    });
    expect(res.body.warnings.some((w: { message: string }) => w.message.includes('was assumed'))).toBe(false);
  });

  it('takes the format it is told over the one it would recognise', async () => {
    const text = 'Which is right?\nA. one\nB. two\nC. three\nD. four\nANSWER: B\n';
    expect((await preview(upload('q.txt', text))).body.format).toBe('aiken');
    const res = await preview(upload('q.txt', text, { format: 'gift' }));
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('gift');
    expect(res.body.ready).toBe(false);
    const native = await preview(upload('q.txt', text, { format: 'native' }));
    expect(native.status).toBe(400);
    expect(native.body.error).toMatchObject({
      code: 'malformed',
      message: expect.stringContaining('as native'),
    });
  });

  it('refuses a file whose format cannot be recognised, naming the formats to choose from', async () => {
    const res = await preview(upload('notes.txt', 'just some notes\nnothing more'));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unknown-format');
    expect(res.body.error.message).toContain('moodle-xml');
  });

  it('finds duplicates of items already in the bank and within the file', async () => {
    const existing = mcItem('anat-1', 'anatomy');
    const file = csv(
      csvMc('anat-1', 'A different stem entirely'),
      csvMc('new-1', existing.stem),
      csvMc('new-2', 'Brand new question'),
      csvMc('new-3', 'brand NEW question!'),
    );
    const res = await preview(upload('dups.csv', file));
    expect(res.status).toBe(200);
    expect(res.body.recognised).toBe(4);
    expect(res.body.duplicates).toEqual([
      {
        itemId: 'anat-1',
        otherId: 'anat-1',
        where: 'existing',
        reasons: ['same-id'],
        bankItemId: world.a.itemIds['anat-1'],
      },
      {
        itemId: 'new-1',
        otherId: 'anat-1',
        where: 'existing',
        reasons: ['same-stem'],
        bankItemId: world.a.itemIds['anat-1'],
      },
      { itemId: 'new-3', otherId: 'new-2', where: 'import', reasons: ['same-stem'] },
    ]);
    expect(res.body.newItems).toBe(1);
    expect(res.body.ready).toBe(true);
  });

  it('checks keys against the code tables: a malformed code is an error, an unknown one a warning', async () => {
    loadCodes();
    // Native items are taken as they are: their key codes are checked here, by the engine.
    const file = nativeBank([
      fillInItem('k-bad', 'icd-10-cm', { key: { b1: { kind: 'icd10cm', accepted: ['E11.9', '1234'] } } }),
      fillInItem('k-unknown', 'icd-10-cm', { key: { b1: { kind: 'icd10cm', accepted: ['Q99.9'] } } }),
      fillInItem('k-good', 'icd-10-cm', { key: { b1: { kind: 'icd10cm', accepted: ['I10'] } } }),
    ]);
    const res = await preview(upload('keys.json', file));
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      {
        itemId: 'k-bad',
        message: expect.stringMatching(
          /^key\.b1\.accepted\.1: "1234" is not a valid ICD-10-CM code .*\("Stem of k-bad/,
        ),
      },
    ]);
    expect(res.body.keyWarnings).toEqual([
      {
        itemId: 'k-unknown',
        path: 'key.b1.accepted.0',
        message: expect.stringContaining('Q99.9 is not in the loaded ICD-10-CM code set'),
      },
    ]);
    expect(res.body.items.map((i: { externalId: string }) => i.externalId)).toEqual(['k-unknown', 'k-good']);
    expect(res.body.items[0].warnings).toBe(1);
    expect(res.body.ready).toBe(false);
  });

  it('refuses a CSV key code that is not a code, with its line', async () => {
    const res = await preview(upload('keys.csv', csv(csvFill('k-bad', 'Code it.', 'dx:icd10cm=1234'))));
    expect(res.body.errors).toEqual([
      { line: 2, itemId: 'k-bad', message: expect.stringContaining('"1234" is not a ICD-10-CM code') },
    ]);
  });

  it('refuses an external-entity file and a billion-laughs file at once (400 unsafe-xml)', async () => {
    for (const name of ['xxe.xml', 'billion-laughs.xml']) {
      const started = performance.now();
      const res = await preview(upload(name, fixture(`malicious/${name}`)));
      expect(performance.now() - started).toBeLessThan(1000);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('unsafe-xml');
      expect(res.body.error.message).toContain(name);
    }
  });

  it('turns other whole-file problems into 400s with the format error code', async () => {
    const broken = await preview(upload('bank.json', '{"format": "coderprep-bank", '));
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('malformed');
    const latin1 = await preview(upload('bank.csv', new Uint8Array([0x69, 0x64, 0x0a, 0xe9, 0xff, 0xfe])));
    expect(latin1.status).toBe(400);
    expect(latin1.body.error.code).toBe('not-utf8');
    const notZip = await preview(upload('p.zip', 'PK this is not a zip'));
    expect(notZip.status).toBe(400);
  });

  it('accepts files beyond the 2 MB limit of other routes', async () => {
    const filler = `// ${'x'.repeat(1000)}\n`.repeat(3000);
    const res = await preview(upload('big.gift', `${filler}::big-1::Which code? {=I10}\n`));
    expect(res.status).toBe(200);
    expect(res.body.recognised).toBe(1);
  });

  it('refuses a file over the size limit with 413', async () => {
    const res = await preview(upload('huge.gift', new Uint8Array(MAX_FILE_BYTES + 1)));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('file-too-large');
    expect(res.body.error.message).toContain('20 MiB');
  });

  it('validates the body with field paths', async () => {
    const bad = await preview({
      fileName: '',
      contentBase64: 'not base64!',
      options: { domain: 'Not A Slug' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-body');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.contentBase64',
      'body.fileName',
      'body.options.domain',
    ]);
    const format = await preview(upload('x.csv', 'a', { format: 'docx' }));
    expect(format.status).toBe(400);
    expect(format.body.error.details[0].path).toBe('body.format');
  });

  it('lets staff in: anonymous 401, another organisation 404, a student 403, another bank 404', async () => {
    const body = upload('s.csv', fixture('csv/semicolon.csv'));
    expect((await world.anonymous().post(url('preview')).send(body)).status).toBe(401);
    expect((await world.b.agents.instructor.post(url('preview')).send(body)).status).toBe(404);
    expect((await world.a.agents.student.post(url('preview')).send(body)).status).toBe(403);
    expect((await world.a.agents.admin.post(url('preview')).send(body)).status).toBe(200);
    const bankOfB = insertBank(world.deps, world.b.organisationId, [], 'B bank').bankId;
    expect((await preview(body, bankOfB)).status).toBe(404);
  });
});

describe('POST .../imports/commit', () => {
  it('imports a clean native file: every item lands as it was', async () => {
    const bankId = emptyBank();
    const res = await commit(upload('all-types.json', fixture('native/all-types.json')), bankId);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ fileName: 'all-types.json', format: 'native', created: 6, skipped: [] });
    expect(externalIds(world, bankId)).toEqual(
      allTypes()
        .map((i) => i.id)
        .sort(),
    );
    const one = await world.a.agents.instructor.get(
      `/api/orgs/${world.a.organisationId}/banks/${bankId}/items/${res.body.itemIds['fx-scenario-1']}`,
    );
    expect(one.body.body).toEqual(allTypes().find((i) => i.id === 'fx-scenario-1'));
  });

  it.each(['csv', 'gift', 'aiken', 'moodle-xml', 'qti'] as const)(
    'imports a clean %s file: each item the format holds lands',
    async (format) => {
      const { data, report } = writeBank(format, allTypes());
      const names = {
        csv: 'b.csv',
        gift: 'b.gift',
        aiken: 'b.aiken.txt',
        'moodle-xml': 'b.xml',
        qti: 'b.zip',
      };
      const bankId = emptyBank();
      const res = await commit(upload(names[format], data), bankId);
      expect(res.status).toBe(201);
      expect(res.body.format).toBe(format);
      expect(res.body.created).toBe(report.written);
      expect(externalIds(world, bankId)).toHaveLength(report.written);
    },
  );

  it('imports nothing from a file with one bad item, and says where the problem is', async () => {
    const file = csv(
      csvMc('ok-1', 'First good question'),
      csvMc('ok-2', 'Second good one'),
      'bad,mc,anatomy,2026,Bad key,a,b,c,d,F,,r',
    );
    const res = await commit(upload('one-bad.csv', file));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('import-has-errors');
    expect(res.body.error.message).toContain('line 4');
    expect(res.body.error.details.errors).toEqual([
      expect.objectContaining({ line: 4, itemId: 'bad', message: expect.stringContaining('"F"') }),
    ]);
    expect(externalIds(world, world.a.bankId)).not.toContain('ok-1');
  });

  it('imports nothing when a key code is malformed', async () => {
    const bankId = emptyBank();
    const res = await commit(
      upload(
        'keys.json',
        nativeBank([
          fillInItem('k-good', 'icd-10-cm'),
          fillInItem('k-bad', 'icd-10-cm', { key: { b1: { kind: 'icd10cm', accepted: ['1234'] } } }),
        ]),
      ),
      bankId,
    );
    expect(res.status).toBe(400);
    expect(externalIds(world, bankId)).toEqual([]);
  });

  it('lands every item or none: a failure half-way rolls the whole import back', async () => {
    const bankId = emptyBank();
    const realNewId = world.deps.newId;
    let calls = 0;
    world.deps.newId = () => {
      calls++;
      if (calls === 3) throw new Error('disk full');
      return realNewId();
    };
    const res = await commit(
      upload('three.csv', csv(csvMc('t-1', 'One?'), csvMc('t-2', 'Two?'), csvMc('t-3', 'Three?'))),
      bankId,
    );
    world.deps.newId = realNewId;
    expect(res.status).toBe(500);
    expect(externalIds(world, bankId)).toEqual([]);
  });

  it('skips duplicates by default, with the reason, and imports the rest', async () => {
    const file = csv(
      csvMc('anat-1', 'A different stem entirely'),
      csvMc('new-2', 'Brand new question'),
      csvMc('new-3', 'brand NEW question!'),
    );
    const res = await commit(upload('dups.csv', file));
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(1);
    expect(res.body.skipped).toEqual([
      { externalId: 'anat-1', reason: 'the same id as item "anat-1" in the bank' },
      { externalId: 'new-3', reason: 'the same stem as item "new-2" earlier in this file' },
    ]);
    expect(externalIds(world, world.a.bankId)).toContain('new-2');
    expect(externalIds(world, world.a.bankId)).not.toContain('new-3');
  });

  it('imports nothing when told to fail on duplicates (409 with the list)', async () => {
    const file = csv(csvMc('anat-1', 'A different stem'), csvMc('new-9', 'Another new question'));
    const res = await commit(upload('dups.csv', file, { duplicates: 'fail' }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('import-duplicates');
    expect(res.body.error.details.duplicates).toHaveLength(1);
    expect(externalIds(world, world.a.bankId)).not.toContain('new-9');
  });

  it('returns key warnings of the imported items', async () => {
    loadCodes();
    const bankId = emptyBank();
    const res = await commit(
      upload('keys.csv', csv(csvFill('k-unknown', 'Code the anomaly.', 'dx:icd10cm=Q99.9'))),
      bankId,
    );
    expect(res.status).toBe(201);
    expect(res.body.keyWarnings).toEqual([
      expect.objectContaining({ itemId: 'k-unknown', path: 'key.dx.accepted.0' }),
    ]);
  });

  it('is audited as bank.import with the file name, format and counts', async () => {
    const res = await commit(
      upload('dups.csv', csv(csvMc('anat-1', 'Other stem'), csvMc('new-2', 'A new one'))),
    );
    expect(res.status).toBe(201);
    const log = await world.a.agents.admin
      .get(`/api/orgs/${world.a.organisationId}/audit`)
      .query({ targetId: world.a.bankId });
    const event = log.body.items.find((e: { action: string }) => e.action === 'bank.import');
    expect(event).toMatchObject({
      actorId: world.a.userIds.instructor,
      details: { fileName: 'dups.csv', format: 'csv', via: 'http', created: 1, duplicates: 1 },
    });
  });

  it('refuses an unsafe file, writing nothing', async () => {
    const res = await commit(upload('xxe.xml', fixture('malicious/xxe.xml')));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unsafe-xml');
  });

  it('validates the duplicates policy', async () => {
    const res = await commit(upload('s.csv', fixture('csv/semicolon.csv'), { duplicates: 'overwrite' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.duplicates');
  });

  it('lets staff in: anonymous 401, another organisation 404, a student 403', async () => {
    const body = upload('s.csv', fixture('csv/semicolon.csv'));
    expect((await world.anonymous().post(url('commit')).send(body)).status).toBe(401);
    expect((await world.b.agents.admin.post(url('commit')).send(body)).status).toBe(404);
    expect((await world.a.agents.student.post(url('commit')).send(body)).status).toBe(403);
    expect(externalIds(world, world.a.bankId)).not.toContain('semi-1');
    expect((await world.a.agents.admin.post(url('commit')).send(body)).status).toBe(201);
    expect(externalIds(world, world.a.bankId)).toContain('semi-1');
  });
});
