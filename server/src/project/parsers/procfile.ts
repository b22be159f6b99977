import type { ProcfileEntry, ProcfileFile } from '../projectFiles';
import { hashComments } from './hashComments';

/** `type: command` lines; anything else (comments, blanks) is ignored, as platforms do. */
export function parseProcfile(path: string, text: string): ProcfileFile {
  const processes: ProcfileEntry[] = [];
  let offset = 0;
  text.split('\n').forEach((line, index) => {
    const match = /^(\s*)([A-Za-z0-9_-]+)(\s*:\s*)(.*?)\s*\r?$/.exec(line);
    if (match && match[4]) {
      const start = offset + match[1].length;
      const commandStart = start + match[2].length + match[3].length;
      processes.push({
        name: match[2],
        command: match[4],
        line: index,
        range: [start, commandStart + match[4].length],
        commandRange: [commandStart, commandStart + match[4].length],
      });
    }
    offset += line.length + 1;
  });
  return { path, text, comments: hashComments(text), processes };
}
