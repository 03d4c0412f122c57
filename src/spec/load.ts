import { SpecLoadError } from './errors.js';
import { isObject } from './model-helpers.js';
import { buildOpenApi3 } from './openapi3.js';
import { parseDocumentText } from './parse.js';
import { buildSwagger2 } from './swagger2.js';
import type { SpecDocument, SpecVersion } from './types.js';

/** The version an API description declares, or undefined when it is not one (`openapi: 3.x` or `swagger: "2.0"`). */
export function specVersionOf(document: unknown): SpecVersion | undefined {
  if (!isObject(document)) return undefined;
  if (typeof document.swagger === 'string' && document.swagger.startsWith('2.')) return 'swagger-2.0';
  if (typeof document.openapi === 'string') {
    if (/^3\.0(\.|$)/.test(document.openapi)) return 'openapi-3.0';
    if (/^3\.[1-9]/.test(document.openapi)) return 'openapi-3.1';
  }
  return undefined;
}

export function isSpecDocument(document: unknown): boolean {
  return specVersionOf(document) !== undefined;
}

/** Builds the model of a parsed OpenAPI 3.0/3.1 or Swagger 2.0 document. `source` names it in errors. */
export function specFromValue(document: unknown, source: string): SpecDocument {
  const version = specVersionOf(document);
  if (version === undefined || !isObject(document)) {
    const declared = isObject(document) ? (document.openapi ?? document.swagger) : undefined;
    throw new SpecLoadError(
      source,
      declared === undefined
        ? 'is not an OpenAPI or Swagger document (no `openapi: 3.x` or `swagger: "2.0"` field)'
        : `declares version ${JSON.stringify(declared)}, which driftwatch does not read (OpenAPI 3.0, 3.1 and Swagger 2.0 are supported)`,
    );
  }
  if (!isObject(document.paths) && version !== 'openapi-3.1') throw new SpecLoadError(source, 'has no `paths` object');
  return version === 'swagger-2.0' ? buildSwagger2(document, source) : buildOpenApi3(document, source, version);
}

/** Parses (JSON or YAML) and builds the model of an API description. */
export function loadSpecText(text: string, source: string): SpecDocument {
  return specFromValue(parseDocumentText(text, source), source);
}
