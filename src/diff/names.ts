/**
 * How likely two property names are one property renamed, 0 when they look unrelated. Names are
 * compared as words (`emailAddress`, `email_address` and `email-address` are the same words):
 * the same words written differently score highest, then one name's words extending the other's
 * (`email` → `email_address`), then words that differ only by a typo or an abbreviation
 * (`adress` → `address`, `desc` → `description`). Words that merely look alike (`first_name` /
 * `last_name`, `min_amount` / `max_amount`) are different words.
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 0;
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return 0;
  if (wa.join('') === wb.join('')) return 0.95;
  const restA = [...wa];
  const restB: string[] = [];
  for (const word of wb) {
    const i = restA.indexOf(word);
    if (i >= 0) restA.splice(i, 1);
    else restB.push(word);
  }
  const common = wb.length - restB.length;
  if (restA.length === 0 && restB.length === 0) return 0.9;
  if (common > 0 && (restA.length === 0 || restB.length === 0)) {
    const commonChars = wb.filter((w) => !restB.includes(w)).join('').length;
    const longest = Math.max(wa.join('').length, wb.join('').length);
    return round(0.6 + 0.25 * (commonChars / longest));
  }
  if (restA.length === restB.length && restA.every((word, i) => wordsAlike(word, restB[i]!))) {
    return common > 0 ? 0.85 : 0.8;
  }
  return 0;
}

export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** A typo (one edit, two in long words, same first letter) or an abbreviation (a prefix of 3+ letters). */
function wordsAlike(x: string, y: string): boolean {
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= 3 && long.startsWith(short)) return true;
  if (short.length < 4 || x[0] !== y[0]) return false;
  return editDistance(x, y, long.length >= 8 ? 2 : 1) <= (long.length >= 8 ? 2 : 1);
}

/** Damerau–Levenshtein distance (adjacent transpositions count once), stopping early above `limit`. */
export function editDistance(x: string, y: string, limit = Infinity): number {
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    const row = new Array<number>(y.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= y.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= x.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
  }
  return rows[x.length]![y.length]!;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
