/** /staff/assignments/:assignmentId/results: the results table, its CSV, and the item analysis. */
import type { AssignmentResults } from '@coderprep/contracts';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { plural } from '../../shared/plural';
import { dateTime, ErrorAlert, percent, RequireRole, useOrgId, useStaffClient } from '../admin/common';
import { ItemAnalysis } from './ItemAnalysis';
import { ResultsTable } from './ResultsTable';
import { createResultsStore, useResults } from './store';
import './results.css';

export function ResultsPage() {
  return (
    <RequireRole roles={['admin', 'instructor']} what="Results of assignments">
      <Results />
    </RequireRole>
  );
}

function Results() {
  const { assignmentId = '' } = useParams();
  const client = useStaffClient();
  const orgId = useOrgId();
  const [store] = useState(() => createResultsStore({ client, orgId, assignmentId }));
  const status = useResults(store, (s) => s.status);
  const results = useResults(store, (s) => s.results);
  const error = useResults(store, (s) => s.error);

  useEffect(() => {
    void store.getState().load();
    void store.getState().loadAnalysis();
  }, [store]);

  const a = results?.assignment;
  return (
    <section className="page results-page" aria-labelledby="results-title">
      <div className="page-header">
        <h1 id="results-title">{a ? `Results: ${a.examName}` : 'Results'}</h1>
        {a && <Link to={`/staff/cohorts/${a.cohortId}`}>Back to {a.cohortName}</Link>}
      </div>
      <ErrorAlert error={error} />
      {status === 'loading' && <p role="status">Loading results…</p>}
      {results && a && (
        <>
          <p className="muted">
            {a.cohortName} · open {dateTime(a.opensAt)} to {dateTime(a.closesAt)} ·{' '}
            {plural(a.attemptLimit, 'attempt')} allowed · pass mark {percent(a.passPercent)}
          </p>
          <Summary summary={results.summary} />
          <ResultsTable store={store} orgId={orgId} assignmentId={assignmentId} />
          <ItemAnalysis store={store} />
        </>
      )}
    </section>
  );
}

function Summary({ summary }: { summary: AssignmentResults['summary'] }) {
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 id="summary-title">Summary</h2>
      <dl className="stat-grid">
        <div>
          <dt>Students</dt>
          <dd>{summary.students}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{summary.submitted}</dd>
        </div>
        <div>
          <dt>In progress</dt>
          <dd>{summary.inProgress}</dd>
        </div>
        <div>
          <dt>Not started</dt>
          <dd>{summary.notStarted}</dd>
        </div>
        <div>
          <dt>Mean (best score)</dt>
          <dd>{percent(summary.mean)}</dd>
        </div>
        <div>
          <dt>Median</dt>
          <dd>{percent(summary.median)}</dd>
        </div>
        <div>
          <dt>Pass rate</dt>
          <dd>{percent(summary.passRate)}</dd>
        </div>
      </dl>
    </section>
  );
}
