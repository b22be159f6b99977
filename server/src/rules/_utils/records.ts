/** Lookups in plain-object tables keyed by text from the workspace. */

/** A record's own entry: `table['constructor']` must not find Object.prototype's. */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
