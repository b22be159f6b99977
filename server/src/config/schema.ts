import type { OptionsSchema, Rule } from '../engine/rule';

const SEVERITY = { enum: ['off', 'info', 'warning', 'error'], description: 'off, info, warning or error' };

/** The JSON Schema of `.twelve-factor.json`, with every rule id and its options, for editors and validation. */
export function configSchema(rules: readonly Rule[]): Record<string, unknown> {
  const ruleProperties = Object.fromEntries(rules.map((rule) => [rule.id, ruleEntrySchema(rule)]));
  const rulesSchema = { type: 'object', properties: ruleProperties, additionalProperties: false, description: 'Rule id → severity, or [severity, options].' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/twelve-factor-lint/twelve-factor-lint/schemas/twelve-factor.schema.json',
    title: 'twelve-factor-lint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: { enum: ['recommended', 'strict', 'all'], description: 'recommended: default severities; strict: warnings become errors and infos warnings; all: every rule, including those off by default.' },
      rules: rulesSchema,
      ignore: { type: 'array', items: { type: 'string' }, description: 'Globs of files to leave out, relative to this file.' },
      production: { type: 'array', items: { type: 'string' }, description: 'Globs of files that are production code although their path looks like tests, examples or docs.' },
      overrides: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: { files: { type: 'array', items: { type: 'string' }, minItems: 1 }, rules: rulesSchema },
        },
      },
    },
  };
}

function ruleEntrySchema(rule: Rule): Record<string, unknown> {
  const options: OptionsSchema = rule.optionsSchema ?? { type: 'object', additionalProperties: false, properties: {} };
  return {
    description: `${rule.description} (${rule.docsUrl})`,
    oneOf: [SEVERITY, { type: 'array', items: [SEVERITY, options], minItems: 1, maxItems: 2 }],
  };
}
