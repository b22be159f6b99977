import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { assignmentsByName, type SourceCode } from '../../engine/source';
import { someInSubtree, walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';

/** The value of a string literal or of a template literal without expressions. */
export function getStaticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

export function isStringLiteral(node: Node | null | undefined): node is TSESTree.StringLiteral | TSESTree.TemplateLiteral {
  return getStaticString(node) !== undefined;
}

/** The name of a property key, identifier or string, when it is static. */
export function getPropertyName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'PrivateIdentifier') return node.name;
  return getStaticString(node);
}

/** The static name of a member's property: `a.b` and `a['b']` give `b`. */
export function getMemberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return getPropertyName(node.property);
  return getStaticString(node.property);
}

/** `a.b.c` as `['a', 'b', 'c']`; undefined when any link is dynamic. */
/** Names Babel (`_winston`), tsc (`winston_1`) and Rollup (`winston__default`) give the binding of a compiled import. */
const COMPILED_IMPORT_BINDING = /^_[A-Za-z$][\w$]*$|^[A-Za-z$][\w$]*_\d+$|^[A-Za-z$][\w$]*__default$/;

/** A tsc binding without the counter the source never had: `typeorm_1` → `typeorm`. */
export function withoutCompiledCounter(name: string): string {
  return name.replace(/_\d+$/, '');
}

export function getMemberPath(node: Node): string[] | undefined {
  if (node.type === 'Identifier') return [bundledImportName(node) ?? node.name];
  if (node.type === 'ThisExpression') return ['this'];
  if (node.type === 'MemberExpression') {
    const head = getMemberPath(node.object);
    const name = getMemberName(node);
    // Compiled modules reach a default export through their import binding: `_winston.default`, `winston_1.default`.
    if (head?.length === 1 && name === 'default' && node.object.type === 'Identifier' && (COMPILED_IMPORT_BINDING.test(node.object.name) || requireBindings(node).has(node.object.name))) return head;
    return head && name !== undefined ? [...head, name] : undefined;
  }
  // `(0, _fs.writeFileSync)(…)`: how Babel and tsc call an imported function without a `this`.
  if (node.type === 'SequenceExpression') return getMemberPath(node.expressions[node.expressions.length - 1]);
  if (node.type === 'ChainExpression') return getMemberPath(node.expression);
  if (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression') return getMemberPath(node.expression);
  return undefined;
}

const requireBindingsCache = new WeakMap<Node, ReadonlyMap<string, string>>();

/**
 * Top-level names bound to a required module, with the module each names. Bundlers name them after
 * the module and reach its default export through them: `let express_session = require("express-session");
 * express_session = __toESM(express_session);` then `(0, express_session.default)(…)`.
 */
function requireBindings(node: Node): ReadonlyMap<string, string> {
  let program: Node = node;
  while (program.parent) program = program.parent;
  let names = requireBindingsCache.get(program);
  if (!names) {
    const found = new Map<string, string>();
    if (program.type === 'Program') {
      for (const statement of program.body) {
        if (statement.type !== 'VariableDeclaration') continue;
        for (const { id, init } of statement.declarations) {
          const specifier = id.type === 'Identifier' && init ? requiredSpecifier(unwrapInteropCall(init)) : undefined;
          if (specifier !== undefined) found.set((id as TSESTree.Identifier).name, specifier);
        }
      }
    }
    requireBindingsCache.set(program, (names = found));
  }
  return names;
}

/**
 * The name a module had in the source before esbuild renamed its binding: `fs` for `import_node_fs`
 * (from `require("node:fs")`), `express_session` for `import_express_session`. Rules then read
 * `(0, import_express.default)()` as `express()` and `import_node_fs.default.appendFileSync` as
 * `fs.appendFileSync`, as they do for tsc's `fs_1` and Babel's `_fs`.
 */
function bundledImportName(node: TSESTree.Identifier): string | undefined {
  if (!node.name.startsWith('import_')) return undefined;
  const specifier = requireBindings(node).get(node.name);
  return specifier === undefined ? undefined : sourceNameOfBundledImport(node.name, specifier);
}

/** `fs` for esbuild's `import_node_fs` bound to `require("node:fs")`; undefined for names esbuild did not give. */
export function sourceNameOfBundledImport(local: string, specifier: string): string | undefined {
  if (!local.startsWith('import_')) return undefined;
  const prefix = specifier.startsWith('node:') && local.startsWith('import_node_') ? 'import_node_' : 'import_';
  return local.slice(prefix.length) || undefined;
}

/** `__toESM(require('x'))`, `__importDefault(require('x'))`: the require inside a bundler's or compiler's one-argument wrapper. */
function unwrapInteropCall(node: Node): Node {
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name !== 'require' && node.arguments.length >= 1 && node.arguments[0].type === 'CallExpression' ? node.arguments[0] : node;
}

/** The module a `require('x')` call names: `x`; undefined for any other node, or a computed name. */
export function requiredSpecifier(node: Node): string | undefined {
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' ? getStaticString(node.arguments[0]) : undefined;
}

/** The callee of a call or `new` as a dotted name, `express.static` or `createServer`. */
export function getCalleeName(node: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  return getMemberPath(node.callee)?.join('.');
}

/** The last segment of a callee: `listen` for `app.listen(...)`, also TypeScript's CommonJS `(0, server_1.listen)(...)`. */
export function getCalleeProperty(node: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const unwrapped = node.callee.type === 'ChainExpression' ? node.callee.expression : node.callee;
  const callee = unwrapped.type === 'SequenceExpression' ? unwrapExpression(unwrapped.expressions[unwrapped.expressions.length - 1]) : unwrapped;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return getMemberName(callee);
  return undefined;
}

/** A property of the object or of a `const` object it spreads (`{ ...commonOptions, type: 'sqlite' }`), own ones first. */
export function findSpreadProperty(source: SourceCode, object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  const own = findProperty(object, name);
  if (own) return own;
  for (const property of object.properties) {
    if (property.type !== 'SpreadElement') continue;
    const spread = resolveConst(source, property.argument);
    const found = spread.type === 'ObjectExpression' ? findProperty(spread, name) : undefined;
    if (found) return found;
  }
  return undefined;
}

export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const property of object.properties) {
    if (property.type === 'Property' && getPropertyName(property.key) === name) return property;
  }
  return undefined;
}

/** Connection options naming the database they open: `{ host, database: 'app' }` (not a config with a `database` section). */
export function namesDatabase(object: TSESTree.ObjectExpression): boolean {
  const database = findProperty(object, 'database')?.value;
  return database !== undefined && database.type !== 'ObjectExpression';
}

export function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === 'SpreadElement');
}

/**
 * The statements a module runs when loaded: the program's, or those of the function CoffeeScript
 * wraps a whole file in (`(function() { var http; http = require('http'); … }).call(this);`).
 */
export function moduleStatements(program: TSESTree.Program): readonly TSESTree.ProgramStatement[] {
  const [only] = program.body;
  if (program.body.length !== 1 || only.type !== 'ExpressionStatement' || only.expression.type !== 'CallExpression') return program.body;
  const callee = unwrapExpression(only.expression.callee);
  const fn = callee.type === 'MemberExpression' && getMemberName(callee) === 'call' ? unwrapExpression(callee.object) : callee;
  return fn.type === 'FunctionExpression' && fn.params.length === 0 ? fn.body.body : program.body;
}

/** Skips wrappers that do not change a value: parentheses are already gone, these remain. */
export function unwrapExpression(node: Node): Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'ChainExpression'
  ) {
    current = current.expression;
  }
  return current;
}

/** `setting || 'default'`, `setting ?? 'default'`: the value used when the left side is missing; undefined for anything else. */
export function fallbackOf(node: Node): Node | undefined {
  return node.type === 'LogicalExpression' && node.operator !== '&&' ? node.right : undefined;
}

/** `null` or `undefined`, written as such: a value that leaves a setting unset. */
export function isNullish(value: Node): boolean {
  const node = unwrapExpression(value);
  return (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
}

/** Follows an identifier to the literal-ish initialiser of its `const`, one hop. */
export function resolveConst(source: SourceCode, node: Node): Node {
  const unwrapped = unwrapExpression(node);
  if (unwrapped.type !== 'Identifier') return unwrapped;
  const init = source.constInitializer(unwrapped, unwrapped.name);
  return init ? unwrapExpression(init) : unwrapped;
}

/**
 * Like `resolveConst`, but also follows a top-level `let` or `var` declared with a value, as older
 * code writes `var stream = fs.createWriteStream(…)`. Later reassignments are not tracked.
 */
export function resolveVariable(source: SourceCode, node: Node): Node {
  const resolved = resolveConst(source, node);
  if (resolved.type !== 'Identifier') return resolved;
  for (const statement of source.ast.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    const declarator = declaration.declarations.find((item) => item.id.type === 'Identifier' && item.id.name === resolved.name);
    if (declarator) return declarator.init ? unwrapExpression(declarator.init) : (onlyTopLevelAssignment(source, resolved.name) ?? resolved);
  }
  return onlyTopLevelAssignment(source, resolved.name) ?? resolved;
}

/**
 * `app.server` after `const app = { server: new Hapi.Server(options), db: null }`, `converterOptions.sofficeExecPath`
 * after `var converterOptions = { sofficeExecPath: 'soffice' }`: the value the literal gave the property.
 */
export function memberOfObjectLiteral(source: SourceCode, member: Node): Node | undefined {
  if (member.type !== 'MemberExpression' || member.computed || member.property.type !== 'Identifier') return undefined;
  const holder =
    member.object.type === 'Identifier' ? source.stableInitializer(member.object, member.object.name)
    : member.object.type === 'ThisExpression' ? objectOfMethod(member)
    : undefined;
  const literal = holder && unwrapExpression(holder);
  const value = literal?.type === 'ObjectExpression' ? findProperty(literal, member.property.name)?.value : undefined;
  return value && unwrapExpression(value);
}

/** The object literal `this` means in one of its methods (`{ gitBin: 'git', setup() { this.gitBin } }`); arrows keep the method's `this`. */
function objectOfMethod(node: Node): Node | undefined {
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (scope.type === 'ArrowFunctionExpression') continue;
    if (scope.type === 'FunctionExpression') return scope.parent?.type === 'Property' && scope.parent.value === scope ? scope.parent.parent : undefined;
    if (scope.type === 'FunctionDeclaration' || scope.type === 'ClassBody') return undefined;
  }
  return undefined;
}

/** `let server; server = http.createServer(app)`, or a global set without a declaration: the one value the module's top level gives it. */
function onlyTopLevelAssignment(source: SourceCode, name: string): Node | undefined {
  const values = source.ast.body.flatMap((statement) => {
    const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
    return expression?.type === 'AssignmentExpression' && expression.operator === '=' && expression.left.type === 'Identifier' && expression.left.name === name ? [expression.right] : [];
  });
  return values.length === 1 ? unwrapExpression(values[0]) : undefined;
}

/** The name a value is bound to: the variable, property or assignment target it is written into. */
export function getBindingName(node: Node): string | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'Property':
      return parent.value === node ? getPropertyName(parent.key) : undefined;
    case 'PropertyDefinition':
      return parent.value === node ? getPropertyName(parent.key) : undefined;
    case 'AssignmentExpression':
      if (parent.right !== node) return undefined;
      if (parent.left.type === 'Identifier') return parent.left.name;
      return parent.left.type === 'MemberExpression' ? getMemberName(parent.left) : undefined;
    case 'AssignmentPattern':
      return parent.right === node && parent.left.type === 'Identifier' ? parent.left.name : undefined;
    default:
      return undefined;
  }
}

/**
 * `resolveVariable` for variables the file never assigns again (`var port = normalizePort(…)`, as
 * express-generator writes it). A variable that is reassigned anywhere (`host = '0.0.0.0'` under a
 * condition) has no single value, so only a `const` is followed then.
 */
export function resolveValue(source: SourceCode, node: Node): Node {
  const unwrapped = unwrapExpression(node);
  if (unwrapped.type === 'Identifier' && isReassigned(source.ast, unwrapped.name)) return resolveConst(source, node);
  return resolveVariable(source, node);
}

/** Whether the program assigns or updates `name` anywhere (indexed in one walk: rules ask once per call they resolve). */
function isReassigned(program: TSESTree.Program, name: string): boolean {
  return assignmentsByName(program).has(name);
}

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/**
 * The assignments to a variable in the function it is used in (`store = new MemoryStore()` in an
 * `else`, `sessionOpts = { … }` after a hoisted `var`): what a local may hold besides its declaration.
 */
export function assignmentsInFunction(variable: TSESTree.Identifier): TSESTree.AssignmentExpression[] {
  const scope = enclosingFunction(variable);
  const assignments: TSESTree.AssignmentExpression[] = [];
  if (scope) walkSubtree(scope, (node) => {
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && node.left.name === variable.name) assignments.push(node);
    return true;
  });
  return assignments;
}

/** The nearest function around `node`. */
export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) if (isFunctionNode(parent)) return parent;
  return undefined;
}

/** The nearest class around `node`. */
export function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) if (parent.type === 'ClassDeclaration' || parent.type === 'ClassExpression') return parent;
  return undefined;
}

/** `DiskStorage.prototype.put = function () { … }`: a method of a class as ES5 code writes it, with the class's name. */
export function prototypeMethodOf(node: Node): [owner: string, method: string] | undefined {
  const assignment = node.parent;
  if (!isFunctionNode(node) || assignment?.type !== 'AssignmentExpression' || assignment.right !== node) return undefined;
  const path = getMemberPath(assignment.left);
  return path?.length === 3 && path[1] === 'prototype' ? [path[0], path[2]] : undefined;
}

/** The name of the class `node` is in, also when ES5 code writes its methods on the prototype (`CouchLogger.prototype.setFile = function …`). */
export function enclosingClassName(node: Node): string | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if ((parent.type === 'ClassDeclaration' || parent.type === 'ClassExpression') && parent.id) return parent.id.name;
    const method = prototypeMethodOf(parent);
    if (method) return method[0];
  }
  return undefined;
}

export function isFunctionNode(node: Node): node is FunctionNode {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration';
}

/**
 * The function a callback argument stands for: written inline, or named and declared in the same
 * file (a function declaration, or a `const` holding a function). Undefined when it comes from elsewhere.
 */
export function resolveFunction(source: SourceCode, argument: Node): FunctionNode | undefined {
  const value = unwrapExpression(argument);
  if (isFunctionNode(value)) return value;
  if (value.type !== 'Identifier') return undefined;
  const assigned = source.constInitializer(value, value.name);
  if (assigned && isFunctionNode(unwrapExpression(assigned))) return unwrapExpression(assigned) as FunctionNode;
  let declared: TSESTree.FunctionDeclaration | undefined;
  walkSubtree(source.ast, (node) => {
    if (node.type === 'FunctionDeclaration' && node.id?.name === value.name) declared = node;
    return declared === undefined;
  });
  return declared;
}

/** `node` lies inside `container` in the source (or is it). */
export function isWithin(node: Node, container: Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** What a function returns: its expression body, or the argument of each `return` outside the functions nested in it. */
export function returnedValues(fn: FunctionNode): Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const values: Node[] = [];
  walkSubtree(fn.body, (node) => {
    if (node.type === 'ReturnStatement' && node.argument) values.push(node.argument);
    return !isFunctionNode(node);
  });
  return values;
}

/** `await x` → `x`, with type wrappers removed: what a `const` holding an awaited call was made by. */
export function unwrapAwait(node: Node): Node {
  const value = unwrapExpression(node);
  return value.type === 'AwaitExpression' ? unwrapExpression(value.argument) : value;
}

/**
 * What `await import('x')` becomes when tsc compiles it to CommonJS for an older target:
 * `yield Promise.resolve().then(() => __importStar(require('x')))`. Returns the `__importStar(require('x'))`.
 */
export function unwrapCompiledImport(node: Node): Node {
  let value = unwrapExpression(node);
  if ((value.type === 'AwaitExpression' || value.type === 'YieldExpression') && value.argument) value = unwrapExpression(value.argument);
  const callee = value.type === 'CallExpression' ? value.callee : undefined;
  const resolved = callee?.type === 'MemberExpression' && getMemberName(callee) === 'then' && callee.object.type === 'CallExpression' ? callee.object : undefined;
  const callback = value.type === 'CallExpression' ? value.arguments[0] : undefined;
  if (!resolved || getMemberPath(resolved.callee)?.join('.') !== 'Promise.resolve' || callback?.type !== 'ArrowFunctionExpression' || callback.body.type === 'BlockStatement') return value;
  return unwrapExpression(callback.body);
}

/** An identifier that names a variable: not a property name (`a.b`, `{ b: 1 }`). */
export function isVariableReference(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'MemberExpression') return parent.object === identifier || parent.computed;
  if (parent?.type === 'Property') return parent.value === identifier;
  return true;
}

/** Whether an identifier called `name` appears anywhere in `node`. */
export function mentionsIdentifier(node: Node, name: string): boolean {
  return someInSubtree(node, (child) => child.type === 'Identifier' && child.name === name);
}

/** Inside an `if` of the function (or module) the node is in. */
export function insideIf(node: Node): boolean {
  for (let parent = node.parent; parent && (!isFunctionNode(parent) || isPromiseExecutor(parent)); parent = parent.parent) if (parent.type === 'IfStatement') return true;
  return false;
}

/** `new Promise(function (resolve) { … })`: the executor runs where it is written. */
function isPromiseExecutor(fn: Node): boolean {
  const parent = fn.parent;
  return parent?.type === 'NewExpression' && parent.arguments[0] === fn && parent.callee.type === 'Identifier' && parent.callee.name === 'Promise';
}
