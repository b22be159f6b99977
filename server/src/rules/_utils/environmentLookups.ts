/**
 * Code that picks config by the environment's name: a file path built from it
 * (`'config.' + env + '.json'`) or a section of an environment map (`require('./knexfile')[env]`).
 * Each lookup keeps the path it names, so that rules can find the files it may load.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import type { Visitors } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { getCalleeName, getMemberPath, getPropertyName, getStaticString, unwrapExpression } from './ast';
import { environmentKindOf, initializerOf, readsEnvironmentName } from './environment';
import { escapeRegExp } from './strings';

/** Folders whose files are config: `config/index.js` may load its siblings by name. */
const CONFIG_FOLDER = /^(?:config|configs|conf|settings|env|envs|environments?)$/i;
/** Static path text that names a config file or folder. */
const CONFIG_PATH = /(?:^|[/\\._-])(?:config|configs|conf|settings|environments?|envs?)(?:$|[/\\._-])|\.(?:json5?|ya?ml|toml|ini)$/i;
/**
 * Not the app's config files: per-environment dotenv files (`.env.${NODE_ENV}`, a separate matter),
 * build tools' own config (`webpack.config.${env}.js`) and URLs.
 */
const OTHER_PATH = /(?:^|[/\\])\.env(?:$|[./\\])|\.env$|webpack|rollup|vite|babel|jest|eslint|karma|gulp|grunt|tsconfig|storybook|:\/\//i;
/** Text that may name the environment. */
const ENVIRONMENT_NAME_TEXT =
  /process\.env\.(?:NODE_ENV|APP_ENV|NODE_CONFIG_ENV|ENVIRONMENT|ENV|STAGE|DEPLOY_ENV)\b|\b(?:env|environment|nodeEnv|appEnv|envName|NODE_ENV|APP_ENV)\b(?!\s*[.(:])|get\(\s*['"]env['"]\s*\)/;
/** Where the environment's name goes in a path's text. */
const ENVIRONMENT_HOLE = '\0';
/** Where a part the code computes goes (`baseConfigPath`): what comes before it is unknown. */
const UNKNOWN_HOLE = '\u0001';
const MODULE_EXTENSION = /\.(?:[cm]?[jt]s|json5?|ya?ml)$/;

/** A path whose static parts are known and whose `*` stands for the environment's name (`env/config.*.json`). */
export interface PathPattern {
  /** The static text after the last computed part, with ENVIRONMENT_HOLE for the name. */
  readonly tail: string;
}

/** A map of environments picked by name: written here, or in a module of the app. */
export type EnvironmentMapSource = { readonly object: TSESTree.ObjectExpression } | { readonly module: PathPattern | undefined };

/** A prefilter: text that may name the environment. */
export function mayLookUpEnvironment(text: string): boolean {
  return ENVIRONMENT_NAME_TEXT.test(text);
}

/** What to do with each lookup by the environment's name a file makes. */
export interface EnvironmentLookupListeners {
  /** A config file path built from the name (`'config.' + env + '.json'`). */
  file(node: Node, pattern: PathPattern): void;
  /** A section of an environment map picked by the name (`require('./knexfile')[env]`). */
  section(member: TSESTree.MemberExpression, from: EnvironmentMapSource): void;
}

/** Visitors that find a file's lookups by the environment's name, each path judged whole. */
export function environmentLookupVisitors(source: SourceCode, listeners: EnvironmentLookupListeners): Visitors {
  const checkPath = (node: Node) => {
    const pattern = isOutermostPath(node) ? environmentFileLookup(source, node) : undefined;
    if (pattern) listeners.file(node, pattern);
  };
  return {
    TemplateLiteral: checkPath,
    BinaryExpression: checkPath,
    CallExpression: checkPath,
    MemberExpression: (node) => {
      const member = node as TSESTree.MemberExpression;
      const from = member.computed && readsEnvironmentName(source, member.property) ? environmentMapSource(source, member.object) : undefined;
      if (from) listeners.section(member, from);
    },
  };
}

/** True for a path builder that is not part of a larger one: nested templates are judged once, whole. */
function isOutermostPath(node: Node): boolean {
  if (!isPathBuilder(node)) return false;
  const parent = node.parent;
  if (!parent) return true;
  if (parent.type === 'TemplateLiteral' || (parent.type === 'BinaryExpression' && parent.operator === '+')) return false;
  return !(parent.type === 'CallExpression' && isPathJoin(parent));
}

function isPathBuilder(node: Node): boolean {
  if (node.type === 'TemplateLiteral') return node.expressions.length > 0;
  if (node.type === 'BinaryExpression') return node.operator === '+';
  return node.type === 'CallExpression' && isPathJoin(node);
}

function isPathJoin(call: TSESTree.CallExpression): boolean {
  // `path.join`, and the compiled bindings of `path`: `path_1.join`, `_path.default.join`, `path__default.default.resolve`.
  return /^(?:[\w$]*path[\w$]*\.)?(?:join|resolve)$/i.test(getCalleeName(call) ?? '');
}

/**
 * The config file a path builder picks by the environment's name, when it does: static text that
 * names a config file or folder around a dynamic part that is the environment's name. In a
 * config folder, `require('./' + env)` needs no config word.
 */
export function environmentFileLookup(source: SourceCode, node: Node): PathPattern | undefined {
  const text = pathText(source, node);
  if (!text.includes(ENVIRONMENT_HOLE) || isLogged(node)) return undefined;
  const plain = text.replace(/[\0\u0001]/g, '');
  if (OTHER_PATH.test(plain)) return undefined;
  const inConfigFolder = CONFIG_FOLDER.test(source.path.split(/[/\\]/).at(-2) ?? '');
  const chosen = CONFIG_PATH.test(plain) || (inConfigFolder && isModuleLoad(node.parent) && /^\.\.?\//.test(plain));
  return chosen ? patternOf(text) : undefined;
}

function patternOf(text: string): PathPattern {
  return { tail: text.slice(text.lastIndexOf(UNKNOWN_HOLE) + 1) };
}

/** The path's text, with holes for the environment's name and for parts computed elsewhere. */
function pathText(source: SourceCode, node: Node): string {
  const value = getStaticString(node);
  if (value !== undefined) return value;
  if (node.type === 'TemplateLiteral') {
    return node.quasis.map((quasi, index) => (quasi.value.cooked ?? '') + (index < node.expressions.length ? pathText(source, node.expressions[index]) : '')).join('');
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') return pathText(source, node.left) + pathText(source, node.right as Node);
  if (node.type === 'CallExpression' && isPathJoin(node)) return node.arguments.map((argument) => pathText(source, argument)).join('/');
  if (readsEnvironmentName(source, node)) return ENVIRONMENT_HOLE;
  // `Constants.FILEPATH.CONFIG_DIR`, `configDir`: a folder computed elsewhere, named for config.
  return CONFIG_FOLDER_SETTING.test(getMemberPath(node)?.at(-1) ?? '') ? `${UNKNOWN_HOLE}config` : UNKNOWN_HOLE;
}

const CONFIG_FOLDER_SETTING = /^(?:config|conf|settings)[_-]?(?:dir|directory|folder|path|root)$/i;

/**
 * Whether a file may be the one a pattern names: its path ends with the pattern's static text,
 * the name standing for one path segment part (`config.production.json` for `config.*.json`).
 */
export function environmentNameFromPath(pattern: PathPattern, path: string): string | undefined {
  const tail = pattern.tail.replace(/^(?:\.{1,2}\/|\/)+/, '');
  if (!tail) return undefined;
  const expression = tail
    .split(ENVIRONMENT_HOLE)
    .map(escapeRegExp)
    .join('([\\w-]+)');
  const extension = MODULE_EXTENSION.test(tail) ? '' : '(?:\\.[\\w]+|/index\\.[\\w]+)?';
  const match = new RegExp(`(?:^|/)${expression}${extension}$`).exec(path.split('\\').join('/'));
  return match ? (match[1] ?? '') : undefined;
}

/** `require(path)`, `import(path)`. */
function isModuleLoad(node: Node | undefined): boolean {
  return node?.type === 'ImportExpression' || (node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require');
}

function isLogged(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'CallExpression' && /^(?:console|logger|log|debug)(?:\.|$)/.test(getCalleeName(parent) ?? '');
}

/**
 * What `config[env]` picks from, when it is an environment map: a module of the app
 * (`require('./config.json')[env]`, an imported knexfile) or an object whose keys are
 * environments and whose values are settings.
 */
export function environmentMapSource(source: SourceCode, object: Node): EnvironmentMapSource | undefined {
  const target = unwrapExpression(object);
  if (isModuleLoad(target)) return localModule(source, target as ModuleLoad);
  if (target.type === 'ObjectExpression') return hasEnvironmentSections(source, target) ? { object: target } : undefined;
  if (target.type !== 'Identifier') return undefined;
  const init = initializerOf(source, target);
  if (init) {
    const value = unwrapExpression(init.type === 'AwaitExpression' ? init.argument : init);
    if (isModuleLoad(value)) return localModule(source, value as ModuleLoad) ?? configLoadedByPath(target.name, value as ModuleLoad);
    return value.type === 'ObjectExpression' && hasEnvironmentSections(source, value) ? { object: value } : undefined;
  }
  const imported = importedFrom(source, target.name);
  return imported !== undefined && /^\.\.?\//.test(imported) ? { module: patternOf(imported) } : undefined;
}

type ModuleLoad = TSESTree.CallExpression | TSESTree.ImportExpression;

/** `const localConfig = require(f)` in a loader walking the config folder: a config file, whichever it is. */
function configLoadedByPath(name: string, load: ModuleLoad): EnvironmentMapSource | undefined {
  const specifier = load.type === 'ImportExpression' ? load.source : load.arguments[0];
  return /config|settings/i.test(name) && specifier !== undefined && getStaticString(specifier) === undefined ? { module: undefined } : undefined;
}

function localModule(source: SourceCode, load: ModuleLoad): EnvironmentMapSource | undefined {
  const specifier = load.type === 'ImportExpression' ? load.source : load.arguments[0];
  if (specifier === undefined || !isLocalPath(specifier)) return undefined;
  const text = pathText(source, specifier);
  return { module: text.includes(ENVIRONMENT_HOLE) ? undefined : patternOf(text) };
}

/** `./config`, `__dirname + '/../config/config.json'`, `path.join(__dirname, 'config')`: a file of the app. */
function isLocalPath(node: Node): boolean {
  const value = getStaticString(node);
  if (value !== undefined) return /^\.\.?\//.test(value);
  if (node.type === 'Identifier') return node.name === '__dirname';
  if (node.type === 'BinaryExpression' && node.operator === '+') return isLocalPath(node.left);
  if (node.type === 'TemplateLiteral') return node.quasis[0].value.cooked === '' ? isLocalPath(node.expressions[0]) : /^\.\.?\//.test(node.quasis[0].value.cooked ?? '');
  return node.type === 'CallExpression' && isPathJoin(node) && node.arguments[0] !== undefined && isLocalPath(node.arguments[0]);
}

/** The module a top-level `import` binds a name to. */
function importedFrom(source: SourceCode, name: string): string | undefined {
  for (const statement of source.ast.body) {
    if (statement.type === 'ImportDeclaration' && statement.specifiers.some((specifier) => specifier.local.name === name)) return statement.source.value;
  }
  return undefined;
}

/** At least two keys that name environments, each holding settings rather than a single value. */
function hasEnvironmentSections(source: SourceCode, object: TSESTree.ObjectExpression): boolean {
  const sections = object.properties.filter((property) => {
    if (property.type !== 'Property') return false;
    const key = getPropertyName(property.key);
    return key !== undefined && environmentKindOf(key) !== undefined && holdsSettings(source, property.value);
  });
  return sections.length >= 2;
}

/**
 * An object of settings: written out, merged (`Object.assign({}, development, defaults)`), or a
 * module of the app (`require('./env/development')`). Strings, numbers and functions are single values.
 */
function holdsSettings(source: SourceCode, node: Node, depth = 2): boolean {
  const value = unwrapExpression(node);
  if (value.type === 'ObjectExpression' || isModuleLoad(value)) return true;
  if (value.type === 'CallExpression') return /(?:^|\.)(?:assign|merge|extend|defaultsDeep|deepmerge)$/.test(getCalleeName(value) ?? '');
  if (value.type !== 'Identifier') return false;
  const init = depth > 0 ? initializerOf(source, value) : undefined;
  if (!init) return importedFrom(source, value.name) !== undefined;
  return holdsSettings(source, init, depth - 1);
}
