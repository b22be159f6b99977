import { DockerfileParser } from 'dockerfile-ast';
import { LineIndex } from '../../engine/lineIndex';
import type { DockerfileFile, DockerInstruction } from '../projectFiles';
import { hashComments } from './hashComments';

/** Instructions with their build stage, parsed by dockerfile-ast (line continuations, escapes, heredocs). */
export function parseDockerfile(path: string, text: string): DockerfileFile {
  const lines = new LineIndex(text);
  const instructions: DockerInstruction[] = [];
  let stage = -1;
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword === 'FROM') stage++;
    const argsRange = instruction.getArgumentsRange() ?? instruction.getRange();
    instructions.push({
      keyword,
      args: instruction.getArgumentsContent() ?? '',
      range: [lines.offsetAt(instruction.getRange().start), lines.offsetAt(instruction.getRange().end)],
      argsRange: [lines.offsetAt(argsRange.start), lines.offsetAt(argsRange.end)],
      stage: Math.max(stage, 0),
    });
  }
  return { path, text, comments: hashComments(text), instructions };
}

/** `["node", "server.js"]` as words; undefined for the shell form. */
export function execFormWords(args: string): string[] | undefined {
  if (!args.trimStart().startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  } catch {
    return undefined;
  }
}
