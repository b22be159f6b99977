/**
 * Launchers often locate the app from their own folder: `require(path.join(ROOT, 'server'))` after
 * `const ROOT = path.join(path.dirname(fs.realpathSync(__filename)), '..', 'build')`. Read as the
 * relative specifier it amounts to (`../build/server`), such a require joins the import graph, so
 * project rules follow the launcher into the server it starts.
 */
import { posix } from 'node:path';
import type { SourceCode } from './source';
import type { Node } from './types';

const MAX_NAMES_FOLLOWED = 3;

/** The relative specifier a module path built from the file's own folder stands for, if every part of it is known. */
export function builtModulePath(source: SourceCode, node: Node): string | undefined {
  const folder = folderPath(source, node, 0);
  if (folder === undefined || folder === '.') return undefined;
  return folder.startsWith('../') ? folder : `./${folder}`;
}

/** The path, relative to the file's folder, that an expression of `__dirname`, `path.join` and string literals builds. */
function folderPath(source: SourceCode, node: Node, depth: number): string | undefined {
  if (node.type === 'Identifier') {
    if (node.name === '__dirname') return '.';
    const init = depth < MAX_NAMES_FOLLOWED ? source.stableInitializer(node, node.name) : undefined;
    return init ? folderPath(source, init, depth + 1) : undefined;
  }
  // `__dirname + '/lib/server'`.
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const start = folderPath(source, node.left as Node, depth);
    const rest = node.right.type === 'Literal' && typeof node.right.value === 'string' ? node.right.value : undefined;
    return start !== undefined && rest?.startsWith('/') ? posix.normalize(posix.join(start, rest)) : undefined;
  }
  if (node.type !== 'CallExpression') return undefined;
  const method = pathMethod(node.callee);
  if (method === 'dirname') return isOwnFileName(node.arguments[0]) ? '.' : undefined;
  if (method !== 'join' && method !== 'resolve') return undefined;
  const [base, ...parts] = node.arguments;
  const start = base && folderPath(source, base, depth);
  const names = parts.map((part) => (part.type === 'Literal' && typeof part.value === 'string' ? part.value : undefined));
  // `path.join(__dirname, '/index.js')` joins the segment under the folder; `resolve` starts again at an absolute one.
  if (start === undefined || names.some((name) => name === undefined || (method === 'resolve' && posix.isAbsolute(name)))) return undefined;
  return posix.normalize(posix.join(start, ...(names as string[])));
}

/** `path.join`, `join` (imported from path): the path method a callee names. */
function pathMethod(callee: Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  return callee.object.type === 'Identifier' && /^(?:path|posix|_path|path_1)$/.test(callee.object.name) ? callee.property.name : undefined;
}

/** `__filename`, or `fs.realpathSync(__filename)` as launchers linked into a bin folder write it. */
function isOwnFileName(node: Node | undefined): boolean {
  if (node?.type === 'Identifier') return node.name === '__filename';
  return node?.type === 'CallExpression' && node.arguments.length === 1 && isOwnFileName(node.arguments[0]);
}
