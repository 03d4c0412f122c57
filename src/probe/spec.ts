import type { Monitor } from '../config/types.js';
import { SpecLoadError, SpecTooDeepError } from '../spec/errors.js';
import { bundleExternalRefs, TooManyExternalDocuments } from '../spec/external-refs.js';
import { specFromValue } from '../spec/load.js';
import { parseDocumentText } from '../spec/parse.js';
import type { SpecDocument } from '../spec/types.js';
import { mediaType } from './content-type.js';
import { isProbeFailure, ProbeFailure } from './failure.js';
import { httpRequest, requestUrl, type HttpOptions, type HttpResponse } from './http.js';
import { displayUrl } from './redact.js';
import { nonEmptyBody, refuseDeepNesting } from './json-body.js';

const SPEC_ACCEPT = 'application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.5';
/** External `$ref`s named in the notice about those not followed. */
const NAMED_REFS = 3;

export interface SpecObservation {
  spec: SpecDocument;
  httpStatus: number;
}

/**
 * Fetches an OpenAPI/Swagger document (JSON or YAML) and reads it. An HTML page is `not-json`, an
 * empty body `empty-body`, a document nested too deep `too-deep`, and anything that is not a
 * readable OpenAPI 3.x or Swagger 2.0 document (YAML with an alias bomb included) `invalid-spec`.
 * External `$ref`s are fetched only from the URL prefixes the monitor lists in `externalRefs`; the
 * others are left as they are, and a notice names them.
 */
export async function probeSpec(monitor: Monitor, options: HttpOptions = {}): Promise<SpecObservation> {
  const headers = { ...monitor.request.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'accept')) headers.accept = SPEC_ACCEPT;
  const url = requestUrl(monitor.request);
  const shown = displayUrl(url, monitor.secrets);
  const response = await httpRequest({ ...monitor.request, headers }, { ...options, monitor });
  const document = readDocument(response, shown);
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    // specFromValue says what the document is instead.
    return { spec: specOf(document, shown, response.status), httpStatus: response.status };
  }
  const root = document as Record<string, unknown>;
  const allowed = monitor.externalRefs;
  const origin = new URL(url).origin;
  let bundled;
  try {
    bundled = await bundleExternalRefs(root, {
      baseUrl: url,
      allowed: (target) => allowed.some((prefix) => target.startsWith(prefix)),
      keyOf: (target) => displayUrl(target, monitor.secrets),
      fetchDocument: async (target) => {
        const shownTarget = displayUrl(target, monitor.secrets);
        let answer: HttpResponse;
        try {
          // The monitor's credentials and headers (which may hold them) go only to its own origin.
          const home = new URL(target).origin === origin;
          const settings = home ? monitor : { ...monitor, auth: undefined };
          const sent = home ? headers : { accept: SPEC_ACCEPT };
          answer = await httpRequest({ ...monitor.request, url: target, query: {}, method: 'GET', body: undefined, headers: sent }, { ...options, monitor: settings });
        } catch (error) {
          if (!isProbeFailure(error)) throw error;
          throw new ProbeFailure(error.kind, `${shown}: external $ref document ${error.message}`, { httpStatus: error.httpStatus, cause: error });
        }
        return readDocument(answer, shownTarget);
      },
    });
  } catch (error) {
    if (error instanceof TooManyExternalDocuments) throw new ProbeFailure('invalid-spec', `${shown}: ${error.message}`, { httpStatus: response.status });
    throw error;
  }
  let spec: SpecDocument;
  try {
    spec = specOf(root, shown, response.status);
  } catch (error) {
    if (isProbeFailure(error) && bundled.notFollowed.length > 0 && error.message.includes('external $ref')) {
      throw new ProbeFailure(error.kind, `${error.message}; list its URL prefix in the monitor's externalRefs to fetch it`, { httpStatus: error.httpStatus });
    }
    throw error;
  }
  if (bundled.notFollowed.length > 0) {
    const refs = [...new Set(bundled.notFollowed)];
    const named = refs.slice(0, NAMED_REFS).map((ref) => `"${ref}"`).join(', ');
    options.onNotice?.(
      `${refs.length} external $ref${refs.length === 1 ? ' was' : 's were'} not followed (${named}${refs.length > NAMED_REFS ? ', …' : ''}): ` +
        'schemas behind them are compared by reference only; list their URL prefixes in externalRefs to fetch them',
    );
  }
  return { spec, httpStatus: response.status };
}

/** The parsed document of an answer, or the failure it is. */
function readDocument(response: HttpResponse, shown: string): unknown {
  const httpStatus = response.status;
  if (mediaType(response.headers['content-type']) === 'text/html') {
    throw new ProbeFailure('not-json', `${shown} answered text/html, not an API description (an HTML page, likely an error page)`, { httpStatus });
  }
  const text = nonEmptyBody(response, shown);
  let document: unknown;
  try {
    document = parseDocumentText(text, shown);
  } catch (error) {
    if (error instanceof SpecTooDeepError) throw new ProbeFailure('too-deep', error.message, { httpStatus });
    if (error instanceof SpecLoadError) throw new ProbeFailure('invalid-spec', error.message, { httpStatus });
    throw error;
  }
  refuseDeepNesting(document, shown, httpStatus);
  return document;
}

function specOf(document: unknown, shown: string, httpStatus: number): SpecDocument {
  try {
    return specFromValue(document, shown);
  } catch (error) {
    if (error instanceof SpecLoadError) throw new ProbeFailure('invalid-spec', error.message, { httpStatus });
    throw error;
  }
}
