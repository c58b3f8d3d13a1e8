/**
 * The simulated students' accounts, inserted straight into the database (one argon2 hash shared
 * by all: hashing a thousand passwords would only time argon2). They then log in and join the
 * demo cohort over HTTP like anyone else.
 */
import { closeDatabase, insertUser, inTransaction, openDatabase } from '@coderprep/db';
import { hashPassword } from '../src/auth/passwords';
import { systemClock } from '../src/clock';

export interface StudentAccount {
  index: number;
  userId: string;
  email: string;
  password: string;
}

export const LOADTEST_PASSWORD = 'loadtest-password-1234';

const pad = (n: number) => String(n).padStart(4, '0');

/** Inserts `count` students (emails loadtest-0001@loadtest.test ...) into the database file. */
export async function createStudentAccounts(
  dbFile: string,
  count: number,
  newId: () => string,
): Promise<StudentAccount[]> {
  const passwordHash = await hashPassword(LOADTEST_PASSWORD);
  const accounts: StudentAccount[] = Array.from({ length: count }, (_, i) => ({
    index: i,
    userId: newId(),
    email: `loadtest-${pad(i + 1)}@loadtest.test`,
    password: LOADTEST_PASSWORD,
  }));
  const db = openDatabase({ file: dbFile, migrate: false });
  try {
    inTransaction(db, () => {
      for (const account of accounts)
        insertUser(db, {
          id: account.userId,
          email: account.email,
          name: `Load Test ${pad(account.index + 1)}`,
          passwordHash,
          createdAt: systemClock.now(),
        });
    });
  } finally {
    closeDatabase(db);
  }
  return accounts;
}
