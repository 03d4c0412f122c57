/**
 * Accuracy on real data nobody here wrote: schemas inferred from Stripe's example objects (one per
 * resource, from the fixtures of one date) against what Stripe's OpenAPI document of the nearest
 * date says about the same resources, for every field both know: do the types agree (every type the
 * example shows is one the spec allows), and does the nullability agree (null allowed on both sides
 * or on neither)? The figures are pinned as floors and quoted in the README.
 */
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/infer.js';
import type { JsonSchema } from '../../src/schema/types.js';
import { CORPUS_SKIP_MESSAGE, corpusDir, corpusFiles, readCorpusJson } from '../helpers/corpus.js';
import { agreement } from '../helpers/spec-agreement.js';

const corpus = corpusDir();
if (!corpus) console.warn(`[skip] Stripe accuracy: ${CORPUS_SKIP_MESSAGE}`);

function fileFor(folder: string, date: string): string {
  const path = corpusFiles(folder).find((p) => p.includes(`/${date}_`));
  if (!path) throw new Error(`no ${folder} file for ${date} in ${corpus}`);
  return path;
}

function measure(fixtureDate: string, specDate: string) {
  const fixture = readCorpusJson(fileFor('stripe-fixtures', fixtureDate)) as { resources: Record<string, unknown> };
  const spec = readCorpusJson(fileFor('stripe-openapi', specDate));
  const inferred = new Map<string, JsonSchema>(Object.entries(fixture.resources).map(([name, example]) => [name, inferSchema([example])]));
  return agreement(spec, inferred);
}

// fixtures date, spec date (the nearest), and the floors: fields judged, type agreement, nullability agreement, overall.
const PAIRS: [string, string, { fields: number; types: number; nullability: number; overall: number }][] = [
  ['2022-02-08', '2022-01-12', { fields: 2400, types: 1, nullability: 0.818, overall: 0.896 }],
  ['2019-06-27', '2019-09-27', { fields: 1950, types: 1, nullability: 0.819, overall: 0.897 }],
  ['2017-09-15', '2017-09-05', { fields: 1250, types: 0.996, nullability: 0.664, overall: 0.822 }],
];

describe.skipIf(!corpus)('accuracy against Stripe’s own spec', () => {
  it.each(PAIRS)('fixtures of %s against the spec of %s agree on types and nullability', (fixtureDate, specDate, floor) => {
    const a = measure(fixtureDate, specDate);
    const typeRate = a.typeAgreed / a.typeJudged;
    const nullRate = a.nullabilityAgreed / a.fields;
    console.info(
      `[accuracy] fixtures ${fixtureDate} vs spec ${specDate}: ${a.fields} fields; types ${a.typeAgreed}/${a.typeJudged} (${(100 * typeRate).toFixed(1)}%), ` +
        `nullability ${a.nullabilityAgreed}/${a.fields} (${(100 * nullRate).toFixed(1)}%), overall ${(100 * a.overall).toFixed(1)}%`,
    );
    expect(a.fields).toBeGreaterThanOrEqual(floor.fields);
    expect(typeRate).toBeGreaterThanOrEqual(floor.types);
    expect(nullRate).toBeGreaterThanOrEqual(floor.nullability);
    expect(a.overall).toBeGreaterThanOrEqual(floor.overall);
    // Inference never calls a field nullable that the spec says is not: every nullability
    // disagreement is a field the spec allows null in whose one example was not null.
    expect(a.judgements.filter((j) => j.inferredNullable && !j.specNullable).map((j) => j.path)).toEqual([]);
  });

  it('the 2017 disagreements on types are the spec’s: arrays it documents as objects', () => {
    const a = measure('2017-09-15', '2017-09-05');
    expect(a.judgements.filter((j) => j.typeAgrees === false).map((j) => [j.path, j.inferredTypes, j.specTypes])).toEqual([
      ['order/items', ['array'], ['object']],
      ['order/returns/data[]/items', ['array'], ['object']],
      ['order/shipping_methods', ['array'], ['object']],
      ['order_return/items', ['array'], ['object']],
    ]);
  });
});
