/** Reading Dockerfile instructions: the runtime stage, exec-form arguments, and offsets back into the file. */
import type { OffsetRange } from '../../engine/types';
import { execFormWords } from '../../project/parsers/dockerfile';
import type { DockerfileFile, DockerInstruction } from '../../project/projectFiles';
import { parseShell } from './shell';

/** Lives with the Dockerfile parser, which gathering uses too; rules read it from here. */
export { execFormWords };

/** The index of the last build stage: the image that actually runs. */
export function finalStage(dockerfile: DockerfileFile): number {
  return Math.max(0, ...dockerfile.instructions.map((instruction) => instruction.stage));
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

/**
 * The stages the released image is made of: the final one and the stages it is built `FROM`, by
 * alias or index (`FROM node:20 AS base` … `FROM base AS production`).
 */
export function runtimeStages(dockerfile: DockerfileFile): Set<number> {
  return stageChain(dockerfile.instructions, finalStage(dockerfile));
}

/** A stage and the earlier stages it is built `FROM`, by alias or index. */
export function stageChain(instructions: readonly DockerInstruction[], stage: number): Set<number> {
  const froms = instructions.filter((instruction) => instruction.keyword === 'FROM');
  const byAlias = new Map<string, number>();
  froms.forEach((from, index) => {
    const alias = /\bAS\s+(\S+)\s*$/i.exec(from.args)?.[1];
    if (alias) byAlias.set(alias.toLowerCase(), index);
  });
  const stages = new Set<number>();
  let current: number | undefined = stage;
  while (current !== undefined && !stages.has(current)) {
    stages.add(current);
    const image = baseImage(froms[current]?.args ?? '').toLowerCase();
    current = byAlias.get(image) ?? (/^\d+$/.test(image) ? Number(image) : undefined);
  }
  return stages;
}

/** The image a `FROM` names, without `--platform` and the stage alias. */
export function baseImage(fromArgs: string): string {
  return fromArgs.split(/\s+/).find((word) => word && !word.startsWith('--')) ?? '';
}

/** The instructions of the released image, in order. */
export function runtimeInstructions(dockerfile: DockerfileFile): DockerInstruction[] {
  const stages = runtimeStages(dockerfile);
  return dockerfile.instructions.filter((instruction) => stages.has(instruction.stage));
}

/** `Dockerfile.dev`, `dev.Dockerfile`, `Dockerfile.test`, files under `.devcontainer/`: images for development or CI. */
export function isDevDockerfile(path: string): boolean {
  const name = path.replace(/^.*[\\/]/, '');
  return /(?:^|[._-])(?:dev|develop|development|local|test|tests|testing|ci|e2e)(?:[._-]|$)/i.test(name) || /(?:^|[\\/])\.devcontainer[\\/]/.test(path);
}

/** `KEY=value` pairs of an ENV, ARG or LABEL instruction; the legacy `ENV KEY value` form too. Values keep `$VAR` references. */
export function keyValuePairs(args: string): { readonly key: string; readonly value?: string }[] {
  const words = parseShell(args).flatMap((command) => command.words.map((word) => word.text));
  if (words.length >= 2 && !words[0].includes('=')) return [{ key: words[0], value: words.slice(1).join(' ') }];
  return words.map((word) => {
    const equals = word.indexOf('=');
    return equals < 0 ? { key: word } : { key: word.slice(0, equals), value: word.slice(equals + 1) };
  });
}

/** `ENV` and `ARG` values as the instructions set them, in order, later ones winning; references to earlier ones are expanded. */
export function dockerVariables(instructions: readonly DockerInstruction[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const instruction of instructions) {
    if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
    for (const { key, value } of keyValuePairs(instruction.args)) {
      if (value === undefined) continue;
      const expanded = expandDockerVariables(value, values);
      if (expanded === undefined) values.delete(key);
      else values.set(key, expanded);
    }
  }
  return values;
}

/** Expands `$VAR`, `${VAR}` and `${VAR:-default}`; undefined when a variable has no known value. */
export function expandDockerVariables(text: string, values: ReadonlyMap<string, string>): string | undefined {
  let unknown = false;
  const expanded = text.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = values.get(braced ?? bare ?? '') ?? fallback;
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : expanded;
}

/** Programs that mean the image runs a Node.js app. */
const NODE_PROGRAMS = /^(?:node|nodejs|npm|npx|yarn|pnpm|bun|pm2-runtime|pm2|tsx|ts-node|nodemon)$/;

/** Whether the released image runs a Node.js app: a node base image, or a command that starts node or a package manager. */
export function runsNodeApp(dockerfile: DockerfileFile): boolean {
  const instructions = runtimeInstructions(dockerfile);
  const images = instructions.filter((instruction) => instruction.keyword === 'FROM').map((from) => baseImage(from.args).toLowerCase());
  if (images.some((image) => /(?:^|\/)(?:node|nodejs\d*|bun)(?:[:@-]|$)/.test(image))) return true;
  return instructions.some((instruction) => {
    if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') return false;
    const words = execFormWords(instruction.args) ?? parseShell(instruction.args).flatMap((command) => command.words.map((word) => word.text));
    return words.some((word) => NODE_PROGRAMS.test(word.replace(/^.*\//, '')));
  });
}
