import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { getMemberName, getMemberPath, getPropertyName, getStaticString, sourceNameOfBundledImport, unwrapExpression } from './ast';

/** How a file binds a module: whole-module names (`winston`) and named imports (`transports`). */
export interface ModuleBindings {
  /** Local names bound to the whole module: default, namespace or `require`. */
  readonly namespaces: ReadonlySet<string>;
  /** Local name → exported name, for `import { a as b }` and `const { a: b } = require()`. */
  readonly named: ReadonlyMap<string, string>;
}

/**
 * Reads the top-level imports and requires of a program for modules matching `matches`.
 * Only top-level bindings count: that is where services wire their loggers and stores.
 */
export function findModuleBindings(program: TSESTree.Program, matches: (module: string) => boolean): ModuleBindings {
  const namespaces = new Set<string>();
  const named = new Map<string, string>();
  visitModuleBindings(program, matches, (local, _module, exported) => (exported === undefined ? namespaces.add(local) : named.set(local, exported)));
  return { namespaces, named };
}

/** Every top-level import and require binding of a program: local name → module specifier. */
export function modulesByLocalName(program: TSESTree.Program): ReadonlyMap<string, string> {
  let modules = modulesByProgram.get(program);
  if (!modules) {
    const found = new Map<string, string>();
    visitModuleBindings(program, () => true, (local, module) => found.set(local, module));
    modulesByProgram.set(program, (modules = found));
  }
  return modules;
}

// Several rules ask for the same program's bindings; a parsed program never changes.
const modulesByProgram = new WeakMap<TSESTree.Program, ReadonlyMap<string, string>>();

/** A top-level binding of a module: its specifier, and the exported name for a named binding. */
export interface ModuleBinding {
  readonly module: string;
  readonly exported?: string;
}

/** The top-level bindings of modules matching `matches`, by local name. */
export function bindingsByLocalName(program: TSESTree.Program, matches: (module: string) => boolean): Map<string, ModuleBinding> {
  const bindings = new Map<string, ModuleBinding>();
  visitModuleBindings(program, matches, (local, module, exported) => bindings.set(local, exported === undefined ? { module } : { module, exported }));
  return bindings;
}

/** Calls `bind` for each top-level binding of a matching module; `exported` is set for named bindings. */
function visitModuleBindings(
  program: TSESTree.Program,
  matches: (module: string) => boolean,
  bind: (local: string, module: string, exported: string | undefined) => void,
): void {
  const wholeModules = new Map<string, string>();
  const bindAndNote = (local: string, module: string, exported: string | undefined) => {
    if (exported === undefined) wholeModules.set(local, module);
    bind(local, module, exported);
    // Member paths name esbuild's `import_node_fs` as the source's `fs`: bind that name too.
    const sourceName = exported === undefined ? sourceNameOfBundledImport(local, module) : undefined;
    if (sourceName) bind(sourceName, module, undefined);
  };
  for (const statement of moduleLevelStatements(program.body)) {
    if (statement.type === 'ImportDeclaration' && matches(statement.source.value)) {
      for (const specifier of statement.specifiers) {
        const exported = specifier.type === 'ImportSpecifier' ? getPropertyName(specifier.imported) ?? specifier.local.name : undefined;
        bind(specifier.local.name, statement.source.value, exported);
      }
    }
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      visitRequireBinding(declarator, matches, bindAndNote);
      const aliased = interopAliasOf(declarator, wholeModules);
      if (aliased) bindAndNote(aliased.local, aliased.module, undefined);
    }
  }
}

/**
 * Babel 6 wraps a required module in a second step: `var _nanoid = require('nanoid');
 * var _nanoid2 = _interopRequireDefault(_nanoid);`. The wrapper names the same module.
 */
function interopAliasOf(declarator: TSESTree.VariableDeclarator, wholeModules: ReadonlyMap<string, string>): { local: string; module: string } | undefined {
  const init = declarator.init;
  if (declarator.id.type !== 'Identifier' || init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || !INTEROP_HELPER.test(init.callee.name)) return undefined;
  const argument = init.arguments[0];
  const module = argument?.type === 'Identifier' ? wholeModules.get(argument.name) : undefined;
  return module === undefined ? undefined : { local: declarator.id.name, module };
}

/**
 * Statements that run when the module loads: the top level, and the blocks of its `if`s and
 * `try`s (`if (config.authentication) { const session = require('express-session'); … }`).
 */
function* moduleLevelStatements(statements: readonly TSESTree.ProgramStatement[] | readonly TSESTree.Statement[]): Generator<TSESTree.ProgramStatement | TSESTree.Statement> {
  for (const statement of statements) {
    yield statement;
    if (statement.type === 'BlockStatement') yield* moduleLevelStatements(statement.body);
    else if (statement.type === 'TryStatement') yield* moduleLevelStatements(statement.block.body);
    else if (statement.type === 'IfStatement') {
      for (const branch of [statement.consequent, statement.alternate]) if (branch) yield* moduleLevelStatements(branch.type === 'BlockStatement' ? branch.body : [branch]);
    }
  }
}

/**
 * Calls `bind` for the names a `const x = require('m')` or `const { a } = require('m')` binds, when
 * `m` matches: for requires inside functions too (services that load modules lazily).
 */
export function visitRequireBinding(
  declarator: TSESTree.VariableDeclarator,
  matches: (module: string) => boolean,
  bind: (local: string, module: string, exported: string | undefined) => void,
): void {
  const module = declarator.init ? requiredModule(declarator.init) : undefined;
  if (module === undefined || !matches(module)) return;
  if (declarator.id.type === 'Identifier') bind(declarator.id.name, module, undefined);
  else if (declarator.id.type === 'ObjectPattern') {
    for (const property of declarator.id.properties) {
      if (property.type === 'Property' && property.value.type === 'Identifier') bind(property.value.name, module, getPropertyName(property.key) ?? property.value.name);
    }
  }
}

/** The module of `require('x')`, `require('x').default`, `require('x')(arg)`, `require('x').verbose()`, `await import('x')`. */
function requiredModule(init: Node): string | undefined {
  let node: Node = init;
  while (node.type === 'MemberExpression' || node.type === 'AwaitExpression' || (node.type === 'CallExpression' && !isRequire(node))) {
    if (node.type === 'CallExpression' && isInteropHelper(node)) node = node.arguments[0];
    else node = node.type === 'MemberExpression' ? node.object : node.type === 'AwaitExpression' ? node.argument : node.callee;
  }
  if (node.type === 'ImportExpression') return getStaticString(node.source);
  return node.type === 'CallExpression' ? getStaticString(node.arguments[0]) : undefined;
}

/**
 * Babel's, tsc's and esbuild's wrappers around a compiled `require`: `_interopRequireDefault(require('x'))`, `__importStar(require('x'))`,
 * `__toESM(require('x'))`, and tsc's with `importHelpers`, taken from tslib: `tslib_1.__importDefault(require('x'))`.
 */
const INTEROP_HELPER = /^(?:_interopRequire(?:Default|Wildcard)|__importDefault|__importStar|__toESM|_interop_require_(?:default|wildcard))$/;

function isInteropHelper(node: TSESTree.CallExpression): boolean {
  const callee = node.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? getMemberName(callee) : undefined;
  return name !== undefined && INTEROP_HELPER.test(name) && node.arguments[0]?.type === 'CallExpression';
}

/** The `require('x')` inside `__toESM(require('x'), 1)` or `__importStar(require('x'))`; any other node as it is. */
export function unwrapInteropHelper(node: Node): Node {
  return node.type === 'CallExpression' && isInteropHelper(node) ? node.arguments[0] : node;
}

/** Helpers that load a package by name and cope when it is missing: `safeRequire('stylus', 'stylus')`, `tryRequire('morgan')`. */
export const LOADING_HELPER_NAME = '(?:try|safe|optional)Require|require(?:Optional|Safe)';
const LOADING_HELPER = new RegExp(`^(?:${LOADING_HELPER_NAME})$`);

/** The package `require('x')` or a loading helper (`safeRequire('x')`) loads. */
export function loadedSpecifier(node: Node): string | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const name = getMemberPath(node.callee)?.at(-1);
  return name === 'require' || LOADING_HELPER.test(name ?? '') ? getStaticString(node.arguments[0]) : undefined;
}

function isRequire(node: TSESTree.CallExpression): boolean {
  return node.callee.type === 'Identifier' && node.callee.name === 'require';
}

/** The local a module's value is reached through: `Redis`, or compiled, `ioredis_mock_1` in `ioredis_mock_1.default`. */
export function moduleLocal(node: Node): TSESTree.Identifier | undefined {
  const value = unwrapExpression(node);
  const local = value.type === 'MemberExpression' && getMemberName(value) === 'default' ? unwrapExpression(value.object) : value;
  return local.type === 'Identifier' ? local : undefined;
}

/**
 * True when `process` at `node` is Node's process object: the global, or the `process` module
 * bound under that name (`import process from 'node:process'`, a style linters enforce), which
 * exports the very same object.
 */
export function isProcessObject(source: SourceCode, node: Node): boolean {
  return source.isGlobal(node, 'process') || /^(?:node:)?process$/.test(modulesByLocalName(source.ast).get('process') ?? '');
}

export function isBoundTo(bindings: ModuleBindings, name: string | undefined, exported?: string): boolean {
  if (name === undefined) return false;
  return exported === undefined ? bindings.namespaces.has(name) : bindings.named.get(name) === exported;
}

/**
 * The export of a bound module a callee calls: `rollup` bound by name, `esbuild.build` through the
 * whole module, or the module itself (no `exported`) for `webpack(config)`. Undefined for callees
 * that reach no binding, or reach further into an export (`extract.sync()`).
 */
export function calledExport(callee: Node, bindings: ReadonlyMap<string, ModuleBinding>): ModuleBinding | undefined {
  const path = getMemberPath(callee);
  const binding = path && path.length <= 2 ? bindings.get(path[0]) : undefined;
  if (!binding || path!.length === 1) return binding;
  return binding.exported === undefined ? { module: binding.module, exported: path![1] } : undefined;
}
