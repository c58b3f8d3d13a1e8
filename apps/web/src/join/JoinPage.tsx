/** /join — join a cohort with the code an instructor gave out, then see its assignments. */
import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth/context';
import type { JoinedNotice } from '../dashboard/DashboardPage';
import { useDocumentTitle } from '../results/useDocumentTitle';
import { JoinStoreProvider, useJoin } from './context';
import './join.css';

export function JoinPage() {
  return (
    <JoinStoreProvider>
      <JoinForm />
    </JoinStoreProvider>
  );
}

function JoinForm() {
  useDocumentTitle('Join a cohort');
  const [params] = useSearchParams();
  const [code, setCode] = useState(() => params.get('code') ?? '');
  const status = useJoin((s) => s.status);
  const error = useJoin((s) => s.error);
  const join = useJoin((s) => s.join);
  const reloadMe = useAuth((s) => s.load);
  const selectOrganisation = useAuth((s) => s.selectOrganisation);
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const invalid = error?.kind === 'invalid-code';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await join(code);
    if (!result) {
      input.current?.focus();
      return;
    }
    // Joining may have made the student a member of a new program: refresh who they are.
    try {
      await reloadMe();
      selectOrganisation(result.organisationId);
    } catch {
      // The dashboard still lists the new cohort's assignments; the program switcher catches up later.
    }
    const state: JoinedNotice = { joined: { cohortName: result.cohortName, isNew: result.joined } };
    navigate('/dashboard', { state });
  }

  return (
    <section className="page join-page">
      <h1>Join a cohort</h1>
      <div className="card">
        <p>
          Your instructor gives each cohort a join code. Enter it here to see the exams assigned to your
          cohort.
        </p>
        <form onSubmit={submit} className="stack" noValidate>
          <label htmlFor="join-code">Join code</label>
          <input
            id="join-code"
            ref={input}
            name="code"
            className="join-code-input"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={32}
            required
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? 'join-code-hint join-code-error' : 'join-code-hint'}
          />
          <p id="join-code-hint" className="join-hint">
            8 letters and digits. Case does not matter, and codes never use 0/O or 1/I.
          </p>
          {invalid && (
            <p id="join-code-error" className="field-error" role="alert">
              {error.message}
            </p>
          )}
          {error && !invalid && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )}
          <div>
            <button type="submit" disabled={status === 'joining'}>
              {status === 'joining' ? 'Joining…' : 'Join cohort'}
            </button>
          </div>
        </form>
      </div>
      <p>
        <Link to="/dashboard">Back to the dashboard</Link>
      </p>
    </section>
  );
}
