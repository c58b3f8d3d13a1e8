/** What the harness and the ops tests need to know about the demo program (src/demo/seed.ts). */
import { DEMO_ACCOUNTS, DEMO_JOIN_CODE } from '../src/demo/seed';
import { createAgent, request, sessionCookie, type Target } from './http';

export { DEMO_JOIN_CODE };
export const DEMO_STUDENT_EMAIL =
  DEMO_ACCOUNTS.find((a) => a.role === 'student')?.email ?? 'student@demo.test';
export const demoPassword = (): string => process.env.DEMO_PASSWORD || 'coderprep-demo';

/** The demo's CPC mock assignment (100 items), as the demo student's assignment list shows it. */
export async function findCpcAssignment(target: Target): Promise<string> {
  const agent = createAgent();
  try {
    const login = await request(agent, target, 'POST', '/api/auth/login', {
      body: { email: DEMO_STUDENT_EMAIL, password: demoPassword() },
    });
    const cookie = sessionCookie(login.headers);
    if (login.status !== 200 || !cookie) throw new Error(`demo login failed: ${login.status} ${login.body}`);
    const list = await request(agent, target, 'GET', '/api/me/assignments', { cookie });
    const items = (
      JSON.parse(list.body) as { items: { assignmentId: string; examName: string; mode: string }[] }
    ).items;
    const cpc = items.find((a) => a.mode === 'exam' && a.examName.startsWith('CPC'));
    if (!cpc) throw new Error(`no CPC mock among the demo assignments: ${list.body.slice(0, 300)}`);
    return cpc.assignmentId;
  } finally {
    agent.destroy();
  }
}
