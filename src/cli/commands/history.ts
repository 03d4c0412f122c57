import { findMonitor } from '../../store/ensureMonitor.js';
import { monitorHistory } from '../../store/history.js';
import type { ReportFormat } from '../../report/format.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { withStore } from '../context.js';

export async function historyCommand(
  name: string,
  options: { format: ReportFormat; databaseUrl?: string; dataDir?: string },
): Promise<ExitCode> {
  return withStore(options, async (store) => {
    const monitor = await findMonitor(store.db, name);
    if (monitor === undefined) throw new UsageError(`monitor "${name}" has never been checked`);
    const history = await monitorHistory(store.db, monitor.id);
    if (options.format === 'json') {
      process.stdout.write(`${JSON.stringify({ monitor: name, ...history }, null, 2)}\n`);
      return EXIT.ok;
    }
    const md = options.format === 'markdown';
    const lines: string[] = [md ? `# ${name}` : name, '', md ? '## Baselines' : 'Baselines'];
    for (const b of history.baselines) {
      lines.push(`${md ? '- ' : '  '}v${b.version}  ${b.createdAt.toISOString()}  ${b.source}  ${b.schemaHash.slice(0, 12)}`);
    }
    lines.push('', md ? '## Drift events' : 'Drift events');
    if (history.driftEvents.length === 0) lines.push(`${md ? '- ' : '  '}none`);
    for (const e of history.driftEvents) {
      const s = e.summary as { breaking?: number; warning?: number; info?: number };
      lines.push(
        `${md ? '- ' : '  '}#${e.id}  ${e.createdAt.toISOString()}  against v${e.baselineVersion}  ${e.maxLevel}  ${s.breaking ?? 0} breaking, ${s.warning ?? 0} warning, ${s.info ?? 0} info  (${e.status})`,
      );
    }
    lines.push('', md ? '## Recent runs' : 'Recent runs');
    for (const r of history.recentRuns) {
      lines.push(`${md ? '- ' : '  '}${r.startedAt.toISOString()}  ${r.outcome}${r.failureKind ? ` (${r.failureKind})` : ''}  ${r.durationMs} ms`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  });
}
