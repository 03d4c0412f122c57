import type { JsonValue } from '../schema/types.js';
import { describeNonJson, isJsonContentType } from './content-type.js';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from './depth.js';
import { ProbeFailure } from './failure.js';
import type { HttpResponse } from './http.js';

/**
 * Parses a response body as JSON, refusing non-JSON media types (an HTML error page is a failure,
 * not a sample), empty bodies, invalid JSON and documents nested deeper than MAX_DOCUMENT_DEPTH.
 */
export function parseJsonBody(response: HttpResponse, shownUrl: string): JsonValue {
  const contentType = response.headers['content-type'];
  const httpStatus = response.status;
  if (!isJsonContentType(contentType)) {
    throw new ProbeFailure('not-json', `${shownUrl} answered ${describeNonJson(contentType)}`, { httpStatus });
  }
  const text = nonEmptyBody(response, shownUrl);
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new ProbeFailure('invalid-json', `${shownUrl} answered with a body that is not valid JSON (${(error as Error).message})`, { httpStatus });
  }
  refuseDeepNesting(value, shownUrl, httpStatus);
  return value;
}

/** The body as text; an empty (or blank) body is the `empty-body` failure. */
export function nonEmptyBody(response: HttpResponse, shownUrl: string): string {
  const text = response.body.toString('utf8');
  if (text.trim() === '') {
    throw new ProbeFailure('empty-body', `${shownUrl} answered HTTP ${response.status} with an empty body`, { httpStatus: response.status });
  }
  return text;
}

/** Throws `too-deep` for a document that nests arrays and objects deeper than MAX_DOCUMENT_DEPTH. */
export function refuseDeepNesting(value: unknown, shownUrl: string, httpStatus: number): void {
  if (nestsDeeperThan(value, MAX_DOCUMENT_DEPTH)) {
    throw new ProbeFailure('too-deep', `${shownUrl} answered with a document nested deeper than ${MAX_DOCUMENT_DEPTH} levels`, { httpStatus });
  }
}
