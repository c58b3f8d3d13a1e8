/** The roster: add people by email, take them out, and set each student's accommodations. */
import type { CohortMember, CohortRole } from '@coderprep/contracts';
import { type FormEvent, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { ConfirmButton, Field, FieldError } from '../admin/common';
import { type CohortState, useCohort } from './store';

/** The usual time factors; anything else (1 to 4) is a custom one. */
export const TIME_FACTORS = [1, 1.25, 1.5, 2] as const;
const TIME_FACTOR_MAX = 4;
const EXTRA_ATTEMPTS_MAX = 20;

export function Roster({ store }: { store: StoreApi<CohortState> }) {
  const roster = useCohort(store, (s) => s.roster);
  return (
    <section className="card" aria-labelledby="roster-title">
      <h2 id="roster-title">Roster</h2>
      {roster.length === 0 ? (
        <p>Nobody is in this cohort yet. Share the join code, or add people by email below.</p>
      ) : (
        <div className="table-scroll">
          <table className="roster">
            <caption className="visually-hidden">Members of the cohort with their accommodations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Time factor</th>
                <th scope="col">Extra attempts</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {roster.map((member) => (
                <MemberRow
                  // A saved change gives the row fresh values to edit from.
                  key={`${member.userId}:${member.timeFactor}:${member.extraAttempts}`}
                  store={store}
                  member={member}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddToCohort store={store} />
    </section>
  );
}

function MemberRow({ store, member }: { store: StoreApi<CohortState>; member: CohortMember }) {
  const errors = useCohort(store, (s) => s.accommodationErrors[member.userId]);
  const preset = (TIME_FACTORS as readonly number[]).includes(member.timeFactor);
  const [choice, setChoice] = useState(preset ? String(member.timeFactor) : 'custom');
  const [custom, setCustom] = useState(String(member.timeFactor));
  const [extra, setExtra] = useState(String(member.extraAttempts));
  const [busy, setBusy] = useState(false);
  const student = member.role === 'student';
  const factorText = choice === 'custom' ? custom : choice;
  const dirty = Number(factorText) !== member.timeFactor || Number(extra) !== member.extraAttempts;
  const fieldErrors = errors ?? {};
  const idBase = `m-${member.userId}`;

  async function save() {
    const body: { timeFactor?: number; extraAttempts?: number } = {};
    if (Number(factorText) !== member.timeFactor)
      body.timeFactor = factorText.trim() === '' ? Number.NaN : Number(factorText);
    if (Number(extra) !== member.extraAttempts)
      body.extraAttempts = extra.trim() === '' ? Number.NaN : Number(extra);
    setBusy(true);
    await store.getState().setAccommodations(member.userId, body);
    setBusy(false);
  }

  return (
    <tr>
      <th scope="row">{member.name}</th>
      <td>{member.email}</td>
      <td>{member.role}</td>
      {student ? (
        <>
          <td>
            <div className="accommodation">
              <Field
                label={`Time factor for ${member.name}`}
                hideLabel
                path="timeFactorChoice"
                id={`${idBase}-time-choice`}
              >
                {(control) => (
                  <select {...control} value={choice} onChange={(e) => setChoice(e.target.value)}>
                    {TIME_FACTORS.map((f) => (
                      <option key={f} value={String(f)}>
                        {f === 1 ? 'Standard (1×)' : `${f}×`}
                      </option>
                    ))}
                    <option value="custom">Custom…</option>
                  </select>
                )}
              </Field>
              {choice === 'custom' ? (
                <Field
                  label={`Custom time factor for ${member.name}`}
                  hideLabel
                  path="timeFactor"
                  id={`${idBase}-time-factor`}
                  errors={fieldErrors}
                >
                  {(control) => (
                    <input
                      {...control}
                      type="number"
                      min={1}
                      max={TIME_FACTOR_MAX}
                      step={0.05}
                      className="small-number"
                      value={custom}
                      onChange={(e) => setCustom(e.target.value)}
                    />
                  )}
                </Field>
              ) : (
                <FieldError errors={fieldErrors} path="timeFactor" />
              )}
            </div>
          </td>
          <td>
            <Field
              label={`Extra attempts for ${member.name}`}
              hideLabel
              path="extraAttempts"
              id={`${idBase}-extra-attempts`}
              errors={fieldErrors}
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  min={0}
                  max={EXTRA_ATTEMPTS_MAX}
                  step={1}
                  className="small-number"
                  value={extra}
                  onChange={(e) => setExtra(e.target.value)}
                />
              )}
            </Field>
          </td>
        </>
      ) : (
        <td colSpan={2} className="muted">
          Instructors take no exams here
        </td>
      )}
      <td>
        <div className="row-actions">
          {student && (
            <button
              type="button"
              aria-label={`Save accommodations for ${member.name}`}
              disabled={!dirty || busy}
              onClick={() => void save()}
            >
              Save
            </button>
          )}
          <ConfirmButton
            label={`Remove ${member.name}`}
            confirmLabel="Remove from cohort"
            danger
            question={`${member.name} leaves the cohort and no longer sees its assignments. Attempts already made stay in the results.`}
            onConfirm={() => store.getState().removeMember(member.userId)}
          />
        </div>
      </td>
    </tr>
  );
}

function AddToCohort({ store }: { store: StoreApi<CohortState> }) {
  const errors = useCohort(store, (s) => s.addErrors);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    const ok = await store
      .getState()
      .addMember(String(data.get('email')).trim(), data.get('role') as CohortRole);
    setBusy(false);
    if (ok) form.reset();
  }
  return (
    <form
      className="inline-form add-to-cohort"
      onSubmit={submit}
      aria-labelledby="add-cohort-title"
      noValidate
    >
      <h3 id="add-cohort-title" className="form-title">
        Add someone by email
      </h3>
      <Field label="Email" path="email" id="cohort-member-email" errors={errors}>
        {(control) => <input {...control} name="email" type="email" autoComplete="off" required />}
      </Field>
      <Field label="As" path="role" id="cohort-member-role" errors={errors}>
        {(control) => (
          <select {...control} name="role" defaultValue="student">
            <option value="student">student</option>
            <option value="instructor">instructor</option>
          </select>
        )}
      </Field>
      <button type="submit" disabled={busy}>
        Add to cohort
      </button>
    </form>
  );
}
