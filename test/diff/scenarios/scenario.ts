import { diffSchemas, type DiffOptions } from '../../../src/diff/diff.js';
import type { Change, DiffMode, Direction, Level } from '../../../src/diff/types.js';

/** One line of a rule family's story: a schema pair, how it is read, and every change it must give. */
export interface Scenario {
  name: string;
  before: unknown;
  after: unknown;
  direction?: Direction;
  mode?: DiffMode;
  options?: Omit<DiffOptions, 'direction' | 'mode'>;
  /** The whole expected report, in report order. */
  expect: Change[];
  /** Rule ids this scenario shows not firing where they might (checked: absent from the report). */
  quiet?: string[];
}

export function change(level: Level, id: string, path: string, message: string, before: unknown, after: unknown, extra: Partial<Change> = {}): Change {
  const out: Change = { id, level, path, message, before, after };
  return Object.assign(out, extra);
}

export function run(scenario: Scenario): Change[] {
  return diffSchemas(structuredClone(scenario.before) as never, structuredClone(scenario.after) as never, {
    ...scenario.options,
    direction: scenario.direction ?? 'response',
    mode: scenario.mode ?? 'schema',
  });
}

export const object = (properties: Record<string, unknown>, required?: string[]): Record<string, unknown> => ({
  type: 'object',
  properties,
  ...(required ? { required } : {}),
});

export const str = { type: 'string' } as const;
