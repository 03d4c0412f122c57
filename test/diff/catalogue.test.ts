import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue, catalogueMarkdown, CATALOGUE_END, CATALOGUE_START, spliceCatalogue } from '../../src/diff/catalogue.js';
import { allRules } from '../../src/diff/registry.js';
import { runCli } from '../helpers/cli.js';

const README = new URL('../../README.md', import.meta.url);

describe('the rule catalogue', () => {
  it('in the README is the one the registry generates (run `npm run docs:rules` after changing a rule)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain(CATALOGUE_START);
    expect(readme).toContain(CATALOGUE_END);
    expect(spliceCatalogue(readme, catalogueMarkdown(catalogue()))).toBe(readme);
  });

  it('lists every rule once, with its level, meaning and example', () => {
    const rows = catalogueMarkdown(catalogue()).trim().split('\n').slice(2);
    expect(rows).toHaveLength(allRules().length);
    expect(rows).toContain(
      '| `response-enum-value-added` | breaking | An enum admits a value it did not. | `{"type":"string","enum":["paid","open"]} → {"type":"string","enum":["paid","open","void"]}` |',
    );
    expect(rows).toContain(
      '| `response-format-not-matched` | breaking | Sampled values no longer match the format the baseline promises (observations only). | `{"type":"string","format":"date-time"} → {"type":"string"} (observed)` |',
    );
  });

  it('is printed by `driftwatch rules` as text, json and markdown', async () => {
    const json = await runCli(['rules', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { count: number; rules: { id: string; level: string; direction: string; family: string; doc: string; message: string }[] };
    expect(parsed.count).toBe(allRules().length);
    expect(parsed.rules.map((r) => r.id).sort()).toEqual(allRules().map((r) => r.id));
    expect(parsed.rules.find((r) => r.id === 'request-required-property-added')).toEqual({
      id: 'request-required-property-added',
      level: 'breaking',
      direction: 'request',
      family: 'property-added',
      doc: 'Request: the vendor now requires a property the consumer does not send.',
      message: 'new required property `{name}` at {parent}: requests without it are now invalid',
      example: {
        before: { type: 'object', properties: {} },
        after: { type: 'object', properties: { receipt_url: { type: 'string' } }, required: ['receipt_url'] },
      },
      unmirrored: {
        direction: 'a new response property is response-property-added whether it is required or not',
        action: 'removing a request property is request-property-removed whether it was required or not',
      },
    });

    const text = await runCli(['rules', '--direction', 'request']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RULE\s+LEVEL\s+MEANING$/);
    expect(lines.at(-1)).toBe(`${allRules().filter((r) => r.direction === 'request').length} rules`);
    expect(lines.slice(1, -2).every((line) => line.startsWith('request-'))).toBe(true);
    expect(text.stdout).toMatch(/^request-property-became-required\s+breaking\s+Request: an optional property became required\.$/m);

    const markdown = await runCli(['rules', '--format', 'markdown']);
    expect(markdown.stdout).toBe(catalogueMarkdown(catalogue()));
  });
});
