import { monitorFileSchema } from '../../config/monitor-file-schema.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** The monitor file JSON Schema, for editors (`# yaml-language-server: $schema=...`). */
export function monitorSchemaText(): string {
  return `${JSON.stringify(monitorFileSchema, null, 2)}\n`;
}

export async function schemaCommand(): Promise<ExitCode> {
  process.stdout.write(monitorSchemaText());
  return EXIT.ok;
}
