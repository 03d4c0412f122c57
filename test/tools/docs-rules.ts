/** Regenerates the rule catalogue in README.md from the registry (`npm run docs:rules`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogue, catalogueMarkdown, spliceCatalogue } from '../../src/diff/catalogue.js';

const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = spliceCatalogue(before, catalogueMarkdown(catalogue()));
if (after === before) {
  process.stdout.write('README.md rule catalogue is up to date\n');
} else {
  writeFileSync(readme, after);
  process.stdout.write('README.md rule catalogue regenerated\n');
}
