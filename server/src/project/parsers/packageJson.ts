import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { OffsetRange } from '../../engine/types';
import type { PackageJsonFile } from '../projectFiles';

export interface JsonProblem {
  readonly message: string;
  readonly offset: number;
}

/** package.json with the offsets of every value, so rules point at the exact dependency or script. */
export function parsePackageJson(path: string, text: string): { file: PackageJsonFile; problem?: JsonProblem } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const locations: Record<string, OffsetRange> = {};
  if (tree) collectLocations(tree, '', locations);
  if (errors.length > 0 || !tree || tree.type !== 'object') {
    const first = errors[0];
    const message = first ? `${printParseErrorCode(first.error)} at offset ${first.offset}` : 'the top level is not an object';
    return { file: { path, text, comments: [], locations: {} }, problem: { message: `package.json is not valid JSON (${message})`, offset: first?.offset ?? 0 } };
  }
  return { file: { path, text, comments: [], json: JSON.parse(text) as Record<string, unknown>, locations } };
}

/** Offsets of every value (and, under `path#key`, of every property name) by dotted path. */
export function collectLocations(node: JsonNode, prefix: string, locations: Record<string, OffsetRange>): void {
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const path = prefix ? `${prefix}.${String(key.value)}` : String(key.value);
      locations[path] = [value.offset, value.offset + value.length];
      locations[`${path}#key`] = [key.offset, key.offset + key.length];
      collectLocations(value, path, locations);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, index) => {
      const path = `${prefix}.${index}`;
      locations[path] = [child.offset, child.offset + child.length];
      collectLocations(child, path, locations);
    });
  }
}
