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

/** Whether a string could be a value of an enum: a short token, not an identifier. Allocates nothing. */
export function isEnumToken(value: string): boolean {
  const length = value.length;
  if (length === 0 || length > ENUM_MAX_LENGTH) return false;
  let c = value.charCodeAt(0);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  // Scan runs of letters and digits: one of 8+ characters holding both is an identifier or a hash.
  let run = 0;
  let letters = false;
  let digits = false;
  for (let i = 0; i < length; i++) {
    c = value.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const digit = c >= 48 && c <= 57;
    if (letter || digit) {
      run++;
      letters ||= letter;
      digits ||= digit;
      if (run >= 8 && letters && digits) return false;
    } else if (c === 95 || c === 46 || c === 58 || c === 45) {
      run = 0;
      letters = false;
      digits = false;
    } else {
      return false;
    }
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

/** Names of more than one word in OPEN_NAMES, by their last word. */
const OPEN_MULTI_WORD = new Map<string, string[]>();
for (const name of OPEN_NAMES) {
  const words = name.split('_');
  if (words.length > 1) OPEN_MULTI_WORD.set(words.at(-1)!, [...(OPEN_MULTI_WORD.get(words.at(-1)!) ?? []), name]);
}

/**
 * Whether a property name says its values come from an open set (identifiers, codes, free text):
 * its last word (`customer_id`, `receiptUrl`, `billing.email`) or the whole name is one of
 * OPEN_NAMES. Called once per new property of a learning state, so it avoids allocating.
 */
export function isOpenSetName(name: string | undefined): boolean {
  if (name === undefined || name.length === 0) return false;
  let start = 0;
  for (let i = name.length - 1; i > 0; i--) {
    const c = name.charCodeAt(i);
    if (c === 95 || c === 45 || c === 46 || c === 32) {
      start = i + 1;
      break;
    }
    if (c >= 65 && c <= 90) {
      const before = name.charCodeAt(i - 1);
      if ((before >= 97 && before <= 122) || (before >= 48 && before <= 57)) {
        start = i;
        break;
      }
    }
  }
  const last = (start === 0 ? name : name.slice(start)).toLowerCase();
  if (OPEN_NAMES.has(last)) return true;
  const multi = OPEN_MULTI_WORD.get(last);
  if (multi === undefined) return false;
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[.\-\s]+/g, '_');
  return multi.some((full) => snake === full || snake.endsWith(`_${full}`));
}

/** Rules 2–4 and 6 over the values a position kept (rule 5 was applied while keeping them). */
export function enumEvidence(values: ReadonlyMap<string, number>, seen: number, name: string | undefined): boolean {
  const distinct = values.size;
  if (seen < ENUM_MIN_VALUES || distinct < 2 || distinct > ENUM_MAX_DISTINCT) return false;
  if (distinct * distinct > seen) return false;
  for (const count of values.values()) if (count < 2) return false;
  return !isOpenSetName(name);
}
