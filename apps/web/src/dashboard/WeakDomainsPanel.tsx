/** The weakest domains with a one-click drill each, and a drill of the questions missed before. */
import { useNavigate } from 'react-router';
import { formatPercent, formatPoints } from '../results/format';
import { domainLabel } from '../shared/domains';
import { useDashboard } from './context';
import { DRILL_SIZE, type DrillTarget, drillKey } from './store';
import '../results/charts.css';

export function WeakDomainsPanel({
  organisationId,
  hasSubmitted,
}: {
  /** The program drills are drawn in; null = no program, no drills. */
  organisationId: string | null;
  hasSubmitted: boolean;
}) {
  const domains = useDashboard((s) => s.weakDomains);
  const drilling = useDashboard((s) => s.drilling);
  const drillError = useDashboard((s) => s.drillError);
  const drill = useDashboard((s) => s.drill);
  const navigate = useNavigate();

  async function go(target: DrillTarget) {
    if (!organisationId) return;
    const attemptId = await drill(organisationId, target);
    if (attemptId) navigate(`/attempts/${encodeURIComponent(attemptId)}`);
  }

  const busy = (target: DrillTarget) => drilling === drillKey(target);

  return (
    <>
      {domains.length === 0 ? (
        <p className="muted">
          {hasSubmitted
            ? 'No domain figures yet for this program.'
            : 'Submit an attempt and the domains where you lose the most points will show here, each with a drill.'}
        </p>
      ) : (
        <ul className="weak-list">
          {domains.map((d) => {
            const target: DrillTarget = { kind: 'domain', domain: d.domain };
            const label = domainLabel(d.domain);
            return (
              <li key={d.domain} className="weak-domain">
                <span className="weak-name">{label}</span>
                <span className="weak-figure">{formatPercent(d.percent)}</span>
                <span className="bar-track weak-bar" aria-hidden="true">
                  <span
                    className={d.percent < 70 ? 'bar-fill bar-fill-below' : 'bar-fill'}
                    style={{ width: `${Math.min(100, Math.max(0, d.percent))}%` }}
                  />
                  <span className="bar-pass" style={{ left: '70%' }} />
                </span>
                <span className="weak-detail muted">
                  {formatPoints(d.earned)} of {formatPoints(d.possible)} points, {d.attempts} attempt
                  {d.attempts === 1 ? '' : 's'}
                </span>
                {organisationId && (
                  <button
                    type="button"
                    className="button-quiet weak-drill"
                    onClick={() => void go(target)}
                    disabled={drilling !== null}
                    aria-label={`${busy(target) ? 'Starting drill' : 'Drill this domain'}: ${label}`}
                  >
                    {busy(target) ? 'Starting drill…' : 'Drill this domain'}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {organisationId && hasSubmitted && (
        <p>
          <button type="button" onClick={() => void go({ kind: 'missed' })} disabled={drilling !== null}>
            {busy({ kind: 'missed' }) ? 'Starting drill…' : 'Drill my missed questions'}
          </button>
        </p>
      )}
      {organisationId && (
        <p className="muted drill-note">
          A drill is up to {DRILL_SIZE} questions, untimed, with the answer explained right after each one.
        </p>
      )}
      {drillError && (
        <p className="error" role="alert">
          {drillError}
        </p>
      )}
    </>
  );
}
