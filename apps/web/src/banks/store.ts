/**
 * The banks area's stores, one per screen, each made by a factory so every page (and every test)
 * gets a fresh one: the list of banks, one bank's items, and the item editor.
 */
import type { BankInfo, BankStats, ItemDetail, ItemRow, RegradeResult } from '@coderprep/contracts';
import { createStore } from 'zustand/vanilla';
import { ApiError, fieldErrors, NetworkError } from '../api/client';
import type { BanksApi, ItemBody, ItemFilters } from './api';
import { checkBody, type Issue } from './check';
import { fromBody, type ItemDraft, keyChanged, newDraft, toBody } from './draft';

/** How a page stands: loading, shown, refused (403: not staff), absent (404) or failed. */
export type LoadStatus = 'loading' | 'ready' | 'forbidden' | 'missing' | 'error';

/** A message a person can act on. */
export function errorMessage(error: unknown): string {
  if (error instanceof NetworkError)
    return 'Could not reach the server. Check your connection and try again.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

function failedStatus(error: unknown): LoadStatus {
  if (error instanceof ApiError && error.status === 403) return 'forbidden';
  if (error instanceof ApiError && error.status === 404) return 'missing';
  return 'error';
}

// ---------------------------------------------------------------- the list of banks

export interface BankListState {
  status: LoadStatus;
  error: string | null;
  banks: BankInfo[];
  total: number;
  offset: number;
  load(offset?: number): Promise<void>;
  /** Creates a bank and lists it; throws the server's error (field messages via fieldErrors). */
  create(name: string, description: string): Promise<BankInfo>;
  rename(bankId: string, name: string): Promise<BankInfo>;
}

export const BANKS_PER_PAGE = 50;

export function createBankListStore(api: BanksApi) {
  return createStore<BankListState>()((set, get) => ({
    status: 'loading',
    error: null,
    banks: [],
    total: 0,
    offset: 0,
    async load(offset = get().offset) {
      try {
        const page = await api.listBanks(offset, BANKS_PER_PAGE);
        set({ status: 'ready', error: null, banks: page.items, total: page.total, offset });
      } catch (error) {
        set({ status: failedStatus(error), error: errorMessage(error) });
      }
    },
    async create(name, description) {
      const bank = await api.createBank({ name, description });
      set((s) => ({ banks: [...s.banks, bank], total: s.total + 1 }));
      return bank;
    },
    async rename(bankId, name) {
      const bank = await api.updateBank(bankId, { name });
      set((s) => ({ banks: s.banks.map((b) => (b.id === bankId ? bank : b)) }));
      return bank;
    },
  }));
}
export type BankListStore = ReturnType<typeof createBankListStore>;

// ---------------------------------------------------------------- one bank's items

export interface BankState {
  status: LoadStatus;
  error: string | null;
  bank: BankInfo | null;
  stats: BankStats | null;
  items: ItemRow[];
  total: number;
  filters: ItemFilters;
  /** The list is being fetched again (filters changed). */
  listing: boolean;
  /** What the last archive / restore / delete did, in the server's words. */
  notice: { kind: 'ok' | 'error'; text: string } | null;
  /** The bank with its stats. */
  load(): Promise<void>;
  /** The items matching these filters. */
  list(filters: ItemFilters): Promise<void>;
  archive(item: ItemRow): Promise<void>;
  restore(item: ItemRow): Promise<void>;
  /** Deletes an unused item; the server archives a used one instead and says so. */
  remove(item: ItemRow): Promise<void>;
}

export function createBankStore(api: BanksApi, bankId: string) {
  return createStore<BankState>()((set, get) => {
    /** Bank counts and stats change with every archive, restore and delete. */
    const refresh = async () => {
      const [bank, stats] = await Promise.all([api.getBank(bankId), api.stats(bankId)]);
      set({ bank, stats });
    };
    const act = async (item: ItemRow, run: () => Promise<string>) => {
      try {
        const text = await run();
        set({ notice: { kind: 'ok', text } });
        await Promise.all([get().list(get().filters), refresh()]);
      } catch (error) {
        set({ notice: { kind: 'error', text: `${item.externalId}: ${errorMessage(error)}` } });
      }
    };
    return {
      status: 'loading',
      error: null,
      bank: null,
      stats: null,
      items: [],
      total: 0,
      filters: {},
      listing: false,
      notice: null,
      async load() {
        try {
          await refresh();
          set({ status: 'ready', error: null });
        } catch (error) {
          set({ status: failedStatus(error), error: errorMessage(error) });
        }
      },
      async list(filters) {
        set({ filters, listing: true });
        try {
          const page = await api.listItems(bankId, filters);
          // A slower answer to older filters must not overwrite a newer list.
          if (get().filters !== filters) return;
          set({ items: page.items, total: page.total, listing: false, error: null });
        } catch (error) {
          if (get().filters !== filters) return;
          set({ listing: false, error: errorMessage(error) });
          if (error instanceof ApiError && error.status === 403) set({ status: 'forbidden' });
        }
      },
      archive: (item) =>
        act(item, async () => {
          await api.archiveItem(bankId, item.id);
          return `${item.externalId} was archived: it is no longer drawn for new attempts.`;
        }),
      restore: (item) =>
        act(item, async () => {
          await api.restoreItem(bankId, item.id);
          return `${item.externalId} was restored: it is drawn again.`;
        }),
      remove: (item) =>
        act(item, async () => {
          const result = await api.removeItem(bankId, item.id);
          return `${item.externalId}: ${result.message}`;
        }),
    };
  });
}
export type BankStore = ReturnType<typeof createBankStore>;

// ---------------------------------------------------------------- the item editor

type Path = readonly (string | number)[];

/** A copy of `target` with `fn` applied at `path` (arrays and objects copied along the way). */
export function updateIn<T>(target: T, path: Path, fn: (value: unknown) => unknown): T {
  if (path.length === 0) return fn(target) as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const source = target as Record<string | number, unknown>;
  const copy = (Array.isArray(target) ? [...target] : { ...source }) as Record<string | number, unknown>;
  copy[head] = updateIn(source[head], rest, fn);
  return copy as T;
}

export interface SavedNotice {
  version: number;
  created: boolean;
  /** The version before this save, when this save changed how answers are graded. */
  keyChangedFrom: number | null;
}

export interface ViewedVersion {
  version: number;
  createdAt: number;
  body: ItemBody;
}

export interface RegradeState {
  status: 'idle' | 'running' | 'done' | 'error';
  fromVersion: number | null;
  result: RegradeResult | null;
  error: string | null;
}

export interface EditorState {
  status: LoadStatus;
  loadError: string | null;
  /** The saved item (null until a new item is first saved). */
  item: ItemDetail | null;
  draft: ItemDraft;
  /** Field messages by server path ("options.2.text"). */
  errors: Record<string, string>;
  /** What went wrong with the last save, in a sentence. */
  saveError: string | null;
  /** Key-check notes on the last saved version, by server path. */
  warnings: Issue[];
  saving: boolean;
  /** Edits since the last load or save. */
  dirty: boolean;
  saved: SavedNotice | null;
  viewing: ViewedVersion | null;
  viewError: string | null;
  regrade: RegradeState;
  /** The item (for a new item: ready at once). */
  load(): Promise<void>;
  /** Applies `fn` at a path of the draft; `field` (a server path) loses its message. */
  edit(path: Path, fn: (value: unknown) => unknown, field?: string): void;
  set(path: Path, value: unknown, field?: string): void;
  /** Replaces the whole draft (e.g. a type change). */
  replace(draft: ItemDraft): void;
  /** Checks, then saves (a new item, or a new version); the saved item, or null when refused. */
  save(): Promise<ItemDetail | null>;
  viewVersion(version: number): Promise<void>;
  closeVersion(): void;
  /** Takes the version being viewed as the draft (saving it makes a new version). */
  copyViewedToDraft(): void;
  /** Offers a regrade of the attempts holding `fromVersion` (e.g. from item analysis). */
  offerRegrade(fromVersion: number): void;
  runRegrade(fromVersion: number): Promise<void>;
}

export interface EditorOptions {
  api: BanksApi;
  bankId: string;
  /** The item's row id; absent for a new item. */
  itemId?: string | undefined;
  /** Defaults for a new item's metadata. */
  defaults?: Partial<ItemDraft> | undefined;
  /** What a save just returned (a new item's page opens with its confirmation). */
  justSaved?: { item: ItemDetail; warnings: Issue[]; notice: SavedNotice } | undefined;
}

const idleRegrade: RegradeState = { status: 'idle', fromVersion: null, result: null, error: null };

/** Drops the "body." prefix of server paths. */
const bodyPath = (path: string) => path.replace(/^body\.?/, '');

export function createItemEditorStore({ api, bankId, itemId, defaults, justSaved }: EditorOptions) {
  return createStore<EditorState>()((set, get) => ({
    status: itemId && !justSaved ? 'loading' : 'ready',
    loadError: null,
    item: justSaved?.item ?? null,
    draft: justSaved ? fromBody(justSaved.item.body) : newDraft('multiple-choice', defaults),
    errors: {},
    saveError: null,
    warnings: justSaved?.warnings ?? [],
    saving: false,
    dirty: false,
    saved: justSaved?.notice ?? null,
    viewing: null,
    viewError: null,
    regrade: idleRegrade,

    async load() {
      if (!itemId || get().item) return;
      try {
        const item = await api.getItem(bankId, itemId);
        set({ status: 'ready', item, draft: fromBody(item.body), dirty: false });
      } catch (error) {
        set({ status: failedStatus(error), loadError: errorMessage(error) });
      }
    },

    edit(path, fn, field) {
      set((s) => {
        const draft = updateIn(s.draft, path, fn);
        const errors = field ? withoutField(s.errors, field) : s.errors;
        return { draft, dirty: true, ...settledErrors(s, draft, errors) };
      });
    },
    set(path, value, field) {
      get().edit(path, () => value, field);
    },
    replace(draft) {
      set((s) => ({ draft, dirty: true, ...settledErrors(s, draft, s.errors) }));
    },

    async save() {
      const { draft, item } = get();
      const body = toBody(draft);
      const issues = checkBody(body);
      if (issues.length > 0) {
        set({ errors: issueRecord(issues), saveError: 'The item was not saved: correct the fields listed.' });
        return null;
      }
      set({ saving: true, errors: {}, saveError: null });
      try {
        const result = item
          ? await api.updateItem(bankId, item.id, body)
          : await api.createItem(bankId, body);
        const before = item?.body;
        const keyChangedFrom =
          item && before && keyChanged(before, result.item.body) ? item.currentVersion : null;
        set({
          saving: false,
          dirty: false,
          item: result.item,
          draft: fromBody(result.item.body),
          warnings: result.warnings.map((w) => ({ path: bodyPath(w.path), message: w.message })),
          saved: { version: result.item.currentVersion, created: !item, keyChangedFrom },
          regrade: keyChangedFrom ? { ...idleRegrade, fromVersion: keyChangedFrom } : idleRegrade,
        });
        return result.item;
      } catch (error) {
        const errors = fieldErrors(error);
        if (error instanceof ApiError && error.code === 'external-id-taken') errors.id = error.message;
        set({
          saving: false,
          errors,
          saveError: `The item was not saved. ${errorMessage(error)}`,
        });
        return null;
      }
    },

    async viewVersion(version) {
      const { item } = get();
      if (!item) return;
      if (version === item.currentVersion) {
        const info = item.versions.find((v) => v.version === version);
        set({
          viewing: { version, createdAt: info?.createdAt ?? item.updatedAt, body: item.body },
          viewError: null,
        });
        return;
      }
      try {
        const found = await api.getVersion(bankId, item.id, version);
        set({ viewing: { version, createdAt: found.createdAt, body: found.body }, viewError: null });
      } catch (error) {
        set({ viewError: `Version ${version} could not be opened. ${errorMessage(error)}` });
      }
    },
    closeVersion() {
      set({ viewing: null });
    },
    copyViewedToDraft() {
      const { viewing } = get();
      if (viewing)
        set({ draft: fromBody(viewing.body), viewing: null, dirty: true, errors: {}, saveError: null });
    },

    offerRegrade(fromVersion) {
      set({ regrade: { ...idleRegrade, fromVersion } });
    },
    async runRegrade(fromVersion) {
      const { item } = get();
      if (!item) return;
      set({ regrade: { status: 'running', fromVersion, result: null, error: null } });
      try {
        const result = await api.regrade(item.id, fromVersion);
        set({ regrade: { status: 'done', fromVersion, result, error: null } });
      } catch (error) {
        set({ regrade: { status: 'error', fromVersion, result: null, error: errorMessage(error) } });
      }
    },
  }));
}
export type ItemEditorStore = ReturnType<typeof createItemEditorStore>;

/** Whether `path` ("blanks.0.label", "key.b1.accepted.0") names something in `body`. */
function pathExists(body: unknown, path: string): boolean {
  let at: unknown = body;
  for (const part of path.split('.')) {
    if (part === '') continue;
    if (Array.isArray(at)) {
      const index = Number(part);
      if (!Number.isInteger(index) || index < 0 || index >= at.length) return false;
      at = at[index];
    } else if (at !== null && typeof at === 'object' && Object.hasOwn(at, part)) {
      at = (at as Record<string, unknown>)[part];
    } else return false;
  }
  return true;
}

/**
 * The field messages after an edit: those whose field no longer exists (a type change, a removed
 * blank or option) go. Once none is left, the sentence over them goes too: an error summary
 * never stands empty.
 */
function settledErrors(
  before: Pick<EditorState, 'errors' | 'saveError'>,
  draft: ItemDraft,
  errors: Record<string, string>,
): Pick<EditorState, 'errors' | 'saveError'> {
  const paths = Object.keys(errors);
  if (paths.length === 0) {
    const hadFields = Object.keys(before.errors).length > 0;
    return { errors, saveError: hadFields ? null : before.saveError };
  }
  const body = toBody(draft);
  const kept = paths.filter((path) => pathExists(body, path));
  if (kept.length === paths.length) return { errors, saveError: before.saveError };
  if (kept.length === 0) return { errors: {}, saveError: null };
  return {
    errors: Object.fromEntries(kept.map((path) => [path, errors[path] as string])),
    saveError: before.saveError,
  };
}

function issueRecord(issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path] ??= issue.message;
  return out;
}

/** The messages without `field` and anything under it. */
function withoutField(errors: Record<string, string>, field: string): Record<string, string> {
  const keys = Object.keys(errors).filter((k) => k === field || k.startsWith(`${field}.`));
  if (keys.length === 0) return errors;
  const out = { ...errors };
  for (const k of keys) delete out[k];
  return out;
}
