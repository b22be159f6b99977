import rule from '../../../server/src/rules/admin-processes/no-adhoc-database-script';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const PG = "const { Pool } = require('pg');\n";

runRuleTests(rule, {
  valid: [
    {
      name: 'a backfill through the app\'s own db module',
      code: "const db = require('../src/db');\n(async () => {\n  await db.query('UPDATE users SET slug = lower(name) WHERE slug IS NULL');\n  await db.end();\n})();",
      filename: 'scripts/backfill-slugs.js',
    },
    { name: 'DATABASE_URL from the environment', code: `${PG}const pool = new Pool({ connectionString: process.env.DATABASE_URL });`, filename: 'scripts/backfill-slugs.js' },
    { name: 'pg reads the PG* variables', code: `${PG}const pool = new Pool();`, filename: 'scripts/backfill-slugs.js' },
    {
      name: 'a seed for the developer\'s local database',
      code: "const mongoose = require('mongoose');\nmongoose.connect('mongodb://localhost:27017/shop-dev');",
      filename: 'scripts/seed.js',
    },
    {
      name: 'the app\'s config module',
      code: `${PG}const config = require('../config');\nconst pool = new Pool(config.database);`,
      filename: 'tasks/reindex.js',
    },
    {
      name: 'not an admin script (backing-services rules judge app code)',
      code: `${PG}const pool = new Pool({ connectionString: 'postgres://db.prod.example.com/shop' });`,
      filename: 'src/db.js',
    },
    {
      name: 'the server started from bin/www',
      code: "const mongoose = require('mongoose');\nconst app = require('../app');\nmongoose.connect('mongodb://db.example.com/app');\napp.listen(3000);",
      filename: 'bin/www.js',
    },
    {
      name: 'the start script\'s own file',
      code: `${PG}const pool = new Pool({ host: 'db.example.com' });\nrequire('../src/worker').run(pool);`,
      filename: 'bin/worker.js',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'api', scripts: { start: 'node bin/worker.js' } }) }),
    },
    {
      name: 'a knex migration receives its client',
      code: "exports.up = (knex) => knex.schema.alterTable('users', (table) => table.string('slug'));\nexports.down = (knex) => knex.schema.alterTable('users', (table) => table.dropColumn('slug'));",
      filename: 'migrations/20240101_add_slug.js',
    },
    {
      name: 'an environment override with a default',
      code: "const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL || 'postgres://db.example.com/app' });",
      filename: 'scripts/migrate-data.js',
    },
  ],
  invalid: [
    {
      name: 'a backfill with a production connection string',
      code: `${PG}const pool = new Pool({ connectionString: 'postgres://admin:s3cret@db.prod.example.com:5432/shop' });`,
      filename: 'scripts/backfill-orders.js',
      errors: [{ messageId: 'hardcodedConnection', file: 'scripts/backfill-orders.js', line: 2, column: 14, message: 'This admin script opens its own connection to db.prod.example.com, written into the script. One-off tasks must run against the release with the app\'s config: import the app\'s database module or read the same environment variables (such as DATABASE_URL).' }],
      output: null,
      suggestions: [{ title: 'Read DATABASE_URL from the environment (and list it in .env.example)', output: `${PG}const pool = new Pool({ connectionString: process.env.DATABASE_URL });` }],
    },
    {
      name: 'a seed script against a hosted MongoDB',
      code: "const mongoose = require('mongoose');\nawait mongoose.connect('mongodb+srv://cluster0.abcde.mongodb.net/shop');",
      filename: 'seed.mjs',
      errors: [{ messageId: 'hardcodedConnection', file: 'seed.mjs', line: 2, column: 7 }],
      output: null,
      suggestions: [{ title: 'Read MONGODB_URL from the environment (and list it in .env.example)', output: "const mongoose = require('mongoose');\nawait mongoose.connect(process.env.MONGODB_URL);" }],
    },
    {
      name: 'knex with a host in the connection object',
      code: "const knex = require('knex');\nconst db = knex({ client: 'pg', connection: { host: '10.0.3.12', user: 'app', database: 'shop' } });",
      filename: 'migrations/backfill-prices.js',
      errors: [{ messageId: 'hardcodedConnection', file: 'migrations/backfill-prices.js', line: 2, column: 12, message: 'This admin script opens its own connection to 10.0.3.12, written into the script. One-off tasks must run against the release with the app\'s config: import the app\'s database module or read the same environment variables (such as DATABASE_URL).' }],
      output: null,
    },
    {
      name: 'Sequelize with its own host',
      code: "import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('shop', 'root', dbPassword, { host: 'mysql.internal', dialect: 'mysql' });",
      filename: 'scripts/fix-users.ts',
      errors: [{ messageId: 'hardcodedConnection', file: 'scripts/fix-users.ts', line: 2, column: 19 }],
      output: null,
    },
    {
      name: 'settings from a config file beside the script',
      code: "const { MongoClient } = require('mongodb');\nconst config = require('./db-config.json');\nconst client = new MongoClient(config.url);",
      filename: 'tasks/reindex.js',
      errors: [{ messageId: 'ownConfig', file: 'tasks/reindex.js', line: 3, column: 16, message: 'This admin script connects with settings from ./db-config.json, a config of its own. It reaches whatever database that file names, not the one the release is configured for: use the app\'s database module or its environment variables.' }],
      output: null,
    },
    {
      name: 'ioredis in a bin command',
      code: "const Redis = require('ioredis');\nconst redis = new Redis('redis://cache.prod.example.com:6379');",
      filename: 'bin/flush-sessions.js',
      errors: [{ messageId: 'hardcodedConnection', file: 'bin/flush-sessions.js', line: 2, column: 15 }],
      output: null,
      suggestions: [{ title: 'Read REDIS_URL from the environment (and list it in .env.example)', output: "const Redis = require('ioredis');\nconst redis = new Redis(process.env.REDIS_URL);" }],
    },
    {
      name: 'knex called on the require',
      code: "const db = require('knex')({ client: 'mysql2', connection: 'mysql://db.example.com/shop' });",
      filename: 'scripts/migrate-data.js',
      errors: [{ messageId: 'hardcodedConnection', file: 'scripts/migrate-data.js', line: 1, column: 12 }],
      output: null,
      suggestions: [{ title: 'Read DATABASE_URL from the environment (and list it in .env.example)', output: "const db = require('knex')({ client: 'mysql2', connection: process.env.DATABASE_URL });" }],
    },
    {
      name: 'a URL held in a const',
      code: "import pg from 'pg';\nconst DB = 'postgres://db.example.com/shop';\nconst client = new pg.Client(DB);",
      filename: 'src/jobs/users-backfill.mjs',
      errors: [{ messageId: 'hardcodedConnection', file: 'src/jobs/users-backfill.mjs', line: 3, column: 16 }],
      output: null,
      suggestions: [{ title: 'Read DATABASE_URL from the environment (and list it in .env.example)', output: "import pg from 'pg';\nconst DB = process.env.DATABASE_URL;\nconst client = new pg.Client(DB);" }],
    },
  ],
});
