import type { Change } from '../diff/types.js';
import { adoptObservation } from '../schema/adopt.js';
import type { JsonSchema } from '../schema/types.js';
import type { Stub } from './generate.js';

export interface DriftStubInput {
  monitor: string;
  monitorKind: string;
  baseline: JsonSchema;
  baselineVersion: number;
  observed: JsonSchema;
  observedAt: Date;
  changes: readonly Change[];
}

/**
 * The stub of one drift, as `driftwatch stub` and the alerts show it. For an endpoint monitor the
 * adapter maps from the schema `accept` would adopt, so fields a few responses happened to lack stay
 * mapped. The generator (prettier, json-schema-to-typescript) loads only when a stub is made.
 */
export async function generateDriftStub(input: DriftStubInput): Promise<Stub> {
  const { generateStub } = await import('./generate.js');
  const observed = input.monitorKind === 'endpoint' ? adoptObservation(input.baseline, input.observed) : input.observed;
  return generateStub({
    monitor: input.monitor,
    baseline: input.baseline,
    observed,
    changes: input.changes,
    baselineVersion: input.baselineVersion,
    observedAt: input.observedAt,
  });
}
