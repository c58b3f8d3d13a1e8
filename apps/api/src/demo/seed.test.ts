import { banks, exams, items } from '@coderprep/db';
import { count } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createTestDeps } from '../test-support';
import { DEMO_ACCOUNTS, DEMO_JOIN_CODE, seedDemo } from './seed';

describe('demo seed', () => {
  it('seeds a program, the bundled banks, preset exams and open assignments, once', async () => {
    const deps = createTestDeps();
    const seed = await seedDemo(deps);
    expect(seed).not.toBeNull();
    expect(deps.db.select({ n: count() }).from(banks).get()?.n).toBe(3);
    expect(deps.db.select({ n: count() }).from(items).get()?.n).toBeGreaterThanOrEqual(550);
    expect(deps.db.select({ n: count() }).from(exams).get()?.n).toBe(4);
    expect(seed?.joinCode).toBe(DEMO_JOIN_CODE);
    // A second start on the same database seeds nothing.
    expect(await seedDemo(deps)).toBeNull();
  });

  it('lets every demo account log in with the demo password, and the student start the CPC mock', async () => {
    const deps = createTestDeps();
    const seed = await seedDemo(deps);
    const app = createApp(deps);
    for (const account of DEMO_ACCOUNTS) {
      const res = await request(app)
        .post('/api/auth/login')
        .send({ email: account.email, password: deps.config.demoPassword });
      expect(res.status).toBe(200);
      expect(res.body.memberships).toEqual([expect.objectContaining({ role: account.role })]);
    }
    const student = request.agent(app);
    await student
      .post('/api/auth/login')
      .send({ email: 'student@demo.test', password: deps.config.demoPassword });
    const started = await student
      .post(`/api/assignments/${seed?.assignmentIds.cpc}/attempts`)
      .set('Content-Type', 'application/json');
    expect(started.status).toBe(201);
    const attempt = await student.get(`/api/attempts/${started.body.id}`);
    expect(attempt.status).toBe(200);
    expect(JSON.stringify(attempt.body)).not.toContain('"rationale"');
  });
});
