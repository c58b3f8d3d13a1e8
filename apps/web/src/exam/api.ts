/**
 * The exam screen's calls to the server, typed by the contracts. Everything goes through the
 * app's ApiClient, so a request that never reached the server is a NetworkError the autosave
 * queue can hold and retry.
 */
import type {
  AttemptResult,
  AttemptView,
  GradeView,
  SavedResponse,
  SaveResponseBody,
} from '@coderprep/contracts';
import type { ApiClient } from '../api/client';

export type { AttemptResult, AttemptView, GradeView, SavedResponse };
export type AttemptItemView = AttemptView['items'][number];
export type AttemptSectionView = AttemptView['sections'][number];
export type StudentItem = AttemptItemView['item'];
/** A response as the engine takes it (exactly as typed). */
export type ExamResponse = SaveResponseBody['response'];
export type ScenarioItem = Extract<StudentItem, { type: 'scenario' }>;
export type SubItem = ScenarioItem['subItems'][number];
/** A question that takes an answer directly: a non-scenario item or a scenario's sub-item. */
export type Question = Exclude<StudentItem, ScenarioItem> | SubItem;
export type Blank = Extract<Question, { type: 'fill-in' }>['blanks'][number];
export type SubResponse = Extract<ExamResponse, { type: 'scenario' }>['subResponses'][string];
export type BlankResponse = Extract<ExamResponse, { type: 'fill-in' }>['blanks'][string];

const base = (attemptId: string) => `/api/attempts/${encodeURIComponent(attemptId)}`;

export function examApi(client: ApiClient) {
  return {
    attempt: (attemptId: string) => client.get<AttemptView>(base(attemptId)),
    save: (attemptId: string, itemId: string, body: SaveResponseBody) =>
      client.put<SavedResponse>(`${base(attemptId)}/items/${encodeURIComponent(itemId)}/response`, body),
    flag: (attemptId: string, itemId: string, flagged: boolean) =>
      client.put<{ itemId: string; flagged: boolean }>(
        `${base(attemptId)}/items/${encodeURIComponent(itemId)}/flag`,
        { flagged },
      ),
    visit: (attemptId: string, itemId: string, action: 'enter' | 'leave') =>
      client.post<unknown>(`${base(attemptId)}/visits`, { itemId, action }),
    enterSection: (attemptId: string, sectionId: string) =>
      client.post<AttemptView>(`${base(attemptId)}/sections/${encodeURIComponent(sectionId)}/enter`),
    submit: (attemptId: string) => client.post<AttemptResult>(`${base(attemptId)}/submit`),
    result: (attemptId: string) => client.get<AttemptResult>(`${base(attemptId)}/result`),
  };
}

export type ExamApi = ReturnType<typeof examApi>;
