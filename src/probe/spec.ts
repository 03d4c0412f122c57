import type { Monitor } from '../config/types.js';
import { SpecLoadError } from '../spec/errors.js';
import { loadSpecText } from '../spec/load.js';
import type { SpecDocument } from '../spec/types.js';
import { ProbeFailure } from './failure.js';
import { httpRequest, requestUrl, type HttpOptions } from './http.js';
import { displayUrl } from './redact.js';

const SPEC_ACCEPT = 'application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.5';

export interface SpecObservation {
  spec: SpecDocument;
  httpStatus: number;
}

/** Fetches an OpenAPI/Swagger document (JSON or YAML) and reads it; anything else is an `invalid-body` failure. */
export async function probeSpec(monitor: Monitor, options: HttpOptions = {}): Promise<SpecObservation> {
  const headers = { ...monitor.request.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'accept')) headers.accept = SPEC_ACCEPT;
  const response = await httpRequest({ ...monitor.request, headers }, { ...options, monitor });
  const shown = displayUrl(requestUrl(monitor.request), monitor.secrets);
  const mediaType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'text/html') {
    throw new ProbeFailure('invalid-body', `${shown} answered text/html, not an API description`, { httpStatus: response.status });
  }
  try {
    return { spec: loadSpecText(response.body.toString('utf8'), shown), httpStatus: response.status };
  } catch (error) {
    if (error instanceof SpecLoadError) throw new ProbeFailure('invalid-body', error.message, { httpStatus: response.status });
    throw error;
  }
}
