/** Exit codes every command shares: scripts and CI rely on them. */
export const EXIT = {
  /** Nothing breaking (or the command did what it was asked). */
  ok: 0,
  /** Breaking drift found. */
  breaking: 1,
  /** Could not check: network, HTTP error, invalid monitor or input, database unreachable. */
  couldNotCheck: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one line on stderr, exiting 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
