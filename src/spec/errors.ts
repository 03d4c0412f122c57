/** A document that cannot be read as an API description; the message names its file or URL. */
export class SpecLoadError extends Error {
  readonly source: string;
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = 'SpecLoadError';
    this.source = source;
  }
}

/** A document nested deeper than can be read (a YAML parser recurses per level). */
export class SpecTooDeepError extends SpecLoadError {
  constructor(source: string) {
    super(source, 'nests arrays and objects deeper than can be read');
    this.name = 'SpecTooDeepError';
  }
}
