import { MESSAGES } from './messages.js';
import type { RuleSpec } from './rule.js';
import { schemaRules } from './rules/index.js';
import type { RuleDefinition } from './types.js';

let byId: Map<string, RuleDefinition> | undefined;

/** Every rule definition driftwatch knows, from every family. */
function ruleSpecs(): RuleSpec[] {
  return schemaRules.flatMap((family) => family.definitions);
}

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
  const built = new Map<string, RuleDefinition>();
  for (const spec of ruleSpecs()) {
    if (built.has(spec.id)) throw new Error(`rule id ${spec.id} is defined twice`);
    const message = MESSAGES[spec.id] ?? spec.message;
    if (message === undefined) throw new Error(`rule id ${spec.id} has no message in src/diff/messages.ts`);
    built.set(spec.id, { ...spec, message });
  }
  byId = built;
  return built;
}
