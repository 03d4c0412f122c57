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
    const has = (props: Record<string, unknown>, name: string) => Object.prototype.hasOwnProperty.call(props, name);
    // Properties both versions declare, and names required without a declaration on either side
    // (`{required: ['id']}` alone): an undeclared property is optional until it is required.
    const names = [
      ...Object.keys(afterProps).filter((name) => has(beforeProps, name)),
      ...[...new Set([...beforeRequired, ...afterRequired])].filter((name) => !has(beforeProps, name) && !has(afterProps, name)),
    ];
    const findings: Finding[] = [];
    for (const name of names) {
      const wasRequired = beforeRequired.has(name);
      const isRequired = afterRequired.has(name);
      if (wasRequired === isRequired) continue;
      if (isRequired && ctx.mode === 'observation') continue;
      const b = beforeProps[name];
      const a = afterProps[name];
      if ((b && isHidden(b, 'before', ctx)) || (a && isHidden(a, 'after', ctx))) continue;
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
