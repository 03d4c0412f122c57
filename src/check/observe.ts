import type { Monitor } from '../config/types.js';
import { diffSpecs } from '../diff/openapi/diff-specs.js';
import type { Change, DiffMode } from '../diff/types.js';
import { probeEndpoint } from '../probe/endpoint.js';
import { ProbeFailure } from '../probe/failure.js';
import { httpRequest, requestUrl, type HttpOptions } from '../probe/http.js';
import { parseJsonBody } from '../probe/json-body.js';
import { displayUrl } from '../probe/redact.js';
import { probeSpec } from '../probe/spec.js';
import { operationMatchKey } from '../spec/operation-key.js';
import { specFromValue } from '../spec/load.js';
import { inferSchema } from '../schema/infer.js';
import { InferenceError } from '../schema/shape.js';
import type { JsonSchema, JsonValue } from '../schema/types.js';
import type { SchemaKind } from '../store/putSchema.js';

/** What one probe saw, as a schema ready to compare with the baseline. */
export interface Observation {
  kind: SchemaKind;
  /** For an endpoint: observation-flavour inference (it may hold response values: never persist it). */
  schema: JsonSchema;
  /** How the schema relates to the truth: a sample (`observation`) or a complete document (`schema`). */
  mode: DiffMode;
  httpStatus: number;
  /** How to compare a baseline with this observation, when it is not a JSON Schema diff (spec documents). */
  compare?: (baseline: JsonSchema) => Change[];
  /** An endpoint's response bodies, for a baseline that is still learning. */
  samples?: JsonValue[];
}

/**
 * Probes a monitor's target once and turns what it answered into a schema. Throws ProbeFailure.
 * `baseline`: the current baseline, whose maps the observation follows.
 */
export async function observe(monitor: Monitor, options: { firstRun: boolean; http?: HttpOptions; baseline?: JsonSchema | undefined }): Promise<Observation> {
  switch (monitor.kind) {
    case 'endpoint': {
      // One probe per run: a baseline learns from `learn.samples` runs, not from probes in a row (see src/check/learn.ts).
      const { samples, httpStatus } = await probeEndpoint(monitor, 1, options.http);
      let schema: JsonSchema;
      try {
        schema = inferSchema(samples, { flavour: 'observation', ...(options.baseline ? { mapsLike: options.baseline } : {}) });
      } catch (error) {
        // A learning state driftwatch cannot read is its own fault, not the vendor's: it is not a probe failure.
        if (error instanceof InferenceError && error.code !== 'bad-state') {
          const kind = error.code === 'not-json' ? 'invalid-json' : error.code;
          throw new ProbeFailure(kind, `${displayUrl(requestUrl(monitor.request), monitor.secrets)}: ${error.message}`, { httpStatus });
        }
        throw error;
      }
      return { kind: 'jsonschema', schema, mode: 'observation', httpStatus, samples };
    }
    case 'jsonschema': {
      const response = await httpRequest(monitor.request, { ...options.http, monitor });
      const shown = displayUrl(requestUrl(monitor.request), monitor.secrets);
      const document = parseJsonBody(response, shown);
      if (document === null || typeof document !== 'object' || Array.isArray(document)) {
        throw new ProbeFailure('invalid-spec', `${shown} did not answer with a JSON Schema object`, { httpStatus: response.status });
      }
      return { kind: 'jsonschema', schema: document as JsonSchema, mode: 'schema', httpStatus: response.status };
    }
    case 'openapi': {
      const { spec, httpStatus } = await probeSpec(monitor, options.http);
      if (options.firstRun && monitor.operations) {
        const missing = monitor.operations.filter((operation) => !spec.operations[operationMatchKey(operation)]);
        if (missing.length > 0) {
          throw new ProbeFailure('invalid-monitor', `monitor "${monitor.name}": ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in ${spec.source}`, { httpStatus });
        }
      }
      const narrowing = monitor.operations ? { operations: monitor.operations } : {};
      return {
        kind: 'openapi',
        // The whole document is the baseline: narrowing decides what is reported, not what is kept.
        schema: spec.root as JsonSchema,
        mode: 'schema',
        httpStatus,
        compare: (baseline) => diffSpecs(specFromValue(baseline, `baseline of ${monitor.name}`), spec, narrowing),
      };
    }
  }
}
