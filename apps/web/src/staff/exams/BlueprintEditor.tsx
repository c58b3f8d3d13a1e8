/**
 * The custom blueprint editor: the clock, the pass mark and warnings, then sections with their
 * draw rules (a domain or a tag, a count, item types). Every control carries the server path of
 * its field so that a refused save marks the right one.
 */
import { useMemo, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { Field, FieldError, fieldId } from '../admin/common';
import {
  type BuilderState,
  ITEM_TYPES,
  type ItemType,
  type RuleDraft,
  type SectionDraft,
  useBuilder,
} from './store';
import { useBuilderErrors } from './useBuilderErrors';

const TYPE_LABELS: Record<ItemType, string> = {
  'multiple-choice': 'Multiple choice',
  'multiple-response': 'Multiple response',
  'fill-in': 'Fill-in',
  scenario: 'Scenario',
};

type Errors = Record<string, string>;

export function BlueprintEditor({ store }: { store: StoreApi<BuilderState> }) {
  const custom = useBuilder(store, (s) => s.custom);
  const presets = useBuilder(store, (s) => s.presets);
  const supply = useBuilder(store, (s) => s.supply);
  const errors = useBuilderErrors(store);
  const [copyFrom, setCopyFrom] = useState(presets[0]?.id ?? '');
  const { setCustom, addSection } = store.getState();
  const domains = useMemo(() => {
    const all = new Set<string>();
    for (const preset of presets) for (const { domain } of preset.domainCounts) all.add(domain);
    for (const { domain } of supply?.domains ?? []) all.add(domain);
    return [...all].sort();
  }, [presets, supply]);

  return (
    <fieldset className="card blueprint-editor">
      <legend>Custom blueprint</legend>
      {presets.length > 0 && (
        <div className="inline-form">
          <Field label="Start from a copy of" path="copyFrom" id="copy-preset">
            {(control) => (
              <select {...control} value={copyFrom} onChange={(e) => setCopyFrom(e.target.value)}>
                {presets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              const preset = presets.find((p) => p.id === copyFrom);
              if (preset) store.getState().copyPreset(preset.id);
            }}
          >
            Copy into the editor
          </button>
        </div>
      )}
      <div className="field-grid">
        <Field label="Clock" path="blueprint.clock.mode" errors={errors}>
          {(control) => (
            <select
              {...control}
              value={custom.clockMode}
              onChange={(e) => setCustom({ clockMode: e.target.value as 'shared' | 'per-section' })}
            >
              <option value="shared">One clock for the whole exam</option>
              <option value="per-section">A time budget per section</option>
            </select>
          )}
        </Field>
        <Field
          label={custom.clockMode === 'shared' ? 'Time limit (minutes)' : 'Overall cap (minutes)'}
          path="blueprint.clock.limitMinutes"
          errors={errors}
          hint={
            custom.clockMode === 'shared'
              ? 'Empty = untimed (practice and drills only).'
              : 'Empty = the sum of the section budgets.'
          }
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              step="any"
              value={custom.limitMinutes}
              onChange={(e) => setCustom({ limitMinutes: e.target.value })}
            />
          )}
        </Field>
        <Field label="Pass mark (%)" path="blueprint.passPercent" errors={errors}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={100}
              step="any"
              value={custom.passPercent}
              onChange={(e) => setCustom({ passPercent: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Warnings (minutes left)"
          path="blueprint.warningMinutes"
          errors={errors}
          hint="Separate several with commas. Leave empty for none."
        >
          {(control) => (
            <input
              {...control}
              value={custom.warningMinutes}
              onChange={(e) => setCustom({ warningMinutes: e.target.value })}
            />
          )}
        </Field>
      </div>
      <datalist id="domain-options">
        {domains.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <h2 id={fieldId('blueprint.sections')}>Sections</h2>
      <FieldError errors={errors} path="blueprint.sections" exact />
      {custom.sections.map((section, index) => (
        <SectionEditor
          key={section.key}
          store={store}
          section={section}
          index={index}
          errors={errors}
          perSection={custom.clockMode === 'per-section'}
          removable={custom.sections.length > 1}
        />
      ))}
      <div>
        <button type="button" className="button-quiet" onClick={addSection}>
          Add section
        </button>
      </div>
    </fieldset>
  );
}

function SectionEditor({
  store,
  section,
  index,
  errors,
  perSection,
  removable,
}: {
  store: StoreApi<BuilderState>;
  section: SectionDraft;
  index: number;
  errors: Errors;
  perSection: boolean;
  removable: boolean;
}) {
  const base = `blueprint.sections.${index}`;
  const { updateSection, removeSection, addRule } = store.getState();
  const update = (patch: Partial<SectionDraft>) => updateSection(section.key, patch);
  const name = `Section ${index + 1}`;
  return (
    <fieldset className="section-editor">
      <legend>{name}</legend>
      <div className="field-grid">
        <Field label="Title" path={`${base}.title`} errors={errors}>
          {(control) => (
            <input {...control} value={section.title} onChange={(e) => update({ title: e.target.value })} />
          )}
        </Field>
        <Field
          label={perSection ? 'Minutes (budget)' : 'Minutes (pacing, optional)'}
          path={`${base}.minutes`}
          errors={errors}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              step="any"
              value={section.minutes}
              onChange={(e) => update({ minutes: e.target.value })}
            />
          )}
        </Field>
        <Field label="Pretest items (unscored)" path={`${base}.pretestCount`} errors={errors}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              step={1}
              value={section.pretestCount}
              onChange={(e) => update({ pretestCount: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="button-row">
        <label className="check-label">
          <input
            type="checkbox"
            checked={section.mayReturn}
            onChange={(e) => update({ mayReturn: e.target.checked })}
          />
          Students may return to it
        </label>
        <label className="check-label">
          <input
            type="checkbox"
            checked={section.shuffleItems}
            onChange={(e) => update({ shuffleItems: e.target.checked })}
          />
          Shuffle items
        </label>
        <label className="check-label">
          <input
            type="checkbox"
            checked={section.shuffleOptions}
            onChange={(e) => update({ shuffleOptions: e.target.checked })}
          />
          Shuffle options
        </label>
      </div>
      <h3 id={fieldId(`${base}.rules`)}>Draw rules</h3>
      <FieldError errors={errors} path={`${base}.rules`} exact />
      {section.rules.map((rule, r) => (
        <RuleEditor
          key={rule.key}
          store={store}
          sectionKey={section.key}
          rule={rule}
          base={`${base}.rules.${r}`}
          label={`Rule ${r + 1}`}
          removeLabel={`Remove rule ${r + 1} of ${name.toLowerCase()}`}
          errors={errors}
        />
      ))}
      <div className="button-row">
        <button type="button" className="button-quiet" onClick={() => addRule(section.key)}>
          Add rule to {name.toLowerCase()}
        </button>
        {removable && (
          <button
            type="button"
            className="button-quiet danger-text"
            onClick={() => removeSection(section.key)}
          >
            Remove {name.toLowerCase()}
          </button>
        )}
      </div>
    </fieldset>
  );
}

function RuleEditor({
  store,
  sectionKey,
  rule,
  base,
  label,
  removeLabel,
  errors,
}: {
  store: StoreApi<BuilderState>;
  sectionKey: string;
  rule: RuleDraft;
  base: string;
  label: string;
  removeLabel: string;
  errors: Errors;
}) {
  const { updateRule, removeRule } = store.getState();
  const update = (patch: Partial<RuleDraft>) => updateRule(sectionKey, rule.key, patch);
  const valuePath = `${base}.${rule.by === 'tag' ? 'tag' : 'domain'}`;
  return (
    <fieldset className="rule-editor">
      <legend>{label}</legend>
      <div className="field-grid">
        <Field label="Draw by" path={`${base}.by`} id={`${fieldId(base)}-by`}>
          {(control) => (
            <select
              {...control}
              value={rule.by}
              onChange={(e) => update({ by: e.target.value as RuleDraft['by'] })}
            >
              <option value="domain">Domain</option>
              <option value="tag">Tag</option>
              <option value="any">Any domain</option>
            </select>
          )}
        </Field>
        {rule.by !== 'any' && (
          <Field label={rule.by === 'domain' ? 'Domain' : 'Tag'} path={valuePath} errors={errors}>
            {(control) => (
              <input
                {...control}
                value={rule.value}
                {...(rule.by === 'domain' && { list: 'domain-options' })}
                onChange={(e) => update({ value: e.target.value })}
              />
            )}
          </Field>
        )}
        <Field label="Items" path={`${base}.count`} errors={errors}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              step={1}
              value={rule.count}
              onChange={(e) => update({ count: e.target.value })}
            />
          )}
        </Field>
      </div>
      <fieldset className="types" id={fieldId(`${base}.types`)}>
        <legend>Item types (none ticked = any type)</legend>
        <div className="button-row">
          {ITEM_TYPES.map((type) => (
            <label key={type} className="check-label">
              <input
                type="checkbox"
                checked={rule.types.includes(type)}
                onChange={(e) =>
                  update({
                    types: e.target.checked ? [...rule.types, type] : rule.types.filter((t) => t !== type),
                  })
                }
              />
              {TYPE_LABELS[type]}
            </label>
          ))}
        </div>
        <FieldError errors={errors} path={`${base}.types`} exact />
      </fieldset>
      <div>
        <button
          type="button"
          className="button-quiet danger-text"
          onClick={() => removeRule(sectionKey, rule.key)}
        >
          {removeLabel}
        </button>
      </div>
    </fieldset>
  );
}
