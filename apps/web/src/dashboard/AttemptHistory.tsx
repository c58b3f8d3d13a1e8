/** Past attempts, newest first: exam, date, score, pass/fail, and links to the result and the review. */
import type { MyAttempt } from '@coderprep/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatPercent, isoOf, modeLabel } from '../results/format';

const SHOWN_AT_FIRST = 10;

export function AttemptHistory({ attempts }: { attempts: MyAttempt[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? attempts : attempts.slice(0, SHOWN_AT_FIRST);
  return (
    <>
      <div className="table-scroll">
        <table className="attempt-table">
          <caption className="visually-hidden">Past attempts</caption>
          <thead>
            <tr>
              <th scope="col">Exam</th>
              <th scope="col">Date</th>
              <th scope="col">Score</th>
              <th scope="col">Result</th>
              <th scope="col">
                <span className="visually-hidden">Links</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <AttemptRow key={a.id} attempt={a} />
            ))}
          </tbody>
        </table>
      </div>
      {attempts.length > SHOWN_AT_FIRST && (
        <button type="button" className="button-quiet" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'Show fewer attempts' : `Show all ${attempts.length} attempts`}
        </button>
      )}
    </>
  );
}

function AttemptRow({ attempt: a }: { attempt: MyAttempt }) {
  const id = encodeURIComponent(a.id);
  const when = a.submittedAt ?? a.startedAt;
  const what = `${a.examName}, ${formatDateTime(when)}`;
  const inProgress = a.status === 'in-progress';
  return (
    <tr>
      <th scope="row">
        {a.examName}
        {a.mode !== 'exam' && <span className="muted"> ({modeLabel(a.mode)})</span>}
      </th>
      <td>
        <time dateTime={isoOf(when)}>{formatDateTime(when)}</time>
      </td>
      <td>{a.scorePercent === null ? '—' : formatPercent(a.scorePercent)}</td>
      <td>
        {inProgress ? (
          'In progress'
        ) : a.passed ? (
          <span className="ok">Passed</span>
        ) : (
          <span className="error">Not passed</span>
        )}
      </td>
      <td className="attempt-links">
        {inProgress ? (
          <Link to={`/attempts/${id}`} aria-label={`Resume ${what}`}>
            Resume
          </Link>
        ) : (
          <>
            <Link to={`/attempts/${id}/result`} aria-label={`Result of ${what}`}>
              Result
            </Link>
            <Link to={`/attempts/${id}/review`} aria-label={`Review of ${what}`}>
              Review
            </Link>
          </>
        )}
      </td>
    </tr>
  );
}
