/**
 * Factor III: each setting is an environment variable of its own, set per deploy. Grouping
 * settings into named environments (`config/production.json`, a `development`/`production` map
 * picked by NODE_ENV) does not scale: every new deploy needs another file and a release, and the
 * groups drift apart. The rule reports code that picks config by the environment's name, and
 * config files named after an environment (at their first line: such findings concern the file).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineProjectRule } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node, OffsetRange } from '../../engine/types';
import { getCalleeName, getPropertyName, getStaticString, unwrapExpression } from '../_utils/ast';
import { environmentKindOf, environmentOfConfigFile, initializerOf, readsEnvironmentName } from '../_utils/environment';
import { devOnlyFiles, isBrowserFile, isToolingConfigFile } from '../_utils/sourceRoles';

type MessageId = 'fileByEnvironment' | 'sectionByEnvironment' | 'environmentFile';

interface EnvironmentLookups {
  lookups: { range: OffsetRange; messageId: 'fileByEnvironment' | 'sectionByEnvironment' }[];
}

/** Folders whose files are config: `config/index.js` may load its siblings by name. */
const CONFIG_FOLDER = /^(?:config|configs|conf|settings|env|envs|environments?)$/i;
/** Static path text that names a config file or folder. */
const CONFIG_PATH = /(?:^|[/\\._-])(?:config|configs|conf|settings|environments?|envs?)(?:$|[/\\._-])|\.(?:json5?|ya?ml|toml|ini)$/i;
/**
 * Not the app's config files: per-environment dotenv files (`.env.${NODE_ENV}`, a separate matter),
 * build tools' own config (`webpack.config.${env}.js`) and URLs.
 */
const OTHER_PATH = /(?:^|[/\\])\.env(?:$|[./\\])|\.env$|webpack|rollup|vite|babel|jest|eslint|karma|gulp|grunt|tsconfig|storybook|:\/\//i;
/** Text that may name the environment: a prefilter for the code half of the rule. */
const ENVIRONMENT_NAME_TEXT =
  /process\.env\.(?:NODE_ENV|APP_ENV|NODE_CONFIG_ENV|ENVIRONMENT|ENV|STAGE|DEPLOY_ENV)\b|\b(?:env|environment|nodeEnv|appEnv|envName|NODE_ENV|APP_ENV)\b(?!\s*[.(:])|get\(\s*['"]env['"]\s*\)/;

export default defineProjectRule<MessageId, EnvironmentLookups>({
  id: 'config/no-environment-config-files',
  severity: 'warning',
  description: 'Config grouped into named environments: config files per environment, and code that picks them by NODE_ENV.',
  triggers: (text, project, path) => ENVIRONMENT_NAME_TEXT.test(text) || environmentOfConfigFile(project.root, path) !== undefined,
  messages: {
    fileByEnvironment:
      'The config file is chosen by the environment\'s name, so each deploy needs its own file in the repository and a new deploy needs a new release. Read each setting from its own environment variable instead, with defaults that suit development.',
    sectionByEnvironment:
      'Config is grouped by environment here: the section named after the current environment is picked from a map of named environments. Groups drift apart and every new deploy needs another one: read each setting from its own environment variable instead.',
    environmentFile:
      'This file holds the settings of one named environment ({{environment}}). Grouped environments do not scale: each new deploy needs another file and a release, and the files drift apart. Keep deploy-specific values in environment variables and only environment-independent defaults in files.',
  },
  initial: () => ({ lookups: [] }),
  collect({ source, collected }) {
    const inConfigFolder = CONFIG_FOLDER.test(source.path.split(/[/\\]/).at(-2) ?? '');
    const checkPath = (node: Node) => {
      if (isOutermostPath(node) && choosesFileByEnvironment(source, node, inConfigFolder)) collected.lookups.push({ range: node.range, messageId: 'fileByEnvironment' });
    };
    return {
      TemplateLiteral: checkPath,
      BinaryExpression: checkPath,
      CallExpression: checkPath,
      MemberExpression: (node) => {
        const member = node as TSESTree.MemberExpression;
        if (member.computed && readsEnvironmentName(source, member.property) && isEnvironmentMap(source, member.object)) {
          collected.lookups.push({ range: member.range, messageId: 'sectionByEnvironment' });
        }
      },
    };
  },
  check({ project, files, report }) {
    const devOnly = devOnlyFiles(project, files);
    for (const [path, { summary, collected }] of files) {
      if (devOnly.has(path) || isBrowserFile(project.root, path) || isToolingConfigFile(project.root, path)) continue;
      for (const lookup of collected.lookups) report(path, { at: lookup.range, messageId: lookup.messageId });
      const environment = environmentOfConfigFile(project.root, path);
      if (environment && summary.text !== undefined) report(path, { at: firstLine(summary.text), messageId: 'environmentFile', data: { environment } });
    }
    for (const file of project.files.configData) {
      const environment = environmentOfConfigFile(project.root, file.path);
      if (environment && !files.has(file.path)) report(file.path, { at: firstLine(file.text), messageId: 'environmentFile', data: { environment } });
    }
  },
});

function firstLine(text: string): OffsetRange {
  const end = text.search(/\r?\n/);
  return [0, end < 0 ? text.length : end];
}

/** A path built from pieces: the outermost piece is judged, so nested templates report once. */
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

interface PathPieces {
  text: string;
  namesEnvironment: boolean;
}

/**
 * A path whose static text names a config file or folder and whose dynamic part is the
 * environment's name. In a config folder, `require('./' + env)` needs no config word.
 */
function choosesFileByEnvironment(source: SourceCode, node: Node, inConfigFolder: boolean): boolean {
  const pieces: PathPieces = { text: '', namesEnvironment: false };
  collectPieces(source, node, pieces);
  if (!pieces.namesEnvironment || OTHER_PATH.test(pieces.text) || isLogged(node)) return false;
  return CONFIG_PATH.test(pieces.text) || (inConfigFolder && isModuleLoad(node.parent) && /^\.\.?\//.test(pieces.text));
}

function collectPieces(source: SourceCode, node: Node, pieces: PathPieces): void {
  const value = getStaticString(node);
  if (value !== undefined) {
    pieces.text += value;
  } else if (node.type === 'TemplateLiteral') {
    node.quasis.forEach((quasi, index) => {
      pieces.text += quasi.value.cooked ?? '';
      if (index < node.expressions.length) collectPieces(source, node.expressions[index], pieces);
    });
  } else if (node.type === 'BinaryExpression' && node.operator === '+') {
    collectPieces(source, node.left, pieces);
    collectPieces(source, node.right, pieces);
  } else if (node.type === 'CallExpression' && isPathJoin(node)) {
    node.arguments.forEach((argument, index) => {
      if (index > 0) pieces.text += '/';
      collectPieces(source, argument, pieces);
    });
  } else if (readsEnvironmentName(source, node)) {
    pieces.namesEnvironment = true;
  }
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
 * What `[env]` is taken from: a module of the app (`require('./config.json')[env]`, an imported
 * knexfile) or an object whose keys are environments and whose values are settings.
 */
function isEnvironmentMap(source: SourceCode, object: Node): boolean {
  const target = unwrapExpression(object);
  if (isModuleLoad(target)) return isLocalModule(target);
  if (target.type === 'ObjectExpression') return hasEnvironmentSections(source, target);
  if (target.type !== 'Identifier') return false;
  const init = initializerOf(source, target);
  if (init) {
    const value = unwrapExpression(init.type === 'AwaitExpression' ? init.argument : init);
    return isModuleLoad(value) ? isLocalModule(value) : value.type === 'ObjectExpression' && hasEnvironmentSections(source, value);
  }
  const imported = importedFrom(source, target.name);
  return imported !== undefined && /^\.\.?\//.test(imported);
}

function isLocalModule(load: Node): boolean {
  const specifier = load.type === 'ImportExpression' ? load.source : load.type === 'CallExpression' ? load.arguments[0] : undefined;
  return specifier !== undefined && isLocalPath(specifier);
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

