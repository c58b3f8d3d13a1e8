/**
 * Bank and item routes, all org-scoped and for staff only: banks hold answer keys, so students of
 * the organisation may not read them (they get items through attempts, without key material).
 */
import {
  bankPageSchema,
  bankParamsSchema,
  bankSchema,
  bankStatsSchema,
  createBankBodySchema,
  idSchema,
  itemBodySchema,
  itemDetailSchema,
  itemListQuerySchema,
  itemPageSchema,
  itemParamsSchema,
  itemRemovedSchema,
  itemSavedSchema,
  itemVersionParamsSchema,
  itemVersionSchema,
  paginationQuerySchema,
  updateBankBodySchema,
} from '@coderprep/contracts';
import { z } from 'zod';
import type { Deps } from '../deps';
import { requireRole, STAFF } from '../http/authz';
import { defineRoute } from '../http/route';
import {
  bankStats,
  createBank,
  createItem,
  deleteBank,
  getBank,
  getItem,
  getItemVersion,
  listBanksPage,
  listItemsPage,
  removeItem,
  setItemArchived,
  updateBank,
  updateItem,
} from './service';

const orgParams = z.object({ orgId: idSchema });
const BANKS = '/api/orgs/:orgId/banks';
const BANK = `${BANKS}/:bankId`;
const ITEMS = `${BANK}/items`;
const ITEM = `${ITEMS}/:itemId`;
const tag = 'banks';

export function bankRoutes(deps: Deps) {
  const staff = (user: Parameters<typeof requireRole>[1], orgId: string) =>
    requireRole(deps, user, orgId, STAFF);
  return [
    defineRoute({
      method: 'get',
      path: BANKS,
      summary: "The organisation's banks with item counts (staff)",
      tag,
      access: 'user',
      params: orgParams,
      query: paginationQuerySchema,
      response: bankPageSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return listBanksPage(deps, params.orgId, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: BANKS,
      summary: 'Create a bank (staff)',
      tag,
      access: 'user',
      params: orgParams,
      body: createBankBodySchema,
      response: bankSchema,
      status: 201,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return createBank(deps, user, params.orgId, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: BANK,
      summary: 'A bank with item counts (staff)',
      tag,
      access: 'user',
      params: bankParamsSchema,
      response: bankSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return getBank(deps, params.orgId, params.bankId);
      },
    }),
    defineRoute({
      method: 'patch',
      path: BANK,
      summary: "Change a bank's name or description (staff)",
      tag,
      access: 'user',
      params: bankParamsSchema,
      body: updateBankBodySchema,
      response: bankSchema,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return updateBank(deps, user, params.orgId, params.bankId, body);
      },
    }),
    defineRoute({
      method: 'delete',
      path: BANK,
      summary: 'Delete a bank no attempt ever used and no exam draws from (staff; else 409)',
      tag,
      access: 'user',
      params: bankParamsSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        deleteBank(deps, user, params.orgId, params.bankId);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: `${BANK}/stats`,
      summary: 'Active items per domain: scored and pretest counts per item type (staff)',
      tag,
      access: 'user',
      params: bankParamsSchema,
      response: bankStatsSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return bankStats(deps, params.orgId, params.bankId);
      },
    }),
    defineRoute({
      method: 'get',
      path: ITEMS,
      summary: 'Search and filter the items of a bank, with their current bodies (staff)',
      tag,
      access: 'user',
      params: bankParamsSchema,
      query: itemListQuerySchema,
      response: itemPageSchema,
      handler: ({ user, params, query }) => {
        staff(user, params.orgId);
        return listItemsPage(deps, params.orgId, params.bankId, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: ITEMS,
      summary: 'Create an item (key checked: malformed codes refused, unknown codes returned as warnings)',
      tag,
      access: 'user',
      params: bankParamsSchema,
      body: itemBodySchema,
      response: itemSavedSchema,
      status: 201,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return createItem(deps, user, params.orgId, params.bankId, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: ITEM,
      summary: 'An item: its current version and the list of its versions (staff)',
      tag,
      access: 'user',
      params: itemParamsSchema,
      response: itemDetailSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return getItem(deps, params.orgId, params.bankId, params.itemId);
      },
    }),
    defineRoute({
      method: 'put',
      path: ITEM,
      summary: 'Save a full item body as a new version (earlier versions stay as they were)',
      tag,
      access: 'user',
      params: itemParamsSchema,
      body: itemBodySchema,
      response: itemSavedSchema,
      handler: ({ user, params, body }) => {
        staff(user, params.orgId);
        return updateItem(deps, user, params.orgId, params.bankId, params.itemId, body);
      },
    }),
    defineRoute({
      method: 'delete',
      path: ITEM,
      summary: 'Delete an unused item; an item used in attempts is archived instead (staff)',
      tag,
      access: 'user',
      params: itemParamsSchema,
      response: itemRemovedSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return removeItem(deps, user, params.orgId, params.bankId, params.itemId);
      },
    }),
    defineRoute({
      method: 'post',
      path: `${ITEM}/archive`,
      summary: 'Archive an item: it is no longer drawn (staff)',
      tag,
      access: 'user',
      params: itemParamsSchema,
      response: itemDetailSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return setItemArchived(deps, user, params.orgId, params.bankId, params.itemId, true);
      },
    }),
    defineRoute({
      method: 'post',
      path: `${ITEM}/restore`,
      summary: 'Restore an archived item: it is drawn again (staff)',
      tag,
      access: 'user',
      params: itemParamsSchema,
      response: itemDetailSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return setItemArchived(deps, user, params.orgId, params.bankId, params.itemId, false);
      },
    }),
    defineRoute({
      method: 'get',
      path: `${ITEM}/versions/:version`,
      summary: 'One version of an item, as it was saved (staff)',
      tag,
      access: 'user',
      params: itemVersionParamsSchema,
      response: itemVersionSchema,
      handler: ({ user, params }) => {
        staff(user, params.orgId);
        return getItemVersion(deps, params.orgId, params.bankId, params.itemId, params.version);
      },
    }),
  ];
}
