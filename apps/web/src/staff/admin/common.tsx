/**
 * Pieces the staff pages share: the API client they use (tests provide a fake), the current
 * program, role gates with a clear "not available" answer, field errors, inline confirmations
 * and number/time formats.
 */
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type ApiClient, ApiError, api, NetworkError } from '../../api/client';
import { useAuth } from '../../auth/context';
import { currentMembership } from '../../auth/store';
import './admin.css';

const ClientContext = createContext<ApiClient>(api);

/** Gives the staff pages another client (tests). */
export function StaffClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The client the staff pages talk to the server through. */
export const useStaffClient = () => useContext(ClientContext);

type StaffRole = 'admin' | 'instructor' | 'student';

/**
 * Renders its children for a member of the current program with one of `roles`; everyone else
 * reads why the page is not available to them, and where to go instead.
 */
export function RequireRole({
  roles,
  children,
  what,
}: {
  roles: readonly StaffRole[];
  children: ReactNode;
  what: string;
}) {
  const membership = useAuth(currentMembership);
  if (!membership)
    return (
      <section className="page staff-area" aria-labelledby="not-available">
        <h1 id="not-available">Not available</h1>
        <p>
          {what} belong to a training program, and you are not a member of one yet. Join a cohort with the
          code your instructor gave you, or <Link to="/programs/new">create a training program</Link>.
        </p>
      </section>
    );
  if (!roles.includes(membership.role))
    return (
      <section className="page staff-area" aria-labelledby="not-available">
        <h1 id="not-available">Not available</h1>
        <p>
          {what} are for {roles.map((r) => `${r}s`).join(' and ')} of {membership.organisationName}. You are a{' '}
          {membership.role} there. <Link to="/dashboard">Go to your dashboard</Link>, or{' '}
          <Link to="/programs/new">create a training program</Link> of your own.
        </p>
      </section>
    );
  return <div className="staff-area">{children}</div>;
}

/** The current program's id (RequireRole has made sure there is one). */
export function useOrgId(): string {
  return useAuth((s) => s.organisationId) ?? '';
}

/** A message for a failed request that a person can act on. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof NetworkError)
    return 'Could not reach the server. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * The field message for `path`, or for anything under it ("warningMinutes" covers
 * "warningMinutes.0") unless `exact` (a container such as "sections" whose parts have fields of their own).
 */
export function errorAt(errors: Record<string, string>, path: string, exact = false): string | undefined {
  if (errors[path]) return errors[path];
  if (exact) return undefined;
  const prefix = `${path}.`;
  for (const [key, message] of Object.entries(errors)) if (key.startsWith(prefix)) return message;
  return undefined;
}

/** A stable element id for a field path. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** aria attributes of a control whose field has a message. */
export function invalidProps(errors: Record<string, string>, path: string, exact = false) {
  return errorAt(errors, path, exact)
    ? { 'aria-invalid': true as const, 'aria-describedby': `${fieldId(path)}-error` }
    : {};
}

/** The message under a control, if its field has one. */
export function FieldError({
  errors,
  path,
  exact = false,
}: {
  errors: Record<string, string>;
  path: string;
  exact?: boolean;
}) {
  const message = errorAt(errors, path, exact);
  return message ? (
    <span id={`${fieldId(path)}-error`} className="field-error">
      {message}
    </span>
  ) : null;
}

/** What a form control needs to be labelled, described and marked invalid. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled form field: the label names the control alone (its hint and message describe it),
 * so the control's accessible name stays the same whether or not it has a message.
 */
export function Field({
  label,
  path,
  id = fieldId(path),
  errors = {},
  exact = true,
  hint,
  hideLabel = false,
  className = 'field',
  children,
}: {
  label: ReactNode;
  /** The server field path whose message this field shows. */
  path: string;
  id?: string;
  errors?: Record<string, string>;
  exact?: boolean;
  hint?: ReactNode;
  hideLabel?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const message = errorAt(errors, path, exact);
  const described = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {children({
        id,
        ...(message && { 'aria-invalid': true as const }),
        ...(described && { 'aria-describedby': described }),
      })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {message && (
        <span id={`${id}-error`} className="field-error">
          {message}
        </span>
      )}
    </div>
  );
}

/** An alert for a failed request (nothing when there is no error). */
export function ErrorAlert({ error }: { error: string | null }) {
  return (
    <div role="alert" className="alert-region">
      {error && <p className="error">{error}</p>}
    </div>
  );
}

/** A polite live region for what just happened. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className="status-region">
      {message && <p className="ok">{message}</p>}
    </div>
  );
}

/**
 * A button that asks before it acts: the question appears in place with the consequence spelled
 * out, focus moves to the confirming button, Cancel (or Escape) puts focus back.
 */
export function ConfirmButton({
  label,
  name,
  confirmLabel,
  question,
  onConfirm,
  danger = false,
  disabled = false,
}: {
  label: string;
  /** The accessible name when the visible label needs its context (e.g. which row). */
  name?: string;
  confirmLabel: string;
  question: ReactNode;
  onConfirm: () => Promise<unknown>;
  danger?: boolean;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      openerRef.current?.focus();
    }
  }, [asking]);
  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  if (!asking)
    return (
      <button
        type="button"
        ref={openerRef}
        className={danger ? 'button-quiet danger-text' : 'button-quiet'}
        disabled={disabled}
        {...(name && { 'aria-label': name })}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  return (
    <fieldset
      className="confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
    >
      <legend className="visually-hidden">{name ?? label}</legend>
      <p>{question}</p>
      <div className="button-row">
        <button
          type="button"
          ref={confirmRef}
          className={danger ? 'button-danger' : undefined}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
              cancel();
            }
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button-quiet" onClick={cancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}

/** 72.5 -> "72.5%"; null -> an em dash. */
export const percent = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? '—' : `${Number(value.toFixed(digits))}%`;

/** A duration in ms as "1 h 05 min" / "12 min 30 s". */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

/** A UTC timestamp in the reader's local time. */
export const dateTime = (ms: number | null | undefined) =>
  ms === null || ms === undefined
    ? '—'
    : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Minutes as "4 h", "90 min", or "untimed". */
export function minutesLabel(minutes: number | null): string {
  if (minutes === null) return 'untimed';
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
