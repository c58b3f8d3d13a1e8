/**
 * What the banks pages share: the API client (tests give their own), the current program's
 * requests, and the answers for a page that cannot be shown (not staff, not found, failed).
 */
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { Link } from 'react-router';
import { type ApiClient, api } from '../api/client';
import { useAuth } from '../auth/context';
import { type BanksApi, banksApi } from './api';
import type { LoadStatus } from './store';
import './banks.css';

const ClientContext = createContext<ApiClient>(api);

/** Gives the banks pages another client (tests). */
export function BanksClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The current program's bank requests, or null when the person belongs to no program. */
export function useBanksApi(): BanksApi | null {
  const client = useContext(ClientContext);
  const orgId = useAuth((s) => s.organisationId);
  return useMemo(() => (orgId ? banksApi(client, orgId) : null), [client, orgId]);
}

/** The page for someone the server refused (403), or who belongs to no program. */
export function NotAvailable({ message }: { message?: string | null }) {
  return (
    <section className="page" aria-labelledby="not-available">
      <h1 id="not-available">Not available</h1>
      <p role="alert">
        Question banks hold answer keys, so only the instructors and program admins of a training program can
        open them.{message ? ` The server said: ${message}` : ''}
      </p>
      <p>
        <Link to="/dashboard">Go to your dashboard</Link>
      </p>
    </section>
  );
}

/** What to show while a page loads or after its load failed; null once it is ready. */
export function LoadState({
  status,
  error,
  what,
  retry,
}: {
  status: LoadStatus;
  error: string | null;
  what: string;
  retry: () => void;
}) {
  switch (status) {
    case 'ready':
      return null;
    case 'loading':
      return (
        <p className="page-loading" role="status">
          Loading {what}…
        </p>
      );
    case 'forbidden':
      return <NotAvailable message={error} />;
    case 'missing':
      return (
        <section className="page" aria-labelledby="not-found">
          <h1 id="not-found">Not found</h1>
          <p role="alert">{error ?? `The ${what} was not found.`}</p>
          <p>
            <Link to="/staff/banks">Back to the question banks</Link>
          </p>
        </section>
      );
    case 'error':
      return (
        <section className="page" aria-labelledby="load-failed">
          <h1 id="load-failed">The {what} could not be loaded</h1>
          <p role="alert">{error}</p>
          <p>
            <button type="button" onClick={retry}>
              Try again
            </button>
          </p>
        </section>
      );
  }
}

/** A date and time in the reader's locale. */
export const formatTime = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
