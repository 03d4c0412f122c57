import type { CheckResult } from '../check/runCheck.js';
import { summarize } from '../diff/filter.js';
import { changeJson, changeTextLines, changesMarkdownTable, summaryLine, type ReportFormat } from './format.js';

const STATUS_TEXT: Record<CheckResult['status'], string> = {
  baseline: 'BASELINE',
  ok: 'OK',
  drift: 'DRIFT',
  failure: 'FAILED',
};

function headline(result: CheckResult): string {
  switch (result.status) {
    case 'baseline': {
      const version = result.baselineVersion ?? 1;
      const learning = result.learning;
      if (learning === undefined || learning.target <= 1) return `baseline recorded (version ${version}); later checks compare against it`;
      if (learning.samples < learning.target) {
        return `baseline learning: sample ${learning.samples} of ${learning.target} (version ${version}); changes are reported once it is done`;
      }
      return `baseline learned from ${learning.target} samples (version ${version}); later checks compare against it`;
    }
    case 'ok':
      return `matches baseline v${result.baselineVersion}`;
    case 'drift':
      return `differs from baseline v${result.baselineVersion}: ${summaryLine(result.summary)}`;
    case 'failure':
      return `could not check (${result.failure?.kind}): ${result.failure?.message}`;
  }
}

export function renderCheckReport(results: readonly CheckResult[], format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(checkReportJson(results), null, 2)}\n`;
    case 'markdown':
      return checkReportMarkdown(results);
    case 'text':
      return checkReportText(results);
  }
}

export function checkReportJson(results: readonly CheckResult[]): Record<string, unknown> {
  const all = results.flatMap((r) => r.changes.map((c) => ({ monitor: r.monitor, ...changeJson(c) })));
  return {
    summary: summarize(results.flatMap((r) => r.changes)),
    changes: all,
    monitors: results.map((r) => ({
      name: r.monitor,
      status: r.status,
      ...(r.baselineVersion !== undefined ? { baselineVersion: r.baselineVersion } : {}),
      summary: r.summary,
      ...(r.failure ? { failure: r.failure } : {}),
      ...(r.learning ? { learning: r.learning } : {}),
      ...(r.notices ? { notices: r.notices } : {}),
    })),
  };
}

function checkReportText(results: readonly CheckResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.monitor}  ${STATUS_TEXT[result.status]}  ${headline(result)}`);
    for (const notice of result.notices ?? []) lines.push(`  note: ${notice}`);
    for (const change of result.changes) lines.push(...changeTextLines(change));
    if (result.status === 'drift') {
      lines.push(`  next: driftwatch accept ${result.monitor}   (make what was observed the new baseline)`);
    }
  }
  if (results.length === 0) lines.push('no monitors to check');
  return `${lines.join('\n')}\n`;
}

function checkReportMarkdown(results: readonly CheckResult[]): string {
  const lines: string[] = ['# driftwatch check', ''];
  for (const result of results) {
    lines.push(`## ${result.monitor}: ${STATUS_TEXT[result.status].toLowerCase()}`, '', headline(result), '');
    if (result.notices) lines.push(...result.notices.map((n) => `- note: ${n}`), '');
    if (result.changes.length > 0) lines.push(...changesMarkdownTable(result.changes), '');
  }
  return `${lines.join('\n')}`;
}
