import { eq } from 'drizzle-orm';
import type { Database } from './db.js';
import { learningStates } from './schema.js';

export interface StoredLearningState {
  samples: number;
  target: number;
  /** The JSON of a LearningState (src/schema/state.ts). */
  state: unknown;
}

/** The learning state of a monitor whose baseline is still learning, if it is. */
export async function learningState(db: Database, monitorId: number): Promise<StoredLearningState | undefined> {
  const [row] = await db
    .select({ samples: learningStates.samples, target: learningStates.target, state: learningStates.state })
    .from(learningStates)
    .where(eq(learningStates.monitorId, monitorId))
    .limit(1);
  return row;
}
