import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test-support';
import { SESSION_COOKIE } from './sessions';

const PASSWORD = 'correct horse battery';
const signup = (agent: ReturnType<ReturnType<typeof createTestApp>['agent']>, email = 'ana@example.test') =>
  agent.post('/api/auth/signup').send({ email, password: PASSWORD, name: 'Ana' });

describe('accounts and sessions', () => {
  it('signs up, is logged in, and reads who they are', async () => {
    const { agent } = createTestApp();
    const a = agent();
    const created = await signup(a, '  Ana@Example.TEST ');
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: 'ana@example.test', name: 'Ana' });
    const me = await a.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email: 'ana@example.test' }, memberships: [] });
    expect(JSON.stringify(me.body)).not.toContain('password');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie that holds no user data', async () => {
    const { agent } = createTestApp();
    const res = await signup(agent());
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain HTTP here; Secure behind TLS
    expect(cookie).not.toContain('ana');
  });

  it('refuses a second account for the same email', async () => {
    const { agent } = createTestApp();
    await signup(agent());
    const again = await signup(agent(), 'ANA@example.test');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email-taken');
  });

  it('validates sign-up fields with field paths', async () => {
    const { agent } = createTestApp();
    const res = await agent().post('/api/auth/signup').send({ email: 'nope', password: 'short', name: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-body');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.name']));
    const long = await agent()
      .post('/api/auth/signup')
      .send({ email: 'b@example.test', password: 'x'.repeat(129), name: 'B' });
    expect(long.body.error.details[0]).toEqual({
      path: 'body.password',
      message: 'must be at most 128 characters',
    });
  });

  it('logs in with a new session id each time and logs out for real', async () => {
    const { agent, app } = createTestApp();
    await signup(agent());
    const a = agent();
    const first = await a.post('/api/auth/login').send({ email: 'ana@example.test', password: PASSWORD });
    expect(first.status).toBe(200);
    const firstCookie = String(first.headers['set-cookie']).split(';')[0];
    const second = await a.post('/api/auth/login').send({ email: 'ana@example.test', password: PASSWORD });
    const secondCookie = String(second.headers['set-cookie']).split(';')[0];
    expect(secondCookie).not.toBe(firstCookie);
    // The replaced session no longer works; the new one does.
    expect((await request(app).get('/api/auth/me').set('Cookie', firstCookie!)).status).toBe(401);
    expect((await request(app).get('/api/auth/me').set('Cookie', secondCookie!)).status).toBe(200);

    const out = await a.post('/api/auth/logout').set('Content-Type', 'application/json');
    expect(out.status).toBe(204);
    expect((await a.get('/api/auth/me')).status).toBe(401);
  });

  it('destroys the session server-side at logout, even if the cookie is replayed', async () => {
    const { agent, app } = createTestApp();
    const res = await signup(agent());
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    await request(app).post('/api/auth/logout').set('Cookie', cookie).set('Content-Type', 'application/json');
    expect((await request(app).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('says the same thing for a wrong password and an unknown email', async () => {
    const { agent } = createTestApp();
    await signup(agent());
    const wrong = await agent()
      .post('/api/auth/login')
      .send({ email: 'ana@example.test', password: 'not the password' });
    const unknown = await agent()
      .post('/api/auth/login')
      .send({ email: 'zed@example.test', password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('throttles repeated failures per account, then lets the person in after the window', async () => {
    const { agent, deps } = createTestApp();
    await signup(agent());
    for (let i = 0; i < 5; i++) {
      await agent()
        .post('/api/auth/login')
        .send({ email: 'ana@example.test', password: `wrong ${i}` });
    }
    const locked = await agent()
      .post('/api/auth/login')
      .send({ email: 'ana@example.test', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too-many-attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    deps.clock.advance(15 * 60_000 + 1);
    const ok = await agent().post('/api/auth/login').send({ email: 'ana@example.test', password: PASSWORD });
    expect(ok.status).toBe(200);
  });

  it('throttles per address across accounts', async () => {
    const { agent } = createTestApp();
    for (let i = 0; i < 30; i++) {
      await agent()
        .post('/api/auth/login')
        .send({ email: `u${i}@example.test`, password: 'whatever password' });
    }
    const res = await agent()
      .post('/api/auth/login')
      .send({ email: 'other@example.test', password: 'whatever password' });
    expect(res.status).toBe(429);
  });
});

describe('CSRF defence and request hygiene', () => {
  it('refuses a write that is not JSON', async () => {
    const { app } = createTestApp();
    const res = await request(app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('email=a@b.c&password=x');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('json-required');
  });

  it('refuses a write from another origin', async () => {
    const { agent } = createTestApp();
    const a = agent();
    await signup(a);
    const res = await a
      .post('/api/auth/logout')
      .set('Origin', 'https://evil.example')
      .set('Content-Type', 'application/json');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross-origin');
    expect((await a.get('/api/auth/me')).status).toBe(200);
  });

  it('accepts a write from its own origin', async () => {
    const { agent } = createTestApp();
    const a = agent();
    const res = await a
      .post('/api/auth/signup')
      .set('Host', 'localhost:3000')
      .set('Origin', 'http://localhost:3000')
      .send({ email: 'o@example.test', password: PASSWORD, name: 'O' });
    expect(res.status).toBe(201);
  });

  it('answers malformed JSON and unknown routes with error bodies carrying a request id', async () => {
    const { app } = createTestApp();
    const bad = await request(app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('malformed-json');
    expect(bad.body.error.requestId).toBe(bad.headers['x-request-id']);
    const missing = await request(app).get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not-found');
  });
});
