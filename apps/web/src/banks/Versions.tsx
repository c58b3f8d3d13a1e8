/**
 * An item's versions: the history (each viewable read-only, with its key), and the regrade that
 * moves submitted attempts from a version with a wrong key to the fixed current one.
 */
import type { ItemDetail } from '@coderprep/contracts';
import { useState } from 'react';
import type { ItemBody } from './api';
import { formatTime } from './context';
import { BLANK_KIND_NAMES, CODE_KIND_NAMES, TYPE_NAMES } from './draft';
import { useEditor } from './fields';
import { optionLetter } from './QuestionFields';

export function VersionHistory({ item }: { item: ItemDetail }) {
  const viewVersion = useEditor((s) => s.viewVersion);
  const viewing = useEditor((s) => s.viewing);
  const viewError = useEditor((s) => s.viewError);
  const regrade = useEditor((s) => s.regrade);
  const versions = [...item.versions].reverse();
  return (
    <section aria-labelledby="versions-heading" className="card versions">
      <h2 id="versions-heading">Version history</h2>
      <p className="hint">
        Every save is a new version; attempts keep the version they drew. Version {item.currentVersion} is
        current.
      </p>
      <ol className="version-list">
        {versions.map((v) => (
          <li key={v.version}>
            <span>
              <strong>Version {v.version}</strong>
              {v.version === item.currentVersion && ' (current)'} · {formatTime(v.createdAt)}
            </span>
            <button
              type="button"
              className="button-quiet"
              aria-pressed={viewing?.version === v.version}
              onClick={() => void viewVersion(v.version)}
            >
              View version {v.version}
            </button>
          </li>
        ))}
      </ol>
      {viewError && (
        <p className="error" role="alert">
          {viewError}
        </p>
      )}
      {item.currentVersion > 1 && regrade.fromVersion === null && <RegradeChooser item={item} />}
    </section>
  );
}

/** Picks the version with the wrong key when no regrade is offered yet. */
function RegradeChooser({ item }: { item: ItemDetail }) {
  const offerRegrade = useEditor((s) => s.offerRegrade);
  const older = item.versions.filter((v) => v.version < item.currentVersion).map((v) => v.version);
  const [from, setFrom] = useState(older[older.length - 1] ?? 1);
  return (
    <div className="regrade-chooser">
      <h3>Fix a key in submitted attempts</h3>
      <p className="hint">
        If an older version had a wrong key, regrade the attempts that used it against version{' '}
        {item.currentVersion}.
      </p>
      <div className="field-row">
        <label>
          Version with the wrong key
          <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {older.map((v) => (
              <option key={v} value={v}>
                Version {v}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-secondary" onClick={() => offerRegrade(from)}>
          Prepare regrade
        </button>
      </div>
    </div>
  );
}

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 10) / 10}%`);
const pass = (value: boolean | null) => (value === null ? '–' : value ? 'Pass' : 'Fail');

/** The regrade offer and its outcome. */
export function RegradePanel({ item }: { item: ItemDetail }) {
  const regrade = useEditor((s) => s.regrade);
  const run = useEditor((s) => s.runRegrade);
  const from = regrade.fromVersion;
  if (from === null) return null;
  const result = regrade.result;
  const changed = result?.changes.filter((c) => c.oldPercent !== c.newPercent) ?? [];
  return (
    <section className="regrade card" aria-labelledby="regrade-heading">
      <h2 id="regrade-heading">Regrade</h2>
      {from >= item.currentVersion ? (
        <p>
          Version {from} is the current version: save the fixed key first, then regrade the attempts that used
          version {from}.
        </p>
      ) : (
        <>
          <p>
            Submitted attempts that used version {from} were graded against its key. Regrading grades them
            again against version {item.currentVersion}; students&apos; answers are not changed.
          </p>
          {regrade.status !== 'done' && (
            <button type="button" disabled={regrade.status === 'running'} onClick={() => void run(from)}>
              {regrade.status === 'running' ? 'Regrading…' : `Regrade attempts that used version ${from}`}
            </button>
          )}
        </>
      )}
      <div role="status">
        {result && (
          <div className="stack">
            <p className="ok">
              {result.regraded === 0
                ? `No submitted attempt used version ${result.fromVersion}: nothing to regrade.`
                : `Regraded ${result.regraded} ${result.regraded === 1 ? 'attempt' : 'attempts'} from version ${result.fromVersion} to version ${result.toVersion}; ${changed.length} ${changed.length === 1 ? 'score' : 'scores'} changed.`}
            </p>
            {result.inProgress > 0 && (
              <p className="warn">
                {result.inProgress} {result.inProgress === 1 ? 'attempt is' : 'attempts are'} still in
                progress on version {result.fromVersion}: {result.inProgress === 1 ? 'it' : 'they'} will be
                graded against that version at submission, so regrade again afterwards.
              </p>
            )}
          </div>
        )}
      </div>
      {regrade.status === 'error' && (
        <p className="error" role="alert">
          {regrade.error}
        </p>
      )}
      {result && result.changes.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>Regraded attempts</caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Score before</th>
                <th scope="col">Score after</th>
                <th scope="col">Result before</th>
                <th scope="col">Result after</th>
              </tr>
            </thead>
            <tbody>
              {result.changes.map((c) => (
                <tr key={c.attemptId}>
                  <th scope="row">{c.studentName}</th>
                  <td>{percent(c.oldPercent)}</td>
                  <td>{percent(c.newPercent)}</td>
                  <td>{pass(c.passedBefore)}</td>
                  <td>{pass(c.passedAfter)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type Question =
  | Exclude<ItemBody, { type: 'scenario' }>
  | Extract<ItemBody, { type: 'scenario' }>['subItems'][number];

function QuestionKey({ question }: { question: Question }) {
  if (question.type === 'fill-in')
    return (
      <dl className="key-list">
        {question.blanks.map((blank) => {
          const key = question.key[blank.id];
          let answers: string[] = [];
          if (key?.kind === 'procedure-line')
            answers = key.accepted.map(
              (line) => `${[line.code, ...(line.modifiers ?? [])].join('-')} × ${line.units ?? 1}`,
            );
          else if (key?.kind === 'code-list')
            answers = key.codes.map((c) => (c.optional ? `${c.code} (optional)` : c.code));
          else if (key?.kind === 'number')
            answers = key.accepted.map((n) => (key.tolerance ? `${n} ± ${key.tolerance}` : String(n)));
          else if (key) answers = key.accepted.map(String);
          return (
            <div key={blank.id}>
              <dt>
                {blank.label || blank.id} ({BLANK_KIND_NAMES[blank.kind]}
                {blank.kind === 'code-list' &&
                  `, ${CODE_KIND_NAMES[blank.codeKind]}${blank.principalFirst ? ', principal first' : ''}`}
                )
              </dt>
              <dd>
                {key?.kind === 'code-list' ? 'All of: ' : 'Any of: '}
                {answers.join(', ')}
              </dd>
            </div>
          );
        })}
      </dl>
    );
  const keys = new Set(question.type === 'multiple-choice' ? [question.key] : question.key);
  return (
    <ol className="key-options">
      {question.options.map((o, i) => (
        <li key={o.id} className={keys.has(o.id) ? 'is-key' : undefined}>
          <strong>
            {optionLetter(i)}. {o.text}
          </strong>
          {keys.has(o.id) && <span className="badge badge-key">Key</span>}
          {o.rationale && <p className="muted">{o.rationale}</p>}
        </li>
      ))}
    </ol>
  );
}

/** A saved version with its key and rationales, read-only. */
export function ItemReadOnly({ body }: { body: ItemBody }) {
  return (
    <div className="read-only stack">
      <dl className="meta-list">
        <div>
          <dt>Type</dt>
          <dd>{TYPE_NAMES[body.type]}</dd>
        </div>
        <div>
          <dt>Item id</dt>
          <dd>{body.id}</dd>
        </div>
        <div>
          <dt>Domain</dt>
          <dd>{body.domain}</dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>{body.tags?.length ? body.tags.join(', ') : 'none'}</dd>
        </div>
        <div>
          <dt>Difficulty</dt>
          <dd>{body.difficulty}</dd>
        </div>
        <div>
          <dt>Code-set year</dt>
          <dd>{body.codeSetYear}</dd>
        </div>
        <div>
          <dt>Scoring</dt>
          <dd>{body.scored === false ? 'Pretest (not scored)' : 'Scored'}</dd>
        </div>
        {body.type === 'multiple-response' && (
          <div>
            <dt>Students are told</dt>
            <dd>{body.select === null ? 'Select all that apply' : `Select ${body.select}`}</dd>
          </div>
        )}
        {(body.type === 'multiple-response' || body.type === 'fill-in') && (
          <div>
            <dt>Partly right answers</dt>
            <dd>{body.partialCredit === 'proportional' ? 'Partial credit' : 'All or nothing'}</dd>
          </div>
        )}
      </dl>
      <h3>Stem</h3>
      <p className="preview-text">{body.stem}</p>
      {body.type === 'scenario' ? (
        <>
          <h3>Case text</h3>
          <p className="preview-text">{body.caseText}</p>
          {body.subItems.map((sub, i) => (
            <section key={sub.id} className="read-only-sub">
              <h3>
                Sub-item {i + 1} ({sub.id}, {TYPE_NAMES[sub.type]})
              </h3>
              <p className="preview-text">{sub.stem}</p>
              <QuestionKey question={sub} />
              {sub.rationale && <p className="muted">Rationale: {sub.rationale}</p>}
            </section>
          ))}
        </>
      ) : (
        <QuestionKey question={body} />
      )}
      <h3>Rationale</h3>
      <p className="preview-text">{body.rationale}</p>
    </div>
  );
}
