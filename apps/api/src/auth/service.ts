/** Sign-up and login rules: unique emails, argon2id hashes, throttled failures. */

import type { Me, SignupBody } from '@coderprep/contracts';
import { findUserByEmail, insertUser, listMembershipsOfUser, type UserRow } from '@coderprep/db';
import type { Deps } from '../deps';
import { ApiError, conflict } from '../http/errors';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { ACCOUNT_RULE, ADDRESS_RULE, createThrottle, type Throttle } from './throttle';

export interface AuthService {
  signup(body: SignupBody): Promise<UserRow>;
  /** The person, or throws 401 invalid-credentials / 429 too-many-attempts. */
  login(email: string, password: string, address: string): Promise<UserRow>;
  me(user: { id: string; email: string; name: string; createdAt: number }): Me;
}

export function createAuthService(deps: Deps): AuthService {
  const perAccount: Throttle = createThrottle(ACCOUNT_RULE, deps.clock);
  const perAddress: Throttle = createThrottle(ADDRESS_RULE, deps.clock);

  const throttled = (wait: number) =>
    new ApiError(
      429,
      'too-many-attempts',
      `Too many failed logins. Try again in ${Math.ceil(wait / 60_000)} minute(s).`,
      undefined,
      { 'Retry-After': String(Math.ceil(wait / 1000)) },
    );

  return {
    async signup(body) {
      if (findUserByEmail(deps.db, body.email)) {
        throw conflict('email-taken', 'An account with this email already exists. Log in instead.');
      }
      const row: UserRow = {
        id: deps.newId(),
        email: body.email,
        name: body.name,
        passwordHash: await hashPassword(body.password),
        createdAt: deps.clock.now(),
      };
      try {
        insertUser(deps.db, row);
      } catch (error) {
        // Two sign-ups for one email in parallel: the unique index decides.
        if (String(error).includes('UNIQUE'))
          throw conflict('email-taken', 'An account with this email already exists.');
        throw error;
      }
      return row;
    },

    async login(email, password, address) {
      const wait = Math.max(perAccount.retryAfter(email), perAddress.retryAfter(address));
      if (wait > 0) throw throttled(wait);
      const user = findUserByEmail(deps.db, email);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!user || !ok) {
        perAccount.fail(email);
        perAddress.fail(address);
        throw new ApiError(401, 'invalid-credentials', 'The email or password is not right.');
      }
      perAccount.reset(email);
      return user;
    },

    me(user) {
      const { id, email, name, createdAt } = user;
      return { user: { id, email, name, createdAt }, memberships: listMembershipsOfUser(deps.db, id) };
    },
  };
}
