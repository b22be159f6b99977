import { getNodeValue, parseTree, type ParseError } from 'jsonc-parser';
import type { OffsetRange } from '../../engine/types';
import type { ConfigDataFile } from '../projectFiles';
import { collectLocations } from './packageJson';
import { parseTomlConfig } from './toml';
import { parseYamlFile } from './yaml';

/** Config files the project keeps as data (not code): these are parsed, the others are source files. */
export const CONFIG_DATA_FILE = /\.(?:json5?|ya?ml|toml)$/i;

/**
 * A JSON, YAML or TOML config file with the offsets of its values. A file that does not parse keeps its
 * text (rules may still report on it as a whole) and is not a project problem: it is not ours to validate.
 */
export function parseConfigData(path: string, text: string): ConfigDataFile {
  if (/\.ya?ml$/i.test(path)) {
    const { file } = parseYamlFile(path, text);
    return file;
  }
  if (/\.toml$/i.test(path)) return parseTomlConfig(path, text);
  const errors: ParseError[] = [];
  // Config loaders (node-config, JSON5) accept comments and trailing commas, so the parse does too.
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const locations: Record<string, OffsetRange> = {};
  if (!tree || errors.length > 0) return { path, text, comments: [], locations };
  collectLocations(tree, '', locations);
  return { path, text, comments: [], value: getNodeValue(tree), locations };
}
