/** A monitor file that cannot be used; `problems` are complete sentences naming the field. */
export class MonitorConfigError extends Error {
  readonly file: string;
  readonly monitor: string | undefined;
  readonly problems: string[];
  constructor(file: string, monitor: string | undefined, problems: string[]) {
    const who = monitor ? `monitor "${monitor}" (${file})` : file;
    super(problems.length === 1 ? `${who}: ${problems[0]}` : `${who}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'MonitorConfigError';
    this.file = file;
    this.monitor = monitor;
    this.problems = problems;
  }
}
