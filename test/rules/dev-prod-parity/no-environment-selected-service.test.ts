import rule from '../../../server/src/rules/dev-prod-parity/no-environment-selected-service';
import { projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const sqliteInDevelopment = {
  'config/env/config.development.json': '{\n  "database": { "client": "sqlite3", "connection": { "filename": "dev.db" } }\n}\n',
  'config/env/config.production.json': '{\n  "database": { "client": "mysql", "connection": { "host": "127.0.0.1" } }\n}\n',
};
const mysqlEverywhere = {
  'config/env/config.development.json': '{ "database": { "client": "mysql" } }',
  'config/env/config.production.json': '{ "database": { "client": "mysql2" } }',
};
const knexfile = "module.exports = {\n  development: { client: 'sqlite3', connection: { filename: './dev.sqlite3' } },\n  production: { client: 'pg', connection: process.env.DATABASE_URL },\n};\n";
const message = (kind: string, referenceKind: string, file: string, role = 'database') =>
  `The settings picked here by the environment's name attach ${kind} in development and ${referenceKind} in production (${file}). Development then runs against a different ${role} than production, so code that works locally can fail after deploying. Run the same kind of service everywhere (a local container will do) and let each deploy set only its URL.`;

runRuleTests(rule, {
  valid: [
    {
      name: 'environment files that attach the same kind (mysql and mysql2 are both MySQL)',
      code: "const env = process.env.NODE_ENV || 'development';\nnconf.file(path.join(__dirname, 'env', 'config.' + env + '.json'));",
      filename: 'config/loader.js',
      project: projectFixture(mysqlEverywhere),
    },
    {
      name: 'a lookup whose files are not in the project',
      code: "const env = process.env.NODE_ENV;\nconst settings = require(`./settings/${env}.json`);",
    },
    {
      name: 'the files differ but the lookup names other files',
      code: "const env = process.env.NODE_ENV;\nnconf.file(path.join(__dirname, 'locales', 'messages.' + env + '.json'));",
      filename: 'config/loader.js',
      project: projectFixture(sqliteInDevelopment),
    },
    {
      name: 'an environment map of log levels picked by NODE_ENV',
      code: "const levels = { development: { level: 'debug' }, production: { level: 'info' } };\nmodule.exports = levels[process.env.NODE_ENV];",
    },
    {
      name: 'a knexfile picked only for the test environment to differ',
      code: "const config = { test: { client: 'sqlite3' }, development: { client: 'pg' }, production: { client: 'pg' } };\nmodule.exports = require('knex')(config[process.env.NODE_ENV]);",
    },
    {
      name: 'a developer script',
      code: "const config = require('../knexfile')[process.env.NODE_ENV];",
      filename: 'scripts/seed.js',
      files: { 'knexfile.js': knexfile },
    },
    {
      name: 'the data alone is the backing-services rule\'s to report',
      code: knexfile,
      filename: 'knexfile.js',
    },
  ],
  invalid: [
    {
      name: 'a map of stores built in place, picked by NODE_ENV',
      code: "const stores = {\n  development: { session: new session.MemoryStore() },\n  production: { session: new RedisStore({ client }) },\n};\napp.use(session({ store: stores[process.env.NODE_ENV].session }));",
      errors: [{ messageId: 'environmentSelectedService', line: 5, column: 26, endColumn: 54 }],
      output: null,
    },
    {
      name: 'a loader that picks config.<env>.json from a folder where development attaches SQLite',
      code: "const env = process.env.NODE_ENV || 'development';\nnconf.file('defaults', path.join(baseConfigPath, 'env', 'config.' + env + '.json'));",
      filename: 'config/loader.js',
      project: projectFixture(sqliteInDevelopment),
      errors: [{ messageId: 'environmentSelectedService', line: 2, column: 24, endColumn: 83, message: message('SQLite', 'MySQL', 'config/env/config.development.json') }],
      output: null,
    },
    {
      name: 'a section of an imported knexfile picked by NODE_ENV',
      code: "const knex = require('knex');\nconst db = knex(require('../knexfile')[process.env.NODE_ENV || 'development']);",
      files: { 'knexfile.js': knexfile },
      errors: [{ messageId: 'environmentSelectedService', line: 2, column: 17, endColumn: 78, message: message('SQLite', 'PostgreSQL', 'knexfile.js') }],
      output: null,
    },
    {
      name: 'a Sequelize config.json section picked by env',
      code: "const env = process.env.NODE_ENV || 'development';\nconst config = require(__dirname + '/../config/config.json')[env];",
      filename: 'models/index.js',
      project: projectFixture({ 'config/config.json': JSON.stringify({ development: { dialect: 'sqlite', storage: 'db.sqlite' }, production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL' } }, null, 2) }),
      errors: [{ messageId: 'environmentSelectedService', line: 2, column: 16, endColumn: 66, message: message('SQLite', 'PostgreSQL', 'config/config.json') }],
      output: null,
    },
    {
      name: 'a map written in the same file',
      code: "const stores = {\n  development: { session: { store: 'memory' } },\n  production: { session: { store: 'redis' } },\n};\nmodule.exports = stores[process.env.NODE_ENV];",
      errors: [{ messageId: 'environmentSelectedService', line: 5, column: 18, endColumn: 46, message: message('an in-memory store', 'Redis', 'src/index.js', 'store') }],
      output: null,
    },
    {
      name: 'config/<env>.js modules loaded by name',
      code: "module.exports = require('./' + (process.env.NODE_ENV || 'development'));",
      filename: 'config/index.js',
      files: { 'config/development.js': "module.exports = { db: { dialect: 'sqlite' } };", 'config/production.js': "module.exports = { db: { dialect: 'postgres' } };" },
      errors: [{ messageId: 'environmentSelectedService', line: 1, column: 26, endColumn: 72, message: message('SQLite', 'PostgreSQL', 'config/development.js') }],
      output: null,
    },
  ],
});
