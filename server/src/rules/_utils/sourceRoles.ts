/**
 * What a source file is for: production server code, a developer tool (build and test
 * configuration, scripts run by developers or CI), or code that ships to browsers. Only
 * production server code can break a factor; the others are left alone.
 */
import { basename, normalize, sep } from 'node:path';
import type { FileSummary } from '../../engine/rule';
import { scriptTargets } from '../../project/entryPoints';
import type { ProjectFacts } from '../../project/facts';
import { isServerCommandModule } from './cliCommands';
import { toEnvName } from './env';
import { projectPath, reachableFiles, resolveEntryPoint, resolveImport } from './modules';

/** Configuration of build, lint and test tools, and their setup files. */
const TOOLING_CONFIG = [
  // Named after the tool: `default.config.js` or `app.config.js` is the app's own config.
  /(?:^|\/)(?:webpack|vite|vitest|jest|babel|rollup|esbuild|tsup|swc|postcss|tailwind|eslint|prettier|stylelint|commitlint|lint-staged|next|nuxt|svelte|astro|remix|gatsby|vue|quasar|playwright|cypress|karma|wdio|nodemon|ecosystem|metro|craco|turbo|knip|release|docusaurus|storybook|drizzle|knexfile|typedoc|nx|lerna|ava|mocha|c8|nyc)(?:\.[\w-]+)?\.config\.[cm]?[jt]s$/i,
  /(?:^|\/)(?:gulpfile|gruntfile|jakefile)(?:\.[\w-]+)*\.[cm]?[jt]s$/i,
  /(?:^|\/)\.[\w-]+rc\.[cm]?[jt]s$/,
  /(?:^|\/)(?:vitest|jest|mocha|ava|karma|playwright|cypress|wdio)[.-][\w.-]*\.[cm]?[jt]s$/,
  /(?:^|\/)(?:setup-?tests?|test-?setup|global-?setup|global-?teardown)\.[cm]?[jt]s$/i,
  // A folder of bundler configuration: errsole's `lib/web/webpack/website.config.js`.
  /(?:^|\/)(?:webpack|rollup|vite)\/[\w.-]*\.config\.[cm]?[jt]s$/i,
];

/**
 * Folders of scripts developers run by hand or from CI, and of development servers and watchers:
 * `scripts/`, `dev/` and `watch/` anywhere; `tools/`, `tasks/` and
 * `debug/` at the root. Deeper down, `tools/` are more often the app's own (AI or MCP tools in `dist/modules/mcp/tools/`).
 */
const DEV_FOLDERS = /(?:^|\/)(?:scripts|dev|watch)\/|^(?:tools|tasks|debug)\/|(?:^|\/)(?:\.storybook|\.github|\.husky|\.vscode|\.devcontainer)\//;

/** Folders whose code is bundled for browsers. */
const BROWSER = /(?:^|\/)(?:client|frontend|browser|public|static|www|assets|webapp|web-app|ui|gui)\//i;

/**
 * package.json script names for work outside the run stage: building, testing, releasing,
 * developer servers and CI chores (`release-beta`, `deploy-demo-server`, `test:e2e`, `checkout-pr`).
 */
const NOT_RUN_SCRIPT =
  /(?:^|[:_-])(?:release|deploy|upload|download|publish|changelog|version|bump|build|compile|bundle|test|tests|e2e|lint|format|fmt|dev|develop|watch|storybook|explorer|playground|sandbox|docs?|coverage|bench|benchmark|ci|pr|rebase|checkout|nightly|beta|artifacts?|docker|prepare|setup|bootstrap|clean|mock|demo|example|simple|generate|codegen|typecheck)(?=$|[:_-])/;

/** `webpack.config.js`, `.eslintrc.js`, `gulpfile.js`, `vitest.setup.ts`: configuration of developer tools. */
export function isToolingConfigFile(root: string, path: string): boolean {
  const rel = projectPath(root, path);
  return TOOLING_CONFIG.some((pattern) => pattern.test(rel));
}

/**
 * Tooling configuration, `scripts/`/`tools/` folders, and files that package.json runs only from
 * scripts that build, test, release or serve development (`"release": "node extra/release.mjs"`).
 */
export function isDevOnlyFile(project: ProjectFacts, path: string): boolean {
  const rel = projectPath(project.root, path);
  return isToolingConfigFile(project.root, path) || DEV_FOLDERS.test(rel) || DEV_FILES.test(rel) || TEST_SUPPORT.test(rel) || MAINTAINER_TOOL.test(rel) || devScriptFiles(project).has(rel);
}

/**
 * A development server, wherever it sits: `core/DevServer.js` (Cube's playground), `plugins/dev-server.js`, `bin/dev-server`;
 * and a maintainer's release-notes script (`js/releasenotes.js`, MagicMirror).
 */
const MAINTAINER_TOOL = /(?:^|\/)(?:dev[-_]?server(?:\.[cm]?[jt]s)?|release[-_]?notes\.[cm]?[jt]s)$/i;

/** Helpers a test suite loads, wherever they sit: `auth/testhelp.js`, `lib/test-helpers.ts`, `src/testUtils.js`, `listen/listener-test-utils.js`. */
const TEST_SUPPORT = /(?:^|\/|[-_.])test[-_]?(?:help(?:ers?)?|utils?|support|fixtures?)\.[cm]?[jt]s$/i;

/**
 * Release and scaffolding tooling and usage examples at the root or in bin/ (`bin/release.js`, `publish.mjs`, `example.js`,
 * `bin/create-migration.js`), and the helpers in
 * bin/'s subfolders (`bin/doc/html.js`): a package's own commands are the files directly in bin/, or in its
 * command folder (`bin/commands/start.js`).
 */
const DEV_FILES = /^(?:bin\/)?(?:release|deploy|publish|changelog|bump|version-bump|examples?|demo|sample|(?:create|generate|new|make|scaffold)[-_](?:migration|component|module|plugin|theme))(?:[.-][\w.-]*)?\.[cm]?[jt]s$|^bin\/(?!commands?\/)[^/]+\//;

interface ScriptFiles {
  /** Files run only by scripts outside the run stage, relative to the root. */
  readonly dev: ReadonlySet<string>;
  /** Entry points and files run by the other scripts. */
  readonly run: ReadonlySet<string>;
}

const scriptFilesCache = new WeakMap<ProjectFacts, ScriptFiles>();

function scriptFiles(project: ProjectFacts): ScriptFiles {
  let files = scriptFilesCache.get(project);
  if (!files) {
    const dev = new Set<string>();
    const run = new Set<string>();
    for (const [name, command] of Object.entries(project.packageJson?.scripts ?? {})) {
      for (const target of scriptTargets(command)) (NOT_RUN_SCRIPT.test(name) ? dev : run).add(posix(target));
    }
    for (const entry of project.entryPoints) run.add(posix(entry));
    files = { dev: new Set([...dev].filter((file) => !run.has(file))), run };
    scriptFilesCache.set(project, files);
  }
  return files;
}

function devScriptFiles(project: ProjectFacts): ReadonlySet<string> {
  return scriptFiles(project).dev;
}

function posix(path: string): string {
  return normalize(path).split(sep).join('/').replace(/^\.\//, '');
}

/**
 * Dev-only files (scaffolders and local modules the app expects to be missing included), plus the modules that only dev-only files import: the helpers of a release
 * script (`extra/release/lib.mjs` imported by `extra/release/release.mjs`). A module counts only
 * when it sits in the same top-level folder as a dev-only file that reaches it and nothing the
 * app runs reaches it, so shared production modules are never excused.
 */
export function devOnlyFiles(project: ProjectFacts, files: ReadonlyMap<string, { readonly summary: FileSummary }>): Set<string> {
  const paths = new Set(files.keys());
  const optional = new Map([...files].map(([path, { summary }]) => [path, optionalLocalImports(summary.text)]));
  // What the app runs is followed through its imports, except the modules it expects may be missing.
  const importsOf = (file: string) => (files.get(file)?.summary.imports ?? []).filter((specifier) => !optional.get(file)?.has(specifier));
  const optionalModules = new Set([...optional].flatMap(([file, specifiers]) => [...specifiers].map((specifier) => resolveImport(file, specifier, paths))));
  const devRoots = [...paths].filter((path) => isDevOnlyFile(project, path) || isDevCommand(project.root, path) || isScaffolder(path, files.get(path)?.summary.text) || optionalModules.has(path));
  const scriptRoots = [...scriptFiles(project).run].map((entry) => resolveEntryPoint(project.root, entry, paths)).filter((file): file is string => file !== undefined);
  // The CLI command that starts the server runs the app as surely as `npm start` (`dist/commands/start.js`).
  const runRoots = [...scriptRoots, ...[...paths].filter((path) => isServerCommandModule(projectPath(project.root, path)))];
  // A CLI loads all its commands, but running the app goes through none of the developer ones.
  const devCommands = new Set(devRoots.filter((path) => isDevCommand(project.root, path)));
  const runningImportsOf = (file: string) => importsOf(file).filter((specifier) => !devCommands.has(resolveImport(file, specifier, paths) ?? ''));
  const running = new Set(runRoots.flatMap((root) => [...reachableFiles(root, runningImportsOf, paths)]));
  const result = new Set(devRoots);
  for (const root of devRoots) {
    const folder = projectPath(project.root, root).split('/')[0];
    for (const file of reachableFiles(root, importsOf, paths)) {
      if (!running.has(file) && projectPath(project.root, file).startsWith(`${folder}/`)) result.add(file);
    }
  }
  return result;
}

/**
 * The modules of a CLI's developer commands: `cli/commands/develop.mjs`, `commands/build.js`,
 * `commands/plugin/watch.ts`. Only these few names: what a command module reaches counts as developer
 * code, and a CLI that loads its commands by name reaches much of the app through any of them.
 */
const DEV_COMMAND = /(?:^|\/)commands?\/(?:[\w-]+\/)*(?:build|develop|dev|watch(?:[A-Z_-]\w*)?)(?:\.[\w-]+)?\.[cm]?[jt]s$/;

function isDevCommand(root: string, path: string): boolean {
  return DEV_COMMAND.test(projectPath(root, path));
}

/**
 * Runs `npm init` or a plain `git init`: with a generator's name, it scaffolds a new project (`GenHubot.mjs` behind
 * `hubot --create`, gatsby's `init-starter.js` behind `gatsby new`). `git init --bare` makes a repository a git server keeps.
 */
const SCAFFOLDS = /(['"`])(?:npm|yarn|pnpm)\1\s*,\s*\[\s*(['"`])init\2|(['"`])(?:npm|yarn|pnpm) init\b|(['"`])git init(?! --bare)\b/;
const GENERATOR_NAME = /^(?:gen|generat|create|scaffold|new|init)/i;

export function isScaffolder(path: string, text: string | undefined): boolean {
  return text !== undefined && GENERATOR_NAME.test(basename(path)) && SCAFFOLDS.test(text);
}

/**
 * `try { require('./browser-control/setup') } catch (e) { if (e.code !== 'MODULE_NOT_FOUND') … }`:
 * a local module the app expects a production build to leave out.
 */
const OPTIONAL_LOCAL_REQUIRE = /\btry\s*\{[^{}]*?\brequire\(\s*['"`](\.{1,2}\/[^'"`]+)['"`]\s*\)[^{}]*\}\s*catch\b[\s\S]{0,400}?MODULE_NOT_FOUND/g;

function optionalLocalImports(text: string | undefined): ReadonlySet<string> {
  if (text === undefined || !text.includes('MODULE_NOT_FOUND')) return new Set();
  return new Set([...text.matchAll(OPTIONAL_LOCAL_REQUIRE)].map((match) => match[1]));
}

/** What a project rule collected in the files that run in production, each with its file: for rules whose check only leaves developer tools alone. */
export function productionFindings<T>(project: ProjectFacts, files: ReadonlyMap<string, { readonly summary: FileSummary; readonly collected: readonly T[] }>): [path: string, finding: T][] {
  const devOnly = devOnlyFiles(project, files);
  return [...files].filter(([path]) => !devOnly.has(path)).flatMap(([path, { collected }]) => collected.map((finding): [string, T] => [path, finding]));
}

/** Folders of one-off admin scripts, and of migrations and seeds. */
const ADMIN_FOLDERS = /(?:^|\/)(?:scripts|bin|tasks|migrations|seeds|seeders)\//;
/** Words in a file name that make it an admin task: `backfill-orders.js`, `seed.ts`, `migrate_users.js`. */
const ADMIN_NAME_WORDS = new Set(['BACKFILL', 'SEED', 'SEEDS', 'SEEDER', 'MIGRATE', 'MIGRATION']);

/** Files that hold admin tasks: under `scripts/`, `bin/`, `tasks/`, `migrations/`, or named after a task. */
export function isAdminScriptFile(root: string, path: string): boolean {
  return ADMIN_FOLDERS.test(projectPath(root, path)) || isAdminTaskFile(root, path);
}

/**
 * Files that are one-off tasks of the release by their name or folder (`scripts/backfill.js`,
 * `migrations/001.js`): unlike other developer scripts, they run in production with its dependencies.
 */
export function isAdminTaskFile(root: string, path: string): boolean {
  const rel = projectPath(root, path);
  if (/(?:^|\/)(?:migrations|seeds|seeders)\//.test(rel)) return true;
  const name = rel.split('/').pop()!.replace(/\.[^.]*$/, '');
  return toEnvName(name).split('_').some((word) => ADMIN_NAME_WORDS.has(word));
}

/** JSX/TSX components and code under client-side folders (`client/`, `public/`, `frontend/`…). */
/** Modules that exist only in Node: a file that loads one runs on the server, whatever folder it sits in. */
export const NODE_ONLY_IMPORT = /(?:require\s*\(\s*|from\s*)['"`](?:node:)?(?:child_process|fs|fs\/promises|net|http|https|http2|cluster|worker_threads|dgram|tls|dns|readline|v8|vm)['"`]/;

/**
 * JSX files, files in folders bundled for browsers (`client/`, `public/`, `static/`) and files that
 * import a UI framework, unless the text shows Node-only modules (etherpad keeps server code in
 * `static/js/pluginfw/`).
 */
export function isBrowserFile(root: string, path: string, text?: string): boolean {
  if (text === undefined) return isBrowserPath(root, path);
  // A dozen rules ask about the same file in a row: its text is read once.
  if (lastTextCheck?.root !== root || lastTextCheck.path !== path || lastTextCheck.text !== text) {
    const browser = isBrowserifyBundle(text) || (!NODE_ONLY_IMPORT.test(text) && (isBrowserPath(root, path) || isWebpackBundle(text) || importsFrontendModule(text)));
    lastTextCheck = { root, path, text, browser };
  }
  return lastTextCheck.browser;
}

/**
 * browser-pack's prelude: a browserify bundle, whose `require('../x')` are module ids, not paths. A
 * `--standalone` bundle wraps it in a UMD header (`(function(f){if(typeof exports==="object"…`).
 */
const BROWSERIFY_PRELUDE = /^\s*(?:\(function\(f\)\{if\(typeof exports==="object"[^\n]{0,600}?return )?(?:\(function\(\)\{function r\(e,n,t\)\{|\(function e\(t,n,r\)\{function s\(o,u\)\{)/;

/** A browserify bundle: many modules in one file, required by module id. */
export function isBrowserifyBundle(text: string): boolean {
  return BROWSERIFY_PRELUDE.test(text);
}

/**
 * webpack's runtime: a bundle with no Node-only module among its externals is built for browsers
 * (a bundle for Node keeps `require("fs")` and the like).
 */
const WEBPACK_RUNTIME = /\/\/ webpackBootstrap\b|\b__webpack_require__\b/;

function isWebpackBundle(text: string): boolean {
  return WEBPACK_RUNTIME.test(text);
}

let lastTextCheck: { readonly root: string; readonly path: string; readonly text: string; readonly browser: boolean } | undefined;

function isBrowserPath(root: string, path: string): boolean {
  const rel = projectPath(root, path);
  return /\.[jt]sx$/.test(rel) || BROWSER.test(rel);
}

const IMPORTED_MODULE = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)['"`]([^'"`\n]+)['"`]/gm;

/** A Vue mixin or React hook kept under `src/` beside the server: it imports a UI framework. */
function importsFrontendModule(text: string): boolean {
  for (const match of text.matchAll(IMPORTED_MODULE)) if (isFrontendModule(match[1])) return true;
  return false;
}

/** UI frameworks: a file that imports one is browser code. */
const FRONTEND_MODULE = /^(?:vue|vue-[\w-]+|vuex|pinia|jquery|backbone|react|react-dom|react-[\w-]+|preact|svelte|solid-js|@angular\/[\w-]+|@vue\/[\w-]+|@fortawesome\/vue-fontawesome|@mui\/[\w-]+|@emotion\/react|styled-components|antd|@ant-design\/[\w-]+|element-ui|element-plus|vuetify|redux-saga|@reduxjs\/toolkit|dva)(?:\/|$)/;

export function isFrontendModule(specifier: string): boolean {
  return FRONTEND_MODULE.test(specifier);
}
