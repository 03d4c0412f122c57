/**
 * Kinds of object keys that are data rather than names: an object whose keys all belong to one of
 * these classes is a map (`additionalProperties`), not a record with a property per key.
 */
export const KEY_CLASS_NAMES = ['numeric', 'id', 'uuid', 'date', 'currency', 'country', 'email', 'locale'] as const;
export type KeyClassName = (typeof KEY_CLASS_NAMES)[number];

export const KEY_CLASS_BIT: Readonly<Record<KeyClassName, number>> = Object.fromEntries(KEY_CLASS_NAMES.map((name, i) => [name, 1 << i])) as Record<
  KeyClassName,
  number
>;

/** The mask of an object position before any key was seen (the identity of the AND that accumulates it). */
export const ALL_KEY_CLASSES = (1 << KEY_CLASS_NAMES.length) - 1;

/** Classes that need at least two distinct keys: a lone `try` or `all` is more likely a name than a currency. */
export const KEY_CLASSES_NEEDING_TWO_KEYS = KEY_CLASS_BIT.currency;

// ISO 4217 (current codes, plus the withdrawn ones vendors such as Stripe still send).
const CURRENCIES = new Set(
  (
    'aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob bov brl bsd btn bwp byn byr bzd cad cdf che chf chw ' +
    'clf clp cny cop cou crc cuc cup cve czk djf dkk dop dzd eek egp ern etb eur fjd fkp gbp gel ghs gip gmd gnf gtq gyd hkd hnl hrk ' +
    'htg huf idr ils inr iqd irr isk jmd jod jpy kes kgs khr kmf kpw krw kwd kyd kzt lak lbp lkr lrd lsl ltl lvl lyd mad mdl mga mkd ' +
    'mmk mnt mop mro mru mur mvr mwk mxn mxv myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln pyg qar ron rsd rub rwf sar ' +
    'sbd scr sdg sek sgd shp sle sll sos srd ssp std stn svc syp szl thb tjs tmt tnd top try ttd twd tzs uah ugx usd usn uyi uyu uyw ' +
    'uzs ved vef ves vnd vuv wst xaf xag xau xcd xcg xdr xof xpd xpf xpt xsu yer zar zmw zwg zwl'
  ).split(' '),
);

// ISO 3166-1 alpha-2, plus XK (Kosovo), which vendors use.
const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH ' +
    'CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN ' +
    'GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI ' +
    'LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM ' +
    'PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD ' +
    'TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
  ).split(' '),
);

const NUMERIC = /^-?\d+$/;
const PREFIXED_ID = /^[A-Za-z]{1,12}_[A-Za-z0-9]{8,}$/;
const HEX_ID = /^[0-9a-f]{16,}$/i;
const ALNUM_ID = /^[A-Za-z0-9]{10,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}(-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOCALE = /^[a-z]{2,3}[-_][A-Z]{2}$/;

function countDigits(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** An identifier-looking key: `cus_NffrFeUfNV2Hib`, a long hex string, `a8Xk29bQ7Lz` (letters and digits mixed). */
function isIdKey(key: string): boolean {
  if (PREFIXED_ID.test(key)) return countDigits(key.slice(key.indexOf('_') + 1)) > 0;
  if (HEX_ID.test(key)) return countDigits(key) > 0;
  if (ALNUM_ID.test(key)) {
    const digits = countDigits(key);
    return digits >= 2 && key.length - digits >= 2;
  }
  return false;
}

/** The classes a key belongs to, as a mask (0: an ordinary property name). Most keys are names: they leave early. */
export function classifyKey(key: string): number {
  const length = key.length;
  if (length === 0 || length > 100) return 0;
  const first = key.charCodeAt(0);
  const startsWithDigit = first >= 48 && first <= 57;
  let mask = 0;
  if (startsWithDigit || first === 45) {
    if (NUMERIC.test(key)) mask |= KEY_CLASS_BIT.numeric;
    if (startsWithDigit && DATE.test(key)) mask |= KEY_CLASS_BIT.date;
  }
  if (length === 2) {
    if (COUNTRIES.has(key)) mask |= KEY_CLASS_BIT.country;
  } else if (length === 3) {
    if (CURRENCIES.has(key.toLowerCase())) mask |= KEY_CLASS_BIT.currency;
  } else if (length === 5 || length === 6) {
    if (LOCALE.test(key)) mask |= KEY_CLASS_BIT.locale;
  }
  if (length === 36 && UUID.test(key)) mask |= KEY_CLASS_BIT.uuid;
  if (length >= 5 && key.includes('@') && EMAIL.test(key)) mask |= KEY_CLASS_BIT.email;
  if (length >= 9 && countDigits(key) > 0 && isIdKey(key)) mask |= KEY_CLASS_BIT.id;
  return mask;
}

export function keyClassNamesOf(mask: number): KeyClassName[] {
  return KEY_CLASS_NAMES.filter((name) => (mask & KEY_CLASS_BIT[name]) !== 0);
}

export function keyClassMaskOf(names: readonly string[]): number {
  let mask = 0;
  for (const name of names) {
    const bit = KEY_CLASS_BIT[name as KeyClassName];
    if (bit === undefined) throw new Error(`unknown key class ${name}`);
    mask |= bit;
  }
  return mask;
}
