/**
 * When a baseline may say `enum`. An enum in a baseline is a promise that no other value will come,
 * so it is only made on evidence, and never for identifiers, codes from open lists, or free text:
 *
 * 1. the position holds only strings (and perhaps null);
 * 2. at least {@link ENUM_MIN_VALUES} strings were seen there;
 * 3. between 2 and {@link ENUM_MAX_DISTINCT} distinct values, and no more than √(values seen);
 * 4. every distinct value was seen at least twice (no value seen once: by the Good–Turing estimate
 *    the chance that the next value is one never seen is then close to zero);
 * 5. every value is a short token: 1–40 characters, starting with a letter, only letters, digits
 *    and `_ . : -`, with no run of 8+ letters and digits mixed (identifiers, hashes);
 * 6. the property is not named like an identifier, an open code list or free text (`id`, `*_id`,
 *    `currency`, `country`, `locale`, `name`, `email`, `url`, `description`, …).
 *
 * Rules 3 and 5 are also what the learning state keeps: at most {@link ENUM_MAX_DISTINCT} token
 * values per position, dropped for good at the first value that is not a token or one too many.
 */
export const ENUM_MIN_VALUES = 20;
export const ENUM_MAX_DISTINCT = 10;
export const ENUM_MAX_LENGTH = 40;

/** Observation flavour: every distinct value is kept up to this many, then none. */
export const OBSERVATION_VALUE_CAP = 100;

/** Baseline formats need this many values, every one matching: one value is a guess. */
export const FORMAT_MIN_VALUES = 3;

const TOKEN = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
const ID_RUN = /[A-Za-z0-9]{8,}/g;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /[A-Za-z]/;

/** Whether a string could be a value of an enum: a short token, not an identifier. */
export function isEnumToken(value: string): boolean {
  if (value.length === 0 || value.length > ENUM_MAX_LENGTH || !TOKEN.test(value)) return false;
  if (value.length < 8) return true;
  for (const run of value.match(ID_RUN) ?? []) {
    if (HAS_DIGIT.test(run) && HAS_LETTER.test(run)) return false;
  }
  return true;
}

const OPEN_NAMES = new Set([
  'id',
  'ids',
  'uuid',
  'guid',
  'key',
  'token',
  'secret',
  'hash',
  'checksum',
  'fingerprint',
  'currency',
  'country',
  'locale',
  'language',
  'lang',
  'timezone',
  'time_zone',
  'tz',
  'name',
  'username',
  'login',
  'email',
  'phone',
  'url',
  'uri',
  'href',
  'link',
  'path',
  'description',
  'title',
  'label',
  'message',
  'text',
  'note',
  'notes',
  'comment',
  'memo',
  'city',
  'line1',
  'line2',
  'postal_code',
  'zip',
  'address',
  'version',
  'sha',
]);

/** Whether a property name says its values come from an open set (identifiers, codes, free text). */
export function isOpenSetName(name: string | undefined): boolean {
  if (name === undefined) return false;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_.\-\s]+/)
    .filter((word) => word !== '');
  if (words.length === 0) return false;
  return OPEN_NAMES.has(words.join('_')) || OPEN_NAMES.has(words[words.length - 1]!);
}

/** Rules 2–4 and 6 over the values a position kept (rule 5 was applied while keeping them). */
export function enumEvidence(values: ReadonlyMap<string, number>, seen: number, name: string | undefined): boolean {
  const distinct = values.size;
  if (seen < ENUM_MIN_VALUES || distinct < 2 || distinct > ENUM_MAX_DISTINCT) return false;
  if (distinct * distinct > seen) return false;
  for (const count of values.values()) if (count < 2) return false;
  return !isOpenSetName(name);
}
