/**
 * The deploy environment's name as code sees it: `process.env.NODE_ENV` (or APP_ENV,
 * NODE_CONFIG_ENV…), values derived from it (`const env = process.env.NODE_ENV || 'development'`,
 * `app.get('env')`, `isProduction`), and conditions that test it. Grouped environments (factor III)
 * and dev/prod parity (factor X) both start from these.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { declaredVariable, type SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { getCalleeProperty, getMemberName, getStaticString, unwrapExpression } from './ast';
import { getEnvReadName, isEnvObject } from './env';
import { projectPath } from './modules';

export type EnvironmentKind = 'production' | 'staging' | 'development' | 'test';

/** Variables that name the deploy environment rather than configure it. */
const ENVIRONMENT_VARIABLES = new Set([
  'NODE_ENV', 'APP_ENV', 'NODE_CONFIG_ENV', 'ENVIRONMENT', 'ENV', 'STAGE', 'APP_STAGE', 'DEPLOY_ENV', 'DEPLOYMENT_ENV', 'RUNTIME_ENV', 'APP_ENVIRONMENT', 'ENV_NAME',
]);

/** Names of variables and properties that hold the environment's name (`env`, `config.environment`). */
const NAME_HOLDER = /^(?:env|environment|nodeEnv|node_env|appEnv|app_env|envName|environmentName|currentEnv|currentEnvironment|NODE_ENV|APP_ENV|NODE_CONFIG_ENV)$/i;

/** `isProduction`, `IS_DEV`, `inProduction`, `isDevMode`, `__DEV__`, `devMode`, `options.devServer`: flags that say which environment runs. */
const FLAG = /^(?:_*(?:is|in)_?(prod|production|dev|develop|development|staging|stage|local|test|testing)(?:_?(?:env|environment|mode))?|__(dev|prod)__|(dev)_?(?:mode|server))$/i;

const ENVIRONMENT_NAMES: Readonly<Record<string, EnvironmentKind>> = {
  production: 'production', prod: 'production', live: 'production',
  staging: 'staging', stage: 'staging', preprod: 'staging', preproduction: 'staging', 'pre-production': 'staging', uat: 'staging', qa: 'staging',
  development: 'development', develop: 'development', dev: 'development', local: 'development',
  test: 'test', testing: 'test', ci: 'test', e2e: 'test',
};

/** `production` → production, `dev` → development, `uat` → staging; undefined for other words. */
export function environmentKindOf(name: string): EnvironmentKind | undefined {
  return Object.hasOwn(ENVIRONMENT_NAMES, name.toLowerCase()) ? ENVIRONMENT_NAMES[name.toLowerCase()] : undefined;
}

/** Folders whose files are config: `config/production.js`, `config/env/development.js`. */
const CONFIG_FOLDER = /^(?:config|configs|conf|settings|env|envs|environments?)$/i;
/** Named deploy environments, with variants (`development-docker`, `prod_eu`). `test` and `local` are not deploys. */
const DEPLOY_ENVIRONMENT = /^(?:production|prod|staging|stage|development|dev|qa|uat|preprod|preproduction)(?:[-_][a-z0-9]+)*$/i;
/** Test environments, with variants (`testing-mysql`). */
const TEST_ENVIRONMENT = /^(?:test|testing|e2e|ci)(?:[-_][a-z0-9]+)*$/i;
const CONFIG_EXTENSION = /\.(?:json5?|ya?ml|toml|[cm]?[jt]s)$/i;
/** Build tools split their own config by environment (`config/webpack/production.js`): not the app's config. */
const TOOL_FOLDER = /(?:^|\/)(?:webpack|rollup|vite|babel|jest|eslint|karma|storybook|gulp|grunt)\//i;

/** The deploy environment a config file is named after: `config/production.json`, `config.staging.json`, `config/env/development.js`. */
export function environmentOfConfigFile(root: string, path: string): string | undefined {
  const environment = configFileName(root, path);
  return environment !== undefined && DEPLOY_ENVIRONMENT.test(environment) ? environment : undefined;
}

/** The test environment a config file is named after: `config/test.json`, `config.testing-mysql.json`. */
export function testEnvironmentOfConfigFile(root: string, path: string): string | undefined {
  const environment = configFileName(root, path);
  return environment !== undefined && TEST_ENVIRONMENT.test(environment) ? environment : undefined;
}

/** What may be an environment's name in a config file's path: `config.<name>.json`, or a file of a config folder. */
function configFileName(root: string, path: string): string | undefined {
  const rel = projectPath(root, path);
  if (rel.startsWith('..') || TOOL_FOLDER.test(rel) || !CONFIG_EXTENSION.test(rel)) return undefined;
  const parts = rel.split('/');
  const stem = parts[parts.length - 1].replace(CONFIG_EXTENSION, '');
  // `config.production.json`, `config.development.docker.json`, `settings.development.js`.
  const dotted = /^(?:config|settings|conf)\.([\w-]+)(?:\.[\w-]+)*$/i.exec(stem);
  return dotted ? dotted[1] : CONFIG_FOLDER.test(parts[parts.length - 2] ?? '') ? stem : undefined;
}

/** True when the expression evaluates to the environment's name (`process.env.NODE_ENV || 'development'`). */
export function readsEnvironmentName(source: SourceCode, node: Node, depth = 2): boolean {
  const target = unwrapExpression(node);
  switch (target.type) {
    case 'MemberExpression': {
      if (isEnvObject(source, target)) return false;
      const envName = getEnvReadName(source, target);
      if (envName !== undefined) return ENVIRONMENT_VARIABLES.has(envName);
      return NAME_HOLDER.test(getMemberName(target) ?? '');
    }
    case 'Identifier': {
      const init = depth > 0 ? initializerOf(source, target) : undefined;
      if (init && isEnvObject(source, init)) return false;
      return NAME_HOLDER.test(target.name) || ENVIRONMENT_VARIABLES.has(target.name) || (init !== undefined && readsEnvironmentName(source, init, depth - 1));
    }
    case 'LogicalExpression':
      return readsEnvironmentName(source, target.left, depth) || readsEnvironmentName(source, target.right, depth);
    case 'CallExpression':
      return isExpressEnvSetting(target) || (isStringNormalisation(target) && readsEnvironmentName(source, (target.callee as TSESTree.MemberExpression).object, depth));
    default:
      return false;
  }
}

/** Express keeps NODE_ENV as the `env` setting: `app.get('env')`. */
function isExpressEnvSetting(call: TSESTree.CallExpression): boolean {
  return getCalleeProperty(call) === 'get' && call.callee.type === 'MemberExpression' && call.arguments.length === 1 && getStaticString(call.arguments[0]) === 'env';
}

function isStringNormalisation(call: TSESTree.CallExpression): boolean {
  return call.callee.type === 'MemberExpression' && /^(?:toLowerCase|toUpperCase|trim)$/.test(getCalleeProperty(call) ?? '');
}

/**
 * The environments a condition tests, when it tests the environment at all: `NODE_ENV !== 'production'`
 * gives {production}, `isDev` gives {development}, `process.env.NODE_ENV` alone gives {}. Undefined
 * when the condition is about something else.
 */
export function environmentCheckOf(source: SourceCode, test: Node, depth = 2): ReadonlySet<EnvironmentKind> | undefined {
  // Every node below a condition asks about it again (branch checks walk up from each call): answer once.
  let byDepth = checksByTest.get(test);
  if (!byDepth) checksByTest.set(test, (byDepth = new Map()));
  if (!byDepth.has(depth)) byDepth.set(depth, computeEnvironmentCheck(source, test, depth));
  return byDepth.get(depth);
}

const checksByTest = new WeakMap<Node, Map<number, ReadonlySet<EnvironmentKind> | undefined>>();

function computeEnvironmentCheck(source: SourceCode, test: Node, depth: number): ReadonlySet<EnvironmentKind> | undefined {
  const kinds = new Set<EnvironmentKind>();
  let found = false;
  walkSubtree(test, (node) => {
    if (isFunction(node)) return false;
    const checked = checkedEnvironments(source, node, depth);
    if (!checked) return true;
    found = true;
    checked.forEach((kind) => kinds.add(kind));
    return false;
  });
  return found ? kinds : undefined;
}

/** True when a condition tests the environment and is not only about tests (`NODE_ENV === 'test'`). */
export function isDeployEnvironmentCheck(source: SourceCode, test: Node): boolean {
  const kinds = environmentCheckOf(source, test);
  return kinds !== undefined && !isTestOnly(kinds);
}

export function isTestOnly(kinds: ReadonlySet<EnvironmentKind>): boolean {
  return kinds.size > 0 && [...kinds].every((kind) => kind === 'test');
}

/** What one node of a condition says about the environment; undefined when it says nothing. */
function checkedEnvironments(source: SourceCode, node: Node, depth: number): EnvironmentKind[] | undefined {
  const parent = node.parent;
  // `env.DEBUG`, `config.env.FLAG`: the holder is an object of settings here, not the environment's name;
  // and the `env` of `process.env.REDIS_URL` is a property name.
  if (parent?.type === 'MemberExpression' && (parent.object === node || (parent.property === node && !parent.computed))) return undefined;
  if (parent?.type === 'Property' && parent.key === node && !parent.computed) return undefined;
  if (node.type === 'BinaryExpression' && /^[!=]==?$/.test(node.operator)) return comparedEnvironments(source, node);
  if (node.type === 'CallExpression') {
    const listed = listedEnvironments(source, node);
    if (listed) return listed;
  }
  const flag = flagEnvironment(node);
  if (flag) return [flag];
  if (node.type === 'Identifier' && depth > 0) {
    const init = initializerOf(source, node);
    const kinds = init && !isFunction(init) ? environmentCheckOf(source, init, depth - 1) : undefined;
    if (kinds) return [...kinds];
  }
  if ((node.type === 'MemberExpression' || node.type === 'Identifier' || node.type === 'CallExpression') && readsEnvironmentName(source, node)) return [];
  return undefined;
}

/** `NODE_ENV === 'production'`, `'development' !== env`. */
function comparedEnvironments(source: SourceCode, node: TSESTree.BinaryExpression): EnvironmentKind[] | undefined {
  for (const [value, other] of [[node.right, node.left], [node.left, node.right]] as const) {
    const literal = getStaticString(value);
    if (literal === undefined || other.type === 'PrivateIdentifier' || !readsEnvironmentName(source, other)) continue;
    const kind = environmentKindOf(literal);
    return kind ? [kind] : [];
  }
  return undefined;
}

/** `['development', 'test'].includes(process.env.NODE_ENV)`. */
function listedEnvironments(source: SourceCode, call: TSESTree.CallExpression): EnvironmentKind[] | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || getMemberName(callee) !== 'includes' || callee.object.type !== 'ArrayExpression') return undefined;
  if (!call.arguments[0] || !readsEnvironmentName(source, call.arguments[0])) return undefined;
  return callee.object.elements.flatMap((element) => {
    const kind = element ? environmentKindOf(getStaticString(element) ?? '') : undefined;
    return kind ? [kind] : [];
  });
}

/** `isProduction`, `config.isDev`, `isDevelopment()`, `__DEV__`. */
function flagEnvironment(node: Node): EnvironmentKind | undefined {
  let name: string | undefined;
  if (node.type === 'Identifier') name = node.name;
  else if (node.type === 'MemberExpression') name = getMemberName(node);
  else if (node.type === 'CallExpression' && node.arguments.length === 0) name = getCalleeProperty(node);
  const match = name === undefined ? null : FLAG.exec(name);
  return match ? environmentKindOf(match[1] ?? match[2] ?? match[3]) : undefined;
}

/**
 * The initialiser of the variable an identifier names: a `const` in scope, or else the first
 * `let`/`var` declaration of that name in an enclosing block (older code writes `var env = …`).
 */
export function initializerOf(source: SourceCode, identifier: TSESTree.Identifier): Node | undefined {
  const constant = source.constInitializer(identifier, identifier.name);
  if (constant) return constant;
  for (let scope: Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (scope.type !== 'Program' && scope.type !== 'BlockStatement') continue;
    const declarator = declaredVariable(scope, identifier.name);
    if (declarator) return declarator.init && declarator.init !== identifier ? declarator.init : undefined;
  }
  return undefined;
}

function isFunction(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}
