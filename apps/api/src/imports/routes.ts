/**
 * Bank import and export routes, org-scoped and for staff only (bank files hold answer keys).
 * Uploads travel as base64 in JSON (every write is JSON: the CSRF guard), so these routes get a
 * larger body limit than the rest of the API: `importJsonParser`, mounted in app.ts before the
 * global parser.
 */
import {
  exportQuerySchema,
  exportReportSchema,
  importCommitBodySchema,
  importCommitResultSchema,
  importParamsSchema,
  importPreviewBodySchema,
  importPreviewSchema,
} from '@coderprep/contracts';
import { MAX_FILE_BYTES } from '@coderprep/formats';
import express from 'express';
import type { Deps } from '../deps';
import { requireRole, STAFF } from '../http/authz';
import { defineRoute } from '../http/route';
import {
  type BankFile,
  commitImport,
  decodeUpload,
  exportBank,
  exportReportHeader,
  previewImport,
  writeBankFile,
} from './service';

const BANK = '/api/orgs/:orgId/banks/:bankId';
/** The prefix of the upload routes, where `importJsonParser` is mounted. */
export const IMPORTS_PATH = `${BANK}/imports`;
const tag = 'imports';

/** A base64 file of MAX_FILE_BYTES, plus room for the other fields. */
export const IMPORT_BODY_LIMIT = Math.ceil(MAX_FILE_BYTES / 3) * 4 + 64 * 1024;

/** The JSON parser of the upload routes: the global one stops at 2 MB. */
export const importJsonParser = express.json({ limit: IMPORT_BODY_LIMIT, strict: true });

/** The bank file of an upload body (decoded; 413 over the size limit). */
function uploaded(body: {
  fileName: string;
  format?: BankFile['format'];
  contentBase64: string;
  options?: BankFile['options'];
}): BankFile {
  return {
    fileName: body.fileName,
    bytes: decodeUpload(body.contentBase64),
    format: body.format,
    options: body.options,
  };
}

export function importRoutes(deps: Deps) {
  const staff = (user: Parameters<typeof requireRole>[1], orgId: string) =>
    requireRole(deps, user, orgId, STAFF);
  return [
    defineRoute({
      method: 'post',
      path: `${IMPORTS_PATH}/preview`,
      summary:
        'Read a bank file (base64) and report what it holds: items, warnings and errors with their line, duplicates, key checks. Writes nothing (staff)',
      tag,
      access: 'user',
      params: importParamsSchema,
      body: importPreviewBodySchema,
      response: importPreviewSchema,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return previewImport(deps, params.orgId, params.bankId, uploaded(body));
      },
    }),
    defineRoute({
      method: 'post',
      path: `${IMPORTS_PATH}/commit`,
      summary:
        'Import a bank file: refused while it has errors; all accepted items land in one transaction or none do (staff)',
      tag,
      access: 'user',
      params: importParamsSchema,
      body: importCommitBodySchema,
      response: importCommitResultSchema,
      status: 201,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return commitImport(deps, user, params.orgId, params.bankId, uploaded(body), {
          duplicates: body.duplicates,
          via: 'http',
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: `${BANK}/export`,
      summary:
        'Download a bank as a file (native, csv, gift, aiken, moodle-xml, qti); header X-Export-Report lists what the format could not hold (staff)',
      tag,
      access: 'user',
      params: importParamsSchema,
      query: exportQuerySchema,
      produces: 'application/octet-stream',
      status: 200,
      handler: ({ user, params, query, res }) => {
        staff(user, params.orgId);
        const { data, contentType, report } = exportBank(
          deps,
          user,
          params.orgId,
          params.bankId,
          query,
          'http',
        );
        res
          .status(200)
          .type(contentType)
          .set('Content-Disposition', `attachment; filename="${report.fileName}"`)
          .set('Cache-Control', 'no-store')
          .set('X-Export-Report', exportReportHeader(report))
          .send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: `${BANK}/export/report`,
      summary:
        'What an export in a format would write and leave out (with reasons), without downloading it (staff)',
      tag,
      access: 'user',
      params: importParamsSchema,
      query: exportQuerySchema,
      response: exportReportSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return writeBankFile(deps, params.orgId, params.bankId, query).report;
      },
    }),
  ];
}
