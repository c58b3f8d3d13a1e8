/** /staff/exams/new: build an exam from a preset or a custom blueprint, check the supply, save. */
import type { ExamMode } from '@coderprep/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { StoreApi } from 'zustand/vanilla';
import { plural } from '../../shared/plural';
import { Field, FieldError, fieldId, RequireRole, useOrgId, useStaffClient } from '../admin/common';
import { BlueprintEditor } from './BlueprintEditor';
import { controlId, labelOf, plainMessage } from './fieldPaths';
import { PresetSettingsPanel } from './PresetSettings';
import { SupplyPanel } from './SupplyPanel';
import { type BuilderState, createExamBuilderStore, readyToCheck, supplyBodyOf, useBuilder } from './store';
import { useBuilderErrors } from './useBuilderErrors';
import './exams.css';

const MODES: { mode: ExamMode; label: string; hint: string }[] = [
  { mode: 'exam', label: 'Exam', hint: 'timed; results and review after submission' },
  { mode: 'practice', label: 'Practice', hint: 'feedback and rationale after each item' },
  { mode: 'drill', label: 'Drill', hint: 'a short set for one weak area' },
];

/** How long the form rests before the supply is checked again. */
export const SUPPLY_CHECK_DELAY_MS = 400;

export function ExamBuilderPage() {
  return (
    <RequireRole roles={['admin', 'instructor']} what="Exams">
      <Builder />
    </RequireRole>
  );
}

function Builder() {
  const client = useStaffClient();
  const orgId = useOrgId();
  const navigate = useNavigate();
  const [store] = useState(() => createExamBuilderStore({ client, orgId }));
  const loadStatus = useBuilder(store, (s) => s.loadStatus);
  const source = useBuilder(store, (s) => s.source);
  const saving = useBuilder(store, (s) => s.saving);
  const confirmShortage = useBuilder(store, (s) => s.confirmShortage);
  const supplyBody = useBuilder(store, (s) => JSON.stringify(supplyBodyOf(s)));

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  // Check the supply again whenever the banks or the blueprint change (after a short rest), once
  // the blueprint is complete enough to check.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the supply body is what triggers a check
  useEffect(() => {
    if (store.getState().loadStatus !== 'ready' || !readyToCheck(store.getState())) return;
    const timer = setTimeout(() => void store.getState().checkSupply(), SUPPLY_CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, supplyBody]);

  async function save(evenIfShort: boolean) {
    const exam = await store.getState().save({ evenIfShort });
    if (exam) navigate('/staff/exams', { state: { created: exam.name } });
  }

  if (loadStatus === 'loading') return <p role="status">Loading presets and banks…</p>;
  return (
    <section className="page exam-builder" aria-labelledby="builder-title">
      <div className="page-header">
        <h1 id="builder-title">Build an exam</h1>
        <Link to="/staff/exams">Back to exams</Link>
      </div>
      <ErrorSummary store={store} />
      {loadStatus === 'ready' && (
        <form
          className="stack"
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void save(false);
          }}
        >
          <ExamFields store={store} />
          <BankPicker store={store} />
          <SourcePicker store={store} />
          {source === 'preset' ? <PresetSettingsPanel store={store} /> : <BlueprintEditor store={store} />}
          <SupplyPanel store={store} />
          {confirmShortage && (
            <div className="card shortage-confirm" role="alert">
              <p>
                The banks cannot fill this blueprint yet, so students could not start it. Add items to the
                banks or lower the counts, or save it anyway and fill the banks before you assign it.
              </p>
              <button
                type="button"
                className="button-danger"
                disabled={saving}
                onClick={() => void save(true)}
              >
                Save anyway
              </button>
            </div>
          )}
          <div className="button-row">
            <button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save exam'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The failure, and every field message with a link to its control. */
function ErrorSummary({ store }: { store: StoreApi<BuilderState> }) {
  const error = useBuilder(store, (s) => s.error);
  const saveErrors = useBuilder(store, (s) => s.saveErrors);
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(saveErrors);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  return (
    <div role="alert" className="alert-region">
      {error && (
        <div className="card error-summary" ref={ref} tabIndex={-1}>
          <p className="error">{error}</p>
          {entries.length > 0 && (
            <ul>
              {entries.map(([path, message]) => (
                <li key={path}>
                  <a href={`#${controlId(path)}`}>
                    {labelOf(path)}: {plainMessage(message)}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function ExamFields({ store }: { store: StoreApi<BuilderState> }) {
  const name = useBuilder(store, (s) => s.name);
  const mode = useBuilder(store, (s) => s.mode);
  const errors = useBuilderErrors(store);
  return (
    <fieldset className="card">
      <legend>Exam</legend>
      <div className="field-grid">
        <Field label="Exam name" path="name" errors={errors}>
          {(control) => (
            <input
              {...control}
              value={name}
              maxLength={200}
              onChange={(e) => store.getState().set({ name: e.target.value })}
            />
          )}
        </Field>
        <Field label="Mode" path="mode" errors={errors} hint={MODES.find((m) => m.mode === mode)?.hint}>
          {(control) => (
            <select
              {...control}
              value={mode}
              onChange={(e) => store.getState().set({ mode: e.target.value as ExamMode })}
            >
              {MODES.map((m) => (
                <option key={m.mode} value={m.mode}>
                  {m.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}

function BankPicker({ store }: { store: StoreApi<BuilderState> }) {
  const banks = useBuilder(store, (s) => s.banks);
  const bankIds = useBuilder(store, (s) => s.bankIds);
  const errors = useBuilderErrors(store);
  return (
    <fieldset
      className="card"
      id={fieldId('bankIds')}
      {...(errors.bankIds && { 'aria-describedby': `${fieldId('bankIds')}-error` })}
    >
      <legend>Banks to draw from</legend>
      {banks.length === 0 && (
        <p>
          This program has no question banks yet. <Link to="/staff/banks">Create or import a bank</Link>{' '}
          first.
        </p>
      )}
      <ul className="plain-list">
        {banks.map((bank) => (
          <li key={bank.id}>
            <label className="check-label">
              <input
                type="checkbox"
                checked={bankIds.includes(bank.id)}
                onChange={(e) => store.getState().toggleBank(bank.id, e.target.checked)}
              />
              {bank.name} <span className="muted">({plural(bank.itemCount, 'active item')})</span>
            </label>
          </li>
        ))}
      </ul>
      <FieldError errors={errors} path="bankIds" exact />
    </fieldset>
  );
}

function SourcePicker({ store }: { store: StoreApi<BuilderState> }) {
  const source = useBuilder(store, (s) => s.source);
  const presets = useBuilder(store, (s) => s.presets);
  const presetId = useBuilder(store, (s) => s.presetId);
  const errors = useBuilderErrors(store);
  return (
    <fieldset className="card" id={fieldId('presetId')}>
      <legend>Blueprint</legend>
      <div className="button-row" role="radiogroup" aria-label="Start from">
        <label className="check-label">
          <input
            type="radio"
            name="source"
            checked={source === 'preset'}
            onChange={() => store.getState().set({ source: 'preset' })}
          />
          From a preset
        </label>
        <label className="check-label">
          <input
            type="radio"
            name="source"
            checked={source === 'custom'}
            onChange={() => store.getState().set({ source: 'custom' })}
          />
          Custom blueprint
        </label>
      </div>
      {source === 'preset' && (
        <fieldset className="preset-list">
          <legend>Preset</legend>
          <ul className="plain-list">
            {presets.map((preset) => (
              <li key={preset.id}>
                <label className="check-label">
                  <input
                    type="radio"
                    name="preset"
                    value={preset.id}
                    checked={presetId === preset.id}
                    onChange={() => store.getState().choosePreset(preset.id)}
                  />
                  {preset.name}{' '}
                  <span className="muted">
                    ({plural(preset.itemCount, 'item')},{' '}
                    {preset.limitMinutes === null ? 'untimed' : plural(preset.limitMinutes, 'minute')})
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <FieldError errors={errors} path="presetId" exact />
      <FieldError errors={errors} path="blueprint" exact />
    </fieldset>
  );
}
