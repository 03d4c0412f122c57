import type { Database } from './db.js';
import { alertOutbox } from './schema.js';

export type OutboxKind = 'drift' | 'reminder' | 'probe-failing' | 'recovered';

export interface OutboxEntry {
  monitorId: number;
  driftEventId?: number | undefined;
  noticeId?: number | undefined;
  channel: string;
  kind: OutboxKind;
  /** One row per event and channel: a second entry with the same key is dropped. */
  dedupeKey: string;
  payload: unknown;
}

/** Queues alert deliveries (call it inside the transaction that records what they are about). */
export async function enqueueAlerts(db: Database, entries: readonly OutboxEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const inserted = await db
    .insert(alertOutbox)
    .values(
      entries.map((e) => ({
        monitorId: e.monitorId,
        driftEventId: e.driftEventId ?? null,
        noticeId: e.noticeId ?? null,
        channel: e.channel,
        kind: e.kind,
        dedupeKey: e.dedupeKey,
        payload: e.payload,
      })),
    )
    .onConflictDoNothing({ target: alertOutbox.dedupeKey })
    .returning({ id: alertOutbox.id });
  return inserted.length;
}
