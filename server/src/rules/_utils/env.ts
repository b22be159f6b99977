import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { identifiersByName, type SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { getCalleeName, getMemberName, getMemberPath, getPropertyName, getStaticString, insideIf, isVariableReference, resolveConst, unwrapAwait, unwrapExpression } from './ast';

/** `process.env`, with `process` the global, or `import.meta.env`. */
export function isEnvObject(source: SourceCode, node: Node): boolean {
  const target = unwrapExpression(node);
  if (target.type !== 'MemberExpression' || getMemberName(target) !== 'env') return false;
  const object = target.object;
  if (object.type === 'Identifier' && object.name === 'process') return source.isGlobal(object, 'process');
  return object.type === 'MetaProperty';
}

/** The variable name of `process.env.NAME` or `process.env['NAME']`. */
export function getEnvReadName(source: SourceCode, node: Node): string | undefined {
  const target = unwrapExpression(node);
  if (target.type !== 'MemberExpression' || !(isEnvObject(source, target.object) || isEnvObjectName(source, target.object))) return undefined;
  return getMemberName(target);
}

/** `envs` after `const envs = process.env` or `let envs = process.env`. */
function isEnvObjectName(source: SourceCode, node: Node): boolean {
  if (node.type !== 'Identifier') return false;
  const init = source.constInitializer(node, node.name);
  return init ? init !== node && isEnvObject(source, init) : isEnvAlias(source, node.name);
}

/** Helpers named for reading a variable: `getFileEnv(NAME)`, `readEnv('X')`, `env('PORT')`, `getEnvVar('X')`. */
const ENV_HELPER = /(?:^|\.)(?:get|read|load|from)?\w*env(?:ironment)?(?:Var(?:iable)?)?$/i;

/** Helpers that read a secret from the variable or from the file it names (Docker's `_FILE` convention): `await getSecret('CRYPTO_KEY')`. */
const SECRET_HELPER = /(?:^|\.)(?:get|read|load)Secret$/i;

/** The variable an env helper call reads: `getFileEnv(adminPassword)` with `const adminPassword = 'ADMIN_PASSWORD'`. */
export function getEnvHelperReadName(source: SourceCode, node: Node): string | undefined {
  const target = unwrapAwait(node);
  const callee = target.type === 'CallExpression' ? getCalleeName(target) ?? '' : '';
  const secretHelper = SECRET_HELPER.test(callee);
  if (target.type !== 'CallExpression' || !(ENV_HELPER.test(callee) || secretHelper) || !target.arguments[0]) return undefined;
  const name = getStaticString(resolveConst(source, target.arguments[0] as Node));
  // A secret helper may read a vault by any key; an environment variable's name is written in capitals.
  return name !== undefined && (secretHelper ? /^[A-Z][A-Z0-9_]*$/ : /^[A-Za-z_][A-Za-z0-9_]*$/).test(name) ? name : undefined;
}

const ENV_FUNCTION = /(?:^|\.)(?:get)?env(?:ironment)?(?:\.(?:get|str|string|int|num|number|bool|port|url|required))?$|^(?:envalid|env-var)\b/i;

/**
 * True when the expression reads the environment: `process.env.X`, a destructured env value,
 * or a call to an env helper (`env('PORT')`, `getEnv(...)`, `env.get(...)`).
 */
export function readsEnvironment(source: SourceCode, expression: Node): boolean {
  let found = false;
  walkSubtree(expression, (node) => {
    if (found) return false;
    if (isEnvObject(source, node)) found = true;
    else if ((node.type === 'CallExpression' || node.type === 'NewExpression') && ENV_FUNCTION.test(getCalleeName(node) ?? '')) found = true;
    else if (node.type === 'Identifier' && isBoundFromEnv(source, node)) found = true;
    return !found;
  });
  return found;
}

/** `const { PORT } = process.env` makes `PORT` an env read. */
function isBoundFromEnv(source: SourceCode, identifier: TSESTree.Identifier): boolean {
  if (isEnvObjectName(source, identifier)) return true;
  const init = source.constInitializer(identifier, identifier.name);
  if (!init) return false;
  const unwrapped = unwrapExpression(init);
  return unwrapped !== identifier && unwrapped.type === 'MemberExpression' && getEnvReadName(source, unwrapped) !== undefined;
}

/**
 * True when a literal only supplies the default of an environment lookup:
 * `process.env.PORT || 3000`, `process.env.X ?? 'x'`, `env.X ? env.X : 'x'`,
 * `const { PORT = 3000 } = process.env`, a convict schema entry with an `env` key, or an envalid validator's option.
 */
export function isEnvDefault(source: SourceCode, node: Node): boolean {
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'LogicalExpression':
        if (parent.right === child && readsEnvironment(source, parent.left)) return true;
        continue;
      case 'ConditionalExpression':
        if (parent.test !== child && readsEnvironment(source, parent.test)) return true;
        continue;
      case 'AssignmentPattern':
        return parent.right === child && isDestructuredFromEnv(source, parent);
      case 'Property':
        if (parent.value === child && ENVALID_OPTION.test(getPropertyName(parent.key) ?? '') && isEnvalidSpecEntry(parent.parent)) return true;
        if (parent.value === child && getPropertyName(parent.key) === 'default' && parent.parent.type === 'ObjectExpression') {
          return parent.parent.properties.some((sibling) => sibling.type === 'Property' && getPropertyName(sibling.key) === 'env');
        }
        return parent.value === child && isFieldReassignedFromEnvironment(source, parent);
      case 'CallExpression':
        return parent.arguments.includes(child as TSESTree.CallExpressionArgument) && ENV_FUNCTION.test(getCalleeName(parent) ?? '');
      case 'VariableDeclarator':
        if (parent.init !== child || parent.id.type !== 'Identifier') return false;
        return parent.parent.kind === 'const' ? isOnlyEnvFallback(source, parent.id) : isReassignedFromEnvironment(source, parent.id.name);
      case 'PropertyDefinition':
        return parent.value === child && parent.decorators.some((decorator) => ENV_DECORATOR.test(source.getText(decorator.expression)));
      case 'AssignmentExpression':
        return parent.right === child && (isEnvDecoratedField(source, parent.left) || isBranchDefaultOfEnvironmentSetting(source, parent));
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TemplateLiteral':
      case 'BinaryExpression':
        continue;
      default:
        return false;
    }
  }
  return false;
}

/** What envalid's validators take besides the variable's value: defaults (one for development only) and documentation. */
const ENVALID_OPTION = /^(?:default|devDefault|example|desc|docs)$/;

/** `{ devDefault: 'mongodb://localhost/app' }` in `cleanEnv(process.env, { MONGO_URL: str({ … }) })`: the options of one variable. */
function isEnvalidSpecEntry(options: Node): boolean {
  const validator = options.parent;
  const entry = validator?.parent;
  const spec = entry?.parent;
  const clean = spec?.parent;
  return validator?.type === 'CallExpression' && entry?.type === 'Property' && entry.value === validator && clean?.type === 'CallExpression' && /(?:^|\.)cleanEnv$/.test(getCalleeName(clean) ?? '');
}

/**
 * `let envs = process.env;` whose every later assignment is the environment again
 * (`envs = Object.assign(process.env, overrides)`): a name for process.env.
 */
function isEnvAlias(source: SourceCode, name: string): boolean {
  let aliases = envAliases.get(source);
  if (!aliases) envAliases.set(source, (aliases = findEnvAliases(source.text)));
  return aliases.has(name);
}

const envAliases = new WeakMap<SourceCode, ReadonlySet<string>>();

function findEnvAliases(text: string): ReadonlySet<string> {
  const declared = [...text.matchAll(/\b(?:let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*process\.env\s*[;\n]/g)].map((match) => match[1]);
  return new Set(
    declared.filter((name) => {
      const assignments = text.matchAll(new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\s*=(?!=)([^;\\n]*)`, 'g'));
      return [...assignments].every((match) => /process\.env\b/.test(match[1]));
    }),
  );
}

/** `@Env('N8N_RUNNERS_TASK_BROKER_URI')`: a config class field the named variable overrides (n8n's `@n8n/config`, and its like). */
const ENV_DECORATOR = /^(?:\(0,\s*)?(?:[\w$]+\.)?Env\)?\s*\(\s*['"`][A-Za-z_][A-Za-z0-9_]*['"`]/;

/**
 * `this.taskBrokerUri = 'http://127.0.0.1:5679'` in the constructor of a compiled config class whose
 * `__decorate([(0, config_1.Env)('N8N_RUNNERS_TASK_BROKER_URI')], BaseRunnerConfig.prototype, "taskBrokerUri")`
 * lets the environment override the field.
 */
function isEnvDecoratedField(source: SourceCode, target: Node): boolean {
  if (target.type !== 'MemberExpression' || target.object.type !== 'ThisExpression') return false;
  const field = getMemberName(target);
  if (!field || !source.text.includes('__decorate')) return false;
  const escaped = field.replace(/\$/g, '\\$');
  return new RegExp(`Env\\)?\\(\\s*['"][A-Za-z_][A-Za-z0-9_]*['"]\\s*\\)[^\\]]*\\],\\s*[\\w$]+\\.prototype,\\s*["']${escaped}["']`).test(source.text);
}

/**
 * `if (process.env.WEB_APP_URL) webAppUrl = new URL(process.env.WEB_APP_URL); else if (separate) webAppUrl = 'http://localhost:3001'`:
 * a value given in a branch to a variable the environment sets on another.
 */
function isBranchDefaultOfEnvironmentSetting(source: SourceCode, assignment: TSESTree.AssignmentExpression): boolean {
  const target = getMemberPath(assignment.left)?.join('.');
  return target !== undefined && insideIf(assignment) && isReassignedFromEnvironment(source, target);
}

/** `const httpOptions = { port: 3000 }; … httpOptions.port = parseInt(process.env.PORT)`: a field the environment overrides later. */
function isFieldReassignedFromEnvironment(source: SourceCode, property: TSESTree.Property): boolean {
  const key = getPropertyName(property.key);
  const declarator = property.parent.type === 'ObjectExpression' ? property.parent.parent : undefined;
  if (key === undefined || declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return false;
  // Most string fields are never assigned again: a plain search of the lines that assign from the environment spares building a pattern for each.
  const field = `${declarator.id.name}.${key}`;
  return environmentAssignmentLines(source).includes(field) && isReassignedFromEnvironment(source, field);
}

/** `const defaultBase = 'mongodb://localhost'` read only as `process.env.MONGO ? … : defaultBase`: a default the environment overrides wherever it is used. */
function isOnlyEnvFallback(source: SourceCode, declared: TSESTree.Identifier): boolean {
  const uses = (identifiersByName(source.ast).get(declared.name) ?? []).filter((node) => node !== declared && isVariableReference(node));
  return uses.length > 0 && uses.every((use) => isEnvDefault(source, use));
}

/** `let baseURL = 'http://localhost:9876'; if (process.env.ADMIN_URL) baseURL = process.env.ADMIN_URL;` */
function isReassignedFromEnvironment(source: SourceCode, name: string): boolean {
  const escaped = name.replace(/[$.]/g, '\\$&');
  return new RegExp(`(?:^|[^\\w$.])${escaped}\\s*=(?!=)[^;\\n]*process\\.env\\b`).test(environmentAssignmentLines(source));
}

/** The lines of a file that assign something read from `process.env`: a name's reassignment is looked for there, not in the whole text. */
function environmentAssignmentLines(source: SourceCode): string {
  let lines = environmentAssignments.get(source);
  if (lines === undefined) {
    lines = source.text.split('\n').filter((line) => ENVIRONMENT_ASSIGNMENT.test(line)).join('\n');
    environmentAssignments.set(source, lines);
  }
  return lines;
}

const ENVIRONMENT_ASSIGNMENT = /=(?!=)[^;]*process\.env\b/;
const environmentAssignments = new WeakMap<SourceCode, string>();

function isDestructuredFromEnv(source: SourceCode, pattern: TSESTree.AssignmentPattern): boolean {
  const objectPattern = pattern.parent?.parent;
  const declarator = objectPattern?.parent;
  return objectPattern?.type === 'ObjectPattern' && declarator?.type === 'VariableDeclarator' && declarator.init !== null && isEnvObject(source, declarator.init);
}

/** `someName` / `some-name` / `someName2` as `SOME_NAME`. */
export function toEnvName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}
