import type { ImportPreview } from '@coderprep/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { ImportsApi } from './api';
import { canCommit, checkOptions, createImportStore } from './store';

const preview = (fileName: string, over: Partial<ImportPreview> = {}): ImportPreview => ({
  fileName,
  format: 'gift',
  recognised: 1,
  items: [],
  warnings: [],
  errors: [],
  duplicates: [],
  keyWarnings: [],
  newItems: 1,
  ready: true,
  ...over,
});

function fakeApi(over: Partial<ImportsApi> = {}) {
  return {
    getBank: vi.fn(),
    preview: vi.fn(async (body: { fileName: string }) => preview(body.fileName)),
    commit: vi.fn(),
    exportReport: vi.fn(),
    exportUrl: vi.fn(),
    ...over,
  } as unknown as ImportsApi & { preview: ReturnType<typeof vi.fn>; commit: ReturnType<typeof vi.fn> };
}

const file = (name: string, text = 'x') => new File([text], name);

describe('the import store', () => {
  it('drops the answer to an older file when another was chosen meanwhile', async () => {
    const answers: ((p: ImportPreview) => void)[] = [];
    const api = fakeApi({
      preview: vi.fn(() => new Promise<ImportPreview>((resolve) => answers.push(resolve))),
    });
    const store = createImportStore(api);
    const first = store.getState().chooseFile(file('a.gift'));
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    const second = store.getState().chooseFile(file('b.gift'));
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]?.(preview('b.gift'));
    answers[0]?.(preview('a.gift'));
    await Promise.all([first, second]);
    expect(store.getState().preview?.fileName).toBe('b.gift');
    expect(store.getState().file?.name).toBe('b.gift');
  });

  it('allows a commit only after a preview without errors', async () => {
    const api = fakeApi({
      preview: vi.fn(async () => preview('a.gift', { ready: false, errors: [{ line: 3, message: 'bad' }] })),
    });
    const store = createImportStore(api);
    await store.getState().chooseFile(file('a.gift'));
    expect(store.getState().status).toBe('previewed');
    expect(canCommit(store.getState())).toBe(false);
    await store.getState().commit();
    expect(api.commit).not.toHaveBeenCalled();
  });

  it('allows no commit when every item is a duplicate (nothing new)', async () => {
    const api = fakeApi({ preview: vi.fn(async () => preview('a.gift', { newItems: 0 })) });
    const store = createImportStore(api);
    await store.getState().chooseFile(file('a.gift'));
    expect(canCommit(store.getState())).toBe(false);
  });

  it('does not send an empty file', async () => {
    const api = fakeApi();
    const store = createImportStore(api);
    await store.getState().chooseFile(file('empty.csv', ''));
    expect(store.getState().failure).toMatchObject({
      phase: 'file',
      message: expect.stringContaining('is empty'),
    });
    expect(api.preview).not.toHaveBeenCalled();
  });

  it('a changed format drops the preview; the next preview sends it', async () => {
    const api = fakeApi();
    const store = createImportStore(api);
    await store.getState().chooseFile(file('quiz.txt', 'Q?\nA. a\nB. b\nANSWER: A\n'));
    store.getState().setFormat('aiken');
    expect(store.getState()).toMatchObject({ status: 'ready', preview: null });
    await store.getState().runPreview();
    expect(api.preview).toHaveBeenLastCalledWith({
      fileName: 'quiz.txt',
      contentBase64: btoa('Q?\nA. a\nB. b\nANSWER: A\n'),
      format: 'aiken',
    });
  });

  it('puts the server field messages on their option fields', async () => {
    const { ApiError } = await import('../api/client');
    const api = fakeApi({
      preview: vi.fn(async () => {
        throw new ApiError(400, 'validation', 'Invalid request.', [
          { path: 'body.options.domain', message: 'a lower-case slug, e.g. surgery-20000' },
        ]);
      }),
    });
    const store = createImportStore(api);
    await store.getState().chooseFile(file('a.gift'));
    expect(store.getState().fieldErrors).toEqual({ domain: 'a lower-case slug, e.g. surgery-20000' });
    expect(store.getState().failure?.phase).toBe('preview');
  });
});

describe('checkOptions', () => {
  it('leaves empty fields to the server and checks the rest as the contract does', () => {
    expect(checkOptions({ domain: '', codeSetYear: ' ', idPrefix: '' })).toEqual({ options: {} });
    expect(checkOptions({ domain: 'surgery-20000', codeSetYear: '2026', idPrefix: 'cardio.v2' })).toEqual({
      options: { domain: 'surgery-20000', codeSetYear: 2026, idPrefix: 'cardio.v2' },
    });
    const bad = checkOptions({ domain: 'Surgery', codeSetYear: '26', idPrefix: '-x' });
    expect('errors' in bad && Object.keys(bad.errors).sort()).toEqual(['codeSetYear', 'domain', 'idPrefix']);
  });
});
