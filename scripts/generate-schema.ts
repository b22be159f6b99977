// Writes the JSON Schema of .twelve-factor.json from the rule registry, so editors complete rule ids and options.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '../server/src/config/schema';
import { RULES } from '../server/src/rules';

export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'twelve-factor.schema.json');

export function schemaText(): string {
  return `${JSON.stringify(configSchema(RULES), null, 2)}\n`;
}

if (require.main === module) writeFileSync(SCHEMA_PATH, schemaText());
