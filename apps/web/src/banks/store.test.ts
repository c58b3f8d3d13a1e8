import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { banksApi, type ItemBody, itemListQuery } from './api';
import { fromBody } from './draft';
import { createBankListStore, createBankStore, createItemEditorStore, updateIn } from './store';
import { BANK, BANK_PATH, detail, fakeClient, mcBody, ORG, STATS } from './test-utils';

const BANKS = `/api/orgs/${ORG}/banks`;
const ITEMS = `${BANK_PATH}/items`;

describe('item list query', () => {
  it('leaves out empty filters and defaults to active items, first page', () => {
    expect(itemListQuery({ q: '  ', tag: '', domain: undefined })).toEqual({
      q: undefined,
      domain: undefined,
      tag: undefined,
      type: undefined,
      status: 'active',
      limit: 25,
      offset: 0,
    });
  });

  it('sends every filter the person set', () => {
    expect(
      itemListQuery({
        q: ' radius ',
        domain: 'surgery-20000',
        tag: 'fracture',
        type: 'fill-in',
        status: 'archived',
        offset: 50,
      }),
    ).toEqual({
      q: 'radius',
      domain: 'surgery-20000',
      tag: 'fracture',
      type: 'fill-in',
      status: 'archived',
      limit: 25,
      offset: 50,
    });
  });
});

describe('bank list store', () => {
  it('lists, creates and renames banks', async () => {
    const { client, calls } = fakeClient({
      [`GET ${BANKS}`]: { items: [BANK], total: 1, limit: 50, offset: 0 },
      [`POST ${BANKS}`]: (body) => ({ ...BANK, id: 'bk2', ...(body as object), itemCount: 0 }),
      [`PATCH ${BANK_PATH}`]: (body) => ({ ...BANK, ...(body as object) }),
    });
    const store = createBankListStore(banksApi(client, ORG));
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'ready', total: 1 });
    await store.getState().create('CCS scenarios', '');
    await store.getState().rename('bk1', 'CPC surgery 2026');
    expect(store.getState().banks.map((b) => b.name)).toEqual(['CPC surgery 2026', 'CCS scenarios']);
    expect(calls.map((c) => [c.method, c.body])).toEqual([
      ['GET', undefined],
      ['POST', { name: 'CCS scenarios', description: '' }],
      ['PATCH', { name: 'CPC surgery 2026' }],
    ]);
  });

  it('knows a refusal (403) from a failure', async () => {
    const { client } = fakeClient({
      [`GET ${BANKS}`]: () => {
        throw new ApiError(403, 'forbidden', 'You do not have access to this.');
      },
    });
    const store = createBankListStore(banksApi(client, ORG));
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'forbidden', error: 'You do not have access to this.' });
  });
});

describe('bank store', () => {
  it('asks for the filtered page and ignores an older, slower answer', async () => {
    const answers: ((page: object) => void)[] = [];
    const { client, calls } = fakeClient({
      [`GET ${ITEMS}`]: () => new Promise((resolve) => answers.push(resolve)),
    });
    const store = createBankStore(banksApi(client, ORG), BANK.id);
    const first = store.getState().list({ q: 'old' });
    const second = store.getState().list({ q: 'new', type: 'multiple-choice' });
    answers[1]?.({ items: [{ id: 'new' }], total: 1, limit: 25, offset: 0 });
    await second;
    answers[0]?.({ items: [{ id: 'old' }], total: 9, limit: 25, offset: 0 });
    await first;
    expect(store.getState().items).toEqual([{ id: 'new' }]);
    expect(calls[1]?.query).toMatchObject({ q: 'new', type: 'multiple-choice', status: 'active' });
  });

  it("shows the server's message when a used item is archived instead of deleted", async () => {
    const row = { ...detail(mcBody), versions: undefined };
    const { client } = fakeClient({
      [`GET ${ITEMS}`]: { items: [row], total: 1, limit: 25, offset: 0 },
      [`GET ${BANK_PATH}`]: BANK,
      [`GET ${BANK_PATH}/stats`]: STATS,
      [`DELETE ${ITEMS}/it1`]: {
        archived: true,
        message: 'The item was used in attempts, so it was archived.',
      },
    });
    const store = createBankStore(banksApi(client, ORG), BANK.id);
    await store.getState().list({});
    await store.getState().remove(store.getState().items[0] as never);
    expect(store.getState().notice).toEqual({
      kind: 'ok',
      text: 'cpc-001: The item was used in attempts, so it was archived.',
    });
  });
});

describe('item editor store', () => {
  it('does not send an item with problems it can see, and says where they are', async () => {
    const { client, calls } = fakeClient({});
    const store = createItemEditorStore({ api: banksApi(client, ORG), bankId: BANK.id });
    expect(await store.getState().save()).toBeNull();
    expect(calls).toEqual([]);
    expect(store.getState().errors).toMatchObject({
      id: 'must not be empty',
      stem: 'must not be empty',
      key: 'choose the correct option',
    });
    store.getState().set(['id'], 'x1', 'id');
    expect(store.getState().errors.id).toBeUndefined();
  });

  it('drops messages of fields a type change removed, and the summary once no message is left', async () => {
    const { client } = fakeClient({});
    const store = createItemEditorStore({ api: banksApi(client, ORG), bankId: BANK.id });
    store.getState().set(['type'], 'fill-in', 'type');
    expect(await store.getState().save()).toBeNull();
    const blankPaths = Object.keys(store.getState().errors).filter((p) => p.startsWith('key.'));
    expect(blankPaths.length).toBeGreaterThan(0);
    store.getState().set(['type'], 'scenario', 'type');
    const { errors } = store.getState();
    expect(Object.keys(errors).filter((p) => p.startsWith('key.') || p.startsWith('blanks.'))).toEqual([]);
    expect(errors).toMatchObject({ id: 'must not be empty', stem: 'must not be empty' });
    expect(store.getState().saveError).toMatch(/correct the fields listed/);

    for (const path of Object.keys(errors)) store.getState().edit(path.split('.'), (v) => v, path);
    expect(store.getState().errors).toEqual({});
    expect(store.getState().saveError).toBeNull();
  });

  it("keeps a server's message that names no field", async () => {
    const { client } = fakeClient({
      [`POST ${ITEMS}`]: () => {
        throw new ApiError(500, 'internal', 'Something broke.');
      },
    });
    const store = createItemEditorStore({ api: banksApi(client, ORG), bankId: BANK.id });
    store.getState().replace(fromBody(mcBody));
    await store.getState().save();
    store.getState().set(['stem'], 'Changed', 'stem');
    expect(store.getState().saveError).toMatch(/Something broke/);
  });

  it("maps the server's field errors (body.… paths) onto fields", async () => {
    const { client } = fakeClient({
      [`POST ${ITEMS}`]: () => {
        throw new ApiError(400, 'invalid-key', 'The item key has codes that cannot be graded.', [
          { path: 'body.options.2.text', message: 'must not be empty' },
        ]);
      },
    });
    const store = createItemEditorStore({ api: banksApi(client, ORG), bankId: BANK.id });
    store.getState().replace(fromBody(mcBody));
    expect(await store.getState().save()).toBeNull();
    expect(store.getState().errors).toEqual({ 'options.2.text': 'must not be empty' });
    expect(store.getState().saveError).toMatch(/cannot be graded/);
  });

  it('puts a clash of item ids on the id field', async () => {
    const { client } = fakeClient({
      [`POST ${ITEMS}`]: () => {
        throw new ApiError(
          409,
          'external-id-taken',
          'An item with id "cpc-001" already exists in this bank.',
        );
      },
    });
    const store = createItemEditorStore({ api: banksApi(client, ORG), bankId: BANK.id });
    store.getState().replace(fromBody(mcBody));
    await store.getState().save();
    expect(store.getState().errors.id).toMatch(/already exists/);
  });

  it('saves a key change as a new version and offers to regrade the old one', async () => {
    const v2 = detail(mcBody);
    const v3 = detail({ ...mcBody, version: 3, key: 'B' } as ItemBody);
    const { client, calls } = fakeClient({
      [`GET ${ITEMS}/it1`]: v2,
      [`PUT ${ITEMS}/it1`]: { item: v3, warnings: [{ path: 'body.key', message: 'check it' }] },
      [`POST /api/orgs/${ORG}/items/it1/regrade`]: {
        itemId: 'it1',
        fromVersion: 2,
        toVersion: 3,
        regraded: 1,
        changes: [],
        inProgress: 0,
      },
    });
    const store = createItemEditorStore({ api: banksApi(client, ORG), bankId: BANK.id, itemId: 'it1' });
    await store.getState().load();
    store
      .getState()
      .edit(['options'], (options) =>
        (options as { correct: boolean }[]).map((o, i) => ({ ...o, correct: i === 1 })),
      );
    expect(store.getState().dirty).toBe(true);
    await store.getState().save();
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ key: 'B' });
    expect(store.getState()).toMatchObject({
      saved: { version: 3, created: false, keyChangedFrom: 2 },
      warnings: [{ path: 'key', message: 'check it' }],
      regrade: { status: 'idle', fromVersion: 2 },
      dirty: false,
    });
    await store.getState().runRegrade(2);
    expect(calls.at(-1)).toMatchObject({ method: 'POST', body: { fromVersion: 2 } });
    expect(store.getState().regrade).toMatchObject({ status: 'done', result: { regraded: 1 } });
  });

  it('opens an old version read-only and can copy it into the draft', async () => {
    const old = { ...mcBody, version: 1, stem: 'The first wording' };
    const { client } = fakeClient({
      [`GET ${ITEMS}/it1`]: detail(mcBody),
      [`GET ${ITEMS}/it1/versions/1`]: {
        itemId: 'it1',
        version: 1,
        createdAt: 5,
        createdBy: null,
        body: old,
      },
    });
    const store = createItemEditorStore({ api: banksApi(client, ORG), bankId: BANK.id, itemId: 'it1' });
    await store.getState().load();
    await store.getState().viewVersion(1);
    expect(store.getState().viewing).toMatchObject({ version: 1, body: { stem: 'The first wording' } });
    expect(store.getState().draft.stem).toBe(mcBody.stem);
    store.getState().copyViewedToDraft();
    expect(store.getState()).toMatchObject({
      viewing: null,
      dirty: true,
      draft: { stem: 'The first wording' },
    });
  });
});

describe('updateIn', () => {
  it('copies along the path and leaves the rest shared', () => {
    const before = { a: [{ b: 1 }, { b: 2 }], c: { d: 1 } };
    const after = updateIn(before, ['a', 1, 'b'], () => 3);
    expect(after).toEqual({ a: [{ b: 1 }, { b: 3 }], c: { d: 1 } });
    expect(after.c).toBe(before.c);
    expect(after.a[0]).toBe(before.a[0]);
    expect(before.a[1]?.b).toBe(2);
  });
});
