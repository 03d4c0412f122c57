import { propertiesOf } from '../facts.js';
import { propertyDelta } from '../properties.js';
import { finding, type SchemaRule } from '../rule.js';

export const propertyRemoved: SchemaRule = {
  name: 'property-removed',
  scope: 'node',
  observation: 'only a property the baseline requires counts as removed; an optional one absent from the samples is variance',
  definitions: [
    {
      id: 'response-property-removed',
      level: 'breaking',
      direction: 'response',
      doc: 'Response: a property the consumer may read is no longer sent.',
      example: { before: { type: 'object', properties: { email: { type: 'string' } } }, after: { type: 'object', properties: {} } },
    },
    {
      id: 'request-property-removed',
      level: 'warning',
      direction: 'request',
      doc: 'Request: the vendor no longer documents a property the consumer may send; it may be ignored or rejected.',
      example: { before: { type: 'object', properties: { email: { type: 'string' } } }, after: { type: 'object', properties: {} } },
      unmirrored: { action: 'a new request property is request-optional-property-added or request-required-property-added' },
    },
  ],
  check(before, after, ctx) {
    const properties = propertiesOf(before);
    return propertyDelta(before, after, ctx).removed.map((name) =>
      finding(`${ctx.direction}-property-removed`, ctx, { at: ['properties', name], before: properties[name], after: undefined, params: { name } }),
    );
  },
};
