/** The cohort's assignments: an exam in a window, an attempt limit and a review policy. */
import type { ReviewPolicy } from '@coderprep/contracts';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { StoreApi } from 'zustand/vanilla';
import { plural } from '../../shared/plural';
import { ConfirmButton, dateTime, Field } from '../admin/common';
import { type CohortState, useCohort } from './store';
import { localInputToUtcMs, localTimeZone } from './time';

export const REVIEW_LABELS: Record<ReviewPolicy, string> = {
  'after-submit': 'Right after submitting',
  'after-close': 'After the window closes',
  never: 'Never',
};

export function Assignments({ store }: { store: StoreApi<CohortState> }) {
  const assignments = useCohort(store, (s) => s.assignments);
  return (
    <section className="card" aria-labelledby="assignments-title">
      <h2 id="assignments-title">Assignments</h2>
      {assignments.length === 0 ? (
        <p>No assignments yet: assign an exam below.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Assignments of the cohort</caption>
            <thead>
              <tr>
                <th scope="col">Exam</th>
                <th scope="col">Opens</th>
                <th scope="col">Closes</th>
                <th scope="col">Attempts allowed</th>
                <th scope="col">Review</th>
                <th scope="col">Attempts made</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.examName} <span className="muted">({a.examMode})</span>
                  </th>
                  <td>{dateTime(a.opensAt)}</td>
                  <td>{dateTime(a.closesAt)}</td>
                  <td>{a.attemptLimit}</td>
                  <td>{REVIEW_LABELS[a.reviewPolicy]}</td>
                  <td>{a.attemptCount}</td>
                  <td>
                    <div className="row-actions">
                      <Link to={`/staff/assignments/${a.id}/results`} aria-label={`Results of ${a.examName}`}>
                        Results
                      </Link>
                      {a.attemptCount === 0 && (
                        <ConfirmButton
                          label="Delete"
                          name={`Delete assignment of ${a.examName}`}
                          confirmLabel="Delete"
                          danger
                          question="Nobody has attempted it yet: it disappears from the students’ lists."
                          onConfirm={() => store.getState().removeAssignment(a.id)}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AssignForm store={store} />
    </section>
  );
}

function AssignForm({ store }: { store: StoreApi<CohortState> }) {
  const exams = useCohort(store, (s) => s.exams);
  const serverErrors = useCohort(store, (s) => s.assignErrors);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const errors = { ...serverErrors, ...localErrors };
  const zoneHint = `Your local time (${localTimeZone()})`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const opensAt = localInputToUtcMs(String(data.get('opensAt') ?? ''));
    const closesAt = localInputToUtcMs(String(data.get('closesAt') ?? ''));
    const problems: Record<string, string> = {};
    if (!data.get('examId')) problems.examId = 'choose an exam';
    if (opensAt === null) problems.opensAt = 'enter the date and time it opens';
    if (closesAt === null) problems.closesAt = 'enter the date and time it closes';
    else if (opensAt !== null && closesAt <= opensAt) problems.closesAt = 'must be after the opening time';
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0 || opensAt === null || closesAt === null) return;
    setBusy(true);
    const ok = await store.getState().createAssignment({
      examId: String(data.get('examId')),
      opensAt,
      closesAt,
      attemptLimit: Number(data.get('attemptLimit')),
      reviewPolicy: data.get('reviewPolicy') as ReviewPolicy,
    });
    setBusy(false);
    if (ok) form.reset();
  }

  return (
    <form className="assign-form" onSubmit={submit} aria-labelledby="assign-title" noValidate>
      <h3 id="assign-title">Assign an exam</h3>
      {exams.length === 0 ? (
        <p>
          There is no exam to assign yet. <Link to="/staff/exams/new">Build an exam</Link> first.
        </p>
      ) : (
        <>
          <div className="field-grid">
            <Field
              label="Exam"
              path="examId"
              id="assign-exam"
              errors={errors}
              className="field assign-exam-field"
            >
              {(control) => (
                <select {...control} name="examId" defaultValue="" required>
                  <option value="" disabled>
                    Choose an exam
                  </option>
                  {exams.map((exam) => (
                    <option key={exam.id} value={exam.id}>
                      {exam.name} ({exam.mode}, {plural(exam.itemCount, 'item')})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Opens" path="opensAt" id="assign-opens" errors={errors} hint={zoneHint}>
              {(control) => <input {...control} name="opensAt" type="datetime-local" required />}
            </Field>
            <Field label="Closes" path="closesAt" id="assign-closes" errors={errors} hint={zoneHint}>
              {(control) => <input {...control} name="closesAt" type="datetime-local" required />}
            </Field>
            <Field label="Attempts allowed" path="attemptLimit" id="assign-attempts" errors={errors}>
              {(control) => (
                <input
                  {...control}
                  name="attemptLimit"
                  type="number"
                  min={1}
                  max={20}
                  step={1}
                  defaultValue={1}
                />
              )}
            </Field>
            <Field
              label="Students see keys and rationales"
              path="reviewPolicy"
              id="assign-review"
              errors={errors}
            >
              {(control) => (
                <select {...control} name="reviewPolicy" defaultValue="after-submit">
                  {Object.entries(REVIEW_LABELS).map(([policy, label]) => (
                    <option key={policy} value={policy}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <p className="hint">Extra attempts and extra time per student are set in the roster.</p>
          <div>
            <button type="submit" disabled={busy}>
              Assign exam
            </button>
          </div>
        </>
      )}
    </form>
  );
}
