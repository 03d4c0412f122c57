/** The tools `npm run bench:infer` compares, each turning sample documents (JSON text) into a JSON Schema. */
import { createCompoundSchema, createSchema } from 'genson-js';
import { InputData, jsonInputForTargetLanguage, quicktype } from 'quicktype-core';
import toJsonSchema from 'to-json-schema';
import { learn } from '../src/schema/state.js';
import { stateSchema } from '../src/schema/state.js';

export interface Tool {
  name: string;
  /** Parses and learns from every text; returns the schema (undefined for the JSON.parse floor). */
  infer(texts: readonly string[]): Promise<object | undefined>;
  /** The JSON Schema draft its output is written in. */
  draft: '2020-12' | '07';
}

function* parsed(texts: readonly string[]): Generator<unknown> {
  for (const text of texts) yield JSON.parse(text) as unknown;
}

export const TOOLS: Record<string, Tool> = {
  'JSON.parse': {
    name: 'JSON.parse',
    draft: '07',
    async infer(texts) {
      let last: unknown;
      for (const value of parsed(texts)) last = value;
      if (last === Symbol.for('never')) throw new Error('unreachable');
      return undefined;
    },
  },
  driftwatch: {
    name: 'driftwatch',
    draft: '2020-12',
    async infer(texts) {
      return stateSchema(learn(parsed(texts)));
    },
  },
  'genson-js': {
    name: 'genson-js',
    draft: '07',
    async infer(texts) {
      const values = [...parsed(texts)];
      return values.length === 1 ? createSchema(values[0]) : createCompoundSchema(values);
    },
  },
  'to-json-schema': {
    name: 'to-json-schema',
    draft: '07',
    async infer(texts) {
      const values = [...parsed(texts)];
      if (values.length === 1) return toJsonSchema(values[0] as never);
      // Several samples: the schema of their array, whose items describe each one.
      const schema = toJsonSchema(values as never, { arrays: { mode: 'all' } }) as { items?: object };
      return schema.items ?? {};
    },
  },
  'quicktype-core': {
    name: 'quicktype-core',
    draft: '07',
    async infer(texts) {
      // quicktype parses the text itself.
      const input = jsonInputForTargetLanguage('schema');
      await input.addSource({ name: 'Root', samples: [...texts] });
      const inputData = new InputData();
      inputData.addInput(input);
      const result = await quicktype({ inputData, lang: 'schema' });
      return JSON.parse(result.lines.join('\n')) as object;
    },
  },
};

export const TOOL_ORDER = ['JSON.parse', 'driftwatch', 'genson-js', 'to-json-schema', 'quicktype-core'] as const;
