import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExamStoreProvider } from './context';
import { ExamScreen } from './ExamScreen';
import { createFakeServer, type FakeServerOptions, MINUTE, memoryStorage } from './fake-server';
import { createExamStore, type ExamStore } from './store';

const HOUR = 60 * MINUTE;

// Testing Library drains its async work with setTimeout(0) and only advances fake timers it knows
// as Jest's: name vitest's for it, so user-event works under fake timers.
(globalThis as unknown as { jest: unknown }).jest = {
  advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms),
};
let stores: ExamStore[] = [];

async function renderExam(options: FakeServerOptions = {}, skewMs = 0) {
  const fake = createFakeServer(options);
  const events = new EventTarget();
  const store = createExamStore({
    api: fake.client,
    clock: () => Date.now() + skewMs,
    storage: memoryStorage(),
    events,
  });
  stores.push(store);
  render(
    <ExamStoreProvider store={store}>
      <ExamScreen />
    </ExamStoreProvider>,
  );
  await act(() => store.getState().load('att1'));
  const user = userEvent.setup({ delay: null });
  /** Lets time pass on both clocks. */
  const advance = async (ms: number) => {
    const step = ms > 60_000 ? 15_000 : 1000;
    if (ms === 0) await act(() => vi.advanceTimersByTimeAsync(0));
    for (let done = 0; done < ms; done += step) {
      const d = Math.min(step, ms - done);
      fake.server.now += d;
      await act(() => vi.advanceTimersByTimeAsync(d));
    }
  };
  const goOnline = async () => {
    fake.server.online = true;
    await act(async () => {
      events.dispatchEvent(new Event('online'));
      await vi.advanceTimersByTimeAsync(0);
    });
  };
  return { ...fake, store, user, advance, goOnline };
}

const saveStatus = () => screen.getByTestId('save-status');
const press = (key: string, target: Element = document.body) => fireEvent.keyDown(target, { key });

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2030-01-01T09:00:00Z'));
});

afterEach(() => {
  for (const store of stores) store.getState().dispose();
  stores = [];
  vi.useRealTimers();
});

// A generous timeout: the machine may be busy, and a timed-out test would leave its timers to the next one.
describe('the exam screen', { timeout: 20_000 }, () => {
  it('shows the question, its options and the time the server gives, whatever the device clock says', async () => {
    await renderExam({ limitMinutes: 240 }, 7 * HOUR);
    expect(screen.getByRole('heading', { name: 'Question 1 of 4' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'A. 12001' })).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('4:00:00');
    expect(screen.getByText('Keyboard shortcuts')).toBeTruthy();
  });

  it('an untimed attempt says so, with its window close instead of a countdown of days', async () => {
    const closes = Date.UTC(2030, 2, 1, 17, 0, 0); // two months after the start
    await renderExam({ limitMinutes: null, warningMinutes: [], windowCloseAt: closes });
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByText('No time limit')).toBeTruthy();
    const until = screen.getByText(/^Available until/);
    expect(until.querySelector('time')?.getAttribute('dateTime')).toBe(new Date(closes).toISOString());
  });

  it('an untimed attempt counts down only in the last hour before its window closes', async () => {
    const { advance } = await renderExam({
      limitMinutes: null,
      warningMinutes: [],
      windowCloseAt: Date.UTC(2030, 0, 1, 10, 30, 0),
    });
    expect(screen.queryByRole('timer')).toBeNull();
    await advance(31 * MINUTE);
    expect(screen.getByText('Closes in')).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('59:00');
  });

  it('a drill with no deadline at all says no time limit', async () => {
    await renderExam({ limitMinutes: null, warningMinutes: [] });
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByText('No time limit')).toBeTruthy();
    expect(screen.queryByText(/Available until/)).toBeNull();
  });

  it('saves a choice: saving, then saved, and the palette shows it answered', async () => {
    const { user, advance, server } = await renderExam();
    await user.click(screen.getByRole('radio', { name: 'B. 12002' }));
    expect(saveStatus().textContent).toContain('Saving…');
    await advance(0);
    expect(saveStatus().textContent).toContain('All answers saved');
    expect(server.saves.get('q1')?.response).toEqual({ type: 'multiple-choice', choice: 'b' });
    expect(screen.getByRole('button', { name: 'Question 1, answered' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Question 2, unanswered' })).toBeTruthy();
  });

  it('says offline, will retry, and saves when the network returns', async () => {
    const { user, advance, server, goOnline } = await renderExam();
    server.online = false;
    await user.click(screen.getByRole('radio', { name: 'C. 13100' }));
    await advance(0);
    expect(saveStatus().textContent).toContain('Offline, will retry');
    expect(screen.getByText('Offline, will retry', { selector: '.item-save' })).toBeTruthy();
    await goOnline();
    expect(saveStatus().textContent).toContain('All answers saved');
    expect(server.saves.get('q1')?.response).toEqual({ type: 'multiple-choice', choice: 'c' });
  });

  it('keyboard: letters and digits choose, F flags, N and P move', async () => {
    const { advance, server } = await renderExam();
    press('b');
    expect((screen.getByRole('radio', { name: 'B. 12002' }) as HTMLInputElement).checked).toBe(true);
    press('F');
    expect(screen.getByRole('button', { name: 'Flag for review', pressed: true })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Question 1, answered, flagged' })).toBeTruthy();
    press('n');
    expect(screen.getByRole('heading', { name: 'Question 2 of 4' })).toBeTruthy();
    press('1');
    press('3');
    press('1');
    expect((screen.getByRole('checkbox', { name: 'A. E11.9' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'C. Z79.4' }) as HTMLInputElement).checked).toBe(true);
    press('p');
    expect(screen.getByRole('heading', { name: 'Question 1 of 4 (flagged)' })).toBeTruthy();
    await advance(0);
    expect(server.flags.has('q1')).toBe(true);
    expect(server.saves.get('q2')?.response).toEqual({ type: 'multiple-response', choices: ['c'] });
  });

  it('keyboard shortcuts do not fire while typing in an answer field', async () => {
    const { user, store } = await renderExam();
    act(() => store.getState().goTo(2));
    const field = screen.getByLabelText('First-listed diagnosis');
    await user.type(field, 'nfp');
    expect((field as HTMLInputElement).value).toBe('nfp');
    expect(screen.getByRole('heading', { name: 'Question 3 of 4' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Flag for review', pressed: false })).toBeTruthy();
  });

  it('fill-in: a field per blank kind, labelled, and a code list with add and remove', async () => {
    const { user, store, advance, server } = await renderExam();
    act(() => store.getState().goTo(2));
    const line = screen.getByRole('group', { name: 'Procedure' });
    await user.type(within(line).getByLabelText('Code'), '12001');
    await user.type(within(line).getByLabelText('Modifiers'), '59 LT');
    await user.type(within(line).getByLabelText('Units'), '2');
    const list = screen.getByRole('group', { name: 'Other diagnoses' });
    expect(within(list).getByText(/principal \(first-listed\) code first/)).toBeTruthy();
    await user.type(within(list).getByLabelText('Code 1 (principal)'), 'I10');
    await user.click(within(list).getByRole('button', { name: 'Add a code to Other diagnoses' }));
    await user.type(within(list).getByLabelText('Code 2'), 'E78.5');
    await user.click(within(list).getByRole('button', { name: 'Add a code to Other diagnoses' }));
    await user.click(within(list).getByRole('button', { name: 'Remove code 3 from Other diagnoses' }));
    await user.type(screen.getByLabelText('Units of service'), '3');
    await user.type(screen.getByLabelText('Place of service'), 'office');
    await advance(1000);
    expect(server.saves.get('q3')?.response).toEqual({
      type: 'fill-in',
      blanks: {
        line: { code: '12001', modifiers: '59 LT', units: '2' },
        codes: ['I10', 'E78.5'],
        n: '3',
        t: 'office',
      },
    });
    expect(screen.getByRole('button', { name: 'Question 3, partly answered' })).toBeTruthy();
  });

  it('scenario: the case text in its own panel beside its sub-questions', async () => {
    const { user, store, advance, server } = await renderExam();
    act(() => store.getState().goTo(3));
    expect(screen.getByRole('region', { name: 'Case' }).textContent).toContain('chest pain');
    await user.click(screen.getByRole('radio', { name: 'B. R07.9' }));
    await user.type(screen.getByLabelText('Procedure code'), '0DTJ4ZZ');
    await advance(1000);
    expect(server.saves.get('q4')?.response).toEqual({
      type: 'scenario',
      subResponses: {
        s1: { type: 'multiple-choice', choice: 'b' },
        s2: { type: 'fill-in', blanks: { pcs: '0DTJ4ZZ' } },
      },
    });
    expect(screen.getByRole('button', { name: 'Question 4, answered' })).toBeTruthy();
  });

  it('announces a configured warning once and says when time is up', async () => {
    const { advance } = await renderExam({ limitMinutes: 31, warningMinutes: [30], graceMs: 5000 });
    expect(screen.queryByText('30 minutes left')).toBeNull();
    await advance(61_000);
    const alerts = () => screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts()).toContain('30 minutes left');
    await advance(30 * MINUTE);
    expect(alerts()).toContain('Time is up — submitting');
    await advance(6000);
    expect(screen.getByText(/The exam is submitted/)).toBeTruthy();
  });

  it('review lists unanswered and flagged questions with links back, then submits after a confirmation', async () => {
    const { user, store, advance, server } = await renderExam();
    await user.click(screen.getByRole('radio', { name: 'A. 12001' }));
    press('n');
    press('f');
    await advance(0);
    await user.click(screen.getByRole('button', { name: 'Review and submit' }));
    const unanswered = screen.getByRole('list', { name: /Unanswered questions \(3\)/ });
    expect(
      within(unanswered)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Question 2', 'Question 3', 'Question 4']);
    const flagged = screen.getByRole('list', { name: /Flagged for review \(1\)/ });
    await user.click(within(flagged).getByRole('button', { name: 'Question 2' }));
    expect(screen.getByRole('heading', { name: 'Question 2 of 4 (flagged)' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Review and submit' }));
    await user.click(screen.getByRole('button', { name: 'Submit exam' }));
    const dialog = screen.getByRole('dialog', { name: 'Submit your exam?' });
    expect(dialog.textContent).toContain('3 questions are not fully answered');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, submit' }));
    await advance(0);
    expect(server.status).toBe('submitted');
    expect(store.getState().phase).toBe('submitted');
  });

  it('asks before entering a part that locks the one before it', async () => {
    const { user, store } = await renderExam({
      sections: [
        { id: 'part-1', title: 'Part 1', mayReturn: false, itemIds: ['q1', 'q2'] },
        { id: 'part-2', title: 'Part 2', mayReturn: true, itemIds: ['q3', 'q4'] },
      ],
    });
    expect(screen.getByRole('heading', { name: 'Part 1' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Question 3, unanswered' }));
    const dialog = screen.getByRole('dialog', { name: 'Move to Part 2?' });
    expect(dialog.textContent).toContain('You cannot return to Part 1');
    await user.click(within(dialog).getByRole('button', { name: 'Move to Part 2' }));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(store.getState().currentSectionId).toBe('part-2');
    expect(screen.getByRole('heading', { name: 'Question 3 of 4' })).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Question 1, unanswered' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(screen.getByRole('button', { name: 'Previous' }).hasAttribute('disabled')).toBe(true);
  });

  it('practice mode shows the feedback of each answer right after it is saved', async () => {
    const { user, server, advance } = await renderExam({ mode: 'practice' });
    server.feedback = {
      score: 0,
      correct: false,
      answered: true,
      detail: { type: 'multiple-choice' },
      feedback: {
        rationale: 'A simple repair of 2.5 cm or less is 12001.',
        messages: [{ about: 'a', text: 'Right: simple repair, up to 2.5 cm.' }],
      },
    };
    await user.click(screen.getByRole('radio', { name: 'B. 12002' }));
    await advance(0);
    const feedback = screen.getByRole('region', { name: 'Feedback' });
    expect(within(feedback).getByRole('heading', { name: 'Incorrect' })).toBeTruthy();
    expect(feedback.textContent).toContain('2.5 cm or less');
    expect(feedback.textContent).toContain('Option A: Right: simple repair');
  });
});
