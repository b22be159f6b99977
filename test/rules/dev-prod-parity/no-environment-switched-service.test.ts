import rule from '../../../server/src/rules/dev-prod-parity/no-environment-switched-service';
import { runRuleTests } from '../../support/ruleTester';

const PROD = "process.env.NODE_ENV === 'production'";

runRuleTests(rule, {
  valid: [
    { name: 'a tier the deploy names on purpose, production by default', code: "const environment = process.env.ENVIRONMENT === 'staging' ? 'staging' : 'production';\nfetchPackages(environment);" },
    { name: "the app's own environment name passed on", code: "const env = process.env.NODE_ENV === 'production' ? 'production' : 'development';\nSentry.init({ environment: env });" },
    { name: "the app's own public URL shown as localhost in development", code: "const publicUrl = process.env.NODE_ENV === 'production' ? 'https://app.example.org' : 'http://localhost:3000';" },
    {
      name: 'an early return that changes no service: the rest of the function uses the same one',
      code: "const knex = require('knex');\nfunction createDb() {\n  if (process.env.NODE_ENV !== 'production') {\n    return knex({ client: 'pg', connection: 'postgres://localhost/dev' });\n  }\n  return knex({ client: 'pg', connection: process.env.DATABASE_URL });\n}",
    },
    {
      name: 'an early exit in tests only',
      code: "const mongoose = require('mongoose');\nasync function connect() {\n  if (process.env.NODE_ENV === 'test') {\n    const { MongoMemoryServer } = require('mongodb-memory-server');\n    return mongoose.connect((await MongoMemoryServer.create()).getUri());\n  }\n  return mongoose.connect(process.env.MONGO_URL);\n}",
    },
    { name: 'only the log format changes', code: `app.use(morgan(${PROD} ? 'combined' : 'dev'));` },
    { name: 'production hardening, no service', code: `if (${PROD}) {\n  app.set('trust proxy', 1);\n  app.use(helmet());\n}` },
    { name: 'view caching', code: "const isProd = process.env.NODE_ENV === 'production';\napp.set('view cache', isProd);\nconst ttl = isProd ? 3600 : 0;" },
    { name: 'error pages', code: "const errorhandler = require('errorhandler');\napp.use(process.env.NODE_ENV === 'development' ? errorhandler() : productionErrors);" },
    { name: 'failure policy', code: "redis.on('error', (error) => {\n  if (process.env.NODE_ENV === 'production') process.exit(1);\n  else console.warn(error);\n});" },
    {
      name: 'the same kind on both sides',
      code: "const { Pool } = require('pg');\nconst pool = isProduction ? new Pool({ connectionString: process.env.DATABASE_URL, ssl: true }) : new Pool({ connectionString: 'postgres://localhost/dev' });",
    },
    { name: 'an environment URL against a local default of the same service', code: "const url = process.env.NODE_ENV === 'production' ? process.env.REDIS_URL : 'redis://localhost:6379';\nconst redis = new Redis(url);" },
    { name: 'a branch only for tests', code: "const Database = require('better-sqlite3');\nconst { Pool } = require('pg');\nconst db = process.env.NODE_ENV === 'test' ? new Database(':memory:') : new Pool();" },
    {
      name: 'log transports are logging, not a storage engine',
      code: "const winston = require('winston');\nconst transport = process.env.NODE_ENV === 'production' ? new winston.transports.File({ filename: 'app.log' }) : new winston.transports.Console();",
    },
    { name: 'a service chosen by whether its URL is configured', code: "const store = process.env.REDIS_URL ? new RedisStore({ client: createClient({ url: process.env.REDIS_URL }) }) : new session.MemoryStore();" },
    { name: 'a flag from config, not the environment name', code: "const store = config.useRedis ? new RedisStore({ client }) : new session.MemoryStore();" },
    {
      name: 'a developer script',
      code: "const store = process.env.NODE_ENV === 'production' ? new RedisStore({ client }) : new session.MemoryStore();",
      filename: 'scripts/dev-server.js',
    },
  ],
  invalid: [
    {
      name: "a vendor backend's tier chosen by NODE_ENV, falling back to staging",
      code: "const { inProduction } = require('@n8n/backend-common');\nasync function fetchNodeTypes() {\n  const environment = inProduction || process.env.ENVIRONMENT === 'production' ? 'production' : 'staging';\n  return await getCommunityNodeTypes(environment);\n}",
      errors: [{ messageId: 'environmentSwitchedService', line: 3, column: 23, message: "This environment check attaches its production backend on one side and the vendor's staging backend on the other. Development then runs against a different API than production, so code that works locally can fail after deploying. Run the same kind of service everywhere (a local container will do) and let config choose only its URL." }],
      output: null,
    },
    {
      name: 'an API address switched between a hosted service and a copy on this machine by NODE_ENV',
      code: "const cloudApiUrl = process.env['NODE_ENV'] === 'production'\n  ? 'https://api.mockoon.com/environments'\n  : 'http://localhost:5003/environments';",
      errors: [{ messageId: 'environmentSwitchedService', line: 1, column: 21, message: 'This environment check attaches the hosted API on one side and a copy of the API on this machine on the other. Development then runs against a different API than production, so code that works locally can fail after deploying. Run the same kind of service everywhere (a local container will do) and let config choose only its URL.' }],
      output: null,
    },
    {
      name: 'an early return in development: the statements after the if are production',
      code: "const knex = require('knex');\nfunction createDb() {\n  if (process.env.NODE_ENV !== 'production') {\n    return knex({ client: 'sqlite3', connection: { filename: ':memory:' } });\n  }\n  return knex({ client: 'pg', connection: process.env.DATABASE_URL });\n}",
      errors: [{ messageId: 'environmentSwitchedService', line: 3, column: 7, message: 'This environment check attaches SQLite on one side and PostgreSQL on the other. Development then runs against a different database than production, so code that works locally can fail after deploying. Run the same kind of service everywhere (a local container will do) and let config choose only its URL.' }],
      output: null,
    },
    {
      name: 'an in-memory MongoDB in development, reached through the same client as production',
      code: "const mongoose = require('mongoose');\nasync function connect() {\n  if (process.env.NODE_ENV === 'development') {\n    const { MongoMemoryServer } = require('mongodb-memory-server');\n    const mongod = await MongoMemoryServer.create();\n    return mongoose.connect(mongod.getUri());\n  }\n  return mongoose.connect(process.env.MONGO_URL);\n}",
      errors: [{ messageId: 'environmentSwitchedService', line: 3, column: 7, message: 'This environment check attaches an in-memory MongoDB on one side and MongoDB on the other. Development then runs against a different database than production, so code that works locally can fail after deploying. Run the same kind of service everywhere (a local container will do) and let config choose only its URL.' }],
      output: null,
    },
    {
      name: 'knex client chosen by NODE_ENV',
      code: `const db = knex({\n  client: ${PROD} ? 'pg' : 'sqlite3',\n  connection: process.env.DATABASE_URL,\n});`,
      errors: [
        {
          messageId: 'environmentSwitchedService',
          line: 2,
          column: 11,
          endColumn: 48,
          message: 'This environment check attaches PostgreSQL on one side and SQLite on the other. Development then runs against a different database than production, so code that works locally can fail after deploying. Run the same kind of service everywhere (a local container will do) and let config choose only its URL.',
        },
      ],
      output: null,
    },
    {
      name: 'a client held in a variable',
      code: "const isDev = process.env.NODE_ENV !== 'production';\nconst client = isDev ? 'sqlite3' : 'pg';\nmodule.exports = knex({ client });",
      errors: [{ messageId: 'environmentSwitchedService', line: 2, column: 16, endColumn: 21 }],
      output: null,
    },
    {
      name: 'memory sessions in development, Redis in production',
      code: `app.use(session({\n  store: ${PROD} ? new RedisStore({ client: redisClient }) : new session.MemoryStore(),\n  secret: process.env.SESSION_SECRET,\n}));`,
      errors: [{ messageId: 'environmentSwitchedService', line: 2, column: 10 }],
      output: null,
    },
    {
      name: 'if/else requiring different database drivers',
      code: `let db;\nif (${PROD}) {\n  const { Pool } = require('pg');\n  db = new Pool();\n} else {\n  const Database = require('better-sqlite3');\n  db = new Database('dev.db');\n}`,
      errors: [{ messageId: 'environmentSwitchedService', line: 2, column: 5, endColumn: 42 }],
      output: null,
    },
    {
      name: 'uploads on local disk in development, S3 in production',
      code: "const multer = require('multer');\nconst multerS3 = require('multer-s3');\nconst storage = isProduction ? multerS3({ s3, bucket: process.env.BUCKET }) : multer.diskStorage({ destination: 'uploads/' });",
      errors: [{ messageId: 'environmentSwitchedService', line: 3, column: 17, endColumn: 29 }],
      output: null,
    },
    {
      name: 'a mock mailer outside production',
      code: `const transporter = ${PROD}\n  ? nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587 })\n  : nodemailer.createTransport({ jsonTransport: true });`,
      errors: [{ messageId: 'environmentSwitchedService', line: 1, column: 21, message: 'This environment check attaches a mail service on one side and a mock mailer on the other. Development then runs against a different mail delivery than production, so code that works locally can fail after deploying. Run the same kind of service everywhere (a local container will do) and let config choose only its URL.' }],
      output: null,
    },
    {
      name: 'an in-process cache instead of Redis',
      code: "import Redis from 'ioredis';\nimport NodeCache from 'node-cache';\nexport const cache = isProduction ? new Redis(process.env.REDIS_URL) : new NodeCache();",
      filename: 'src/cache.mjs',
      errors: [{ messageId: 'environmentSwitchedService', line: 3, column: 22, file: 'src/cache.mjs' }],
      output: null,
    },
    {
      name: 'an else-if chain: the test branch is dropped, the others still differ',
      code: "const env = process.env.NODE_ENV;\nlet store;\nif (env === 'production') {\n  store = new RedisStore({ client });\n} else if (env === 'test') {\n  store = new RedisStore({ client: mockClient });\n} else {\n  store = new MemoryStore();\n}",
      errors: [{ messageId: 'environmentSwitchedService', line: 3, column: 5, endColumn: 25 }],
      output: null,
    },
    {
      name: 'a switch on NODE_ENV',
      code: "function database() {\n  switch (process.env.NODE_ENV) {\n    case 'production':\n      return knex({ client: 'pg', connection: process.env.DATABASE_URL });\n    default:\n      return knex({ client: 'sqlite3', connection: { filename: './dev.db' } });\n  }\n}",
      errors: [{ messageId: 'environmentSwitchedService', line: 2, column: 11, endColumn: 31 }],
      output: null,
    },
    {
      name: 'a logical fallback',
      code: "const store = (isProd && new RedisStore({ client })) || new session.MemoryStore();",
      errors: [{ messageId: 'environmentSwitchedService', line: 1, column: 16, endColumn: 22 }],
      output: null,
    },
    {
      name: 'connection URLs of different kinds',
      code: "const sequelize = new Sequelize(app.get('env') === 'production' ? 'postgres://db.internal/app' : 'sqlite::memory:');",
      errors: [{ messageId: 'environmentSwitchedService', line: 1, column: 33 }],
      output: null,
    },
  ],
});
