/**
 * Scores over time: a small SVG line chart with the pass line, drawn at the container's real
 * width (so its text stays readable on a phone), followed by the same figures as a table.
 */
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { formatDate, formatDateTime, formatPercent, isoOf, modeLabel } from '../results/format';

export interface ScorePoint {
  id: string;
  at: number;
  percent: number;
  passed: boolean;
  examName: string;
  mode: 'exam' | 'practice' | 'drill';
}

const HEIGHT = 220;
const MARGIN = { top: 12, right: 16, bottom: 30, left: 44 };
const TICKS = [0, 25, 50, 75, 100];

/** The container's width in pixels, following resizes (a default where layout is unavailable). */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      if (element.clientWidth > 0) setWidth(element.clientWidth);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export function ScoreChart({ points, passPercent = 70 }: { points: ScorePoint[]; passPercent?: number }) {
  const { ref, width } = useWidth(560);
  const id = useId();
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return null;

  const innerWidth = Math.max(120, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const span = last.at - first.at;
  // Spaced by time; a single attempt (or several at one moment) sits in the middle.
  const x = (at: number) => MARGIN.left + (span > 0 ? ((at - first.at) / span) * innerWidth : innerWidth / 2);
  const y = (percent: number) =>
    MARGIN.top + innerHeight - (Math.min(100, Math.max(0, percent)) / 100) * innerHeight;
  const line = sorted.map((p) => `${x(p.at).toFixed(1)},${y(p.percent).toFixed(1)}`).join(' ');
  const best = Math.max(...sorted.map((p) => p.percent));
  const passedCount = sorted.filter((p) => p.passed).length;
  const summary =
    `${sorted.length} scored attempt${sorted.length === 1 ? '' : 's'} from ${formatDate(first.at)} to ` +
    `${formatDate(last.at)}. Latest ${formatPercent(last.percent)}, best ${formatPercent(best)}; ` +
    `${passedCount} at or above the ${formatPercent(passPercent)} pass mark.`;

  return (
    <figure className="score-chart">
      <div ref={ref} className="score-chart-canvas">
        <svg
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
        >
          <title id={`${id}-title`}>Scores over time</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          {TICKS.map((tick) => (
            <g key={tick}>
              <line
                x1={MARGIN.left}
                x2={MARGIN.left + innerWidth}
                y1={y(tick)}
                y2={y(tick)}
                className="chart-grid"
              />
              <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="chart-axis">
                {tick}%
              </text>
            </g>
          ))}
          <line
            x1={MARGIN.left}
            x2={MARGIN.left + innerWidth}
            y1={y(passPercent)}
            y2={y(passPercent)}
            className="chart-pass-line"
          />
          <text
            x={MARGIN.left + innerWidth}
            y={y(passPercent)}
            dy="-0.4em"
            textAnchor="end"
            className="chart-pass-label"
          >
            Pass {formatPercent(passPercent)}
          </text>
          {sorted.length > 1 && <polyline points={line} className="chart-line" />}
          {sorted.map((p) => (
            <circle
              key={p.id}
              cx={x(p.at)}
              cy={y(p.percent)}
              r={5}
              className={p.passed ? 'chart-point chart-point-passed' : 'chart-point chart-point-failed'}
            />
          ))}
          <text x={MARGIN.left} y={HEIGHT - 8} className="chart-axis">
            {formatDate(first.at)}
          </text>
          {span > 0 && (
            <text x={MARGIN.left + innerWidth} y={HEIGHT - 8} textAnchor="end" className="chart-axis">
              {formatDate(last.at)}
            </text>
          )}
        </svg>
      </div>
      <figcaption className="chart-legend">
        Filled dots passed, hollow dots did not; the dashed line is the {formatPercent(passPercent)} pass
        mark.
      </figcaption>
      <details className="chart-table">
        <summary>Scores over time as a table</summary>
        <table>
          <caption className="visually-hidden">Scores over time</caption>
          <thead>
            <tr>
              <th scope="col">Submitted</th>
              <th scope="col">Exam</th>
              <th scope="col">Score</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr key={p.id}>
                <td>
                  <time dateTime={isoOf(p.at)}>{formatDateTime(p.at)}</time>
                </td>
                <td>
                  {p.examName}
                  {p.mode !== 'exam' && ` (${modeLabel(p.mode)})`}
                </td>
                <td>{formatPercent(p.percent)}</td>
                <td>{p.passed ? 'Passed' : 'Not passed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
