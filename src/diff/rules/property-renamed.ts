import { propertiesOf } from '../facts.js';
import { propertyDelta } from '../properties.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';

export const propertyRenamed: SchemaRule = {
  name: 'property-renamed',
  scope: 'node',
  observation: 'a required baseline property missing from the samples while a new property of a fitting shape and similar name appears',
  definitions: mirrored(
    'property-renamed',
    { response: 'breaking', request: 'breaking' },
    'a property went away while one of the same shape and a similar name appeared: probably one property renamed (with a confidence).',
    {
      example: {
        before: { type: 'object', properties: { email_address: { type: 'string' } } },
        after: { type: 'object', properties: { emailAddress: { type: 'string' } } },
      },
    },
  ),
  check(before, after, ctx) {
    const beforeProps = propertiesOf(before);
    const afterProps = propertiesOf(after);
    return propertyDelta(before, after, ctx).renames.map((rename) =>
      finding(`${ctx.direction}-property-renamed`, ctx, {
        at: ['properties', rename.from],
        before: { name: rename.from, schema: beforeProps[rename.from] },
        after: { name: rename.to, schema: afterProps[rename.to] },
        params: { name: rename.from, to: rename.to, confidence: rename.confidence },
        confidence: rename.confidence,
      }),
    );
  },
};
