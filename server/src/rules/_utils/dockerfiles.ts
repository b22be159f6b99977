/** Reading Dockerfile instructions: the runtime stage, exec-form arguments, and offsets back into the file. */
import type { OffsetRange } from '../../engine/types';
import type { DockerfileFile, DockerInstruction } from '../../project/projectFiles';

/** The index of the last build stage: the image that actually runs. */
export function finalStage(dockerfile: DockerfileFile): number {
  return Math.max(0, ...dockerfile.instructions.map((instruction) => instruction.stage));
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

/**
 * Maps a range of an instruction's arguments (line continuations joined) back to file offsets.
 * Falls back to the whole arguments range when the joined text cannot be lined up with the file.
 */
export function argsRangeInFile(text: string, instruction: DockerInstruction, range: OffsetRange): OffsetRange {
  const [from, to] = instruction.argsRange;
  const offsets: number[] = [];
  let joined = '';
  for (let i = from; i < to; i++) {
    const continuation = /^\\[ \t]*\r?\n/.exec(text.slice(i, i + 64));
    if (continuation) {
      i += continuation[0].length - 1;
      continue;
    }
    offsets.push(i);
    joined += text[i];
  }
  offsets.push(to);
  if (joined !== instruction.args) return instruction.argsRange;
  return [offsets[range[0]], offsets[range[1]]];
}
