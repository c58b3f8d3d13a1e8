import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeServer, type FakeServerOptions, MINUTE, memoryStorage } from './fake-server';
import {
  createExamStore,
  type ExamStore,
  itemSaveState,
  overallSaveState,
  type StorageLike,
  storageKey,
} from './store';

const HOUR = 60 * MINUTE;
const mc = (choice: string) => ({ type: 'multiple-choice' as const, choice });

let stores: ExamStore[] = [];

function setup(options: FakeServerOptions = {}, skewMs = 0, storage: StorageLike = memoryStorage()) {
  const fake = createFakeServer(options);
  const events = new EventTarget();
  const make = () => {
    const store = createExamStore({
      api: fake.client,
      // The device clock: wrong by `skewMs`, moved by the fake timers.
      clock: () => Date.now() + skewMs,
      storage,
      events,
    });
    stores.push(store);
    return store;
  };
  const store = make();
  /** Real time passes: on the server's clock and the device's. */
  const advance = async (ms: number) => {
    const step = 1000;
    if (ms === 0) await vi.advanceTimersByTimeAsync(0);
    for (let done = 0; done < ms; done += step) {
      const d = Math.min(step, ms - done);
      fake.server.now += d;
      await vi.advanceTimersByTimeAsync(d);
    }
  };
  const goOnline = () => {
    fake.server.online = true;
    events.dispatchEvent(new Event('online'));
  };
  return { ...fake, store, make, advance, storage, goOnline };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2030-01-01T09:00:00Z'));
});

afterEach(() => {
  for (const store of stores) store.getState().dispose();
  stores = [];
  vi.useRealTimers();
});

describe('countdown', () => {
  it("shows the server's time left even when the device clock is hours off", async () => {
    const { store, advance } = setup({ limitMinutes: 240 }, -5 * HOUR);
    await store.getState().load('att1');
    expect(store.getState().remainingMs).toBe(240 * MINUTE);
    await advance(10 * MINUTE);
    expect(store.getState().remainingMs).toBe(230 * MINUTE);
  });

  it('ignores a device clock that runs ahead too', async () => {
    const { store, advance } = setup({ limitMinutes: 60 }, 3 * HOUR + 17_000);
    await store.getState().load('att1');
    await advance(90_000);
    expect(store.getState().remainingMs).toBe(60 * MINUTE - 90_000);
  });

  it('re-syncs with the time of every save', async () => {
    const { store, server, advance } = setup({ limitMinutes: 60 });
    await store.getState().load('att1');
    // The device clock jumps back an hour (the student changes it); the next save corrects the offset.
    vi.setSystemTime(Date.now() - HOUR);
    store.getState().answer('q1', mc('a'));
    await advance(0);
    expect(server.saveCalls).toHaveLength(1);
    await advance(1000);
    expect(store.getState().remainingMs).toBe(60 * MINUTE - 1000);
  });

  it('announces each configured warning once', async () => {
    const { store, advance } = setup({ limitMinutes: 40, warningMinutes: [30, 5] });
    await store.getState().load('att1');
    expect(store.getState().announcement).toBeNull();
    await advance(10 * MINUTE);
    const first = store.getState().announcement;
    expect(first?.text).toBe('30 minutes left');
    await advance(20 * MINUTE);
    expect(store.getState().announcement).toBe(first);
    await advance(5 * MINUTE);
    expect(store.getState().announcement?.text).toBe('5 minutes left');
  });

  it('does not repeat a warning after a reload', async () => {
    const storage = memoryStorage();
    const { store, make, advance } = setup({ limitMinutes: 40, warningMinutes: [30] }, 0, storage);
    await store.getState().load('att1');
    await advance(11 * MINUTE);
    expect(store.getState().announcement?.text).toBe('30 minutes left');
    store.getState().dispose();
    const again = make();
    await again.getState().load('att1');
    await advance(1000);
    expect(again.getState().announcement).toBeNull();
  });

  it('at zero says time is up, then shows the result the server submitted', async () => {
    const { store, server, advance } = setup({ limitMinutes: 1, graceMs: 10_000 });
    await store.getState().load('att1');
    store.getState().answer('q1', mc('b'));
    await advance(60_000);
    expect(store.getState().phase).toBe('time-up');
    expect(store.getState().announcement?.text).toBe('Time is up — submitting');
    expect(server.saves.get('q1')?.response).toEqual(mc('b'));
    await advance(15_000);
    expect(store.getState().phase).toBe('submitted');
    expect(store.getState().result?.submitReason).toBe('expired');
  });
});

describe('autosave', () => {
  it('shows saving, then saved, with an increasing seq per item', async () => {
    const { store, server, advance } = setup();
    await store.getState().load('att1');
    store.getState().answer('q1', mc('a'));
    expect(itemSaveState(store.getState(), 'q1')).toBe('saving');
    expect(overallSaveState(store.getState())).toBe('saving');
    await advance(0);
    expect(itemSaveState(store.getState(), 'q1')).toBe('saved');
    expect(overallSaveState(store.getState())).toBe('saved');
    store.getState().answer('q1', mc('c'));
    await advance(0);
    expect(server.saveCalls.map((c) => [c.itemId, c.seq, c.response])).toEqual([
      ['q1', 1, mc('a')],
      ['q1', 2, mc('c')],
    ]);
  });

  it('sends typing once it pauses, only the latest text', async () => {
    const { store, server, advance } = setup();
    await store.getState().load('att1');
    for (const text of ['E', 'E1', 'E11', 'E11.9'])
      store.getState().answer('q3', { type: 'fill-in', blanks: { dx: text } }, { typing: true });
    await advance(1000);
    expect(server.saveCalls).toEqual([
      { itemId: 'q3', seq: 4, response: { type: 'fill-in', blanks: { dx: 'E11.9' } }, accepted: true },
    ]);
  });

  it('saves flags', async () => {
    const { store, server, advance } = setup();
    await store.getState().load('att1');
    store.getState().toggleFlag('q2');
    expect(store.getState().flags.q2).toBe(true);
    await advance(0);
    expect(server.flags.has('q2')).toBe(true);
    expect(store.getState().queue).toEqual([]);
  });

  it('shows the feedback of a practice save', async () => {
    const { store, server, advance } = setup({ mode: 'practice' });
    server.feedback = {
      score: 0,
      correct: false,
      answered: true,
      detail: { type: 'multiple-choice' },
      feedback: { rationale: 'Simple repair up to 2.5 cm is 12001.', messages: [] },
    };
    await store.getState().load('att1');
    store.getState().answer('q1', mc('b'));
    await advance(0);
    expect(store.getState().feedback.q1).toMatchObject({ seq: 1, grade: { correct: false } });
  });
});

describe('offline', () => {
  it('keeps changes while offline and sends them in order when the network returns', async () => {
    const { store, server, advance, goOnline } = setup();
    await store.getState().load('att1');
    server.online = false;
    store.getState().answer('q1', mc('a'));
    await advance(0);
    expect(store.getState().offline).toBe(true);
    expect(itemSaveState(store.getState(), 'q1')).toBe('offline');
    expect(overallSaveState(store.getState())).toBe('offline');
    store.getState().answer('q2', { type: 'multiple-response', choices: ['a', 'c'] });
    store.getState().toggleFlag('q2');
    store.getState().answer('q1', mc('d'));
    store.getState().answer('q3', { type: 'fill-in', blanks: { dx: 'I10' } });
    await advance(500);
    expect(server.saveCalls).toEqual([]);

    goOnline();
    await advance(0);
    expect(server.saveCalls.map((c) => [c.itemId, c.seq, c.response])).toEqual([
      ['q1', 2, mc('d')],
      ['q2', 1, { type: 'multiple-response', choices: ['a', 'c'] }],
      ['q3', 1, { type: 'fill-in', blanks: { dx: 'I10' } }],
    ]);
    expect(server.flags.has('q2')).toBe(true);
    expect(overallSaveState(store.getState())).toBe('saved');
    expect(store.getState().offline).toBe(false);
  });

  it('retries with backoff without waiting for the online event', async () => {
    const { store, server, advance } = setup();
    await store.getState().load('att1');
    server.online = false;
    store.getState().answer('q1', mc('a'));
    await advance(1000);
    await advance(1000);
    expect(store.getState().offline).toBe(true);
    server.online = true;
    await advance(5000);
    expect(server.saves.get('q1')).toMatchObject({ seq: 1, response: mc('a') });
    expect(overallSaveState(store.getState())).toBe('saved');
  });

  it('never sends an older seq after a newer one while a save is in flight', async () => {
    const { store, server, advance, hold } = setup();
    await store.getState().load('att1');
    const release = hold();
    store.getState().answer('q1', mc('a'));
    await advance(0);
    expect(store.getState().queue).toHaveLength(1); // in flight
    // Two more changes while it is in flight: the second replaces the first, the one in flight stays.
    store.getState().answer('q1', mc('b'));
    store.getState().answer('q1', mc('c'));
    expect(store.getState().queue.map((e) => e.kind === 'response' && e.seq)).toEqual([1, 3]);
    release();
    await advance(0);
    expect(server.saveCalls.map((c) => [c.seq, c.accepted])).toEqual([
      [1, true],
      [3, true],
    ]);
    expect(server.saves.get('q1')).toMatchObject({ seq: 3, response: mc('c') });
    expect(itemSaveState(store.getState(), 'q1')).toBe('saved');
  });
});

describe('resume', () => {
  it('a new store over the same storage restores pending answers, the flag and the place, then saves them', async () => {
    const storage = memoryStorage();
    const { store, server, make, advance } = setup({}, 0, storage);
    await store.getState().load('att1');
    store.getState().answer('q1', mc('a'));
    await advance(0);
    server.online = false;
    store.getState().answer('q1', mc('c'));
    store.getState().goTo(2);
    store.getState().answer('q3', { type: 'fill-in', blanks: { dx: 'E11.9' } }, { typing: true });
    store.getState().toggleFlag('q3');
    await advance(1000);
    expect(storage.getItem(storageKey('att1'))).toContain('E11.9');
    store.getState().dispose(); // the tab closes

    server.online = true;
    const reopened = make();
    await reopened.getState().load('att1');
    expect(reopened.getState().index).toBe(2);
    expect(reopened.getState().responses.q1).toEqual(mc('c'));
    expect(reopened.getState().responses.q3).toEqual({ type: 'fill-in', blanks: { dx: 'E11.9' } });
    expect(reopened.getState().flags.q3).toBe(true);
    await advance(0);
    expect(server.saves.get('q1')).toMatchObject({ seq: 2, response: mc('c') });
    expect(server.saves.get('q3')).toMatchObject({ seq: 1 });
    expect(server.flags.has('q3')).toBe(true);
    expect(overallSaveState(reopened.getState())).toBe('saved');
    expect(JSON.parse(storage.getItem(storageKey('att1')) ?? '{}').queue).toEqual([]);
  });

  it('drops stored answers the server already has', async () => {
    const storage = memoryStorage();
    storage.setItem(
      storageKey('att1'),
      JSON.stringify({
        v: 1,
        index: 1,
        queue: [{ kind: 'response', itemId: 'q1', response: mc('a'), seq: 2 }],
        seqs: { q1: 2 },
        warned: [],
      }),
    );
    const { store, server, advance } = setup({ saved: { q1: { response: mc('d'), seq: 3 } } }, 0, storage);
    await store.getState().load('att1');
    await advance(0);
    expect(store.getState().responses.q1).toEqual(mc('d'));
    expect(server.saveCalls).toEqual([]);
    store.getState().answer('q1', mc('b'));
    await advance(0);
    expect(server.saves.get('q1')).toMatchObject({ seq: 4, response: mc('b') });
  });

  it('goes straight to the result when the attempt was submitted meanwhile', async () => {
    const storage = memoryStorage();
    const { store, server } = setup({}, 0, storage);
    server.status = 'submitted';
    server.submitReason = 'student';
    storage.setItem(storageKey('att1'), JSON.stringify({ v: 1, index: 0, queue: [], seqs: {}, warned: [] }));
    await store.getState().load('att1');
    expect(store.getState().phase).toBe('submitted');
    expect(storage.getItem(storageKey('att1'))).toBeNull();
  });
});

describe('stale sequence', () => {
  it('counts a save whose answer was lost as saved when the server has that seq', async () => {
    const { store, server, advance } = setup();
    await store.getState().load('att1');
    server.loseNextAnswer = true;
    store.getState().answer('q1', mc('b'));
    await advance(0);
    expect(itemSaveState(store.getState(), 'q1')).toBe('offline');
    await advance(1000);
    expect(server.saveCalls.map((c) => [c.seq, c.accepted])).toEqual([
      [1, true],
      [1, false],
    ]);
    expect(itemSaveState(store.getState(), 'q1')).toBe('saved');
    expect(store.getState().failed).toEqual({});
  });

  it('moves past a newer seq saved elsewhere', async () => {
    const { store, server, advance } = setup();
    await store.getState().load('att1');
    server.saves.set('q1', { response: mc('d'), seq: 5, savedAt: server.now });
    store.getState().answer('q1', mc('a'));
    await advance(0);
    expect(itemSaveState(store.getState(), 'q1')).toBe('saved');
    store.getState().answer('q1', mc('b'));
    await advance(0);
    expect(server.saves.get('q1')).toMatchObject({ seq: 6, response: mc('b') });
  });
});

describe('the end of the attempt', () => {
  it('a save refused because time is up leads to the result', async () => {
    const { store, server, advance } = setup({ limitMinutes: 10, graceMs: 0 });
    await store.getState().load('att1');
    server.now += 11 * MINUTE; // the server's clock is ahead of what the client last heard
    store.getState().answer('q1', mc('a'));
    await advance(0);
    expect(['time-up', 'submitted']).toContain(store.getState().phase);
    await advance(2000);
    expect(store.getState().phase).toBe('submitted');
  });

  it('submits only once everything is saved', async () => {
    const storage = memoryStorage();
    const { store, server, advance, goOnline } = setup({}, 0, storage);
    await store.getState().load('att1');
    server.online = false;
    store.getState().answer('q1', mc('a'));
    await advance(0);
    await store.getState().submit();
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().notice).toMatch(/not saved yet/);
    expect(server.status).toBe('in-progress');

    goOnline();
    await advance(0);
    await store.getState().submit();
    expect(store.getState().phase).toBe('submitted');
    expect(server.saves.get('q1')?.response).toEqual(mc('a'));
    expect(storage.getItem(storageKey('att1'))).toBeNull();
  });
});

describe('visits (time per item)', () => {
  const leaves = (visits: { action: string }[]) => visits.filter((v) => v.action === 'leave');

  it('closes a visit when the student moves on', async () => {
    const { store, server, advance } = setup();
    await store.getState().load('att1');
    store.getState().next();
    await advance(0);
    expect(server.visits).toEqual([
      { itemId: 'q1', action: 'enter' },
      { itemId: 'q1', action: 'leave' },
      { itemId: 'q2', action: 'enter' },
    ]);
  });

  it('sends no visit once the student has submitted (not even on leaving the screen)', async () => {
    const { store, server, advance } = setup();
    await store.getState().load('att1');
    await store.getState().submit();
    store.getState().dispose();
    await advance(0);
    expect(store.getState().phase).toBe('submitted');
    expect(leaves(server.visits)).toEqual([]);
  });

  it('sends no visit once time is up', async () => {
    const { store, server, advance } = setup({ limitMinutes: 1, graceMs: 5000 });
    await store.getState().load('att1');
    await advance(60_000);
    expect(store.getState().phase).toBe('time-up');
    await advance(10_000);
    expect(store.getState().phase).toBe('submitted');
    store.getState().dispose();
    expect(leaves(server.visits)).toEqual([]);
  });

  it('sends no visit once the attempt was submitted elsewhere', async () => {
    const { store, server, advance } = setup();
    await store.getState().load('att1');
    server.status = 'submitted';
    server.submitReason = 'instructor';
    store.getState().answer('q1', mc('a'));
    await advance(0);
    expect(['time-up', 'submitted']).toContain(store.getState().phase);
    store.getState().dispose();
    expect(leaves(server.visits)).toEqual([]);
  });
});

describe('sections', () => {
  const sections = [
    { id: 'part-1', title: 'Part 1', mayReturn: false, itemIds: ['q1', 'q2'] },
    { id: 'part-2', title: 'Part 2', mayReturn: true, itemIds: ['q3', 'q4'] },
  ];

  it('asks before leaving a one-way section, then locks it', async () => {
    const { store, server, advance } = setup({ sections });
    await store.getState().load('att1');
    store.getState().next();
    expect(store.getState().index).toBe(1);
    store.getState().next();
    expect(store.getState().pendingMove).toEqual({ index: 2, sectionId: 'part-2', locks: ['Part 1'] });
    store.getState().cancelMove();
    expect(store.getState().index).toBe(1);

    store.getState().next();
    await store.getState().confirmMove();
    await advance(0);
    expect(store.getState().index).toBe(2);
    expect(store.getState().currentSectionId).toBe('part-2');
    expect(store.getState().sections[0]?.locked).toBe(true);
    expect(server.locked.has('part-1')).toBe(true);
    store.getState().goTo(0);
    expect(store.getState().index).toBe(2);
  });

  it('does not leave a one-way section while its answers are unsaved', async () => {
    const { store, server, advance } = setup({ sections });
    await store.getState().load('att1');
    server.online = false;
    store.getState().answer('q1', mc('a'));
    await advance(0);
    store.getState().goTo(2);
    await store.getState().confirmMove();
    expect(store.getState().currentSectionId).toBe('part-1');
    expect(store.getState().notice).toMatch(/not saved yet/);
  });

  it('moves on to the next part when the part clock runs out', async () => {
    const { store, server, advance } = setup({
      limitMinutes: 20,
      warningMinutes: [],
      sections: sections.map((s) => ({ ...s, minutes: 10 })),
    });
    await store.getState().load('att1');
    expect(store.getState().remainingMs).toBe(10 * MINUTE);
    store.getState().answer('q1', mc('a'));
    await advance(10 * MINUTE);
    expect(store.getState().announcement?.text).toBe('Time is up for Part 1. Moving to Part 2.');
    expect(store.getState().currentSectionId).toBe('part-2');
    expect(store.getState().index).toBe(2);
    expect(store.getState().phase).toBe('ready');
    // Part 2's own clock (give or take the second the move took in this test's coarse steps).
    expect(store.getState().remainingMs).toBeGreaterThanOrEqual(10 * MINUTE - 1000);
    expect(server.locked.has('part-1')).toBe(true);
    expect(server.saves.get('q1')?.response).toEqual(mc('a'));
  });
});
