import { escapeToken } from '../diff/pointer.js';
import { isInternalRef } from './refs.js';

/** Where fetched external documents are kept in the document that refers to them (and so in its baseline). */
export const EXTERNAL_DOCUMENTS_KEY = 'x-driftwatch-external';

/** External documents one spec may pull in, all hops counted. */
export const MAX_EXTERNAL_DOCUMENTS = 20;

export interface ExternalRefOptions {
  /** The URL the document was read from: relative `$ref`s resolve against it. */
  baseUrl: string;
  /** Whether a document at this URL (without fragment) may be fetched. */
  allowed: (url: string) => boolean;
  /** Fetches and parses one external document. */
  fetchDocument: (url: string) => Promise<unknown>;
  /** The name a fetched document is kept under in the baseline: its URL with credentials and secrets masked. */
  keyOf: (url: string) => string;
}

export interface BundledRefs {
  /** External `$ref`s left as written: not allowed, or not a URL. */
  notFollowed: string[];
  /** Keys (masked URLs) of the documents fetched, in the order first met. */
  fetched: string[];
}

/** Too many external documents for one spec. */
export class TooManyExternalDocuments extends Error {
  constructor(readonly url: string) {
    super(`more than ${MAX_EXTERNAL_DOCUMENTS} external documents are referenced (the next: ${url})`);
    this.name = 'TooManyExternalDocuments';
  }
}

/**
 * Pulls the documents that allowed external `$ref`s point to into `root`, under
 * `x-driftwatch-external` keyed by URL, and rewrites those references (and the references inside
 * the pulled documents) to point into `root`. Afterwards every followed reference is internal, so
 * the spec model and the diff resolve them like any other, cycles included, and a change in an
 * external document is a change of the baseline. References that are not allowed stay as they are.
 * `root` is changed in place. Documents are fetched one at a time, each once.
 */
export async function bundleExternalRefs(root: Record<string, unknown>, options: ExternalRefOptions): Promise<BundledRefs> {
  const documents: Record<string, unknown> = {};
  const notFollowed: string[] = [];
  const fetched: string[] = [];
  const pending: { node: unknown; baseUrl: string; prefix: string }[] = [{ node: root, baseUrl: options.baseUrl, prefix: '' }];

  const rewrite = async (ref: string, baseUrl: string, prefix: string): Promise<string | undefined> => {
    if (isInternalRef(ref)) return prefix === '' ? undefined : `#${prefix}${ref.slice(1)}`;
    let target: URL;
    try {
      target = new URL(ref, baseUrl);
    } catch {
      notFollowed.push(ref);
      return undefined;
    }
    const fragment = target.hash;
    target.hash = '';
    const url = target.toString();
    if ((target.protocol !== 'http:' && target.protocol !== 'https:') || !options.allowed(url)) {
      notFollowed.push(ref);
      return undefined;
    }
    const key = options.keyOf(url);
    const documentPrefix = `/${EXTERNAL_DOCUMENTS_KEY}/${encodeURIComponent(escapeToken(key))}`;
    if (!(key in documents)) {
      if (fetched.length >= MAX_EXTERNAL_DOCUMENTS) throw new TooManyExternalDocuments(key);
      fetched.push(key);
      const document = await options.fetchDocument(url);
      documents[key] = document;
      pending.push({ node: document, baseUrl: url, prefix: documentPrefix });
    }
    return `#${documentPrefix}${fragment.slice(1)}`;
  };

  while (pending.length > 0) {
    const { node: start, baseUrl, prefix } = pending.pop()!;
    const stack: unknown[] = [start];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || typeof node !== 'object') continue;
      if (Array.isArray(node)) {
        for (const item of node) stack.push(item);
        continue;
      }
      const object = node as Record<string, unknown>;
      if (typeof object.$ref === 'string') {
        const rewritten = await rewrite(object.$ref, baseUrl, prefix);
        if (rewritten !== undefined) object.$ref = rewritten;
      }
      for (const [key, value] of Object.entries(object)) if (key !== '$ref' && value !== null && typeof value === 'object') stack.push(value);
    }
  }
  if (fetched.length > 0) root[EXTERNAL_DOCUMENTS_KEY] = documents;
  return { notFollowed, fetched };
}
