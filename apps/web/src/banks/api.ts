/** Bank and item requests of the current program (staff only: banks hold answer keys). */
import type {
  BankInfo,
  BankStats,
  CreateBankBody,
  ItemDetail,
  ItemRemoved,
  ItemRow,
  ItemSaved,
  ItemStatus,
  ItemVersion,
  RegradeResult,
  UpdateBankBody,
} from '@coderprep/contracts';
import type { ApiClient } from '../api/client';

/** An authored item body (the engine's native item format). */
export type ItemBody = ItemRow['body'];
export type ItemType = ItemBody['type'];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** The item list's search and filters, as the URL and the server name them. */
export interface ItemFilters {
  q?: string | undefined;
  domain?: string | undefined;
  tag?: string | undefined;
  type?: ItemType | undefined;
  status?: ItemStatus | undefined;
  offset?: number | undefined;
}

export const ITEMS_PER_PAGE = 25;

/** The query string of an item list request: empty filters are left out. */
export function itemListQuery(filters: ItemFilters, limit = ITEMS_PER_PAGE) {
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  return {
    q: text(filters.q),
    domain: text(filters.domain),
    tag: text(filters.tag),
    type: filters.type,
    status: filters.status ?? 'active',
    limit,
    offset: filters.offset && filters.offset > 0 ? filters.offset : 0,
  };
}

/** The requests of one program's banks. */
export function banksApi(client: ApiClient, orgId: string) {
  const banks = `/api/orgs/${encodeURIComponent(orgId)}/banks`;
  const bank = (bankId: string) => `${banks}/${encodeURIComponent(bankId)}`;
  const item = (bankId: string, itemId: string) => `${bank(bankId)}/items/${encodeURIComponent(itemId)}`;
  return {
    listBanks: (offset = 0, limit = 50) => client.get<Page<BankInfo>>(banks, { limit, offset }),
    createBank: (body: CreateBankBody) => client.post<BankInfo>(banks, body),
    updateBank: (bankId: string, body: UpdateBankBody) => client.patch<BankInfo>(bank(bankId), body),
    getBank: (bankId: string) => client.get<BankInfo>(bank(bankId)),
    stats: (bankId: string) => client.get<BankStats>(`${bank(bankId)}/stats`),
    listItems: (bankId: string, filters: ItemFilters) =>
      client.get<Page<ItemRow>>(`${bank(bankId)}/items`, itemListQuery(filters)),
    getItem: (bankId: string, itemId: string) => client.get<ItemDetail>(item(bankId, itemId)),
    getVersion: (bankId: string, itemId: string, version: number) =>
      client.get<ItemVersion>(`${item(bankId, itemId)}/versions/${version}`),
    createItem: (bankId: string, body: unknown) => client.post<ItemSaved>(`${bank(bankId)}/items`, body),
    updateItem: (bankId: string, itemId: string, body: unknown) =>
      client.put<ItemSaved>(item(bankId, itemId), body),
    removeItem: (bankId: string, itemId: string) => client.del<ItemRemoved>(item(bankId, itemId)),
    archiveItem: (bankId: string, itemId: string) =>
      client.post<ItemDetail>(`${item(bankId, itemId)}/archive`),
    restoreItem: (bankId: string, itemId: string) =>
      client.post<ItemDetail>(`${item(bankId, itemId)}/restore`),
    regrade: (itemId: string, fromVersion: number) =>
      client.post<RegradeResult>(
        `/api/orgs/${encodeURIComponent(orgId)}/items/${encodeURIComponent(itemId)}/regrade`,
        { fromVersion },
      ),
  };
}

export type BanksApi = ReturnType<typeof banksApi>;
