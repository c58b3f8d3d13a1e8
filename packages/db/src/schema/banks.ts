import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organisations, users } from './accounts';

export const banks = sqliteTable(
  'banks',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('banks_organisation_idx').on(t.organisationId)],
);

export const ITEM_STATUSES = ['active', 'archived'] as const;

/**
 * An item's identity and its current version's searchable facts. The item bodies live in
 * item_versions: every edit adds a version, and attempts keep the version they drew.
 */
export const items = sqliteTable(
  'items',
  {
    id: text('id').primaryKey(),
    bankId: text('bank_id')
      .notNull()
      .references(() => banks.id, { onDelete: 'cascade' }),
    /** The authored item id (unique in its bank), as in bank files. */
    externalId: text('external_id').notNull(),
    type: text('type').notNull(),
    domain: text('domain').notNull(),
    /** JSON array of tags of the current version. */
    tags: text('tags').notNull().default('[]'),
    /** Lower-cased stem (and case text) of the current version, for text search. */
    searchText: text('search_text').notNull(),
    currentVersion: integer('current_version').notNull(),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('active'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('items_bank_external_idx').on(t.bankId, t.externalId),
    index('items_bank_domain_idx').on(t.bankId, t.domain),
  ],
);

export const itemVersions = sqliteTable(
  'item_versions',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The engine Item as JSON (the native item format). */
    body: text('body').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.version] })],
);
