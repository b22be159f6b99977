import rule from '../../../server/src/rules/config/no-unconditional-dotenv';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const GUARD = "if (process.env.NODE_ENV !== 'production') ";

runRuleTests(rule, {
  valid: [
    { name: 'a .env file whose path the deploy chooses', code: "import dotenv from 'dotenv';\ndotenv.config({ path: process.env.ENV_PATH });", filename: 'src/index.mjs' },
    `${GUARD}require('dotenv').config();`,
    `${GUARD}{\n  require('dotenv').config();\n}`,
    "import dotenv from 'dotenv';\nconst isDev = process.env.NODE_ENV === 'development';\nif (isDev) dotenv.config();",
    "process.env.NODE_ENV !== 'production' && require('dotenv').config();",
    "import { isProduction } from './env';\nimport dotenv from 'dotenv';\nif (!isProduction) dotenv.config();",
    { name: 'a try/catch for dotenv as a devDependency', code: "try {\n  require('dotenv').config();\n} catch {\n  // not installed in production\n}" },
    {
      name: 'a developer script',
      code: "require('dotenv').config();\nrunMigrations();",
      filename: 'scripts/migrate.js',
    },
    {
      name: 'a file only a development script runs',
      code: "import 'dotenv/config';\nstartDevServer();",
      filename: 'dev/server.js',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'api', main: 'src/index.js', scripts: { start: 'node src/index.js', dev: 'node dev/server.js' } }) }),
    },
    { name: 'tooling config', code: "import 'dotenv/config';\nexport default { test: {} };", filename: 'vitest.config.ts' },
    { name: 'dotenvx, whose encrypted files are made for production', code: "require('@dotenvx/dotenvx').config();" },
    { name: 'Node\'s loader outside production', code: "if (process.env.NODE_ENV === 'development') process.loadEnvFile();" },
    { name: 'a local function named loadEnvFile', code: "function load(process) {\n  process.loadEnvFile('.env');\n}" },
    { name: 'a test-only .env file, loaded only when a test environment is named (automatisch)', code: "if (process.env.APP_ENV === 'test') {\n  dotenv.config({ path: path.resolve(__dirname, '../../.env.test') });\n}\nconst dotenv = require('dotenv');" },
    { name: 'after an early return in production', code: "function loadConfig() {\n  if (process.env.NODE_ENV === 'production') return;\n  require('dotenv').config();\n}" },
    { name: 'a config loader that is not dotenv', code: "// dotenv is preloaded by the dev script\nconst settings = require('./settings');\nsettings.load();" },
  ],
  invalid: [
    {
      name: 'the production side of a test-environment branch',
      code: "const dotenv = require('dotenv');\nif (process.env.APP_ENV === 'test') {\n  dotenv.config({ path: '.env.test' });\n} else {\n  dotenv.config();\n}",
      errors: [{ messageId: 'unconditionalDotenv', line: 5, column: 3, endColumn: 18 }],
      output: null,
    },
    {
      code: "require('dotenv').config();\nconst app = require('./app');",
      errors: [{ messageId: 'unconditionalDotenv', line: 1, column: 1, endColumn: 27 }],
      output: null,
      suggestions: [{ title: "Load the .env file only when NODE_ENV is not 'production'", output: `${GUARD}require('dotenv').config();\nconst app = require('./app');` }],
    },
    {
      name: 'the side-effect import cannot be wrapped: no suggestion',
      code: "import 'dotenv/config';\nimport express from 'express';",
      filename: 'src/index.mjs',
      errors: [{ messageId: 'unconditionalDotenv', line: 1, column: 1, endColumn: 24, file: 'src/index.mjs' }],
      output: null,
      suggestions: [],
    },
    {
      code: "import dotenv from 'dotenv';\ndotenv.config();",
      filename: 'src/index.ts',
      errors: [{ messageId: 'unconditionalDotenv', line: 2, column: 1, endColumn: 16, file: 'src/index.ts' }],
      output: null,
      suggestions: [{ title: "Load the .env file only when NODE_ENV is not 'production'", output: `import dotenv from 'dotenv';\n${GUARD}dotenv.config();` }],
    },
    {
      code: "import { config } from 'dotenv';\nconfig({ path: '.env' });",
      filename: 'src/index.mjs',
      errors: [{ messageId: 'unconditionalDotenv', line: 2, column: 1, file: 'src/index.mjs' }],
      output: null,
    },
    {
      code: "require('dotenv/config');",
      errors: [{ messageId: 'unconditionalDotenv', line: 1, column: 1, endColumn: 25 }],
      output: null,
    },
    {
      name: 'a guard that only skips tests still loads .env in production',
      code: "if (process.env.NODE_ENV !== 'test') require('dotenv').config();",
      errors: [{ messageId: 'unconditionalDotenv', line: 1, column: 38 }],
      output: null,
    },
    {
      name: 'inside a config loader function',
      code: "const dotenv = require('dotenv');\nfunction loadConfig() {\n  dotenv.config();\n  return { port: process.env.PORT };\n}",
      errors: [{ messageId: 'unconditionalDotenv', line: 3, column: 3 }],
      output: null,
      suggestions: [{ title: "Load the .env file only when NODE_ENV is not 'production'", output: `const dotenv = require('dotenv');\nfunction loadConfig() {\n  ${GUARD}dotenv.config();\n  return { port: process.env.PORT };\n}` }],
    },
    {
      name: 'a file-exists check is not an environment check',
      code: "if (fs.existsSync('.env')) require('dotenv').config();",
      errors: [{ messageId: 'unconditionalDotenv', line: 1, column: 28 }],
      output: null,
    },
    {
      name: 'namespace import and dotenv-safe',
      code: "import * as dotenv from 'dotenv-safe';\ndotenv.config({ allowEmptyValues: true });",
      filename: 'src/main.ts',
      errors: [{ messageId: 'unconditionalDotenv', line: 2, column: 1, file: 'src/main.ts' }],
      output: null,
    },
    {
      name: 'Node\'s own loader, inside a try that only copes with a missing file',
      code: "try {\n  process.loadEnvFile('.env');\n} catch (error) {\n  console.log('no .env file');\n}",
      errors: [{ messageId: 'unconditionalDotenv', line: 2, column: 3, endColumn: 30 }],
      output: null,
      suggestions: [{ title: "Load the .env file only when NODE_ENV is not 'production'", output: "try {\n  if (process.env.NODE_ENV !== 'production') process.loadEnvFile('.env');\n} catch (error) {\n  console.log('no .env file');\n}" }],
    },
    {
      name: 'an imported dotenv: a try around the call does not make it optional',
      code: "import dotenv from 'dotenv';\ntry {\n  dotenv.config();\n} catch {}",
      filename: 'src/index.mjs',
      errors: [{ messageId: 'unconditionalDotenv', line: 3, column: 3, file: 'src/index.mjs' }],
      output: null,
    },
    {
      name: 'a dynamic import of dotenv/config',
      code: "await import('dotenv/config');\nconst { start } = await import('./server.js');",
      filename: 'src/index.mjs',
      errors: [{ messageId: 'unconditionalDotenv', line: 1, column: 7, file: 'src/index.mjs' }],
      output: null,
    },
  ],
});
