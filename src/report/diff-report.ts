import { summarize } from '../diff/filter.js';
import type { Change } from '../diff/types.js';
import { changeJson, changeTextLines, changesMarkdownTable, summaryLine, type ReportFormat } from './format.js';

/** The report of `driftwatch diff`: one comparison, no monitor. */
export function renderDiffReport(changes: readonly Change[], format: ReportFormat, title = 'driftwatch diff'): string {
  const summary = summarize(changes);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ summary, changes: changes.map(changeJson) }, null, 2)}\n`;
    case 'markdown':
      return `# ${title}\n\n${summaryLine(summary)}\n\n${changesMarkdownTable(changes).join('\n')}\n`;
    case 'text': {
      if (changes.length === 0) return 'no changes\n';
      return `${[summaryLine(summary), ...changes.flatMap((c) => changeTextLines(c))].join('\n')}\n`;
    }
  }
}
