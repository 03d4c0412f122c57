import type { Readable } from 'node:stream';
import { InferenceError } from './errors.js';

/** The largest document (one JSON text, or one line of JSON Lines) inference reads by default. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface SampleInputOptions {
  /** Refuse a document larger than this many bytes (default 64 MiB). */
  maxBytes?: number;
  /** What the text is, for messages (`stdin`, a file name, `line 12 of x.jsonl`). */
  source?: string;
}

export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}

export function tooLarge(source: string, bytes: number | undefined, maxBytes: number): InferenceError {
  const size = bytes === undefined ? 'larger than' : `${describeBytes(bytes)}, more than`;
  return new InferenceError('too-large', `${source} is ${size} the ${describeBytes(maxBytes)} one sample may have (raise it with --max-bytes)`);
}

/** Parses one JSON sample, refusing it before parsing when it is larger than the limit. */
export function parseSample(text: string | Uint8Array, options: SampleInputOptions = {}): unknown {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const source = options.source ?? 'the sample';
  const bytes = typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength;
  if (bytes > maxBytes) throw tooLarge(source, bytes, maxBytes);
  const json = typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new InferenceError('not-json', `${source} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * The samples of a JSON Lines stream, one per non-blank line, read as they come (memory holds one
 * line at a time). A line longer than the limit is refused without being held whole.
 */
export async function* readJsonLines(stream: Readable | AsyncIterable<Uint8Array | string>, options: SampleInputOptions = {}): AsyncGenerator<unknown> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const source = options.source ?? 'the input';
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  const finish = (chunk: Buffer): unknown[] => {
    line++;
    const whole = pending.length === 0 ? chunk : Buffer.concat([...pending, chunk]);
    pending = [];
    pendingBytes = 0;
    const text = whole.toString('utf8').trim();
    return text === '' ? [] : [parseSample(text, { maxBytes, source: `line ${line} of ${source}` })];
  };
  for await (const piece of stream) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    let newline = chunk.indexOf(10);
    while (newline !== -1) {
      if (pendingBytes + newline > maxBytes) throw tooLarge(`line ${line + 1} of ${source}`, undefined, maxBytes);
      yield* finish(chunk.subarray(0, newline));
      chunk = chunk.subarray(newline + 1);
      newline = chunk.indexOf(10);
    }
    pendingBytes += chunk.length;
    if (pendingBytes > maxBytes) throw tooLarge(`line ${line + 1} of ${source}`, undefined, maxBytes);
    if (chunk.length > 0) pending.push(Buffer.from(chunk));
  }
  if (pendingBytes > 0) yield* finish(Buffer.alloc(0));
}

/** A whole stream as one buffer, refused as soon as it passes the limit (never held past it). */
export async function readAllLimited(stream: Readable | AsyncIterable<Uint8Array | string>, options: SampleInputOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const piece of stream) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    bytes += chunk.length;
    if (bytes > maxBytes) throw tooLarge(options.source ?? 'the input', undefined, maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
