import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { walkSubtree } from '../../engine/traverse';
import { enclosingFunction, type FunctionNode, getCalleeName, getMemberName, getMemberPath, getPropertyName, getStaticString, isFunctionNode, mentionsIdentifier, resolveConst, resolveFunction, unwrapExpression } from './ast';
import { ownerFunctionName } from './callGraph';
import { isPathBuilderCall } from './fs';
import { nameWords } from './strings';

/**
 * A file the app keeps its data in: one module serialises data into it (`writeFileSync(this.file,
 * JSON.stringify(state))`, `writeJson(layoutPath, layout)`) and reads it back (`readFileSync(this.file)`,
 * `require(settingsFile)`). Such a file is a database on one instance's disk.
 */
export interface StoreFileUse {
  readonly writes: Map<string, Node[]>;
  readonly reads: Set<string>;
}

export function newStoreFileUse(): StoreFileUse {
  return { writes: new Map(), reads: new Set() };
}

/** Calls that write a whole file, by callee name: fs, fs-extra, write-file-atomic and the app's own `atomicWriteFile`. */
const WRITE_CALL = /^(?:writeFile(?:Sync)?|outputFile(?:Sync)?|writeFileAtomic(?:Sync)?|atomicWrite\w*|write\w*Atomic\w*)$/;
/** fs-extra and jsonfile calls that serialise what they are given. */
const JSON_WRITE_CALL = /^(?:writeJ(?:son|SON)(?:Sync)?|outputJ(?:son|SON)(?:Sync)?|writeJsonFile(?:Sync)?)$/;
/** Reads, also through the app's own loaders given the path (`loadPrivatePackages(this.path, logger)`). */
const READ_CALL = /^(?:readFile(?:Sync)?|readJ(?:son|SON)(?:Sync)?|loadJsonFile(?:Sync)?|readJsonFile(?:Sync)?|require|(?:load|read)[A-Z]\w*)$/;
/** Calls that turn data into text for a file: `JSON.stringify`, `yaml.dump`, `YAML.stringify`. */
const SERIALISER = /(?:^|\.)(?:stringify|dump|safeDump)$/;
/** Words of a path that say the file is not where the app keeps its data (a git work folder syncs with its remote). */
const NOT_STORE_WORD = /^(?:te?mp|tmpdir|temporary|backups?|bak|caches?|logs?|lock|pid|hash|marker|journal|export|exports|sample|example|test|package|manifest|sitemap|index|npmrc|git)$/i;
/** `pathReal + '.tmp'`: the temporary twin written first and renamed over the real file. */
const TEMPORARY_SUFFIX = /^\.(?:tmp|temp|new|swp)$/i;

/** Notes a write of serialised data, or a read, of a file whose path this module names the same way both times. */
export function noteStoreFileUse(source: SourceCode, call: TSESTree.CallExpression, use: StoreFileUse): void {
  const name = getMemberPath(call.callee)?.at(-1) ?? '';
  const [target, data] = call.arguments;
  if (!target) return;
  if (RENAME_CALL.test(name)) return noteTemporaryRename(source, call, use);
  if (READ_CALL.test(name)) {
    if (name === 'require' && getStaticString(target) !== undefined) return;
    const key = fileKey(source, target as Node);
    if (key) use.reads.add(key);
    return;
  }
  const serialised = JSON_WRITE_CALL.test(name) || (WRITE_CALL.test(name) && data !== undefined && isSerialised(source, data as Node));
  if (!serialised) return;
  const key = fileKey(source, target as Node);
  if (!key || isFirstRunWrite(source, call, key)) return;
  noteWrite(use, key, call);
}

function noteWrite(use: StoreFileUse, key: string, call: Node): void {
  use.writes.set(key, [...(use.writes.get(key) ?? []), call]);
}

const RENAME_CALL = /^(?:rename|renameSync|move|moveSync)$/;
const TEMPORARY_WORD = /^(?:te?mp|temporary)$/i;

/**
 * `fs.writeFile(self._tempFile, json, () => fs.rename(self._tempFile, self._file, callback))`: serialised data written
 * to a temporary file, then renamed over the real one (express-pouchdb's config): a write of the real file.
 */
function noteTemporaryRename(source: SourceCode, call: TSESTree.CallExpression, use: StoreFileUse): void {
  const [from, to] = call.arguments;
  // `real + '.tmp'` keys as the real file already: its write is noted where it happens.
  if (!from || !to || fileKey(source, from as Node) || !nameWords(source.getText(from)).some((word) => TEMPORARY_WORD.test(word))) return;
  const key = fileKey(source, to as Node);
  if (key && serialisedInto(source, call, source.getText(from))) noteWrite(use, key, call);
}

/** Whether the function the rename is in, or the one around its callback, writes serialised data to the path `pathText`. */
function serialisedInto(source: SourceCode, rename: Node, pathText: string): boolean {
  let found = false;
  for (let fn = enclosingFunction(rename), depth = 0; fn && depth < 2 && !found; fn = enclosingFunction(fn), depth++) {
    walkSubtree(fn.body as Node, (node) => {
      if (node.type === 'CallExpression' && WRITE_CALL.test(getMemberPath(node.callee)?.at(-1) ?? '') && node.arguments[1] && source.getText(node.arguments[0] as Node) === pathText) {
        found ||= isSerialised(source, node.arguments[1] as Node);
      }
      return !found;
    });
  }
  return found;
}

/**
 * `Page.prototype.save = function () { fs.writeFile(this.pathname, content) }`, `save() { writeJson(recipePath, this.recipe) }`:
 * a record's `save` that writes it to a file. The key names the file; undefined for a path the caller
 * gives (`save(file, data)`, a generic helper) and for temporary files, caches, logs and backups.
 */
export function savedRecordFile(source: SourceCode, call: TSESTree.CallExpression): string | undefined {
  const name = getMemberPath(call.callee)?.at(-1) ?? '';
  const [target] = call.arguments;
  // A function of this file named `writeFile(value)` takes what it writes, not where.
  if (!(WRITE_CALL.test(name) || JSON_WRITE_CALL.test(name)) || !target || resolveFunction(source, call.callee as Node) || ownerFunctionName(call) !== 'save') return undefined;
  return fileKey(source, target as Node) ?? recordFileName(source, target as Node);
}

/** `path.join(domain ? domain.path : '', config.get('paths.recipes'), `${this.name}.json`)`: a path whose folder varies, ending in a JSON file. */
function recordFileName(source: SourceCode, target: Node): string | undefined {
  const resolved = resolveConst(source, target);
  let found: string | undefined;
  walkSubtree(resolved, (node) => {
    if (node.type === 'TemplateLiteral' && /\.json$/.test(node.quasis.at(-1)?.value.cooked ?? '')) found = source.getText(node);
    return found === undefined;
  });
  return found && !nameWords(source.getText(resolved)).some((word) => NOT_STORE_WORD.test(word)) ? found : undefined;
}

/** The writes of files this module also reads back, with the key that names the file. */
export function storeFileWrites(use: StoreFileUse): Array<readonly [string, Node]> {
  return [...use.writes].filter(([key]) => use.reads.has(key)).flatMap(([key, writes]) => writes.map((write) => [key, write] as const));
}

/** The file a write names, to tell where a path is in words (`sts-policies.json`, `accessoryLayoutPath`). */
export function storeFileName(key: string): string {
  return key.split('|').filter((part) => !part.endsWith('()')).at(-1) ?? key;
}

/**
 * How a module names a file, stable between its reads and writes: `this.stsFile` → `stsFile`,
 * `path.join(this.filePath, this.fileName)` → `filePath|fileName`, `getUserConfigPath(name)` →
 * `getUserConfigPath()`. Undefined for a parameter (a generic helper's `file`) and for paths that
 * say they are not a store (temporary files, caches, logs).
 */
function fileKey(source: SourceCode, node: Node): string | undefined {
  const parts = keyParts(source, node);
  if (!parts || parts.length === 0) return undefined;
  const words = parts.flatMap(nameWords);
  return words.some((word) => NOT_STORE_WORD.test(word)) ? undefined : parts.join('|');
}

function keyParts(source: SourceCode, node: Node): string[] | undefined {
  const value = resolveConst(source, node);
  const literal = getStaticString(value);
  if (literal !== undefined) return [literal];
  switch (value.type) {
    case 'Identifier': {
      if (isParameter(value)) return undefined;
      // `var pkgFile = path.join(appDir, 'package.json')`: the names the variable was given say what the file is too.
      const given = source.stableInitializer(value, value.name);
      return [value.name, ...(given ? literalsIn(given) : [])];
    }
    case 'MemberExpression': {
      const name = getMemberName(value);
      return name ? [name] : undefined;
    }
    case 'CallExpression':
      return isPathBuilderCall(value) && /(?:^|\.)(?:join|resolve)$/.test(getCalleeName(value) ?? '') ? joinedParts(source, value) : helperParts(source, value);
    case 'BinaryExpression':
      return value.operator === '+' && TEMPORARY_SUFFIX.test(getStaticString(value.right) ?? '') ? keyParts(source, value.left) : [source.getText(value)];
    case 'TemplateLiteral':
      return [source.getText(value)];
    default:
      return undefined;
  }
}

/** The strings written in an expression: `'package.json'` in `path.join(appDir, 'package.json')`. */
function literalsIn(node: Node): string[] {
  const found: string[] = [];
  walkSubtree(node, (part) => {
    const text = part.type === 'Literal' || part.type === 'TemplateLiteral' ? getStaticString(part) : undefined;
    if (text !== undefined) found.push(text);
    return true;
  });
  return found;
}

/** `path.join(dir, name)`: the parts that name the file; a parameter among them (`join(dir, file)` in a helper) makes no key. */
function joinedParts(source: SourceCode, call: TSESTree.CallExpression): string[] | undefined {
  const parts: string[] = [];
  for (const argument of call.arguments) {
    const part = keyParts(source, argument as Node);
    if (!part) return undefined;
    parts.push(...part);
  }
  return parts;
}

/**
 * `getUserConfigPath(name)` → `getUserConfigPath()`, with what says more about the file: its literal
 * arguments (`resolveProjectFile('package.json', dir)`), the fields it is given (`getFoldersPath(this.gitFolder)`)
 * and, for a helper of this module, the names
 * it builds the path from (`getPath(key) { return join(this.backupPath, …) }`).
 */
function helperParts(source: SourceCode, call: TSESTree.CallExpression): string[] {
  const name = getMemberPath(call.callee)?.at(-1) ?? '?';
  const literals = call.arguments.map((argument) => getStaticString(argument)).filter((text): text is string => text !== undefined);
  // `getFoldersPath(this.gitFolder)`: the folder a helper is given says where the file is too.
  const fields = call.arguments.flatMap((argument) => (argument.type === 'MemberExpression' && argument.object.type === 'ThisExpression' ? getMemberName(argument) ?? [] : []));
  return [`${name}()`, ...literals, ...fields, ...returnedNames(source, name)];
}

const returnedNamesCache = new WeakMap<SourceCode, Map<string, string[]>>();

/** Identifiers and strings in what the same-file function or method `name` returns. */
function returnedNames(source: SourceCode, name: string): string[] {
  const cache = returnedNamesCache.get(source) ?? new Map<string, string[]>();
  returnedNamesCache.set(source, cache);
  const cached = cache.get(name);
  if (cached) return cached;
  const names: string[] = [];
  cache.set(name, names);
  walkSubtree(source.ast, (node) => {
    const fn = namedFunction(node, name);
    if (fn) walkSubtree(fn.body, (child) => {
      if (child.type === 'ReturnStatement' && child.argument) walkSubtree(child.argument, (part) => {
        const text = part.type === 'Identifier' ? part.name : getStaticString(part);
        if (text !== undefined) names.push(text);
        return true;
      });
      return true;
    });
    return true;
  });
  return names;
}

function namedFunction(node: Node, name: string): FunctionNode | undefined {
  if (node.type === 'FunctionDeclaration' && node.id?.name === name) return node;
  if ((node.type === 'MethodDefinition' || node.type === 'Property') && getPropertyName(node.key) === name && isFunctionNode(node.value as Node)) return node.value as FunctionNode;
  return undefined;
}

function isParameter(identifier: TSESTree.Identifier): boolean {
  for (let fn = enclosingFunction(identifier); fn; fn = enclosingFunction(fn)) {
    if (fn.params.some((param) => mentionsIdentifier(param, identifier.name))) return true;
  }
  return false;
}

/**
 * `JSON.stringify(state, null, 2)`, also held in a variable first (`const file = JSON.stringify(policies)`,
 * or CoffeeScript's `var config; config = JSON.stringify({…})`).
 */
function isSerialised(source: SourceCode, data: Node): boolean {
  const value = resolveConst(source, data);
  const values = value.type === 'Identifier' ? source.assignedValues(value, value.name) ?? [value] : [value];
  return values.some((candidate) => {
    let found = false;
    walkSubtree(candidate, (child) => {
      if (child.type === 'CallExpression' && SERIALISER.test(getCalleeName(child) ?? '')) found = true;
      return !found && !isFunctionNode(child);
    });
    return found;
  });
}

/** `if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(defaults))`: a default written once, then edited by the operator. */
function isFirstRunWrite(source: SourceCode, call: Node, key: string): boolean {
  for (let node = call.parent; node && !isFunctionNode(node); node = node.parent) {
    if (node.type === 'IfStatement' && isNegatedExistenceCheck(source, unwrapExpression(node.test), key)) return true;
  }
  return false;
}

function isNegatedExistenceCheck(source: SourceCode, test: Node, key: string): boolean {
  if (test.type !== 'UnaryExpression' || test.operator !== '!') return false;
  const check = unwrapExpression(test.argument.type === 'AwaitExpression' ? test.argument.argument : test.argument);
  return check.type === 'CallExpression' && /exists|access/i.test(getCalleeName(check) ?? '') && check.arguments[0] !== undefined && fileKey(source, check.arguments[0] as Node) === key;
}
