import rule from '../../../server/src/rules/config/no-environment-config-files';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const manifest = packageJsonText({ name: 'orders', main: 'src/index.js', scripts: { start: 'node src/index.js', seed: 'node scripts/seed.js' } });

runRuleTests(rule, {
  valid: [
    { name: 'the same config file on both sides, and a branch only for tests', code: "var file;\nif (process.env.NODE_ENV === 'production') {\n  file = 'config.json';\n  strict = true;\n} else {\n  file = 'config.json';\n}\nif (process.env.NODE_ENV === 'test') { load('config.test.json'); } else { load('config.json'); }" },
    {
      name: 'node-config: config.get reads the merged config, the package\'s own convention',
      code: "const config = require('config');\nconst db = config.get('db');",
      project: projectFixture({ 'config/default.json': '{ "db": {} }', 'config/custom-environment-variables.json': '{ "db": { "url": "DATABASE_URL" } }' }),
    },
    { name: 'per-environment dotenv files are a separate matter', code: "require('dotenv').config({ path: `.env.${process.env.NODE_ENV}` });" },
    { name: 'a NODE_ENV check that only changes the log level', code: "const level = process.env.NODE_ENV === 'production' ? 'info' : 'debug';" },
    { name: 'a log file named after the environment is not config', code: 'const logFile = `logs/${process.env.NODE_ENV}.log`;' },
    { name: 'a map of scalars by environment (log levels), not of settings', code: "const levels = { development: 'debug', production: 'info' };\nlogger.level = levels[process.env.NODE_ENV];" },
    { name: 'a build tool\'s config chosen by environment', code: 'module.exports = require(`./build/webpack.config.${process.env.NODE_ENV}.js`);', filename: 'build/index.js' },
    { name: 'a URL with the environment in it', code: 'const remote = await fetch(`https://config.${process.env.NODE_ENV}.example.com/app.json`);', filename: 'src/remote.mjs' },
    { name: 'a locale file chosen by language', code: 'const messages = require(`./locales/${lang}.json`);' },
    { name: 'reading a variable by a computed name', code: 'const value = process.env[name];' },
    { name: 'config files for tests and local overrides are not deploys', code: '', project: projectFixture({ 'config/test.json': '{}', 'config/local.json': '{}', 'config/default.yml': 'db: {}\n' }) },
    {
      name: 'a developer script run only by a non-start package script',
      code: "const config = require(`../config/${process.env.NODE_ENV}`);",
      filename: 'scripts/seed.js',
      project: projectFixture({ 'package.json': manifest }),
    },
    { name: 'a build tool\'s config split by environment', code: 'module.exports = { mode: "production" };', filename: 'config/webpack/production.js' },
    { name: 'an Angular environment file (browser code, another convention)', code: 'export const environment = { production: true };', filename: 'src/environments/environment.prod.ts' },
    { name: 'a computed environment key on something that is not a config map', code: "const handler = handlers[process.env.NODE_ENV];" },
  ],
  invalid: [
    {
      name: 'environment-named settings modules imported, then merged by a NODE_ENV branch (Babel output)',
      code: "var _base = _interopRequireDefault(require('./settings.base'));\nvar _dev = _interopRequireDefault(require('./settings.development'));\nvar _prod = _interopRequireDefault(require('./settings.production'));\nvar env = process.env.NODE_ENV || 'production';\nvar settings = {};\nif (env === 'development') {\n  merge(settings, _base.default, _dev.default);\n} else {\n  merge(settings, _base.default, _prod.default);\n}",
      filename: 'server/config/settings.js',
      errors: [{ messageId: 'fileByEnvironment', line: 6, column: 5, file: 'server/config/settings.js' }],
      output: null,
    },
    {
      name: 'an if/else on NODE_ENV that picks a different config file on each side',
      code: "var customConfig;\nif (process.env.NODE_ENV === 'development') {\n  customConfig = path.join(root, 'config', 'config.js');\n} else {\n  customConfig = path.join(dataDir, 'config.json');\n}\ncopy(require(customConfig)).override(config);",
      filename: 'config/index.js',
      errors: [{ messageId: 'fileByEnvironment', line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'a Rollup-compiled path.resolve into config/env/<NODE_ENV>',
      code: "var path__default = /*#__PURE__*/_interopDefault(path);\nconst envDir = path__default.default.resolve(configDir, 'env', process.env.NODE_ENV);\nconst envConfig = configLoader(envDir);",
      filename: 'dist/configuration/index.js',
      errors: [{ messageId: 'fileByEnvironment', line: 2, column: 16, endColumn: 85, file: 'dist/configuration/index.js' }],
      output: null,
    },
    {
      name: 'require of a file named after NODE_ENV',
      code: 'const config = require(`./config/${process.env.NODE_ENV}`);',
      errors: [{ messageId: 'fileByEnvironment', line: 1, column: 24, endColumn: 58 }],
      output: null,
    },
    {
      name: 'a path concatenated from a derived env variable',
      code: "const env = process.env.NODE_ENV || 'development';\nconst config = require('./config/' + env + '.json');",
      errors: [{ messageId: 'fileByEnvironment', line: 2, column: 24, endColumn: 51 }],
      output: null,
    },
    {
      name: 'the Sequelize boilerplate: one section of config.json by NODE_ENV',
      code: "var env = process.env.NODE_ENV || 'development';\nvar config = require(__dirname + '/../config/config.json')[env];",
      filename: 'models/index.js',
      errors: [{ messageId: 'sectionByEnvironment', line: 2, column: 14, endColumn: 64, file: 'models/index.js' }],
      output: null,
    },
    {
      name: 'a knexfile section picked by NODE_ENV',
      code: "const knexConfig = require('../knexfile');\nconst db = knex(knexConfig[process.env.NODE_ENV]);",
      errors: [{ messageId: 'sectionByEnvironment', line: 2, column: 17, endColumn: 49 }],
      output: null,
    },
    {
      name: 'an imported map of environments',
      code: "import configs from './config.js';\nexport default configs[process.env.NODE_ENV || 'development'];",
      filename: 'src/settings.mjs',
      errors: [{ messageId: 'sectionByEnvironment', line: 2, column: 16, file: 'src/settings.mjs' }],
      output: null,
    },
    {
      name: 'an object of environment sections in the same file, picked by Express\'s env setting',
      code: "const config = {\n  development: { db: 'dev' },\n  production: { db: process.env.DB },\n};\nmodule.exports = config[app.get('env')];",
      errors: [{ messageId: 'sectionByEnvironment', line: 5, column: 18, endColumn: 40 }],
      output: null,
    },
    {
      name: 'merged sections of required environment modules',
      code: "const development = require('./env/development');\nconst production = require('./env/production');\nmodule.exports = {\n  development: Object.assign({}, development, defaults),\n  production: Object.assign({}, production, defaults),\n}[process.env.NODE_ENV || 'development'];",
      filename: 'config/index.js',
      errors: [{ messageId: 'sectionByEnvironment', line: 3, column: 18, endLine: 6, endColumn: 41, file: 'config/index.js' }],
      output: null,
    },
    {
      name: 'convict loading a file named after its env setting',
      code: "config.loadFile(path.join(__dirname, 'config', `${config.get('env')}.json`));",
      errors: [{ messageId: 'fileByEnvironment', line: 1, column: 17, endColumn: 76 }],
      output: null,
    },
    {
      name: 'an env parameter in a nconf loader',
      code: 'function load(env) {\n  nconf.file({ file: `config/${env}.json` });\n}',
      errors: [{ messageId: 'fileByEnvironment', line: 2, column: 22 }],
      output: null,
    },
    {
      name: 'config/index.js requiring its sibling by environment',
      code: "module.exports = require('./' + (process.env.NODE_ENV || 'development'));",
      filename: 'config/index.js',
      errors: [{ messageId: 'fileByEnvironment', line: 1, column: 26, file: 'config/index.js' }],
      output: null,
    },
    {
      name: 'an environment-named JSON config file, at its first line',
      code: '',
      project: projectFixture({ 'config/default.json': '{ "port": 3000 }\n', 'config/production.json': '{\n  "db": { "host": "db.internal" }\n}\n' }),
      errors: [{ messageId: 'environmentFile', file: 'config/production.json', line: 1, column: 1, endColumn: 2, message: 'This file holds the settings of one named environment (production). Grouped environments do not scale: each new deploy needs another file and a release, and the files drift apart. Keep deploy-specific values in environment variables and only environment-independent defaults in files.' }],
      output: null,
    },
    {
      name: 'environment-named TOML config files (wild-config reads config/$NODE_ENV.toml)',
      code: '',
      project: projectFixture({ 'config/default.toml': 'port = 3000\n', 'config/production.toml': '[dbs]\nmongo = "mongodb://db.internal/mail"\n' }),
      errors: [{ messageId: 'environmentFile', file: 'config/production.toml', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'a test config in another folder than the deploys\' files stays a fixture',
      code: '',
      project: projectFixture({ 'config/test.json': '{}', 'src/config/production.json': '{}' }),
      errors: [{ messageId: 'environmentFile', file: 'src/config/production.json', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'test environments count among the deploys\' files of the same folder, as one more group',
      code: '',
      project: projectFixture({ 'env/config.development.json': '{}', 'env/config.production.json': '{}', 'env/config.testing-mysql.json': '{}', 'config/test.json': '{}' }),
      errors: [
        { messageId: 'environmentFile', file: 'env/config.development.json', line: 1, column: 1 },
        { messageId: 'environmentFile', file: 'env/config.production.json', line: 1, column: 1 },
        { messageId: 'environmentFile', file: 'env/config.testing-mysql.json', line: 1, column: 1, message: 'This file holds the settings of one named environment (testing-mysql). Grouped environments do not scale: each new deploy needs another file and a release, and the files drift apart. Keep deploy-specific values in environment variables and only environment-independent defaults in files.' },
      ],
      output: null,
    },
    {
      name: 'environment-named config files in a config folder deep in the tree, variants included',
      code: '',
      project: projectFixture({
        'core/shared/config/defaults.json': '{ "server": { "port": 2368 } }\n',
        'core/shared/config/env/config.production.json': '{\n  "database": { "client": "mysql" }\n}\n',
        'core/shared/config/env/config.development.docker.json': '{\n  "database": { "client": "mysql" }\n}\n',
      }),
      errors: [
        { messageId: 'environmentFile', file: 'core/shared/config/env/config.development.docker.json', line: 1, column: 1 },
        { messageId: 'environmentFile', file: 'core/shared/config/env/config.production.json', line: 1, column: 1 },
      ],
      output: null,
    },
    {
      name: 'an environment-named JavaScript config file',
      code: 'module.exports = { port: 80 };',
      filename: 'config/production.js',
      errors: [{ messageId: 'environmentFile', file: 'config/production.js', line: 1, column: 1, endColumn: 31 }],
      output: null,
    },
    {
      name: 'config.<env>.json and a YAML file per environment',
      code: '',
      project: projectFixture({ 'config.staging.json': '{}', 'config/env/development.yml': 'db:\n  client: sqlite3\n' }),
      errors: [
        { messageId: 'environmentFile', file: 'config.staging.json', line: 1, column: 1 },
        { messageId: 'environmentFile', file: 'config/env/development.yml', line: 1, column: 1, endColumn: 4 },
      ],
      output: null,
    },
  ],
});
