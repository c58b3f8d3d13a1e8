/**
 * Horizontal percentage bars with the pass mark drawn across them. Plain HTML and CSS: every bar
 * carries its figure as text (so the list reads well aloud), and a table below gives the full
 * figures (points, items, answered).
 */
import type { ReactNode } from 'react';
import { formatPercent, formatPoints } from './format';
import './charts.css';

/**
 * A table that scrolls sideways inside its own region when it is wider than the screen (a
 * phone), so the page itself never does; the region takes keyboard focus so it can be scrolled
 * without a pointer.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-region" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

export interface BarRow {
  key: string;
  label: string;
  percent: number;
  earned: number;
  possible: number;
  items: number;
  answered: number;
}

export function BarChart({
  title,
  rowHeader,
  rows,
  passPercent,
  headingLevel = 2,
}: {
  title: string;
  /** The table's first column header ("Domain", "Section"). */
  rowHeader: string;
  rows: BarRow[];
  passPercent: number;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="bar-chart card" aria-label={title}>
      <Heading>{title}</Heading>
      <ul className="bar-list">
        {rows.map((row) => {
          const below = row.percent < passPercent;
          return (
            <li key={row.key} className="bar-row">
              <span className="bar-label">{row.label}</span>
              <span className="bar-track" aria-hidden="true">
                <span
                  className={below ? 'bar-fill bar-fill-below' : 'bar-fill'}
                  style={{ width: `${Math.min(100, Math.max(0, row.percent))}%` }}
                />
                <span className="bar-pass" style={{ left: `${passPercent}%` }} />
              </span>
              <span className="bar-value">
                {formatPercent(row.percent)}
                <span className="visually-hidden">
                  {below ? ' (below the pass mark)' : ' (at or above the pass mark)'}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <p className="chart-legend">
        The dashed line is the {formatPercent(passPercent)} pass mark; bars below it are red, bars at or above
        it green.
      </p>
      <details className="chart-table">
        <summary>{title} as a table</summary>
        {/* Named after its rows, not the chart: the chart's own region keeps its name to itself. */}
        <TableRegion label={`Figures per ${rowHeader.toLowerCase()}`}>
          <table className="chart-figures">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeader}</th>
                <th scope="col">Score</th>
                <th scope="col">Points</th>
                <th scope="col">Items</th>
                <th scope="col">Answered</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td>{formatPercent(row.percent)}</td>
                  <td>
                    {formatPoints(row.earned)} of {formatPoints(row.possible)}
                  </td>
                  <td>{row.items}</td>
                  <td>{row.answered}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </details>
    </section>
  );
}
