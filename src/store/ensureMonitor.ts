import { eq } from 'drizzle-orm';
import type { Database } from './db.js';
import { monitors } from './schema.js';

/** The id of the monitor row for a name, creating the row on first sight. */
export async function ensureMonitor(db: Database, name: string, kind: string): Promise<number> {
  await db.insert(monitors).values({ name, kind }).onConflictDoNothing({ target: monitors.name });
  const [row] = await db.select({ id: monitors.id }).from(monitors).where(eq(monitors.name, name));
  if (!row) throw new Error(`monitor row for ${name} vanished`);
  return row.id;
}

export async function findMonitor(db: Database, name: string): Promise<{ id: number; kind: string } | undefined> {
  const [row] = await db.select({ id: monitors.id, kind: monitors.kind }).from(monitors).where(eq(monitors.name, name));
  return row;
}
