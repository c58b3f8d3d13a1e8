/** /staff/cohorts: the program's cohorts, and a form to start one. */
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert, Field, RequireRole, useOrgId, useStaffClient } from '../admin/common';
import { createCohortListStore, useCohortList } from './listStore';
import './cohorts.css';

export function CohortsPage() {
  return (
    <RequireRole roles={['admin', 'instructor']} what="Cohorts">
      <Cohorts />
    </RequireRole>
  );
}

function Cohorts() {
  const client = useStaffClient();
  const orgId = useOrgId();
  const navigate = useNavigate();
  const [store] = useState(() => createCohortListStore({ client, orgId }));
  const status = useCohortList(store, (s) => s.status);
  const cohorts = useCohortList(store, (s) => s.cohorts);
  const error = useCohortList(store, (s) => s.error);
  const createErrors = useCohortList(store, (s) => s.createErrors);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name')).trim();
    setBusy(true);
    const cohort = await store.getState().create(name);
    setBusy(false);
    if (cohort) navigate(`/staff/cohorts/${cohort.id}`);
  }

  return (
    <section className="page" aria-labelledby="cohorts-title">
      <h1 id="cohorts-title">Cohorts</h1>
      <ErrorAlert error={error} />
      {status === 'loading' && <p role="status">Loading cohorts…</p>}
      {status === 'ready' && cohorts.length === 0 && <p>No cohorts yet: create the first one below.</p>}
      {status === 'ready' && cohorts.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Cohorts of this program</caption>
            <thead>
              <tr>
                <th scope="col">Cohort</th>
                <th scope="col">Students</th>
                <th scope="col">Instructors</th>
                <th scope="col">Join code</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort) => (
                <tr key={cohort.id}>
                  <th scope="row">
                    <Link to={`/staff/cohorts/${cohort.id}`}>{cohort.name}</Link>
                  </th>
                  <td>{cohort.studentCount}</td>
                  <td>{cohort.instructorCount}</td>
                  <td>
                    <code className="code-inline">{cohort.joinCode}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="card inline-form" onSubmit={create} aria-labelledby="new-cohort-title" noValidate>
        <h2 id="new-cohort-title" className="form-title">
          Create a cohort
        </h2>
        <Field label="Cohort name" path="name" id="cohort-name" errors={createErrors}>
          {(control) => <input {...control} name="name" required maxLength={200} />}
        </Field>
        <button type="submit" disabled={busy}>
          Create cohort
        </button>
      </form>
    </section>
  );
}
