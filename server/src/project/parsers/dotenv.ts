import type { EnvEntry, EnvFile } from '../projectFiles';
import { hashComments } from './hashComments';

/** `KEY=value`, `export KEY="value"`, with quotes and trailing comments removed from the value. */
export function parseEnvFile(path: string, text: string): EnvFile {
  const entries: EnvEntry[] = [];
  let offset = 0;
  text.split('\n').forEach((line, index) => {
    const match = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)(.*?)\r?$/.exec(line);
    if (match) {
      const keyStart = offset + match[1].length;
      const valueStart = keyStart + match[2].length + match[3].length;
      const raw = match[4];
      entries.push({
        key: match[2],
        value: unquote(raw),
        line: index,
        keyRange: [keyStart, keyStart + match[2].length],
        valueRange: [valueStart, valueStart + raw.length],
      });
    }
    offset += line.length + 1;
  });
  return { path, text, comments: hashComments(text), entries };
}

function unquote(raw: string): string {
  const quoted = /^(['"`])(.*)\1\s*(?:#.*)?$/.exec(raw);
  if (quoted) return quoted[2];
  return raw.replace(/\s+#.*$/, '').trim();
}
