/** What an instructor or admin sees on the dashboard: where their work is. */
import type { Membership } from '@coderprep/contracts';
import { Link } from 'react-router';

export function StaffOverview({ membership }: { membership: Membership }) {
  const admin = membership.role === 'admin';
  return (
    <section className="card staff-overview" aria-labelledby="staff-heading">
      <h2 id="staff-heading">Teaching in {membership.organisationName}</h2>
      <p>You are {admin ? 'an admin' : 'an instructor'} in this program.</p>
      <ul className="staff-links">
        <li>
          <Link to="/staff/banks">Banks</Link>
          <span className="muted">: write, import and review questions</span>
        </li>
        <li>
          <Link to="/staff/exams">Exams</Link>
          <span className="muted">: build mock exams from a preset or your own blueprint</span>
        </li>
        <li>
          <Link to="/staff/cohorts">Cohorts</Link>
          <span className="muted">: rosters, join codes, accommodations, assignments and results</span>
        </li>
        {admin && (
          <li>
            <Link to="/admin/members">Members</Link>
            <span className="muted">: who works in this program, and their roles</span>
          </li>
        )}
      </ul>
    </section>
  );
}
