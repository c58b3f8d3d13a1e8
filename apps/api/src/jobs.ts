/**
 * Background work of the one server process: finalising attempts whose time ran out (so a
 * student who never comes back still gets a result) and dropping expired sessions.
 */
import { deleteExpiredSessions } from '@coderprep/db';
import { finaliseExpiredAttempts } from './attempts/service';
import type { Deps } from './deps';

export interface Job {
  name: string;
  everyMs: number;
  run(deps: Deps): void;
}

export const JOBS: Job[] = [
  {
    name: 'expired-attempts',
    everyMs: 15_000,
    run: (deps) => void finaliseExpiredAttempts(deps),
  },
  {
    name: 'expired-sessions',
    everyMs: 10 * 60_000,
    run: (deps) => void deleteExpiredSessions(deps.db, deps.clock.now()),
  },
];

export function startBackgroundJobs(deps: Deps, jobs: readonly Job[] = JOBS) {
  const timers = jobs.map((job) => {
    const tick = () => {
      try {
        job.run(deps);
      } catch (error) {
        deps.logger.error({ err: error, job: job.name }, 'background job failed');
      }
    };
    tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return { stop: () => timers.forEach(clearInterval) };
}
