/**
 * Bundlers run in-process: `rollup()`, `webpack(config)`, esbuild's and vite's `build()`, grunt's `tasks()`. Only the
 * functions that produce a build count; watch modes and dev servers (`createServer`, `context`,
 * `watch`) serve development.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { getMemberName, resolveConst, unwrapExpression } from './ast';
import { calledExport, loadedSpecifier, modulesByLocalName, type ModuleBinding } from './imports';
import { ownValue } from './records';

interface BundlerApi {
  /** The module itself is the build function: `webpack(config)`, `new Parcel(options)`. */
  readonly callable: boolean;
  /** Named exports that build. */
  readonly builds: ReadonlySet<string>;
}

const BUNDLERS: Readonly<Record<string, BundlerApi>> = {
  rollup: { callable: false, builds: new Set(['rollup']) },
  rolldown: { callable: false, builds: new Set(['rolldown', 'build']) },
  webpack: { callable: true, builds: new Set(['webpack']) },
  '@rspack/core': { callable: true, builds: new Set(['rspack']) },
  esbuild: { callable: false, builds: new Set(['build', 'buildSync']) },
  vite: { callable: false, builds: new Set(['build']) },
  '@parcel/core': { callable: true, builds: new Set(['Parcel']) },
  browserify: { callable: false, builds: new Set() },
  // Task runners driven from code: `grunt.tasks(['jade', 'uglify'], {}, done)`, gulp 3's `gulp.start('build')`.
  grunt: { callable: false, builds: new Set(['tasks']) },
  gulp: { callable: false, builds: new Set(['start']) },
};

/** Bundlers that build when an instance is asked for its output: `b = browserify(entry); b.bundle(done)`. */
const INSTANCE_BUILDS: Readonly<Record<string, string>> = { browserify: 'bundle' };

/**
 * Middleware that compiles stylesheets or scripts when they are requested, each with the export
 * that makes it (`undefined`: the module itself). Only their middleware: a one-off render call
 * may well be a build script's.
 */
const COMPILING_MIDDLEWARE: Readonly<Record<string, string | undefined>> = {
  'less-middleware': undefined,
  'express-less': undefined,
  'node-sass-middleware': undefined,
  'sass-middleware': undefined,
  'postcss-middleware': undefined,
  'browserify-middleware': undefined,
  stylus: 'middleware',
  'node-sass': 'middleware',
};

/** Middleware that rebuilds on every change: a file that loads one is a development server. */
const DEV_SERVER_MODULES = new Set(['webpack-dev-middleware', 'webpack-hot-middleware', 'webpack-dev-server', 'koa-webpack']);

export function isBundlerModule(specifier: string): boolean {
  return ownValue(BUNDLERS, specifier) !== undefined;
}

/** The packages of compiling middleware, for a rule's text trigger. */
export const COMPILING_MIDDLEWARE_MODULES: readonly string[] = Object.keys(COMPILING_MIDDLEWARE);

/**
 * The bundler whose instance a call asks to build: `b.bundle(done)` on a variable of the module's
 * (browserify must be loaded by the module for it to count), not on another module (`disc.bundle`).
 */
export function instanceBundlerOfCall(source: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression') return undefined;
  const object = unwrapExpression(callee.object);
  if (object.type !== 'Identifier' || modulesByLocalName(source.ast).has(object.name)) return undefined;
  const method = getMemberName(callee);
  return Object.keys(INSTANCE_BUILDS).find((bundler) => INSTANCE_BUILDS[bundler] === method);
}

/**
 * The package of compiling middleware a call makes: `less(dir)` with `less = require('less-middleware')`,
 * `require('less-middleware')(dir)`, `stylus.middleware(options)`, or `sassMiddleware(options)`
 * after `var sassMiddleware = safeRequire('node-sass-middleware')` in the same function.
 */
export function compilingMiddlewareOfCall(source: SourceCode, call: TSESTree.CallExpression): string | undefined {
  let target = unwrapExpression(call.callee);
  let exported: string | undefined;
  if (target.type === 'MemberExpression') [exported, target] = [getMemberName(target), unwrapExpression(target.object)];
  if (target.type === 'Identifier') {
    const module = modulesByLocalName(source.ast).get(target.name);
    if (module !== undefined) return middlewareOf(module, exported);
    const init = source.stableInitializer(target, target.name);
    target = init ? unwrapExpression(init) : target;
  }
  // `var stylusMiddleware = safeRequire('stylus', 'stylus').middleware`
  if (target.type === 'MemberExpression' && exported === undefined) [exported, target] = [getMemberName(target), unwrapExpression(target.object)];
  const module = loadedSpecifier(target);
  return module === undefined ? undefined : middlewareOf(module, exported);
}

function middlewareOf(module: string, exported: string | undefined): string | undefined {
  return Object.hasOwn(COMPILING_MIDDLEWARE, module) && COMPILING_MIDDLEWARE[module] === exported ? module : undefined;
}

export function isDevServerModule(specifier: string): boolean {
  return DEV_SERVER_MODULES.has(specifier);
}

/**
 * The bundler a call builds with: its callee is a bundler's build function, or a choice between
 * them (`(useRolldown ? rolldown : rollup)(options)`, where the first one named is returned).
 */
export function bundlerOfCall(source: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, bindings: ReadonlyMap<string, ModuleBinding>): string | undefined {
  for (const callee of choices(source, call.callee)) {
    const called = calledExport(callee, bindings);
    const api = called && ownValue(BUNDLERS, called.module);
    if (api && (called!.exported === undefined ? api.callable : api.builds.has(called!.exported))) return called!.module;
  }
  return undefined;
}

/** The functions a callee may be: both branches of `(useRolldown ? rolldown : rollup)`, also when a `const` holds the choice. */
function choices(source: SourceCode, node: Node, followConst = true): Node[] {
  const value = unwrapExpression(node);
  if (value.type === 'ConditionalExpression') return [...choices(source, value.consequent, false), ...choices(source, value.alternate, false)];
  if (value.type === 'LogicalExpression') return [...choices(source, value.left, false), ...choices(source, value.right, false)];
  const held = followConst && value.type === 'Identifier' ? resolveConst(source, value) : value;
  return held.type === 'ConditionalExpression' || held.type === 'LogicalExpression' ? choices(source, held, false) : [value];
}
