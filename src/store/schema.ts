import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const monitors = pgTable('monitors', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind').notNull(),
  createdAt: createdAt(),
});

/** Content-addressed: a canonical schema (or normalized spec document) is stored once, keyed by its hash. */
export const schemas = pgTable('schemas', {
  hash: text('hash').primaryKey(),
  kind: text('kind').notNull(),
  document: jsonb('document').notNull(),
  createdAt: createdAt(),
});

export const baselines = pgTable(
  'baselines',
  {
    id: serial('id').primaryKey(),
    monitorId: integer('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    schemaHash: text('schema_hash').notNull().references(() => schemas.hash),
    /** `first-run` or `accepted`. */
    source: text('source').notNull(),
    runId: bigint('run_id', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('baselines_monitor_version').on(t.monitorId, t.version)],
);

export const runs = pgTable(
  'runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    monitorId: integer('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    /** `baseline`, `ok`, `drift` or `failure`. */
    outcome: text('outcome').notNull(),
    failureKind: text('failure_kind'),
    failureMessage: text('failure_message'),
    httpStatus: integer('http_status'),
    baselineVersion: integer('baseline_version'),
    /** Set when the observation showed something new: the schema a later `accept` adopts. */
    observedHash: text('observed_hash').references(() => schemas.hash),
    changeCount: integer('change_count').notNull().default(0),
    durationMs: integer('duration_ms').notNull(),
    /** The schedule slot a daemon run was for (null for `driftwatch check`): one run per monitor and slot. */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
  },
  (t) => [
    index('runs_monitor_started').on(t.monitorId, t.startedAt),
    index('runs_started').on(t.startedAt),
    uniqueIndex('runs_monitor_scheduled').on(t.monitorId, t.scheduledAt).where(sql`scheduled_at is not null`),
  ],
);

export const driftEvents = pgTable(
  'drift_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    monitorId: integer('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
    runId: bigint('run_id', { mode: 'number' }).notNull(),
    baselineVersion: integer('baseline_version').notNull(),
    observedHash: text('observed_hash').notNull().references(() => schemas.hash),
    /** Hash of the set of changes: the same drift seen again has the same fingerprint. */
    fingerprint: text('fingerprint').notNull(),
    maxLevel: text('max_level').notNull(),
    summary: jsonb('summary').notNull(),
    changes: jsonb('changes').notNull(),
    /** `open`, `accepted` or `resolved`. */
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
  },
  (t) => [index('drift_events_monitor').on(t.monitorId, t.createdAt)],
);

export const alertOutbox = pgTable(
  'alert_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    monitorId: integer('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
    driftEventId: bigint('drift_event_id', { mode: 'number' }).references(() => driftEvents.id),
    channel: text('channel').notNull(),
    /** `drift`, `reminder`, `probe-failing` or `recovered`. */
    kind: text('kind').notNull(),
    /** One row per event and channel: a second insert with the same key is a no-op. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    payload: jsonb('payload').notNull(),
    /** `pending`, `delivered` or `dead`. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('alert_outbox_pending').on(t.runAfter).where(sql`status = 'pending'`)],
);

/**
 * One row per monitor: the newest schedule slot a daemon replica claimed for it, by whom, and until
 * when. A slot is claimed once (slots only move forward); a run still in flight blocks the next slot
 * until it is released or its lease expires (a replica that died mid-run).
 */
export const monitorLeases = pgTable('monitor_leases', {
  monitor: text('monitor').primaryKey(),
  slot: timestamp('slot', { withTimezone: true }).notNull(),
  holder: text('holder').notNull(),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  releasedAt: timestamp('released_at', { withTimezone: true }),
});
