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

/**
 * What alerting knows about one thing it may alert on: a drift (by baseline version and fingerprint
 * of the changes that alert) or a monitor's probe failing. It counts consecutive sightings (flap
 * suppression), records when it alerted and reminded (dedup), and is closed when the thing goes
 * away. At most one row per monitor, kind and subject.
 */
export const alertNotices = pgTable(
  'alert_notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    monitorId: integer('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
    /** `drift` or `probe-failing`. */
    kind: text('kind').notNull(),
    /** `<baseline version>:<fingerprint>` for a drift; `probe` for probe failing. */
    subject: text('subject').notNull(),
    /** `seen` (not alerted yet), `open` (alerted, still observed) or `closed` (gone, accepted, recovered). */
    status: text('status').notNull().default('seen'),
    /** Consecutive probes the drift (or failure) has been seen on, up to now. */
    streak: integer('streak').notNull().default(0),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    lastRunId: bigint('last_run_id', { mode: 'number' }),
    alertedAt: timestamp('alerted_at', { withTimezone: true }),
    /** When the last alert or reminder was queued. */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    reminders: integer('reminders').notNull().default(0),
  },
  (t) => [uniqueIndex('alert_notices_subject').on(t.monitorId, t.kind, t.subject)],
);

export const alertOutbox = pgTable(
  'alert_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    monitorId: integer('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
    driftEventId: bigint('drift_event_id', { mode: 'number' }).references(() => driftEvents.id),
    noticeId: bigint('notice_id', { mode: 'number' }).references(() => alertNotices.id, { onDelete: 'cascade' }),
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
 * A baseline still learning (`learn.samples` > 1): what it has learned so far, as the mergeable
 * state of src/schema/state.ts (counts, formats, and at most a few short enum-like tokens per
 * field). The row is deleted once the baseline has learned from all its samples.
 */
export const learningStates = pgTable('learning_states', {
  monitorId: integer('monitor_id')
    .primaryKey()
    .references(() => monitors.id, { onDelete: 'cascade' }),
  /** Samples (probes) learned from so far. */
  samples: integer('samples').notNull(),
  /** Samples the monitor asks for (`learn.samples`) when this was written. */
  target: integer('target').notNull(),
  state: jsonb('state').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

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
