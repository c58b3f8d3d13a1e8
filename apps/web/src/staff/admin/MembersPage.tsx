/** /admin/members: the program's members and roles; admins add, re-role and remove them. */
import type { Role } from '@coderprep/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { StoreApi } from 'zustand/vanilla';
import { useAuth } from '../../auth/context';
import { currentMembership } from '../../auth/store';
import {
  ConfirmButton,
  dateTime,
  ErrorAlert,
  Field,
  RequireRole,
  StatusMessage,
  useOrgId,
  useStaffClient,
} from './common';
import { createMembersStore, type MembersState, useMembers } from './store';

const ROLES: Role[] = ['admin', 'instructor', 'student'];

export function MembersPage() {
  return (
    <RequireRole roles={['admin']} what="Members and roles">
      <Members />
    </RequireRole>
  );
}

function Members() {
  const client = useStaffClient();
  const orgId = useOrgId();
  const [store] = useState(() => createMembersStore({ client, orgId }));
  const programName = useAuth((s) => currentMembership(s)?.organisationName);
  const status = useMembers(store, (s) => s.status);
  const error = useMembers(store, (s) => s.error);
  const message = useMembers(store, (s) => s.message);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  return (
    <section className="page" aria-labelledby="members-title">
      <div className="page-header">
        <h1 id="members-title">Members of {programName}</h1>
        <Link to="/programs/new">Create a training program</Link>
      </div>
      <ErrorAlert error={error} />
      <StatusMessage message={message} />
      {status === 'loading' && <p role="status">Loading members…</p>}
      {status === 'ready' && <MemberTable store={store} />}
      <AddMember store={store} />
    </section>
  );
}

function MemberTable({ store }: { store: StoreApi<MembersState> }) {
  const members = useMembers(store, (s) => s.members);
  const myId = useAuth((s) => s.me?.user.id);
  const reloadMe = useAuth((s) => s.load);
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Members and their roles</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Member since</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.userId}>
              <th scope="row">
                {member.name}
                {member.userId === myId && <span className="muted"> (you)</span>}
              </th>
              <td>{member.email}</td>
              <td>
                <Field label={`Role of ${member.name}`} hideLabel path="role" id={`role-${member.userId}`}>
                  {(control) => (
                    <select
                      {...control}
                      value={member.role}
                      onChange={async (event) => {
                        await store.getState().changeRole(member.userId, event.target.value as Role);
                        if (member.userId === myId) await reloadMe();
                      }}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </td>
              <td>{dateTime(member.joinedAt)}</td>
              <td>
                <ConfirmButton
                  label={`Remove ${member.name}`}
                  confirmLabel="Remove"
                  danger
                  question={`${member.name} loses access to this program and leaves all its cohorts. Their past attempts stay in the results.`}
                  onConfirm={() => store.getState().remove(member.userId)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddMember({ store }: { store: StoreApi<MembersState> }) {
  const errors = useMembers(store, (s) => s.addErrors);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    const ok = await store.getState().add(String(data.get('email')).trim(), data.get('role') as Role);
    setBusy(false);
    if (ok) form.reset();
  }
  return (
    <form className="card inline-form" onSubmit={submit} aria-labelledby="add-member-title" noValidate>
      <h2 id="add-member-title" className="form-title">
        Add an existing account
      </h2>
      <Field label="Email" path="email" id="member-email" errors={errors}>
        {(control) => <input {...control} name="email" type="email" autoComplete="off" required />}
      </Field>
      <Field label="Role" path="role" id="member-role" errors={errors}>
        {(control) => (
          <select {...control} name="role" defaultValue="student">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={busy}>
        Add member
      </button>
      <p className="muted form-note">
        They need an account first: ask them to sign up with this email, then add them here.
      </p>
    </form>
  );
}
