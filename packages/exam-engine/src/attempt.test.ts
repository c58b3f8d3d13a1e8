import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttemptEvent, AttemptState, EventResult, NewAttempt } from './attempt';
import {
  applyEvent,
  attemptEventSchema,
  createAttempt,
  expiresAt,
  isDue,
  settle,
  timeLeft,
  warningsDue,
} from './attempt';
import type { Blueprint, BlueprintInput } from './blueprint';
import { assertBlueprint } from './blueprint';
import { MINUTE_MS } from './clock';
import type { DrawnExam } from './draw';
import { isEngineError } from './errors';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const GRACE = 30_000;

/** A blueprint over sections a (a1, a2) and b (b1, constructor): shared 60-minute clock by default. */
function blueprint(
  extra: Partial<BlueprintInput> = {},
  sections: Partial<BlueprintInput['sections'][number]>[] = [],
) {
  return assertBlueprint({
    id: 'bp',
    name: 'BP',
    clock: { limitMinutes: 60 },
    warningMinutes: [30, 5],
    sections: [
      { id: 'a', title: 'A', rules: [{ count: 2 }], ...sections[0] },
      { id: 'b', title: 'B', rules: [{ count: 2 }], ...sections[1] },
    ],
    ...extra,
  });
}

const exam: DrawnExam = {
  blueprintId: 'bp',
  seed: 's',
  bankId: 'bank',
  bankVersion: 1,
  sections: [
    {
      sectionId: 'a',
      items: ['a1', 'a2'].map((itemId) => ({ itemId, version: 1, domain: 'x', scored: true })),
    },
    {
      sectionId: 'b',
      // "constructor" proves saves never read what Object.prototype holds.
      items: ['b1', 'constructor'].map((itemId) => ({ itemId, version: 1, domain: 'x', scored: true })),
    },
  ],
};

/** A per-section blueprint: a 30 min one-way, b 20 min; overall cap `limit` (null = 50). */
const perSection = (limit: number | null = null, mayReturnA = false) =>
  blueprint({ clock: { mode: 'per-section', limitMinutes: limit }, warningMinutes: [5] }, [
    { minutes: 30, mayReturn: mayReturnA },
    { minutes: 20 },
  ]);

function create(bp: Blueprint = blueprint(), extra: Partial<NewAttempt> = {}): AttemptState {
  return createAttempt({ blueprint: bp, exam, ...extra });
}

/** Applies an event that must be accepted. */
function accept(state: AttemptState, event: AttemptEvent, now: number): AttemptState {
  const result = applyEvent(state, event, now);
  if (!result.ok) throw new Error(`refused ${event.type}: ${result.error.code} ${result.error.message}`);
  return result.state;
}

/** The error code of an event that must be refused. */
function refusal(result: EventResult): string {
  if (result.ok) throw new Error('expected a refusal');
  return result.error.code;
}

const started = (bp?: Blueprint, extra?: Partial<NewAttempt>) =>
  accept(create(bp, extra), { type: 'start' }, T0);
const save = (itemId: string, seq: number, response: unknown = { type: 'multiple-choice', choice: 'a' }) =>
  ({ type: 'save', itemId, seq, response }) as const;
const min = (n: number) => n * MINUTE_MS;

describe('createAttempt', () => {
  it('makes a ready attempt with the drawn items per section', () => {
    const state = create(blueprint(), { accommodationFactor: 1.5 });
    expect(state).toMatchObject({
      status: 'ready',
      clockMode: 'shared',
      limitMs: min(90),
      graceMs: GRACE,
      warningMinutes: [30, 5],
      startedAt: null,
      deadline: null,
      currentSection: null,
    });
    expect(state.sections.map((s) => [s.id, s.itemIds, s.budgetMs, s.locked])).toEqual([
      ['a', ['a1', 'a2'], null, false],
      ['b', ['b1', 'constructor'], null, false],
    ]);
  });

  it('scales per-section budgets by the factor', () => {
    const state = create(perSection(), { accommodationFactor: 2 });
    expect(state.limitMs).toBe(min(100));
    expect(state.sections.map((s) => s.budgetMs)).toEqual([min(60), min(40)]);
  });

  it('refuses a bad factor, a bad window and an exam from another blueprint', () => {
    const code = (run: () => unknown) => {
      try {
        run();
        return 'none';
      } catch (error) {
        return isEngineError(error) ? error.code : 'other';
      }
    };
    expect(code(() => create(blueprint(), { accommodationFactor: 0.5 }))).toBe('invalid-attempt');
    expect(code(() => create(blueprint(), { accommodationFactor: Number.NaN }))).toBe('invalid-attempt');
    expect(code(() => create(blueprint(), { windowCloseAt: Number.POSITIVE_INFINITY }))).toBe(
      'invalid-attempt',
    );
    expect(code(() => create(blueprint({ id: 'other' })))).toBe('invalid-attempt');
    expect(
      code(() => createAttempt({ blueprint: blueprint(), exam: { ...exam, sections: [exam.sections[0]!] } })),
    ).toBe('invalid-attempt');
  });
});

describe('start', () => {
  it('fixes the deadline and enters the first section', () => {
    const state = started();
    expect(state).toMatchObject({
      status: 'in-progress',
      startedAt: T0,
      deadline: T0 + min(60),
      currentSection: 'a',
    });
    expect(state.sections[0]).toMatchObject({ enteredAt: T0, deadline: null });
    expect(state.sections[1]!.enteredAt).toBeNull();
  });

  it('gives extra time to accommodated students', () => {
    expect(started(blueprint(), { accommodationFactor: 1.5 }).deadline).toBe(T0 + min(90));
  });

  it('ends at the window close when it comes first, and refuses a start after it', () => {
    expect(started(blueprint(), { windowCloseAt: T0 + min(20) }).deadline).toBe(T0 + min(20));
    const late = applyEvent(create(blueprint(), { windowCloseAt: T0 }), { type: 'start' }, T0);
    expect(refusal(late)).toBe('deadline-passed');
  });

  it('has no deadline when untimed, except the window', () => {
    const untimed = blueprint({ clock: { limitMinutes: null }, warningMinutes: [] });
    expect(started(untimed).deadline).toBeNull();
    expect(started(untimed, { windowCloseAt: T0 + min(500) }).deadline).toBe(T0 + min(500));
  });

  it('happens once', () => {
    expect(refusal(applyEvent(started(), { type: 'start' }, T0 + 1))).toBe('invalid-transition');
  });

  it('must come before anything else but an extension', () => {
    for (const event of [
      save('a1', 1),
      { type: 'flag', itemId: 'a1' },
      { type: 'submit', reason: 'student' },
    ] as const)
      expect(refusal(applyEvent(create(), event, T0))).toBe('invalid-transition');
    const extended = accept(create(), { type: 'extend', ms: min(10) }, T0 - min(60));
    expect(accept(extended, { type: 'start' }, T0).deadline).toBe(T0 + min(70));
  });
});

describe('saves', () => {
  it('keeps the last accepted save per item with its seq and time', () => {
    let state = started();
    state = accept(state, save('a1', 1, 'first'), T0 + 1000);
    state = accept(state, save('a1', 2, 'second'), T0 + 2000);
    expect(state.saves.a1).toEqual({ response: 'second', seq: 2, savedAt: T0 + 2000 });
  });

  it('refuses a save whose seq is not above the last for that item, saying which seq it has', () => {
    let state = started();
    state = accept(state, save('a1', 5), T0);
    for (const seq of [5, 4, 0]) {
      const result = applyEvent(state, save('a1', seq), T0 + 1);
      expect(refusal(result)).toBe('stale-sequence');
      if (!result.ok) expect(result.error.details).toEqual({ itemId: 'a1', seq, lastSeq: 5 });
    }
  });

  it('counts sequence numbers per item, so two tabs can save different items', () => {
    let state = started();
    state = accept(state, save('a1', 9), T0);
    state = accept(state, save('a2', 1), T0 + 1);
    expect(Object.keys(state.saves).sort()).toEqual(['a1', 'a2']);
  });

  it('refuses a malformed seq and an item that is not on the attempt', () => {
    expect(refusal(applyEvent(started(), save('a1', -1), T0))).toBe('invalid-event');
    expect(refusal(applyEvent(started(), save('a1', 1.5), T0))).toBe('invalid-event');
    expect(refusal(applyEvent(started(), save('zz', 1), T0))).toBe('invalid-event');
  });

  it('handles item ids that Object.prototype also has', () => {
    let state = accept(started(), { type: 'enter-section', sectionId: 'b' }, T0);
    state = accept(state, save('constructor', 0, 'x'), T0 + 1);
    expect(state.saves.constructor).toEqual({ response: 'x', seq: 0, savedAt: T0 + 1 });
    state = accept(state, { type: 'visit', itemId: 'constructor', action: 'enter' }, T0 + 1);
    state = accept(state, { type: 'visit', itemId: 'constructor', action: 'leave' }, T0 + 11);
    expect(state.timeSpentMs.constructor).toBe(10);
  });

  it('refuses items of a section not entered yet', () => {
    expect(refusal(applyEvent(started(), save('b1', 1), T0))).toBe('section-locked');
  });
});

describe('deadline, grace and expiry', () => {
  const deadline = T0 + min(60);

  it('accepts a save in flight within the grace, refuses it after', () => {
    const state = started();
    expect(accept(state, save('a1', 1, 'late'), deadline + GRACE - 1).saves.a1?.response).toBe('late');
    expect(refusal(applyEvent(state, save('a1', 1), deadline + GRACE))).toBe('deadline-passed');
    expect(refusal(applyEvent(state, { type: 'flag', itemId: 'a1' }, deadline + GRACE))).toBe(
      'deadline-passed',
    );
    expect(refusal(applyEvent(state, { type: 'extend', ms: 1 }, deadline + GRACE))).toBe('deadline-passed');
  });

  it('settles a due attempt as expired, with the last accepted saves, at deadline + grace', () => {
    let state = started();
    state = accept(state, save('a1', 1, 'early'), T0 + 10);
    state = accept(state, save('a1', 2, 'in flight'), deadline + 5000);
    expect(settle(state, deadline + GRACE - 1)).toBe(state);
    const expired = settle(state, deadline + min(600));
    expect(expired).toMatchObject({
      status: 'submitted',
      submitReason: 'expired',
      submittedAt: deadline + GRACE,
    });
    expect(expired.submittedResponses).toEqual({
      a1: { response: 'in flight', seq: 2, savedAt: deadline + 5000 },
    });
    expect(settle(expired, deadline + min(700))).toBe(expired);
  });

  it('leaves ready attempts alone', () => {
    const ready = create();
    expect(settle(ready, T0 + min(1000))).toBe(ready);
    expect(isDue(ready, T0 + min(1000))).toBe(false);
  });

  it('settles instead of submitting when a student submits after the grace', () => {
    const result = applyEvent(started(), { type: 'submit', reason: 'student' }, deadline + min(5));
    expect(result.ok && result.state.submitReason).toBe('expired');
  });

  it('never expires an untimed attempt without a window', () => {
    const state = started(blueprint({ clock: { limitMinutes: null }, warningMinutes: [] }));
    expect(expiresAt(state)).toBeNull();
    expect(settle(state, T0 + min(100_000))).toBe(state);
  });
});

describe('submit', () => {
  it('is final, and submitting again returns the same attempt', () => {
    let state = accept(started(), save('a1', 1), T0 + 5);
    state = accept(state, { type: 'submit', reason: 'instructor' }, T0 + 10);
    expect(state).toMatchObject({ status: 'submitted', submitReason: 'instructor', submittedAt: T0 + 10 });
    expect(state.submittedResponses).toEqual({
      a1: { response: expect.anything(), seq: 1, savedAt: T0 + 5 },
    });
    const again = applyEvent(state, { type: 'submit', reason: 'student' }, T0 + 20);
    expect(again.ok && again.state).toBe(state);
    for (const event of [save('a1', 2), { type: 'start' }, { type: 'extend', ms: 5 }] as const)
      expect(refusal(applyEvent(state, event, T0 + 30))).toBe('invalid-transition');
  });
});

describe('flags and visits', () => {
  it('flags and unflags, idempotently', () => {
    let state = accept(started(), { type: 'flag', itemId: 'a2' }, T0);
    expect(accept(state, { type: 'flag', itemId: 'a2' }, T0)).toBe(state);
    state = accept(state, { type: 'flag', itemId: 'a1' }, T0);
    expect(state.flagged).toEqual(['a2', 'a1']);
    state = accept(state, { type: 'unflag', itemId: 'a2' }, T0);
    expect(state.flagged).toEqual(['a1']);
    expect(accept(state, { type: 'unflag', itemId: 'a2' }, T0)).toBe(state);
  });

  it('adds up the time spent on each item over visits', () => {
    let state = started();
    state = accept(state, { type: 'visit', itemId: 'a1', action: 'enter' }, T0);
    state = accept(state, { type: 'visit', itemId: 'a1', action: 'enter' }, T0 + 500);
    // Entering another item leaves the first.
    state = accept(state, { type: 'visit', itemId: 'a2', action: 'enter' }, T0 + 1000);
    state = accept(state, { type: 'visit', itemId: 'a1', action: 'leave' }, T0 + 1500);
    state = accept(state, { type: 'visit', itemId: 'a2', action: 'leave' }, T0 + 3000);
    state = accept(state, { type: 'visit', itemId: 'a1', action: 'enter' }, T0 + 4000);
    state = accept(state, { type: 'visit', itemId: 'a1', action: 'leave' }, T0 + 4250);
    expect(state.timeSpentMs).toEqual({ a1: 1250, a2: 2000 });
    expect(state.openVisit).toBeNull();
  });

  it('closes the open visit on submission, counting no time past the end', () => {
    let state = accept(started(), { type: 'visit', itemId: 'a1', action: 'enter' }, T0 + min(50));
    state = settle(state, T0 + min(300));
    expect(state.timeSpentMs.a1).toBe(min(10));
    expect(state.openVisit).toBeNull();
  });
});

describe('sections', () => {
  it('locks a one-way section when the student leaves it', () => {
    let state = started(blueprint({}, [{ mayReturn: false }]));
    state = accept(state, { type: 'visit', itemId: 'a1', action: 'enter' }, T0);
    state = accept(state, { type: 'enter-section', sectionId: 'b' }, T0 + 100);
    expect(state.currentSection).toBe('b');
    expect(state.sections.map((s) => s.locked)).toEqual([true, false]);
    expect(state.timeSpentMs.a1).toBe(100);
    expect(refusal(applyEvent(state, { type: 'enter-section', sectionId: 'a' }, T0 + 200))).toBe(
      'section-locked',
    );
    expect(refusal(applyEvent(state, save('a1', 1), T0 + 200))).toBe('section-locked');
    expect(refusal(applyEvent(state, { type: 'flag', itemId: 'a2' }, T0 + 200))).toBe('section-locked');
  });

  it('lets students go back and forth between sections that allow it', () => {
    let state = accept(started(), { type: 'enter-section', sectionId: 'b' }, T0 + 100);
    state = accept(state, { type: 'enter-section', sectionId: 'a' }, T0 + 200);
    state = accept(state, save('b1', 1), T0 + 300);
    expect(state.sections.map((s) => [s.locked, s.enteredAt])).toEqual([
      [false, T0],
      [false, T0 + 100],
    ]);
    expect(accept(state, { type: 'enter-section', sectionId: 'a' }, T0 + 400)).toBe(state);
  });

  it('locks one-way sections that are skipped over', () => {
    const bp = assertBlueprint({
      id: 'bp',
      name: 'BP',
      clock: { limitMinutes: null },
      warningMinutes: [],
      sections: [
        { id: 'a', title: 'A', rules: [{ count: 2 }] },
        { id: 'b', title: 'B', rules: [{ count: 2 }], mayReturn: false },
        { id: 'c', title: 'C', rules: [{ count: 1 }] },
      ],
    });
    const three: DrawnExam = {
      ...exam,
      sections: [
        ...exam.sections,
        { sectionId: 'c', items: [{ itemId: 'c1', version: 1, domain: 'x', scored: true }] },
      ],
    };
    let state = accept(createAttempt({ blueprint: bp, exam: three }), { type: 'start' }, T0);
    state = accept(state, { type: 'enter-section', sectionId: 'c' }, T0 + 1);
    expect(state.sections.map((s) => s.locked)).toEqual([false, true, false]);
    expect(refusal(applyEvent(state, { type: 'enter-section', sectionId: 'b' }, T0 + 2))).toBe(
      'section-locked',
    );
    expect(accept(state, { type: 'enter-section', sectionId: 'a' }, T0 + 2).currentSection).toBe('a');
  });

  it('refuses an unknown section', () => {
    expect(refusal(applyEvent(started(), { type: 'enter-section', sectionId: 'zz' }, T0))).toBe(
      'invalid-event',
    );
  });
});

describe('per-section clock', () => {
  it("starts each section's budget when it is entered, capped by the overall deadline", () => {
    let state = started(perSection(), { accommodationFactor: 1.5 });
    expect(state.deadline).toBe(T0 + min(75));
    expect(state.sections[0]!.deadline).toBe(T0 + min(45));
    state = accept(state, { type: 'enter-section', sectionId: 'b' }, T0 + min(10));
    expect(state.sections[1]!.deadline).toBe(T0 + min(40));
    // Entering late: the overall deadline (the sum of the budgets, 50 min) wins.
    const late = accept(
      started(perSection(null, true)),
      { type: 'enter-section', sectionId: 'b' },
      T0 + min(35),
    );
    expect(late.sections[1]!.deadline).toBe(T0 + min(50));
  });

  it('refuses work in a section once its time plus grace is up, but lets the student move on', () => {
    const state = started(perSection(null, true));
    const end = T0 + min(30);
    expect(accept(state, save('a1', 1), end + GRACE - 1).saves.a1).toBeDefined();
    expect(refusal(applyEvent(state, save('a1', 1), end + GRACE))).toBe('deadline-passed');
    expect(isDue(state, end + GRACE)).toBe(false);
    // Leaving the item still stops its clock.
    const onItem = accept(state, { type: 'visit', itemId: 'a1', action: 'enter' }, end - 1000);
    const left = accept(onItem, { type: 'visit', itemId: 'a1', action: 'leave' }, end + min(2));
    expect(left.timeSpentMs.a1).toBe(min(2) + 1000);
    expect(accept(left, { type: 'visit', itemId: 'a2', action: 'leave' }, end + min(3))).toBe(left);
    const moved = accept(state, { type: 'enter-section', sectionId: 'b' }, end);
    expect(moved.sections[1]!.deadline).toBe(end + min(20));
    expect(refusal(applyEvent(moved, { type: 'enter-section', sectionId: 'a' }, end + min(2)))).toBe(
      'deadline-passed',
    );
  });

  it('expires once every section still open has had its time', () => {
    let state = started(perSection(null, true));
    expect(expiresAt(state)).toBe(T0 + min(50));
    state = accept(state, { type: 'enter-section', sectionId: 'b' }, T0 + min(5));
    // a ends at 30, b at 25: the attempt ends with a.
    expect(expiresAt(state)).toBe(T0 + min(30));
    const oneWay = accept(started(perSection()), { type: 'enter-section', sectionId: 'b' }, T0 + min(5));
    // a is locked: only b's time counts.
    expect(expiresAt(oneWay)).toBe(T0 + min(25));
    expect(settle(oneWay, T0 + min(25) + GRACE)).toMatchObject({
      status: 'submitted',
      submitReason: 'expired',
    });
  });
});

describe('extensions', () => {
  it('add to the attempt and to the current section', () => {
    let state = started(perSection());
    state = accept(state, { type: 'extend', ms: min(10) }, T0 + min(1));
    expect(state.deadline).toBe(T0 + min(60));
    expect(state.sections[0]!.deadline).toBe(T0 + min(40));
    expect(state.extensionMs).toBe(min(10));
  });

  it('cannot pass the window close', () => {
    const state = accept(
      started(blueprint(), { windowCloseAt: T0 + min(65) }),
      { type: 'extend', ms: min(10) },
      T0,
    );
    expect(state.deadline).toBe(T0 + min(65));
  });

  it('must be a positive whole number of milliseconds', () => {
    expect(refusal(applyEvent(started(), { type: 'extend', ms: 0 }, T0))).toBe('invalid-event');
    expect(refusal(applyEvent(started(), { type: 'extend', ms: 1.5 }, T0))).toBe('invalid-event');
  });
});

describe('time left and warnings', () => {
  it('counts down from the server clock', () => {
    expect(timeLeft(create(), T0)).toBeNull();
    const state = started();
    expect(timeLeft(state, T0 + min(15))).toBe(min(45));
    expect(timeLeft(state, T0 + min(61))).toBe(0);
    expect(timeLeft(accept(state, { type: 'submit', reason: 'student' }, T0), T0)).toBe(0);
    expect(
      timeLeft(started(blueprint({ clock: { limitMinutes: null }, warningMinutes: [] })), T0),
    ).toBeNull();
  });

  it('uses the current section clock when the clock is per-section', () => {
    expect(timeLeft(started(perSection()), T0 + min(10))).toBe(min(20));
  });

  it('says which warnings are due', () => {
    const state = started();
    expect(warningsDue(state, state.warningMinutes, T0 + min(29))).toEqual([]);
    expect(warningsDue(state, state.warningMinutes, T0 + min(30))).toEqual([30]);
    expect(warningsDue(state, state.warningMinutes, T0 + min(56))).toEqual([30, 5]);
    expect(warningsDue(state, state.warningMinutes, T0 + min(60))).toEqual([]);
    expect(warningsDue(create(), [30], T0)).toEqual([]);
  });
});

describe('attemptEventSchema', () => {
  it('accepts the events and refuses malformed ones', () => {
    expect(attemptEventSchema.parse({ type: 'save', itemId: 'a1', seq: 3, response: null })).toEqual({
      type: 'save',
      itemId: 'a1',
      seq: 3,
      response: null,
    });
    expect(attemptEventSchema.safeParse({ type: 'save', itemId: 'a1', seq: -1, response: 1 }).success).toBe(
      false,
    );
    expect(attemptEventSchema.safeParse({ type: 'submit', reason: 'expired' }).success).toBe(false);
    expect(attemptEventSchema.safeParse({ type: 'extend', ms: 0 }).success).toBe(false);
  });
});

// ---------------------------------------------------------------- properties

const ITEMS = ['a1', 'a2', 'b1', 'constructor', 'zz'];
const eventArb: fc.Arbitrary<AttemptEvent> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ type: 'start' as const }) },
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('save' as const),
      itemId: fc.constantFrom(...ITEMS),
      response: fc.nat(),
      seq: fc.integer({ min: 0, max: 30 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constantFrom('flag' as const, 'unflag' as const),
      itemId: fc.constantFrom(...ITEMS),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('visit' as const),
      itemId: fc.constantFrom(...ITEMS),
      action: fc.constantFrom('enter' as const, 'leave' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('enter-section' as const),
      sectionId: fc.constantFrom('a', 'b', 'c'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('extend' as const), ms: fc.integer({ min: 1, max: min(20) }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('submit' as const),
      reason: fc.constantFrom('student' as const, 'instructor' as const),
    }),
  },
);

/** An event or a settle call, each after a pause (mostly short, sometimes long). */
const stepArb = fc.record({
  wait: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 5000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: min(25) }) },
  ),
  action: fc.oneof(
    { weight: 9, arbitrary: eventArb },
    { weight: 1, arbitrary: fc.constant('settle' as const) },
  ),
});

const attemptArb = fc.record({
  bp: fc.constantFrom(
    blueprint(),
    blueprint({}, [{ mayReturn: false }]),
    perSection(),
    perSection(null, true),
    blueprint({ clock: { limitMinutes: null }, warningMinutes: [] }),
  ),
  factor: fc.constantFrom(1, 1.5, 2),
  window: fc.option(fc.integer({ min: min(10), max: min(200) }), { nil: null }),
});

/** Steps that mostly begin with a start, so most sequences exercise a running attempt. */
const stepsArb = (maxLength: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 4 }), fc.array(stepArb, { maxLength, size: 'max' }))
    .map(([n, steps]) =>
      n > 0 ? [{ wait: 0, action: { type: 'start' } as AttemptEvent }, ...steps] : steps,
    );

const RANK = { ready: 0, 'in-progress': 1, submitted: 2 } as const;

describe('attempt properties', () => {
  it('random event sequences never move backwards, lose an acknowledged save, reuse a seq, or change a submission', () => {
    fc.assert(
      fc.property(attemptArb, stepsArb(60), ({ bp, factor, window }, steps) => {
        let state = createAttempt({
          blueprint: bp,
          exam,
          accommodationFactor: factor,
          windowCloseAt: window === null ? null : T0 + window,
        });
        let now = T0;
        const acknowledged = new Map<string, { response: unknown; seq: number }>();
        let submitted: AttemptState | null = null;
        for (const { wait, action } of steps) {
          now += wait;
          const before = state;
          if (action === 'settle') state = settle(state, now);
          else {
            const result = applyEvent(state, action, now);
            if (result.ok) {
              state = result.state;
              if (
                action.type === 'save' &&
                before.status === 'in-progress' &&
                state.status === 'in-progress'
              ) {
                const last = acknowledged.get(action.itemId);
                // Accepted saves strictly increase in seq per item.
                if (last) expect(action.seq).toBeGreaterThan(last.seq);
                acknowledged.set(action.itemId, { response: action.response, seq: action.seq });
              }
            } else expect(result.error.code).toMatch(/^[a-z-]+$/);
          }
          expect(RANK[state.status]).toBeGreaterThanOrEqual(RANK[before.status]);
          if (submitted) expect(state).toBe(submitted);
          else if (state.status === 'submitted') {
            submitted = state;
            // The submission holds exactly the last acknowledged save of every item.
            const held = Object.fromEntries(
              Object.entries(state.submittedResponses ?? {}).map(([id, s]) => [
                id,
                { response: s.response, seq: s.seq },
              ]),
            );
            expect(held).toEqual(Object.fromEntries(acknowledged));
          }
          // States stay plain JSON.
          expect(JSON.parse(JSON.stringify(state))).toEqual(state);
        }
        if (!submitted) {
          // Time runs out for every timed attempt; the saves survive the expiry.
          const end = settle(state, now + min(100_000));
          if (end.status === 'submitted' && state.status === 'in-progress')
            expect(Object.keys(end.submittedResponses ?? {}).sort()).toEqual([...acknowledged.keys()].sort());
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never accepts work after deadline + grace', () => {
    fc.assert(
      fc.property(attemptArb, stepsArb(40), ({ bp, factor, window }, steps) => {
        let state = createAttempt({
          blueprint: bp,
          exam,
          accommodationFactor: factor,
          windowCloseAt: window === null ? null : T0 + window,
        });
        let now = T0;
        for (const { wait, action } of steps) {
          now += wait;
          if (action === 'settle') continue;
          const due = isDue(state, now);
          const result = applyEvent(state, action, now);
          if (due && action.type !== 'submit') expect(result.ok).toBe(false);
          if (result.ok) state = result.state;
        }
      }),
      { numRuns: 200 },
    );
  });
});
