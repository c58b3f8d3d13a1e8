/**
 * Classical item analysis of the submitted attempts: test statistics (CIC, ER, SE), then every
 * item with its facility, discrimination and discriminative efficiency, dubious ones marked with
 * the reason, the distractor counts of the upper and lower groups, and a link to edit the item
 * (where the key can be fixed and the attempts regraded).
 */
import type { ItemAnalysisBody, ItemAnalysisRow } from '@coderprep/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import type { StoreApi } from 'zustand/vanilla';
import { domainLabel } from '../../shared/domains';
import { plural } from '../../shared/plural';
import { percent } from '../admin/common';
import { type ResultsState, useResults } from './store';

/** Why an item is dubious, in words an instructor can act on (empty when it is not). */
export function dubiousReasons(row: ItemAnalysisRow): string[] {
  if (!row.dubious) return [];
  const reasons: string[] = [];
  if (row.discrimination !== null && row.discrimination < 0)
    reasons.push(
      `Negative discrimination (${fixed(row.discrimination)}%): students who did worse on the rest of the exam did better on this item. Check the key first, then the wording.`,
    );
  if (row.discriminativeEfficiency !== null && row.discriminativeEfficiency < 15)
    reasons.push(
      `Discriminative efficiency is ${fixed(row.discriminativeEfficiency)}%, below 15%: the item hardly tells stronger students from weaker ones.`,
    );
  if (reasons.length === 0) reasons.push('The statistics flag this item: check its key and its options.');
  if (row.facility !== null && row.facility >= 0.95) reasons.push('Nearly everyone answered it right.');
  if (row.facility !== null && row.facility <= 0.1) reasons.push('Nearly nobody answered it right.');
  return reasons;
}

const fixed = (value: number | null, digits = 1) => (value === null ? '—' : value.toFixed(digits));

/** Where "Edit item" goes: straight to the bank's editor when the exam has one bank. */
export function editItemPath(itemId: string, examId: string, bankIds: readonly string[] | null): string {
  if (bankIds?.length === 1 && bankIds[0]) return `/staff/banks/${bankIds[0]}/items/${itemId}`;
  return `/staff/exams/${examId}/items/${itemId}`;
}

export function ItemAnalysis({ store }: { store: StoreApi<ResultsState> }) {
  const analysis = useResults(store, (s) => s.analysis);
  const status = useResults(store, (s) => s.analysisStatus);
  const error = useResults(store, (s) => s.analysisError);
  const examId = useResults(store, (s) => s.results?.assignment.examId ?? '');
  const bankIds = useResults(store, (s) => s.bankIds);
  const [onlyDubious, setOnlyDubious] = useState(false);

  return (
    <section className="card item-analysis" aria-labelledby="analysis-title">
      <h2 id="analysis-title">Item analysis</h2>
      {status === 'loading' && <p role="status">Analysing the submitted attempts…</p>}
      {status === 'not-enough' && (
        <div role="status" className="notice">
          <p>
            <strong>Not enough attempts yet.</strong> Item analysis compares students with each other, so it
            appears once at least two students have submitted.
          </p>
          {error && <p className="muted">{error}</p>}
        </div>
      )}
      {status === 'failed' && (
        <div role="alert">
          <p className="error">The item analysis could not be loaded: {error}</p>
          <button type="button" className="button-quiet" onClick={() => void store.getState().loadAnalysis()}>
            Try again
          </button>
        </div>
      )}
      {status === 'ready' && analysis && (
        <>
          <TestStatistics test={analysis.test} />
          <p className="hint">
            Facility: the share of the marks students earned. Discrimination: how well the item agrees with
            the rest of the exam (correlation, %). An item is dubious when its discriminative efficiency is
            below 15% or its discrimination is negative. Fix a wrong key with “Edit item”, then regrade there.
          </p>
          <label className="check-label">
            <input type="checkbox" checked={onlyDubious} onChange={(e) => setOnlyDubious(e.target.checked)} />
            Show only dubious items ({analysis.items.filter((i) => i.dubious).length} of{' '}
            {analysis.items.length})
          </label>
          <div className="table-scroll">
            <table className="analysis-table">
              <caption className="visually-hidden">
                Statistics per item, in exam order; dubious items are marked and explained
              </caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Question</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Facility</th>
                  <th scope="col">Discrimination</th>
                  <th scope="col">Discriminative efficiency</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {analysis.items
                  .filter((row) => !onlyDubious || row.dubious)
                  .map((row) => (
                    <ItemRow
                      key={row.itemId}
                      row={row}
                      editPath={editItemPath(row.itemId, examId, bankIds)}
                    />
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function TestStatistics({ test }: { test: ItemAnalysisBody['test'] }) {
  return (
    <section aria-labelledby="test-stats-title">
      <h3 id="test-stats-title">Test statistics</h3>
      <dl className="stat-grid">
        <div>
          <dt>Attempts analysed</dt>
          <dd>{test.attempts}</dd>
        </div>
        <div>
          <dt>Items in the statistics</dt>
          <dd>{test.items}</dd>
        </div>
        <div>
          <dt>Mean (marks)</dt>
          <dd>{fixed(test.mean, 2)}</dd>
        </div>
        <div>
          <dt>Standard deviation</dt>
          <dd>{fixed(test.sd, 2)}</dd>
        </div>
        <div>
          <dt>
            <abbr title="Coefficient of internal consistency (Cronbach's alpha)">CIC</abbr>
          </dt>
          <dd>{percent(test.cic)}</dd>
        </div>
        <div>
          <dt>
            <abbr title="Error ratio">ER</abbr>
          </dt>
          <dd>{percent(test.errorRatio)}</dd>
        </div>
        <div>
          <dt>
            <abbr title="Standard error (marks)">SE</abbr>
          </dt>
          <dd>{fixed(test.standardError, 2)}</dd>
        </div>
      </dl>
      {!test.allItemsCommon && (
        <p className="hint">
          {test.items === 0
            ? 'Students drew different items and no item was common to every attempt, so the test statistics cannot be computed. The item figures below are still valid.'
            : `Students drew different items, so the test statistics use only the ${plural(test.items, 'item')} every attempt had.`}
        </p>
      )}
    </section>
  );
}

function ItemRow({ row, editPath }: { row: ItemAnalysisRow; editPath: string }) {
  const reasons = dubiousReasons(row);
  return (
    <tr className={row.dubious ? 'dubious' : undefined}>
      <th scope="row">
        {row.externalId}
        {row.pretest && (
          <>
            {' '}
            <span className="badge">Pretest</span>
          </>
        )}
      </th>
      <td className="stem-cell">
        <span className="item-meta">
          {domainLabel(row.domain)} · {row.type}
          {row.versions.length > 1 && ` · versions ${row.versions.join(', ')}`}
        </span>
        <span className="stem-excerpt">{row.stemExcerpt}</span>
        {row.distractors.length > 0 && <Distractors row={row} />}
      </td>
      <td>{row.attempts}</td>
      <td>{row.facility === null ? '—' : percent(row.facility * 100)}</td>
      <td>{row.discrimination === null ? '—' : `${fixed(row.discrimination)}%`}</td>
      <td>{row.discriminativeEfficiency === null ? '—' : `${fixed(row.discriminativeEfficiency)}%`}</td>
      <td className="verdict">
        {row.dubious ? (
          <>
            <strong className="dubious-label">Dubious</strong>
            <ul className="dubious-reasons">
              {reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </>
        ) : row.facility === null ? (
          <span className="muted">Too few attempts ({row.attempts}) drew it for statistics</span>
        ) : (
          <span className="ok">OK</span>
        )}
      </td>
      <td>
        <Link to={editPath} aria-label={`Edit item ${row.externalId}`}>
          Edit item
        </Link>
      </td>
    </tr>
  );
}

function Distractors({ row }: { row: ItemAnalysisRow }) {
  return (
    <details>
      <summary>Options chosen</summary>
      <div className="table-scroll">
        <table className="distractors">
          <caption className="visually-hidden">
            How many chose each option of {row.externalId}, overall and in the upper and lower score groups
          </caption>
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col">Text</th>
              <th scope="col">Chosen</th>
              <th scope="col">Upper group</th>
              <th scope="col">Lower group</th>
            </tr>
          </thead>
          <tbody>
            {row.distractors.map((d) => (
              <tr key={d.option ?? 'none'} className={d.correct ? 'key-row' : undefined}>
                <th scope="row">
                  {d.option ?? 'No answer'}
                  {d.correct && (
                    <>
                      {' '}
                      <span className="badge badge-ok">Key</span>
                    </>
                  )}
                </th>
                <td>{d.text ?? '—'}</td>
                <td>{d.total}</td>
                <td>{d.upper}</td>
                <td>{d.lower}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
