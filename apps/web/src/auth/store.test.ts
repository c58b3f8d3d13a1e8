import { describe, expect, it, vi } from 'vitest';
import { type ApiClient, ApiError } from '../api/client';
import { createAuthStore, currentMembership } from './store';

const me = {
  user: { id: 'u1', email: 'sam@demo.test', name: 'Sam', createdAt: 0 },
  memberships: [
    { organisationId: 'o1', organisationName: 'One', role: 'student' as const },
    { organisationId: 'o2', organisationName: 'Two', role: 'instructor' as const },
  ],
};

function client(over: Partial<ApiClient>): ApiClient {
  const fail = () => Promise.reject(new Error('unexpected call'));
  return { get: fail, post: fail, put: fail, patch: fail, del: fail, ...over };
}

describe('auth store', () => {
  it('starts unknown, then knows an anonymous visitor from a 401', async () => {
    const store = createAuthStore(
      client({ get: () => Promise.reject(new ApiError(401, 'unauthenticated', 'no')) }),
    );
    expect(store.getState().status).toBe('unknown');
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'anonymous', me: null });
  });

  it('logs in and works in the first program until another is selected', async () => {
    const post = vi.fn(() => Promise.resolve(me));
    const store = createAuthStore(client({ post: post as ApiClient['post'] }));
    await store.getState().login('sam@demo.test', 'secret-password');
    expect(post).toHaveBeenCalledWith('/api/auth/login', {
      email: 'sam@demo.test',
      password: 'secret-password',
    });
    expect(currentMembership(store.getState())?.organisationName).toBe('One');
    store.getState().selectOrganisation('o2');
    expect(currentMembership(store.getState())?.role).toBe('instructor');
  });

  it('forgets the person at logout', async () => {
    const store = createAuthStore(client({ post: (() => Promise.resolve(me)) as ApiClient['post'] }));
    await store.getState().login('sam@demo.test', 'secret-password');
    await store.getState().logout();
    expect(store.getState()).toMatchObject({ status: 'anonymous', me: null, organisationId: null });
  });

  it('passes server errors other than 401 on', async () => {
    const store = createAuthStore(
      client({ get: () => Promise.reject(new ApiError(500, 'internal', 'boom')) }),
    );
    await expect(store.getState().load()).rejects.toThrow('boom');
  });
});
