/**
 * An acknowledged save survives the process dying: the real server (child process, fresh data
 * folder) is killed with SIGKILL the moment the last save is acknowledged (with more saves still
 * in flight), restarted on the same folder, and the student finds every acknowledged answer with
 * its seq, in the same open attempt.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_STUDENT_EMAIL, demoPassword, findCpcAssignment } from '../../loadtest/demo';
import { createAgent, type HttpResult, request, sessionCookie, type Target } from '../../loadtest/http';
import { killAllServers, type RunningServer, startServer } from '../../loadtest/server-process';

const dataDir = mkdtempSync(join(tmpdir(), 'coderprep-kill-'));
const agent = createAgent();
afterAll(() => {
  agent.destroy();
  killAllServers();
  rmSync(dataDir, { recursive: true, force: true });
});

interface View {
  id: string;
  status: string;
  items: {
    itemId: string;
    item: { options?: { id: string }[] };
    response: { choice?: string } | null;
    seq: number;
  }[];
}

describe('a SIGKILL right after a save', () => {
  it('loses no acknowledged answer and resumes the same attempt', { timeout: 120_000 }, async () => {
    let server: RunningServer = await startServer({ dataDir, demo: true });
    const target: Target = { url: server.url };
    const assignmentId = await findCpcAssignment(target);
    const login = await request(agent, target, 'POST', '/api/auth/login', {
      body: { email: DEMO_STUDENT_EMAIL, password: demoPassword() },
    });
    const cookie = sessionCookie(login.headers) as string;
    expect(login.status).toBe(200);

    const started = await request(agent, target, 'POST', `/api/assignments/${assignmentId}/attempts`, {
      cookie,
    });
    expect(started.status).toBe(201);
    const view = JSON.parse(started.body) as View;
    expect(view.items).toHaveLength(100);

    // What the server acknowledged, per item; and every save sent (acknowledged or not).
    const acked = new Map<string, { seq: number; choice: string }>();
    const sent = new Map<string, Map<number, string>>();
    const save = async (itemId: string, choice: string, seq: number): Promise<HttpResult | null> => {
      if (!sent.has(itemId)) sent.set(itemId, new Map());
      sent.get(itemId)?.set(seq, choice);
      try {
        const result = await request(
          agent,
          target,
          'PUT',
          `/api/attempts/${view.id}/items/${itemId}/response`,
          {
            cookie,
            body: { response: { type: 'multiple-choice', choice }, seq },
          },
        );
        if (result.status === 200) acked.set(itemId, { seq, choice });
        return result;
      } catch {
        return null; // the process died under this one: not acknowledged
      }
    };
    const options = (i: number) => (view.items[i]?.item.options ?? []).map((o) => o.id);

    // 60 items answered one after another, 15 of them changed (seq 2, then 3 for five).
    for (let i = 0; i < 60; i++)
      expect((await save(view.items[i]!.itemId, options(i)[0]!, 1))?.status).toBe(200);
    for (let i = 0; i < 15; i++)
      expect((await save(view.items[i]!.itemId, options(i)[1]!, 2))?.status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await save(view.items[i]!.itemId, options(i)[2]!, 3))?.status).toBe(200);

    // A burst of 20 saves in flight; kill the server the instant the first of them is acknowledged.
    let killed: Promise<void> | undefined;
    const burst = view.items.slice(60, 80).map((entry, k) =>
      save(entry.itemId, options(60 + k)[3] ?? options(60 + k)[0]!, 1).then((result) => {
        if (result?.status === 200) killed ??= server.kill();
        return result;
      }),
    );
    await Promise.all(burst);
    await killed;
    expect(server.child.signalCode).toBe('SIGKILL');
    const acknowledged = new Map(acked);
    expect(acknowledged.size).toBeGreaterThanOrEqual(61);

    // Same folder, same port: the student's cookie still works (sessions live in the database).
    server = await startServer({ dataDir, demo: true, port: server.port });
    const resumed = await request(agent, target, 'POST', `/api/assignments/${assignmentId}/attempts`, {
      cookie,
    });
    expect(resumed.status).toBe(200); // resumed, not created
    const after = JSON.parse(resumed.body) as View;
    expect(after.id).toBe(view.id);
    expect(after.status).toBe('in-progress');

    const stored = new Map(after.items.map((entry) => [entry.itemId, entry]));
    for (const [itemId, ack] of acknowledged) {
      const entry = stored.get(itemId);
      expect(entry?.seq, itemId).toBe(ack.seq);
      expect(entry?.response?.choice, itemId).toBe(ack.choice);
    }
    // Anything else stored is a save that was really sent (in flight when the process died).
    for (const entry of after.items.filter((e) => !acknowledged.has(e.itemId) && e.seq > 0))
      expect(sent.get(entry.itemId)?.get(entry.seq)).toBe(entry.response?.choice);

    const mine = await request(agent, target, 'GET', '/api/me/attempts', { cookie });
    expect((JSON.parse(mine.body) as { total: number }).total).toBe(1);

    // The student carries on above the stored seq.
    const next = await save(view.items[0]!.itemId, options(0)[3]!, 4);
    expect(next?.status).toBe(200);
    await server.stop();
  });
});
