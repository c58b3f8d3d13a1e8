/**
 * A count with its noun: "1 item", "3 items", "0 items". The plural is the singular + "s"
 * unless given ("1 child", "2 children").
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Just the noun for a count: "item" or "items" (for "1 of 5 items" where the count is elsewhere). */
export function noun(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}
