/**
 * Factor III: in production, config is what the platform puts in the environment. dotenv (and
 * Node's `process.loadEnvFile`) is a development convenience: loaded unconditionally, a `.env` file that slips into an image or a
 * server quietly fills in whatever the deploy did not set, and nobody can tell from the deploy's
 * settings where a value came from. Loading it only outside production keeps the two apart.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext, type FixSpec } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { findProperty, getMemberName, getMemberPath, getStaticString, unwrapExpression } from '../_utils/ast';
import { inDevelopmentOnlyBranch } from '../_utils/branches';
import { readsEnvironment } from '../_utils/env';
import { isDeployEnvironmentCheck } from '../_utils/environment';
import { findModuleBindings, type ModuleBindings } from '../_utils/imports';
import { isBrowserFile, isDevOnlyFile, isToolingConfigFile } from '../_utils/sourceRoles';

type MessageId = 'unconditionalDotenv';

/** Loaders of `.env` files. dotenvx is left out: its encrypted files are made for production. */
const DOTENV_MODULES = new Set(['dotenv', 'dotenv-safe', 'dotenv-flow', 'dotenv-extended']);
/** Modules whose import alone loads `.env`. */
const PRELOAD_MODULE = /^(?:dotenv|dotenv-safe|dotenv-flow|dotenv-extended)\/config(?:\.js)?$/;
const LOAD_METHODS = new Set(['config', 'load']);

export default defineRule<MessageId>({
  id: 'config/no-unconditional-dotenv',
  severity: 'info',
  description: 'A .env file loaded on every start (dotenv, process.loadEnvFile), production included, instead of only in development.',
  hasSuggestions: true,
  triggers: /dotenv|loadEnvFile/,
  messages: {
    unconditionalDotenv:
      'A .env file is loaded on every start, production included. One that reaches a server or an image then silently supplies config the deploy did not set. Load it only outside production, or preload it in the development script (`node -r dotenv/config`, `node --env-file=.env`).',
  },
  create(context) {
    if (!isProductionFile(context)) return {};
    let dotenv: ModuleBindings | undefined;
    return {
      Program: (node) => {
        dotenv = findModuleBindings(node as TSESTree.Program, (module) => DOTENV_MODULES.has(module));
      },
      ImportDeclaration: (node) => {
        const declaration = node as TSESTree.ImportDeclaration;
        if (PRELOAD_MODULE.test(declaration.source.value)) reportLoad(context, declaration, false);
      },
      ImportExpression: (node) => {
        if (PRELOAD_MODULE.test(getStaticString((node as TSESTree.ImportExpression).source) ?? '')) reportLoad(context, node, true);
      },
      CallExpression: (node) => {
        const call = node as TSESTree.CallExpression;
        if (isPreloadRequire(call) || isInlineLoadCall(call)) reportLoad(context, call, true);
        else if (isLoadCall(call, dotenv!) || isNodeEnvFileLoad(context.source, call)) reportLoad(context, call, false);
      },
    };
  },
});

function isProductionFile({ source, project }: FileRuleContext<MessageId>): boolean {
  return !isDevOnlyFile(project, source.path) && !isBrowserFile(project.root, source.path, source.text) && !isToolingConfigFile(project.root, source.path);
}

/** `require('dotenv/config')`. */
function isPreloadRequire(call: TSESTree.CallExpression): boolean {
  return isRequire(call) && PRELOAD_MODULE.test(getStaticString(call.arguments[0]) ?? '');
}

/** `dotenv.config()`, `config()` imported from dotenv. */
function isLoadCall(call: TSESTree.CallExpression, dotenv: ModuleBindings): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'Identifier') return LOAD_METHODS.has(dotenv.named.get(callee.name) ?? '');
  if (callee.type !== 'MemberExpression' || !LOAD_METHODS.has(getMemberName(callee) ?? '')) return false;
  const object = unwrapExpression(callee.object);
  return object.type === 'Identifier' && dotenv.namespaces.has(object.name);
}

/** `require('dotenv').config()`: the module is loaded by the call itself. */
function isInlineLoadCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression' || !LOAD_METHODS.has(getMemberName(callee) ?? '')) return false;
  const object = unwrapExpression(callee.object);
  return object.type === 'CallExpression' && isRequire(object) && DOTENV_MODULES.has(getStaticString(object.arguments[0]) ?? '');
}

/** Node's own loader, `process.loadEnvFile()` (Node 20.12+). */
function isNodeEnvFileLoad(source: SourceCode, call: TSESTree.CallExpression): boolean {
  const path = getMemberPath(call.callee);
  return path?.length === 2 && path[0] === 'process' && path[1] === 'loadEnvFile' && source.isGlobal(call.callee, 'process');
}

function isRequire(call: TSESTree.CallExpression): boolean {
  return call.callee.type === 'Identifier' && call.callee.name === 'require' && call.arguments.length === 1;
}

/** `loadsModule`: the call loads dotenv itself, so a `try` around it may be coping with dotenv being absent. */
function reportLoad(context: FileRuleContext<MessageId>, node: Node, loadsModule: boolean): void {
  if (isGuarded(context.source, node, loadsModule) || isPathFromEnvironment(context.source, node)) return;
  const guard = guardSuggestion(context.source, node);
  context.report({ at: node, messageId: 'unconditionalDotenv', suggest: guard ? [guard] : undefined });
}

/**
 * Inside a branch that tests the environment (`if (process.env.NODE_ENV !== 'production')`,
 * `isDev && …`), or a `try` whose `catch` copes with dotenv being absent (a devDependency). A `try`
 * around `process.loadEnvFile()` or an imported dotenv only copes with a missing file: no guard.
 */
function isGuarded(source: SourceCode, node: Node, loadsModule: boolean): boolean {
  // `if (process.env.APP_ENV === 'test') dotenv.config({ path: '.env.test' })`: a test run's file, never production's.
  if (inDevelopmentOnlyBranch(source, node)) return true;
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test !== child && isDeployEnvironmentCheck(source, parent.test)) return true;
    if (parent.type === 'LogicalExpression' && parent.right === child && isDeployEnvironmentCheck(source, parent.left)) return true;
    if (loadsModule && parent.type === 'TryStatement' && parent.block === child && parent.handler) return true;
  }
  return false;
}

/** `dotenv.config({ path: process.env.ENV_PATH })`: the deploy chooses the file, or none. */
function isPathFromEnvironment(source: SourceCode, node: Node): boolean {
  const options = node.type === 'CallExpression' && node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
  const path = options?.type === 'ObjectExpression' ? findProperty(options, 'path') : undefined;
  return path !== undefined && readsEnvironment(source, path.value as Node);
}

/** Wraps a statement-level `require('dotenv').config()` in a NODE_ENV check; imports cannot be wrapped. */
function guardSuggestion(source: SourceCode, node: Node): FixSpec | undefined {
  const statement = node.parent;
  if (node.type !== 'CallExpression' || statement?.type !== 'ExpressionStatement') return undefined;
  return {
    title: "Load the .env file only when NODE_ENV is not 'production'",
    changes: [{ type: 'replace', range: statement.range, text: `if (process.env.NODE_ENV !== 'production') ${source.getText(statement)}` }],
  };
}
