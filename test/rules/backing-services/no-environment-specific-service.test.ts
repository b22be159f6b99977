import rule from '../../../server/src/rules/backing-services/no-environment-specific-service';
import { projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const sequelizeConfig = (test: string, development = 'postgres') =>
  JSON.stringify({ development: { dialect: development, host: '127.0.0.1' }, test: { dialect: test, storage: ':memory:' }, production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL' } }, null, 2);

runRuleTests(rule, {
  valid: [
    {
      name: 'a knexfile with PostgreSQL everywhere (pg and postgresql are the same kind)',
      code: "module.exports = {\n  development: { client: 'pg', connection: 'postgres://localhost/dev' },\n  production: { client: 'postgresql', connection: process.env.DATABASE_URL },\n};",
      filename: 'knexfile.js',
    },
    {
      name: 'only the test environment differs: tests are not a deploy',
      code: "module.exports = {\n  test: { client: 'sqlite3', connection: ':memory:' },\n  development: { client: 'pg' },\n  production: { client: 'pg' },\n};",
      filename: 'knexfile.js',
    },
    { name: 'a Sequelize config.json whose only SQLite is for tests', code: '', project: projectFixture({ 'config/config.json': sequelizeConfig('sqlite') }) },
    { name: 'an environment map of log levels', code: "export const logging = { development: { level: 'debug' }, production: { level: 'info' } };" },
    { name: 'no production or staging to compare with', code: "module.exports = { development: { client: 'sqlite3' }, local: { client: 'pg' } };" },
    { name: 'the production kind comes from the environment', code: "module.exports = { development: { client: 'sqlite3' }, production: { client: process.env.DB_CLIENT } };" },
    { name: 'a code branch is the parity rule\'s to judge', code: "const client = process.env.NODE_ENV === 'production' ? 'pg' : 'sqlite3';\nmodule.exports = { client };" },
    {
      name: 'files per environment that attach the same kind',
      code: '',
      project: projectFixture({ 'config/development.json': '{ "session": { "store": "redis" } }', 'config/production.json': '{ "session": { "store": "redis" } }' }),
    },
    { name: 'the same storage driver everywhere', code: "module.exports = { development: { storage: { driver: 's3' } }, production: { storage: { driver: 's3' } } };" },
    {
      name: 'a developer script',
      code: "module.exports = { development: { client: 'sqlite3' }, production: { client: 'pg' } };",
      filename: 'scripts/db/knexfile.js',
    },
  ],
  invalid: [
    {
      name: 'the knexfile classic: SQLite in development, PostgreSQL in staging and production',
      code: "module.exports = {\n  development: { client: 'sqlite3', connection: { filename: './dev.sqlite3' } },\n  staging: { client: 'postgresql', connection: process.env.DATABASE_URL },\n  production: { client: 'postgresql', connection: process.env.DATABASE_URL },\n};",
      filename: 'knexfile.js',
      errors: [
        {
          messageId: 'environmentSpecificService',
          file: 'knexfile.js',
          line: 2,
          column: 26,
          endColumn: 35,
          message: 'The development environment attaches SQLite where production attaches PostgreSQL. The app is then built and tried against a service that behaves differently from the one it runs with, and the differences surface only in production. Attach the same kind of service everywhere and let each deploy set only its URL.',
        },
      ],
      output: null,
    },
    {
      name: 'a Sequelize config.json with MySQL in development',
      code: '',
      project: projectFixture({ 'config/config.json': sequelizeConfig('sqlite', 'mysql') }),
      errors: [{ messageId: 'environmentSpecificService', file: 'config/config.json', line: 3, column: 16, endColumn: 23 }],
      output: null,
    },
    {
      name: 'a TypeORM map of environments in TypeScript',
      code: "const configs: Record<string, DataSourceOptions> = {\n  development: { type: 'sqlite', database: 'dev.db' },\n  production: { type: 'postgres', url: process.env.DATABASE_URL },\n};\nexport default configs;",
      filename: 'src/ormconfig.ts',
      errors: [{ messageId: 'environmentSpecificService', file: 'src/ormconfig.ts', line: 2, column: 24, endColumn: 32 }],
      output: null,
    },
    {
      name: 'config/development.json next to config/production.json',
      code: '',
      project: projectFixture({ 'config/development.json': '{\n  "session": { "store": "memory" }\n}\n', 'config/production.json': '{\n  "session": { "store": "redis" }\n}\n' }),
      errors: [{ messageId: 'environmentSpecificService', file: 'config/development.json', line: 2, column: 25, endColumn: 33 }],
      output: null,
    },
    {
      name: 'a YAML map of environments',
      code: '',
      project: projectFixture({ 'config/database.yml': 'development:\n  adapter: sqlite3\n  database: db/dev.sqlite3\nproduction:\n  adapter: postgresql\n  url: <%= ENV["DATABASE_URL"] %>\n' }),
      errors: [{ messageId: 'environmentSpecificService', file: 'config/database.yml', line: 2, column: 12, endColumn: 19 }],
      output: null,
    },
    {
      name: 'JavaScript config files per environment',
      code: "module.exports = { db: { dialect: 'sqlite', storage: './dev.sqlite' } };",
      filename: 'config/development.js',
      files: { 'config/production.js': "module.exports = { db: { dialect: 'postgres' } };" },
      errors: [{ messageId: 'environmentSpecificService', file: 'config/development.js', line: 1, column: 35, endColumn: 43 }],
      output: null,
    },
    {
      name: 'sections bound to constants',
      code: "const dev = { client: 'sqlite3' };\nconst prod = { client: 'pg' };\nmodule.exports = { development: dev, production: prod };",
      filename: 'knexfile.js',
      errors: [{ messageId: 'environmentSpecificService', file: 'knexfile.js', line: 1, column: 23 }],
      output: null,
    },
    {
      name: 'connection URLs of different kinds',
      code: "module.exports = {\n  development: { url: 'sqlite:./dev.db' },\n  production: { url: 'postgres://db.internal/app' },\n};",
      errors: [{ messageId: 'environmentSpecificService', line: 2, column: 23 }],
      output: null,
    },
    {
      name: 'a mailer that prints in development and sends in production',
      code: "module.exports = {\n  development: { mailer: { transport: 'console' } },\n  production: { mailer: { transport: 'smtp' } },\n};",
      errors: [{ messageId: 'environmentSpecificService', line: 2, column: 39, message: 'The development environment attaches a mock mailer where production attaches a mail service. The app is then built and tried against a service that behaves differently from the one it runs with, and the differences surface only in production. Attach the same kind of service everywhere and let each deploy set only its URL.' }],
      output: null,
    },
    {
      name: 'staging as the reference when there is no production section',
      code: "module.exports = { dev: { cache: { store: 'memory' } }, staging: { cache: { store: 'redis' } } };",
      errors: [{ messageId: 'environmentSpecificService', line: 1, column: 43 }],
      output: null,
    },
  ],
});
