/**
 * /staff/banks/:bankId/items/new and /staff/banks/:bankId/items/:itemId: the item editor for every
 * item type, with the student preview beside the form, inline validation, key-check warnings,
 * the version history and the regrade after a key fix. /staff/items/:itemId finds an item's bank
 * (item analysis knows only the item) and opens the editor, passing ?regradeFrom=N on.
 */
import type { BankInfo, ItemDetail } from '@coderprep/contracts';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import {
  type Blocker,
  Link,
  Navigate,
  useBlocker,
  useLocation,
  useNavigate,
  useParams,
  useSearchParams,
} from 'react-router';
import { useStore } from 'zustand';
import { ApiError } from '../api/client';
import type { BanksApi } from './api';
import type { Issue } from './check';
import { formatTime, LoadState, NotAvailable, useBanksApi } from './context';
import { fromBody, type ItemDraft } from './draft';
import {
  describePath,
  EditorProvider,
  ErrorSummary,
  fieldId,
  focusPath,
  useEditor,
  useEditorStore,
} from './fields';
import { ItemForm } from './ItemForm';
import { StudentPreview } from './StudentPreview';
import { createItemEditorStore, errorMessage, type LoadStatus, type SavedNotice } from './store';
import { studentView } from './student-view';
import { ItemReadOnly, RegradePanel, VersionHistory } from './Versions';

/** What a new item's page hands to the page of the saved item. */
interface JustSaved {
  item: ItemDetail;
  warnings: Issue[];
  notice: SavedNotice;
}

export function ItemEditorPage() {
  const api = useBanksApi();
  const { bankId = '', itemId } = useParams();
  const location = useLocation();
  if (!api) return <NotAvailable />;
  const justSaved = (location.state as { justSaved?: JustSaved } | null)?.justSaved;
  return (
    <Editor
      key={`${bankId}/${itemId ?? 'new'}`}
      api={api}
      bankId={bankId}
      itemId={itemId}
      justSaved={justSaved?.item.id === itemId ? justSaved : undefined}
    />
  );
}

/** The bank's name and domains (for the breadcrumb and domain suggestions). */
function useBank(api: BanksApi, bankId: string) {
  const [bank, setBank] = useState<BankInfo | null>(null);
  const [domains, setDomains] = useState<string[]>([]);
  const [status, setStatus] = useState<LoadStatus>('loading');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.getBank(bankId).then(
      (found) => {
        if (!live) return;
        setBank(found);
        setStatus('ready');
      },
      (e) => {
        if (!live) return;
        setStatus(
          e instanceof ApiError && e.status === 403
            ? 'forbidden'
            : e instanceof ApiError && e.status === 404
              ? 'missing'
              : 'error',
        );
        setError(errorMessage(e));
      },
    );
    api.stats(bankId).then(
      (stats) => live && setDomains(stats.domains.map((d) => d.domain).sort()),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, bankId]);
  return { bank, domains, status, error };
}

function Editor({
  api,
  bankId,
  itemId,
  justSaved,
}: {
  api: BanksApi;
  bankId: string;
  itemId?: string | undefined;
  justSaved?: JustSaved | undefined;
}) {
  const [store] = useState(() =>
    createItemEditorStore({
      api,
      bankId,
      itemId,
      justSaved,
      // The code books an author works from are this year's; the server checks the range.
      defaults: { codeSetYear: String(new Date().getFullYear()) } satisfies Partial<ItemDraft>,
    }),
  );
  const { bank, domains, status: bankStatus, error: bankError } = useBank(api, bankId);
  const status = useStore(store, (s) => s.status);
  const loadError = useStore(store, (s) => s.loadError);
  const item = useStore(store, (s) => s.item);
  const [params] = useSearchParams();
  const regradeFrom = Number(params.get('regradeFrom'));

  useEffect(() => {
    void store.getState().load();
  }, [store]);
  useEffect(() => {
    if (
      item &&
      Number.isInteger(regradeFrom) &&
      regradeFrom > 0 &&
      store.getState().regrade.fromVersion === null
    )
      store.getState().offerRegrade(regradeFrom);
  }, [store, item, regradeFrom]);

  if (bankStatus === 'forbidden' || status === 'forbidden')
    return <NotAvailable message={status === 'forbidden' ? loadError : bankError} />;
  if (status !== 'ready')
    return (
      <LoadState status={status} error={loadError} what="item" retry={() => void store.getState().load()} />
    );
  if (bankStatus === 'missing')
    return <LoadState status="missing" error={bankError} what="bank" retry={() => undefined} />;
  return (
    <EditorProvider value={store}>
      <EditorScreen bankId={bankId} bankName={bank?.name ?? 'Bank'} domains={domains} />
    </EditorProvider>
  );
}

function EditorScreen({
  bankId,
  bankName,
  domains,
}: {
  bankId: string;
  bankName: string;
  domains: string[];
}) {
  const item = useEditor((s) => s.item);
  const viewing = useEditor((s) => s.viewing);
  const dirty = useEditor((s) => s.dirty);
  const store = useEditorStore();
  const bankPath = `/staff/banks/${encodeURIComponent(bankId)}`;
  // Leaving for another page of the app with unsaved edits asks first (read at the moment of
  // leaving: a save just before navigating has already cleared it).
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      store.getState().dirty && currentLocation.pathname !== nextLocation.pathname,
  );

  // Leaving the page with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const title = item ? `Edit item ${item.externalId}` : 'New item';
  return (
    <section className="page banks-area item-editor-page" aria-labelledby="editor-heading">
      <div className="editor-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>
              <Link to="/staff/banks">Question banks</Link>
            </li>
            <li>
              <Link to={bankPath}>{bankName}</Link>
            </li>
            <li aria-current="page">{item ? item.externalId : 'New item'}</li>
          </ol>
        </nav>
        {blocker.state === 'blocked' && <LeaveGuard blocker={blocker} />}
        <h1 id="editor-heading">{title}</h1>
        {item && (
          <p className="muted">
            Version {item.currentVersion} · last saved {formatTime(item.updatedAt)} ·{' '}
            {item.status === 'archived' ? 'Archived: not drawn for new attempts' : 'Active'}
          </p>
        )}
        <SaveStatus />
        {item && <RegradePanel item={item} />}
        <ErrorSummary />
      </div>
      {viewing && item ? <VersionView item={item} /> : <EditorLayout bankPath={bankPath} domains={domains} />}
    </section>
  );
}

function EditorLayout({ bankPath, domains }: { bankPath: string; domains: string[] }) {
  const item = useEditor((s) => s.item);
  const draft = useEditor((s) => s.draft);
  const saving = useEditor((s) => s.saving);
  const dirty = useEditor((s) => s.dirty);
  const saved = useEditor((s) => s.saved);
  const save = useEditor((s) => s.save);
  const store = useEditorStore();
  const navigate = useNavigate();
  const nextVersion = item ? item.currentVersion + 1 : 1;
  const view = useMemo(() => studentView(draft, nextVersion), [draft, nextVersion]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wasNew = !item;
    const saved = await save();
    if (saved && wasNew) {
      const { warnings, saved: notice } = store.getState();
      navigate(`${bankPath}/items/${encodeURIComponent(saved.id)}`, {
        replace: true,
        state: { justSaved: { item: saved, warnings, notice } },
      });
    }
  }
  return (
    <div className="editor-layout">
      <form
        className="editor-form"
        onSubmit={submit}
        noValidate
        aria-label={item ? 'Item editor' : 'New item'}
      >
        <ItemForm domains={domains} />
        <div className="form-actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : item ? `Save as version ${nextVersion}` : 'Save item'}
          </button>
          <span className="muted">
            {dirty ? 'Unsaved changes' : saved ? `All changes saved in version ${saved.version}` : ''}
          </span>
          <Link to={bankPath}>Back to the bank</Link>
        </div>
      </form>
      <aside className="editor-side" aria-label="Preview and versions">
        <StudentPreview view={view} />
        {item && <VersionHistory item={item} />}
      </aside>
    </div>
  );
}

/** Asks whether to leave with unsaved edits. */
function LeaveGuard({ blocker }: { blocker: Blocker }) {
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => stay.current?.focus(), []);
  return (
    <div
      className="leave-guard"
      role="alertdialog"
      aria-labelledby="leave-guard-heading"
      aria-describedby="leave-guard-text"
    >
      <h2 id="leave-guard-heading">Leave without saving?</h2>
      <p id="leave-guard-text">Your changes to this item are not saved yet and will be lost.</p>
      <div className="button-row">
        <button type="button" ref={stay} onClick={() => blocker.reset?.()}>
          Stay on this page
        </button>
        <button type="button" className="button-danger" onClick={() => blocker.proceed?.()}>
          Leave without saving
        </button>
      </div>
    </div>
  );
}

function SaveStatus() {
  const saved = useEditor((s) => s.saved);
  const warnings = useEditor((s) => s.warnings);
  const viewing = useEditor((s) => s.viewing);
  const banner = useRef<HTMLDivElement>(null);
  // After a save the author is at the foot of the form: bring the confirmation (and any
  // warnings or regrade offer under it) into view.
  useEffect(() => {
    if (saved) banner.current?.focus();
  }, [saved]);
  return (
    <>
      <div role="status" className="save-status" tabIndex={-1} ref={banner}>
        {saved && (
          <p className="ok">
            Saved as version {saved.version}.{saved.created && ' The item is in the bank.'}
            {saved.keyChangedFrom !== null &&
              ` The key changed: attempts already submitted with version ${saved.keyChangedFrom} keep their old grade until you regrade them.`}
          </p>
        )}
      </div>
      {saved && warnings.length > 0 && (
        <section className="warning-box" aria-labelledby="key-warnings-heading">
          <h2 id="key-warnings-heading">Key check warnings</h2>
          <p>The item was saved, but check {warnings.length === 1 ? 'this code' : 'these codes'}:</p>
          <ul>
            {warnings.map((w) => (
              <li key={`${w.path} ${w.message}`}>
                {viewing ? (
                  `${describePath(w.path)}: ${w.message}`
                ) : (
                  <a
                    href={`#${fieldId(w.path)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusPath(w.path);
                    }}
                  >
                    {describePath(w.path)}: {w.message}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function VersionView({ item }: { item: ItemDetail }) {
  const viewing = useEditor((s) => s.viewing);
  const close = useEditor((s) => s.closeVersion);
  const copy = useEditor((s) => s.copyViewedToDraft);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = viewing?.version;
  // Each version opened moves focus to its heading.
  useEffect(() => {
    if (shown !== undefined) heading.current?.focus();
  }, [shown]);
  const view = useMemo(
    () => (viewing ? studentView(fromBody(viewing.body), viewing.version) : null),
    [viewing],
  );
  if (!viewing || !view) return null;
  const current = viewing.version === item.currentVersion;
  return (
    <div className="editor-layout">
      <section className="card version-view" aria-labelledby="version-view-heading">
        <h2 id="version-view-heading" tabIndex={-1} ref={heading}>
          Version {viewing.version} (read-only){current ? ': the current version' : ''}
        </h2>
        <p className="muted">Saved {formatTime(viewing.createdAt)}.</p>
        <div className="button-row">
          <button type="button" onClick={close}>
            Back to the editor
          </button>
          {!current && (
            <button type="button" className="button-secondary" onClick={copy}>
              Copy version {viewing.version} into the editor
            </button>
          )}
        </div>
        {!current && <p className="hint">Copying replaces your draft; saving it then makes a new version.</p>}
        <ItemReadOnly body={viewing.body} />
      </section>
      <aside className="editor-side" aria-label="Preview and versions">
        <StudentPreview view={view} title={`Student preview of version ${viewing.version}`} />
        <VersionHistory item={item} />
      </aside>
    </div>
  );
}

// ---------------------------------------------------------------- /staff/items/:itemId

/** Finds the bank holding an item (item analysis knows the item, not its bank) and opens it. */
export function ItemLocatorPage() {
  const api = useBanksApi();
  const { itemId = '' } = useParams();
  const location = useLocation();
  const [found, setFound] = useState<string | null>(null);
  const [status, setStatus] = useState<LoadStatus>('loading');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!api) return;
    let live = true;
    (async () => {
      try {
        for (let offset = 0; ; offset += 200) {
          const page = await api.listBanks(offset, 200);
          for (const bank of page.items) {
            try {
              await api.getItem(bank.id, itemId);
              if (live) setFound(bank.id);
              return;
            } catch (e) {
              if (!(e instanceof ApiError && e.status === 404)) throw e;
            }
          }
          if (page.items.length === 0 || offset + page.items.length >= page.total) break;
        }
        if (live) {
          setStatus('missing');
          setError('No bank of this program holds that item.');
        }
      } catch (e) {
        if (!live) return;
        setStatus(e instanceof ApiError && e.status === 403 ? 'forbidden' : 'error');
        setError(errorMessage(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [api, itemId]);
  if (!api) return <NotAvailable />;
  if (found)
    return (
      <Navigate
        replace
        to={`/staff/banks/${encodeURIComponent(found)}/items/${encodeURIComponent(itemId)}${location.search}`}
      />
    );
  return <LoadState status={status} error={error} what="item" retry={() => window.location.reload()} />;
}
