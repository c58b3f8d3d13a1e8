/**
 * What the import and export pages share: the API client (tests give their own), the bank's
 * requests, and the frame of a page about one bank (breadcrumb, heading, the load answers).
 */
import type { BankInfo } from '@coderprep/contracts';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { Link, NavLink } from 'react-router';
import { useStore } from 'zustand';
import { type ApiClient, api } from '../api/client';
import { useAuth } from '../auth/context';
import { currentMembership } from '../auth/store';
import { type ImportsApi, importsApi } from './api';
import { type BankHeaderStore, createBankHeaderStore } from './store';
import './imports.css';

const ClientContext = createContext<ApiClient>(api);

/** Gives the import and export pages another client (tests). */
export function ImportsClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The bank's requests, or null for someone who is not staff of the current program. */
export function useImportsApi(bankId: string): ImportsApi | null {
  const client = useContext(ClientContext);
  const orgId = useAuth((s) => s.organisationId);
  const role = useAuth((s) => currentMembership(s)?.role);
  const staff = role === 'admin' || role === 'instructor';
  return useMemo(
    () => (orgId && staff ? importsApi(client, orgId, bankId) : null),
    [client, orgId, staff, bankId],
  );
}

/** The page for someone who may not see bank files (they hold answer keys). */
export function NotAvailable({ message }: { message?: string | null | undefined }) {
  return (
    <section className="page" aria-labelledby="not-available">
      <h1 id="not-available">Not available</h1>
      <p role="alert">
        Bank files hold answer keys, so only the instructors and program admins of a training program can
        import or export them.{message ? ` The server said: ${message}` : ''}
      </p>
      <p>
        <Link to="/dashboard">Go to your dashboard</Link>
      </p>
    </section>
  );
}

/**
 * A page about one bank: loads the bank, then shows the breadcrumb, the heading (`title` with the
 * bank's name), the Import / Export switch and the page's content.
 */
export function BankFrame({
  api,
  bankId,
  page,
  children,
}: {
  api: ImportsApi;
  bankId: string;
  page: 'import' | 'export';
  children: (bank: BankInfo) => ReactNode;
}) {
  const [store] = useState<BankHeaderStore>(() => createBankHeaderStore(api));
  const status = useStore(store, (s) => s.status);
  const bank = useStore(store, (s) => s.bank);
  const error = useStore(store, (s) => s.error);
  const load = useStore(store, (s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);

  const title = page === 'import' ? 'Import items' : 'Export';
  useEffect(() => {
    document.title = bank ? `${title}: ${bank.name} · CoderPrep` : `${title} · CoderPrep`;
  }, [bank, title]);

  switch (status) {
    case 'loading':
      return (
        <p className="page-loading" role="status">
          Loading the bank…
        </p>
      );
    case 'forbidden':
      return <NotAvailable message={error} />;
    case 'missing':
      return (
        <section className="page" aria-labelledby="not-found">
          <h1 id="not-found">Bank not found</h1>
          <p role="alert">{error ?? 'The bank was not found.'}</p>
          <p>
            <Link to="/staff/banks">Back to the question banks</Link>
          </p>
        </section>
      );
    case 'error':
      return (
        <section className="page" aria-labelledby="load-failed">
          <h1 id="load-failed">The bank could not be loaded</h1>
          <p role="alert">{error}</p>
          <p>
            <button type="button" onClick={() => void load()}>
              Try again
            </button>
          </p>
        </section>
      );
    case 'ready':
      break;
  }
  if (!bank) return null;
  const base = `/staff/banks/${encodeURIComponent(bankId)}`;
  const name = bank.name;
  return (
    <section className="page imports-area" aria-labelledby="imports-heading">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/staff/banks">Question banks</Link>
          </li>
          <li>
            <Link to={base}>{name}</Link>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <h1 id="imports-heading">{page === 'import' ? `Import items into ${name}` : `Export ${name}`}</h1>
      <nav aria-label="Import and export" className="file-tabs">
        <ul>
          <li>
            <NavLink to={`${base}/import`}>Import items</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/export`}>Export</NavLink>
          </li>
        </ul>
      </nav>
      {children(bank)}
    </section>
  );
}
