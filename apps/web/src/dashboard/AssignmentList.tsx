/** The student's assignments: window, state, time limit, attempts left, and Start / Resume. */
import type { MyAssignment } from '@coderprep/contracts';
import { type ReactNode, useId } from 'react';
import { useNavigate } from 'react-router';
import { formatDateTime, formatMinutes, isoOf } from '../results/format';
import { useDashboard } from './context';

const STATE_LABEL: Record<MyAssignment['state'], string> = {
  open: 'Open',
  upcoming: 'Upcoming',
  closed: 'Closed',
};

const REVIEW_LABEL: Record<MyAssignment['reviewPolicy'], string> = {
  'after-submit': 'as soon as you submit',
  'after-close': 'when the window closes',
  never: 'not available',
};

/** Open first (closing soonest first), then upcoming (opening soonest first). */
export function byUrgency(a: MyAssignment, b: MyAssignment): number {
  const rank = (x: MyAssignment) => (x.state === 'open' ? 0 : x.state === 'upcoming' ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    (a.state === 'closed'
      ? b.closesAt - a.closesAt
      : a.state === 'open'
        ? a.closesAt - b.closesAt
        : a.opensAt - b.opensAt)
  );
}

export function AssignmentList({
  assignments,
  showOrganisation,
}: {
  assignments: MyAssignment[];
  showOrganisation: boolean;
}) {
  return (
    <ul className="assignment-list">
      {[...assignments].sort(byUrgency).map((a) => (
        <AssignmentCard key={a.assignmentId} assignment={a} showOrganisation={showOrganisation} />
      ))}
    </ul>
  );
}

function TimeLimit({ assignment: a }: { assignment: MyAssignment }) {
  if (a.timeLimitMinutes === null) return <>Untimed</>;
  if (a.timeFactor === 1 || a.baseTimeLimitMinutes === null) return <>{formatMinutes(a.timeLimitMinutes)}</>;
  return (
    <>
      {formatMinutes(a.timeLimitMinutes)}{' '}
      <span className="muted">
        ({a.timeFactor}× extra time; standard {formatMinutes(a.baseTimeLimitMinutes)})
      </span>
    </>
  );
}

function AssignmentCard({
  assignment: a,
  showOrganisation,
}: {
  assignment: MyAssignment;
  showOrganisation: boolean;
}) {
  const headingId = useId();
  const navigate = useNavigate();
  const starting = useDashboard((s) => s.starting);
  const startError = useDashboard((s) => s.startError);
  const start = useDashboard((s) => s.start);
  const allowed = a.attemptLimit + a.extraAttempts;
  const error = startError?.assignmentId === a.assignmentId ? startError.message : null;
  const practice = a.mode !== 'exam';

  async function begin() {
    const attemptId = await start(a.assignmentId);
    if (attemptId) navigate(`/attempts/${encodeURIComponent(attemptId)}`);
  }

  let action: ReactNode;
  if (a.openAttemptId) {
    const openId = a.openAttemptId;
    action = (
      <button
        type="button"
        aria-label={`Resume ${a.examName}`}
        onClick={() => navigate(`/attempts/${encodeURIComponent(openId)}`)}
      >
        Resume
      </button>
    );
  } else if (a.state === 'open' && a.attemptsLeft > 0) {
    const busy = starting === a.assignmentId;
    action = (
      <button
        type="button"
        onClick={begin}
        disabled={starting !== null}
        aria-label={`${busy ? 'Starting' : 'Start'} ${a.examName}`}
        aria-describedby={`${headingId}-clock`}
      >
        {busy ? 'Starting…' : 'Start'}
      </button>
    );
  } else if (a.state === 'open') {
    action = <p className="muted">You have used all your attempts.</p>;
  } else if (a.state === 'upcoming') {
    action = <p className="muted">Not open yet.</p>;
  } else {
    action = <p className="muted">This assignment has closed.</p>;
  }

  return (
    <li className={`card assignment assignment-${a.state}`} aria-labelledby={headingId}>
      <div className="assignment-head">
        <h3 id={headingId}>{a.examName}</h3>
        <span className={`state-tag state-${a.state}`}>{STATE_LABEL[a.state]}</span>
        {practice && (
          <span className="state-tag state-mode">{a.mode === 'practice' ? 'Practice' : 'Drill'}</span>
        )}
      </div>
      <p className="muted assignment-cohort">
        {a.cohortName}
        {showOrganisation && ` · ${a.organisationName}`}
      </p>
      <dl className="facts">
        <div>
          <dt>Opens</dt>
          <dd>
            <time dateTime={isoOf(a.opensAt)}>{formatDateTime(a.opensAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Closes</dt>
          <dd>
            <time dateTime={isoOf(a.closesAt)}>{formatDateTime(a.closesAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Time limit</dt>
          <dd id={`${headingId}-clock`}>
            <TimeLimit assignment={a} />
          </dd>
        </div>
        <div>
          <dt>Questions</dt>
          <dd>{a.itemCount}</dd>
        </div>
        <div>
          <dt>Attempts left</dt>
          <dd>
            {a.attemptsLeft} of {allowed}
          </dd>
        </div>
        <div>
          <dt>Review</dt>
          <dd>{REVIEW_LABEL[a.reviewPolicy]}</dd>
        </div>
      </dl>
      <div className="assignment-action">{action}</div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
