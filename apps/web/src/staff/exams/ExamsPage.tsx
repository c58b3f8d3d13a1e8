/** /staff/exams: the program's exams, with a way to build one and to remove one. */
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { plural } from '../../shared/plural';
import {
  ConfirmButton,
  dateTime,
  ErrorAlert,
  minutesLabel,
  percent,
  RequireRole,
  StatusMessage,
  useOrgId,
  useStaffClient,
} from '../admin/common';
import { createExamListStore, useExamList } from './listStore';
import './exams.css';

const MODE_LABELS = { exam: 'Exam', practice: 'Practice', drill: 'Drill' } as const;

export function ExamsPage() {
  return (
    <RequireRole roles={['admin', 'instructor']} what="Exams">
      <Exams />
    </RequireRole>
  );
}

function Exams() {
  const client = useStaffClient();
  const orgId = useOrgId();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const [store] = useState(() => createExamListStore({ client, orgId }));
  const status = useExamList(store, (s) => s.status);
  const exams = useExamList(store, (s) => s.exams);
  const presetNames = useExamList(store, (s) => s.presetNames);
  const includeArchived = useExamList(store, (s) => s.includeArchived);
  const error = useExamList(store, (s) => s.error);
  const message = useExamList(store, (s) => s.message);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  return (
    <section className="page" aria-labelledby="exams-title">
      <div className="page-header">
        <h1 id="exams-title">Exams</h1>
        <Link className="button" to="/staff/exams/new">
          Build an exam
        </Link>
      </div>
      <ErrorAlert error={error} />
      <StatusMessage message={message ?? (created ? `${created} was saved.` : null)} />
      <label className="check-label">
        <input
          type="checkbox"
          checked={includeArchived}
          onChange={(e) => void store.getState().showArchived(e.target.checked)}
        />
        Show archived exams
      </label>
      {status === 'loading' && <p role="status">Loading exams…</p>}
      {status === 'ready' && exams.length === 0 && (
        <p>
          No exams yet. <Link to="/staff/exams/new">Build one from a preset</Link> (CPC, CCS, CMC) or from
          your own blueprint.
        </p>
      )}
      {status === 'ready' && exams.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Exams of this program</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Mode</th>
                <th scope="col">Built from</th>
                <th scope="col">Items</th>
                <th scope="col">Time limit</th>
                <th scope="col">Pass mark</th>
                <th scope="col">Assignments</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exams.map((exam) => (
                <tr key={exam.id}>
                  <th scope="row">
                    {exam.name}
                    {exam.archivedAt !== null && (
                      <>
                        {' '}
                        <span className="badge">archived</span>
                      </>
                    )}
                  </th>
                  <td>{MODE_LABELS[exam.mode]}</td>
                  <td>
                    {exam.presetId ? (presetNames[exam.presetId] ?? exam.presetId) : 'Custom blueprint'}
                  </td>
                  <td>{exam.itemCount}</td>
                  <td>{minutesLabel(exam.limitMinutes)}</td>
                  <td>{percent(exam.passPercent)}</td>
                  <td>{exam.assignmentCount}</td>
                  <td>{dateTime(exam.createdAt)}</td>
                  <td>
                    {exam.archivedAt === null && (
                      <ConfirmButton
                        label="Remove"
                        name={`Remove ${exam.name}`}
                        confirmLabel={exam.assignmentCount > 0 ? 'Archive' : 'Delete'}
                        danger
                        question={
                          exam.assignmentCount > 0
                            ? `${exam.name} is used by ${plural(exam.assignmentCount, 'assignment')}: it will be archived, and its results stay.`
                            : `${exam.name} is not used by any assignment: it will be deleted.`
                        }
                        onConfirm={() => store.getState().remove(exam.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        Assign an exam to a cohort from the <Link to="/staff/cohorts">cohort’s page</Link>.
      </p>
    </section>
  );
}
