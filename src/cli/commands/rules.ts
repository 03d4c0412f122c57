import { catalogue, catalogueJson, catalogueMarkdown, catalogueText } from '../../diff/catalogue.js';
import type { Direction } from '../../diff/types.js';
import type { ReportFormat } from '../../report/format.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export interface RulesOptions {
  format: ReportFormat;
  direction?: Direction;
}

/** Prints the rule catalogue: every rule id, its level and what it means. */
export async function rulesCommand(options: RulesOptions): Promise<ExitCode> {
  const sections = catalogue()
    .map((section) => ({ ...section, rules: section.rules.filter((rule) => !options.direction || rule.direction === options.direction) }))
    .filter((section) => section.rules.length > 0);
  const render = { text: catalogueText, json: catalogueJson, markdown: catalogueMarkdown }[options.format];
  process.stdout.write(render(sections));
  return EXIT.ok;
}
