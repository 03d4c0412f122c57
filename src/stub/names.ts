/** Identifiers, keys and comments for generated TypeScript. */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with as implements interface ' +
    'let package private protected public static yield any boolean number string symbol type from of await async unknown never object undefined'
  ).split(' '),
);

/** PascalCase of a name made of letters, digits and separators: `stripe-charges` → `StripeCharges`. */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  // json-schema-to-typescript upper-cases a letter after digits; names must survive it unchanged.
  return joined.replace(/[0-9]+[a-z]/g, (m) => m.toUpperCase());
}

/** The type-name stem of a monitor: PascalCase, never starting with a digit. */
export function monitorStem(monitor: string): string {
  const stem = pascalCase(monitor);
  if (stem === '') return 'Monitor';
  return /^[0-9]/.test(stem) ? `Monitor${stem}` : stem;
}

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}

/** A property name as an object literal key. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Reading a property of an expression: `input.amount` or `input["3d-secure"]`. */
export function propertyAccess(expression: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${expression}.${name}` : `${expression}[${JSON.stringify(name)}]`;
}

/** Text safe inside a `//` comment: one line, printable. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** A property name as shown in comments and messages. */
export function showName(name: string): string {
  return `\`${commentText(name).replace(/`/g, "'")}\``;
}

/** Hands out names that are unique within one module, suffixing a counter on collision. */
export class NameRegistry {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  claim(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.taken.has(name); i++) name = `${wanted}${i}`;
    this.taken.add(name);
    return name;
  }
}

/**
 * The field a schema JSON Pointer describes, as a developer reads it: `customer.email`,
 * `refunds.data[].amount`, `(root)`.
 */
export function fieldOf(pointer: string): string {
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if ((token === 'properties' || token === '$defs') && i + 1 < tokens.length) {
      const name = tokens[++i]!;
      out += out === '' ? name : `.${name}`;
    } else if (token === 'items') {
      out += '[]';
    } else if (token === 'additionalProperties') {
      out += out === '' ? '*' : '.*';
    } else {
      out += out === '' ? token : `.${token}`;
    }
  }
  return commentText(out === '' ? '(root)' : out);
}

/** A PascalCase stem for the node at a schema pointer: `/properties/refunds/properties/data/items` → `RefundsDataItem`. */
export function pointerStem(pointer: string): string {
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === 'properties' && i + 1 < tokens.length) out += pascalCase(tokens[++i]!) || 'Property';
    else if (token === 'items') out += 'Item';
    else if (token === 'additionalProperties') out += 'Value';
    else out += pascalCase(token);
  }
  return out;
}
