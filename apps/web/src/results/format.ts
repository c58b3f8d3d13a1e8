/**
 * How the student pages write dates, durations, percentages (domain names: shared/domains.ts). Dates use the
 * browser's locale and always name the time zone, so a window that closes "at 17:00" is never
 * read in the wrong zone.
 */

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** A moment (UTC milliseconds) as a date and time in the browser's locale, with its time zone. */
export const formatDateTime = (ms: number): string => dateTimeFormat.format(ms);

/** A moment as a date only (chart axes). */
export const formatDate = (ms: number): string => dateFormat.format(ms);

/** A moment as the machine-readable value of a <time> element. */
export const isoOf = (ms: number): string => new Date(ms).toISOString();

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/**
 * A server message with its ISO instants ("closes, at 2026-05-01T17:00:00.000Z") rewritten in the
 * browser's locale and zone.
 */
export function localiseInstants(message: string): string {
  return message.replace(ISO_INSTANT, (iso) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : formatDateTime(ms);
  });
}

/** A percentage as people write it: whole numbers plain, others with one decimal. */
export function formatPercent(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

/** Points, which may be fractional (partial credit), with at most two decimals. */
export function formatPoints(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A duration: "1 h 05 min", "12 min 30 s", "45 s". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  return `${seconds} s`;
}

/** A time limit in minutes: "4 h", "1 h 30 min", "45 min"; null is untimed. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return 'Untimed';
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The mode of an attempt as a student reads it. */
export function modeLabel(mode: 'exam' | 'practice' | 'drill'): string {
  return mode === 'exam' ? 'Exam' : mode === 'practice' ? 'Practice' : 'Drill';
}
