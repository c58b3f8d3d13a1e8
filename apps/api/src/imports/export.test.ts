import { type ExportReportHeader, exportReportHeaderSchema } from '@coderprep/contracts';
import { FORMATS, type FormatName, parseBank } from '@coderprep/formats';
import { beforeEach, describe, expect, it } from 'vitest';
import { createWorld, insertBank, type World } from '../testing/fixtures';
import { EXPORT_HEADER_MAX, exportReportHeader } from './service';
import { allTypes, binary, externalIds, upload } from './test-helpers';

let world: World;
let bankId: string;
const bankUrl = (id = bankId) => `/api/orgs/${world.a.organisationId}/banks/${id}`;

beforeEach(async () => {
  world = await createWorld();
  // Every item type, in a bank whose name needs cleaning for a file name.
  bankId = insertBank(world.deps, world.a.organisationId, allTypes(), 'Résumé: CPC "mock" bank').bankId;
});

const download = (format: string, query: Record<string, string> = {}, agent = world.a.agents.instructor) =>
  agent
    .get(`${bankUrl()}/export`)
    .query({ format, ...query })
    .buffer(true)
    .parse(binary);

const headerOf = (res: { headers: Record<string, string> }): ExportReportHeader =>
  exportReportHeaderSchema.parse(JSON.parse(res.headers['x-export-report'] as string));

describe('GET .../export', () => {
  const expected: Record<FormatName, { type: string; file: string; leftOut: string[] }> = {
    native: { type: 'application/json', file: 'Resume-CPC-mock-bank.json', leftOut: [] },
    csv: { type: 'text/csv', file: 'Resume-CPC-mock-bank.csv', leftOut: ['fx-scenario-1'] },
    gift: {
      type: 'text/plain',
      file: 'Resume-CPC-mock-bank.gift.txt',
      leftOut: ['fx-fill-1', 'fx-scenario-1'],
    },
    aiken: {
      type: 'text/plain',
      file: 'Resume-CPC-mock-bank.aiken.txt',
      leftOut: ['fx-mr-1', 'fx-fill-1', 'fx-fill-2', 'fx-num-1', 'fx-scenario-1'],
    },
    'moodle-xml': {
      type: 'application/xml',
      file: 'Resume-CPC-mock-bank.moodle.xml',
      leftOut: ['fx-scenario-1'],
    },
    qti: { type: 'application/zip', file: 'Resume-CPC-mock-bank.qti.zip', leftOut: [] },
  };

  it.each(FORMATS)(
    'downloads %s: content type, attachment name, report header; the file reads back',
    async (format) => {
      const want = expected[format];
      const res = await download(format);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(want.type);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${want.file}"`);
      expect(res.headers['cache-control']).toBe('no-store');
      const report = headerOf(res);
      expect(report.leftOut.map((l) => l.itemId).sort()).toEqual([...want.leftOut].sort());
      expect(report.written).toBe(6 - want.leftOut.length);
      expect(report.truncated).toBe(false);
      for (const left of report.leftOut) expect(left.reason.length).toBeGreaterThan(10);
      // What was written is what comes back.
      const back = parseBank(format, new Uint8Array(res.body as Buffer));
      expect(back.errors).toEqual([]);
      expect(back.items).toHaveLength(report.written);
    },
  );

  it('writes a QTI package as a zip', async () => {
    const res = await download('qti');
    expect((res.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('round-trips: a downloaded file imports into another bank with everything it holds', async () => {
    for (const format of ['gift', 'moodle-xml', 'qti', 'native'] as const) {
      const res = await download(format);
      const target = insertBank(world.deps, world.a.organisationId, [], `Copy ${format}`).bankId;
      const fileName = expected[format].file;
      const imported = await world.a.agents.instructor
        .post(`${bankUrl(target)}/imports/commit`)
        .send(upload(fileName, new Uint8Array(res.body as Buffer)));
      expect(imported.status).toBe(201);
      expect(imported.body.format).toBe(format);
      expect(imported.body.created).toBe(headerOf(res).written);
      expect(externalIds(world, target)).toHaveLength(headerOf(res).written);
    }
  });

  it('exports active items by default, archived or all when asked', async () => {
    const archived = await world.a.agents.instructor
      .post(
        `/api/orgs/${world.a.organisationId}/banks/${world.a.bankId}/items/${world.a.itemIds['anat-1']}/archive`,
      )
      .set('Content-Type', 'application/json');
    expect(archived.status).toBe(200);
    const get = (status?: string) =>
      world.a.agents.instructor
        .get(`${bankUrl(world.a.bankId)}/export`)
        .query({ format: 'native', ...(status ? { status } : {}) })
        .buffer(true)
        .parse(binary);
    const ids = async (status?: string) =>
      parseBank('native', new Uint8Array((await get(status)).body as Buffer)).items.map((i) => i.id);
    expect(await ids()).not.toContain('anat-1');
    expect(await ids('archived')).toEqual(['anat-1']);
    expect(await ids('all')).toHaveLength(10);
  });

  it('names the bank in a native document', async () => {
    const res = await download('native');
    const doc = JSON.parse((res.body as Buffer).toString('utf8'));
    expect(doc.bank).toMatchObject({ id: bankId, name: 'Résumé: CPC "mock" bank' });
  });

  it('is audited as bank.export', async () => {
    await download('aiken');
    const log = await world.a.agents.admin
      .get(`/api/orgs/${world.a.organisationId}/audit`)
      .query({ targetId: bankId });
    expect(log.body.items[0]).toMatchObject({
      action: 'bank.export',
      actorId: world.a.userIds.instructor,
      details: { format: 'aiken', status: 'active', written: 1, leftOut: 5, via: 'http' },
    });
  });

  it('validates the query', async () => {
    const res = await world.a.agents.instructor.get(`${bankUrl()}/export`).query({ format: 'docx' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query.format');
    const none = await world.a.agents.instructor.get(`${bankUrl()}/export`);
    expect(none.status).toBe(400);
    const status = await world.a.agents.instructor
      .get(`${bankUrl()}/export`)
      .query({ format: 'csv', status: 'x' });
    expect(status.body.error.details[0].path).toBe('query.status');
  });

  it('lets staff in: anonymous 401, another organisation 404, a student 403', async () => {
    expect((await download('csv', {}, world.anonymous())).status).toBe(401);
    expect((await download('csv', {}, world.b.agents.instructor)).status).toBe(404);
    expect((await download('csv', {}, world.a.agents.student)).status).toBe(403);
    expect((await download('csv', {}, world.a.agents.admin)).status).toBe(200);
    const bankOfB = insertBank(world.deps, world.b.organisationId, [], 'B').bankId;
    expect(
      (await world.a.agents.admin.get(`${bankUrl(bankOfB)}/export`).query({ format: 'csv' })).status,
    ).toBe(404);
  });
});

describe('GET .../export/report', () => {
  it('says what a format would write and leave out, with reasons, without a download', async () => {
    const res = await world.a.agents.instructor.get(`${bankUrl()}/export/report`).query({ format: 'aiken' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      format: 'aiken',
      fileName: 'Resume-CPC-mock-bank.aiken.txt',
      written: 1,
    });
    expect(res.body.leftOut).toHaveLength(5);
    expect(res.body.leftOut).toContainEqual({
      itemId: 'fx-scenario-1',
      reason: 'Aiken holds multiple choice only, not scenario',
    });
    expect(res.body.warnings).toEqual([{ message: expect.stringContaining('Aiken holds no ids') }]);
  });

  it('matches the header of the download', async () => {
    const report = await world.a.agents.instructor
      .get(`${bankUrl()}/export/report`)
      .query({ format: 'gift' });
    const file = await download('gift');
    const header = headerOf(file);
    expect(header.written).toBe(report.body.written);
    expect(header.leftOut).toEqual(report.body.leftOut);
  });

  it('is not audited (nothing leaves the platform)', async () => {
    await world.a.agents.instructor.get(`${bankUrl()}/export/report`).query({ format: 'csv' });
    const log = await world.a.agents.admin
      .get(`/api/orgs/${world.a.organisationId}/audit`)
      .query({ targetId: bankId });
    expect(log.body.items).toEqual([]);
  });

  it('lets staff in: anonymous 401, another organisation 404, a student 403; validates the format', async () => {
    const get = (agent: typeof world.a.agents.admin, format = 'csv') =>
      agent.get(`${bankUrl()}/export/report`).query({ format });
    expect((await get(world.anonymous())).status).toBe(401);
    expect((await get(world.b.agents.admin)).status).toBe(404);
    expect((await get(world.a.agents.student)).status).toBe(403);
    expect((await get(world.a.agents.admin)).status).toBe(200);
    expect((await get(world.a.agents.admin, 'pdf')).status).toBe(400);
  });
});

describe('exportReportHeader', () => {
  const report = (leftOut: number, warnings = 0) => ({
    format: 'aiken' as const,
    fileName: 'b.aiken.txt',
    written: 3,
    leftOut: Array.from({ length: leftOut }, (_, i) => ({
      itemId: `item-${i}`,
      reason: 'Aiken holds multiple choice only',
    })),
    warnings: Array.from({ length: warnings }, (_, i) => ({ message: `loss ${i}` })),
  });

  it('is the whole report while it fits', () => {
    const value = exportReportHeader(report(2, 1));
    expect(JSON.parse(value)).toEqual({
      written: 3,
      leftOut: report(2).leftOut,
      leftOutCount: 2,
      warnings: [{ message: 'loss 0' }],
      warningCount: 1,
      truncated: false,
    });
  });

  it('cuts long lists to stay within a header size, keeping the counts', () => {
    const value = exportReportHeader(report(5000, 50));
    expect(value.length).toBeLessThanOrEqual(EXPORT_HEADER_MAX);
    const parsed = JSON.parse(value);
    expect(parsed).toMatchObject({ leftOutCount: 5000, warningCount: 50, warnings: [], truncated: true });
    expect(parsed.leftOut.length).toBeGreaterThan(0);
    expect(parsed.leftOut[0]).toEqual({ itemId: 'item-0', reason: 'Aiken holds multiple choice only' });
  });

  it('is ASCII: other characters are JSON escapes', () => {
    const value = exportReportHeader({ ...report(0), warnings: [{ message: 'Résumé → “x”' }] });
    expect(/^[\x20-\x7e]*$/.test(value)).toBe(true);
    expect(JSON.parse(value).warnings[0].message).toBe('Résumé → “x”');
  });
});
