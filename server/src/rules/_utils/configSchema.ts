/**
 * Config schemas in code (convict's `{ doc, format, default, env }` entries): the `default` of an
 * entry is the value the setting has unless someone sets it, named by the key that holds the entry.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, getPropertyName } from './ast';

/** Keys that mark an object as a schema entry rather than a plain value with a `default` key. */
const ENTRY_KEYS = ['doc', 'format', 'env'];

/** The schema entry a `default:` property belongs to: `{ doc: '…', format: ['disk', 's3'], default: 'disk' }`. */
export function schemaEntryOf(property: TSESTree.Property): TSESTree.ObjectExpression | undefined {
  const entry = property.parent;
  return getPropertyName(property.key) === 'default' && entry.type === 'ObjectExpression' && ENTRY_KEYS.some((key) => findProperty(entry, key)) ? entry : undefined;
}

/** The key that names an entry's setting (`storage` in `storage: { … }`) and the property holding it, when the entry sits under one. */
export function schemaSetting(entry: TSESTree.ObjectExpression): { readonly name: string; readonly holder: TSESTree.Property } | undefined {
  const holder = entry.parent;
  const name = holder?.type === 'Property' ? getPropertyName(holder.key) : undefined;
  return name !== undefined ? { name, holder: holder as TSESTree.Property } : undefined;
}
