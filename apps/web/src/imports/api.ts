/**
 * Bank import and export requests of one bank (staff only: bank files hold answer keys). Uploads
 * travel as base64 in JSON, as every write does; a download is a plain link to the export route,
 * so the browser streams the file to disk with the session cookie instead of holding it here.
 */
import type {
  BankFormat,
  BankInfo,
  ExportReport,
  ImportCommitResult,
  ImportOptionsBody,
  ImportPreview,
} from '@coderprep/contracts';
import type { ApiClient } from '../api/client';

export type ExportStatus = 'active' | 'archived' | 'all';
export type DuplicatePolicy = 'skip' | 'fail';

/** What a preview and a commit send: the file and how to read it. */
export interface ImportUpload {
  fileName: string;
  contentBase64: string;
  format?: BankFormat;
  options?: ImportOptionsBody;
}

/** The requests of one bank of one program. */
export function importsApi(client: ApiClient, orgId: string, bankId: string) {
  const bank = `/api/orgs/${encodeURIComponent(orgId)}/banks/${encodeURIComponent(bankId)}`;
  return {
    getBank: () => client.get<BankInfo>(bank),
    preview: (upload: ImportUpload) => client.post<ImportPreview>(`${bank}/imports/preview`, upload),
    commit: (upload: ImportUpload, duplicates: DuplicatePolicy) =>
      client.post<ImportCommitResult>(`${bank}/imports/commit`, { ...upload, duplicates }),
    exportReport: (format: BankFormat, status: ExportStatus) =>
      client.get<ExportReport>(`${bank}/export/report`, { format, status }),
    /** The download address of an export (a GET the browser follows with the session cookie). */
    exportUrl: (format: BankFormat, status: ExportStatus) =>
      `${bank}/export?${new URLSearchParams({ format, status }).toString()}`,
  };
}

export type ImportsApi = ReturnType<typeof importsApi>;
