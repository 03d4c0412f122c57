import { joinPointer } from '../diff/pointer.js';
import type { Direction } from '../diff/types.js';
import type { JsonSchema } from '../schema/types.js';
import type { TypeNames } from './declarations.js';
import {
  KIND_ORDER,
  compareText,
  enumValues,
  integerOnly,
  isComposite,
  isRequired,
  itemsOf,
  kindsOf,
  literal,
  propertiesOf,
  restrict,
  restrictToKinds,
  sameSchema,
  type Kind,
} from './kinds.js';
import { NameRegistry, commentText, fieldOf, pointerStem, propertyAccess, propertyKey, showName } from './names.js';
import type { ChangeNotes } from './notes.js';
import type { RuntimeHelper } from './runtime.js';

/** One side of the mapping: a sanitized schema and the names its types were declared under. */
export interface AdapterSide {
  schema: JsonSchema;
  typeName: string;
  names: TypeNames;
  /** Own-side pointer → enum values left out of the stub (values only ever observed). */
  droppedEnumValues: Map<string, number>;
}

export interface AdapterSpec {
  /** `response`: source is what the vendor sends now, target the baseline. `request`: the reverse. */
  direction: Direction;
  functionName: string;
  source: AdapterSide;
  target: AdapterSide;
  notes: ChangeNotes;
  registry: NameRegistry;
}

export interface AdapterCode {
  /** The exported adapter first, then its helpers in the order they are first needed. */
  functions: string[];
  runtime: Set<RuntimeHelper>;
}

interface NodeRef {
  schema: JsonSchema;
  /** JSON Pointer of the node in its own schema. */
  ptr: string;
}

/** Per generated function: comment lines gathered for the entry being written, and the depth of nested callbacks. */
interface Scope {
  comments: string[];
  depth: number;
}

const MAX_DEFAULT_DEPTH = 8;

/**
 * Writes `adapt<Monitor>(input: Source): Target`: one mapping per difference between the two
 * schemas, walked together, with the diff's changes as comments where they apply. Identical
 * subtrees are passed through; every other node gets a conversion, a defaulting branch with a
 * TODO, or a call that throws naming the field, so the module always compiles.
 */
export function writeAdapter(spec: AdapterSpec): AdapterCode {
  return new AdapterWriter(spec).write();
}

class AdapterWriter {
  private readonly functions: string[] = [];
  private readonly helpers = new Map<string, string>();
  private readonly runtime = new Set<RuntimeHelper>();

  constructor(private readonly spec: AdapterSpec) {}

  write(): AdapterCode {
    const source: NodeRef = { schema: this.spec.source.schema, ptr: '' };
    const target: NodeRef = { schema: this.spec.target.schema, ptr: '' };
    const sk = kindsOf(source.schema);
    const tk = kindsOf(target.schema);
    const rootComments = this.spec.notes.take('').map((c) => this.spec.notes.describe(c));
    if (sk?.size === 1 && sk.has('object') && tk?.size === 1 && tk.has('object') && !sameSchema(source.schema, target.schema)) {
      this.objectHelper(source, target, { name: this.spec.functionName, exported: true, comments: rootComments });
    } else {
      const slot = this.functions.push('') - 1;
      const scope: Scope = { comments: [], depth: 0 };
      const body = this.value(source, target, 'input', scope);
      this.functions[slot] = this.functionText({
        name: this.spec.functionName,
        exported: true,
        param: this.spec.source.typeName,
        result: this.spec.target.typeName,
        doc: this.docLine(''),
        comments: [...rootComments, ...scope.comments],
        body: `return ${body};`,
      });
    }
    return { functions: this.functions, runtime: this.runtime };
  }

  /** The baseline pointer of a pair of nodes: changes are reported in baseline coordinates. */
  private basePtr(source: NodeRef, target: NodeRef): string {
    return this.spec.direction === 'response' ? target.ptr : source.ptr;
  }

  private use(helper: RuntimeHelper): void {
    this.runtime.add(helper);
  }

  /** An expression of the target type, from `v`, an expression of the source type (never undefined). */
  private value(source: NodeRef, target: NodeRef, v: string, scope: Scope): string {
    const base = this.basePtr(source, target);
    scope.comments.push(...this.spec.notes.take(base).map((c) => this.spec.notes.describe(c)));
    if (sameSchema(source.schema, target.schema)) return v;
    const field = fieldOf(base);
    if (isComposite(source.schema) || isComposite(target.schema)) {
      scope.comments.push(`TODO(driftwatch): ${field} uses anyOf/oneOf/allOf; driftwatch does not map those, so this throws until you do.`);
      return this.cannotConvert(field, 'a value of a combined schema (anyOf/oneOf/allOf)', 'the baseline shape');
    }
    const targetKinds = kindsOf(target.schema);
    if (targetKinds === undefined) return v;
    const sourceKinds = kindsOf(source.schema);
    if (sourceKinds === undefined) {
      scope.comments.push(`TODO(driftwatch): nothing was observed about ${field} (an empty array?); it is passed on unchecked.`);
      this.use('unchecked');
      return `unchecked(${v})`;
    }
    const nonNull = KIND_ORDER.filter((k) => k !== 'null' && sourceKinds.has(k));
    const body = nonNull.length === 0 ? v : this.dispatch(source, target, v, nonNull, scope);
    if (!sourceKinds.has('null')) return body;
    if (targetKinds.has('null')) return body === v ? v : `${v} === null ? null : ${body}`;
    const fallback = this.defaultFor(target, 0);
    return `${v} === null ? ${blockComment(`TODO(driftwatch): ${field} may be null now; choose what your code gets then`)} ${fallback} : ${body}`;
  }

  /** Converts each kind the source may have, chosen at run time with `typeof` / `Array.isArray`. */
  private dispatch(source: NodeRef, target: NodeRef, v: string, kinds: readonly Kind[], scope: Scope): string {
    const branches = kinds.map((kind) => ({ kind, expr: this.convertKind(kind, source, target, v, scope) }));
    if (branches.every((b) => b.expr === v)) return v;
    let expr = branches[branches.length - 1]!.expr;
    for (let i = branches.length - 2; i >= 0; i--) {
      const { kind, expr: branch } = branches[i]!;
      expr = `${guard(kind, v)} ? ${branch} : ${expr}`;
    }
    return expr;
  }

  private convertKind(kind: Kind, sourceNode: NodeRef, targetNode: NodeRef, v: string, scope: Scope): string {
    const source: NodeRef = { schema: restrict(sourceNode.schema, kind), ptr: sourceNode.ptr };
    const targetKinds = kindsOf(targetNode.schema)!;
    const field = fieldOf(this.basePtr(sourceNode, targetNode));
    if (targetKinds.has(kind)) {
      const target: NodeRef = { schema: restrict(targetNode.schema, kind), ptr: targetNode.ptr };
      switch (kind) {
        case 'object':
          return this.object(source, target, v, scope);
        case 'array':
          return this.array(source, target, v, scope);
        case 'number':
          if (integerOnly(target.schema) && !integerOnly(source.schema)) {
            this.use('toInteger');
            return this.enumerated(source, target, `toInteger(${v}, ${literal(field)})`, kind, scope);
          }
          return this.enumerated(source, target, v, kind, scope);
        default:
          return this.enumerated(source, target, v, kind, scope);
      }
    }

    // The target does not admit this kind: convert where a conversion is safe.
    if (kind === 'number' && targetKinds.has('string')) {
      const target = restrict(targetNode.schema, 'string');
      if (enumValues(target) === undefined) {
        if (target.format === 'date-time') {
          this.use('epochSecondsToIsoDateTime');
          return `epochSecondsToIsoDateTime(${v}, ${literal(field)})`;
        }
        if (target.format === 'date') {
          this.use('epochSecondsToIsoDate');
          return `epochSecondsToIsoDate(${v}, ${literal(field)})`;
        }
        return `String(${v})`;
      }
    }
    if (kind === 'string' && targetKinds.has('number')) {
      const target = restrict(targetNode.schema, 'number');
      if (enumValues(target) === undefined) {
        if (source.schema.format === 'date-time' || source.schema.format === 'date') {
          this.use('isoToEpochSeconds');
          return `isoToEpochSeconds(${v}, ${literal(field)})`;
        }
        const helper = integerOnly(target) ? 'numericStringToInteger' : 'numericStringToNumber';
        this.use(helper);
        return `${helper}(${v}, ${literal(field)})`;
      }
    }
    if (kind !== 'array' && targetKinds.has('array')) {
      const items = itemsOf(targetNode.schema);
      const itemKinds = items ? kindsOf(items) : undefined;
      if (items === undefined || itemKinds === undefined || itemKinds.has(kind)) {
        const inner = items ? this.value(source, { schema: items, ptr: joinPointer(targetNode.ptr, 'items') }, v, scope) : v;
        scope.comments.push(`${field}: one value is now sent where your code expects an array of them; wrapped.`);
        return `[${inner}]`;
      }
    }
    const targetOthers = KIND_ORDER.filter((k) => k !== 'null' && k !== 'array' && targetKinds.has(k));
    if (kind === 'array' && targetOthers.length > 0) {
      const items = itemsOf(sourceNode.schema);
      const item = this.itemName(scope);
      scope.depth++;
      const inner = this.value(
        { schema: items ?? {}, ptr: joinPointer(sourceNode.ptr, 'items') },
        { schema: restrictToKinds(targetNode.schema, targetOthers), ptr: targetNode.ptr },
        item,
        scope,
      );
      scope.depth--;
      this.use('fromSingleElement');
      scope.comments.push(`${field}: an array is now sent where your code expects one value; its only element is taken.`);
      return `fromSingleElement(${v}, ${literal(field)}, (${parameter(item, inner)}) => ${inner})`;
    }
    if (![...targetKinds].some((k) => k !== 'null')) {
      return `${blockComment(`TODO(driftwatch): the baseline only ever saw null at ${field}; your code gets null here`)} null`;
    }
    return this.cannotConvert(field, describeKind(kind), describeKinds(targetKinds));
  }

  private cannotConvert(field: string, from: string, to: string): string {
    this.use('cannotConvert');
    return `cannotConvert(${literal(field)}, ${literal(from)}, ${literal(to)})`;
  }

  private object(source: NodeRef, target: NodeRef, v: string, scope: Scope): string {
    if (sameSchema(source.schema, target.schema)) return v;
    const targetMap = target.schema.additionalProperties;
    const sourceMap = source.schema.additionalProperties;
    const targetProps = Object.keys(propertiesOf(target.schema));
    if (typeof targetMap === 'object' || typeof sourceMap === 'object') {
      const field = fieldOf(this.basePtr(source, target));
      if (typeof targetMap === 'object' && typeof sourceMap === 'object' && targetProps.length === 0 && Object.keys(propertiesOf(source.schema)).length === 0) {
        const inner = this.value(
          { schema: sourceMap, ptr: joinPointer(source.ptr, 'additionalProperties') },
          { schema: targetMap, ptr: joinPointer(target.ptr, 'additionalProperties') },
          'value',
          scope,
        );
        return inner === 'value' ? v : `Object.fromEntries(Object.entries(${v}).map(([key, ${parameter('value', inner)}]) => [key, ${inner}]))`;
      }
      scope.comments.push(`TODO(driftwatch): ${field} is a map with changed entries; map it by hand.`);
      return this.cannotConvert(field, 'a map', 'the baseline map');
    }
    // An object the baseline knows nothing inside of (metadata, say) keeps whatever it holds.
    if (targetProps.length === 0) return v;
    return `${this.objectHelper(source, target)}(${v})`;
  }

  private array(source: NodeRef, target: NodeRef, v: string, scope: Scope): string {
    const targetItems = itemsOf(target.schema);
    if (targetItems === undefined || (kindsOf(targetItems) === undefined && !isComposite(targetItems))) return v;
    const sourceItems = itemsOf(source.schema);
    if (sourceItems === undefined || (kindsOf(sourceItems) === undefined && !isComposite(sourceItems))) {
      const field = fieldOf(this.basePtr(source, target));
      scope.comments.push(`TODO(driftwatch): no element of ${field} was observed; the array is passed on unchecked.`);
      this.use('unchecked');
      return `unchecked(${v})`;
    }
    const item = this.itemName(scope);
    scope.depth++;
    const targetItem: NodeRef = { schema: targetItems, ptr: joinPointer(target.ptr, 'items') };
    const inner = this.value({ schema: sourceItems, ptr: joinPointer(source.ptr, 'items') }, targetItem, item, scope);
    scope.depth--;
    if (inner === item) return v;
    const itemType = this.typeExpr(targetItem, this.spec.target.names);
    return `${v}.map((${parameter(item, inner)})${itemType === undefined ? '' : `: ${itemType}`} => ${inner})`;
  }

  private itemName(scope: Scope): string {
    return scope.depth === 0 ? 'item' : `item${scope.depth + 1}`;
  }

  /**
   * An enumerated value: passed through when every value the source may have is one the target
   * lists, else an exhaustive switch over the values that may be printed, with the new ones marked.
   */
  private enumerated(source: NodeRef, target: NodeRef, v: string, kind: Kind, scope: Scope): string {
    const targetValues = enumValues(target.schema);
    if (targetValues === undefined) return v;
    const sourceValues = enumValues(source.schema);
    const targetKeys = new Set(targetValues.map(literal));
    if (sourceValues !== undefined && sourceValues.every((value) => targetKeys.has(literal(value)))) return v;

    const base = this.basePtr(source, target);
    const field = fieldOf(base);
    const key = `enum\u0000${source.ptr}\u0000${target.ptr}\u0000${kind}`;
    let name = this.helpers.get(key);
    if (name === undefined) {
      name = this.spec.registry.claim(`adapt${pointerStem(base) || 'Value'}`);
      this.helpers.set(key, name);
      const baseType = kind === 'number' ? 'number' : kind === 'boolean' ? 'boolean' : 'string';
      const param = sourceValues === undefined ? baseType : sourceValues.map(literal).join(' | ');
      const result = targetValues.map(literal).join(' | ');
      const listed = sourceValues ?? targetValues;
      const cases: string[] = [];
      for (const value of listed) {
        const text = literal(value);
        if (targetKeys.has(text)) {
          cases.push(`case ${text}:`, `return ${text};`);
        } else {
          this.use('unexpectedEnumValue');
          cases.push(
            `// TODO(driftwatch): ${commentText(text)} is not a value your code handles at ${field}; map it to one of the values above.`,
            `case ${text}:`,
            `return unexpectedEnumValue(value, ${literal(field)});`,
          );
        }
      }
      if (sourceValues !== undefined) {
        this.use('assertNever');
        cases.push('default:', `return assertNever(value, ${literal(field)});`);
      } else {
        const dropped = this.spec.source.droppedEnumValues.get(source.ptr);
        const what =
          dropped === undefined
            ? 'The shape the vendor sends now does not list the values of this field.'
            : `NEW: the vendor now sends ${dropped} value${dropped === 1 ? '' : 's'} the baseline does not list.`;
        this.use('unexpectedEnumValue');
        cases.push(
          ...wrapComment(`${what} driftwatch never prints a value it has only observed: take them from the drift report.`),
          '// TODO(driftwatch): add a case for each and map it to one of the values above.',
          'default:',
          `return unexpectedEnumValue(value, ${literal(field)});`,
        );
      }
      this.functions.push(
        this.functionText({
          name,
          exported: false,
          param,
          paramName: 'value',
          result,
          doc: `${field}: the values the vendor sends now → the values your code handles.`,
          comments: [],
          body: `switch (value) {\n${cases.join('\n')}\n}`,
        }),
      );
    }
    scope.comments.push(`${field}: mapped value by value in ${name}().`);
    return `${name}(${v})`;
  }

  private objectHelper(source: NodeRef, target: NodeRef, root?: { name: string; exported: boolean; comments: string[] }): string {
    const key = `object\u0000${source.ptr}\u0000${target.ptr}`;
    const known = this.helpers.get(key);
    if (known !== undefined) return known;
    const sourceType = this.spec.source.names.get(source.ptr);
    const targetType = this.spec.target.names.get(target.ptr);
    if (sourceType === undefined || targetType === undefined) {
      throw new Error(`stub generator: no declared type for the object at ${source.ptr || '/'} or ${target.ptr || '/'}`);
    }
    const base = this.basePtr(source, target);
    const name = root?.name ?? this.spec.registry.claim(`adapt${pointerStem(base) || 'Object'}`);
    this.helpers.set(key, name);
    const slot = this.functions.push('') - 1;
    const entries = this.objectEntries(source, target);
    this.functions[slot] = this.functionText({
      name,
      exported: root?.exported ?? false,
      param: sourceType,
      result: targetType,
      doc: this.docLine(base),
      comments: root?.comments ?? [],
      body: `return {\n${entries.join('\n')}\n};`,
    });
    return name;
  }

  private objectEntries(source: NodeRef, target: NodeRef): string[] {
    const { notes, direction } = this.spec;
    const base = this.basePtr(source, target);
    const sourceProps = propertiesOf(source.schema);
    const targetProps = propertiesOf(target.schema);
    const consumed = new Set<string>();
    const lines: string[] = [];

    for (const name of Object.keys(targetProps).sort(compareText)) {
      let sourceName: string | undefined = has(sourceProps, name) ? name : undefined;
      const rename = direction === 'response' ? notes.renameFrom(base, name) : notes.renameTo(base, name);
      const renamedFrom = rename ? (direction === 'response' ? rename.to : rename.from) : undefined;
      if (renamedFrom !== undefined && has(sourceProps, renamedFrom)) sourceName = renamedFrom;
      const propBase = direction === 'response' ? joinPointer(target.ptr, 'properties', name) : joinPointer(source.ptr, 'properties', sourceName ?? name);
      const field = fieldOf(propBase);
      const key = propertyKey(name);
      const targetNode: NodeRef = { schema: targetProps[name]!, ptr: joinPointer(target.ptr, 'properties', name) };
      const comments = notes.take(propBase).map((c) => notes.describe(c));
      if (rename && sourceName === renamedFrom) comments.push(...notes.take(rename.change.path).map((c) => notes.describe(c)));
      const targetRequired = isRequired(target.schema, name);

      if (sourceName === undefined) {
        if (targetRequired) {
          if (!notes.has(propBase, 'property-removed')) comments.push(`${showName(name)} is not in the shape the vendor sends now.`);
          comments.push(`TODO(driftwatch): placeholder for ${field}; decide what your code should get instead.`);
          lines.push(...comments.map((c) => `// ${c}`), `${key}: ${this.defaultFor(targetNode, 0)},`);
        } else if (comments.length > 0) {
          comments.push(`${showName(name)} is optional in the shape your code expects and is not sent now: left out.`);
          lines.push(...comments.map((c) => `// ${c}`));
        }
        continue;
      }

      consumed.add(sourceName);
      const access = propertyAccess('input', sourceName);
      const scope: Scope = { comments: [], depth: 0 };
      const sourceNode: NodeRef = { schema: sourceProps[sourceName]!, ptr: joinPointer(source.ptr, 'properties', sourceName) };
      const converted = this.value(sourceNode, targetNode, access, scope);
      comments.push(...scope.comments);
      const sourceRequired = isRequired(source.schema, sourceName);
      let entry: string;
      if (targetRequired && sourceRequired) {
        entry = `${key}: ${converted},`;
      } else if (targetRequired) {
        const marker = blockComment(`TODO(driftwatch): ${field} may be absent now; choose what your code gets then`);
        entry = `${key}: ${access} === undefined ? ${marker} ${this.defaultFor(targetNode, 0)} : ${converted},`;
      } else {
        entry = `...(${access} === undefined ? {} : { ${key}: ${converted} }),`;
      }
      lines.push(...comments.map((c) => `// ${c}`), entry);
    }

    const extra = Object.keys(sourceProps)
      .filter((name) => !consumed.has(name) && !has(targetProps, name))
      .sort(compareText);
    if (extra.length > 0) {
      for (const name of extra) {
        const pointer = direction === 'response' ? joinPointer(target.ptr, 'properties', name) : joinPointer(source.ptr, 'properties', name);
        notes.take(pointer);
      }
      const names = extra.map(showName).join(', ');
      lines.push(
        ...wrapComment(
          direction === 'response'
            ? `Also in the shape the vendor sends now, not mapped: ${names}.`
            : `Left out, the vendor no longer accepts them: ${names}.`,
        ),
      );
    }
    return lines;
  }

  /** A value of the target type to use where the source has none; always marked TODO by the caller. */
  private defaultFor(node: NodeRef, depth: number): string {
    const { schema } = node;
    const field = fieldOf(node.ptr);
    if (isComposite(schema)) {
      const first = schema.anyOf?.[0] ?? schema.oneOf?.[0];
      if (first !== undefined && depth < MAX_DEFAULT_DEPTH) return this.defaultFor({ schema: first, ptr: node.ptr }, depth + 1);
      return this.cannotConvert(field, 'nothing', 'a value');
    }
    const kinds = kindsOf(schema);
    if (kinds === undefined || kinds.has('null')) return 'null';
    const values = enumValues(schema);
    if (values !== undefined && values.length > 0) return literal(values[0]!);
    if (kinds.has('string')) {
      if (schema.format === 'date-time') return '"1970-01-01T00:00:00.000Z"';
      if (schema.format === 'date') return '"1970-01-01"';
      return '""';
    }
    if (kinds.has('number')) return '0';
    if (kinds.has('boolean')) return 'false';
    if (kinds.has('array')) return '[]';
    if (kinds.has('object') && depth < MAX_DEFAULT_DEPTH) {
      const props = propertiesOf(schema);
      const entries = Object.keys(props)
        .sort(compareText)
        .filter((name) => isRequired(schema, name))
        .map((name) => `${propertyKey(name)}: ${this.defaultFor({ schema: props[name]!, ptr: joinPointer(node.ptr, 'properties', name) }, depth + 1)}`);
      return `{ ${entries.join(', ')} }`;
    }
    return this.cannotConvert(field, 'nothing', 'a value');
  }

  /** A TypeScript type for a target node, where one can be written without json-schema-to-typescript's help. */
  private typeExpr(node: NodeRef, names: TypeNames): string | undefined {
    if (isComposite(node.schema)) return undefined;
    const kinds = kindsOf(node.schema);
    if (kinds === undefined) return 'unknown';
    const parts: string[] = [];
    for (const kind of KIND_ORDER) {
      if (!kinds.has(kind)) continue;
      const part = restrict(node.schema, kind);
      const values = enumValues(part);
      if (values !== undefined && kind !== 'null') {
        parts.push(...values.map(literal));
        continue;
      }
      switch (kind) {
        case 'object': {
          const name = names.get(node.ptr);
          if (name === undefined) return undefined;
          parts.push(name);
          break;
        }
        case 'array': {
          const items = itemsOf(part);
          const inner = items === undefined ? 'unknown' : this.typeExpr({ schema: items, ptr: joinPointer(node.ptr, 'items') }, names);
          if (inner === undefined) return undefined;
          parts.push(`Array<${inner}>`);
          break;
        }
        default:
          parts.push(kind);
      }
    }
    return parts.length === 0 ? 'never' : parts.join(' | ');
  }

  private docLine(base: string): string {
    const from = this.spec.direction === 'response' ? 'the shape the vendor sends now' : 'the shape your code sends';
    const to = this.spec.direction === 'response' ? 'the shape your code was written against' : 'the shape the vendor expects now';
    return `${fieldOf(base)}: ${from} → ${to}.`;
  }

  private functionText(f: {
    name: string;
    exported: boolean;
    param: string;
    paramName?: string;
    result: string;
    doc: string;
    comments: string[];
    body: string;
  }): string {
    const paramName = f.paramName ?? 'input';
    const used = reads(f.body, paramName);
    const comments = f.comments.map((c) => `  // ${c}`).join('\n');
    return [
      `/** ${blockText(f.doc)} */`,
      `${f.exported ? 'export ' : ''}function ${f.name}(${used ? paramName : `_${paramName}`}: ${f.param}): ${f.result} {`,
      ...(comments ? [comments] : []),
      f.body,
      '}',
    ].join('\n');
  }
}

/** A callback parameter, `_`-prefixed when the body does not read it (for `noUnusedParameters`). */
function parameter(name: string, body: string): string {
  return reads(body, name) ? name : `_${name}`;
}

/** Whether code reads a name (outside string literals and comments). */
function reads(code: string, name: string): boolean {
  const bare = code.replace(/"(?:[^"\\\n]|\\.)*"/g, '""').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  return new RegExp(`\\b${name}\\b`).test(bare);
}

function has(record: Record<string, unknown>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, name);
}

function guard(kind: Kind, v: string): string {
  switch (kind) {
    case 'array':
      return `Array.isArray(${v})`;
    case 'object':
      return `typeof ${v} === "object"`;
    case 'null':
      return `${v} === null`;
    default:
      return `typeof ${v} === "${kind}"`;
  }
}

function describeKind(kind: Kind): string {
  return kind === 'array' ? 'an array' : kind === 'object' ? 'an object' : kind === 'null' ? 'null' : `a ${kind}`;
}

function describeKinds(kinds: ReadonlySet<Kind>): string {
  return KIND_ORDER.filter((k) => kinds.has(k)).map(describeKind).join(' or ');
}

function blockText(text: string): string {
  return commentText(text).replace(/\*\//g, '*\\/');
}

function blockComment(text: string): string {
  return `/* ${blockText(text)} */`;
}

/** A long comment as `//` lines of about 100 characters. */
function wrapComment(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of commentText(text).split(' ')) {
    if (line !== '' && line.length + word.length + 1 > 96) {
      lines.push(`// ${line}`);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(`// ${line}`);
  return lines;
}
