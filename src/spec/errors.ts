/** A document that cannot be read as an API description; the message names its file or URL. */
export class SpecLoadError extends Error {
  readonly source: string;
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = 'SpecLoadError';
    this.source = source;
  }
}
