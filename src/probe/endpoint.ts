import type { Monitor } from '../config/types.js';
import type { JsonValue } from '../schema/types.js';
import { httpRequest, requestUrl, type HttpOptions } from './http.js';
import { parseJsonBody } from './json-body.js';
import { displayUrl } from './redact.js';

export interface EndpointObservation {
  samples: JsonValue[];
  httpStatus: number;
}

/** Probes a JSON endpoint `count` times (1 unless learning a first baseline) with the monitor's auth, retry and host limits, and returns the parsed bodies. */
export async function probeEndpoint(monitor: Monitor, count: number, options: HttpOptions = {}): Promise<EndpointObservation> {
  const samples: JsonValue[] = [];
  let httpStatus = 0;
  const shown = displayUrl(requestUrl(monitor.request), monitor.secrets);
  for (let i = 0; i < count; i++) {
    const response = await httpRequest(monitor.request, { ...options, monitor });
    httpStatus = response.status;
    samples.push(parseJsonBody(response, shown));
  }
  return { samples, httpStatus };
}
