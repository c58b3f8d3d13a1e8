/**
 * The import and export screens' stores, each made by a factory so every page (and every test)
 * gets a fresh one. Import is preview, then commit: the preview reads the file on the server and
 * writes nothing; the commit sends the same file and options again and lands all or nothing.
 */
import type {
  BankFormat,
  BankInfo,
  ExportReport,
  ImportCommitResult,
  ImportIssue,
  ImportOptionsBody,
  ImportPreview,
} from '@coderprep/contracts';
import { createStore } from 'zustand/vanilla';
import { ApiError, fieldErrors, NetworkError } from '../api/client';
import type { DuplicatePolicy, ExportStatus, ImportsApi, ImportUpload } from './api';
import { fileProblem, readAsBase64 } from './file';

/** A message a person can act on: the server's own, or why the server was not reached. */
export function errorMessage(error: unknown): string {
  if (error instanceof NetworkError)
    return 'Could not reach the server. Check your connection and try again.';
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

// ---------------------------------------------------------------- the bank a page is about

/** How the bank stands: loading, shown, refused (403: not staff), absent (404) or failed. */
export type BankStatus = 'loading' | 'ready' | 'forbidden' | 'missing' | 'error';

export interface BankHeaderState {
  status: BankStatus;
  bank: BankInfo | null;
  error: string | null;
  load(): Promise<void>;
}

export function createBankHeaderStore(api: ImportsApi) {
  return createStore<BankHeaderState>()((set) => ({
    status: 'loading',
    bank: null,
    error: null,
    async load() {
      set({ status: 'loading', error: null });
      try {
        set({ status: 'ready', bank: await api.getBank() });
      } catch (error) {
        const status: BankStatus =
          error instanceof ApiError && error.status === 403
            ? 'forbidden'
            : error instanceof ApiError && error.status === 404
              ? 'missing'
              : 'error';
        set({ status, error: errorMessage(error) });
      }
    },
  }));
}
export type BankHeaderStore = ReturnType<typeof createBankHeaderStore>;

// ---------------------------------------------------------------- import

/**
 * idle: no file yet; reading: the browser reads it; ready: read, not (or no longer) previewed;
 * previewing / previewed; committing; done; failed (see `failure.phase`).
 */
export type ImportStatus =
  | 'idle'
  | 'reading'
  | 'ready'
  | 'previewing'
  | 'previewed'
  | 'committing'
  | 'done'
  | 'failed';

/** What went wrong, and where: the file itself (too large, unreadable), the preview or the commit. */
export interface ImportFailure {
  phase: 'file' | 'preview' | 'commit';
  message: string;
  /** The server's stable error code (file-too-large, unknown-format, import-duplicates…). */
  code: string | null;
  /** The file's errors when the server refused a commit for them. */
  issues: ImportIssue[];
}

/** The options form as typed (empty: the server's default). */
export interface OptionFields {
  domain: string;
  codeSetYear: string;
  idPrefix: string;
}
export type OptionName = keyof OptionFields;

export interface ImportState {
  status: ImportStatus;
  file: { name: string; size: number } | null;
  /** The file's bytes, base64 (kept to send again with the commit). */
  content: string | null;
  /** 'auto': let the server recognise it from the name and first bytes. */
  format: BankFormat | 'auto';
  options: OptionFields;
  /** Messages of the options (and format) fields, by name, from the form check or the server. */
  fieldErrors: Partial<Record<OptionName | 'format', string>>;
  duplicates: DuplicatePolicy;
  preview: ImportPreview | null;
  result: ImportCommitResult | null;
  failure: ImportFailure | null;
  /** Forgets everything and reads `file`, then previews it. */
  chooseFile(file: File): Promise<void>;
  /** A new format or option makes the preview stale: it is dropped until previewed again. */
  setFormat(format: BankFormat | 'auto'): void;
  setOption(name: OptionName, value: string): void;
  setDuplicates(policy: DuplicatePolicy): void;
  runPreview(): Promise<void>;
  commit(): Promise<void>;
  /** Back to choosing a file. */
  reset(): void;
}

const DOMAIN = /^[a-z0-9][a-z0-9-]*$/;
const ID_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** The options as the server takes them, or the messages of the fields that are not right. */
export function checkOptions(
  fields: OptionFields,
): { options: ImportOptionsBody } | { errors: Partial<Record<OptionName, string>> } {
  const errors: Partial<Record<OptionName, string>> = {};
  const options: ImportOptionsBody = {};
  const domain = fields.domain.trim();
  if (domain) {
    if (domain.length > 120 || !DOMAIN.test(domain))
      errors.domain = 'Use a lower-case slug of letters, digits and dashes, e.g. surgery-20000.';
    else options.domain = domain;
  }
  const year = fields.codeSetYear.trim();
  if (year) {
    const value = Number(year);
    if (!Number.isInteger(value) || value < 2015 || value > 2100)
      errors.codeSetYear = 'Enter a year from 2015 to 2100, e.g. 2026.';
    else options.codeSetYear = value;
  }
  const prefix = fields.idPrefix.trim();
  if (prefix) {
    if (prefix.length > 40 || !ID_PREFIX.test(prefix))
      errors.idPrefix = 'Start with a letter or digit; use letters, digits and . _ : - only (up to 40).';
    else options.idPrefix = prefix;
  }
  return Object.keys(errors).length > 0 ? { errors } : { options };
}

/** True when the preview allows a commit: no errors in the file, and something new in it. */
export const canCommit = (s: ImportState) =>
  s.preview?.ready === true &&
  s.preview.errors.length === 0 &&
  s.preview.newItems > 0 &&
  s.content !== null &&
  (s.status === 'previewed' || (s.status === 'failed' && s.failure?.phase === 'commit'));

const EMPTY_OPTIONS: OptionFields = { domain: '', codeSetYear: '', idPrefix: '' };

export function createImportStore(api: ImportsApi) {
  return createStore<ImportState>()((set, get) => {
    // Each file, format or option change starts a new generation: answers to older requests are dropped.
    let generation = 0;

    /** The upload of the current file, or null when the options need fixing first. */
    function upload(): ImportUpload | null {
      const { file, content, format, options } = get();
      if (!file || content === null) return null;
      const checked = checkOptions(options);
      if ('errors' in checked) {
        set({ fieldErrors: checked.errors });
        return null;
      }
      const hasOptions = Object.keys(checked.options).length > 0;
      return {
        fileName: file.name,
        contentBase64: content,
        ...(format === 'auto' ? {} : { format }),
        ...(hasOptions ? { options: checked.options } : {}),
      };
    }

    function failed(phase: ImportFailure['phase'], error: unknown) {
      const fields = fieldErrors(error);
      const byField: ImportState['fieldErrors'] = {};
      for (const [path, message] of Object.entries(fields)) {
        const name = path.replace(/^options\./, '');
        if (name === 'domain' || name === 'codeSetYear' || name === 'idPrefix' || name === 'format')
          byField[name] = message;
      }
      if (error instanceof ApiError && error.code === 'unknown-format')
        byField.format = 'The format could not be recognised from the file: choose it here.';
      const details =
        error instanceof ApiError ? (error.details as { errors?: unknown } | undefined) : undefined;
      set({
        status: 'failed',
        fieldErrors: byField,
        failure: {
          phase,
          message: errorMessage(error),
          code: error instanceof ApiError ? error.code : null,
          issues: Array.isArray(details?.errors) ? (details.errors as ImportIssue[]) : [],
        },
      });
    }

    /** A changed setting drops the preview: a commit must send what was previewed. */
    function settingChanged(patch: Partial<ImportState>) {
      const { status, content } = get();
      if (status === 'committing' || status === 'done') return;
      // No file read yet (or still reading): the preview that follows the read uses the new setting.
      if (content === null) {
        set({ ...patch, fieldErrors: {} });
        return;
      }
      generation += 1;
      set({ ...patch, fieldErrors: {}, status: 'ready', preview: null, failure: null });
    }

    return {
      status: 'idle',
      file: null,
      content: null,
      format: 'auto',
      options: EMPTY_OPTIONS,
      fieldErrors: {},
      duplicates: 'skip',
      preview: null,
      result: null,
      failure: null,

      async chooseFile(file) {
        const mine = ++generation;
        const meta = { name: file.name, size: file.size };
        const problem = fileProblem(meta);
        set({
          status: problem ? 'failed' : 'reading',
          file: meta,
          content: null,
          preview: null,
          result: null,
          failure: problem ? { phase: 'file', message: problem, code: null, issues: [] } : null,
          fieldErrors: {},
          duplicates: 'skip',
        });
        if (problem) return;
        let content: string;
        try {
          content = await readAsBase64(file);
        } catch (error) {
          if (mine !== generation) return;
          set({
            status: 'failed',
            failure: {
              phase: 'file',
              message: `${file.name} could not be read (${errorMessage(error)}). Choose it again.`,
              code: null,
              issues: [],
            },
          });
          return;
        }
        if (mine !== generation) return;
        set({ status: 'ready', content });
        await get().runPreview();
      },

      setFormat(format) {
        settingChanged({ format });
      },
      setOption(name, value) {
        settingChanged({ options: { ...get().options, [name]: value } });
      },
      setDuplicates(duplicates) {
        set({ duplicates });
      },

      async runPreview() {
        const status = get().status;
        if (status === 'reading' || status === 'previewing' || status === 'committing') return;
        const body = upload();
        if (!body) return;
        const mine = ++generation;
        set({ status: 'previewing', preview: null, result: null, failure: null, fieldErrors: {} });
        try {
          const preview = await api.preview(body);
          if (mine === generation) set({ status: 'previewed', preview });
        } catch (error) {
          if (mine === generation) failed('preview', error);
        }
      },

      async commit() {
        const state = get();
        if (!canCommit(state)) return;
        const body = upload();
        if (!body) return;
        const mine = ++generation;
        set({ status: 'committing', failure: null });
        try {
          const result = await api.commit(body, state.duplicates);
          if (mine === generation) set({ status: 'done', result });
        } catch (error) {
          if (mine === generation) failed('commit', error);
        }
      },

      reset() {
        generation += 1;
        set({
          status: 'idle',
          file: null,
          content: null,
          preview: null,
          result: null,
          failure: null,
          fieldErrors: {},
          duplicates: 'skip',
        });
      },
    };
  });
}
export type ImportStore = ReturnType<typeof createImportStore>;

// ---------------------------------------------------------------- export

export interface ExportState {
  format: BankFormat | null;
  status: ExportStatus;
  loading: boolean;
  /** The report of the chosen format and status (null while it loads or after a failure). */
  report: ExportReport | null;
  error: string | null;
  /** Chooses what to export and loads its report. */
  choose(format: BankFormat, status?: ExportStatus): Promise<void>;
  setStatus(status: ExportStatus): Promise<void>;
  reload(): Promise<void>;
}

export function createExportStore(api: ImportsApi) {
  return createStore<ExportState>()((set, get) => {
    let generation = 0;
    async function load() {
      const { format, status } = get();
      if (!format) return;
      const mine = ++generation;
      set({ loading: true, report: null, error: null });
      try {
        const report = await api.exportReport(format, status);
        if (mine === generation) set({ loading: false, report });
      } catch (error) {
        if (mine === generation) set({ loading: false, error: errorMessage(error) });
      }
    }
    return {
      format: null,
      status: 'active',
      loading: false,
      report: null,
      error: null,
      async choose(format, status = get().status) {
        set({ format, status });
        await load();
      },
      async setStatus(status) {
        set({ status });
        await load();
      },
      reload: load,
    };
  });
}
export type ExportStore = ReturnType<typeof createExportStore>;
