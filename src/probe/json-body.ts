import type { JsonValue } from '../schema/types.js';
import { ProbeFailure } from './failure.js';
import { describeNonJson, isJsonContentType } from './content-type.js';
import type { HttpResponse } from './http.js';

/** Parses a response body as JSON, refusing non-JSON media types (an HTML error page is a failure, not a sample). */
export function parseJsonBody(response: HttpResponse, shownUrl: string): JsonValue {
  const contentType = response.headers['content-type'];
  if (!isJsonContentType(contentType)) {
    throw new ProbeFailure('invalid-body', `${shownUrl} answered ${describeNonJson(contentType)}`, { httpStatus: response.status });
  }
  const text = response.body.toString('utf8');
  if (text.trim() === '') {
    throw new ProbeFailure('invalid-body', `${shownUrl} answered with an empty body`, { httpStatus: response.status });
  }
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new ProbeFailure('invalid-body', `${shownUrl} answered with a body that is not valid JSON (${(error as Error).message})`, {
      httpStatus: response.status,
    });
  }
}
