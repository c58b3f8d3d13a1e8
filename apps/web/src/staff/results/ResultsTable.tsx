/** One line per student, sortable on every column, with the CSV of the same table. */
import type { StudentResult } from '@coderprep/contracts';
import { useMemo } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { domainLabel } from '../../shared/domains';
import { dateTime, duration, percent } from '../admin/common';
import { csvHref } from './api';
import { type ResultsState, type Sort, type SortKey, sortStudents, useResults } from './store';

const STATUS_LABELS: Record<StudentResult['status'], string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  submitted: 'Submitted',
};

export function ResultsTable({
  store,
  orgId,
  assignmentId,
}: {
  store: StoreApi<ResultsState>;
  orgId: string;
  assignmentId: string;
}) {
  const results = useResults(store, (s) => s.results);
  const sort = useResults(store, (s) => s.sort);
  const students = useMemo(() => sortStudents(results?.students.items ?? [], sort), [results, sort]);
  if (!results) return null;
  const { domains } = results;

  const onSort = store.getState().sortBy;
  const header = (by: SortKey, label: string, className?: string) => (
    <SortHeader key={by} by={by} label={label} sort={sort} onSort={onSort} className={className} />
  );

  return (
    <section className="card" aria-labelledby="students-title">
      <div className="page-header">
        <h2 id="students-title">Students</h2>
        <a className="button button-quiet" href={csvHref(orgId, assignmentId, sort)} download>
          Download CSV
        </a>
      </div>
      {students.length === 0 ? (
        <p>No students in this cohort yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="results-table">
            <caption className="visually-hidden">
              Results per student. Column headers are buttons that sort the table.
            </caption>
            <thead>
              <tr>
                {header('name', 'Student')}
                {header('status', 'Status')}
                {header('attempts', 'Attempts')}
                {header('best', 'Best score')}
                {header('latest', 'Latest score')}
                {header('passed', 'Result')}
                {domains.map((domain) => header(`domain:${domain}`, domainLabel(domain), 'domain-column'))}
                {header('time', 'Time used')}
                {header('submittedAt', 'Submitted')}
              </tr>
            </thead>
            <tbody>
              {students.map((s) => (
                <tr key={s.userId}>
                  <th scope="row">
                    {s.name}
                    <span className="student-email"> {s.email}</span>
                    {!s.inCohort && (
                      <>
                        {' '}
                        <span className="badge">left the cohort</span>
                      </>
                    )}
                  </th>
                  <td>{STATUS_LABELS[s.status]}</td>
                  <td>
                    {s.attemptsUsed} of {s.attemptsAllowed}
                  </td>
                  <td>{percent(s.bestPercent)}</td>
                  <td>{percent(s.latestPercent)}</td>
                  <td>
                    {s.passed === null ? (
                      '—'
                    ) : s.passed ? (
                      <span className="ok">Passed</span>
                    ) : (
                      <span className="error">Not passed</span>
                    )}
                  </td>
                  {domains.map((domain) => (
                    <td key={domain}>{percent(s.byDomain.find((d) => d.domain === domain)?.percent)}</td>
                  ))}
                  <td>{duration(s.timeUsedMs)}</td>
                  <td>{dateTime(s.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {domains.length > 0 && (
        <p className="hint">
          Domain columns show the latest submitted attempt; the best score is the one that counts.
        </p>
      )}
    </section>
  );
}

/** A column header that sorts the table by its column (aria-sort tells the current order). */
function SortHeader({
  by,
  label,
  sort,
  onSort,
  className,
}: {
  by: SortKey;
  label: string;
  sort: Sort;
  onSort: (by: SortKey) => void;
  className?: string | undefined;
}) {
  const on = sort.by === by;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={on ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort-button" onClick={() => onSort(by)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {on ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
        </span>
      </button>
    </th>
  );
}
