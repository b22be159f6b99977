import rule from '../../../server/src/rules/admin-processes/no-boot-time-admin-task';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const EXPRESS = "const express = require('express');\nconst app = express();\n";
const SYNC_AT_BOOT = `${EXPRESS}const { sequelize } = require('./models');\nsequelize.sync({ alter: true }).then(() => app.listen(3000));`;
const DATABASE_MODULE = "const knex = require('knex');\nclass Database {\n  static async connect() { this.knex = knex(config); }\n  static async patch() {\n    await this.patchLegacy();\n    await this.knex.migrate.latest();\n  }\n  static async patchLegacy() {\n    await Database.fixStatusPages();\n  }\n  static async fixStatusPages() {\n    await backfillPageSlugs();\n  }\n}\nmodule.exports = Database;";
const SERVER_USING_DATABASE = `${EXPRESS}const Database = require('./database');\nasync function initDatabase() {\n  await Database.connect();\n  await Database.patch();\n}\ninitDatabase().then(() => app.listen(3000));`;
const SCHEMA_MIGRATOR_MODULE = "class SchemaMigrator {\n  async execute() {\n    await this.executeMigrations();\n  }\n  async status() {\n    return this.pending.length;\n  }\n}\nexports.SchemaMigrator = SchemaMigrator;";
const SCHEMA_MODULE = 'const upgradeSchema = async () => {\n  await runPendingMigrations();\n};\nexports.upgrade = upgradeSchema;';
/** A provider whose register() hands the content migrations to a hook the framework runs at boot, after it syncs the schema. */
const PROVIDER_REGISTERING_HOOKS = `${EXPRESS}const contentMigrations = require('./migrations');\nmodule.exports = {\n  async register(app) {\n    app.hook('content-types.afterSync').register(contentMigrations.enable);\n  },\n};\napp.listen(3000);`;
const CONTENT_MIGRATIONS = {
  'src/migrations/index.js': "const locales = require('./locales');\nconst publishedAt = require('./published-at');\nconst enable = async (change) => {\n  await locales.enable(change);\n  await publishedAt.enable(change);\n};\nexports.enable = enable;",
  'src/migrations/locales.js': "const setDefaultLocale = async ({ contentTypes }) => {\n  for (const uid in contentTypes) {\n    await db.query(uid).updateMany({ where: { locale: null }, data: { locale: 'en' } });\n  }\n};\nexports.enable = setDefaultLocale;",
  'src/migrations/published-at.js': "const fillPublishedAt = ({ contentTypes }) => db.transaction(async (trx) => {\n  for (const uid in contentTypes) {\n    const rows = await db.queryBuilder(uid).select('*').transacting(trx).execute();\n    const unseen = new Set(rows.map((row) => row.id));\n    unseen.delete(undefined);\n    await trx(uid).update({ publishedAt: new Date() }).whereNull('publishedAt');\n  }\n});\nexports.enable = fillPublishedAt;",
};
const COMPILED_SERVER_IMPL = {
  'dist/lib/server-impl.js': "const express_1 = require('express');\nconst migrator_1 = require('../migrator');\nasync function start(config) {\n  if (!config.db.disableMigration) {\n    await (0, migrator_1.migrateDb)(config);\n  }\n  const app = (0, express_1.default)();\n  return app.listen(config.listen);\n}\nexports.start = start;",
  'dist/migrator.js': "const dbMigrate = require('db-migrate');\nasync function migrateDb(config) {\n  return dbMigrate.getInstance(true, { config }).up();\n}\nexports.migrateDb = migrateDb;",
};
const DB_MIGRATE_SCRIPT = { main: 'dist/server.js', scripts: { start: 'node ./dist/server.js', 'db-migrate': 'db-migrate --migrations-dir ./src/migrations' }, dependencies: { express: '4.0.0', 'db-migrate': '0.11.0' } };
const SSH_KEYS_MIGRATION = "class MoveSshKeysToDatabase {\n  async up({ runQuery }) {\n    const privateKey = await readFile(this.privateKeyPath, 'utf8');\n    await runQuery(`INSERT INTO ${settings} (key, value) VALUES ('sshKeys', '${privateKey}');`);\n  }\n  async down({ runQuery }) {\n    await runQuery(`DELETE FROM ${settings} WHERE key = 'sshKeys';`);\n  }\n}\nexports.MoveSshKeysToDatabase = MoveSshKeysToDatabase;";
const MIGRATING_SERVER = `${EXPRESS}async function start() {\n  await dataSource.runMigrations();\n  app.listen(5678);\n}\nstart();`;
const STRIPE_SCRIPT = "require('../src/stripe').backfill();";
const pkg = (fields: Record<string, unknown>, extra: Record<string, string> = {}) => projectFixture({ 'package.json': packageJsonText({ name: 'api', ...fields }), ...extra });

runRuleTests(rule, {
  valid: [
    { name: "settings upgraded from an older format as they are read at start (droppy's cfg.init)", code: `${EXPRESS}const cfg = {};\ncfg.init = function (config, callback) {\n  config = migrate(config);\n  app.listen(config.port);\n};\ncfg.init({});`, project: pkg({ main: 'src/index.js' }) },
    { name: 'a layout recalculated at start, on no model', code: `${EXPRESS}function start() {\n  ui.recalculateLayout();\n  app.listen(3000);\n}\nstart();`, project: pkg({ main: 'src/index.js' }) },
    {
      name: 'a migration that moves files into the database, with a migrate command to run the migrations',
      code: MIGRATING_SERVER,
      filename: 'dist/server.js',
      files: { 'dist/migrations/1711-MoveSshKeysToDatabase.js': SSH_KEYS_MIGRATION, 'dist/migrate.js': 'dataSource.runMigrations();' },
      project: pkg({ main: 'dist/server.js', scripts: { migrate: 'node dist/migrate.js' }, dependencies: { express: '4.0.0' } }),
    },
    {
      name: "an upgrade of the app's own settings files at start, not a data migration",
      code: `${EXPRESS}migrateToMultipleConfigFiles().then(() => app.listen(process.env.PORT));`,
      project: pkg({ main: 'src/index.js', dependencies: { express: '4.0.0' } }),
    },
    {
      name: 'schema sync only in development, and a synchronize flag that is no ORM option',
      code: `${EXPRESS}const { DataSource } = require('typeorm');\nconst options = { type: 'postgres', url: process.env.DATABASE_URL };\nif (process.env.NODE_ENV === 'development') {\n  Object.assign(options, { type: 'postgres', synchronize: true });\n}\nconst clock = { synchronize: true, interval: 1000 };\nnew DataSource(options).initialize().then(() => app.listen(process.env.PORT));`,
      project: pkg({ main: 'src/index.js', dependencies: { express: '4.0.0', typeorm: '0.3.0' } }),
    },
    {
      name: 'a migration a command-line option selects instead of starting the server',
      code: `${EXPRESS}let startServer = true;\nif (args['migrate-config']) {\n  startServer = false;\n  utils.migrateDeprecatedConfig(() => process.exit());\n}\nif (startServer) app.listen(3000);`,
      project: pkg({ main: 'src/index.js', dependencies: { express: '4.0.0' } }),
    },
    {
      name: 'a boot migration whose migration CLI is a dependency (knex-migrator migrate) (trap)',
      code: `${EXPRESS}const KnexMigrator = require('knex-migrator');\nconst knexMigrator = new KnexMigrator();\nknexMigrator.migrate().then(() => app.listen(3000));`,
      project: pkg({ main: 'src/index.js', dependencies: { express: '4.0.0', 'knex-migrator': '5.0.0' } }),
    },
    {
      name: 'a migration scaffolder in bin/ is no migrate command, but a backfill has its own script',
      code: `${EXPRESS}runStripeMigrations().then(() => app.listen(3000));`,
      project: pkg({ main: 'src/index.js', scripts: { 'backfill:stripe': 'node scripts/stripe.js' } }),
      files: { 'scripts/stripe.js': STRIPE_SCRIPT, 'bin/create-migration.js': "const name = process.argv[2];\nrequire('fs').writeFileSync(`migrations/${name}.js`, template);" },
    },
    {
      name: 'a boot migration with a db-migrate script over the migrations folder the project has (trap)',
      code: "const server_impl_1 = require('./lib/server-impl');\n(0, server_impl_1.start)(config);",
      filename: 'dist/server.js',
      files: { ...COMPILED_SERVER_IMPL, 'src/migrations/20200101-init.js': "exports.up = (db) => db.createTable('users', {});" },
      project: pkg(DB_MIGRATE_SCRIPT),
    },
    {
      name: 'the default admin made at boot, with a seed script whose file the project has',
      code: `${EXPRESS}async function start() {\n  await userService.initAdminUser();\n  app.listen(3000);\n}\nstart();`,
      files: { 'scripts/seed.js': "require('../src/db').seed();" },
      project: pkg({ main: 'src/index.js', scripts: { start: 'node src/index.js', seed: 'node scripts/seed.js' } }),
    },
    {
      name: 'migrations handed to a call that registers them, not one that runs them',
      code: `${EXPRESS}async function start(options) {\n  migrator.register(options.migrations);\n  app.listen(3000);\n}\nstart(config);`,
      project: pkg({ main: 'src/index.js' }),
    },
    {
      name: 'a form class that creates an admin when constructed, per request: not a service made at start',
      code: `${EXPRESS}class AdminForm {\n  constructor(body) {\n    this.ready = this.createAdmin(body);\n  }\n}\napp.post('/admins', (req, res) => res.json(new AdminForm(req.body)));\napp.listen(3000);`,
      project: pkg({ main: 'src/index.js' }),
    },
    {
      name: 'extension modules imported from files at boot: code, not data',
      code: `${EXPRESS}class Extensions {\n  async start() {\n    for (const file of this.files()) await this.importFile(file);\n  }\n}\nnew Extensions().start().then(() => app.listen(3000));`,
      project: pkg({ main: 'src/index.js' }),
    },
    {
      name: 'an admin created and a file imported by request handlers, not at boot',
      code: `${EXPRESS}app.post('/admins', async (req, res) => res.json(await users.createAdmin(req.body)));\napp.post('/import', async (req, res) => res.json(await state.importFile({ file: req.file.path })));\napp.listen(3000);`,
      project: pkg({ main: 'src/index.js' }),
    },
    {
      name: 'a boot migration that also has its own script (trap)',
      code: SYNC_AT_BOOT,
      project: pkg({ main: 'src/index.js', scripts: { start: 'node src/index.js', 'db:migrate': 'sequelize db:migrate' } }),
    },
    {
      name: 'a Procfile release process',
      code: `${EXPRESS}(async () => {\n  await knex.migrate.latest();\n  app.listen(process.env.PORT);\n})();`,
      project: projectFixture({ Procfile: 'web: node src/index.js\nrelease: node src/release-tasks.js\n' }),
    },
    {
      name: 'a bin command beside the server',
      code: SYNC_AT_BOOT,
      project: pkg({ scripts: { start: 'node src/index.js' }, bin: { 'api-admin': 'bin/admin.js' } }),
      files: { 'bin/admin.js': "require('../src/admin').run(process.argv.slice(2));" },
    },
    {
      name: 'a migration run from a route handler, not at boot',
      code: `${EXPRESS}app.post('/admin/migrate', async (req, res) => {\n  await runMigrations();\n  res.sendStatus(204);\n});\napp.listen(3000);`,
    },
    {
      name: 'a backfill on a schedule',
      code: `${EXPRESS}cron.schedule('0 3 * * *', () => backfillSearchIndex());\napp.listen(3000);`,
    },
    {
      name: 'a module that migrates only when run as a script',
      code: `${EXPRESS}require('./db');\napp.listen(3000);`,
      files: { 'src/db.js': "const knex = require('knex')(config);\nif (require.main === module) {\n  knex.migrate.latest().then(() => process.exit(0));\n}\nmodule.exports = knex;" },
    },
    {
      name: 'a migration module that is also a command, called at boot (trap)',
      code: `${EXPRESS}const { migrate } = require('./db/migrate');\nmigrate().then(() => app.listen(3000));`,
      files: { 'src/db/migrate.js': "async function migrate() { await umzug.up(); }\nmodule.exports = { migrate };\nif (require.main === module) migrate();" },
    },
    {
      name: 'a process that serves nothing (a worker or CLI)',
      code: "const knex = require('knex')(config);\nknex.migrate.latest().then(() => startConsuming());",
    },
    `${EXPRESS}const { faker } = require('@faker-js/faker');\nfaker.seed(42);\napp.listen(3000);`,
    `${EXPRESS}const PouchDB = require('pouchdb');\nconst local = new PouchDB('todos');\nlocal.sync(process.env.COUCH_URL, { live: true });\napp.listen(3000);`,
    `${EXPRESS}const pending = await migrationStatus();\nlogger.info({ pending });\napp.listen(3000);`,
    {
      name: 'a boot seed with a seed script',
      code: `${EXPRESS}seed().then(() => app.listen(3000));`,
      project: pkg({ scripts: { start: 'node src/index.js', seed: 'node scripts/seed.js' } }),
      files: { 'scripts/seed.js': "require('../src/db').seed();" },
    },
    {
      name: "another module's migrating method called from a route handler, not at boot",
      code: `${EXPRESS}const Database = require('./database');\napp.post('/admin/upgrade', async (req, res) => {\n  await Database.patch();\n  res.sendStatus(204);\n});\napp.listen(3000);`,
      files: { 'src/database.js': DATABASE_MODULE },
    },
    {
      name: "another module's migrating method called at boot, with a migrate script (trap)",
      code: SERVER_USING_DATABASE,
      project: pkg({ scripts: { start: 'node src/index.js', migrate: 'knex migrate:latest', 'backfill:slugs': 'node scripts/backfill-slugs.js' }, main: 'src/index.js' }),
      files: { 'src/database.js': DATABASE_MODULE, 'scripts/backfill-slugs.js': "require('../src/database').fixStatusPages();" },
    },
    {
      name: 'a method of the same name in a module the server does not import',
      code: `${EXPRESS}const db = require('./db');\ndb.patch();\napp.listen(3000);`,
      files: { 'src/db.js': 'module.exports = { patch() { return 1; } };', 'src/database.js': DATABASE_MODULE },
    },
    {
      name: 'a method of an instance built at boot that only reads the migration status',
      code: `${EXPRESS}const { SchemaMigrator } = require('./schema-migrator');\nasync function start() {\n  logger.info(await new SchemaMigrator(config).status());\n  app.listen(3000);\n}\nstart();`,
      files: { 'src/schema-migrator.js': SCHEMA_MIGRATOR_MODULE },
    },
    {
      name: 'a migrating function handed to a route, not to a boot hook',
      code: `${EXPRESS}const schema = require('./schema');\napp.post('/admin/upgrade', schema.upgrade);\napp.listen(3000);`,
      files: { 'src/schema.js': SCHEMA_MODULE },
    },
    {
      name: 'a data migration a boot hook runs, with a migrate script (trap)',
      code: PROVIDER_REGISTERING_HOOKS,
      project: pkg({ scripts: { start: 'node src/index.js', 'migrate:content': 'node scripts/migrate-content.js' } }),
      files: { ...CONTENT_MIGRATIONS, 'scripts/migrate-content.js': "require('../src/migrations').enable(changes);" },
    },
    {
      name: 'rows deleted by a boot hook outside a migrations folder (a cleanup, not a migration)',
      code: PROVIDER_REGISTERING_HOOKS.replace("require('./migrations')", "require('./services/content')"),
      files: { 'src/services/content.js': "const purgeExpired = async () => {\n  await db.query('sessions').deleteMany({ where: { expired: true } });\n};\nexports.enable = purgeExpired;" },
    },
    {
      name: 'a module of the migrations folder that only reads the pending migrations at boot',
      code: `${EXPRESS}const status = require('./migrations/status');\nstatus.pending().then((rows) => logger.warn(rows.length));\napp.listen(3000);`,
      files: { 'src/migrations/status.js': "exports.pending = async () => db.query('migrations').findMany({ where: { ran: false } });" },
    },
  ],
  invalid: [
    {
      name: "LoopBack's autoupdate in a start function assigned to the app, as ES5 code writes methods",
      code: "const loopback = require('loopback');\nconst app = loopback();\napp.start = function () {\n  app.dataSources.db.autoupdate(function (err) {\n    if (err) throw err;\n    app.listen(3000);\n  });\n};\napp.start();",
      filename: 'server/server.js',
      project: pkg({ main: 'server/server.js', dependencies: { loopback: '3.0.0' } }),
      errors: [{ messageId: 'bootMigration', line: 4, column: 3, file: 'server/server.js' }],
      output: null,
    },
    {
      name: 'a migration that moves files of the local disk into the database, run with the others at boot; one that only changes the schema is no backfill',
      code: MIGRATING_SERVER,
      filename: 'dist/server.js',
      files: {
        'dist/migrations/1711-MoveSshKeysToDatabase.js': SSH_KEYS_MIGRATION,
        'dist/migrations/1712-AddSettingsIndex.js': "class AddSettingsIndex {\n  async up({ runQuery }) {\n    const sql = await readFile('./index.sql', 'utf8');\n    await runQuery(`CREATE INDEX settings_key ON ${settings} (key);`);\n  }\n}\nexports.AddSettingsIndex = AddSettingsIndex;",
      },
      project: pkg({ main: 'dist/server.js', dependencies: { express: '4.0.0' } }),
      errors: [
        { messageId: 'bootFileBackfill', line: 2, column: 3, file: 'dist/migrations/1711-MoveSshKeysToDatabase.js' },
        { messageId: 'bootMigration', line: 4, column: 9, file: 'dist/server.js' },
      ],
      output: null,
    },
    {
      name: 'a derived column recalculated for every row of a model as the server starts',
      code: `${EXPRESS}async function start(server) {\n  await server.ready();\n  server.db.models.Device.recalculateSettingsHashes(false);\n  app.listen(3000);\n}\nstart(app);`,
      project: pkg({ main: 'src/index.js' }),
      errors: [{ messageId: 'bootBackfill', line: 5, column: 3 }],
      output: null,
    },
    {
      name: 'jobs a setting turns on to migrate data, scheduled by the web process as it starts',
      code: `${EXPRESS}function scheduleServices(services, config) {\n  services.schedulerService.schedule(services.metrics.flush, 60_000, 'flushMetrics');\n  if (config.server.enableScheduledCreatedByMigration) {\n    services.schedulerService.schedule(services.eventService.setEventCreatedByUserId, 900_000, 'setEventCreatedByUserId');\n  }\n}\nfunction start() {\n  scheduleServices(services, config);\n  app.listen(3000);\n}\nstart();`,
      project: pkg({ main: 'src/index.js' }),
      errors: [{ messageId: 'bootBackfill', line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'a service that seeds the default admin from its constructor, made as the app starts',
      code: `${EXPRESS}const UserService = require('./user-service');\nconst users = new UserService(config);\napp.listen(3000);`,
      files: { 'src/user-service.js': "class UserService {\n  constructor(config) {\n    if (config.createAdminUser) process.nextTick(() => this.initAdminUser());\n  }\n  async initAdminUser() {\n    if ((await this.store.count()) === 0) await this.store.insert({ username: 'admin' });\n  }\n}\nmodule.exports = UserService;" },
      project: pkg({ main: 'src/index.js' }),
      errors: [{ messageId: 'bootSeed', line: 3, column: 56, file: 'src/user-service.js' }],
      output: null,
    },
    {
      name: "the app's installations (one-off handlers run once per environment) handed to a method that runs them at start",
      code: `${EXPRESS}class Kuzzle {\n  async start(application, options) {\n    await this.install(options.installations);\n    app.listen(7512);\n  }\n  async install(installations) {\n    for (const installation of installations) await installation.handler();\n  }\n}\nmodule.exports = Kuzzle;`,
      project: pkg({ main: 'src/index.js' }),
      errors: [{ messageId: 'bootMigration', line: 5, column: 11 }],
      output: null,
    },
    {
      name: 'the default admin and a data file loaded at boot, where the seed scripts only start the dev server or run a test file the package lacks',
      code: `${EXPRESS}async function createApp(config, services) {\n  await services.userService.initAdminUser(config.authentication);\n  if (config.import.file) {\n    await services.stateService.importFile({ file: config.import.file });\n  }\n  return app.listen(config.port);\n}\ncreateApp(config, services);`,
      project: pkg({ main: 'src/index.js', scripts: { start: 'node src/index.js', 'seed:setup': 'ts-node src/test/e2e/seed/segment.seed.ts', 'seed:serve': 'DATABASE_NAME=seed yarn run start:dev' } }),
      errors: [{ messageId: 'bootSeed', line: 4, column: 9 }, { messageId: 'bootSeed', line: 6, column: 11 }],
      output: null,
    },
    {
      name: 'an ES module bundle: the migration imported under an alias of its `export { … as … }` name and handed to a boot hook',
      code: "import express from 'express';\nimport { disable as disableDraftAndPublish } from './migrations/draft-publish.mjs';\nconst app = express();\napp.hook('content-types.beforeSync').register(disableDraftAndPublish);\napp.listen(3000);",
      filename: 'dist/index.mjs',
      files: { 'dist/migrations/draft-publish.mjs': "const disableDraftAndPublish = async ({ contentTypes }) => {\n  for (const uid in contentTypes) {\n    const qb = strapi.db.queryBuilder(uid);\n    await qb.delete().where({ published_at: null }).execute();\n  }\n};\nexport {\n  disableDraftAndPublish as disable\n};" },
      project: pkg({ main: 'dist/index.mjs', dependencies: { express: '4.0.0' } }),
      errors: [
        { messageId: 'bootTaskCall', line: 4, column: 47, file: 'dist/index.mjs' },
        { messageId: 'bootMigration', line: 4, column: 11, file: 'dist/migrations/draft-publish.mjs' },
      ],
      output: null,
    },
    {
      name: "TypeScript's CommonJS calls `(0, migrator_1.migrateDb)(config)`, and a db-migrate script over a migrations folder the package does not ship",
      code: "const server_impl_1 = require('./lib/server-impl');\n(0, server_impl_1.start)(config);",
      filename: 'dist/server.js',
      files: COMPILED_SERVER_IMPL,
      project: pkg(DB_MIGRATE_SCRIPT),
      errors: [{ messageId: 'bootMigration', line: 5, column: 11, file: 'dist/lib/server-impl.js' }],
      output: null,
    },
    {
      name: 'a module that exports one function (`module.exports = migrateDb`), called by the name it is required under',
      code: "const unleash = require('./lib/server-impl');\nunleash.start();",
      filename: 'dist/server.js',
      files: {
        'dist/lib/server-impl.js': "const express = require('express');\nconst migrator = require('../migrator');\nasync function start(options) {\n  await migrator(options);\n  return express().listen(options.listen);\n}\nmodule.exports = { start };",
        'dist/migrator.js': "const { getInstance } = require('db-migrate');\nfunction migrateDb({ db }) {\n  const dbmigrate = getInstance(true, { config: db });\n  return dbmigrate.up();\n}\nmodule.exports = migrateDb;",
      },
      project: pkg(DB_MIGRATE_SCRIPT),
      errors: [
        { messageId: 'bootTaskCall', line: 4, column: 9, file: 'dist/lib/server-impl.js' },
        { messageId: 'bootMigration', line: 4, column: 10, file: 'dist/migrator.js' },
      ],
      output: null,
    },
    {
      name: "a module called where it is required (`require('./models')()`) whose exported function updates a jugglingdb schema, from a module with no other boot task",
      code: "const express = require('express');\nconst connection = require('./lib/connection');\nexpress().listen(process.env.PORT);",
      filename: 'subway.js',
      files: {
        'lib/connection.js': "var db = require('./models')();\nmodule.exports = function (io) { return db; };",
        'lib/models.js': "var Schema = require('jugglingdb').Schema;\nmodule.exports = function () {\n  var schema = new Schema('sqlite3', {});\n  schema.autoupdate();\n  return schema;\n};",
      },
      project: pkg({ bin: { subway: './subway.js' }, dependencies: { express: '3.5.0', jugglingdb: '0.2.0' } }),
      errors: [
        { messageId: 'bootTaskCall', line: 1, column: 10, file: 'lib/connection.js' },
        { messageId: 'bootMigration', line: 4, column: 3, file: 'lib/models.js' },
      ],
      output: null,
    },
    {
      name: 'an ES module whose default export migrates, imported by a default import',
      code: "import express from 'express';\nimport migrator from './migrator.js';\nawait migrator(config);\nexpress().listen(3000);",
      filename: 'src/server.js',
      files: { 'src/migrator.js': "function migrateDb(config) {\n  return umzug.up();\n}\nexport default migrateDb;" },
      project: pkg({ main: 'src/server.js', dependencies: { express: '4.0.0' } }),
      errors: [
        { messageId: 'bootMigration', line: 2, column: 10, file: 'src/migrator.js' },
        { messageId: 'bootTaskCall', line: 3, column: 7, file: 'src/server.js' },
      ],
      output: null,
    },
    {
      name: 'default records created at boot by the loader a start command calls through its default export',
      code: "const express = require('express');\nconst loaders_1 = require('../loaders');\nasync function start({ directory }) {\n  const app = express();\n  await (0, loaders_1.default)({ directory, expressApp: app });\n  app.listen(9000);\n}\nexports.default = start;",
      filename: 'dist/commands/start.js',
      files: { 'dist/loaders/index.js': "exports.default = async ({ directory, expressApp }) => {\n  const { createDefaultsWorkflow } = await import('@medusajs/core-flows');\n  await createDefaultsWorkflow(container).run();\n};" },
      project: pkg({ dependencies: { express: '4.0.0' } }),
      errors: [
        { messageId: 'bootTaskCall', line: 5, column: 9, file: 'dist/commands/start.js' },
        { messageId: 'bootSeed', line: 3, column: 9, file: 'dist/loaders/index.js' },
      ],
      output: null,
    },
    {
      name: 'a bin that dispatches commands: the start command migrates at boot; the install command and the boot step named migrate are no one-off command for it',
      code: "const command = process.argv[2];\nif (command === 'install') {\n  await import('./install/index.js');\n} else if (command === 'start') {\n  await import('./start/index.js');\n} else if (command === 'user:create') {\n  await import('./user/create.js');\n}",
      filename: 'dist/bin/cli.js',
      files: {
        'dist/bin/install/index.js': "import { migrate } from '../lib/bootstrap/migrate.js';\nawait migrate(coreModules, connection);",
        'dist/bin/start/index.js': "import { start } from '../lib/startUp.js';\nawait start();",
        'dist/bin/user/create.js': "await createUser(process.argv[3]);",
        'dist/bin/lib/bootstrap/migrate.js': "export async function migrate(modules) {\n  for (const module of modules) await module.up();\n}",
        'dist/bin/lib/startUp.js': "import http from 'http';\nimport { migrate } from './bootstrap/migrate.js';\nexport async function start() {\n  await migrate(modules);\n  http.createServer(app).listen(process.env.PORT);\n}",
      },
      project: pkg({ bin: { shop: './dist/bin/cli.js' } }),
      errors: [{ messageId: 'bootMigration', file: 'dist/bin/lib/startUp.js', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'the ESM twin of a dual build runs the same boot sync as the CommonJS copy the entry reaches',
      code: "export async function bootstrap(db) {\n  await db.schema.sync();\n}",
      filename: 'dist/Strapi.mjs',
      files: {
        'dist/index.js': `${EXPRESS}const { bootstrap } = require('./Strapi.js');\nbootstrap(db).then(() => app.listen(process.env.PORT));`,
        'dist/Strapi.js': "exports.bootstrap = async function bootstrap(db) {\n  await db.schema.sync();\n};",
      },
      project: pkg({ main: 'dist/index.js', dependencies: { express: '4.0.0' } }),
      errors: [
        { messageId: 'bootTaskCall', file: 'dist/index.js', line: 4, column: 1 },
        { messageId: 'bootMigration', file: 'dist/Strapi.js', line: 2, column: 9 },
        { messageId: 'bootMigration', file: 'dist/Strapi.mjs', line: 2, column: 9 },
      ],
      output: null,
    },
    {
      name: 'an ORM told to run migrations (and sync the schema) whenever the server connects',
      code: "const { DataSource } = require('typeorm');\nexports.dataSource = new DataSource({\n  type: 'postgres',\n  url: process.env.DATABASE_URL,\n  migrationsRun: true,\n  synchronize: true,\n});",
      filename: 'src/data-source.js',
      files: { 'src/index.js': `${EXPRESS}const { dataSource } = require('./data-source');\ndataSource.initialize().then(() => app.listen(process.env.PORT));` },
      project: pkg({ main: 'src/index.js', dependencies: { express: '4.0.0', typeorm: '0.3.0' } }),
      errors: [
        { messageId: 'bootMigration', file: 'src/data-source.js', line: 5, column: 3 },
        { messageId: 'bootMigration', file: 'src/data-source.js', line: 6, column: 3 },
      ],
      output: null,
    },
    {
      name: 'a migration in the init of the base command that a CLI framework\'s start command runs',
      code: "class BaseCommand {\n  async init() {\n    await this.dbConnection.init();\n    await this.dbConnection.migrate();\n  }\n}\nexports.BaseCommand = BaseCommand;",
      filename: 'dist/commands/base-command.js',
      files: {
        'dist/commands/start.js': "const { BaseCommand } = require('./base-command');\nconst { Server } = require('../server');\nclass Start extends BaseCommand {\n  async init() {\n    await super.init();\n  }\n  async run() {\n    await new Server().start();\n  }\n}\nexports.default = Start;",
        'dist/server.js': "const http = require('http');\nclass Server {\n  async start() {\n    this.app.listen(this.port);\n  }\n}\nexports.Server = Server;",
        'bin/app': "require('@oclif/core').run();",
      },
      project: pkg({ bin: { app: 'bin/app' }, dependencies: { '@oclif/core': '4.0.0' } }),
      errors: [{ messageId: 'bootMigration', file: 'dist/commands/base-command.js', line: 4, column: 11 }],
      output: null,
    },
    {
      name: 'sequelize.sync({ alter: true }) before listen, no migrate command',
      code: SYNC_AT_BOOT,
      project: pkg({ main: 'src/index.js', scripts: { start: 'node src/index.js', test: 'jest' } }),
      errors: [{ messageId: 'bootMigration', line: 4, column: 1, endColumn: 32, message: 'This migration runs inside the web process at boot, and nothing in package.json or the Procfile runs it on its own. Every instance and every restart runs it again, racing the others: make it a one-off command (a `migrate` script, a Procfile `release:` process) run once per release.' }],
      output: null,
    },
    {
      name: 'knex.migrate.latest() in the start function',
      code: `${EXPRESS}const knex = require('knex')(require('./knexfile'));\nasync function start() {\n  await knex.migrate.latest();\n  app.listen(process.env.PORT);\n}\nstart();`,
      project: pkg({ scripts: { start: 'node src/index.js' } }),
      errors: [{ messageId: 'bootMigration', line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'umzug.up() at the top level of a module the server imports',
      code: `${EXPRESS}require('./db');\napp.listen(3000);`,
      files: { 'src/db.js': "const { Umzug, SequelizeStorage } = require('umzug');\nconst umzug = new Umzug({ migrations: { glob: 'migrations/*.js' }, storage: new SequelizeStorage({ sequelize }) });\numzug.up();\nmodule.exports = { sequelize };" },
      errors: [{ messageId: 'bootMigration', file: 'src/db.js', line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'umzug as a dependency is a library, not a migrate command: its migrations run in initialize()',
      code: `${EXPRESS}const SqlStorage = require('./sql');\nconst storage = new SqlStorage();\nstorage.initialize(options).then(() => app.listen(3000));`,
      files: { 'src/sql.js': "class SqlStorage {\n  async initialize(options) {\n    const umzug = createUmzug(sequelize, options);\n    await umzug.up();\n  }\n}\nmodule.exports = SqlStorage;" },
      project: pkg({ main: 'src/index.js', dependencies: { express: '4.0.0', umzug: '3.4.0' } }),
      errors: [{ messageId: 'bootMigration', file: 'src/sql.js', line: 4, column: 11 }],
      output: null,
    },
    {
      name: 'runMigrations() awaited at the top level of an ES module',
      code: "import express from 'express';\nimport { runMigrations } from './migrations.mjs';\nconst app = express();\nawait runMigrations();\napp.listen(3000);",
      filename: 'src/server.mjs',
      errors: [{ messageId: 'bootMigration', file: 'src/server.mjs', line: 4, column: 7 }],
      output: null,
    },
    {
      name: 'a backfill in the listen callback, with only a migrate script',
      code: `${EXPRESS}app.listen(process.env.PORT, async () => {\n  await backfillUserSlugs();\n  console.log('ready');\n});`,
      project: pkg({ scripts: { start: 'node src/index.js', migrate: 'knex migrate:latest' } }),
      errors: [{ messageId: 'bootBackfill', line: 4, column: 9, message: 'This data backfill runs inside the web process at boot, with no one-off command to run it. Every instance repeats it on every start: make it an admin command (a package.json script) run once against the release.' }],
      output: null,
    },
    {
      name: 'seeding when the database connection opens',
      code: `${EXPRESS}const mongoose = require('mongoose');\nmongoose.connect(process.env.MONGO_URL);\nmongoose.connection.once('open', () => seedDatabase());\napp.listen(3000);`,
      errors: [{ messageId: 'bootSeed', line: 5, column: 40 }],
      output: null,
    },
    {
      name: 'NestJS onModuleInit running TypeORM migrations',
      code: "import { NestFactory } from '@nestjs/core';\nexport class DatabaseService {\n  constructor(private readonly dataSource: DataSource) {}\n  async onModuleInit() {\n    await this.dataSource.runMigrations();\n  }\n}\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();",
      filename: 'src/main.ts',
      errors: [{ messageId: 'bootMigration', file: 'src/main.ts', line: 5, column: 11 }],
      output: null,
    },
    {
      name: 'express-generator bin/www with db.sequelize.sync()',
      code: "const app = require('../app');\nconst http = require('http');\nconst db = require('../models');\nconst server = http.createServer(app);\ndb.sequelize.sync().then(() => server.listen(process.env.PORT || 3000));",
      filename: 'bin/www.js',
      project: pkg({ scripts: { start: 'node ./bin/www.js' } }),
      errors: [{ messageId: 'bootMigration', file: 'bin/www.js', line: 5, column: 1 }],
      output: null,
    },
    {
      name: 'a bin entry that is the server itself is no separate command',
      code: `${EXPRESS}const init = async () => {\n  await seed();\n  app.listen(3000);\n};\ninit();`,
      project: pkg({ bin: { api: 'src/index.js' } }),
      errors: [{ messageId: 'bootSeed', line: 4, column: 9 }],
      output: null,
    },
    {
      name: "boot code calling another module's method that migrates and backfills",
      code: SERVER_USING_DATABASE,
      project: pkg({ main: 'src/index.js', scripts: { start: 'node src/index.js' } }),
      files: { 'src/database.js': DATABASE_MODULE },
      errors: [
        { messageId: 'bootMigration', file: 'src/database.js', line: 6, column: 11 },
        { messageId: 'bootBackfill', file: 'src/database.js', line: 12, column: 11 },
        { messageId: 'bootTaskCall', line: 6, column: 9, endColumn: 25, message: '`Database.patch()` runs a migration (src/database.js) inside the web process at boot, and nothing in package.json or the Procfile runs it on its own. Every instance and every restart repeats it: make it a one-off admin command run once per release.' },
      ],
      output: null,
    },
    {
      name: 'compiled TypeScript calling a migrating function of an imported module',
      code: `"use strict";\nconst express_1 = __importDefault(require("express"));\nconst setup_1 = require("./setup");\nconst app = (0, express_1.default)();\n(async () => {\n    await (0, setup_1.prepareStorage)();\n    app.listen(3000);\n})();`,
      filename: 'dist/index.js',
      files: { 'dist/setup.js': '"use strict";\nasync function prepareStorage() {\n    await umzug.up();\n}\nexports.prepareStorage = prepareStorage;' },
      errors: [
        { messageId: 'bootTaskCall', file: 'dist/index.js', line: 6, column: 11 },
        { messageId: 'bootMigration', file: 'dist/setup.js', line: 3, column: 11 },
      ],
      output: null,
    },
    {
      name: "an ORM's schema.sync() at boot, with the server module loaded by a helper the entry imports",
      code: "const { createHttpServer } = require('./http-server');\nconst server = createHttpServer(app);\nasync function start() {\n  await db.schema.sync();\n  server.listen(process.env.PORT);\n}\nstart();",
      files: { 'src/http-server.js': "const http = require('http');\nexports.createHttpServer = (app) => http.createServer(app);" },
      errors: [{ messageId: 'bootMigration', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'a test script about migrations is no migrate command',
      code: SYNC_AT_BOOT,
      project: pkg({ main: 'src/index.js', scripts: { start: 'node src/index.js', 'test:sqlite:migrations': 'jest --config=jest.config.migration.js' } }),
      errors: [{ messageId: 'bootMigration', line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'the one bin that launches the app (through a command registry) is no admin command',
      code: SYNC_AT_BOOT,
      project: pkg({ main: 'src/index.js', bin: { api: 'bin/api.js' } }),
      files: { 'bin/api.js': "(async () => {\n  const { CommandRegistry } = await import('../src/command-registry.js');\n  await new CommandRegistry().execute();\n})();" },
      errors: [{ messageId: 'bootMigration', line: 4, column: 1 }],
      output: null,
    },
    {
      name: "a provider's register() adding a data migration and a one-off repair at bootstrap",
      code: "const { createHttpServer } = require('./http-server');\nconst providers = require('./providers');\nclass App {\n  async bootstrap() {\n    await this.db.schema.status();\n    if (!(await this.store.get('join-table-repair-ran'))) await this.db.repair.processJoinTables(clean);\n  }\n  async start() {\n    await this.bootstrap();\n    createHttpServer(this).listen(process.env.PORT);\n  }\n}\nnew App().start();",
      files: {
        'src/http-server.js': "const http = require('http');\nexports.createHttpServer = (app) => http.createServer(app.handler);",
        'src/providers.js': "module.exports = {\n  async register(app) {\n    app.db.migrations.providers.internal.register(discardDrafts);\n  },\n};",
      },
      errors: [
        { messageId: 'bootBackfill', line: 6, column: 65 },
        { messageId: 'bootMigration', file: 'src/providers.js', line: 3, column: 5 },
      ],
      output: null,
    },
    {
      name: 'a service loaded lazily inside the boot function, whose init runs a data migration',
      code: `${EXPRESS}async function initServices() {\n  const members = require('./services/members');\n  await members.init();\n}\ninitServices().then(() => app.listen(3000));`,
      files: { 'src/services/members.js': "module.exports = {\n  async init() {\n    await runStripeMigrations(stripeService);\n  },\n};" },
      errors: [
        { messageId: 'bootTaskCall', line: 5, column: 9 },
        { messageId: 'bootBackfill', file: 'src/services/members.js', line: 3, column: 11 },
      ],
      output: null,
    },
    {
      name: 'a migrating method of an instance built at boot from an imported class',
      code: `"use strict";\nconst express_1 = require("express");\nconst _SchemaMigrator = require("./schema-migrator");\nclass Server {\n  async start() {\n    await new _SchemaMigrator.SchemaMigrator(this.config).execute();\n    express_1.default().listen(3000);\n  }\n}\nnew Server().start();`,
      files: { 'src/schema-migrator.js': SCHEMA_MIGRATOR_MODULE },
      errors: [
        { messageId: 'bootTaskCall', line: 6, column: 11, message: '`_SchemaMigrator.execute()` runs a migration (src/schema-migrator.js) inside the web process at boot, and nothing in package.json or the Procfile runs it on its own. Every instance and every restart repeats it: make it a one-off admin command run once per release.' },
        { messageId: 'bootMigration', file: 'src/schema-migrator.js', line: 3, column: 11 },
      ],
      output: null,
    },
    {
      name: 'a migrating function that a provider hands to a boot hook, called by its exported name',
      code: `${EXPRESS}const schema = require('./schema');\nasync function register(hooks) {\n  hooks.get('afterSync').register(schema.upgrade);\n}\nregister(hooks).then(() => app.listen(3000));`,
      files: { 'src/schema.js': SCHEMA_MODULE },
      errors: [
        { messageId: 'bootTaskCall', line: 5, column: 35, endColumn: 49, message: '`schema.upgrade()` runs a migration (src/schema.js) inside the web process at boot, and nothing in package.json or the Procfile runs it on its own. Every instance and every restart repeats it: make it a one-off admin command run once per release.' },
        { messageId: 'bootMigration', file: 'src/schema.js', line: 2, column: 9 },
      ],
      output: null,
    },
    {
      name: 'rows rewritten by modules of a migrations folder that a boot hook runs',
      code: PROVIDER_REGISTERING_HOOKS,
      files: CONTENT_MIGRATIONS,
      errors: [
        { messageId: 'bootTaskCall', line: 6, column: 50 },
        { messageId: 'bootMigration', file: 'src/migrations/locales.js', line: 3, column: 11 },
        { messageId: 'bootMigration', file: 'src/migrations/published-at.js', line: 6, column: 11 },
      ],
      output: null,
    },
  ],
});
