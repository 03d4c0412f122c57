import { specRules } from './openapi/index.js';
import { schemaRules } from './rules/index.js';
import type { RuleDefinition } from './types.js';

let byId: Map<string, RuleDefinition> | undefined;

/** Every rule driftwatch knows, sorted by id: the catalogue. */
export function allRules(): RuleDefinition[] {
  return [...index().values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function ruleById(id: string): RuleDefinition {
  const rule = index().get(id);
  if (!rule) throw new Error(`unknown rule id ${id}`);
  return rule;
}

function index(): Map<string, RuleDefinition> {
  if (byId) return byId;
  byId = new Map();
  for (const family of [...schemaRules, ...specRules]) {
    for (const definition of family.definitions) {
      if (byId.has(definition.id)) throw new Error(`rule id ${definition.id} is defined twice`);
      byId.set(definition.id, definition);
    }
  }
  return byId;
}
