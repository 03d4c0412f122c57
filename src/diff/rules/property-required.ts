import { propertiesOf, requiredSet } from '../facts.js';
import { isHidden } from '../properties.js';
import { finding, mirrored, type SchemaRule } from '../rule.js';
import type { Finding } from '../types.js';

export const propertyRequired: SchemaRule = {
  name: 'property-required',
  scope: 'node',
  observation: 'a property the samples sometimes lack became optional; a sample can never show that a property became required',
  definitions: [
    ...mirrored('property-became-optional', { response: 'breaking', request: 'info' }, 'a required property became optional.', {
      example: {
        before: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        after: { type: 'object', properties: { id: { type: 'string' } } },
      },
    }),
    ...mirrored('property-became-required', { response: 'info', request: 'breaking' }, 'an optional property became required.', {
      example: {
        before: { type: 'object', properties: { id: { type: 'string' } } },
        after: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      },
    }),
  ],
  check(before, after, ctx) {
    const beforeProps = propertiesOf(before);
    const afterProps = propertiesOf(after);
    const beforeRequired = requiredSet(before);
    const afterRequired = requiredSet(after);
    const findings: Finding[] = [];
    for (const name of Object.keys(afterProps)) {
      if (!Object.prototype.hasOwnProperty.call(beforeProps, name)) continue;
      const wasRequired = beforeRequired.has(name);
      const isRequired = afterRequired.has(name);
      if (wasRequired === isRequired) continue;
      if (isRequired && ctx.mode === 'observation') continue;
      if (isHidden(beforeProps[name]!, 'before', ctx) || isHidden(afterProps[name]!, 'after', ctx)) continue;
      findings.push(
        finding(`${ctx.direction}-property-became-${isRequired ? 'required' : 'optional'}`, ctx, {
          at: ['properties', name],
          before: wasRequired ? 'required' : 'optional',
          after: isRequired ? 'required' : 'optional',
          params: { name },
        }),
      );
    }
    return findings;
  },
};
