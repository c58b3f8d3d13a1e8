/**
 * Banks and items: CRUD with versioned item bodies, key checks on save, atomic bulk import, and
 * the loaders the exam and attempt code draw from. Roles are checked by the routes; these
 * functions check that the bank and item belong to the organisation.
 *
 * An item's row id is its identity everywhere on the server (draws, attempts, regrades); the
 * authored id (externalId) is only unique within its bank.
 */
import { createHash } from 'node:crypto';
import type {
  BankInfo,
  BankStats,
  CreateBankBody,
  ItemDetail,
  ItemListQuery,
  ItemRemoved,
  ItemRow,
  ItemSaved,
  ItemVersion,
  UpdateBankBody,
} from '@coderprep/contracts';
import {
  type BankRow,
  bankItemCounts,
  bankWasUsed,
  countActiveItems,
  deleteBankRow,
  deleteItemRow,
  examsDrawingFromBank,
  findBank,
  findItem,
  findItemByExternalId,
  findItemVersion,
  findItemVersions,
  type ItemFacts,
  type ItemRecord,
  insertBankRow,
  insertItemRow,
  insertItemVersion,
  inTransaction,
  itemWasUsed,
  listActiveItemsOfBanks,
  listBanks,
  listItems,
  listItemVersions,
  setItemStatus,
  updateBankRow,
} from '@coderprep/db';
import {
  type Bank,
  checkItemKey,
  ITEM_TYPES,
  type Item,
  type ItemIssue,
  type ItemType,
  parseItem,
} from '@coderprep/exam-engine';
import { audit } from '../audit/record';
import type { SessionUser } from '../auth/sessions';
import type { Deps } from '../deps';
import { badRequest, conflict, notFound } from '../http/errors';

/** Who acts: a logged-in person, or null for the system (e.g. the demo seed). Only the id is recorded. */
export type Actor = Pick<SessionUser, 'id'> | null;

type Page = { limit: number; offset: number };

const record = (
  deps: Deps,
  actor: Actor,
  organisationId: string,
  action: string,
  target: { type: string; id: string },
  details: Record<string, unknown>,
) =>
  // audit() reads only the actor's id.
  audit(deps, actor as SessionUser | null, organisationId, action, target, details);

/** Prefixes issue paths ("options.2.text" -> "body.options.2.text"). */
const under = (prefix: string, issues: readonly ItemIssue[]): ItemIssue[] =>
  issues.map((issue) => ({ ...issue, path: issue.path ? `${prefix}.${issue.path}` : prefix }));

// ---------------------------------------------------------------- banks

/** The bank if it belongs to the organisation, else 404. */
export function requireBank(deps: Deps, organisationId: string, bankId: string): BankRow {
  const bank = findBank(deps.db, organisationId, bankId);
  if (!bank) throw notFound('The bank');
  return bank;
}

function bankInfo(deps: Deps, bank: BankRow): BankInfo {
  const { id, name, description, createdAt, updatedAt } = bank;
  return { id, name, description, createdAt, updatedAt, ...bankItemCounts(deps.db, bank.id) };
}

export function listBanksPage(deps: Deps, organisationId: string, page: Page) {
  const { rows, total } = listBanks(deps.db, organisationId, page);
  return {
    items: rows.map(({ organisationId: _, ...bank }) => bank),
    total,
    limit: page.limit,
    offset: page.offset,
  };
}

export function getBank(deps: Deps, organisationId: string, bankId: string): BankInfo {
  return bankInfo(deps, requireBank(deps, organisationId, bankId));
}

export function createBank(deps: Deps, actor: Actor, organisationId: string, body: CreateBankBody): BankInfo {
  const now = deps.clock.now();
  const id = deps.newId();
  return inTransaction(deps.db, () => {
    insertBankRow(deps.db, {
      id,
      organisationId,
      name: body.name,
      description: body.description,
      createdAt: now,
      updatedAt: now,
    });
    record(deps, actor, organisationId, 'bank.create', { type: 'bank', id }, { name: body.name });
    return getBank(deps, organisationId, id);
  });
}

export function updateBank(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bankId: string,
  body: UpdateBankBody,
): BankInfo {
  return inTransaction(deps.db, () => {
    const before = requireBank(deps, organisationId, bankId);
    const changes = {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.description === undefined ? {} : { description: body.description }),
    };
    updateBankRow(deps.db, bankId, { ...changes, updatedAt: deps.clock.now() });
    record(
      deps,
      actor,
      organisationId,
      'bank.update',
      { type: 'bank', id: bankId },
      {
        before: { name: before.name, description: before.description },
        after: changes,
      },
    );
    return getBank(deps, organisationId, bankId);
  });
}

/** Deletes a bank with its items, unless an attempt ever used one of them or an exam draws from it. */
export function deleteBank(deps: Deps, actor: Actor, organisationId: string, bankId: string): void {
  inTransaction(deps.db, () => {
    const bank = requireBank(deps, organisationId, bankId);
    if (bankWasUsed(deps.db, bankId))
      throw conflict(
        'bank-in-use',
        'Items of this bank were used in attempts, so the bank cannot be deleted (attempts keep the items they drew). Archive its items instead.',
      );
    const drawing = examsDrawingFromBank(deps.db, organisationId, bankId);
    if (drawing.length > 0)
      throw conflict(
        'bank-in-exam',
        `Exams draw from this bank (${drawing.map((e) => e.name).join(', ')}): archive them or take the bank out of them first.`,
        { exams: drawing },
      );
    deleteBankRow(deps.db, bankId);
    record(deps, actor, organisationId, 'bank.delete', { type: 'bank', id: bankId }, { name: bank.name });
  });
}

/** Active items per domain: scored and pretest counts per item type. */
export function bankStats(deps: Deps, organisationId: string, bankId: string): BankStats {
  requireBank(deps, organisationId, bankId);
  const zero = () => Object.fromEntries(ITEM_TYPES.map((t) => [t, 0])) as Record<ItemType, number>;
  const domains = new Map<string, BankStats['domains'][number]>();
  let total = 0;
  for (const row of countActiveItems(deps.db, bankId)) {
    let entry = domains.get(row.domain);
    if (!entry) {
      entry = { domain: row.domain, total: 0, scored: zero(), pretest: zero() };
      domains.set(row.domain, entry);
    }
    const counts = row.scored ? entry.scored : entry.pretest;
    counts[row.type as ItemType] += row.n;
    entry.total += row.n;
    total += row.n;
  }
  return { bankId, total, domains: [...domains.values()] };
}

// ---------------------------------------------------------------- items

/** The searchable facts of an item's body, kept on its row. */
function itemFacts(item: Item): ItemFacts {
  const text = item.type === 'scenario' ? `${item.stem}\n${item.caseText}` : item.stem;
  return {
    externalId: item.id,
    type: item.type,
    domain: item.domain,
    tags: JSON.stringify(item.tags),
    searchText: text.toLowerCase(),
  };
}

/** The item if it belongs to the bank of the organisation, else 404. */
function requireItem(deps: Deps, organisationId: string, bankId: string, itemId: string): ItemRecord {
  requireBank(deps, organisationId, bankId);
  const item = findItem(deps.db, bankId, itemId);
  if (!item) throw notFound('The item');
  return item;
}

function toItemRow(row: ItemRecord, body: string): ItemRow {
  return {
    id: row.id,
    bankId: row.bankId,
    externalId: row.externalId,
    type: row.type as ItemType,
    domain: row.domain,
    tags: JSON.parse(row.tags) as string[],
    currentVersion: row.currentVersion,
    status: row.status,
    updatedAt: row.updatedAt,
    body: JSON.parse(body) as Item,
  };
}

function itemDetail(deps: Deps, row: ItemRecord): ItemDetail {
  const current = findItemVersion(deps.db, row.id, row.currentVersion);
  if (!current) throw new Error(`item ${row.id} has no version ${row.currentVersion}`);
  return {
    ...toItemRow(row, current.body),
    createdAt: row.createdAt,
    versions: listItemVersions(deps.db, row.id),
  };
}

type ItemCheck =
  | { ok: true; item: Item; warnings: ItemIssue[] }
  | { ok: false; code: 'invalid-item' | 'invalid-key'; issues: ItemIssue[] };

/**
 * Checks an authored item and its key: structure with the engine's parseItem, then the key's
 * codes (malformed: an error; absent from the loaded code set or a header code: a warning). Issue
 * paths are under `prefix` ("body", "items.3").
 */
function checkItem(deps: Deps, input: unknown, prefix: string): ItemCheck {
  const parsed = parseItem(input);
  if (!parsed.ok) return { ok: false, code: 'invalid-item', issues: under(prefix, parsed.issues) };
  const check = checkItemKey(parsed.item, deps.codeSet);
  if (check.errors.length > 0) return { ok: false, code: 'invalid-key', issues: under(prefix, check.errors) };
  return { ok: true, item: parsed.item, warnings: under(prefix, check.warnings) };
}

/** The checked item and its key warnings, or a 400 with every problem's field path. */
export function validateItem(
  deps: Deps,
  input: unknown,
  prefix: string,
): { item: Item; warnings: ItemIssue[] } {
  const check = checkItem(deps, input, prefix);
  if (check.ok) return check;
  throw check.code === 'invalid-item'
    ? badRequest('invalid-item', 'The item is not valid.', check.issues)
    : badRequest('invalid-key', 'The item key has codes that cannot be graded.', check.issues);
}

const externalIdTaken = (externalId: string, itemId: string) =>
  conflict('external-id-taken', `An item with id "${externalId}" already exists in this bank.`, {
    externalId,
    itemId,
  });

export function listItemsPage(deps: Deps, organisationId: string, bankId: string, query: ItemListQuery) {
  requireBank(deps, organisationId, bankId);
  const { rows, total } = listItems(
    deps.db,
    bankId,
    { status: query.status, domain: query.domain, tag: query.tag, type: query.type, text: query.q },
    query,
  );
  return {
    items: rows.map((row) => toItemRow(row, row.body)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export function getItem(deps: Deps, organisationId: string, bankId: string, itemId: string): ItemDetail {
  return itemDetail(deps, requireItem(deps, organisationId, bankId, itemId));
}

export function getItemVersion(
  deps: Deps,
  organisationId: string,
  bankId: string,
  itemId: string,
  version: number,
): ItemVersion {
  requireItem(deps, organisationId, bankId, itemId);
  const row = findItemVersion(deps.db, itemId, version);
  if (!row) throw notFound(`Version ${version} of the item`);
  return {
    itemId,
    version: row.version,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    body: JSON.parse(row.body) as Item,
  };
}

/** Creates an item (version 1) from an authored body; its id becomes the externalId. */
export function createItem(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bankId: string,
  input: unknown,
): ItemSaved {
  const { item, warnings } = validateItem(deps, input, 'body');
  return inTransaction(deps.db, () => {
    requireBank(deps, organisationId, bankId);
    const clash = findItemByExternalId(deps.db, bankId, item.id);
    if (clash) throw externalIdTaken(item.id, clash.id);
    const id = insertNewItem(deps, actor, bankId, item);
    record(
      deps,
      actor,
      organisationId,
      'item.create',
      { type: 'item', id },
      { bankId, externalId: item.id, version: 1, warnings: warnings.length },
    );
    return { item: getItem(deps, organisationId, bankId, id), warnings };
  });
}

/** Inserts a validated item at version 1 and touches its bank; returns the row id. */
function insertNewItem(deps: Deps, actor: Actor, bankId: string, item: Item): string {
  const id = deps.newId();
  const now = deps.clock.now();
  insertItemRow(deps.db, {
    id,
    bankId,
    ...itemFacts(item),
    body: JSON.stringify({ ...item, version: 1 }),
    createdBy: actor?.id ?? null,
    now,
  });
  updateBankRow(deps.db, bankId, { updatedAt: now });
  return id;
}

/**
 * Saves a full item body as a new version (previous + 1). Earlier versions are never touched, so
 * attempts keep the version they drew.
 */
export function updateItem(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bankId: string,
  itemId: string,
  input: unknown,
): ItemSaved {
  const { item, warnings } = validateItem(deps, input, 'body');
  return inTransaction(deps.db, () => {
    const row = requireItem(deps, organisationId, bankId, itemId);
    if (item.id !== row.externalId) {
      const clash = findItemByExternalId(deps.db, bankId, item.id);
      if (clash) throw externalIdTaken(item.id, clash.id);
    }
    const version = row.currentVersion + 1;
    const now = deps.clock.now();
    insertItemVersion(deps.db, itemId, {
      version,
      body: JSON.stringify({ ...item, version }),
      createdBy: actor?.id ?? null,
      now,
      facts: itemFacts(item),
    });
    updateBankRow(deps.db, bankId, { updatedAt: now });
    record(
      deps,
      actor,
      organisationId,
      'item.update',
      { type: 'item', id: itemId },
      {
        bankId,
        externalId: item.id,
        fromVersion: row.currentVersion,
        toVersion: version,
        warnings: warnings.length,
      },
    );
    return { item: getItem(deps, organisationId, bankId, itemId), warnings };
  });
}

/** Used items are archived, never deleted; an item no attempt drew is deleted outright. */
export function removeItem(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bankId: string,
  itemId: string,
): ItemRemoved {
  return inTransaction(deps.db, () => {
    const row = requireItem(deps, organisationId, bankId, itemId);
    const now = deps.clock.now();
    const target = { type: 'item', id: itemId };
    if (itemWasUsed(deps.db, itemId)) {
      if (row.status !== 'archived') {
        setItemStatus(deps.db, itemId, 'archived', now);
        updateBankRow(deps.db, bankId, { updatedAt: now });
        record(deps, actor, organisationId, 'item.archive', target, {
          bankId,
          externalId: row.externalId,
          reason: 'used in attempts',
        });
      }
      return {
        archived: true as const,
        message:
          'The item was used in attempts, so it was archived instead of deleted: it is no longer drawn, and attempts keep their version. Restore it to use it again.',
      };
    }
    deleteItemRow(deps.db, itemId);
    updateBankRow(deps.db, bankId, { updatedAt: now });
    record(deps, actor, organisationId, 'item.delete', target, { bankId, externalId: row.externalId });
    return { deleted: true as const, message: 'The item was never used in an attempt, so it was deleted.' };
  });
}

/** Sets an item's status (archive: no longer drawn; restore: drawn again). */
export function setItemArchived(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bankId: string,
  itemId: string,
  archived: boolean,
): ItemDetail {
  return inTransaction(deps.db, () => {
    const row = requireItem(deps, organisationId, bankId, itemId);
    const status = archived ? 'archived' : 'active';
    if (row.status !== status) {
      const now = deps.clock.now();
      setItemStatus(deps.db, itemId, status, now);
      updateBankRow(deps.db, bankId, { updatedAt: now });
      record(
        deps,
        actor,
        organisationId,
        archived ? 'item.archive' : 'item.restore',
        { type: 'item', id: itemId },
        { bankId, externalId: row.externalId },
      );
    }
    return getItem(deps, organisationId, bankId, itemId);
  });
}

// ---------------------------------------------------------------- bulk import

export interface ImportResult {
  created: number;
  /** Items not imported because their id is already in the bank (or earlier in the same import). */
  skipped: { externalId: string; reason: string }[];
  /** Key warnings of the imported items (paths "items.<index>.key..."). */
  warnings: (ItemIssue & { externalId: string })[];
  /** Row ids of the created items by authored id. */
  itemIds: Record<string, string>;
}

/**
 * Imports items into a bank atomically: every item is validated first (all problems reported
 * at once, paths "items.<index>...."), and either every new item lands or none does. Items whose
 * id the bank already holds are skipped, not overwritten.
 */
export function importItems(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bankId: string,
  items: readonly Item[],
  /** More audit details of the 'bank.import' event (e.g. the file name and format of an upload). */
  auditDetails: Record<string, unknown> = {},
): ImportResult {
  const issues: ItemIssue[] = [];
  const valid: { item: Item; warnings: ItemIssue[] }[] = [];
  items.forEach((input, i) => {
    const check = checkItem(deps, input, `items.${i}`);
    if (check.ok) valid.push(check);
    else issues.push(...check.issues);
  });
  if (issues.length > 0)
    throw badRequest('invalid-import', 'Some items are not valid: nothing was imported.', issues);

  return inTransaction(deps.db, () => {
    requireBank(deps, organisationId, bankId);
    const result: ImportResult = { created: 0, skipped: [], warnings: [], itemIds: {} };
    for (const { item, warnings } of valid) {
      if (result.itemIds[item.id] !== undefined) {
        result.skipped.push({ externalId: item.id, reason: 'listed more than once in this import' });
        continue;
      }
      if (findItemByExternalId(deps.db, bankId, item.id)) {
        result.skipped.push({ externalId: item.id, reason: 'the bank already has an item with this id' });
        continue;
      }
      result.itemIds[item.id] = insertNewItem(deps, actor, bankId, item);
      result.created++;
      for (const warning of warnings) result.warnings.push({ ...warning, externalId: item.id });
    }
    record(
      deps,
      actor,
      organisationId,
      'bank.import',
      { type: 'bank', id: bankId },
      {
        ...auditDetails,
        created: result.created,
        skipped: result.skipped.length,
        warnings: result.warnings.length,
      },
    );
    return result;
  });
}

/** Creates a bank and imports its items in one transaction (the demo seed uses it). */
export function createBankWithItems(
  deps: Deps,
  actor: Actor,
  organisationId: string,
  bank: { name: string; description?: string },
  items: readonly Item[],
): ImportResult & { bank: BankInfo } {
  return inTransaction(deps.db, () => {
    const created = createBank(deps, actor, organisationId, {
      name: bank.name,
      description: bank.description ?? '',
    });
    const result = importItems(deps, actor, organisationId, created.id, items);
    return { ...result, bank: getBank(deps, organisationId, created.id) };
  });
}

// ---------------------------------------------------------------- loaders for draws and attempts

/**
 * The active items of these banks as one engine Bank to draw from. Each item's `id` is its row id
 * (authored ids can clash across banks) and `version` its current version; the bank version is a
 * digest of every item@version, so it changes whenever what can be drawn changes.
 */
export function loadDrawBank(deps: Deps, organisationId: string, bankIds: readonly string[]): Bank {
  const ids = [...new Set(bankIds)].sort();
  for (const id of ids) requireBank(deps, organisationId, id);
  const rows = listActiveItemsOfBanks(deps.db, ids);
  const items = rows.map(
    (row) => ({ ...(JSON.parse(row.body) as Item), id: row.id, version: row.currentVersion }) as Item,
  );
  const digest = createHash('sha256');
  for (const row of rows) digest.update(`${row.id}@${row.currentVersion}\n`);
  return { id: ids.join('+'), version: digest.digest('hex').slice(0, 16), items };
}

/** The key of an item version in the map loadItemVersions returns. */
export const itemVersionKey = (itemId: string, version: number) => `${itemId}@${version}`;

/**
 * Item bodies at given versions (whatever their status now), keyed by itemVersionKey; each Item's
 * `id` is the row id. A reference that does not exist is absent from the map.
 */
export function loadItemVersions(
  deps: Deps,
  refs: readonly { itemId: string; version: number }[],
): Map<string, Item> {
  const found = new Map<string, Item>();
  for (const row of findItemVersions(deps.db, refs)) {
    found.set(itemVersionKey(row.itemId, row.version), {
      ...(JSON.parse(row.body) as Item),
      id: row.itemId,
      version: row.version,
    } as Item);
  }
  return found;
}
