/** /programs/new: anyone signed in may start a training program and becomes its admin. */
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { fieldErrors } from '../../api/client';
import { useAuth } from '../../auth/context';
import { adminApi } from './api';
import { ErrorAlert, errorMessage, Field, useStaffClient } from './common';

export function NewProgramPage() {
  const client = useStaffClient();
  const reloadMe = useAuth((s) => s.load);
  const selectOrganisation = useAuth((s) => s.selectOrganisation);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name')).trim();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const program = await adminApi(client).createProgram(name);
      await reloadMe();
      selectOrganisation(program.id);
      navigate('/admin/members');
    } catch (e) {
      setErrors(fieldErrors(e));
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="staff-area">
      <section className="page narrow-page" aria-labelledby="new-program-title">
        <h1 id="new-program-title">Create a training program</h1>
        <p>
          A training program holds your question banks, exams and cohorts. You become its admin and can invite
          instructors and students.
        </p>
        <form className="card stack" onSubmit={submit} noValidate>
          <Field label="Program name" path="name" id="program-name" errors={errors}>
            {(control) => <input {...control} name="name" required maxLength={200} />}
          </Field>
          <ErrorAlert error={error} />
          <div>
            <button type="submit" disabled={busy}>
              {busy ? 'Creating…' : 'Create program'}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
