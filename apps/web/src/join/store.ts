/**
 * Joining a cohort with the code an instructor gave out. The server checks the code and throttles
 * wrong guesses; this store keeps its refusal apart by kind, so the page can mark the code field
 * for a wrong code and show a plain alert when the student must wait.
 */
import type { JoinCohortResult } from '@coderprep/contracts';
import { createStore } from 'zustand/vanilla';
import { type ApiClient, ApiError, api, fieldErrors } from '../api/client';
import { messageOf } from '../results/errors';
import { joinCohort } from './api';

export type JoinErrorKind = 'invalid-code' | 'throttled' | 'other';

export interface JoinState {
  status: 'idle' | 'joining' | 'joined' | 'error';
  error: { kind: JoinErrorKind; message: string } | null;
  result: JoinCohortResult | null;
  /** Joins with a code as typed (spaces and case do not matter): the result, or null when refused. */
  join(code: string): Promise<JoinCohortResult | null>;
}

/** The code as the server reads it: no spaces or dashes, upper case. */
export const normaliseCode = (code: string) => code.replace(/[\s-]+/g, '').toUpperCase();

/** A fresh join store. */
export function createJoinStore(client: ApiClient = api) {
  return createStore<JoinState>()((set, get) => ({
    status: 'idle',
    error: null,
    result: null,
    async join(typed) {
      if (get().status === 'joining') return null;
      const code = normaliseCode(typed);
      if (code === '') {
        set({ status: 'error', error: { kind: 'invalid-code', message: 'Enter the join code.' } });
        return null;
      }
      set({ status: 'joining', error: null });
      try {
        const result = await joinCohort(client, code);
        set({ status: 'joined', result });
        return result;
      } catch (error) {
        let kind: JoinErrorKind = 'other';
        let message = messageOf(error);
        if (error instanceof ApiError) {
          if (error.code === 'invalid-join-code') kind = 'invalid-code';
          else if (error.status === 429) kind = 'throttled';
          else if (error.status === 400) {
            kind = 'invalid-code';
            const field = fieldErrors(error).code;
            if (field) message = `${field.charAt(0).toUpperCase()}${field.slice(1)}.`;
          }
        }
        set({ status: 'error', error: { kind, message } });
        return null;
      }
    },
  }));
}

export type JoinStore = ReturnType<typeof createJoinStore>;
