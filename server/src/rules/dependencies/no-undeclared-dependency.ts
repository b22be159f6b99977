/**
 * Factor II: package.json is the complete list of what the app needs. A package that is loaded
 * but not declared works only while something else drags it into node_modules (a hoisted
 * transitive dependency, a global install, a developer's machine), and a devDependency loaded by
 * production code disappears as soon as the deploy installs without dev packages.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { defineProjectRule, type ProjectRuleContext } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { someInSubtree, walkSubtree, type Visitors } from '../../engine/traverse';
import type { Node, OffsetRange } from '../../engine/types';
import { scriptTargets } from '../../project/entryPoints';
import type { ProjectFacts } from '../../project/facts';
import type { ProjectFiles } from '../../project/projectFiles';
import { enclosingFunction, getCalleeName, getCalleeProperty, getMemberName, getMemberPath, getPropertyName, getStaticString, isFunctionNode, mentionsIdentifier, requiredSpecifier, resolveConst, unwrapExpression } from '../_utils/ast';
import { functionName } from '../_utils/callGraph';
import { LOADING_HELPER_NAME, modulesByLocalName } from '../_utils/imports';
import { jsonStringSubrange } from '../_utils/jsonStrings';
import { importVisitors, type ImportReference } from '../_utils/importSpecifiers';
import { resolveEntryPoint } from '../_utils/modules';
import { isBuiltinModule, MODULE_SPECIFIER, packageNameOf } from '../_utils/packageNames';
import { isRepositoryStart, packagesRunBy, scriptsOf, scriptSteps } from '../_utils/packageScripts';
import { ownValue } from '../_utils/records';
import { wordsRange } from '../_utils/startCommands';
import { devOnlyFiles, isAdminScriptFile, isAdminTaskFile, isBrowserFile, isBrowserifyBundle, isFrontendModule, isToolingConfigFile, NODE_ONLY_IMPORT } from '../_utils/sourceRoles';
import { mergeVisitors } from '../_utils/visitors';
import { workspaceFolderOf, workspacePatterns } from '../_utils/workspaces';

type MessageId = 'undeclared' | 'devDependency' | 'undeclaredOptional' | 'nestedDependency' | 'devDependencyInStart';

interface Options {
  /** Modules the runtime provides, never installed from npm. */
  readonly allow: readonly string[];
}

/** One module load, with what the rule needs to judge it later against package.json. Plain data. */
interface ModuleUse {
  readonly range: OffsetRange;
  readonly specifier: string;
  /**
   * Inside a `try` whose `catch` may recover: the modules the `catch` loads instead, and whether
   * the `catch` expects the package to be missing (`if (err.code !== 'MODULE_NOT_FOUND') throw err`).
   */
  readonly fallback?: { readonly modules: readonly string[]; readonly tellsToInstall: boolean; readonly expectsAbsence: boolean };
  /** Inside a branch taken only in development (`if (process.env.NODE_ENV !== 'production')`). */
  readonly devBranch: boolean;
  /** Local names an `import` binds, in TypeScript, to decide whether only types are used. */
  readonly locals?: readonly string[];
  /** The variable a `require` is assigned to (`Datastore = require('nedb')`), to find the modules it alternates with. */
  readonly boundTo?: string;
  /** The module that variable starts out holding (`let mdns = dnssd` after `const dnssd = require('dnssd2')`). */
  readonly initialModule?: string;
}

interface ModuleUses {
  uses: ModuleUse[];
  /** Local names used as values (not only in types), in TypeScript files. */
  valueNames: string[];
  /** Reads `window.`/`document.` or imports a UI framework: browser code. */
  browser: boolean;
  /** Names this file makes resolve to the app's own files (module-alias, a patched `Module._resolveFilename`). */
  aliases: string[];
}

/**
 * A file matters only when it loads a package that package.json does not list as a production
 * dependency; in a healthy project that is almost no file, so almost nothing is parsed for this rule.
 */
function loadsUnlistedPackage(text: string, project: ProjectFacts): boolean {
  if (ALIAS_DEFINITION.test(text)) return true;
  const listed = productionDependencies(project.files.packageJson?.json);
  const unlisted = (specifier: string) => {
    const name = packageNameOf(specifier);
    return name !== undefined && !isBuiltinModule(specifier) && !listed.has(name);
  };
  // `require(DRIVER_MODULES[type])`: the packages are named in a table elsewhere in the file.
  if (/\brequire\s*\(\s*[A-Za-z_$][\w$]*\s*[[)]/.test(text) && [...text.matchAll(TABLE_ENTRY)].some(([, specifier]) => unlisted(specifier))) return true;
  if (DIALECT_SETTING.test(text) && Object.values(ORM_BY_KEY).some((orm) => listed.has(orm))) return true;
  // `const resourcesName = '@opentelemetry/resources'; await import(resourcesName)`: the name is in a const.
  if (/\b(?:require|import)\s*\(\s*[A-Za-z_$][\w$]*\s*\)/.test(text) && [...text.matchAll(CONST_SPECIFIER)].some(([, specifier]) => unlisted(specifier))) return true;
  for (const [, specifier] of [...text.matchAll(MODULE_SPECIFIER), ...text.matchAll(WRAPPED_SPECIFIER)]) {
    if (unlisted(specifier) || nestedPackageOf(specifier) !== undefined) return true;
  }
  return false;
}

/** module-alias's `addAlias('@root', dir)`/`addAliases({ … })`, or `Module._resolveFilename = function …`: names the app resolves itself. */
const ALIAS_DEFINITION = /\.addAlias(?:es)?\s*\(|\._resolveFilename\s*=/;
/** A table entry naming one of the app's files: `logger: 'js/logger.js'`, `'@lib': './lib'`. */
const ALIAS_TARGET = /^(?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.[cm]?[jt]s$|^\.{1,2}(?:\/[\w.-]+)*\/?$/;

/**
 * The names a file aliases: the keys of `addAliases({ … })`, the first argument of `addAlias(…)`, and, in a file
 * that patches `Module._resolveFilename`, the keys of its top-level tables of the app's files (MagicMirror's
 * `const ALIASES = { logger: 'js/logger.js', node_helper: 'js/node_helper.js' }`).
 */
function aliasVisitors(source: SourceCode, aliases: string[]): Visitors {
  let patchesResolver = false;
  return {
    CallExpression: (node) => {
      const call = node as TSESTree.CallExpression;
      const method = getCalleeProperty(call);
      const first = call.arguments[0] && unwrapExpression(call.arguments[0] as Node);
      const alias = method === 'addAlias' && first ? getStaticString(first) : undefined;
      if (alias !== undefined) aliases.push(alias);
      if (method === 'addAliases' && first?.type === 'ObjectExpression') aliases.push(...propertyNames(first));
    },
    AssignmentExpression: (node) => {
      patchesResolver ||= getMemberPath((node as TSESTree.AssignmentExpression).left)?.at(-1) === '_resolveFilename';
    },
    'Program:exit': () => {
      if (!patchesResolver) return;
      for (const statement of source.ast.body) {
        if (statement.type !== 'VariableDeclaration') continue;
        for (const { init } of statement.declarations) {
          const table = init && unwrapExpression(init);
          if (table?.type === 'ObjectExpression' && table.properties.length > 0 && table.properties.every(isAliasEntry)) aliases.push(...propertyNames(table));
        }
      }
    },
  };
}

/** `@db/models` under the alias `@db`, `logger` under `logger`. */
function isAliased(specifier: string, aliases: ReadonlySet<string>): boolean {
  return [...aliases].some((alias) => specifier === alias || specifier.startsWith(`${alias}/`));
}

function isAliasEntry(property: TSESTree.ObjectLiteralElement): boolean {
  return property.type === 'Property' && ALIAS_TARGET.test(getStaticString(property.value as Node) ?? '');
}

function propertyNames(table: TSESTree.ObjectExpression): string[] {
  return table.properties.flatMap((property) => {
    const name = property.type === 'Property' ? getPropertyName(property.key) : undefined;
    return name === undefined ? [] : [name];
  });
}

/** `const resourcesName = '@opentelemetry/resources'`: a package name a const holds. */
const CONST_SPECIFIER = /\bconst\s+[A-Za-z_$][\w$]*\s*=\s*['"]((?:@[\w.-]+\/)?[\w.-]+(?:\/[\w.-]+)*)['"]/g;

/** `docker: '@flowfuse/driver-docker'`: a string value of an object entry, which a table of modules holds. */
const TABLE_ENTRY = /[\w$'"]\s*:\s*['"]((?:@[\w.-]+\/)?[\w.-]+)['"]/g;

/**
 * `const DRIVER_MODULES = { docker: '@flowfuse/driver-docker', … }; require(DRIVER_MODULES[type])`, also through a
 * `const` holding the lookup: each package the table names is one this `require` may load.
 */
function requiredChoices(source: SourceCode, call: TSESTree.CallExpression): { node: Node; specifier: string }[] {
  if (call.callee.type !== 'Identifier' || call.callee.name !== 'require' || call.arguments.length !== 1) return [];
  const lookup = resolveConst(source, call.arguments[0] as Node);
  if (lookup.type !== 'MemberExpression' || !lookup.computed) return [];
  const table = resolveConst(source, lookup.object);
  if (table.type !== 'ObjectExpression') return [];
  return table.properties.flatMap((property) => {
    if (property.type !== 'Property') return [];
    const specifier = getStaticString(property.value as Node);
    return specifier !== undefined && packageNameOf(specifier) && !isBuiltinModule(specifier) ? [{ node: property.value as Node, specifier }] : [];
  });
}

/** Test runners, assertion and HTTP-testing libraries, and mocks: what only a test suite loads. */
const TEST_LIBRARY = /^(?:vitest|@vitest\/[\w-]+|jest|@jest\/[\w-]+|mocha|chai|should|supertest|sinon|ava|tap|tape|jasmine|nock|proxyquire|testdouble)$|(?:^|[-/])mocks?(?:[-/]|$)/;

/** `socket.io` for `zappajs/node_modules/socket.io/lib/stores/redis`: a package loaded from inside another one's node_modules. */
function nestedPackageOf(specifier: string): string | undefined {
  return /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(specifier)?.[1];
}

/** The ORM that reads each dialect setting: Sequelize `dialect`, knex `client`, TypeORM `type`. */
const ORM_BY_KEY: Readonly<Record<string, string>> = { dialect: 'sequelize', client: 'knex', type: 'typeorm' };
/** The driver packages an ORM loads for a dialect; the first is the one to install. */
const DRIVERS: Readonly<Record<string, readonly string[]>> = {
  sqlite: ['sqlite3', 'better-sqlite3'], sqlite3: ['sqlite3'], 'better-sqlite3': ['better-sqlite3'],
  postgres: ['pg', 'pg-native'], postgresql: ['pg', 'pg-native'], pg: ['pg', 'pg-native'],
  mysql: ['mysql2', 'mysql'], mysql2: ['mysql2'], mariadb: ['mariadb', 'mysql2'], mssql: ['tedious', 'mssql'], oracledb: ['oracledb'], oracle: ['oracledb'],
};
const DIALECT_SETTING = /\b(?:dialect|client|type)['"]?\s*:\s*['"`](?:sqlite3?|better-sqlite3|postgres(?:ql)?|pg|mysql2?|mariadb|mssql|oracle(?:db)?)['"`]/;

/** `dialect: 'sqlite'` with Sequelize declared and no SQLite driver among the production dependencies: the driver to install. */
function missingDriver(property: TSESTree.Property, json: Record<string, unknown> | undefined): string | undefined {
  const orm = ownValue(ORM_BY_KEY, getPropertyName(property.key) ?? '');
  const drivers = ownValue(DRIVERS, getStaticString(property.value as Node) ?? '');
  const listed = productionDependencies(json);
  if (!orm || !drivers || !listed.has(orm) || drivers.some((driver) => listed.has(driver))) return undefined;
  const dev = new Set(keysOf(json?.devDependencies));
  return drivers.find((driver) => dev.has(driver)) ?? drivers[0];
}

const listedByManifest = new WeakMap<object, ReadonlySet<string>>();

function productionDependencies(json: Record<string, unknown> | undefined): ReadonlySet<string> {
  if (!json) return new Set();
  let listed = listedByManifest.get(json);
  if (!listed) {
    listed = new Set([...PRODUCTION_SECTIONS.flatMap((section) => keysOf(json[section])), ...(typeof json.name === 'string' ? [json.name] : [])]);
    listedByManifest.set(json, listed);
  }
  return listed;
}

const PRODUCTION_SECTIONS = ['dependencies', 'optionalDependencies', 'peerDependencies'];

/**
 * Bundlers that server code is built with, inlining what TypeScript sources import (devDependencies
 * included). webpack, vite and parcel are left out: they usually bundle the browser side only.
 * SvelteKit builds the server routes too, and its Node adapter inlines devDependencies.
 */
const BUNDLERS = new Set(['esbuild', '@vercel/ncc', 'tsup', 'tsdown', '@sveltejs/kit']);
/** Functions that only developers run: `setupHotReload()`, `reloadNodesAndCredentials()`, reloading the app as its files change. */
const DEV_FUNCTION = /[hH]ot-?[rR]eload|[lL]ive-?[rR]eload|HOT_?RELOAD|^reload[A-Z]/;
const DEV_CONDITION = /NODE_ENV|\bdev(?:elopment)?\b|isDev|__DEV__|\bDEV\b|isProd|production|\bdebug\b/i;
/** Type positions: an identifier below one of these is erased by the compiler. */
const VALUE_TS_NODES = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression', 'TSEnumDeclaration', 'TSEnumMember', 'TSModuleDeclaration', 'TSModuleBlock', 'TSExportAssignment', 'TSImportEqualsDeclaration', 'TSExternalModuleReference', 'TSParameterProperty', 'TSDeclareFunction', 'TSAbstractMethodDefinition', 'TSAbstractPropertyDefinition']);

export default defineProjectRule<MessageId, ModuleUses, Options>({
  id: 'dependencies/no-undeclared-dependency',
  severity: 'warning',
  description: 'Packages that production code loads but package.json does not declare, or declares only as devDependencies.',
  triggers: loadsUnlistedPackage,
  defaultOptions: { allow: [] },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { allow: { type: 'array', items: { type: 'string' }, description: 'Packages the runtime provides (never installed from npm).' } },
  },
  messages: {
    undeclared:
      '"{{name}}" is loaded here but package.json does not declare it. It only resolves while something else happens to install it (a transitive dependency, a global package, a developer machine), so a clean install from the manifest can break the app: add it to dependencies.',
    devDependency:
      '"{{name}}" is only a devDependency, yet production code loads it. Production installs leave devDependencies out (npm ci --omit=dev), so this load fails in the deployed app: move it to dependencies.',
    nestedDependency:
      '"{{nested}}" is loaded from inside {{name}}\'s own node_modules. That path exists only while npm happens to nest it there, which the versions installed decide, not package.json: declare {{nested}} and load it by its name.',
    devDependencyInStart:
      '`npm start` runs `{{program}}` (in "{{script}}"), which only the devDependency "{{name}}" provides. Production installs leave devDependencies out (npm ci --omit=dev), so the deployed app cannot start: build before the release and start the built output, or move "{{name}}" to dependencies.',
    undeclaredOptional:
      '"{{name}}" is loaded optionally, but declared nowhere, so whether this feature works depends on what is installed on each machine. Declare it in optionalDependencies (or peerDependencies) to make the choice explicit.',
  },
  initial: () => ({ uses: [], valueNames: [], browser: false, aliases: [] }),
  collect({ source, project, collected }) {
    // A browserify bundle carries the modules it requires inside it.
    if (isBrowserifyBundle(source.text)) collected.browser = true;
    const typeScript = source.isTypeScript;
    const candidates = new Set<string>();
    const values = new Set<string>();
    const addUse = ({ node, specifier, owner, typeOnly }: ImportReference) => {
      // A server resolving a frontend package to serve its files (`require.resolve('react-select')`) is no browser code.
      if (isFrontendModule(specifier) && !isRequireResolve(owner)) collected.browser = true;
      if (typeOnly || !packageNameOf(specifier) || isBuiltinModule(specifier) || isHostModule(specifier, project)) return;
      // `import('wiki/package.json').catch(…)`: reading the host app's manifest, with a fallback, loads no code.
      if (/\/package\.json$/.test(specifier) && (isCaught(owner) || fallbackOf(source, owner))) return;
      if (replacesBuiltin(owner)) return;
      const locals = typeScript && owner.type === 'ImportDeclaration' ? importLocals(owner) : undefined;
      locals?.forEach((name) => candidates.add(name));
      const fallback = fallbackOf(source, owner);
      const boundTo = alternativeFor(owner, fallback !== undefined);
      collected.uses.push({ range: node.range, specifier, fallback, devBranch: inDevBranch(source, owner), locals, boundTo, initialModule: boundTo === undefined ? undefined : initialModuleOf(source, owner, boundTo) });
    };
    // `const resourcesName = '@opentelemetry/resources'; await import(resourcesName)`: a name kept in a const, often to keep a bundler away.
    const addNamedLoad = (argument: Node, owner: Node) => {
      const named = argument.type === 'Identifier' ? getStaticString(resolveConst(source, argument)) : undefined;
      if (named !== undefined) addUse({ node: argument, specifier: named, owner, typeOnly: false });
    };
    return mergeVisitors(
      importVisitors(addUse),
      aliasVisitors(source, collected.aliases),
      {
        // `dialect: 'sqlite'`: the ORM requires the driver by name, so production code needs it installed.
        Property: (node) => {
          const property = node as TSESTree.Property;
          const driver = missingDriver(property, project.files.packageJson?.json);
          if (driver) collected.uses.push({ range: property.value.range, specifier: driver, fallback: undefined, devBranch: inDevBranch(source, property), locals: undefined });
        },
        // `require.resolve('@strapi/strapi/package.json')` throws as surely as `require()` when the package is missing;
        // with a `paths` option it looks in another project's node_modules.
        CallExpression: (node) => {
          const call = node as TSESTree.CallExpression;
          const loads = (call.arguments.length === 1 && isRequireResolve(call)) || isRequireWrapper(call);
          const specifier = loads ? getStaticString(call.arguments[0]) : undefined;
          if (specifier !== undefined) addUse({ node: call.arguments[0], specifier, owner: call, typeOnly: false });
          for (const choice of requiredChoices(source, call)) addUse({ node: choice.node, specifier: choice.specifier, owner: call, typeOnly: false });
          if (call.callee.type === 'Identifier' && call.callee.name === 'require' && call.arguments.length === 1) addNamedLoad(call.arguments[0] as Node, call);
        },
        ImportExpression: (node) => addNamedLoad((node as TSESTree.ImportExpression).source, node),
        Identifier: (node) => {
          const identifier = node as TSESTree.Identifier;
          if (candidates.has(identifier.name) && !values.has(identifier.name) && isValueUse(identifier)) values.add(identifier.name);
        },
        MemberExpression: (node) => {
          if (collected.browser) return;
          const object = (node as TSESTree.MemberExpression).object;
          if (object.type === 'Identifier' && (object.name === 'window' || object.name === 'document') && source.isGlobal(object, object.name) && !inPageScript(object)) collected.browser = true;
        },
        'Program:exit': () => {
          collected.valueNames = [...values];
        },
      },
    );
  },
  check({ project, options, files, report }) {
    const json = project.files.packageJson?.json;
    if (!json) return;
    const declared = new Set(PRODUCTION_SECTIONS.flatMap((section) => keysOf(json[section])));
    const dev = new Set(keysOf(json.devDependencies));
    const allowed = new Set(options.allow);
    const patterns = workspacePatterns(json);
    // TypeScript sources of an app built with a bundler are compiled into one file, devDependencies included.
    const bundles = [...dev].some((name) => BUNDLERS.has(name));
    const folders = sourceFolders(project.root, [...files.keys()]);
    const devOnly = devOnlyFiles(project, files);
    const operatorCommands = operatorCommandFiles(project, new Set(files.keys()));
    // module-alias's `_moduleAliases` in package.json, and the names any file aliases: the app's own files.
    const aliases = new Set([...keysOf(json._moduleAliases), ...[...files.values()].flatMap(({ collected }) => collected.aliases)]);
    reportDevToolsInStart(project.files, declared, dev, report);
    for (const [path, { summary, collected }] of files) {
      // A module that also loads `fs` runs in Node: its `window` is in functions it hands to a browser it drives (`this.pup(() => window.WAPI…)`).
      const browserCode = collected.browser && !NODE_ONLY_IMPORT.test(summary.text ?? '');
      if (browserCode || isBrowserFile(project.root, path) || isToolingConfigFile(project.root, path) || workspaceFolderOf(project.root, patterns, path)) continue;
      // Developer tools (docs builds, release scripts) run on developer machines; admin tasks run in production.
      if (devOnly.has(path) && !isAdminTaskFile(project.root, path) && !operatorCommands.has(path)) continue;
      // A folder with a package.json of its own (a docs site, a sub-app) declares its imports there.
      if (project.files.nestedPackageRoots.some((root) => isWithin(root, path))) continue;
      const values = new Set(collected.valueNames);
      // `try { Datastore = require('@seald-io/nedb') } catch {} if (!Datastore) Datastore = require('nedb')`: the other loads are alternatives.
      const boundToDeclared = new Set(collected.uses.filter((use) => use.boundTo && isAvailable(use.specifier, declared)).map((use) => use.boundTo));
      // A shipped module that loads a test framework or mocking library from devDependencies is a test helper
      // (`dist/helpers/test-request.js` with supertest): the devDependencies it loads are the test suite's.
      // An admin script calling the API with supertest (etherpad's `bin/deletePad.js`) runs in production.
      const testHelper = !isAdminScriptFile(project.root, path) && collected.uses.some((use) => {
        const name = packageNameOf(use.specifier)!;
        return dev.has(name) && TEST_LIBRARY.test(name);
      });
      for (const use of collected.uses) {
        const name = packageNameOf(use.specifier)!;
        const nested = nestedPackageOf(use.specifier);
        if (nested && !declared.has(nested) && !allowed.has(nested)) {
          report(path, { at: use.range, messageId: 'nestedDependency', data: { name, nested } });
          continue;
        }
        if (declared.has(name) || name === json.name || allowed.has(name) || isAliased(use.specifier, aliases) || isPathAlias(project.root, folders, name, path)) continue;
        if (use.locals && use.locals.length > 0 && !use.locals.some((local) => values.has(local))) continue;
        const recovers =
          use.fallback?.modules.some((module) => isAvailable(module, declared)) ||
          (use.boundTo !== undefined && boundToDeclared.has(use.boundTo)) ||
          (use.initialModule !== undefined && isAvailable(use.initialModule, declared));
        // A package the code is written to do without (a dev-only loader), unless the app tells users to install it;
        // or one only development reaches (a hot reloader's file watcher), which a production install never needs.
        if (recovers || (use.fallback?.expectsAbsence && !use.fallback.tellsToInstall) || use.devBranch) continue;
        if (dev.has(name)) {
          if (testHelper) continue;
          const bundled = bundles && /\.(?:ts|mts|cts|tsx)$/.test(path);
          // Electron apps declare electron as a devDependency by design: the packager ships its runtime, not node_modules.
          // Caught, it is optional, unless the catch tells users to install it themselves (`npm install -g toobusy-js`).
          if (!bundled && name !== 'electron' && (!use.fallback || use.fallback.tellsToInstall)) report(path, { at: use.range, messageId: 'devDependency', data: { name } });
          continue;
        }
        const messageId = use.fallback && !use.fallback.tellsToInstall ? 'undeclaredOptional' : 'undeclared';
        report(path, { at: use.range, messageId, data: { name } });
      }
    }
  },
});

/**
 * `"start": "npm run build && node dist"` with `"build": "tsc"`, `"start": "ts-node src/index.ts"`: a start script
 * that needs a devDependency's program. A package with a `bin` is started through it, its start script is the
 * repository's; so are development starts (`nodemon`, `--watch`) and compiles of sources the package does not ship.
 */
function reportDevToolsInStart(files: ProjectFiles, declared: ReadonlySet<string>, dev: ReadonlySet<string>, report: ProjectRuleContext<MessageId, ModuleUses, Options>['report']): void {
  const packageJson = files.packageJson!;
  const scripts = scriptsOf(packageJson.json);
  if (packageJson.json?.bin !== undefined || scripts.start === undefined || isRepositoryStart(scripts, files.typescriptConfigs)) return;
  const reported = new Set<string>();
  for (const step of scriptSteps('start', scripts)) {
    const at = packageJson.locations[`scripts.${step.script}`];
    for (const { program, packages } of packagesRunBy(step.command)) {
      const name = packages.find((candidate) => dev.has(candidate));
      if (!at || !name || packages.some((candidate) => declared.has(candidate)) || reported.has(name)) continue;
      reported.add(name);
      report(packageJson.path, { at: jsonStringSubrange(packageJson.text, at, wordsRange(step.command)), messageId: 'devDependencyInStart', data: { program, script: step.script, name } });
    }
  }
}

/**
 * `if (!Datastore) Datastore = require('nedb')`, or the same assignment in a `try`: a load tried in
 * case another one assigned to the same variable failed. The variable, when the load is such a fallback.
 */
function alternativeFor(owner: Node, caught: boolean): string | undefined {
  const parent = owner.parent;
  if (parent?.type !== 'AssignmentExpression' || parent.right !== owner || parent.left.type !== 'Identifier') return undefined;
  const name = parent.left.name;
  return caught || isGuardedBy(parent, name) ? name : undefined;
}

/** `let mdns = dnssd; try { mdns = require('mdns') } catch {}`: the module the variable holds before the load tries another. */
function initialModuleOf(source: SourceCode, owner: Node, name: string): string | undefined {
  let initial: Node | undefined;
  walkSubtree(enclosingFunction(owner) ?? source.ast, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === name && node.init) initial = node.init;
    return initial === undefined;
  });
  if (!initial) return undefined;
  const value = unwrapExpression(initial);
  return value.type === 'Identifier' ? modulesByLocalName(source.ast).get(value.name) : requiredSpecifier(value);
}

/** Inside an `if` whose condition reads `name` (`if (Datastore == null)`), without crossing a function. */
function isGuardedBy(node: Node, name: string): boolean {
  let child = node;
  for (let parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type === 'IfStatement' && parent.test !== child && mentionsIdentifier(parent.test, name)) return true;
  }
  return false;
}

/** A module the app can count on: its own file, a node built-in, or a declared package. */
function isAvailable(specifier: string, declared: ReadonlySet<string>): boolean {
  return specifier.startsWith('.') || isBuiltinModule(specifier) || declared.has(packageNameOf(specifier) ?? '');
}

/**
 * Helpers that load or locate a package by name: `safeRequire('keystone-email', 'email')`, which
 * exits telling the user to install it, `tryRequire('morgan')`, `findPackagePath('strapi-admin')`.
 * The feature behind them needs the package as much as a `require` does.
 */
const REQUIRE_WRAPPER_NAME = `${LOADING_HELPER_NAME}|findPackagePath|resolvePackage(?:Path)?`;
const REQUIRE_WRAPPER = new RegExp(`^(?:${REQUIRE_WRAPPER_NAME})$`);
/** The same calls in a file's text, with the specifier: what the trigger looks for. */
const WRAPPED_SPECIFIER = new RegExp(`\\b(?:${REQUIRE_WRAPPER_NAME})\\s*\\(\\s*['"\`]([^'"\`\\s]+)['"\`]`, 'g');

function isRequireWrapper(call: TSESTree.CallExpression): boolean {
  const specifier = getStaticString(call.arguments[0]);
  return REQUIRE_WRAPPER.test(getMemberPath(call.callee)?.at(-1) ?? '') && specifier !== undefined && packageNameOf(specifier) !== undefined;
}

/** `require('vscode')` in a package with `engines.vscode`: the editor hands its API to the extension it loads; npm never installs it. */
function isHostModule(specifier: string, project: ProjectFacts): boolean {
  const engines = project.files.packageJson?.json?.engines;
  return specifier === 'vscode' && typeof engines === 'object' && engines !== null && 'vscode' in engines;
}

function isRequireResolve(node: Node): boolean {
  return node.type === 'CallExpression' && getMemberPath(node.callee)?.join('.') === 'require.resolve';
}

function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
}

/**
 * First folder names under the root and under `src/`: a bare import of one of them
 * (`import x from 'utils/x'`) is a path alias (baseUrl), not a package.
 */
function sourceFolders(root: string, paths: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const path of paths) {
    for (const base of [root, join(root, 'src'), join(root, 'lib')]) {
      if (!path.startsWith(`${base}/`)) continue;
      const rest = path.slice(base.length + 1).split('/');
      folders.add(rest.length > 1 ? rest[0] : rest[0].replace(/\.[^.]+$/, ''));
    }
  }
  return folders;
}

/** npm scripts named for what operators do to a running deploy's accounts and data: `change-password`, `create-admin`, `seed`. */
const OPERATOR_SCRIPT = /password|passwd|admin|account|user|seed|backfill|migrat/i;

/** `"change-password": "node scripts/change-password.js"`: a script of the package that operators run in production. */
function operatorCommandFiles(project: ProjectFacts, paths: ReadonlySet<string>): Set<string> {
  const scripts = Object.entries(project.packageJson?.scripts ?? {}).filter(([name]) => OPERATOR_SCRIPT.test(name));
  return new Set(scripts.flatMap(([, command]) => scriptTargets(command).flatMap((target) => resolveEntryPoint(project.root, target, paths) ?? [])));
}

/**
 * `import x from 'utils/x'` where `src/utils/` exists. Not `require('uws')` in `lib/uws.js` itself: a
 * module never loads itself, so there the name is the package it wraps.
 */
function isPathAlias(root: string, folders: ReadonlySet<string>, name: string, importer: string): boolean {
  const alias = name.replace(/^@/, '').split('/')[0];
  const importerAlias = [root, join(root, 'src'), join(root, 'lib')].includes(dirname(importer)) ? basename(importer).replace(/\.[^.]+$/, '') : undefined;
  return folders.has(alias) && alias !== importerAlias;
}

function importLocals(declaration: TSESTree.ImportDeclaration): string[] {
  return declaration.specifiers.filter((specifier) => !(specifier.type === 'ImportSpecifier' && specifier.importKind === 'type')).map((specifier) => specifier.local.name);
}

/** Whether an identifier is read as a value; type annotations, `implements` and `typeof` in types are erased. */
function isValueUse(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'ImportSpecifier' || parent?.type === 'ImportDefaultSpecifier' || parent?.type === 'ImportNamespaceSpecifier') return false;
  if (parent?.type === 'Property' && parent.key === identifier && !parent.computed && !parent.shorthand) return false;
  if (parent?.type === 'MemberExpression' && parent.property === identifier && !parent.computed) return false;
  for (let node: Node | undefined = parent; node; node = node.parent) {
    if (node.type.startsWith('TS') && !VALUE_TS_NODES.has(node.type)) return false;
    if (node.type === 'Program') break;
  }
  return true;
}

/** The `catch` of the nearest `try` whose block loads the module, without crossing a function. */
function fallbackOf(source: SourceCode, owner: Node): ModuleUse['fallback'] {
  let child: Node = owner;
  for (let parent = owner.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return undefined;
    if (parent.type === 'TryStatement' && parent.block === child) {
      // `catch (err) { log.error(…); throw err }`: the failure still stops the app, so the load is no option.
      if (!parent.handler || parent.handler.body.body.at(-1)?.type === 'ThrowStatement') return undefined;
      const modules: string[] = [];
      let tellsToInstall = false;
      walkSubtree(parent.handler.body, (node) => {
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
          const specifier = getStaticString(node.arguments[0]);
          if (specifier) modules.push(specifier);
        } else if (node.type === 'ImportExpression') {
          const specifier = getStaticString(node.source);
          if (specifier) modules.push(specifier);
        } else if ((node.type === 'Literal' || node.type === 'TemplateElement') && /\binstall\b/i.test(source.text.slice(node.range[0], node.range[1]))) {
          tellsToInstall = true;
        }
      });
      // `try { require('heapdump') } catch (err) {}`: loaded for its side effects, its failure ignored: nothing depends on it.
      const sideEffectOnly = owner.parent?.type === 'ExpressionStatement' && parent.handler.body.body.length === 0;
      const devLoader = owner.type === 'CallExpression' && SOURCE_LOADER.test(getStaticString(owner.arguments[0]) ?? '') && !stopsTheProcess(parent.handler.body);
      return { modules, tellsToInstall, expectsAbsence: sideEffectOnly || devLoader || /MODULE_NOT_FOUND/.test(source.getText(parent.handler)) };
    }
  }
  return undefined;
}

/**
 * Hooks that compile TypeScript or newer syntax as modules load (`require('ts-node').register()`): a CLI tries them
 * so it can run a project's sources in development, and runs compiled code without them.
 */
const SOURCE_LOADER = /^(?:ts-node|tsconfig-paths|@babel\/register|babel-register|esbuild-register|@swc\/register|@swc-node\/register|tsx|sucrase)(?:\/register)?$/;

/** A `catch` that throws or exits: the load was needed after all. */
function stopsTheProcess(handler: TSESTree.BlockStatement): boolean {
  return someInSubtree(handler, (node) => node.type === 'ThrowStatement' || (node.type === 'CallExpression' && getCalleeName(node) === 'process.exit'));
}

/**
 * `try { inherits = require('util').inherits } catch { inherits = require('inherits') }`: the `catch` runs only where
 * Node's built-in is missing, in a browser bundle; on the server the package is never loaded.
 */
function replacesBuiltin(owner: Node): boolean {
  for (let node: Node | undefined = owner.parent; node && !isFunctionNode(node); node = node.parent) {
    if (node.type !== 'CatchClause') continue;
    return someInSubtree((node.parent as TSESTree.TryStatement).block, (child) => {
      const module = child.type === 'CallExpression' ? requiredSpecifier(child) : undefined;
      return module !== undefined && isBuiltinModule(module);
    });
  }
  return false;
}

/** Methods of puppeteer's and Playwright's pages that run the function they are given inside the browser. */
const PAGE_SCRIPT_METHOD = /^(?:evaluate|evaluateHandle|evaluateOnNewDocument|\$eval|\$\$eval|waitForFunction|addInitScript)$/;

/** `page.evaluate(() => window.WAPI.getMe())`: browser code a Node module hands to the page it drives. */
function inPageScript(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && current.parent?.type === 'CallExpression' && current.parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      if (PAGE_SCRIPT_METHOD.test(getCalleeProperty(current.parent) ?? '')) return true;
    }
  }
  return false;
}

/** `import(x).then(…).catch(…)`: a load whose failure the code handles. */
function isCaught(owner: Node): boolean {
  for (let node: Node = owner; node.parent?.type === 'MemberExpression' && node.parent.object === node && node.parent.parent?.type === 'CallExpression'; node = node.parent.parent) {
    if (getMemberName(node.parent) === 'catch') return true;
  }
  return false;
}

/** Inside `if`/`?:`/`&&` whose condition is about the environment being development or production. */
function inDevBranch(source: SourceCode, owner: Node): boolean {
  let child: Node = owner;
  for (let parent = owner.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent) && DEV_FUNCTION.test(functionName(parent) ?? '')) return true;
    if (parent.type === 'IfStatement' && parent.test !== child && DEV_CONDITION.test(source.getText(parent.test))) return true;
    if (parent.type === 'ConditionalExpression' && parent.test !== child && DEV_CONDITION.test(source.getText(parent.test))) return true;
    if (parent.type === 'LogicalExpression' && parent.right === child && DEV_CONDITION.test(source.getText(parent.left))) return true;
  }
  return false;
}

function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
