/** /staff/cohorts/:cohortId: join code, roster with accommodations, and assignments. */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert, RequireRole, StatusMessage, useOrgId, useStaffClient } from '../admin/common';
import { Assignments } from './Assignments';
import { JoinCode } from './JoinCode';
import { Roster } from './Roster';
import { createCohortStore, useCohort } from './store';
import './cohorts.css';

export function CohortPage() {
  return (
    <RequireRole roles={['admin', 'instructor']} what="Cohorts">
      <Cohort />
    </RequireRole>
  );
}

function Cohort() {
  const { cohortId = '' } = useParams();
  const client = useStaffClient();
  const orgId = useOrgId();
  const [store] = useState(() => createCohortStore({ client, orgId, cohortId }));
  const status = useCohort(store, (s) => s.status);
  const cohort = useCohort(store, (s) => s.cohort);
  const error = useCohort(store, (s) => s.error);
  const message = useCohort(store, (s) => s.message);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  return (
    <section className="page cohort-page" aria-labelledby="cohort-title">
      <div className="page-header">
        <h1 id="cohort-title">{cohort ? cohort.name : 'Cohort'}</h1>
        <Link to="/staff/cohorts">All cohorts</Link>
      </div>
      <ErrorAlert error={error} />
      <StatusMessage message={message} />
      {status === 'loading' && <p role="status">Loading the cohort…</p>}
      {status === 'ready' && cohort && (
        <>
          <p className="muted">
            {cohort.studentCount} student{cohort.studentCount === 1 ? '' : 's'}, {cohort.instructorCount}{' '}
            instructor
            {cohort.instructorCount === 1 ? '' : 's'}
          </p>
          <JoinCode store={store} />
          <Roster store={store} />
          <Assignments store={store} />
        </>
      )}
    </section>
  );
}
