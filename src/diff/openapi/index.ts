import { operations } from './operations.js';
import { parameters } from './parameters.js';
import { requestBody } from './request-body.js';
import { responseContent } from './response-content.js';
import { responseHeaders } from './response-headers.js';
import { responseStatus } from './response-status.js';
import { security } from './security.js';
import { securitySchemes } from './security-schemes.js';
import { servers } from './servers.js';
import type { SpecRule } from './spec-rule.js';

/** Every OpenAPI rule family, in the order their checks run. */
export const specRules: readonly SpecRule[] = [operations, parameters, requestBody, responseStatus, responseContent, responseHeaders, security, securitySchemes, servers];
