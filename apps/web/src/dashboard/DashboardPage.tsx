/**
 * /dashboard — the student's home: assigned exams, scores over time, weakest domains with
 * drills, past attempts, cohorts. Staff see where their work is first, and their own student
 * assignments only if they have any.
 */
import type { MyCohort } from '@coderprep/contracts';
import { useEffect, useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/context';
import { currentMembership } from '../auth/store';
import { useDocumentTitle } from '../results/useDocumentTitle';
import { AssignmentList } from './AssignmentList';
import { AttemptHistory } from './AttemptHistory';
import { DashboardStoreProvider, useDashboard } from './context';
import { ScoreChart, type ScorePoint } from './ScoreChart';
import { StaffOverview } from './StaffOverview';
import { WeakDomainsPanel } from './WeakDomainsPanel';
import '../results/charts.css';
import './dashboard.css';

/** What the join page tells the dashboard (router location state). */
export interface JoinedNotice {
  joined: { cohortName: string; isNew: boolean };
}

export function DashboardPage() {
  return (
    <DashboardStoreProvider>
      <Dashboard />
    </DashboardStoreProvider>
  );
}

function Dashboard() {
  useDocumentTitle('Dashboard');
  const membership = useAuth(currentMembership);
  const organisationId = useAuth((s) => s.organisationId);
  const name = useAuth((s) => s.me?.user.name);
  const status = useDashboard((s) => s.status);
  const message = useDashboard((s) => s.message);
  const assignments = useDashboard((s) => s.assignments);
  const attempts = useDashboard((s) => s.attempts);
  const cohorts = useDashboard((s) => s.cohorts);
  const load = useDashboard((s) => s.load);
  const location = useLocation();
  const notice = (location.state as Partial<JoinedNotice> | null)?.joined;
  const staff = membership?.role === 'admin' || membership?.role === 'instructor';

  useEffect(() => {
    void load(organisationId);
  }, [organisationId, load]);

  const points = useMemo<ScorePoint[]>(
    () =>
      attempts.flatMap((a) =>
        a.status === 'submitted' && a.scorePercent !== null
          ? [
              {
                id: a.id,
                at: a.submittedAt ?? a.startedAt,
                percent: a.scorePercent,
                passed: a.passed ?? false,
                examName: a.examName,
                mode: a.mode,
              },
            ]
          : [],
      ),
    [attempts],
  );

  const studentCohorts = cohorts.filter((c) => c.role === 'student');
  const showOrganisation = new Set(assignments.map((a) => a.organisationId)).size > 1;
  const hasStudentWork = assignments.length > 0 || attempts.length > 0;

  return (
    <section className="page dashboard">
      <div className="dashboard-title">
        <h1>Dashboard</h1>
        {name && <p className="muted">Welcome, {name}.</p>}
      </div>
      {notice && (
        <p className="card notice" role="status">
          {notice.isNew
            ? `You joined ${notice.cohortName}. Its assignments are listed below.`
            : `You are already in ${notice.cohortName}. Its assignments are listed below.`}
        </p>
      )}
      {staff && membership && <StaffOverview membership={membership} />}

      {status === 'loading' && (
        <p className="page-loading" role="status">
          Loading your dashboard…
        </p>
      )}
      {status === 'error' && (
        <div className="card stack" role="alert">
          <p className="error">{message}</p>
          <p>
            <button type="button" onClick={() => void load(organisationId)}>
              Try again
            </button>
          </p>
        </div>
      )}

      {status === 'ready' && (!staff || hasStudentWork) && (
        <>
          <section aria-labelledby="assignments-heading" className="dashboard-section">
            <div className="section-head">
              <h2 id="assignments-heading">{staff ? 'Your assignments as a student' : 'Your assignments'}</h2>
              {!staff && studentCohorts.length > 0 && <Link to="/join">Join another cohort</Link>}
            </div>
            <Assignments studentCohorts={studentCohorts} showOrganisation={showOrganisation} />
          </section>

          <div className="dashboard-progress">
            <section aria-labelledby="scores-heading" className="card">
              <h2 id="scores-heading">Scores over time</h2>
              {points.length > 0 ? (
                <ScoreChart points={points} />
              ) : (
                <p className="muted">Your scores will show here once you submit an attempt.</p>
              )}
            </section>
            <section aria-labelledby="weak-heading" className="card">
              <h2 id="weak-heading">Weakest domains</h2>
              <WeakDomainsPanel organisationId={organisationId} hasSubmitted={points.length > 0} />
            </section>
          </div>

          <section aria-labelledby="history-heading" className="dashboard-section">
            <h2 id="history-heading">Past attempts</h2>
            {attempts.length > 0 ? (
              <AttemptHistory attempts={attempts} />
            ) : (
              <p className="muted">No attempts yet.</p>
            )}
          </section>

          {studentCohorts.length > 0 && (
            <section aria-labelledby="cohorts-heading" className="dashboard-section">
              <h2 id="cohorts-heading">Your cohorts</h2>
              <CohortList cohorts={studentCohorts} />
            </section>
          )}
        </>
      )}
    </section>
  );
}

function Assignments({
  studentCohorts,
  showOrganisation,
}: {
  studentCohorts: MyCohort[];
  showOrganisation: boolean;
}) {
  const assignments = useDashboard((s) => s.assignments);
  const current = assignments.filter((a) => a.state !== 'closed');
  const closed = assignments.filter((a) => a.state === 'closed');

  if (assignments.length === 0)
    return studentCohorts.length === 0 ? (
      <div className="card empty-state">
        <p>You are not in a cohort yet. Join a cohort with the code your instructor gave you.</p>
        <p>
          <Link className="button" to="/join">
            Join a cohort
          </Link>
        </p>
      </div>
    ) : (
      <div className="card empty-state">
        <p>
          Nothing is assigned to you yet. When your instructor assigns an exam to{' '}
          {studentCohorts.map((c) => c.name).join(', ')}, it will show here with its dates.
        </p>
      </div>
    );

  return (
    <>
      {current.length > 0 ? (
        <AssignmentList assignments={current} showOrganisation={showOrganisation} />
      ) : (
        <p className="muted">No assignment is open or coming up.</p>
      )}
      {closed.length > 0 && (
        <details className="closed-assignments">
          <summary>Closed assignments ({closed.length})</summary>
          <AssignmentList assignments={closed} showOrganisation={showOrganisation} />
        </details>
      )}
    </>
  );
}

function CohortList({ cohorts }: { cohorts: MyCohort[] }) {
  return (
    <ul className="cohort-list">
      {cohorts.map((c) => (
        <li key={c.cohortId}>
          <strong>{c.name}</strong> <span className="muted">({c.organisationName})</span>
          {c.timeFactor !== 1 && <span> · extra time: {c.timeFactor}×</span>}
          {c.extraAttempts > 0 && (
            <span>
              {' '}
              · {c.extraAttempts} extra attempt{c.extraAttempts === 1 ? '' : 's'}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
