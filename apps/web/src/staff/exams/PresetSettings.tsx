/** A preset's settings: the facts public sources leave open, editable before the exam is saved. */

import type { SupplyReport } from '@coderprep/contracts';
import type { StoreApi } from 'zustand/vanilla';
import { Field, FieldError } from '../admin/common';
import { domainShortfall } from './SupplyPanel';
import { type BuilderState, supplyStale, useBuilder } from './store';
import { useBuilderErrors } from './useBuilderErrors';

export function PresetSettingsPanel({ store }: { store: StoreApi<BuilderState> }) {
  const presets = useBuilder(store, (s) => s.presets);
  const presetId = useBuilder(store, (s) => s.presetId);
  const settings = useBuilder(store, (s) => s.settings);
  const errors = useBuilderErrors(store);
  const supply = useBuilder(store, (s) => (supplyStale(s) ? null : s.supply));
  const preset = presets.find((p) => p.id === presetId);
  if (!preset) return null;
  const perSection = preset.blueprint.clock.mode === 'per-section';
  const { setSetting, setDomainCount } = store.getState();

  return (
    <fieldset className="card">
      <legend>Settings of the {preset.name}</legend>
      {preset.uncertainties.length > 0 && (
        <div className="uncertain">
          <p className="uncertain-title">Not confirmed by public sources</p>
          <p>These are this platform’s assumptions. Adjust the settings below if you know better.</p>
          <ul>
            {preset.uncertainties.map((fact) => (
              <li key={fact}>{fact}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="field-grid">
        <Field
          label="Time limit (minutes)"
          path="overrides.limitMinutes"
          errors={errors}
          hint={
            perSection
              ? `Caps the whole exam; each part keeps its own budget (${preset.blueprint.sections
                  .map((s) => `${s.title}: ${s.minutes ?? '—'} min`)
                  .join(', ')}).`
              : 'Leave empty for an untimed exam (practice mode only).'
          }
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              step="any"
              inputMode="decimal"
              value={settings.limitMinutes}
              onChange={(e) => setSetting({ limitMinutes: e.target.value })}
            />
          )}
        </Field>
        <Field label="Pass mark (%)" path="overrides.passPercent" errors={errors}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={100}
              step="any"
              value={settings.passPercent}
              onChange={(e) => setSetting({ passPercent: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Warnings (minutes left)"
          path="overrides.warningMinutes"
          errors={errors}
          hint="Separate several with commas, e.g. 30, 10. Leave empty for none."
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={settings.warningMinutes}
              onChange={(e) => setSetting({ warningMinutes: e.target.value })}
            />
          )}
        </Field>
      </div>
      <FieldError errors={errors} path="overrides" exact />
      <div className="table-scroll">
        <table className="domain-counts">
          <caption>Items drawn per domain</caption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Preset</th>
              <th scope="col">Items to draw</th>
              <th scope="col">In the banks</th>
            </tr>
          </thead>
          <tbody>
            {preset.domainCounts.map(({ domain, count }) => {
              const path = `overrides.domainCounts.${domain}`;
              return (
                <tr key={domain}>
                  <th scope="row">{domain}</th>
                  <td>{count}</td>
                  <td>
                    <Field label={`Items from ${domain}`} hideLabel path={path} errors={errors}>
                      {(control) => (
                        <input
                          {...control}
                          type="number"
                          min={1}
                          step={1}
                          className="count-input"
                          value={settings.domainCounts[domain] ?? String(count)}
                          onChange={(e) => setDomainCount(domain, e.target.value)}
                        />
                      )}
                    </Field>
                  </td>
                  <td>
                    <BankSupply supply={supply} domain={domain} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** What the chosen banks hold for a domain, next to its count (blank until the supply is checked). */
function BankSupply({ supply, domain }: { supply: SupplyReport | null; domain: string }) {
  const row = supply?.domains.find((d) => d.domain === domain);
  if (!supply || !row) return <span className="muted">—</span>;
  const short = domainShortfall(supply, domain);
  return (
    <>
      {row.available}
      {short > 0 && (
        <>
          {' '}
          <strong className="error">(short by {short})</strong>
        </>
      )}
    </>
  );
}
