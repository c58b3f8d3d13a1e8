/** /staff/banks: the program's question banks with their item counts; create and rename. */
import type { BankInfo } from '@coderprep/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useStore } from 'zustand';
import { fieldErrors } from '../api/client';
import type { BanksApi } from './api';
import { formatTime, LoadState, NotAvailable, useBanksApi } from './context';
import { BANKS_PER_PAGE, type BankListStore, createBankListStore, errorMessage } from './store';

export function BanksPage() {
  const api = useBanksApi();
  if (!api) return <NotAvailable />;
  return <BankList api={api} />;
}

function BankList({ api }: { api: BanksApi }) {
  const [store] = useState(() => createBankListStore(api));
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const load = useStore(store, (s) => s.load);
  useEffect(() => {
    void load(0);
  }, [load]);
  if (status !== 'ready')
    return <LoadState status={status} error={error} what="question banks" retry={() => void load()} />;
  return (
    <section className="page banks-area banks-page" aria-labelledby="banks-heading">
      <h1 id="banks-heading">Question banks</h1>
      <BankTable store={store} />
      <CreateBankForm store={store} />
    </section>
  );
}

function BankTable({ store }: { store: BankListStore }) {
  const banks = useStore(store, (s) => s.banks);
  const total = useStore(store, (s) => s.total);
  const offset = useStore(store, (s) => s.offset);
  const load = useStore(store, (s) => s.load);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  if (banks.length === 0) return <p>This program has no question banks yet. Create the first one below.</p>;
  return (
    <div className="stack">
      <div className="live-messages">
        <p role="status" className="ok">
          {notice}
        </p>
      </div>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Question banks with their item counts</caption>
          <thead>
            <tr>
              <th scope="col">Bank</th>
              <th scope="col">Active items</th>
              <th scope="col">Archived items</th>
              <th scope="col">Last change</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {banks.map((bank) => (
              <tr key={bank.id}>
                <th scope="row">
                  {renaming === bank.id ? (
                    <RenameForm
                      bank={bank}
                      store={store}
                      done={(renamed) => {
                        setRenaming(null);
                        if (renamed) setNotice(`The bank is now called ${renamed.name}.`);
                      }}
                    />
                  ) : (
                    <>
                      <Link to={`/staff/banks/${encodeURIComponent(bank.id)}`}>{bank.name}</Link>
                      {bank.description && <p className="muted bank-description">{bank.description}</p>}
                    </>
                  )}
                </th>
                <td>{bank.itemCount}</td>
                <td>{bank.archivedItemCount}</td>
                <td>{formatTime(bank.updatedAt)}</td>
                <td>
                  {renaming !== bank.id && (
                    <button
                      type="button"
                      className="button-quiet"
                      onClick={() => {
                        setNotice('');
                        setRenaming(bank.id);
                      }}
                    >
                      Rename <span className="visually-hidden">{bank.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > BANKS_PER_PAGE && (
        <nav aria-label="Bank pages" className="pager">
          <button type="button" disabled={offset === 0} onClick={() => void load(offset - BANKS_PER_PAGE)}>
            Previous banks
          </button>
          <span>
            {offset + 1}–{Math.min(offset + BANKS_PER_PAGE, total)} of {total}
          </span>
          <button
            type="button"
            disabled={offset + BANKS_PER_PAGE >= total}
            onClick={() => void load(offset + BANKS_PER_PAGE)}
          >
            Next banks
          </button>
        </nav>
      )}
    </div>
  );
}

function RenameForm({
  bank,
  store,
  done,
}: {
  bank: BankInfo;
  store: BankListStore;
  done: (renamed: BankInfo | null) => void;
}) {
  const rename = useStore(store, (s) => s.rename);
  const [name, setName] = useState(bank.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const id = `rename-${bank.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      done(await rename(bank.id, name));
    } catch (e) {
      setError(fieldErrors(e).name ?? errorMessage(e));
      setBusy(false);
    }
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <label htmlFor={id}>New name for {bank.name}</label>
      <input
        id={id}
        ref={input}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={200}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Escape') done(null);
        }}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
      <span className="button-row">
        <button type="submit" disabled={busy}>
          Save name
        </button>
        <button type="button" className="button-quiet" onClick={() => done(null)}>
          Cancel
        </button>
      </span>
    </form>
  );
}

function CreateBankForm({ store }: { store: BankListStore }) {
  const create = useStore(store, (s) => s.create);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<BankInfo | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setErrors({});
    setError(null);
    setCreated(null);
    try {
      setCreated(await create(String(data.get('name') ?? ''), String(data.get('description') ?? '')));
      form.reset();
    } catch (e) {
      setErrors(fieldErrors(e));
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  const invalid = (name: string) =>
    errors[name] ? { 'aria-invalid': true, 'aria-describedby': `new-bank-${name}-error` } : {};
  return (
    <section className="card" aria-labelledby="new-bank-heading">
      <h2 id="new-bank-heading">Create a bank</h2>
      <form className="stack new-bank-form" onSubmit={submit} noValidate>
        <label>
          Bank name
          <input name="name" required maxLength={200} {...invalid('name')} />
          {errors.name && (
            <span id="new-bank-name-error" className="field-error">
              {errors.name}
            </span>
          )}
        </label>
        <label>
          Description (optional)
          <textarea name="description" rows={2} maxLength={2000} {...invalid('description')} />
          {errors.description && (
            <span id="new-bank-description-error" className="field-error">
              {errors.description}
            </span>
          )}
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <p role="status" className="ok">
          {created && (
            <>
              Created {created.name}.{' '}
              <Link to={`/staff/banks/${encodeURIComponent(created.id)}/items/new`}>
                Write its first item
              </Link>
            </>
          )}
        </p>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create bank'}
          </button>
        </div>
      </form>
    </section>
  );
}
