/** Small pure helpers of the exam screen: how complete an answer is, option letters, time. */
import type { BlankResponse, ExamResponse, Question, StudentItem, SubResponse } from './api';

export type Completion = 'answered' | 'partly answered' | 'unanswered';

const filled = (value: string | undefined) => value !== undefined && value.trim() !== '';

/** Whether one blank has something typed in it. */
export function blankFilled(value: BlankResponse | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return filled(value);
  if (Array.isArray(value)) return value.some((v) => filled(v));
  return filled(value.code) || filled(value.modifiers) || filled(value.units);
}

/** How complete the answer to one question (an item or a sub-item) is. */
function questionCompletion(question: Question, response: SubResponse | undefined): Completion {
  if (!response || response.type !== question.type) return 'unanswered';
  if (response.type === 'multiple-choice') return response.choice ? 'answered' : 'unanswered';
  if (response.type === 'multiple-response') return response.choices.length > 0 ? 'answered' : 'unanswered';
  if (question.type !== 'fill-in') return 'unanswered';
  const done = question.blanks.filter((b) => blankFilled(response.blanks[b.id])).length;
  return done === 0 ? 'unanswered' : done === question.blanks.length ? 'answered' : 'partly answered';
}

/** How complete the answer to an item is: a scenario is answered when every sub-question is. */
export function completion(item: StudentItem, response: ExamResponse | null | undefined): Completion {
  if (item.type !== 'scenario')
    return questionCompletion(item, response?.type === 'scenario' ? undefined : (response ?? undefined));
  const subs = response?.type === 'scenario' ? response.subResponses : {};
  const states = item.subItems.map((sub) =>
    questionCompletion(sub, Object.hasOwn(subs, sub.id) ? subs[sub.id] : undefined),
  );
  if (states.every((s) => s === 'answered')) return 'answered';
  return states.every((s) => s === 'unanswered') ? 'unanswered' : 'partly answered';
}

/** A, B, C … for option positions. */
export const optionLetter = (index: number) => String.fromCharCode(65 + index);

/** Time left as h:mm:ss (or m:ss under an hour), rounded up to the second. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  // A window that closes in days (an untimed practice set) reads better in days and hours.
  if (h >= 48) return `${Math.floor(h / 24)} days ${h % 24} h`;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Time left in words for screen readers: "1 hour 5 minutes", "4 minutes 30 seconds". */
export function spokenClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (h >= 48) return `${unit(Math.floor(h / 24), 'day')} ${unit(h % 24, 'hour')}`;
  if (h > 0) return m > 0 ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour');
  if (m > 0) return s > 0 && m < 5 ? `${unit(m, 'minute')} ${unit(s, 'second')}` : unit(m, 'minute');
  return unit(s, 'second');
}

/** A warning threshold in words: "30 minutes left". */
export const warningText = (minutes: number) =>
  minutes >= 60 && minutes % 60 === 0
    ? `${minutes / 60} hour${minutes === 60 ? '' : 's'} left`
    : Number.isInteger(minutes)
      ? `${minutes} minute${minutes === 1 ? '' : 's'} left`
      : `${spokenClock(minutes * 60_000)} left`;

/** The item's response with one sub-question's answer replaced (scenarios). */
export function withSubResponse(
  current: ExamResponse | null | undefined,
  subId: string,
  sub: SubResponse,
): ExamResponse {
  const subResponses = current?.type === 'scenario' ? current.subResponses : {};
  return { type: 'scenario', subResponses: { ...subResponses, [subId]: sub } };
}

/** A sub-question's current answer within a scenario response. */
export function subResponseOf(
  current: ExamResponse | null | undefined,
  subId: string,
): SubResponse | undefined {
  if (current?.type !== 'scenario' || !Object.hasOwn(current.subResponses, subId)) return undefined;
  return current.subResponses[subId];
}

/**
 * The answer after choosing the option at `index` (keyboard A-D / 1-4): a multiple-choice
 * question takes it, a multiple-response one toggles it. Undefined when there is no such option.
 */
export function chooseOption(
  question: Question,
  current: SubResponse | undefined,
  index: number,
): SubResponse | undefined {
  if (question.type === 'fill-in') return undefined;
  const option = question.options[index];
  if (!option) return undefined;
  if (question.type === 'multiple-choice') return { type: 'multiple-choice', choice: option.id };
  const chosen = current?.type === 'multiple-response' ? current.choices : [];
  return {
    type: 'multiple-response',
    choices: chosen.includes(option.id) ? chosen.filter((c) => c !== option.id) : [...chosen, option.id],
  };
}
