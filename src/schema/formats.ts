import { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * The string formats inference may assert, in the order a format is preferred when (in theory)
 * more than one survives. Each is checked first by a cheap, stricter pre-filter of ours and then by
 * ajv-formats' own "full" validator, so a value we call `date-time` is one ajv accepts as such.
 */
export const FORMAT_NAMES = ['date-time', 'date', 'time', 'uuid', 'email', 'uri', 'ipv4', 'ipv6'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Bit of each format in a format mask. */
export const FORMAT_BIT: Readonly<Record<FormatName, number>> = Object.fromEntries(FORMAT_NAMES.map((name, i) => [name, 1 << i])) as Record<
  FormatName,
  number
>;

/** Every format: the mask a string position starts with, before any value has ruled one out. */
export const ALL_FORMATS = (1 << FORMAT_NAMES.length) - 1;

type Predicate = (value: string) => boolean;

function ajvCheck(name: FormatName): Predicate {
  const format = fullFormats[name] as unknown;
  if (format instanceof RegExp) return (value) => format.test(value);
  if (typeof format === 'function') return format as Predicate;
  if (format !== null && typeof format === 'object' && 'validate' in format) {
    const validate = (format as { validate: unknown }).validate;
    if (validate instanceof RegExp) return (value) => validate.test(value);
    if (typeof validate === 'function') return validate as Predicate;
  }
  throw new Error(`ajv-formats has no usable validator for ${name}`);
}

const URI_SCHEME = /^[a-z][a-z0-9+.-]*:\/\/[^\s/]/i;
const IPV6_CHARS = /^[0-9a-f:.]+$/i;

function code(value: string, index: number): number {
  return value.charCodeAt(index);
}
const DASH = 45;
const COLON = 58;
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Our pre-filters: shapes a value must have before ajv is asked (cheap rejections, and stricter where ajv is lax). */
const PREFILTER: Readonly<Record<FormatName, Predicate>> = {
  // RFC 3339 with a `T` separator (ajv also accepts a space; we do not call that a date-time).
  'date-time': (v) => v.length >= 20 && code(v, 4) === DASH && code(v, 7) === DASH && (code(v, 10) === 84 || code(v, 10) === 116) && isDigit(code(v, 0)),
  date: (v) => v.length === 10 && code(v, 4) === DASH && code(v, 7) === DASH && isDigit(code(v, 0)),
  time: (v) => v.length >= 9 && code(v, 2) === COLON && code(v, 5) === COLON && isDigit(code(v, 0)),
  uuid: (v) => v.length === 36 && code(v, 8) === DASH && code(v, 13) === DASH,
  email: (v) => v.length >= 3 && v.length <= 254 && v.includes('@'),
  // Absolute URIs with an authority (`https://…`, `s3://…`); ajv's `uri` alone would also take `note:hello`.
  uri: (v) => v.length >= 8 && URI_SCHEME.test(v),
  ipv4: (v) => v.length >= 7 && v.length <= 15 && isDigit(code(v, 0)),
  ipv6: (v) => v.length >= 2 && v.length <= 45 && v.includes(':') && IPV6_CHARS.test(v),
};

const CHECKS: readonly { bit: number; test: Predicate }[] = FORMAT_NAMES.map((name) => {
  const pre = PREFILTER[name];
  const ajv = ajvCheck(name);
  return { bit: FORMAT_BIT[name], test: (value: string) => pre(value) && ajv(value) };
});

/** The formats among `candidates` (a mask) that `value` matches, as a mask. */
export function matchFormats(value: string, candidates: number): number {
  let matched = 0;
  for (const check of CHECKS) {
    if ((candidates & check.bit) !== 0 && check.test(value)) matched |= check.bit;
  }
  return matched;
}

/** The format a mask asserts: the first surviving one in preference order, or undefined. */
export function formatOf(mask: number): FormatName | undefined {
  if (mask === 0) return undefined;
  for (const name of FORMAT_NAMES) if ((mask & FORMAT_BIT[name]) !== 0) return name;
  return undefined;
}

export function formatNamesOf(mask: number): FormatName[] {
  return FORMAT_NAMES.filter((name) => (mask & FORMAT_BIT[name]) !== 0);
}

export function formatMaskOf(names: readonly string[]): number {
  let mask = 0;
  for (const name of names) {
    const bit = FORMAT_BIT[name as FormatName];
    if (bit === undefined) throw new Error(`unknown format ${name}`);
    mask |= bit;
  }
  return mask;
}
