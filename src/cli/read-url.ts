import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS } from '../config/types.js';
import { isProbeFailure } from '../probe/failure.js';
import { httpRequest } from '../probe/http.js';
import type { JsonValue } from '../schema/types.js';
import { SpecLoadError } from '../spec/errors.js';
import { parseDocumentText } from '../spec/parse.js';
import { UsageError } from './exit-codes.js';

/** Documents fetched by `driftwatch diff` may be large: published specs run to tens of megabytes. */
const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

export function isUrl(argument: string): boolean {
  return /^https?:\/\//i.test(argument);
}

/** Fetches one JSON or YAML document; any failure is a usage error naming the URL. */
export async function readUrlDocument(url: string): Promise<JsonValue> {
  try {
    const response = await httpRequest({
      method: 'GET',
      url,
      headers: { accept: 'application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.5' },
      query: {},
      body: undefined,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
      headersTimeoutMs: DEFAULT_TIMEOUT_MS,
      bodyTimeoutMs: DEFAULT_TIMEOUT_MS,
      maxRedirects: DEFAULT_MAX_REDIRECTS,
      maxBodyBytes: MAX_DOCUMENT_BYTES,
    });
    return parseDocumentText(response.body.toString('utf8'), url);
  } catch (error) {
    if (isProbeFailure(error) || error instanceof SpecLoadError) throw new UsageError(error.message);
    throw error;
  }
}
