import Ajv, { type ErrorObject } from 'ajv';
import fg from 'fast-glob';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { basename, dirname, join } from 'node:path';
import type { OffsetRange } from '../engine/types';
import { RULES } from '../rules';
import { configSchema } from './schema';
import type { ConfigData, ConfigSource } from './types';

export const CONFIG_FILE_NAME = '.twelve-factor.json';

/** A mistake in a config file, at the offending key, with a JSON path that tests can assert. */
export interface ConfigError {
  readonly file: string;
  readonly path: string;
  readonly message: string;
  readonly range: OffsetRange;
}

export interface LoadedConfigs {
  readonly sources: readonly ConfigSource[];
  readonly errors: readonly ConfigError[];
}

const validate = new Ajv({ allErrors: true, strict: false }).addFormat('regex', isRegExpSource).compile(configSchema(RULES));

/** Patterns in options (extra secret patterns) must compile, or the config is reported at that key. */
function isRegExpSource(value: string): boolean {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds `.twelve-factor.json` files and `twelveFactor` keys in package.json files under `root`.
 * Config is JSON with comments, parsed and validated: it is never executed. A file with errors
 * is reported and replaced by `previous[path]`, its last valid version, when there is one.
 */
export async function loadConfigs(
  root: string,
  read: (path: string) => Promise<string | undefined>,
  previous: ReadonlyMap<string, ConfigSource> = new Map(),
): Promise<LoadedConfigs> {
  const paths = await fg([`**/${CONFIG_FILE_NAME}`, '**/package.json'], { cwd: root, dot: true, ignore: ['**/node_modules/**', '**/.git/**'], suppressErrors: true, deep: 8 });
  const sources: ConfigSource[] = [];
  const errors: ConfigError[] = [];
  for (const relative of paths.sort()) {
    const path = join(root, relative);
    const text = await read(path);
    if (text === undefined) continue;
    const parsed = parseConfigText(path, text);
    errors.push(...parsed.errors);
    if (parsed.errors.length === 0 && parsed.data) sources.push({ path, dir: dirname(path), data: parsed.data });
    else if (parsed.errors.length > 0 && previous.has(path)) sources.push(previous.get(path)!);
  }
  return { sources, errors };
}

/** Parses and validates one config file's text; package.json contributes only its `twelveFactor` key. */
export function parseConfigText(path: string, text: string): { data?: ConfigData; errors: ConfigError[] } {
  const parseErrors: ParseError[] = [];
  const isPackageJson = basename(path) === 'package.json';
  const tree = parseTree(text, parseErrors, { allowTrailingComma: !isPackageJson, disallowComments: isPackageJson });
  if (parseErrors.length > 0 || !tree) {
    if (isPackageJson) return { errors: [] };
    const first = parseErrors[0];
    const at = first?.offset ?? 0;
    return { errors: [{ file: path, path: '', message: `Not valid JSON: ${first ? printParseErrorCode(first.error) : 'empty file'}.`, range: [at, at + (first?.length ?? 0)] }] };
  }
  const prefix = isPackageJson ? ['twelveFactor'] : [];
  const node = prefix.length > 0 ? findNodeAtLocation(tree, prefix) : tree;
  if (!node) return { errors: [] };
  const data = valueOf(node) as ConfigData;
  if (validate(data)) return { data, errors: [] };
  return { errors: toConfigErrors(path, tree, prefix, validate.errors ?? []) };
}

function valueOf(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((property) => [property.children![0].value as string, valueOf(property.children![1])]));
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}

function toConfigErrors(file: string, tree: JsonNode, prefix: string[], errors: readonly ErrorObject[]): ConfigError[] {
  const byPath = new Map<string, ConfigError>();
  for (const error of errors) {
    const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const extra = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
    const target = extra ? [...segments, extra] : segments;
    const key = target.join('.');
    // oneOf reports every branch; the first message for a path is the clearest.
    if (byPath.has(key) && error.keyword !== 'additionalProperties') continue;
    const node = findNodeAtLocation(tree, [...prefix, ...target.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment))]);
    const anchor = extra && node?.parent?.type === 'property' ? node.parent.children![0] : node;
    const range: OffsetRange = anchor ? [anchor.offset, anchor.offset + anchor.length] : [0, 0];
    byPath.set(key, { file, path: key, message: describe(error, segments, extra), range });
  }
  // A failed oneOf is also reported at every ancestor; the deepest error says what is actually wrong.
  const paths = [...byPath.keys()];
  return [...byPath.values()].filter((error) => !paths.some((other) => other.startsWith(`${error.path}.`)));
}

function describe(error: ErrorObject, segments: readonly string[], extra: string | undefined): string {
  if (extra && segments.at(-1) === 'rules') return `Unknown rule "${extra}": run twelve-factor-lint --list-rules for the ids.`;
  if (extra) return `Unknown option "${extra}".`;
  if (error.keyword === 'oneOf' || error.keyword === 'enum') {
    if (segments.at(-2) === 'rules' || segments.at(-3) === 'rules') return 'Use "off", "info", "warning" or "error", or ["<severity>", { options }].';
    if (segments[0] === 'extends') return 'Use "recommended", "strict" or "all".';
  }
  if (error.keyword === 'format' && error.params.format === 'regex') return `${segments.join('.')} is not a valid regular expression.`;
  return `${segments.join('.') || 'The config'} ${error.message ?? 'is not valid'}.`;
}
