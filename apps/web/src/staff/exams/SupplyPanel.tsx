/**
 * The supply check, shown before saving: per domain, how many items the chosen banks hold
 * against how many the blueprint needs, with the engine's own shortage report.
 */
import type { SupplyReport } from '@coderprep/contracts';
import type { StoreApi } from 'zustand/vanilla';
import { plural } from '../../shared/plural';
import { type BuilderState, readyToCheck, supplyStale, useBuilder } from './store';

/** How many items a domain is short: the engine's count (after earlier rules took theirs) or the plain gap. */
export function domainShortfall(supply: SupplyReport, domain: string): number {
  const ruleDomain = (s: SupplyReport['shortages'][number]) =>
    supply.rules.find((r) => r.sectionId === s.sectionId && r.rule === s.rule)?.domain ?? null;
  const engine = supply.shortages.filter((s) => ruleDomain(s) === domain).reduce((n, s) => n + s.short, 0);
  const row = supply.domains.find((d) => d.domain === domain);
  return Math.max(engine, row ? row.needed - row.available : 0, 0);
}

export function SupplyPanel({ store }: { store: StoreApi<BuilderState> }) {
  const supply = useBuilder(store, (s) => s.supply);
  const status = useBuilder(store, (s) => s.supplyStatus);
  const stale = useBuilder(store, supplyStale);
  const hasBanks = useBuilder(store, (s) => s.bankIds.length > 0);
  const invalid = useBuilder(store, (s) => Object.keys(s.supplyErrors).length > 0);
  const failure = useBuilder(store, (s) => s.supplyError);
  const ready = useBuilder(store, readyToCheck);

  let summary: string;
  if (!hasBanks) summary = 'Choose at least one bank to see what it holds.';
  else if (status === 'checking') summary = 'Checking the banks…';
  else if (status === 'failed')
    summary = invalid
      ? 'The blueprint has problems: correct the marked fields to check the supply.'
      : `The supply could not be checked: ${failure ?? 'unknown error'}`;
  else if (!ready && (!supply || stale))
    summary =
      'Complete the blueprint to check the supply: every rule needs its domain or tag and a number of items.';
  else if (!supply) summary = 'The supply has not been checked yet.';
  else if (supply.ok) summary = `The banks can fill this exam: ${plural(supply.itemCount, 'item')}.`;
  else summary = 'The banks cannot fill this blueprint yet.';

  return (
    <section className="card supply" aria-labelledby="supply-title">
      <div className="page-header">
        <h2 id="supply-title">Items in the banks against the blueprint</h2>
        <button
          type="button"
          className="button-quiet"
          disabled={!hasBanks || status === 'checking'}
          onClick={() => void store.getState().checkSupply()}
        >
          Check supply
        </button>
      </div>
      <div role="status" className="supply-status">
        <p className={supply && !supply.ok && status !== 'checking' ? 'error' : undefined}>
          <strong>{summary}</strong>
          {stale && status !== 'checking' && ' (out of date: the form has changed since)'}
        </p>
        {supply && !supply.ok && supply.message && <p className="engine-message">{supply.message}</p>}
      </div>
      {supply && hasBanks && <SupplyTables supply={supply} />}
    </section>
  );
}

function SupplyTables({ supply }: { supply: SupplyReport }) {
  return (
    <>
      <div className="table-scroll">
        <table className="supply-table">
          <caption>Per domain: items the banks hold and items the blueprint needs</caption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Needed</th>
              <th scope="col">Available (scored)</th>
              <th scope="col">Pretest available</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {supply.domains.map((d) => {
              const short = domainShortfall(supply, d.domain);
              return (
                <tr key={d.domain} className={short > 0 ? 'row-short' : undefined}>
                  <th scope="row">{d.domain}</th>
                  <td>{d.needed}</td>
                  <td>{d.available}</td>
                  <td>{d.pretestAvailable}</td>
                  <td>
                    {short > 0 ? (
                      <strong className="error">Short by {short}</strong>
                    ) : d.needed > 0 ? (
                      <span className="ok">Enough</span>
                    ) : (
                      <span className="muted">Not drawn</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <details>
        <summary>Per draw rule</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Per draw rule: needed and available</caption>
            <thead>
              <tr>
                <th scope="col">Section</th>
                <th scope="col">Rule</th>
                <th scope="col">Needed</th>
                <th scope="col">Available</th>
                <th scope="col">Short</th>
              </tr>
            </thead>
            <tbody>
              {supply.rules.map((r) => (
                <tr key={`${r.sectionId}-${r.rule}`} className={r.short > 0 ? 'row-short' : undefined}>
                  <td>{r.sectionTitle}</td>
                  <td>{r.description}</td>
                  <td>{r.needed}</td>
                  <td>{r.available}</td>
                  <td>{r.short > 0 ? r.short : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
