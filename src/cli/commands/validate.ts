import { stat } from 'node:fs/promises';
import { loadMonitorDirectory, loadMonitorFile } from '../../config/load.js';
import { MonitorConfigError } from '../../config/errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** Validates monitor files (or every file in the monitors directory) without touching the database. */
export async function validateCommand(paths: string[], options: { monitors: string }): Promise<ExitCode> {
  const valid: string[] = [];
  const errors: MonitorConfigError[] = [];
  if (paths.length === 0) {
    const loaded = await loadMonitorDirectory(options.monitors);
    valid.push(...loaded.monitors.map((m) => `${m.file}: monitor "${m.name}" is valid`));
    errors.push(...loaded.errors);
  } else {
    for (const path of paths) {
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) {
        const loaded = await loadMonitorDirectory(path);
        valid.push(...loaded.monitors.map((m) => `${m.file}: monitor "${m.name}" is valid`));
        errors.push(...loaded.errors);
        continue;
      }
      try {
        const monitor = await loadMonitorFile(path);
        valid.push(`${path}: monitor "${monitor.name}" is valid`);
      } catch (error) {
        if (!(error instanceof MonitorConfigError)) throw error;
        errors.push(error);
      }
    }
  }
  for (const line of valid) process.stdout.write(`${line}\n`);
  for (const error of errors) process.stderr.write(`${error.message}\n`);
  return errors.length > 0 ? EXIT.couldNotCheck : EXIT.ok;
}
