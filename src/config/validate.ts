import { Ajv, type ValidateFunction } from 'ajv';
import { describeAjvError } from './ajv-messages.js';
import { monitorFileSchema } from './monitor-file-schema.js';

let validator: ValidateFunction | undefined;

/** Problems with a parsed monitor document against the monitor file schema; empty when valid. */
export function schemaProblems(document: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, discriminator: true }).compile(monitorFileSchema);
  if (validator(document)) return [];
  const problems = (validator.errors ?? []).map((error) => describeAjvError(error, document));
  return [...new Set(problems)];
}
