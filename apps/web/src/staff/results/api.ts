/** Results requests: an assignment's table, its CSV, and its item analysis. */
import type { AssignmentResults, ExamInfo, ItemAnalysisBody, StudentResult } from '@coderprep/contracts';
import type { ApiClient } from '../../api/client';

export const resultsApi = (client: ApiClient) => ({
  /** The table with every student (the server pages them: 200 at a time). */
  async results(orgId: string, assignmentId: string): Promise<AssignmentResults> {
    const path = `/api/orgs/${orgId}/assignments/${assignmentId}/results`;
    const first = await client.get<AssignmentResults>(path, { limit: 200, offset: 0 });
    const students: StudentResult[] = [...first.students.items];
    while (students.length < first.students.total) {
      const next = await client.get<AssignmentResults>(path, { limit: 200, offset: students.length });
      if (next.students.items.length === 0) break;
      students.push(...next.students.items);
    }
    return { ...first, students: { ...first.students, items: students, limit: students.length, offset: 0 } };
  },
  itemAnalysis: (orgId: string, assignmentId: string) =>
    client.get<ItemAnalysisBody>(`/api/orgs/${orgId}/assignments/${assignmentId}/item-analysis`),
  exam: (orgId: string, examId: string) => client.get<ExamInfo>(`/api/orgs/${orgId}/exams/${examId}`),
});

/** The CSV download address, in the server's nearest order to the table's. */
export function csvHref(orgId: string, assignmentId: string, sort?: { by: string; order: 'asc' | 'desc' }) {
  const base = `/api/orgs/${orgId}/assignments/${assignmentId}/results.csv`;
  const serverSort = sort?.by === 'best' ? 'score' : sort?.by;
  if (!sort || !serverSort || !['name', 'score', 'submittedAt'].includes(serverSort)) return base;
  return `${base}?sort=${serverSort}&order=${sort.order}`;
}
