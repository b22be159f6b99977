/**
 * Calls that unpack archives (tar's `extract({ cwd })`, unzipper's `Extract({ path })`, extract-zip,
 * decompress, tar-fs, adm-zip's `extractAllTo`) and whether what they unpack ends up among the
 * app's code: a plugins, extensions, add-ons or node_modules folder.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { enclosingFunction, findProperty, getCalleeProperty, getMemberPath, getStaticString, unwrapExpression } from './ast';
import { fsMethodOf } from './fs';
import { calledExport, type ModuleBinding } from './imports';
import { ownValue } from './records';

/** Where a call names its target folder: an argument, or an option of the object at that argument. */
interface Destination {
  readonly argument: number;
  readonly options?: readonly string[];
}

interface ArchiveApi {
  /** The module itself unpacks: `extract(file, { dir })`, `decompress(file, dest)`. */
  readonly callable?: Destination;
  /** Named exports that unpack. */
  readonly unpacks?: Readonly<Record<string, Destination>>;
  /** Methods of the module's objects that unpack: `new AdmZip(file).extractAllTo(dest)`. */
  readonly methods?: Readonly<Record<string, Destination>>;
}

const INTO_CWD: Destination = { argument: 0, options: ['cwd', 'C'] };

const ARCHIVES: Readonly<Record<string, ArchiveApi>> = {
  tar: { unpacks: { extract: INTO_CWD, x: INTO_CWD } },
  'tar-fs': { unpacks: { extract: { argument: 0 } } },
  unzipper: { unpacks: { Extract: { argument: 0, options: ['path'] } } },
  'extract-zip': { callable: { argument: 1, options: ['dir'] } },
  decompress: { callable: { argument: 1 } },
  'adm-zip': { methods: { extractAllTo: { argument: 0 }, extractAllToAsync: { argument: 0 }, extractEntryTo: { argument: 1 } } },
};

export interface Unpacking {
  readonly library: string;
  /** The folder it unpacks into, when the call names it. */
  readonly destination?: Node;
}

export function isArchiveModule(specifier: string): boolean {
  return ownValue(ARCHIVES, specifier) !== undefined;
}

/** The archive library a call unpacks with, and the folder it unpacks into. */
export function unpackingOf(call: TSESTree.CallExpression | TSESTree.NewExpression, bindings: ReadonlyMap<string, ModuleBinding>): Unpacking | undefined {
  const found = moduleCall(call, bindings) ?? methodCall(call, bindings);
  return found && { library: found.library, destination: destinationNode(call, found.at) };
}

interface UnpackCall {
  readonly library: string;
  readonly at: Destination;
}

function moduleCall(call: TSESTree.CallExpression | TSESTree.NewExpression, bindings: ReadonlyMap<string, ModuleBinding>): UnpackCall | undefined {
  const called = calledExport(call.callee, bindings);
  const api = called && ownValue(ARCHIVES, called.module);
  const at = called?.exported === undefined ? api?.callable : api?.unpacks && ownValue(api.unpacks, called.exported);
  return at && { library: called!.module, at };
}

/** `zip.extractAllTo(dest)` in a file that loads adm-zip: the method's name is the library's own. */
function methodCall(call: TSESTree.CallExpression | TSESTree.NewExpression, bindings: ReadonlyMap<string, ModuleBinding>): UnpackCall | undefined {
  const method = call.callee.type === 'MemberExpression' ? getCalleeProperty(call) : undefined;
  if (method === undefined) return undefined;
  for (const { module } of bindings.values()) {
    const methods = ownValue(ARCHIVES, module)?.methods;
    const at = methods && ownValue(methods, method);
    if (at) return { library: module, at };
  }
  return undefined;
}

function destinationNode(call: TSESTree.CallExpression | TSESTree.NewExpression, at: Destination): Node | undefined {
  const argument = call.arguments[at.argument];
  if (!argument || !at.options) return argument;
  const options = unwrapExpression(argument);
  if (options.type !== 'ObjectExpression') return undefined;
  return at.options.map((name) => findProperty(options, name)?.value).find((value) => value !== undefined);
}

/** `pluginsDir`, `this.extensionPath`, `getExtensionsPath()`, `PLUGIN_FOLDER`: a name for a folder of code. */
const CODE_FOLDER_NAME = /(?:plugins?|extensions?|add_?ons?)_?(?:path|dir|directory|folder|root|location|home)|node_?modules/i;
/** `'plugins'` in `join(root, 'plugins', name)`, `'/node_modules/'`: a path segment that holds code. */
const CODE_FOLDER_SEGMENT = /(?:^|[\\/])(?:plugins|extensions|addons|node_modules)(?:[\\/]|$)/i;
/** How many `const` hops a folder's name is followed through: `dest = join(pluginDir, name)`. */
const MAX_HOPS = 3;
/** Moves and copies that place what was unpacked: the target is their second argument. */
const PLACING_METHODS = new Set(['move', 'moveSync', 'copy', 'copySync', 'rename', 'renameSync', 'cp', 'cpSync']);

/**
 * Whether what `call` unpacks into `destination` lands among the app's code: the destination names
 * a code folder, or the function around the call moves or copies into one (unpacked into a
 * temporary folder first, then moved into place).
 */
export function unpacksCode(source: SourceCode, call: Node, destination: Node | undefined): boolean {
  if (destination && namesCodeFolder(source, destination, MAX_HOPS)) return true;
  const scope = enclosingFunction(call);
  let placed = false;
  if (scope) {
    walkSubtree(scope.body, (node) => {
      if (node.type === 'CallExpression' && isPlacingCall(node) && node.arguments[1]) placed ||= namesCodeFolder(source, node.arguments[1], MAX_HOPS);
      return !placed;
    });
  }
  return placed;
}

function isPlacingCall(call: TSESTree.CallExpression): boolean {
  const method = fsMethodOf(getMemberPath(call.callee));
  return method !== undefined && PLACING_METHODS.has(method);
}


function namesCodeFolder(source: SourceCode, expression: Node, hops: number): boolean {
  let named = false;
  walkSubtree(expression, (node) => {
    if (node.type === 'Identifier') named ||= CODE_FOLDER_NAME.test(node.name) || (hops > 0 && namesCodeFolderThrough(source, node, hops));
    else named ||= CODE_FOLDER_SEGMENT.test(getStaticString(node) ?? '');
    return !named;
  });
  return named;
}

/** A local `const` the name stands for: `const dest = join(this.extensionPath, id)`. */
function namesCodeFolderThrough(source: SourceCode, identifier: TSESTree.Identifier, hops: number): boolean {
  const init = source.constInitializer(identifier, identifier.name);
  return init !== undefined && namesCodeFolder(source, init, hops - 1);
}
