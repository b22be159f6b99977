/** Lookups in plain-object tables keyed by text from the workspace. */

/** A record's own entry: `table['constructor']` must not find Object.prototype's. */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A parsed JSON or YAML mapping (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
