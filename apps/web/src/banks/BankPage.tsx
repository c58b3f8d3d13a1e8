/**
 * /staff/banks/:bankId: one bank's items (search, filters and page in the URL, so a filtered
 * list can be bookmarked and the back button works), archive / restore / delete, and the bank's
 * active items per domain.
 */
import type { BankStats, ItemRow, ItemStatus } from '@coderprep/contracts';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useStore } from 'zustand';
import { type BanksApi, ITEMS_PER_PAGE, type ItemFilters, type ItemType } from './api';
import { LoadState, NotAvailable, useBanksApi } from './context';
import { ITEM_TYPES, TYPE_NAMES } from './draft';
import { type BankStore, createBankStore } from './store';

/** The filters a URL asks for (unknown values ignored). */
export function filtersFromParams(params: URLSearchParams): ItemFilters {
  const type = params.get('type');
  const status = params.get('status');
  const offset = Number(params.get('offset'));
  return {
    q: params.get('q') ?? undefined,
    domain: params.get('domain') ?? undefined,
    tag: params.get('tag') ?? undefined,
    type: (ITEM_TYPES as readonly string[]).includes(type ?? '') ? (type as ItemType) : undefined,
    status: status === 'archived' ? 'archived' : 'active',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The URL search of some filters (defaults left out). */
export function paramsFromFilters(filters: ItemFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['q', 'domain', 'tag', 'type'] as const) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  if (filters.status === 'archived') params.set('status', 'archived');
  if (filters.offset) params.set('offset', String(filters.offset));
  return params;
}

export function BankPage() {
  const api = useBanksApi();
  const { bankId = '' } = useParams();
  if (!api) return <NotAvailable />;
  return <Bank key={bankId} api={api} bankId={bankId} />;
}

function Bank({ api, bankId }: { api: BanksApi; bankId: string }) {
  const [store] = useState(() => createBankStore(api, bankId));
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const bank = useStore(store, (s) => s.bank);
  const load = useStore(store, (s) => s.load);
  const list = useStore(store, (s) => s.list);
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the search string stands for the params
  const filters = useMemo(() => filtersFromParams(params), [search]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void list(filters);
  }, [list, filters]);

  if (status !== 'ready' || !bank)
    return <LoadState status={status} error={error} what="bank" retry={() => void load()} />;
  const base = `/staff/banks/${encodeURIComponent(bankId)}`;
  return (
    <section className="page banks-area bank-page" aria-labelledby="bank-heading">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/staff/banks">Question banks</Link>
          </li>
          <li aria-current="page">{bank.name}</li>
        </ol>
      </nav>
      <div className="page-title">
        <h1 id="bank-heading">{bank.name}</h1>
        <span className="button-row">
          <Link className="button" to={`${base}/items/new`}>
            New item
          </Link>
          <Link className="button button-secondary" to={`${base}/import`}>
            Import items
          </Link>
        </span>
      </div>
      {bank.description && <p className="muted">{bank.description}</p>}
      <p>
        {bank.itemCount} active {bank.itemCount === 1 ? 'item' : 'items'}, {bank.archivedItemCount} archived.
      </p>
      <Filters store={store} filters={filters} apply={(next) => setParams(paramsFromFilters(next))} />
      <ItemTable
        store={store}
        base={base}
        filters={filters}
        page={(offset) => setParams(paramsFromFilters({ ...filters, offset }))}
      />
      <Stats store={store} />
    </section>
  );
}

function Filters({
  store,
  filters,
  apply,
}: {
  store: BankStore;
  filters: ItemFilters;
  apply: (filters: ItemFilters) => void;
}) {
  const stats = useStore(store, (s) => s.stats);
  const domains = useMemo(() => {
    const names = new Set((stats?.domains ?? []).map((d) => d.domain));
    if (filters.domain) names.add(filters.domain);
    return [...names].sort();
  }, [stats, filters.domain]);
  const [q, setQ] = useState(filters.q ?? '');
  const [tag, setTag] = useState(filters.tag ?? '');
  useEffect(() => {
    setQ(filters.q ?? '');
    setTag(filters.tag ?? '');
  }, [filters.q, filters.tag]);

  function submit(event: FormEvent) {
    event.preventDefault();
    apply({ ...filters, q, tag, offset: 0 });
  }
  const change = (patch: Partial<ItemFilters>) => apply({ ...filters, q, tag, ...patch, offset: 0 });
  return (
    <search className="card">
      <form className="filters" onSubmit={submit} aria-label="Search and filter items">
        <label className="filter-search">
          Search stems and case texts
          <input type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} />
        </label>
        <label>
          Tag
          <input name="tag" value={tag} onChange={(e) => setTag(e.target.value)} maxLength={120} />
        </label>
        <label>
          Domain
          <select
            value={filters.domain ?? ''}
            onChange={(e) => change({ domain: e.target.value || undefined })}
          >
            <option value="">Any domain</option>
            {domains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select
            value={filters.type ?? ''}
            onChange={(e) => change({ type: (e.target.value || undefined) as ItemType | undefined })}
          >
            <option value="">Any type</option>
            {ITEM_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_NAMES[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            value={filters.status ?? 'active'}
            onChange={(e) => change({ status: e.target.value as ItemStatus })}
          >
            <option value="active">Active</option>
            <option value="archived">Archived</option>
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit">Search</button>
          <button type="button" className="button-quiet" onClick={() => apply({ status: filters.status })}>
            Clear filters
          </button>
        </div>
      </form>
    </search>
  );
}

const excerpt = (text: string, length = 110) =>
  text.length > length ? `${text.slice(0, length).trimEnd()}…` : text;

function ItemTable({
  store,
  base,
  filters,
  page,
}: {
  store: BankStore;
  base: string;
  filters: ItemFilters;
  page: (offset: number) => void;
}) {
  const items = useStore(store, (s) => s.items);
  const total = useStore(store, (s) => s.total);
  const listing = useStore(store, (s) => s.listing);
  const error = useStore(store, (s) => s.error);
  const notice = useStore(store, (s) => s.notice);
  const offset = filters.offset ?? 0;
  const [confirming, setConfirming] = useState<string | null>(null);

  const summary = listing
    ? 'Loading items…'
    : total === 0
      ? 'No items match.'
      : `Showing items ${offset + 1}–${offset + items.length} of ${total}.`;
  return (
    <section aria-labelledby="items-heading" className="stack">
      <h2 id="items-heading">{filters.status === 'archived' ? 'Archived items' : 'Items'}</h2>
      <div className="live-messages">
        <p role="status" className={notice?.kind === 'ok' ? 'ok' : undefined}>
          {notice?.kind === 'ok' ? notice.text : ''}
        </p>
        <p role="alert" className="error">
          {notice?.kind === 'error' ? notice.text : (error ?? '')}
        </p>
        <p role="status" className="muted">
          {summary}
        </p>
      </div>
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="items-table" aria-busy={listing}>
            <caption className="visually-hidden">Items of the bank</caption>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Type</th>
                <th scope="col">Domain</th>
                <th scope="col">Stem</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <ItemRowView
                  key={item.id}
                  item={item}
                  store={store}
                  href={`${base}/items/${encodeURIComponent(item.id)}`}
                  confirming={confirming === item.id}
                  setConfirming={(on) => setConfirming(on ? item.id : null)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > ITEMS_PER_PAGE && (
        <nav aria-label="Item pages" className="pager">
          <button
            type="button"
            disabled={offset === 0}
            onClick={() => page(Math.max(0, offset - ITEMS_PER_PAGE))}
          >
            Previous page
          </button>
          <span>
            Page {Math.floor(offset / ITEMS_PER_PAGE) + 1} of {Math.ceil(total / ITEMS_PER_PAGE)}
          </span>
          <button
            type="button"
            disabled={offset + ITEMS_PER_PAGE >= total}
            onClick={() => page(offset + ITEMS_PER_PAGE)}
          >
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}

function ItemRowView({
  item,
  store,
  href,
  confirming,
  setConfirming,
}: {
  item: ItemRow;
  store: BankStore;
  href: string;
  confirming: boolean;
  setConfirming: (on: boolean) => void;
}) {
  const archive = useStore(store, (s) => s.archive);
  const restore = useStore(store, (s) => s.restore);
  const remove = useStore(store, (s) => s.remove);
  const [busy, setBusy] = useState(false);
  const run = async (action: (item: ItemRow) => Promise<void>) => {
    setBusy(true);
    await action(item);
    setBusy(false);
  };
  const name = <span className="visually-hidden">{item.externalId}</span>;
  const stem = item.body.type === 'scenario' ? `${item.body.stem} ${item.body.caseText}` : item.body.stem;
  return (
    <tr>
      <th scope="row" className="item-id">
        {item.externalId}
      </th>
      <td>{TYPE_NAMES[item.type]}</td>
      <td>{item.domain}</td>
      <td>{excerpt(stem)}</td>
      <td>{item.currentVersion}</td>
      <td>
        <span className={`badge badge-${item.status}`}>
          {item.status === 'active' ? 'Active' : 'Archived'}
        </span>
        {item.body.scored === false && <span className="badge">Pretest</span>}
      </td>
      <td>
        {confirming ? (
          <span className="button-row item-confirm">
            <span>Delete {item.externalId}? A used item is archived instead.</span>
            <button
              type="button"
              className="button-danger"
              disabled={busy}
              onClick={async () => {
                await run(remove);
                setConfirming(false);
              }}
            >
              Yes, delete {name}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
              Cancel <span className="visually-hidden">deleting {item.externalId}</span>
            </button>
          </span>
        ) : (
          <span className="button-row item-actions">
            <Link to={href}>Edit {name}</Link>
            {item.status === 'active' ? (
              <button type="button" className="button-quiet" disabled={busy} onClick={() => run(archive)}>
                Archive {name}
              </button>
            ) : (
              <button type="button" className="button-quiet" disabled={busy} onClick={() => run(restore)}>
                Restore {name}
              </button>
            )}
            <button
              type="button"
              className="button-quiet"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Delete {name}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

const typeCell = (domain: BankStats['domains'][number], type: ItemType) => {
  const scored = domain.scored[type];
  const pretest = domain.pretest[type];
  if (scored === 0 && pretest === 0) return '–';
  return pretest > 0 ? `${scored} scored, ${pretest} pretest` : `${scored} scored`;
};

function Stats({ store }: { store: BankStore }) {
  const stats = useStore(store, (s) => s.stats);
  if (!stats) return null;
  return (
    <section aria-labelledby="stats-heading" className="stack">
      <h2 id="stats-heading">Active items per domain</h2>
      {stats.domains.length === 0 ? (
        <p>No active items yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="stats-table">
            <caption className="visually-hidden">
              Active items per domain and type, scored and pretest ({stats.total} in all)
            </caption>
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">Total</th>
                {ITEM_TYPES.map((t) => (
                  <th scope="col" key={t}>
                    {TYPE_NAMES[t]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stats.domains.map((d) => (
                <tr key={d.domain}>
                  <th scope="row">{d.domain}</th>
                  <td>{d.total}</td>
                  {ITEM_TYPES.map((t) => (
                    <td key={t}>{typeCell(d, t)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All domains</th>
                <td>{stats.total}</td>
                {ITEM_TYPES.map((t) => (
                  <td key={t}>{stats.domains.reduce((n, d) => n + d.scored[t] + d.pretest[t], 0)}</td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
