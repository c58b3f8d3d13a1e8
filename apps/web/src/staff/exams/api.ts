/** Exam requests: presets, banks to draw from, exams, and the supply check. */
import type {
  BankInfo,
  BlueprintSupplyBody,
  CreateExamBody,
  ExamInfo,
  ExamRemoved,
  ItemDetail,
  PresetInfo,
  SupplyReport,
} from '@coderprep/contracts';
import type { ApiClient } from '../../api/client';
import { allPages } from '../admin/api';

interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** What a create or supply body carries (the server checks the whole body). */
export type ExamBody = Omit<CreateExamBody, 'blueprint'> & { blueprint?: unknown };
export type SupplyBody = Omit<BlueprintSupplyBody, 'blueprint'> & { blueprint?: unknown };

export const examsApi = (client: ApiClient) => ({
  presets: () => client.get<{ presets: PresetInfo[] }>('/api/presets').then((r) => r.presets),
  banks: (orgId: string) => allPages((q) => client.get<Page<BankInfo>>(`/api/orgs/${orgId}/banks`, q)),
  exams: (orgId: string, includeArchived = false) =>
    allPages((q) =>
      client.get<Page<ExamInfo>>(`/api/orgs/${orgId}/exams`, {
        ...q,
        includeArchived: String(includeArchived),
      }),
    ),
  exam: (orgId: string, examId: string) => client.get<ExamInfo>(`/api/orgs/${orgId}/exams/${examId}`),
  createExam: (orgId: string, body: ExamBody) => client.post<ExamInfo>(`/api/orgs/${orgId}/exams`, body),
  removeExam: (orgId: string, examId: string) =>
    client.del<ExamRemoved>(`/api/orgs/${orgId}/exams/${examId}`),
  supply: (orgId: string, body: SupplyBody) =>
    client.post<SupplyReport>(`/api/orgs/${orgId}/blueprint-supply`, body),
  item: (orgId: string, bankId: string, itemId: string) =>
    client.get<ItemDetail>(`/api/orgs/${orgId}/banks/${bankId}/items/${itemId}`),
});
