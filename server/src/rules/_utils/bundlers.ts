/**
 * Bundlers run in-process: `rollup()`, `webpack(config)`, esbuild's and vite's `build()`. Only the
 * functions that produce a build count; watch modes and dev servers (`createServer`, `context`,
 * `watch`) serve development.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../engine/types';
import { unwrapExpression } from './ast';
import { calledExport, type ModuleBinding } from './imports';
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
};

/** Middleware that rebuilds on every change: a file that loads one is a development server. */
const DEV_SERVER_MODULES = new Set(['webpack-dev-middleware', 'webpack-hot-middleware', 'webpack-dev-server', 'koa-webpack']);

export function isBundlerModule(specifier: string): boolean {
  return ownValue(BUNDLERS, specifier) !== undefined;
}

export function isDevServerModule(specifier: string): boolean {
  return DEV_SERVER_MODULES.has(specifier);
}

/**
 * The bundler a call builds with: its callee is a bundler's build function, or a choice between
 * them (`(useRolldown ? rolldown : rollup)(options)`, where the first one named is returned).
 */
export function bundlerOfCall(call: TSESTree.CallExpression | TSESTree.NewExpression, bindings: ReadonlyMap<string, ModuleBinding>): string | undefined {
  for (const callee of choices(call.callee)) {
    const called = calledExport(callee, bindings);
    const api = called && ownValue(BUNDLERS, called.module);
    if (api && (called!.exported === undefined ? api.callable : api.builds.has(called!.exported))) return called!.module;
  }
  return undefined;
}

function choices(node: Node): Node[] {
  const value = unwrapExpression(node);
  if (value.type === 'ConditionalExpression') return [...choices(value.consequent), ...choices(value.alternate)];
  if (value.type === 'LogicalExpression') return [...choices(value.left), ...choices(value.right)];
  return [value];
}
