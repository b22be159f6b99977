/**
 * TOML config files (`config/default.toml`, wild-config's `config/api.toml`). smol-toml gives the
 * value; it keeps no positions, so the offsets of values by dotted path come from a line scan of the
 * tables (`[api.accessControl]`, `[[servers]]`) and `key = value` lines they hold.
 */
import type { OffsetRange } from '../../engine/types';
import type { ConfigDataFile } from '../projectFiles';

// smol-toml declares its types for `import` only; `require` loads its CommonJS build, the one this CommonJS code gets.
const { parse } = require('smol-toml') as typeof import('smol-toml', { with: { 'resolution-mode': 'import' } });

export function parseTomlConfig(path: string, text: string): ConfigDataFile {
  let value: unknown;
  try {
    // Plain objects and ISO strings, as the JSON and YAML configs give: rules read data, not TOML types.
    value = JSON.parse(JSON.stringify(parse(text)));
  } catch {
    return { path, text, comments: [], locations: {} };
  }
  return { path, text, comments: [], value, locations: tomlValueLocations(text) };
}

const TABLE_HEADER = /^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/;
const KEY_VALUE = /^\s*((?:[\w-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[\w-]+|"[^"]*"|'[^']*'))*)\s*=\s*/;

/** Offsets of the values written on `key = value` lines, by dotted path (`api.accessControl.secret`, `servers.0.port`). */
function tomlValueLocations(text: string): Record<string, OffsetRange> {
  const locations: Record<string, OffsetRange> = {};
  const arrayTableCounts = new Map<string, number>();
  let table: string[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const header = TABLE_HEADER.exec(line);
    const entry = header ? undefined : KEY_VALUE.exec(line);
    if (header) {
      const path = keyParts(header[2]);
      if (header[1] === '[[') {
        const key = path.join('.');
        const index = arrayTableCounts.get(key) ?? 0;
        arrayTableCounts.set(key, index + 1);
        table = [...path, String(index)];
      } else {
        table = path;
      }
    } else if (entry) {
      const start = offset + entry[0].length;
      const end = offset + line.replace(/\s+#[^"']*$/, '').trimEnd().length;
      if (end > start) locations[[...table, ...keyParts(entry[1])].join('.')] = [start, end];
    }
    offset += line.length + 1;
  }
  return locations;
}

/** `a."b.c".d` → `['a', 'b.c', 'd']`. */
function keyParts(key: string): string[] {
  return [...key.matchAll(/"([^"]*)"|'([^']*)'|([\w-]+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}
