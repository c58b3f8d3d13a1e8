/** /attempts/:attemptId/result — the score report of one submitted attempt. */
import type { AttemptResult } from '@coderprep/contracts';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { domainLabel } from '../shared/domains';
import { noun } from '../shared/plural';
import { BarChart, TableRegion } from './BarChart';
import { ResultStoreProvider, useResult } from './context';
import { formatDateTime, formatDuration, formatPercent, formatPoints, isoOf, modeLabel } from './format';
import { useDocumentTitle } from './useDocumentTitle';
import './charts.css';
import './results.css';

export function ResultPage() {
  return (
    <ResultStoreProvider>
      <ResultView />
    </ResultStoreProvider>
  );
}

function ResultView() {
  const { attemptId = '' } = useParams();
  const status = useResult((s) => s.status);
  const result = useResult((s) => s.result);
  const message = useResult((s) => s.message);
  const load = useResult((s) => s.load);
  useDocumentTitle(result ? `Result: ${result.examName}` : 'Result');

  useEffect(() => {
    void load(attemptId);
  }, [attemptId, load]);

  if (status === 'ready' && result) return <Report result={result} />;
  return (
    <section className="page results-page">
      <h1>Result</h1>
      {(status === 'idle' || status === 'loading') && (
        <p className="page-loading" role="status">
          Loading your result…
        </p>
      )}
      {status === 'in-progress' && (
        <div className="card stack" role="status">
          <p>This attempt is still in progress, so it has no result yet.</p>
          <p>
            <Link className="button" to={`/attempts/${encodeURIComponent(attemptId)}`}>
              Return to the attempt
            </Link>
          </p>
        </div>
      )}
      {status === 'not-found' && (
        <p role="alert">
          There is no attempt of yours at this address. <Link to="/dashboard">Go to your dashboard</Link>.
        </p>
      )}
      {status === 'error' && (
        <div className="stack" role="alert">
          <p className="error">{message}</p>
          <p>
            <button type="button" onClick={() => void load(attemptId)}>
              Try again
            </button>
          </p>
        </div>
      )}
    </section>
  );
}

function submittedWhy(result: AttemptResult): string {
  switch (result.submitReason) {
    case 'expired':
      return 'Time ran out, so your attempt was submitted automatically';
    case 'instructor':
      return 'Your instructor submitted this attempt';
    default:
      return 'You submitted this attempt';
  }
}

function Report({ result }: { result: AttemptResult }) {
  const id = encodeURIComponent(result.attemptId);
  const scoredItems = result.timePerItem.length;
  const average = scoredItems > 0 ? result.timeSpentMs / scoredItems : 0;
  return (
    <section className="page results-page">
      <header className="results-header">
        <h1>
          {result.examName}: result
          {result.mode !== 'exam' && <span className="mode-tag"> ({modeLabel(result.mode)})</span>}
        </h1>
        <nav aria-label="Result" className="results-links">
          <Link className="button" to={`/attempts/${id}/review`}>
            Review your answers
          </Link>
          <Link className="button button-quiet" to="/dashboard">
            Back to the dashboard
          </Link>
        </nav>
      </header>

      <div className="card score-summary">
        <p className={result.passed ? 'score-verdict passed' : 'score-verdict failed'}>
          <span className="score-big">{formatPercent(result.scorePercent)}</span>{' '}
          <span className="score-word">{result.passed ? 'Passed' : 'Not passed'}</span>
        </p>
        <dl className="facts">
          <div>
            <dt>Pass mark</dt>
            <dd>{formatPercent(result.passPercent)}</dd>
          </div>
          <div>
            <dt>Points</dt>
            <dd>
              {formatPoints(result.earned)} of {formatPoints(result.possible)}
            </dd>
          </div>
          <div>
            <dt>Answered</dt>
            <dd>
              {result.answered} of {result.items} scored {noun(result.items, 'item')}
            </dd>
          </div>
          <div>
            <dt>Submitted</dt>
            <dd>
              <time dateTime={isoOf(result.submittedAt)}>{formatDateTime(result.submittedAt)}</time>
            </dd>
          </div>
        </dl>
        <p className="muted">{submittedWhy(result)}.</p>
        {result.pretest.items > 0 && (
          <p className="pretest-note">
            {result.pretest.items} pretest item{result.pretest.items === 1 ? ' was' : 's were'} on this exam.
            Pretest items are being tried out and are not counted in your score.
          </p>
        )}
      </div>

      <div className="results-charts">
        <BarChart
          title="Score by domain"
          rowHeader="Domain"
          passPercent={result.passPercent}
          rows={result.byDomain.map((d) => ({ ...d, key: d.domain, label: domainLabel(d.domain) }))}
        />
        <BarChart
          title="Score by section"
          rowHeader="Section"
          passPercent={result.passPercent}
          rows={result.bySection.map((s) => ({ ...s, key: s.sectionId, label: s.title }))}
        />
      </div>

      <section className="card" aria-labelledby="time-heading">
        <h2 id="time-heading">Time</h2>
        <dl className="facts">
          <div>
            <dt>Time on questions</dt>
            <dd>{formatDuration(result.timeSpentMs)}</dd>
          </div>
          <div>
            <dt>From start to submission</dt>
            <dd>{formatDuration(result.elapsedMs)}</dd>
          </div>
          <div>
            <dt>Average per item</dt>
            <dd>{formatDuration(average)}</dd>
          </div>
        </dl>
        <TimePerItem result={result} />
      </section>
    </section>
  );
}

function TimePerItem({ result }: { result: AttemptResult }) {
  const rows = [...result.timePerItem].sort((a, b) => a.position - b.position);
  const longest = Math.max(1, ...rows.map((r) => r.timeSpentMs));
  if (rows.length === 0) return null;
  return (
    <details className="chart-table">
      <summary>Time per item</summary>
      <TableRegion label="Time spent on each item">
        <table className="time-table">
          <caption className="visually-hidden">Time spent on each item</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.itemId}>
                <th scope="row">{row.position + 1}</th>
                <td>
                  <span className="time-bar" aria-hidden="true">
                    <span style={{ width: `${(row.timeSpentMs / longest) * 100}%` }} />
                  </span>
                  {formatDuration(row.timeSpentMs)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </details>
  );
}
