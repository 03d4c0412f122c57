export type InferenceErrorCode = 'too-deep' | 'too-large' | 'not-json' | 'bad-state';

/** Inference refused its input: nested too deep, too large, not JSON, or a learning state it cannot read. */
export class InferenceError extends Error {
  readonly code: InferenceErrorCode;
  constructor(code: InferenceErrorCode, message: string) {
    super(message);
    this.name = 'InferenceError';
    this.code = code;
  }
}
