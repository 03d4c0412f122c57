/**
 * The small functions a generated adapter calls. Only those an adapter uses are written into it,
 * in this order. Each failure names the field; only an unexpected enum value (a code the vendor
 * added, which you need to write its case) is printed, any other value never is.
 */
export const RUNTIME_HELPERS = {
  DriftwatchAdapterError: `
/** Thrown by the adapter when a value cannot be mapped to the shape on the other side. */
export class DriftwatchAdapterError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(\`\${field}: \${message}\`);
    this.name = "DriftwatchAdapterError";
    this.field = field;
  }
}`,
  cannotConvert: `
/** A change with no safe conversion: the adapter compiles, and fails loudly only when this field is hit. */
function cannotConvert(field: string, from: string, to: string): never {
  throw new DriftwatchAdapterError(field, \`got \${from} where \${to} is expected, and no conversion is safe; map it by hand (TODO(driftwatch))\`);
}`,
  unchecked: `
/** A value whose observed shape says nothing (an empty array, say), passed on as the expected type unchecked. */
function unchecked<T>(value: unknown): T {
  return value as T;
}`,
  numericStringToNumber: `
function numericStringToNumber(value: string, field: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number)) throw new DriftwatchAdapterError(field, "expected a numeric string");
  return number;
}`,
  numericStringToInteger: `
function numericStringToInteger(value: string, field: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isInteger(number)) throw new DriftwatchAdapterError(field, "expected a string holding an integer");
  return number;
}`,
  toInteger: `
function toInteger(value: number, field: string): number {
  if (!Number.isInteger(value)) throw new DriftwatchAdapterError(field, "expected an integer, got a fractional number");
  return value;
}`,
  isoToEpochSeconds: `
/** ISO 8601 date or date-time → seconds since the Unix epoch. TODO(driftwatch): milliseconds if your code expects them. */
function isoToEpochSeconds(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new DriftwatchAdapterError(field, "expected an ISO 8601 date");
  return Math.floor(ms / 1000);
}`,
  epochSecondsToIsoDateTime: `
/** Seconds since the Unix epoch → ISO 8601 date-time. TODO(driftwatch): the vendor may send milliseconds. */
function epochSecondsToIsoDateTime(value: number, field: string): string {
  const date = new Date(value * 1000);
  if (Number.isNaN(date.getTime())) throw new DriftwatchAdapterError(field, "expected seconds since the Unix epoch");
  return date.toISOString();
}`,
  epochSecondsToIsoDate: `
/** Seconds since the Unix epoch → ISO 8601 date (UTC). TODO(driftwatch): the vendor may send milliseconds. */
function epochSecondsToIsoDate(value: number, field: string): string {
  const date = new Date(value * 1000);
  if (Number.isNaN(date.getTime())) throw new DriftwatchAdapterError(field, "expected seconds since the Unix epoch");
  return date.toISOString().slice(0, 10);
}`,
  fromSingleElement: `
/** An array where one value used to be: takes its only element, and fails on any other length. */
function fromSingleElement<T, R>(values: readonly T[], field: string, map: (value: T) => R): R {
  if (values.length !== 1) throw new DriftwatchAdapterError(field, \`expected exactly one element, got \${values.length}\`);
  return map(values[0] as T);
}`,
  unexpectedEnumValue: `
function unexpectedEnumValue(value: string | number | boolean, field: string): never {
  throw new DriftwatchAdapterError(field, \`the vendor sent \${JSON.stringify(value)}, a value your code does not handle (TODO(driftwatch): map it)\`);
}`,
  assertNever: `
function assertNever(value: never, field: string): never {
  throw new DriftwatchAdapterError(field, \`unexpected value \${JSON.stringify(value)}\`);
}`,
} as const;

export type RuntimeHelper = keyof typeof RUNTIME_HELPERS;

export const RUNTIME_ORDER = Object.keys(RUNTIME_HELPERS) as RuntimeHelper[];

/** The helpers' source, in their fixed order; the error class comes with any helper that throws. */
export function runtimeSource(used: ReadonlySet<RuntimeHelper>): string {
  const needed = new Set(used);
  if ([...needed].some((name) => name !== 'unchecked')) needed.add('DriftwatchAdapterError');
  return RUNTIME_ORDER.filter((name) => needed.has(name))
    .map((name) => RUNTIME_HELPERS[name].trim())
    .join('\n\n');
}
