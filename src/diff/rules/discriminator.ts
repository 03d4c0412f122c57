import { isSchemaObject } from '../../schema/normalize.js';
import type { JsonSchema } from '../../schema/types.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { Finding } from '../types.js';

interface Discriminator {
  propertyName: string | undefined;
  mapping: Record<string, string>;
}

function discriminatorOf(schema: JsonSchema): Discriminator | undefined {
  const value = schema.discriminator;
  if (!isSchemaObject(value)) return undefined;
  const mapping: Record<string, string> = {};
  if (isSchemaObject(value.mapping)) {
    for (const [key, target] of Object.entries(value.mapping)) if (typeof target === 'string') mapping[key] = target;
  }
  return { propertyName: typeof value.propertyName === 'string' ? value.propertyName : undefined, mapping };
}

const pets = { oneOf: [{ $ref: '#/$defs/cat' }, { $ref: '#/$defs/dog' }], $defs: { cat: { type: 'object' }, dog: { type: 'object' } } };

export const discriminatorRule: SchemaRule = {
  name: 'discriminator',
  scope: 'node',
  observation: 'inference never writes a discriminator, so an observation says nothing about it',
  definitions: [
    ...mirrored('discriminator-added', { response: 'info', request: 'info' }, 'alternatives are now told apart by a discriminator property.', {
      example: { before: pets, after: { ...pets, discriminator: { propertyName: 'kind' } } },
    }),
    ...mirrored(
      'discriminator-removed',
      { response: 'warning', request: 'info' },
      'alternatives are no longer told apart by a discriminator: clients that dispatch on it must guess.',
      { example: { before: { ...pets, discriminator: { propertyName: 'kind' } }, after: pets } },
    ),
    ...mirrored('discriminator-property-changed', { response: 'breaking', request: 'breaking' }, 'the property that tells alternatives apart has another name.', {
      example: { before: { ...pets, discriminator: { propertyName: 'kind' } }, after: { ...pets, discriminator: { propertyName: 'type' } } },
    }),
    ...mirrored('discriminator-mapping-added', { response: 'breaking', request: 'info' }, 'a discriminator value maps to a kind the consumer has not seen.', {
      example: {
        before: { ...pets, discriminator: { propertyName: 'kind', mapping: { cat: '#/$defs/cat' } } },
        after: { ...pets, discriminator: { propertyName: 'kind', mapping: { cat: '#/$defs/cat', dog: '#/$defs/dog' } } },
      },
    }),
    ...mirrored('discriminator-mapping-removed', { response: 'info', request: 'breaking' }, 'a discriminator value is no longer mapped: requests using it may be refused.', {
      example: {
        before: { ...pets, discriminator: { propertyName: 'kind', mapping: { cat: '#/$defs/cat', dog: '#/$defs/dog' } } },
        after: { ...pets, discriminator: { propertyName: 'kind', mapping: { cat: '#/$defs/cat' } } },
      },
    }),
    ...mirrored('discriminator-mapping-changed', { response: 'breaking', request: 'breaking' }, 'a discriminator value now maps to a different schema.', {
      example: {
        before: { ...pets, discriminator: { propertyName: 'kind', mapping: { pet: '#/$defs/cat' } } },
        after: { ...pets, discriminator: { propertyName: 'kind', mapping: { pet: '#/$defs/dog' } } },
      },
    }),
  ],
  check(before, after, ctx) {
    if (ctx.mode === 'observation') return [];
    const b = discriminatorOf(before);
    const a = discriminatorOf(after);
    if (!b && !a) return [];
    const at = ['discriminator'];
    if (!b || !a) {
      return [
        finding(`${ctx.direction}-discriminator-${a ? 'added' : 'removed'}`, ctx, {
          at,
          before: before.discriminator,
          after: after.discriminator,
          params: { property: (a ?? b)!.propertyName ?? '?' },
        }),
      ];
    }
    const findings: Finding[] = [];
    if (b.propertyName !== a.propertyName) {
      findings.push(
        finding(`${ctx.direction}-discriminator-property-changed`, ctx, {
          at: [...at, 'propertyName'],
          before: b.propertyName,
          after: a.propertyName,
          params: { before: b.propertyName ?? 'none', after: a.propertyName ?? 'none' },
        }),
      );
    }
    for (const key of Object.keys(a.mapping)) {
      const target = a.mapping[key]!;
      const was = b.mapping[key];
      if (was === undefined) {
        findings.push(finding(`${ctx.direction}-discriminator-mapping-added`, ctx, { at: [...at, 'mapping', key], before: undefined, after: target, params: { key, target } }));
      } else if (was !== target) {
        findings.push(
          finding(`${ctx.direction}-discriminator-mapping-changed`, ctx, { at: [...at, 'mapping', key], before: was, after: target, params: { key, before: was, after: target } }),
        );
      }
    }
    for (const key of Object.keys(b.mapping)) {
      if (a.mapping[key] !== undefined) continue;
      findings.push(
        finding(`${ctx.direction}-discriminator-mapping-removed`, ctx, { at: [...at, 'mapping', key], before: b.mapping[key], after: undefined, params: { key, target: b.mapping[key]! } }),
      );
    }
    return findings;
  },
};
