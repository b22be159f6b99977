/**
 * Calls between named functions, within a file and across its relative imports, so a project rule
 * can follow what startup code runs: `await Database.patch()` in server.js reaches the
 * `knex.migrate.latest()` inside database.js. Names are matched without types (a method is found by
 * its name in the file its receiver was imported from), which is enough to follow the plain
 * `module.method()` and `this.method()` calls services wire their startup with.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, OffsetRange } from '../../engine/types';
import { enclosingFunction, getMemberName, getMemberPath, getPropertyName, type FunctionNode } from './ast';
import { bindingsByLocalName, visitRequireBinding, type ModuleBinding } from './imports';
import { resolveImport } from './modules';
import { ownValue } from './records';

/** A call by name: `start()`, `this.patch()`, `Database.patch()`, `(0, db_1.migrate)()`; or of a module required where it is called: `require('./models')()`. */
export interface CallSite {
  readonly range: OffsetRange;
  readonly name: string;
  readonly receiver?: string;
  readonly module?: string;
}

/** What one named function does that a rule cares about (`found`), and the calls it makes. */
export interface FunctionFacts<T> {
  readonly found: T[];
  readonly calls: CallSite[];
}

/** A file's part of the graph. Plain data: collected facts cross scan workers. */
export interface FileCallGraph<T> {
  readonly functions: Record<string, FunctionFacts<T>>;
  /** Local names bound to relative modules. */
  readonly modules: Record<string, ModuleBinding>;
  /** Classes declared at the top level, whose static methods are called through the class name. */
  readonly classes: readonly string[];
}

export interface FunctionRef {
  readonly file: string;
  readonly name: string;
}

/** Names of functions that start the app, or that frameworks call at startup (plugins' and providers' `register`). */
const BOOT_FUNCTION = /^(?:main|start|bootstrap|boot|init|initiali[sz]e|setup|launch|serve|run(?:Server|App)?|startServer|startApp|connect|onModuleInit|onApplicationBootstrap|register)(?:[A-Z_]\w*)?$/;

export function isBootFunctionName(name: string): boolean {
  return BOOT_FUNCTION.test(name);
}

/**
 * The name a function is declared or stored under: `function start()`, `const init = async () =>`, `onModuleInit() {}`,
 * and the name it is exported under when that is all it has: `exports.default = async () =>` (`default`), `module.exports = function ()`.
 */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const holder = fn.parent;
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') return holder.id.name;
  if ((holder?.type === 'MethodDefinition' || holder?.type === 'Property') && holder.value === fn) return getPropertyName(holder.key);
  if (holder?.type === 'AssignmentExpression' && holder.right === fn) return exportedName(getMemberPath(holder.left));
  return undefined;
}

/** `functionName`, or the property a function is assigned to when it is not an export: `PubSub.prototype.publish = function`. */
export function assignedFunctionName(fn: FunctionNode): string | undefined {
  return functionName(fn) ?? (fn.parent?.type === 'AssignmentExpression' ? getMemberPath(fn.parent.left)?.at(-1) : undefined);
}

/** The nearest function around `node` that has a name: `configureListeners`, `static createLiveQueryServer()`, `Server.prototype.start = function`. */
export function ownerFunctionName(node: Node): string | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const name = assignedFunctionName(fn);
    if (name) return name;
  }
  return undefined;
}

function exportedName(target: readonly string[] | undefined): string | undefined {
  return isExportsObject(target) ? MODULE_ITSELF : exportedProperty(target);
}

/** `exports.production`, `module.exports.staging`: the name a CommonJS module exports a value under. */
export function exportedProperty(target: readonly string[] | undefined): string | undefined {
  return target && isExportsObject(target.slice(0, -1)) ? target.at(-1) : undefined;
}

/** A function invoked where it is written (`(async () => …)()`), or handed to a call that `runsIt` says runs it then. */
export function runsWhereWritten(fn: Node, runsIt: (call: TSESTree.CallExpression | TSESTree.NewExpression) => boolean): boolean {
  const holder = fn.parent;
  return (holder?.type === 'CallExpression' || holder?.type === 'NewExpression') && (holder.callee === fn || runsIt(holder));
}

export function emptyCallGraph<T>(): FileCallGraph<T> {
  return { functions: {}, modules: {}, classes: [] };
}

/** The call as written: `this.installPackage()`, `start()`. */
export function callText(site: CallSite): string {
  if (site.module !== undefined) return `require('${site.module}')()`;
  return `${site.receiver ? `${site.receiver}.` : ''}${site.name}()`;
}

export function callSiteOf(call: TSESTree.CallExpression): CallSite | undefined {
  const module = requiredModule(call.callee);
  if (module !== undefined) return isRelative(module) ? { range: call.range, name: MODULE_ITSELF, module } : undefined;
  return siteAt(call.range, getMemberPath(call.callee) ?? instanceMethodPath(call.callee));
}

/** `require('./models')` as a callee: the module is the function it exports. */
function requiredModule(callee: TSESTree.Expression): string | undefined {
  if (callee.type !== 'CallExpression' || callee.callee.type !== 'Identifier' || callee.callee.name !== 'require') return undefined;
  const [specifier] = callee.arguments;
  return specifier?.type === 'Literal' && typeof specifier.value === 'string' ? specifier.value : undefined;
}

/** A function passed by name to be called back: `.then(migrate)`, `hook('afterSync').register(migrations.enable)`. */
export function referenceSiteOf(argument: TSESTree.CallExpressionArgument): CallSite | undefined {
  return siteAt(argument.range, getMemberPath(argument));
}

function siteAt(range: OffsetRange, path: readonly string[] | undefined): CallSite | undefined {
  if (path?.length === 1) return { range, name: path[0] };
  if (path?.length === 2) return { range, receiver: path[0], name: path[1] };
  return undefined;
}

/**
 * `new Migrator(db).apply()`, `new schemas_1.DefinedSchemas(options).execute()`: a method of an
 * instance built for the call, looked up by name where its class was declared or imported from.
 */
function instanceMethodPath(callee: TSESTree.Expression): string[] | undefined {
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'NewExpression') return undefined;
  const classPath = getMemberPath(callee.object.callee);
  const method = getMemberName(callee);
  return classPath && classPath.length <= 2 && classPath[0] !== 'this' && method !== undefined ? [classPath[0], method] : undefined;
}

/** Builds a file's graph while the rule visits it; `build` keeps only what can lead somewhere. */
export class CallGraphBuilder<T> {
  private readonly functions = new Map<string, FunctionFacts<T>>();
  private modules = new Map<string, ModuleBinding>();
  private classes: string[] = [];
  /** Exported name → local function, for `exports.enable = enableI18n` and `export { enableI18n as enable }`. */
  private readonly exportAliases = new Map<string, string>();

  readProgram(program: TSESTree.Program): void {
    this.modules = bindingsByLocalName(program, isRelative);
    this.classes = program.body.flatMap((statement) => {
      const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
      return declaration?.type === 'ClassDeclaration' && declaration.id ? [declaration.id.name] : [];
    });
    // `export { disableDraftAndPublish as disable }`, as bundlers end an ES module; `export default migrateDb`.
    for (const statement of program.body) {
      if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'Identifier') this.exportAliases.set(MODULE_ITSELF, statement.declaration.name);
      if (statement.type !== 'ExportNamedDeclaration' || statement.source) continue;
      for (const specifier of statement.specifiers) {
        const exported = getPropertyName(specifier.exported);
        if (exported && specifier.local.type === 'Identifier' && exported !== specifier.local.name) this.exportAliases.set(exported, specifier.local.name);
      }
    }
  }

  /** `const members = require('./services/members')` inside a function: a binding calls can go through too. */
  readDeclarator(declarator: TSESTree.VariableDeclarator): void {
    visitRequireBinding(declarator, isRelative, (local, module, exported) => {
      if (!this.modules.has(local)) this.modules.set(local, exported === undefined ? { module } : { module, exported });
    });
  }

  /**
   * `exports.enable = enableI18n`, `module.exports = { enable: enableI18n }`: other modules call the function by the exported name;
   * `module.exports = migrateDb`: they call the module itself.
   */
  readExport(assignment: TSESTree.AssignmentExpression): void {
    const target = getMemberPath(assignment.left);
    const { right } = assignment;
    if (!target) return;
    if (right.type === 'Identifier' && isExportsObject(target)) this.exportAliases.set(MODULE_ITSELF, right.name);
    else if (right.type === 'Identifier' && isExportsObject(target.slice(0, -1))) this.exportAliases.set(target[target.length - 1], right.name);
    else if (right.type === 'ObjectExpression' && isExportsObject(target)) {
      for (const property of right.properties) {
        const exported = property.type === 'Property' ? getPropertyName(property.key) : undefined;
        if (exported && property.type === 'Property' && property.value.type === 'Identifier') this.exportAliases.set(exported, property.value.name);
      }
    }
  }

  addFound(owner: string, item: T): void {
    this.functionNamed(owner).found.push(item);
  }

  addCall(owner: string, site: CallSite): void {
    this.functionNamed(owner).calls.push(site);
  }

  /** Whether a call can lead to a function of this file or of an imported one. */
  canResolve(site: CallSite): boolean {
    return site.module !== undefined || this.modules.has(site.receiver ?? site.name) || (isLocalReceiver(site.receiver, this.classes) && this.functions.has(site.name));
  }

  build(): FileCallGraph<T> {
    const functions: Record<string, FunctionFacts<T>> = {};
    for (const [name, facts] of this.functions) {
      const calls = facts.calls.filter((site) => this.canResolve(site));
      if (facts.found.length > 0 || calls.length > 0) functions[name] = { found: facts.found, calls };
    }
    for (const [exported, local] of this.exportAliases) {
      const facts = ownValue(functions, local);
      if (facts && !this.functions.has(exported)) functions[exported] = facts;
    }
    return { functions, modules: Object.fromEntries(this.modules), classes: this.classes };
  }

  private functionNamed(name: string): FunctionFacts<T> {
    let facts = this.functions.get(name);
    if (!facts) this.functions.set(name, (facts = { found: [], calls: [] }));
    return facts;
  }
}

/** What a module exports as a whole (`module.exports = fn`, `export default fn`) is known by the name ES modules give it. */
const MODULE_ITSELF = 'default';

function isRelative(module: string): boolean {
  return module.startsWith('.');
}

function isExportsObject(path: readonly string[] | undefined): boolean {
  return path?.join('.') === 'exports' || path?.join('.') === 'module.exports';
}

function isLocalReceiver(receiver: string | undefined, classes: readonly string[]): boolean {
  return receiver === undefined || receiver === 'this' || classes.includes(receiver);
}

type GraphOf<T> = (file: string) => FileCallGraph<T> | undefined;


/** The function a call in `file` reaches: one of the file's own, or one of a relatively imported module. */
export function resolveCall<T>(file: string, site: CallSite, graphOf: GraphOf<T>, paths: ReadonlySet<string>): FunctionRef | undefined {
  const here = graphOf(file);
  if (!here) return undefined;
  const binding = site.module !== undefined ? { module: site.module } : ownValue(here.modules, site.receiver ?? site.name);
  if (binding) {
    const target = resolveImport(file, binding.module, paths);
    // `const migrator = require('./migrator'); migrator(options)`: the module is the function it exports.
    const name = site.receiver === undefined ? binding.exported ?? MODULE_ITSELF : site.name;
    const targetGraph = target ? graphOf(target) : undefined;
    return target && name && targetGraph && ownValue(targetGraph.functions, name) ? { file: target, name } : undefined;
  }
  return isLocalReceiver(site.receiver, here.classes) && ownValue(here.functions, site.name) ? { file, name: site.name } : undefined;
}

/** What every function reached from `start` found, with the file it is in; each function is visited once. */
export function foundFrom<T>(start: FunctionRef, graphOf: GraphOf<T>, paths: ReadonlySet<string>): { file: string; item: T }[] {
  const seen = new Set<string>();
  const found: { file: string; item: T }[] = [];
  const queue = [start];
  for (let ref = queue.shift(); ref; ref = queue.shift()) {
    const key = refKey(ref);
    const graph = graphOf(ref.file);
    const facts = graph && ownValue(graph.functions, ref.name);
    if (seen.has(key) || !facts) continue;
    seen.add(key);
    found.push(...facts.found.map((item) => ({ file: ref!.file, item })));
    for (const site of facts.calls) {
      const next = resolveCall(ref.file, site, graphOf, paths);
      if (next) queue.push(next);
    }
  }
  return found;
}

/**
 * Calls that startup code (the functions of `file` named like `init` or `start`, and what they
 * call) makes to a function named like `entry` from which something was found: where startup hands
 * over to, say, the installer (`init()` → `checkForMissingPackages()` → `this.installPackage(…)`).
 */
export function bootCallsInto<T>(file: string, entry: RegExp, graphOf: GraphOf<T>, paths: ReadonlySet<string>, runsAtStart: (name: string) => boolean = isBootFunctionName): { file: string; site: CallSite }[] {
  const names = Object.keys(graphOf(file)?.functions ?? {}).filter(runsAtStart);
  const queue: FunctionRef[] = names.map((name) => ({ file, name }));
  const seen = new Set(queue.map(refKey));
  const handovers: { file: string; site: CallSite }[] = [];
  for (let ref = queue.shift(); ref; ref = queue.shift()) {
    for (const site of ownValue(graphOf(ref.file)!.functions, ref.name)!.calls) {
      const next = resolveCall(ref.file, site, graphOf, paths);
      if (!next) continue;
      if (entry.test(next.name)) {
        if (foundFrom(next, graphOf, paths).length > 0) handovers.push({ file: ref.file, site });
      } else if (!seen.has(refKey(next))) {
        seen.add(refKey(next));
        queue.push(next);
      }
    }
  }
  return handovers;
}

function refKey(ref: FunctionRef): string {
  return `${ref.file}\0${ref.name}`;
}
