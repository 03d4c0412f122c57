import type { Direction } from '../diff/types.js';
import type { JsonSchema } from '../schema/types.js';

export interface ContractTestSpec {
  monitor: string;
  direction: Direction;
  header: string[];
  adapterModule: string;
  recordedFile: string;
  functionName: string;
  baselineType: string;
  observedType: string;
  baseline: JsonSchema;
  observed: JsonSchema;
}

/**
 * A vitest file that checks a recorded message against the schema it should have, runs it through
 * the adapter, and checks the result against the schema on the other side. driftwatch keeps no
 * response values, so the recording is the developer's to make; until it exists the test is skipped.
 */
export async function contractTestSource(spec: ContractTestSpec, format: (text: string) => Promise<string>): Promise<string> {
  const response = spec.direction === 'response';
  const inputType = response ? spec.observedType : spec.baselineType;
  const inputSchema = response ? 'observedSchema' : 'baselineSchema';
  const outputSchema = response ? 'baselineSchema' : 'observedSchema';
  const what = response ? 'response the vendor sends now' : 'request your code sends';
  const template = `${spec.header.map((line) => `// ${line}`).join('\n')}
//
// Save one ${what}, with every secret removed, as ${spec.recordedFile} next to this file:
// driftwatch keeps no response values, so it cannot record one for you. Until then the tests skip.
import { existsSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ${spec.functionName}, type ${inputType} } from "./${spec.adapterModule}";

const recorded = new URL(${JSON.stringify(`./${spec.recordedFile}`)}, import.meta.url);
const haveRecording = existsSync(recorded);

/** The shape your code was written against (baseline). */
const baselineSchema = BASELINE_SCHEMA_JSON;

/** The shape the vendor ${response ? 'sends' : 'expects'} now (observed). */
const observedSchema = OBSERVED_SCHEMA_JSON;

describe(${JSON.stringify(`${spec.monitor} adapter contract (driftwatch)`)}, () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });

  it.skipIf(!haveRecording)(${JSON.stringify(`the recorded ${response ? 'response' : 'request'} has the ${response ? 'observed' : 'baseline'} shape`)}, () => {
    const recording: unknown = JSON.parse(readFileSync(recorded, "utf8"));
    expect(ajv.validate(${inputSchema}, recording), ajv.errorsText()).toBe(true);
  });

  it.skipIf(!haveRecording)(${JSON.stringify(`${spec.functionName} maps it to the ${response ? 'baseline' : 'observed'} shape`)}, () => {
    const recording = JSON.parse(readFileSync(recorded, "utf8")) as ${inputType};
    const adapted = ${spec.functionName}(recording);
    expect(ajv.validate(${outputSchema}, adapted), ajv.errorsText()).toBe(true);
  });
});
`;
  // The schemas are JSON; formatting them is the slow part of prettier's work and changes nothing.
  const formatted = await format(template);
  return formatted
    .replace('BASELINE_SCHEMA_JSON', () => JSON.stringify(spec.baseline, null, 2))
    .replace('OBSERVED_SCHEMA_JSON', () => JSON.stringify(spec.observed, null, 2));
}

