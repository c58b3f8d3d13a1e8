/** Window times: typed in the reader's local time, sent and stored as UTC milliseconds. */

/** "2027-03-01T09:30" (a datetime-local value, local time) -> UTC ms; null when empty or invalid. */
export function localInputToUtcMs(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(y as number, (mo as number) - 1, d, h, mi, s || 0);
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}

/** UTC ms -> a datetime-local value in local time. */
export function utcMsToLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The reader's time zone, to say which clock the inputs use. */
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
