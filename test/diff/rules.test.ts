import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/diff/diff.js';
import { MESSAGES } from '../../src/diff/messages.js';
import { allRules } from '../../src/diff/registry.js';
import { schemaRules } from '../../src/diff/rules/index.js';
import { scenariosByFamily } from './scenarios/index.js';
import { run } from './scenarios/scenario.js';

for (const [family, scenarios] of Object.entries(scenariosByFamily)) {
  describe(`rules: ${family}`, () => {
    for (const scenario of scenarios) {
      it(scenario.name, () => {
        const changes = run(scenario);
        expect(changes).toEqual(scenario.expect);
        for (const id of scenario.quiet ?? []) expect(changes.map((c) => c.id)).not.toContain(id);
      });
    }
  });
}

/** The opposite change of a rule, when its id names an action that has one. */
const ACTION_PAIRS: readonly [string, string][] = [
  ['added', 'removed'],
  ['widened', 'narrowed'],
  ['became-nullable', 'became-non-nullable'],
  ['became-optional', 'became-required'],
  ['tightened', 'relaxed'],
  ['deprecated', 'reactivated'],
  ['became-read-only', 'became-not-read-only'],
  ['became-write-only', 'became-not-write-only'],
  ['opened', 'closed'],
  ['constrained', 'unconstrained'],
];

function actionMirror(id: string): string | undefined {
  for (const [x, y] of ACTION_PAIRS) {
    if (id.endsWith(`-${x}`)) return `${id.slice(0, -x.length)}${y}`;
    if (id.endsWith(`-${y}`)) return `${id.slice(0, -y.length)}${x}`;
  }
  return undefined;
}

function directionMirror(id: string): string {
  return id.startsWith('response-') ? `request-${id.slice('response-'.length)}` : `response-${id.slice('request-'.length)}`;
}

describe('the rule registry', () => {
  const rules = allRules();
  const ids = new Set(rules.map((r) => r.id));
  const all = Object.values(scenariosByFamily).flat();

  it('has a unique kebab-case id, a level, a one-line doc and a message for every rule', () => {
    expect(ids.size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^(response|request)-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.id.startsWith(`${rule.direction}-`)).toBe(true);
      expect(['breaking', 'warning', 'info']).toContain(rule.level);
      expect(rule.doc).toMatch(/^(Response|Request): .{10,}\.$/);
      expect(rule.doc).not.toContain('\n');
      expect(rule.message.length, rule.id).toBeGreaterThan(5);
      if (rule.id in MESSAGES) expect(rule.message).toBe(MESSAGES[rule.id]);
    }
  });

  it('keeps the message of every schema rule in messages.ts, and none for a rule that does not exist', () => {
    expect(Object.keys(MESSAGES).filter((id) => !ids.has(id))).toEqual([]);
    expect(schemaRules.flatMap((family) => family.definitions).filter((spec) => !(spec.id in MESSAGES) || spec.message !== undefined).map((spec) => spec.id)).toEqual([]);
  });

  it('has at least 120 schema rules (the spec rules of src/diff/openapi add to the catalogue)', () => {
    expect(rules.length).toBeGreaterThanOrEqual(120);
  });

  it('has, for every rule, a scenario where it fires and one where it stays quiet', () => {
    const fired = new Set(all.flatMap((s) => s.expect.map((c) => c.id)));
    const quiet = new Set(all.flatMap((s) => s.quiet ?? []));
    for (const s of all) for (const id of s.quiet ?? []) expect(s.expect.map((c) => c.id), `${s.name} lists ${id} as quiet`).not.toContain(id);
    expect(rules.filter((r) => !fired.has(r.id)).map((r) => r.id)).toEqual([]);
    expect(rules.filter((r) => !quiet.has(r.id)).map((r) => r.id)).toEqual([]);
    expect([...fired, ...quiet].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('has the mirror of every rule (other side of the API, opposite change), or a recorded reason', () => {
    const missing: string[] = [];
    const stale: string[] = [];
    for (const rule of rules) {
      const direction = directionMirror(rule.id);
      if (!ids.has(direction) && !rule.unmirrored?.direction) missing.push(`${rule.id} ↔ ${direction}`);
      if (ids.has(direction) && rule.unmirrored?.direction) stale.push(`${rule.id}: ${direction} exists`);
      const action = actionMirror(rule.id);
      if (action && !ids.has(action) && !rule.unmirrored?.action) missing.push(`${rule.id} ↔ ${action}`);
      if ((!action || ids.has(action)) && rule.unmirrored?.action) stale.push(`${rule.id}: action reason without a missing mirror`);
    }
    expect(missing).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('has an example for every rule that makes it fire', () => {
    for (const rule of rules) {
      expect(rule.example, rule.id).toBeDefined();
      const changes = diffSchemas(structuredClone(rule.example!.before) as never, structuredClone(rule.example!.after) as never, {
        direction: rule.direction,
        mode: rule.example!.mode ?? 'schema',
      });
      expect(changes.map((c) => c.id), rule.id).toContain(rule.id);
    }
  });

  it('runs every family alone, as a pure function of two nodes and a context', () => {
    for (const family of schemaRules) {
      for (const spec of family.definitions) {
        const example = spec.example!;
        const ctx = { direction: spec.direction, mode: example.mode ?? 'schema', path: '/at' } as const;
        const first = family.check(example.before as never, example.after as never, { ...ctx });
        expect(first.map((f) => f.id), spec.id).toContain(spec.id);
        expect(first.every((f) => f.node === '/at' && f.path.startsWith('/at'))).toBe(true);
        expect(family.check(example.before as never, example.after as never, { ...ctx })).toEqual(first);
      }
    }
  });

  it('says for every rule family how it reads an observation', () => {
    for (const family of schemaRules) expect(family.observation.length, family.name).toBeGreaterThan(20);
  });
});
