/**
 * Factor XII: migrations, seeds and backfills are one-off admin processes, run once per release
 * against the same code and config, as a separate command. Run by the web process at boot, they run
 * again in every instance and on every restart, race each other, slow or block startup, and cannot
 * be run (or re-run) on their own. A task that also has its own command is the team's choice to
 * automate it: only boot tasks with no one-off command are reported.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { basename, extname, join } from 'node:path';
import { defineProjectRule } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node, OffsetRange } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import { findProperty, getCalleeProperty, getMemberPath, getPropertyName, getStaticString, isFunctionNode, type FunctionNode } from '../_utils/ast';
import { guardingIfs, inDevelopmentOnlyBranch } from '../_utils/branches';
import { assignedFunctionName, CallGraphBuilder, callSiteOf, callText, emptyCallGraph, foundFrom, isBootFunctionName, referenceSiteOf, resolveCall, runsWhereWritten, type CallSite, type FileCallGraph } from '../_utils/callGraph';
import { toEnvName } from '../_utils/env';
import { entryFiles, projectPath, reachableFiles, resolveEntryPoint, resolveImport, withModuleTwins } from '../_utils/modules';
import { isHttpServerModule } from '../_utils/servers';
import { devOnlyFiles } from '../_utils/sourceRoles';

type TaskKind = 'migration' | 'seed' | 'backfill';
type MessageId = 'bootMigration' | 'bootSeed' | 'bootBackfill' | 'bootTaskCall' | 'bootFileBackfill';

interface BootTask {
  readonly range: OffsetRange;
  readonly kind: TaskKind;
}

/** What a file contributes. Plain data: it crosses scan workers. */
interface BootFacts {
  tasks: BootTask[];
  /** Calls `.listen(…)`; with a server module among its imports, the file starts a server. */
  listens: boolean;
  /** Calls `listen` on something named like an app or a server (`rootApp.listen(port, host)`): a server start without its module in sight. */
  listensOnApp: boolean;
  /** Guards code with `require.main === module` (or the ESM equivalent): it is also a command. */
  runsAsScript: boolean;
  /** Named functions with the tasks they run and the calls they make, to follow boot calls into other modules. */
  graph: FileCallGraph<BootTask>;
  /** Calls made at boot to named functions, of this file or of an imported module. */
  bootCalls: CallSite[];
  /** Migrations (their `up`) that read files of the local disk into the database: run wherever the migrations run. */
  fileBackfills: OffsetRange[];
}

const MESSAGE: Readonly<Record<TaskKind, MessageId>> = { migration: 'bootMigration', seed: 'bootSeed', backfill: 'bootBackfill' };
const KINDS: readonly TaskKind[] = ['migration', 'seed', 'backfill'];
const TASK_NAME: Readonly<Record<TaskKind, string>> = { migration: 'a migration', seed: 'seeding', backfill: 'a data backfill' };

/** Verbs that run migrations: `migrate()`, `runMigrations()`, `applyPendingMigrations()`, `runStripeMigrations()`, `migrateUserData()`. */
const MIGRATION_CALL = /^(?:(?:run|apply|do|perform|exec|execute|start|process)(?:[A-Z]\w*?)?Migrations?|migrate)([A-Z_]\w*)?$/;
const SEED_CALL = /^(?:(?:run|do|exec|execute|apply)(?:All)?Seed(?:s|ers?)?|seed(?:s|ers?)?)([A-Z_]\w*)?$/;
/**
 * `initAdminUser()`, `createDefaultAdmin()`, `ensureSuperAdmin()`: the first account made by seeding,
 * whatever the verb; `importFromFile(path)`: data loaded from a file; `createDefaultsWorkflow(container)`:
 * the default records (store, channel, regions) inserted.
 */
const SEED_LIKE_CALL = /^(?:(?:init|create|ensure|seed)(?:Default|Initial|First)?(?:Super)?Admin(?:istrator)?(?:User)?|import(?:Data|State)?From(?:File|Dump)|(?:create|seed|insert)Defaults(?:Workflow)?)$/;
/** `stateService.importFile({ file })`: a file imported by the data layer; `this.importFile(path)` may load a module. */
const DATA_LAYER = /(?:service|store|repository|db|database)$/i;
const RECOMPUTE_CALL = /^(?:recalculate|recompute|rehash|reindex)[A-Z]\w*$/;
/** `db.models.Device`, `this.userRepository`: the models of the app's database. */
const MODEL_RECEIVER = /(?:^|\.)(?:db|database|models?|\w*[rR]epository)(?:\.|$)/;
const BACKFILL_CALL = /^(?:(?:run|do|exec|execute|apply|start)Backfills?|backfill(?:s)?)([A-Z_]\w*)?$/;
/** `runStripeMigrations()`: migrations named for a domain move data, unlike the schema's (`runPendingMigrations()`). */
const DATA_MIGRATION = /^(?:run|apply|do|perform|exec|execute|start|process)(?!(?:All|Pending|Db|Database|Schema|Knex|Sequelize|TypeOrm|Typeorm|Prisma|Mongo|Sql|Up|Down|Latest)?Migrations?(?:[A-Z_]|$))[A-Z]\w*?Migrations?$/;
/** Calls that put work on a timer: `scheduler.schedule(job, interval)`, `setInterval(job, ms)`. */
const SCHEDULE_CALL = /^(?:schedule\w*|setInterval|cron|every)$/;
const RUNS_TASKS = /^(?:run|install|apply|exec|execute|perform|process)(?:[A-Z]\w*)?$/;
/** Lists of one-off tasks by the name they are kept under; installations are data set up once per environment. */
const HANDED_TASKS: Readonly<Record<string, TaskKind>> = { installations: 'migration', migrations: 'migration', seeds: 'seed', seeders: 'seed', backfills: 'backfill' };
/** Text without which a file has no admin task to report nor boot code to follow. */
const BOOT_TASK_TEXT = /\.listen\s*\(|migrat|seed|backfill|require\(\s*['"]\.{1,2}\/[^'"]*['"]\s*\)\s*\(|\.sync\s*\(|synchronize|\.autoupdate\s*\(|umzug|Admin(?:istrator)?(?:User)?\s*\(|import\w*File\s*\(|Defaults(?:Workflow)?\)?\s*\(/i;
/** A folder of migrations: what its modules write to the database is a data migration wherever it is called from. */
const MIGRATIONS_FOLDER = /(?:^|\/)migrations?\//i;
/** Methods that write rows: `db.query(uid).updateMany(…)`, `knex('users').update(…)`, `trx(table).insert(row)`. */
const DATA_WRITE_METHOD = String.raw`(?:(?:update|delete|insert|upsert)(?:Many|One)?|replaceOne|createMany|bulk(?:Write|Insert|Update|Delete|Create)|destroy|truncate)`;
const DATA_WRITE = new RegExp(`^${DATA_WRITE_METHOD}$`);
/**
 * Modules of a migrations folder worth reading whatever they say: those that write rows, those
 * that load sibling modules, through which boot code reaches the writes, and those that read files.
 * Schema-only migration files (`db.runSql(…)`), often hundreds, are left unparsed.
 */
const MIGRATION_MODULE_TEXT = new RegExp(String.raw`\.${DATA_WRITE_METHOD}\s*\(|(?:require|import)\s*\(\s*['"]\.|from\s+['"]\.|\breadFile`);
/** Receivers that are a database, a table or a query on one (a query builder is a call: `knex('users')`, or held in `qb`), not a Map or a Set. */
const DATA_STORE = /(?:^|\.)(?:db|database|knex|trx|transaction|connection|\w*repository|repo|model|collection|table|query\w*|qb)$/i;
/** Dependencies whose CLI runs the app's migrations on its own (`knex-migrator migrate`, `db-migrate up`). */
const MIGRATION_CLIS = new Set(['knex-migrator', 'db-migrate', 'node-pg-migrate', 'migrate-mongo', 'sequelize-cli', 'prisma', '@mikro-orm/cli']);
/**
 * Suffixes of names that ask about a task rather than run it (`migrationStatus`, `migrateDir`,
 * `seedRandom`), or that upgrade the app's own settings files rather than data (`migrateToMultipleConfigFiles`).
 */
const NOT_A_RUN = /^_?(?:Status|Check|Needed|Required|Count|Table|Dir|Path|Lock|List|Exists?|Config|Source|Name|Info|Files?|Random|Rng|Prng|Value)|(?:Config|Configs|Settings)(?:Files?)?$/;
/** `config = migrate(config)`: a migration whose result replaces the settings it was handed upgrades the settings, not the data (`migrateDb(config)` is handed them to reach the database). */
function migratesSettings(call: TSESTree.CallExpression): boolean {
  const [first] = call.arguments;
  const assignment = call.parent;
  return first?.type === 'Identifier' && assignment?.type === 'AssignmentExpression' && assignment.left.type === 'Identifier' && assignment.left.name === first.name;
}

/** Receivers whose `seed()` seeds a random generator, not a database. */
const RANDOM_SOURCE = /faker|chance|random|rng|prng|math|casual/i;

/** Callbacks that run during startup when the call that takes them does. */
const BOOT_CALLBACKS = new Set(['then', 'catch', 'finally', 'listen', 'ready', 'after', 'register', 'setImmediate', 'nextTick', 'setTimeout', 'Promise', 'transaction']);
const BOOT_EVENTS = new Set(['open', 'connect', 'connected', 'ready', 'listening']);
const APP_RECEIVER = /(?:^|\.)(?:\w*[aA]pp|\w*[sS]erver)$/;
const SCRIPT_GUARD = /require\.main\s*===?\s*module|module\s*===?\s*require\.main|import\.meta\.main\b|process\.argv\[1\][^;\n]*import\.meta\.url|import\.meta\.url[^;\n]*process\.argv\[1\]/;
const SCRIPT_GUARD_TEST = /require\.main|import\.meta\.main|process\.argv/;
/** `if (args['migrate-config'])`, `if (argv.seed)`: a command-line option that runs the task instead of the server. */
const TASK_OPTION_GUARD = /\b(?:args|argv|opts|options|flags|program|cli|command)\b[^;]*(?:migrat|seed|backfill)/i;

/** package.json script names or commands that run each kind of task on its own. */
const COMMAND_WORDS: Readonly<Record<TaskKind, RegExp>> = {
  migration: /migrat|\bdb:(?:up|push|sync|setup)\b|\bschema:(?:sync|update)\b|\bsync[-:_]?db\b|\bdb[-:_]sync\b|prisma\s+db\s+push|umzug/i,
  seed: /seed/i,
  backfill: /backfill/i,
};
/** Words in a script file's name that say which task it runs: `scripts/migrate.js`, `db/seed-users.ts`. */
const FILE_WORDS: Readonly<Record<TaskKind, ReadonlySet<string>>> = {
  migration: new Set(['MIGRATE', 'MIGRATION', 'MIGRATIONS', 'MIGRATOR']),
  seed: new Set(['SEED', 'SEEDS', 'SEEDER', 'SEEDERS']),
  backfill: new Set(['BACKFILL', 'BACKFILLS']),
};
const COMMAND_FOLDER = /(?:^|\/)(?:scripts|bin|tasks|commands|cli)\//;
/** Scripts that start the app, or that only developers and CI run (`test:migrations` tests them, it does not run them). */
const NOT_A_COMMAND_SCRIPT = /^(?:(?:pre|post)?start|(?:pre|post)?(?:test|lint|format|typecheck|watch|dev|build|clean|coverage|e2e))(?:$|[:_-])/;
/** `seed:serve: "DB=seed yarn run start:dev"`: a script that only runs one of those is one of them. */
const RUNS_NOT_A_COMMAND = /^(?:\w+=\S*\s+)*(?:npm|yarn|pnpm)\s+(?:run\s+)?(?:pre|post)?(?:start|test|dev|watch|build)(?:[:_-]\S*)?\s*$/;
/** A bin meant for operators rather than the server: `app-admin`, `manage`, `appctl`, `app-migrate`. */
const ADMIN_BIN = /admin|manage|ctl\b|ctl$|tasks?\b|console/i;

export default defineProjectRule<MessageId, BootFacts>({
  id: 'admin-processes/no-boot-time-admin-task',
  severity: 'warning',
  description: 'Migrations, seeds and backfills run by the web process at boot, with no one-off command to run them.',
  triggers: (text, project, path) => BOOT_TASK_TEXT.test(text) || (MIGRATION_MODULE_TEXT.test(text) && isInMigrationsFolder(project.root, path)),
  messages: {
    bootMigration:
      'This migration runs inside the web process at boot, and nothing in package.json or the Procfile runs it on its own. Every instance and every restart runs it again, racing the others: make it a one-off command (a `migrate` script, a Procfile `release:` process) run once per release.',
    bootSeed:
      'The web process seeds data at boot, and there is no one-off command for it. Seeding is an admin task: run it once, as its own command against the release (a `seed` script), not in every instance on every start.',
    bootBackfill:
      'This data backfill runs inside the web process at boot, with no one-off command to run it. Every instance repeats it on every start: make it an admin command (a package.json script) run once against the release.',
    bootFileBackfill:
      'This migration moves data from files on the local disk into the database, and the web process runs the migrations at boot with no one-off command for them. Each instance has a disk of its own: the instance that happens to start first decides what is copied, and files on the others are never read. Make it an admin command run once against the release, where the files are.',
    bootTaskCall:
      '`{{call}}` runs {{task}} ({{file}}) inside the web process at boot, and nothing in package.json or the Procfile runs it on its own. Every instance and every restart repeats it: make it a one-off admin command run once per release.',
  },
  initial: () => ({ tasks: [], listens: false, listensOnApp: false, runsAsScript: false, graph: emptyCallGraph(), bootCalls: [], fileBackfills: [] }),
  collect({ source, project, collected }) {
    const traits: ModuleTraits = { usesSequelize: /['"`]sequelize(?:-typescript)?['"`]/.test(source.text), inMigrationsFolder: isInMigrationsFolder(project.root, source.path) };
    const graph = new CallGraphBuilder<BootTask>();
    const bootCalls: CallSite[] = [];
    // Every call asks where it runs: what each function contributes is worked out once.
    const functionPlacements = new Map<Node, Placement>();
    let bootNames: ReadonlySet<string> = new Set();
    return {
      Program: (node) => {
        bootNames = namesCalledAtBoot(source, node as TSESTree.Program);
        graph.readProgram(node as TSESTree.Program);
        collected.runsAsScript = SCRIPT_GUARD.test(source.text);
      },
      CallExpression: (node) => {
        const call = node as TSESTree.CallExpression;
        if (getCalleeProperty(call) === 'listen') {
          collected.listens = true;
          if (call.callee.type === 'MemberExpression' && APP_RECEIVER.test(source.getText(call.callee.object))) collected.listensOnApp = true;
        }
        const { atBoot, owner } = placement(source, call, bootNames, functionPlacements);
        const kind = adminTaskKind(source, call, traits);
        if (kind) {
          const task = { range: call.range, kind };
          if (atBoot) collected.tasks.push(task);
          if (owner) graph.addFound(owner, task);
          return;
        }
        for (const site of callSitesOf(call)) {
          if (atBoot) bootCalls.push(site);
          if (owner) graph.addCall(owner, site);
        }
      },
      VariableDeclarator: (node) => graph.readDeclarator(node as TSESTree.VariableDeclarator),
      MethodDefinition: (node) => {
        const method = node as TSESTree.MethodDefinition;
        if (traits.inMigrationsFolder && getPropertyName(method.key) === 'up' && movesFilesIntoDatabase(source, method.value)) collected.fileBackfills.push(method.range);
      },
      Property: (node) => {
        const property = node as TSESTree.Property;
        if (!isSchemaMigratingOption(property) || inDevelopmentOnlyBranch(source, property)) return;
        const { atBoot, owner } = placement(source, property, bootNames, functionPlacements);
        const task = { range: property.range, kind: 'migration' as const };
        if (atBoot) collected.tasks.push(task);
        if (owner) graph.addFound(owner, task);
      },
      AssignmentExpression: (node) => graph.readExport(node as TSESTree.AssignmentExpression),
      'Program:exit': () => {
        collected.bootCalls = bootCalls.filter((site) => graph.canResolve(site));
        collected.graph = graph.build();
      },
    };
  },
  check({ project, files, report }) {
    const paths = new Set(files.keys());
    const importsOf = (file: string) => files.get(file)?.summary.imports ?? [];
    // The server module may be loaded by a helper the listening file imports (`./http-server` wrapping `http`).
    const loadsServerModule = (file: string) => importsOf(file).some((specifier) => isHttpServerModule(specifier) || importsOf(resolveImport(file, specifier, paths) ?? '').some(isHttpServerModule));
    const serves = (file: string) => {
      const { listens, listensOnApp } = files.get(file)!.collected;
      return listensOnApp || (listens && loadsServerModule(file));
    };
    const servers = [...entryFiles(project.root, project.entryPoints, paths, importsOf, serves), ...serverCommands(project.root, paths)]
      .map((entry) => ({ entry, reachable: bootFiles(project.root, entry, importsOf, paths, serves) }))
      .filter(({ reachable }) => [...reachable].some(serves));
    const serverModules = new Set(servers.flatMap(({ reachable }) => [...reachable]));
    const commands = oneOffCommands(project, files, new Set(servers.map(({ entry }) => entry)), serverModules, devOnlyFiles(project, files));
    const graphOf = (file: string) => files.get(file)?.collected.graph;
    const reported = new Set<string>();
    const reportOnce = (file: string, range: OffsetRange, messageId: MessageId, data?: Record<string, string>) => {
      const key = `${file}:${range[0]}`;
      if (reported.has(key)) return;
      reported.add(key);
      report(file, { at: range, messageId, data });
    };
    let migratesAtBoot = false;
    const reportTasks = (file: string, tasks: readonly BootTask[]) => {
      for (const task of tasks.filter(({ kind }) => !commands.has(kind))) {
        migratesAtBoot ||= task.kind === 'migration';
        reportOnce(file, task.range, MESSAGE[task.kind]);
      }
    };
    for (const file of withModuleTwins(servers.flatMap(({ reachable }) => [...reachable]), paths)) {
      const { tasks, bootCalls } = files.get(file)!.collected;
      reportTasks(file, tasks);
      for (const site of bootCalls) {
        const target = resolveCall(file, site, graphOf, paths);
        if (!target) continue;
        const reached = foundFrom(target, graphOf, paths).filter(({ item }) => !commands.has(item.kind));
        for (const { file: taskFile, item } of reached) reportTasks(taskFile, [item]);
        if (target.file === file || reached.length === 0) continue;
        const [first] = reached;
        reportOnce(file, site.range, 'bootTaskCall', { call: callText(site), task: TASK_NAME[first.item.kind], file: projectPath(project.root, first.file) });
      }
    }
    // The migrations folder is run as a whole (by the ORM's migration list), so its modules are not reached by calls.
    if (!migratesAtBoot || commands.has('backfill')) return;
    for (const [file, { collected }] of files) for (const range of collected.fileBackfills) reportOnce(file, range, 'bootFileBackfill');
  },
});

/**
 * What a server entry loads on its way to serving. A bin that dispatches commands (`if (command ===
 * 'install') await import('./install/index.js')`) also imports the others: a command module in a
 * command folder that reaches no server is a one-off command, not boot code.
 */
function bootFiles(root: string, entry: string, importsOf: (file: string) => readonly string[], paths: ReadonlySet<string>, serves: (file: string) => boolean): Set<string> {
  const targets = importsOf(entry).map((specifier) => resolveImport(entry, specifier, paths)).filter((file): file is string => file !== undefined);
  const commands = targets.filter((target) => COMMAND_FOLDER.test(projectPath(root, target)));
  // One module in a command folder is a helper the entry runs; several are the commands it dispatches to.
  if (commands.length < 2) return reachableFiles(entry, importsOf, paths);
  const boot = new Set([entry]);
  for (const target of targets) {
    const reached = reachableFiles(target, importsOf, paths);
    if (commands.includes(target) && ![...reached].some(serves)) continue;
    for (const file of reached) boot.add(file);
  }
  return boot;
}

/** `commands/start.js`, `commands/worker.js`: commands a CLI framework (oclif, yargs) loads by folder, each starting a process. */
const SERVER_COMMAND = /(?:^|\/)commands\/(?:start|serve|server|web|webhook|worker)\.[cm]?[jt]s$/;

function serverCommands(root: string, paths: ReadonlySet<string>): string[] {
  return [...paths].filter((path) => SERVER_COMMAND.test(projectPath(root, path)));
}

function isInMigrationsFolder(root: string, path: string): boolean {
  return MIGRATIONS_FOLDER.test(projectPath(root, path));
}

interface ModuleTraits {
  readonly usesSequelize: boolean;
  readonly inMigrationsFolder: boolean;
}

/** The functions a call runs: the one it calls, and those it is handed to run at boot (`.then(migrate)`, `hook('afterSync').register(migrations.enable)`). */
function callSitesOf(call: TSESTree.CallExpression): CallSite[] {
  const called = callSiteOf(call);
  const handed = isBootCallback(call) ? call.arguments.flatMap((argument) => referenceSiteOf(argument) ?? []) : [];
  return called ? [called, ...handed] : handed;
}

/** The kind of admin task a call runs, if it runs one. */
function adminTaskKind(source: SourceCode, call: TSESTree.CallExpression, { usesSequelize, inMigrationsFolder }: ModuleTraits): TaskKind | undefined {
  const name = getCalleeProperty(call);
  if (!name) return undefined;
  const receiver = call.callee.type === 'MemberExpression' ? source.getText(call.callee.object) : undefined;
  if (receiver !== undefined) {
    if (name === 'sync' && isSchemaSync(call, receiver, usesSequelize)) return 'migration';
    if (name === 'synchronize' && /dataSource|connection|orm/i.test(receiver)) return 'migration';
    // LoopBack's `dataSources.db.autoupdate()` (a jugglingdb `schema` in older apps) alters the tables to match the models; `automigrate()` drops and recreates them.
    if ((name === 'autoupdate' || name === 'automigrate') && /data[sS]ources?\b|dataSource|(?:^|\.)(?:ds|db|schema)$/i.test(receiver)) return 'migration';
    if ((name === 'up' || name === 'latest') && /migrat|umzug/i.test(receiver)) return 'migration';
    // `db.migrations.providers.internal.register(discardDrafts)`: a migration the framework runs on this start.
    if (name === 'register' && /(?:^|\.)migrations(?:\.|$)/i.test(receiver)) return 'migration';
    // `db.repair.processJoinTables()`: a one-off data repair.
    if (/(?:^|\.)repairs?$/i.test(receiver)) return 'backfill';
    if (name === 'run' && /(?:^|\.)seeds?$|seeder/i.test(receiver)) return 'seed';
  }
  if (inMigrationsFolder && writesData(source, call, name)) return 'migration';
  if (isRun(MIGRATION_CALL, name) && !migratesSettings(call)) return DATA_MIGRATION.test(name) ? 'backfill' : 'migration';
  if (isRun(BACKFILL_CALL, name)) return 'backfill';
  if (isRun(SEED_CALL, name) && !RANDOM_SOURCE.test(receiver ?? '') && !isNumber(call.arguments[0])) return 'seed';
  if (SEED_LIKE_CALL.test(name) || (name === 'importFile' && DATA_LAYER.test(receiver ?? ''))) return 'seed';
  // `server.db.models.Device.recalculateSettingsHashes(false)`: a derived column rewritten for every row.
  if (RECOMPUTE_CALL.test(name) && MODEL_RECEIVER.test(receiver ?? '')) return 'backfill';
  if (SCHEDULE_CALL.test(name) && inMigrationSwitch(source, call)) return 'backfill';
  return tasksHandedToRun(call, name);
}

/** `if (config.enableScheduledCreatedByMigration) scheduler.schedule(…)`: jobs a setting turns on to migrate data, run by the web process. */
function inMigrationSwitch(source: SourceCode, call: Node): boolean {
  return guardingIfs(call).some((guard) => /migrat|backfill/i.test(source.getText(guard.test)));
}

/** `this.install(options.installations)`, `runner.run(config.migrations)`: the app's one-off tasks, handed to a call that runs them. */
function tasksHandedToRun(call: TSESTree.CallExpression, name: string): TaskKind | undefined {
  if (!RUNS_TASKS.test(name)) return undefined;
  const handed = call.arguments[0] && getMemberPath(call.arguments[0])?.at(-1);
  return handed ? HANDED_TASKS[handed] : undefined;
}

const READS_FILE = /^(?:readFile|readFileSync|readdir|readdirSync)$/;
/** SQL that changes rows: `runQuery(\`INSERT INTO ${settings} …\`)`. */
const SQL_WRITE = /^\s*(?:INSERT|UPDATE|DELETE)\s/i;

/** A migration's `up` that reads files (`readFile(this.privateKeyPath)`) and writes rows: data moved off the instance's disk. */
function movesFilesIntoDatabase(source: SourceCode, up: TSESTree.FunctionExpression | TSESTree.TSEmptyBodyFunctionExpression): boolean {
  let reads = false;
  let writes = false;
  walkSubtree(up, (node) => {
    if (node.type !== 'CallExpression') return;
    const name = getCalleeProperty(node) ?? '';
    reads ||= READS_FILE.test(name);
    writes ||= writesData(source, node, name) || SQL_WRITE.test(sqlText(node.arguments[0]) ?? '');
  });
  return reads && writes;
}

function sqlText(argument: Node | undefined): string | undefined {
  return argument?.type === 'TemplateLiteral' ? argument.quasis[0].value.cooked ?? undefined : getStaticString(argument);
}

/** `db.query(uid).updateMany(…)`, `knex('posts').delete()`: a write to the database rather than to a Map or a Set. */
function writesData(source: SourceCode, call: TSESTree.CallExpression, name: string): boolean {
  if (call.callee.type !== 'MemberExpression' || !DATA_WRITE.test(name)) return false;
  const store = call.callee.object;
  return store.type === 'CallExpression' || DATA_STORE.test(source.getText(store));
}

/**
 * TypeORM's `migrationsRun: true`, and `synchronize: true` in ORM connection options: the ORM
 * migrates the schema every time the app connects.
 */
function isSchemaMigratingOption(property: TSESTree.Property): boolean {
  if (property.value.type !== 'Literal' || property.value.value !== true || property.parent.type !== 'ObjectExpression') return false;
  const key = getPropertyName(property.key);
  if (key === 'migrationsRun') return true;
  const options = property.parent;
  return key === 'synchronize' && (findProperty(options, 'entities') !== undefined || findProperty(options, 'type') !== undefined);
}

function isRun(pattern: RegExp, name: string): boolean {
  const match = pattern.exec(name);
  return match !== null && !NOT_A_RUN.test(match[1] ?? '');
}

function isNumber(node: Node | undefined): boolean {
  return node?.type === 'Literal' && typeof node.value === 'number';
}

/**
 * Sequelize's `sync()` (or an ORM's `schema.sync()`), which creates or alters tables to match the models. PouchDB also has a
 * `sync(remote)` (replication), so a receiver that does not name Sequelize needs `alter`/`force`
 * or a file that loads Sequelize.
 */
function isSchemaSync(call: TSESTree.CallExpression, receiver: string, usesSequelize: boolean): boolean {
  if (/pouch|couch|replica/i.test(receiver)) return false;
  const [options] = call.arguments;
  const alters = options?.type === 'ObjectExpression' && options.properties.some((property) => property.type === 'Property' && /^(?:alter|force)$/.test(getPropertyName(property.key) ?? ''));
  // `db.schema.sync()`: ORMs that diff the models against the database schema and alter it.
  if (/(?:^|\.)schema$/i.test(receiver)) return true;
  return /sequelize/i.test(receiver) || alters || (usesSequelize && (!options || options.type === 'ObjectExpression'));
}

/**
 * Where a call runs. `atBoot`: when the module starts, at the top level or in functions that run
 * then (IIFEs, promise callbacks, `listen` callbacks, functions named like `start` or called at the
 * top level). Calls in route handlers, schedulers and event handlers run later; calls in a task's
 * own function (`async function runMigrations()`) are reported where that function is called.
 * `owner`: the named function the call runs in, which boot code elsewhere may call.
 */
function placement(source: SourceCode, node: Node, bootNames: ReadonlySet<string>, cache: Map<Node, Placement>): Placement {
  for (let child: Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isScriptGuarded(source, parent, child)) return SCRIPT_BODY;
    if (!isFunctionNode(parent) || runsWithItsCaller(parent)) continue;
    let found = cache.get(parent);
    if (!found) cache.set(parent, (found = functionPlacement(source, parent, bootNames, cache)));
    return found;
  }
  return { atBoot: true };
}

interface Placement {
  readonly atBoot: boolean;
  readonly owner?: string;
  /** Inside the body of a `require.main === module` guard: the file's own command, owned by no function. */
  readonly scriptBody?: boolean;
}

const SCRIPT_BODY: Placement = { atBoot: false, scriptBody: true };

/** Where the calls of a function run: at boot when it and every function around it run then. */
function functionPlacement(source: SourceCode, fn: FunctionNode, bootNames: ReadonlySet<string>, cache: Map<Node, Placement>): Placement {
  const name = assignedFunctionName(fn);
  if (!name) return { atBoot: false };
  const around = placement(source, fn, bootNames, cache);
  if (around.scriptBody) return SCRIPT_BODY;
  const runsAtBoot = !isTaskName(name) && (bootNames.has(name) || isBootFunctionName(name) || isServiceConstructor(fn));
  return { atBoot: around.atBoot && runsAtBoot, owner: name };
}

/** `class UserService { constructor() { … } }`: services are made once, as the app starts. */
function isServiceConstructor(fn: FunctionNode): boolean {
  const method = fn.parent;
  if (method?.type !== 'MethodDefinition' || method.kind !== 'constructor') return false;
  const owner = method.parent.parent;
  return (owner.type === 'ClassDeclaration' || owner.type === 'ClassExpression') && /Service$/.test(owner.id?.name ?? '');
}

/**
 * `if (require.main === module) migrate()`: the file is also a one-off command, and this is its
 * body. So is the branch a command-line option selects (`if (args['migrate-config'])`).
 */
function isScriptGuarded(source: SourceCode, parent: Node, child: Node): boolean {
  if (parent.type === 'IfStatement' && parent.consequent === child) {
    const test = source.getText(parent.test);
    return SCRIPT_GUARD_TEST.test(test) || TASK_OPTION_GUARD.test(test);
  }
  if (parent.type === 'LogicalExpression' && parent.right === child) return SCRIPT_GUARD_TEST.test(source.getText(parent.left));
  return false;
}

/** An IIFE, or a callback of a call that runs it during startup when the call itself runs then. */
function runsWithItsCaller(fn: FunctionNode): boolean {
  return runsWhereWritten(fn, isBootCallback);
}

function isBootCallback(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const name = getCalleeProperty(call) ?? '';
  if (BOOT_CALLBACKS.has(name)) return true;
  return (name === 'on' || name === 'once') && BOOT_EVENTS.has(getStaticString(call.arguments[0]) ?? '');
}

function isTaskName(name: string): boolean {
  return isRun(MIGRATION_CALL, name) || isRun(SEED_CALL, name) || isRun(BACKFILL_CALL, name);
}

/** Functions called by name from the module's top level (`main()`, `start().catch(…)`, `void init()`), through startup callbacks. */
function namesCalledAtBoot(source: SourceCode, program: TSESTree.Program): ReadonlySet<string> {
  const names = new Set<string>();
  walkSubtree(program, (node) => {
    if (node.parent && isScriptGuarded(source, node.parent, node)) return false;
    if (isFunctionNode(node)) return runsWithItsCaller(node);
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier') names.add(node.callee.name);
    return true;
  });
  return names;
}

/**
 * A source file (`node ./.husky/update-spec.js`, `ts-node src/seed/users.ts`) or folder (`--migrations-dir ./src/migrations`) the
 * command names and the project does not have: in a package that ships only dist/, a command that cannot run.
 */
function namesMissingSource(root: string, command: string, paths: ReadonlySet<string>): boolean {
  const targets = command.split(/[\s=]+/).filter((word) => (/^\.{1,2}\/[\w@./-]*$/.test(word) || /^\w[\w@.-]*\/[\w@./-]*\.[cm]?[jt]s$/.test(word)) && !word.includes('node_modules'));
  return targets.some((target) => {
    const path = join(root, target);
    if (/\.[cm]?[jt]s$/.test(path)) return !paths.has(path);
    if (/\.\w+$/.test(path)) return false;
    return ![...paths].some((known) => known.startsWith(`${path}/`));
  });
}

function partition<T>(items: readonly T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((item) => !keep(item))];
}

/**
 * The kinds of task the project can run on its own: package.json scripts that name them, a
 * Procfile `release:` process, a `bin` that is not the server itself, or a script file named
 * after the task (in a commands folder, or guarded by `require.main === module`).
 */
function oneOffCommands(
  project: ProjectFacts,
  files: ReadonlyMap<string, { readonly collected: BootFacts }>,
  servers: ReadonlySet<string>,
  serverModules: ReadonlySet<string>,
  devOnly: ReadonlySet<string>,
): Set<TaskKind> {
  const paths = new Set(files.keys());
  const releaseProcess = project.procfile?.processes.some((process) => process.name === 'release') ?? false;
  const bins = Object.entries(project.packageJson?.bin ?? {}).filter(([, bin]) => {
    const file = resolveEntryPoint(project.root, bin, paths);
    return !file || !servers.has(file);
  });
  // Most services ship one bin that launches the server: only one named for operators is an admin command.
  if (releaseProcess || bins.some(([name, bin]) => ADMIN_BIN.test(name) || ADMIN_BIN.test(bin))) return new Set(KINDS);
  const kinds = new Set<TaskKind>();
  const scripts = Object.entries(project.packageJson?.scripts ?? {}).filter(([name, command]) => !NOT_A_COMMAND_SCRIPT.test(name) && !RUNS_NOT_A_COMMAND.test(command));
  const [working, broken] = partition(scripts, ([, command]) => !namesMissingSource(project.root, command, paths));
  const dependencies = { ...project.packageJson?.dependencies, ...project.packageJson?.devDependencies };
  const runnableCli = (name: string) => working.some(([, command]) => command.includes(name)) || !broken.some(([, command]) => command.includes(name));
  if (Object.keys(dependencies).some((name) => MIGRATION_CLIS.has(name) && runnableCli(name))) kinds.add('migration');
  for (const [name, command] of working) {
    for (const kind of KINDS) if (COMMAND_WORDS[kind].test(name) || COMMAND_WORDS[kind].test(command)) kinds.add(kind);
  }
  for (const [name, bin] of bins) {
    for (const kind of KINDS) if (COMMAND_WORDS[kind].test(name) || COMMAND_WORDS[kind].test(bin)) kinds.add(kind);
  }
  for (const [file, { collected }] of files) {
    if (servers.has(file) || devOnly.has(file)) continue;
    const rel = projectPath(project.root, file);
    // `bin/lib/bootstrap/migrate.js` that the server imports is its boot step, not a command of its own.
    if (!collected.runsAsScript && (!COMMAND_FOLDER.test(rel) || serverModules.has(file))) continue;
    const words = toEnvName(basename(file, extname(file))).split('_');
    for (const kind of KINDS) if (words.some((word) => FILE_WORDS[kind].has(word))) kinds.add(kind);
  }
  return kinds;
}
