import rule from '../../../server/src/rules/dependencies/no-undeclared-dependency';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests, type InvalidCase } from '../../support/ruleTester';

const project = projectFixture({
  'package.json': packageJsonText({
    name: '@acme/orders',
    dependencies: { express: '^4.19.2', '@aws-sdk/client-s3': '^3.0.0', lodash: '^4.17.21', pg: '^8.11.0' },
    optionalDependencies: { sharp: '^0.33.0' },
    peerDependencies: { mongoose: '>=7' },
    devDependencies: { 'pino-pretty': '^10.0.0', webpack: '^5.0.0', typescript: '^5.0.0', '@types/express': '^4.17.0', jest: '^29.0.0', 'type-fest': '^4.0.0' },
  }),
});
const monorepo = projectFixture({ 'package.json': packageJsonText({ name: 'shop', private: true, workspaces: ['packages/*'], devDependencies: { turbo: '^2.0.0' } }) });

const invalid: InvalidCase[] = [
  {
    name: 'a local module loaded in a try whose catch expects nothing to be missing still runs in production',
    code: "try {\n  require('./setup')(app);\n} catch (error) {\n  console.warn(error.message);\n}",
    filename: 'src/server.js',
    files: { 'src/setup.js': "const webpack = require('webpack');" },
    project: projectFixture({ 'package.json': packageJsonText({ name: 'dash', main: 'src/server.js', devDependencies: { webpack: '5' } }) }),
    errors: [{ messageId: 'devDependency', line: 1, column: 25, file: 'src/setup.js' }],
    output: null,
  },
  {
    name: "a tools/ folder deep in the app's code holds production code (MCP tools), not developer scripts",
    code: "const moment = (await Promise.resolve().then(() => __importStar(require('moment-timezone')))).default;",
    filename: 'dist/modules/mcp/tools/execute-workflow.tool.js',
    project,
    errors: [{ messageId: 'undeclared', line: 1, column: 73, file: 'dist/modules/mcp/tools/execute-workflow.tool.js' }],
    output: null,
  },
  {
    name: 'an undeclared require',
    code: "const axios = require('axios');",
    project,
    errors: [{ messageId: 'undeclared', line: 1, column: 23, endColumn: 30, message: '"axios" is loaded here but package.json does not declare it. It only resolves while something else happens to install it (a transitive dependency, a global package, a developer machine), so a clean install from the manifest can break the app: add it to dependencies.' }],
    output: null,
  },
  {
    name: 'scoped packages and subpaths name their package',
    code: "import { S3Client } from '@aws-sdk/client-s3';\nimport { Upload } from '@aws-sdk/lib-storage';\nimport merge from 'lodash/merge';\nimport debounce from 'lodash.debounce/index.js';",
    filename: 'src/storage.mjs',
    project,
    errors: [
      { messageId: 'undeclared', line: 2, column: 24, file: 'src/storage.mjs', message: '"@aws-sdk/lib-storage" is loaded here but package.json does not declare it. It only resolves while something else happens to install it (a transitive dependency, a global package, a developer machine), so a clean install from the manifest can break the app: add it to dependencies.' },
      { messageId: 'undeclared', line: 4, column: 22, file: 'src/storage.mjs' },
    ],
    output: null,
  },
  {
    name: 'a phantom transitive dependency (body-parser comes with express)',
    code: "const bodyParser = require('body-parser');\nconst express = require('express');",
    project,
    errors: [{ messageId: 'undeclared', line: 1, column: 28 }],
    output: null,
  },
  {
    name: 'dynamic import and re-export',
    code: "export { v4 } from 'uuid';\nconst redis = await import('ioredis');",
    filename: 'src/index.mjs',
    project,
    errors: [
      { messageId: 'undeclared', line: 1, column: 20, file: 'src/index.mjs' },
      { messageId: 'undeclared', line: 2, column: 28, file: 'src/index.mjs' },
    ],
    output: null,
  },
  {
    name: 'a devDependency loaded by production code',
    code: "const pretty = require('pino-pretty');\nmodule.exports = pino(pretty());",
    project,
    errors: [{ messageId: 'devDependency', line: 1, column: 24, message: '"pino-pretty" is only a devDependency, yet production code loads it. Production installs leave devDependencies out (npm ci --omit=dev), so this load fails in the deployed app: move it to dependencies.' }],
    output: null,
  },
  {
    name: 'a TypeScript import of a devDependency used as a value',
    code: "import { z } from 'type-fest';\nexport const schema = z.object({});",
    filename: 'src/schema.ts',
    project,
    errors: [{ messageId: 'devDependency', line: 1, column: 19, file: 'src/schema.ts' }],
    output: null,
  },
  {
    name: 'inside try/catch whose catch tells users to install it globally',
    code: "let canvas;\ntry {\n  canvas = require('canvas');\n} catch (error) {\n  throw new Error('PDF previews need canvas: run npm install -g canvas');\n}",
    project,
    errors: [{ messageId: 'undeclared', line: 3, column: 20 }],
    output: null,
  },
  {
    name: 'inside try/catch that swallows the error: optional, yet declared nowhere',
    code: "let heapdump = null;\ntry {\n  heapdump = require('heapdump');\n} catch {\n  heapdump = null;\n}",
    project,
    errors: [{ messageId: 'undeclaredOptional', line: 3, column: 22, message: '"heapdump" is loaded optionally, but declared nowhere, so whether this feature works depends on what is installed on each machine. Declare it in optionalDependencies (or peerDependencies) to make the choice explicit.' }],
    output: null,
  },
  {
    name: 'a catch that falls back to another undeclared package does not help',
    code: "let bcrypt;\ntry {\n  bcrypt = require('bcrypt');\n} catch {\n  bcrypt = require('bcryptjs');\n}",
    project,
    errors: [
      { messageId: 'undeclaredOptional', line: 3, column: 20 },
      { messageId: 'undeclared', line: 5, column: 20 },
    ],
    output: null,
  },
  {
    name: 'developer scripts must still declare what they load',
    code: "const { Client } = require('pg');\nconst yargs = require('yargs');",
    filename: 'scripts/backfill.js',
    project,
    errors: [{ messageId: 'undeclared', line: 2, column: 23, file: 'scripts/backfill.js' }],
    output: null,
  },
  {
    name: 'a require in a function called inside try is not guarded by it',
    code: "function load() {\n  return require('redis');\n}\ntry {\n  load();\n} catch {}",
    project,
    errors: [{ messageId: 'undeclared', line: 2, column: 18 }],
    output: null,
  },
];

runRuleTests(rule, {
  valid: [
    {
      name: 'a local module the server loads expecting it to be missing in production builds, and what only it imports',
      code: "try {\n  require('./browser-control/setup')(app);\n} catch (error) {\n  if (error.code !== 'MODULE_NOT_FOUND') console.warn(error.message);\n}\napp.listen(process.env.PORT);",
      filename: 'src/server.js',
      files: { 'src/browser-control/setup.js': "const webpack = require('webpack');\nconst orchestrator = require('./orchestrator');", 'src/browser-control/orchestrator.js': "const jest = require('jest');" },
      project: projectFixture({ 'package.json': packageJsonText({ name: 'dash', main: 'src/server.js', devDependencies: { webpack: '5', jest: '29' } }) }),
    },
    {
      name: 'a folder with a package.json of its own declares its imports there',
      code: "const kebab = require('lodash.kebabcase');",
      filename: 'website/gatsby-node.js',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'cms' }), 'website/package.json': packageJsonText({ name: 'cms-website', dependencies: { 'lodash.kebabcase': '4' } }) }),
    },
    { name: 'a jQuery plugin is browser code', code: "var $ = require('jquery');\nvar marked = require('marked');", filename: 'fields/types/markdown/lib/bootstrap-markdown.js', project },
    {
      name: 'electron as a devDependency, as electron-builder requires, loaded by the desktop shell',
      code: "const { app, BrowserWindow } = require('electron');",
      filename: 'dist/electron-app/main.js',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'desk', devDependencies: { electron: '^30.0.0' } }) }),
    },
    { name: 'a loader the code expects to be missing in production (MODULE_NOT_FOUND ignored)', code: "try {\n  require('tsx/cjs');\n} catch (err) {\n  if (err.code !== 'MODULE_NOT_FOUND') {\n    throw err;\n  }\n}", filename: 'MigratorConfig.js', project },
    { name: 'a docs build script under bin/ loads a tool nobody deploys', code: "const marked = require('marked');\nmodule.exports = (md) => marked(md);", filename: 'bin/doc/html.js', project },
    { name: 'declared dependencies, optional and peer', code: "const express = require('express');\nconst sharp = require('sharp');\nconst mongoose = require('mongoose');\nconst { Pool } = require('pg');", project },
    { name: 'node built-ins, with and without node:, subpaths included', code: "import fs from 'fs';\nimport { readFile } from 'node:fs/promises';\nimport { DatabaseSync } from 'node:sqlite';\nimport test from 'node:test';\nimport path from 'path/posix';", filename: 'src/index.mjs', project },
    { name: 'relative, absolute, #subpath and URL specifiers', code: "import a from './a.js';\nimport b from '../b.js';\nimport c from '#config';\nimport d from 'data:text/javascript,export default 1';\nconst e = require('/opt/app/e');", filename: 'src/lib/index.mjs', project },
    { name: 'path aliases that are not package names', code: "import { db } from '@/lib/db';\nimport { log } from '~/log';", filename: 'src/index.ts', project },
    { name: 'a bare import of a source folder (baseUrl alias)', code: "import { sum } from 'utils/sum';", filename: 'src/index.ts', files: { 'src/utils/sum.ts': 'export const sum = 1;' }, project },
    { name: 'the package importing itself by name', code: "const self = require('@acme/orders/package.json');", project },
    { name: 'no package.json', code: "const axios = require('axios');" },
    { name: 'type-only imports are erased', code: "import type { Request } from 'express-serve-static-core';\nimport { type Options } from 'ky';\nexport type { Json } from 'type-fest';", filename: 'src/types.ts', project },
    { name: 'TypeScript imports used only as types are erased', code: "import { JSONSchema7 } from 'json-schema';\nimport { Simplify } from 'type-fest';\nexport function validate(schema: JSONSchema7, value: Simplify<unknown>): boolean { return !!schema && !!value; }", filename: 'src/validate.ts', project },
    { name: 'try/catch falling back to a declared package', code: "let sharp;\ntry {\n  sharp = require('@img/sharp-linux-x64');\n} catch {\n  sharp = require('sharp');\n}", project },
    { name: 'try/catch falling back to a built-in or local module', code: "let fetchImpl;\ntry {\n  fetchImpl = require('node-fetch');\n} catch {\n  fetchImpl = require('./fetch-polyfill');\n}", project },
    { name: 'a devDependency inside try/catch (optional pretty printing)', code: "let transport;\ntry {\n  transport = require('pino-pretty');\n} catch {}", project },
    { name: 'a devDependency on a development-only path', code: "if (process.env.NODE_ENV !== 'production') {\n  const webpack = require('webpack');\n  webpack(config).watch({}, report);\n}", project },
    { name: 'a devDependency behind an isDev flag', code: "const logger = isDev ? require('pino-pretty')() : undefined;", project },
    { name: 'a devDependency in build configuration', code: "const webpack = require('webpack');\nmodule.exports = { plugins: [new webpack.DefinePlugin({})] };", filename: 'webpack.config.js', project },
    { name: 'tool configuration, even with undeclared packages', code: "import js from '@eslint/js';\nexport default [js.configs.recommended];", filename: 'eslint.config.mjs', project },
    { name: 'a devDependency in a developer script', code: "const { execSync } = require('child_process');\nconst ts = require('typescript');", filename: 'scripts/build.js', project },
    { name: 'browser components (JSX) and client folders', code: "import React from 'react';\nexport const App = () => <div />;", filename: 'src/App.jsx', project },
    { name: 'code under client/', code: "import Vue from 'vue';", filename: 'client/main.js', project },
    { name: 'code that imports a UI framework', code: "import { createRouter } from 'vue-router';\nimport { library } from '@fortawesome/fontawesome-svg-core';", filename: 'src/router.js', project },
    {
      name: 'a file package.json runs only from a release script',
      code: "const { Octokit } = require('@octokit/rest');",
      filename: 'extra/release/publish.js',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'a', scripts: { 'release-final': 'node ./extra/release/publish.js' }, devDependencies: { '@octokit/rest': '^20.0.0' } }) }),
    },
    { name: 'code that uses the DOM', code: "import Chart from 'chart.js';\nnew Chart(document.getElementById('c'));", filename: 'src/chart.js', project },
    { name: 'a workspace package, whose own package.json is not known', code: "import express from 'express';", filename: 'packages/api/src/index.ts', project: monorepo },
    {
      name: 'TypeScript sources of a bundled app may import devDependencies',
      code: "import ts from 'typescript';",
      filename: 'src/parse.ts',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'tool', devDependencies: { typescript: '^5.0.0', esbuild: '^0.25.0' } }) }),
    },
    { name: 'modules the deploy provides, allowed by option', code: "const AWS = require('aws-sdk');", project, options: { allow: ['aws-sdk'] } },
  ],
  invalid,
});

