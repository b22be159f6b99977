import rule from '../../../server/src/rules/codebase/no-external-dependency';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests, type InvalidCase } from '../../support/ruleTester';

const withDependencies = (dependencies: Record<string, string>, extra: Record<string, unknown> = {}) =>
  projectFixture({ 'package.json': packageJsonText({ name: 'orders', ...extra, dependencies }) });
const app = projectFixture({ 'package.json': packageJsonText({ name: 'orders', dependencies: { express: '^4.19.2' } }) });
const monorepo = projectFixture({ 'package.json': packageJsonText({ name: 'shop', private: true, workspaces: ['packages/*'] }) });

const invalid: InvalidCase[] = [
  {
    name: 'file: dependency on a sibling checkout',
    code: '',
    project: withDependencies({ express: '^4.19.2', shared: 'file:../shared' }),
    errors: [{ messageId: 'dependencyOutsideRoot', file: 'package.json', line: 5, column: 15, endLine: 5, endColumn: 31 }],
    output: null,
  },
  {
    name: 'link:, portal:, absolute, home and bare relative paths',
    code: '',
    project: withDependencies({ a: 'link:../other-app', b: 'portal:/opt/libs/b', c: '/srv/libs/c', d: '~/code/d', e: '../e' }),
    errors: [
      { messageId: 'dependencyOutsideRoot', file: 'package.json', line: 4, column: 10 },
      { messageId: 'dependencyOutsideRoot', file: 'package.json', line: 5, column: 10 },
      { messageId: 'dependencyOutsideRoot', file: 'package.json', line: 6, column: 10 },
      { messageId: 'dependencyOutsideRoot', file: 'package.json', line: 7, column: 10 },
      { messageId: 'dependencyOutsideRoot', file: 'package.json', line: 8, column: 10 },
    ],
    output: null,
  },
  {
    name: 'devDependencies count too',
    code: '',
    project: withDependencies({}, { devDependencies: { 'test-utils': 'file:../../tools/test-utils' } }),
    errors: [{ messageId: 'dependencyOutsideRoot', file: 'package.json', line: 4, column: 19, message: '"test-utils" is installed from file:../../tools/test-utils, a folder outside this project. Deploys build from this codebase alone, so that code is either missing or whatever version sits beside the checkout: publish it as a versioned package, or make both packages workspaces of one repository.' }],
    output: null,
  },
  {
    name: 'require that climbs above the package root',
    code: "const db = require('../../billing/src/db');",
    project: app,
    errors: [{ messageId: 'importOutsideRoot', line: 1, column: 20, endColumn: 42, message: 'This import climbs out of the package root to ../billing/src/db. Code that lives outside this codebase is not part of what a deploy builds and versions: depend on it as a package instead.' }],
    output: null,
  },
  {
    name: 'a root-level file needs only one ../ to leave, and the same specifier twice',
    code: "const express = require('express');\nconst a = require('../shared/a');\nconst again = require('../shared/a');",
    filename: 'server.js',
    project: app,
    errors: [
      { messageId: 'importOutsideRoot', line: 2, column: 19, endColumn: 32, file: 'server.js' },
      { messageId: 'importOutsideRoot', line: 3, column: 23, file: 'server.js' },
    ],
    output: null,
  },
  {
    name: 'ES import, re-export and dynamic import from a nested file',
    code: "import { money } from '../../../shared/money';\nexport * from '../../../shared/types';\nconst later = () => import('../../../shared/lazy');",
    filename: 'src/routes/orders.ts',
    project: app,
    errors: [
      { messageId: 'importOutsideRoot', line: 1, column: 23, file: 'src/routes/orders.ts' },
      { messageId: 'importOutsideRoot', line: 2, column: 15, file: 'src/routes/orders.ts' },
      { messageId: 'importOutsideRoot', line: 3, column: 28, file: 'src/routes/orders.ts' },
    ],
    output: null,
  },
  {
    name: 'a workspace reaching into another workspace by path',
    code: "import { format } from '../../web/src/format';",
    filename: 'packages/api/src/index.ts',
    project: monorepo,
    errors: [{ messageId: 'importOutsideWorkspace', line: 1, column: 24, file: 'packages/api/src/index.ts', message: 'This import reaches out of the workspace "packages/api" into packages/web/src/format by path. Sibling packages then ship and version as one blob: import the other workspace by its package name and declare it as a dependency.' }],
    output: null,
  },
];

runRuleTests(rule, {
  valid: [
    { name: "a test runner's config extending the monorepo's shared one", code: "const config = require('../../../jest/config');\nmodule.exports = Object.assign({}, config, {});", filename: 'jest.config.js', project: app },
    { name: 'a declared dependency reached beside the installed package (`../node-forge/lib/forge`)', code: "const forge = require('../node-forge/lib/forge');", filename: 'pkcs7.js', project: projectFixture({ 'package.json': packageJsonText({ name: 'meshcentral', dependencies: { 'node-forge': '1.3.2' } }) }) },
    { name: 'registry, git, tarball and alias dependencies', code: '', project: withDependencies({ express: '^4.19.2', lib: 'github:acme/lib#v1.2.0', tar: 'https://example.com/t.tgz', alias: 'npm:lodash@^4' }) },
    { name: 'workspace protocol in a monorepo', code: '', project: withDependencies({ '@shop/shared': 'workspace:*', '@shop/ui': 'workspace:^1.0.0' }) },
    { name: 'file: and link: inside the repository', code: '', project: withDependencies({ vendored: 'file:./vendor/vendored-1.0.0.tgz', local: 'link:packages/local', bare: './libs/bare' }) },
    { name: '../ imports that stay inside the package', code: "const db = require('../db');\nimport { a } from '../../src/lib/a';", filename: 'src/routes/users.js', project: app },
    { name: 'package imports', code: "import express from 'express';\nimport { x } from '@acme/shared/lib';", project: app },
    { name: 'no package.json: the package root is unknown', code: "const db = require('../../billing/db');" },
    { name: 'a workspace importing its own files and other workspaces by name', code: "import { db } from '../lib/db';\nimport { format } from '@shop/web';", filename: 'packages/api/src/index.ts', project: monorepo },
    { name: 'a specifier built at run time', code: "const plugin = require('../../plugins/' + name);", project: app },
  ],
  invalid,
});

