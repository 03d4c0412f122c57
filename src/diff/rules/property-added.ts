import { propertiesOf, requiredSet } from '../facts.js';
import { propertyDelta } from '../properties.js';
import { finding, type SchemaRule } from '../rule.js';

const example = {
  before: { type: 'object', properties: {} },
  after: { type: 'object', properties: { receipt_url: { type: 'string' } } },
};

export const propertyAdded: SchemaRule = {
  name: 'property-added',
  scope: 'node',
  observation: 'a property seen in a sample that the baseline does not list is new',
  definitions: [
    {
      id: 'response-property-added',
      level: 'info',
      direction: 'response',
      doc: 'Response: a property the consumer has never received appears.',
      example,
      unmirrored: { direction: 'requests tell request-optional-property-added from request-required-property-added' },
    },
    {
      id: 'request-optional-property-added',
      level: 'info',
      direction: 'request',
      doc: 'Request: the vendor accepts a new optional property.',
      example,
      unmirrored: {
        direction: 'a new response property is response-property-added whether it is required or not',
        action: 'removing a request property is request-property-removed whether it was required or not',
      },
    },
    {
      id: 'request-required-property-added',
      level: 'breaking',
      direction: 'request',
      doc: 'Request: the vendor now requires a property the consumer does not send.',
      example: { before: example.before, after: { ...example.after, required: ['receipt_url'] } },
      unmirrored: {
        direction: 'a new response property is response-property-added whether it is required or not',
        action: 'removing a request property is request-property-removed whether it was required or not',
      },
    },
  ],
  check(before, after, ctx) {
    const properties = propertiesOf(after);
    const required = requiredSet(after);
    return propertyDelta(before, after, ctx).added.map((name) => {
      const id =
        ctx.direction === 'response' ? 'response-property-added' : required.has(name) ? 'request-required-property-added' : 'request-optional-property-added';
      return finding(id, ctx, { at: ['properties', name], before: undefined, after: properties[name], params: { name } });
    });
  },
};
