import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { OffsetRange } from '../../engine/types';
import type { YamlFile } from '../projectFiles';
import { hashComments } from './hashComments';

/** A compose file with the offsets of every value by dotted path; a broken file reports its first error. */
export function parseYamlFile(path: string, text: string): { file: YamlFile; problem?: { message: string; offset: number } } {
  const document = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false });
  const base = { path, text, comments: hashComments(text) };
  if (document.errors.length > 0) {
    const error = document.errors[0];
    return { file: { ...base, locations: {} }, problem: { message: `${error.message.split('\n')[0]}`, offset: error.pos[0] } };
  }
  const locations: Record<string, OffsetRange> = {};
  collectLocations(document.contents as YamlNode | null, '', locations);
  return { file: { ...base, value: document.toJS(), locations } };
}

function collectLocations(node: YamlNode | null | undefined, prefix: string, locations: Record<string, OffsetRange>): void {
  if (!node) return;
  if (node.range) locations[prefix] = [node.range[0], node.range[1]];
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      collectLocations(pair.value as YamlNode | null, prefix ? `${prefix}.${key}` : key, locations);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => collectLocations(item as YamlNode, `${prefix}.${index}`, locations));
  }
}
