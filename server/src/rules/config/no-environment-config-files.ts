/**
 * Factor III: each setting is an environment variable of its own, set per deploy. Grouping
 * settings into named environments (`config/production.json`, a `development`/`production` map
 * picked by NODE_ENV) does not scale: every new deploy needs another file and a release, and the
 * groups drift apart. The rule reports code that picks config by the environment's name, and
 * config files named after an environment (at their first line: such findings concern the file).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { dirname } from 'node:path';
import { defineProjectRule } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { someInSubtree, walkSubtree } from '../../engine/traverse';
import type { Node, OffsetRange } from '../../engine/types';
import { getMemberPath, getStaticString, unwrapExpression } from '../_utils/ast';
import { environmentCheckOf, environmentKindOf, environmentOfConfigFile, isTestOnly, testEnvironmentOfConfigFile } from '../_utils/environment';
import { environmentLookupVisitors, mayLookUpEnvironment } from '../_utils/environmentLookups';
import { exportedProperty } from '../_utils/callGraph';
import { modulesByLocalName } from '../_utils/imports';
import { projectPath } from '../_utils/modules';
import { devOnlyFiles, isBrowserFile, isToolingConfigFile } from '../_utils/sourceRoles';
import { mergeVisitors } from '../_utils/visitors';

type MessageId = 'fileByEnvironment' | 'sectionByEnvironment' | 'environmentFile' | 'environmentGroup';

interface EnvironmentLookups {
  lookups: { range: OffsetRange; messageId: 'fileByEnvironment' | 'sectionByEnvironment' | 'environmentGroup'; environment?: string }[];
}

export default defineProjectRule<MessageId, EnvironmentLookups>({
  id: 'config/no-environment-config-files',
  severity: 'warning',
  description: 'Config grouped into named environments: config files per environment, and code that picks them by NODE_ENV.',
  triggers: (text, project, path) =>
    mayLookUpEnvironment(text) || CONFIG_NAME_PREFIX_TEXT.test(text) || ENVIRONMENT_CONFIG_FILE_TEXT.test(text) || ENVIRONMENT_EXPORT_TEXT.test(text) || environmentOfConfigFile(project.root, path) !== undefined || testEnvironmentOfConfigFile(project.root, path) !== undefined,
  messages: {
    fileByEnvironment:
      'The config file is chosen by the environment\'s name, so each deploy needs its own file in the repository and a new deploy needs a new release. Read each setting from its own environment variable instead, with defaults that suit development.',
    sectionByEnvironment:
      'Config is grouped by environment here: the section named after the current environment is picked from a map of named environments. Groups drift apart and every new deploy needs another one: read each setting from its own environment variable instead.',
    environmentGroup:
      'This config module exports the settings of one named environment ({{environment}}), merged in when the app runs under that name. Grouped environments do not scale: each new deploy needs another group and a release, and the groups drift apart. Read deploy-specific values from environment variables instead.',
    environmentFile:
      'This file holds the settings of one named environment ({{environment}}). Grouped environments do not scale: each new deploy needs another file and a release, and the files drift apart. Keep deploy-specific values in environment variables and only environment-independent defaults in files.',
  },
  initial: () => ({ lookups: [] }),
  collect: ({ source, project, collected }) => {
    // `if (localConfig[env]) merge(config, localConfig[env])`: one lookup, the test and its use a line or two apart.
    const lastLookupLine = new Map<string, number>();
    return mergeVisitors(
      environmentLookupVisitors(source, {
        file: (node) => collected.lookups.push({ range: node.range, messageId: 'fileByEnvironment' }),
        section: (member) => {
          const map = source.getText(member.object);
          const line = source.lines.positionAt(member.range[0]).line;
          const previous = lastLookupLine.get(map);
          lastLookupLine.set(map, line);
          if (previous === undefined || line - previous > 3) collected.lookups.push({ range: member.range, messageId: 'sectionByEnvironment' });
        },
      }),
      {
        // `if (NODE_ENV === 'development') file = 'config/config.js'; else file = 'config.json';`
        // `let file = 'dev.config.json'; if (mode === 'production') file = 'prod.config.json';`
        IfStatement: (node) => {
          const branch = node as TSESTree.IfStatement;
          if (branchesPickConfigFiles(source, branch) || branchNamesEnvironmentFile(branch)) collected.lookups.push({ range: branch.test.range, messageId: 'fileByEnvironment' });
        },
        // `'config-' + (DEBUG ? 'debug' : 'release')`: one of two environments' files, whatever decides which.
        ConditionalExpression: (node) => {
          const name = configFileNameChoosing(node as TSESTree.ConditionalExpression);
          if (name) collected.lookups.push({ range: name.range, messageId: 'fileByEnvironment' });
        },
        // `exports.production = { web: () => ({ padding: null }) }` in a module of the config folder.
        AssignmentExpression: (node) => {
          const assignment = node as TSESTree.AssignmentExpression;
          const environment = exportedEnvironmentGroup(projectPath(project.root, source.path), assignment.right, exportedProperty(getMemberPath(assignment.left)));
          if (environment) collected.lookups.push({ range: node.range, messageId: 'environmentGroup', environment });
        },
        // `export const production = { … }`, as TypeScript config modules write it.
        ExportNamedDeclaration: (node) => {
          const declaration = (node as TSESTree.ExportNamedDeclaration).declaration;
          for (const declarator of declaration?.type === 'VariableDeclaration' ? declaration.declarations : []) {
            const name = declarator.id.type === 'Identifier' ? declarator.id.name : undefined;
            const environment = declarator.init ? exportedEnvironmentGroup(projectPath(project.root, source.path), declarator.init, name) : undefined;
            if (environment) collected.lookups.push({ range: node.range, messageId: 'environmentGroup', environment });
          }
        },
      },
    );
  },
  check({ project, files, report }) {
    const devOnly = devOnlyFiles(project, files);
    const named: { path: string; text: string; environment: string }[] = [];
    const testNamed: typeof named = [];
    const addFile = (path: string, text: string) => {
      const environment = environmentOfConfigFile(project.root, path);
      const testEnvironment = environment ? undefined : testEnvironmentOfConfigFile(project.root, path);
      if (environment) named.push({ path, text, environment });
      else if (testEnvironment) testNamed.push({ path, text, environment: testEnvironment });
    };
    for (const [path, { summary, collected }] of files) {
      if (devOnly.has(path) || isBrowserFile(project.root, path) || isToolingConfigFile(project.root, path)) continue;
      for (const lookup of collected.lookups) report(path, { at: lookup.range, messageId: lookup.messageId, data: { environment: lookup.environment ?? '' } });
      if (summary.text !== undefined) addFile(path, summary.text);
    }
    for (const file of project.files.configData) if (!files.has(file.path)) addFile(file.path, file.text);
    // A test environment's file is a fixture on its own, but one more group when it sits among the deploys' files.
    const groupedFolders = new Set(named.map((file) => dirname(file.path)));
    for (const file of [...named, ...testNamed.filter((candidate) => groupedFolders.has(dirname(candidate.path)))]) {
      report(file.path, { at: firstLine(file.text), messageId: 'environmentFile', data: { environment: file.environment } });
    }
  },
});

const ENVIRONMENT_EXPORT_TEXT = /exports\.(?:production|prod|staging|stage)\s*=|export\s+const\s+(?:production|prod|staging|stage)\b/;
/** A folder of the app's config modules. */
const CONFIG_MODULE_FOLDER = /(?:^|\/)(?:config|configs|conf|settings)\//i;

/** `exports.production = { … }` at the top of a config module: the group of one named deploy environment. */
function exportedEnvironmentGroup(relativePath: string, value: Node, exported: string | undefined): string | undefined {
  const environment = exported && environmentKindOf(exported);
  const statement = value.parent?.parent;
  const topLevel = statement?.parent?.type === 'Program' || statement?.parent?.parent?.type === 'Program';
  if (!topLevel || (environment !== 'production' && environment !== 'staging') || !CONFIG_MODULE_FOLDER.test(relativePath)) return undefined;
  return unwrapExpression(value).type === 'ObjectExpression' ? exported : undefined;
}

/** The start of a config file's name that a computed part completes: `'config-'`, `'/.env-'`, `'settings.'`. */
const CONFIG_NAME_PREFIX = /(?:^|[/\\])(?:config|settings|\.env)[-_.]$/i;
const CONFIG_NAME_PREFIX_TEXT = /(?:config|settings|\.env)[-_.]['"`]\s*\+/i;
/** The modes some frameworks name their environments after, besides the usual names (Total.js' `debug` and `release`). */
const MODE_NAMES: Readonly<Record<string, string>> = { debug: 'development', release: 'production' };

/** `'config-' + (DEBUG ? 'debug' : 'release')`: a config file's name completed by a choice between two environments' names. */
function configFileNameChoosing(choice: TSESTree.ConditionalExpression): TSESTree.BinaryExpression | undefined {
  const name = choice.parent;
  if (name?.type !== 'BinaryExpression' || name.operator !== '+' || name.right !== choice) return undefined;
  // `dir + '/.env-' + (…)`: the name's last written part.
  const left = name.left as Node;
  const prefix = getStaticString(left) ?? (left.type === 'BinaryExpression' && left.operator === '+' ? getStaticString(left.right as Node) : undefined);
  if (prefix === undefined || !CONFIG_NAME_PREFIX.test(prefix)) return undefined;
  const kinds = [choice.consequent, choice.alternate].map((side) => {
    const word = getStaticString(side)?.toLowerCase() ?? '';
    return environmentKindOf(word) ?? MODE_NAMES[word];
  });
  return kinds.includes('production') && kinds.every((kind) => kind !== undefined) && kinds[0] !== kinds[1] ? name : undefined;
}

/** A config file named in a path: `config.json`, `config/config.js`, `settings.production.yml`. */
const CONFIG_FILE = /(?:^|[/\\])(?:config|settings)(?:[.-][\w-]+)*\.(?:json5?|[cm]?js|ya?ml)$/i;

/** An if/else on the environment whose sides name different config files. */
function branchesPickConfigFiles(source: SourceCode, branch: TSESTree.IfStatement): boolean {
  const kinds = branch.alternate ? environmentCheckOf(source, branch.test) : undefined;
  if (!kinds || isTestOnly(kinds)) return false;
  const modules = modulesByLocalName(source.ast);
  const files = [branch.consequent, branch.alternate!].map((side) => configFilesNamed(side, modules).join('\n'));
  return files.every((named) => named !== '') && files[0] !== files[1];
}

/** A config file named after a deploy environment: `prod.config.json`, `config.production.yml`, `settings-staging.json`. */
const ENVIRONMENT_CONFIG_NAME = '(?:(?:production|prod|staging|development|dev)[.-](?:config|settings)|(?:config|settings)[.-](?:production|prod|staging|development|dev))';
const ENVIRONMENT_CONFIG_FILE_TEXT = new RegExp(`${ENVIRONMENT_CONFIG_NAME}\\.`, 'i');
const ENVIRONMENT_CONFIG_FILE = new RegExp(`(?:^|[/\\\\])${ENVIRONMENT_CONFIG_NAME}\\.(?:json5?|[cm]?js|ya?ml)$`, 'i');

/**
 * A branch taken for one named environment (`mode === 'production'`, whatever holds the name) that names
 * that environment's config file (jsreport's `prod.config.json`): the file is picked by the environment's name.
 */
function branchNamesEnvironmentFile(branch: TSESTree.IfStatement): boolean {
  const test = unwrapExpression(branch.test);
  if (test.type !== 'BinaryExpression' || !/^[!=]==?$/.test(test.operator)) return false;
  const kind = environmentKindOf(getStaticString(test.right as Node) ?? getStaticString(test.left as Node) ?? '');
  if (kind !== 'production' && kind !== 'staging' && kind !== 'development') return false;
  return someInSubtree(branch.consequent, (child) => ENVIRONMENT_CONFIG_FILE.test(getStaticString(child) ?? ''));
}

/** Modules named after an environment: `./settings.development`, `../config/production.json`. */
const ENVIRONMENT_MODULE = /(?:^|[./_-])(?:development|production|staging|dev|prod)(?:\.(?:[cm]?[jt]s|json))?$/;

/** Config files a branch names: as strings, or through modules imported under an environment's name (`_settings2` of `./settings.development`). */
function configFilesNamed(node: Node, modules: ReadonlyMap<string, string>): string[] {
  const named: string[] = [];
  walkSubtree(node, (child) => {
    const text = getStaticString(child);
    if (text !== undefined && CONFIG_FILE.test(text)) named.push(text);
    const module = child.type === 'Identifier' ? modules.get(child.name) : undefined;
    if (module !== undefined && module.startsWith('.') && ENVIRONMENT_MODULE.test(module)) named.push(module);
    return true;
  });
  return named.sort();
}

function firstLine(text: string): OffsetRange {
  const end = text.search(/\r?\n/);
  return [0, end < 0 ? text.length : end];
}
