/**
 * Data access for banks, items and item versions. Item bodies are stored as JSON text (the
 * engine's native item format); the caller derives the searchable facts (type, domain, tags,
 * search text) from the body, so this layer knows nothing of the engine.
 */
import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from './client';
import { attemptItems, banks, exams, items, itemVersions } from './schema/index';

export type BankRow = typeof banks.$inferSelect;
export type ItemRecord = typeof items.$inferSelect;
export type ItemVersionRecord = typeof itemVersions.$inferSelect;
export type ItemStatus = ItemRecord['status'];

/** The searchable facts of an item's current version, kept on the item row. */
export interface ItemFacts {
  externalId: string;
  type: string;
  domain: string;
  /** JSON array. */
  tags: string;
  /** Lower-cased stem and case text. */
  searchText: string;
}

export function insertBankRow(db: Db, row: typeof banks.$inferInsert): void {
  db.insert(banks).values(row).run();
}

/** The bank, if it belongs to the organisation. */
export function findBank(db: Db, organisationId: string, bankId: string): BankRow | undefined {
  return db
    .select()
    .from(banks)
    .where(and(eq(banks.id, bankId), eq(banks.organisationId, organisationId)))
    .get();
}

const activeCount = sql<number>`coalesce(sum(case when ${items.status} = 'active' then 1 else 0 end), 0)`;
const archivedCount = sql<number>`coalesce(sum(case when ${items.status} = 'archived' then 1 else 0 end), 0)`;

export type BankWithCounts = BankRow & { itemCount: number; archivedItemCount: number };

/** The organisation's banks by name, with active and archived item counts. */
export function listBanks(
  db: Db,
  organisationId: string,
  page: { limit: number; offset: number },
): { rows: BankWithCounts[]; total: number } {
  const rows = db
    .select({ bank: banks, itemCount: activeCount, archivedItemCount: archivedCount })
    .from(banks)
    .leftJoin(items, eq(items.bankId, banks.id))
    .where(eq(banks.organisationId, organisationId))
    .groupBy(banks.id)
    .orderBy(asc(banks.name), asc(banks.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
    .map((r) => ({
      ...r.bank,
      itemCount: Number(r.itemCount),
      archivedItemCount: Number(r.archivedItemCount),
    }));
  const total = db.select({ n: count() }).from(banks).where(eq(banks.organisationId, organisationId)).get();
  return { rows, total: total?.n ?? 0 };
}

/** Active and archived item counts of one bank. */
export function bankItemCounts(db: Db, bankId: string): { itemCount: number; archivedItemCount: number } {
  const row = db
    .select({ itemCount: activeCount, archivedItemCount: archivedCount })
    .from(items)
    .where(eq(items.bankId, bankId))
    .get();
  return { itemCount: Number(row?.itemCount ?? 0), archivedItemCount: Number(row?.archivedItemCount ?? 0) };
}

export function updateBankRow(
  db: Db,
  bankId: string,
  changes: { name?: string; description?: string; updatedAt: number },
): void {
  db.update(banks).set(changes).where(eq(banks.id, bankId)).run();
}

/** Deletes a bank with its items and their versions (callers check it was never used first). */
export function deleteBankRow(db: Db, bankId: string): void {
  db.delete(banks).where(eq(banks.id, bankId)).run();
}

/** Whether any attempt ever drew an item of this bank. */
export function bankWasUsed(db: Db, bankId: string): boolean {
  const row = db
    .select({ one: sql`1` })
    .from(attemptItems)
    .innerJoin(items, eq(items.id, attemptItems.itemId))
    .where(eq(items.bankId, bankId))
    .limit(1)
    .get();
  return row !== undefined;
}

/** The organisation's exams (not archived) that draw from this bank. */
export function examsDrawingFromBank(
  db: Db,
  organisationId: string,
  bankId: string,
): { id: string; name: string }[] {
  return db
    .select({ id: exams.id, name: exams.name })
    .from(exams)
    .where(
      and(
        eq(exams.organisationId, organisationId),
        sql`${exams.archivedAt} is null`,
        sql`exists (select 1 from json_each(${exams.bankIds}) where json_each.value = ${bankId})`,
      ),
    )
    .orderBy(asc(exams.name))
    .all();
}

// ---------------------------------------------------------------- items

/** The item, if it belongs to the bank. */
export function findItem(db: Db, bankId: string, itemId: string): ItemRecord | undefined {
  return db
    .select()
    .from(items)
    .where(and(eq(items.id, itemId), eq(items.bankId, bankId)))
    .get();
}

export function findItemByExternalId(db: Db, bankId: string, externalId: string): ItemRecord | undefined {
  return db
    .select()
    .from(items)
    .where(and(eq(items.bankId, bankId), eq(items.externalId, externalId)))
    .get();
}

/** Inserts an item at version 1 with its body. */
export function insertItemRow(
  db: Db,
  row: ItemFacts & { id: string; bankId: string; body: string; createdBy: string | null; now: number },
): void {
  const { body, createdBy, now, ...facts } = row;
  db.insert(items)
    .values({ ...facts, currentVersion: 1, status: 'active', createdAt: now, updatedAt: now })
    .run();
  db.insert(itemVersions).values({ itemId: row.id, version: 1, body, createdBy, createdAt: now }).run();
}

/** Adds a version (never touching earlier ones) and makes it current. */
export function insertItemVersion(
  db: Db,
  itemId: string,
  version: { version: number; body: string; createdBy: string | null; now: number; facts: ItemFacts },
): void {
  db.insert(itemVersions)
    .values({
      itemId,
      version: version.version,
      body: version.body,
      createdBy: version.createdBy,
      createdAt: version.now,
    })
    .run();
  db.update(items)
    .set({ ...version.facts, currentVersion: version.version, updatedAt: version.now })
    .where(eq(items.id, itemId))
    .run();
}

export function setItemStatus(db: Db, itemId: string, status: ItemStatus, now: number): void {
  db.update(items).set({ status, updatedAt: now }).where(eq(items.id, itemId)).run();
}

/** Deletes an item and its versions (callers check no attempt used it first). */
export function deleteItemRow(db: Db, itemId: string): void {
  db.delete(items).where(eq(items.id, itemId)).run();
}

/** Whether any attempt drew this item (any version). */
export function itemWasUsed(db: Db, itemId: string): boolean {
  return (
    db.select({ one: sql`1` }).from(attemptItems).where(eq(attemptItems.itemId, itemId)).limit(1).get() !==
    undefined
  );
}

export interface ItemFilter {
  status: ItemStatus;
  domain?: string | undefined;
  tag?: string | undefined;
  type?: string | undefined;
  /** Matched anywhere in the search text, ignoring case. */
  text?: string | undefined;
}

/** `%` and `_` are LIKE wildcards: escape them so a search matches them literally. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function itemWhere(bankId: string, filter: ItemFilter): SQL | undefined {
  const conditions: SQL[] = [eq(items.bankId, bankId), eq(items.status, filter.status)];
  if (filter.domain !== undefined) conditions.push(eq(items.domain, filter.domain));
  if (filter.type !== undefined) conditions.push(eq(items.type, filter.type));
  if (filter.tag !== undefined)
    conditions.push(
      sql`exists (select 1 from json_each(${items.tags}) where json_each.value = ${filter.tag})`,
    );
  if (filter.text !== undefined)
    conditions.push(sql`${items.searchText} like ${likePattern(filter.text)} escape '\\'`);
  return and(...conditions);
}

export type ItemWithBody = ItemRecord & { body: string };

/** A page of a bank's items (by authored id) with their current bodies, and the total that match. */
export function listItems(
  db: Db,
  bankId: string,
  filter: ItemFilter,
  page: { limit: number; offset: number },
): { rows: ItemWithBody[]; total: number } {
  const where = itemWhere(bankId, filter);
  const rows = db
    .select({ item: items, body: itemVersions.body })
    .from(items)
    .innerJoin(
      itemVersions,
      and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.currentVersion)),
    )
    .where(where)
    .orderBy(asc(items.externalId), asc(items.id))
    .limit(page.limit)
    .offset(page.offset)
    .all()
    .map((r) => ({ ...r.item, body: r.body }));
  const total = db.select({ n: count() }).from(items).where(where).get();
  return { rows, total: total?.n ?? 0 };
}

/** Every version of an item, oldest first, without bodies. */
export function listItemVersions(
  db: Db,
  itemId: string,
): { version: number; createdAt: number; createdBy: string | null }[] {
  return db
    .select({
      version: itemVersions.version,
      createdAt: itemVersions.createdAt,
      createdBy: itemVersions.createdBy,
    })
    .from(itemVersions)
    .where(eq(itemVersions.itemId, itemId))
    .orderBy(asc(itemVersions.version))
    .all();
}

export function findItemVersion(db: Db, itemId: string, version: number): ItemVersionRecord | undefined {
  return db
    .select()
    .from(itemVersions)
    .where(and(eq(itemVersions.itemId, itemId), eq(itemVersions.version, version)))
    .get();
}

/** Several item versions at once (for rebuilding drawn exams). */
export function findItemVersions(
  db: Db,
  refs: readonly { itemId: string; version: number }[],
): ItemVersionRecord[] {
  if (refs.length === 0) return [];
  const wanted = new Set(refs.map((r) => `${r.itemId}@${r.version}`));
  const ids = [...new Set(refs.map((r) => r.itemId))];
  const found: ItemVersionRecord[] = [];
  // SQLite limits bound parameters: fetch in chunks of item ids.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db
      .select()
      .from(itemVersions)
      .where(inArray(itemVersions.itemId, ids.slice(i, i + 500)))
      .all();
    for (const row of rows) if (wanted.has(`${row.itemId}@${row.version}`)) found.push(row);
  }
  return found;
}

/** The active items of these banks with their current bodies, by item id. */
export function listActiveItemsOfBanks(
  db: Db,
  bankIds: readonly string[],
): { id: string; bankId: string; currentVersion: number; body: string }[] {
  if (bankIds.length === 0) return [];
  return db
    .select({
      id: items.id,
      bankId: items.bankId,
      currentVersion: items.currentVersion,
      body: itemVersions.body,
    })
    .from(items)
    .innerJoin(
      itemVersions,
      and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.currentVersion)),
    )
    .where(and(inArray(items.bankId, [...bankIds]), eq(items.status, 'active')))
    .orderBy(asc(items.id))
    .all();
}

/** Active items of a bank counted by domain, type and scored (pretest = not scored). */
export function countActiveItems(
  db: Db,
  bankId: string,
): { domain: string; type: string; scored: boolean; n: number }[] {
  const scored = sql<number>`coalesce(json_extract(${itemVersions.body}, '$.scored'), 1)`;
  return db
    .select({ domain: items.domain, type: items.type, scored, n: count() })
    .from(items)
    .innerJoin(
      itemVersions,
      and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.currentVersion)),
    )
    .where(and(eq(items.bankId, bankId), eq(items.status, 'active')))
    .groupBy(items.domain, items.type, scored)
    .orderBy(asc(items.domain), asc(items.type))
    .all()
    .map((r) => ({ ...r, scored: Number(r.scored) !== 0 }));
}
