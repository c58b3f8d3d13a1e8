/** Program admin requests: members and their roles, new programs. */
import type { OrganisationInfo, OrgMember, Role } from '@coderprep/contracts';
import type { ApiClient } from '../../api/client';

interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Every page of a list, 200 at a time. */
export async function allPages<T>(
  fetchPage: (query: { limit: number; offset: number }) => Promise<Page<T>>,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await fetchPage({ limit: 200, offset });
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total) return out;
  }
}

export const adminApi = (client: ApiClient) => ({
  members: (orgId: string) => allPages((q) => client.get<Page<OrgMember>>(`/api/orgs/${orgId}/members`, q)),
  addMember: (orgId: string, email: string, role: Role) =>
    client.post<OrgMember>(`/api/orgs/${orgId}/members`, { email, role }),
  changeRole: (orgId: string, userId: string, role: Role) =>
    client.patch<OrgMember>(`/api/orgs/${orgId}/members/${userId}`, { role }),
  removeMember: (orgId: string, userId: string) => client.del<void>(`/api/orgs/${orgId}/members/${userId}`),
  createProgram: (name: string) => client.post<OrganisationInfo>('/api/orgs', { name }),
});
