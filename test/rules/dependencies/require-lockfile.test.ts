import rule from '../../../server/src/rules/dependencies/require-lockfile';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const manifest = packageJsonText({
  name: 'orders',
  version: '1.0.0',
  dependencies: { express: '^4.19.2', pg: '^8.11.0' },
  devDependencies: { jest: '^29.0.0' },
});
const npmLock = (dependencies: Record<string, string>, devDependencies: Record<string, string> = { jest: '^29.0.0' }) =>
  JSON.stringify({ name: 'orders', lockfileVersion: 3, packages: { '': { name: 'orders', dependencies, devDependencies } } }, null, 2);
const pnpmLock = (specifiers: Record<string, string>) =>
  `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n${Object.entries(specifiers).map(([name, specifier]) => `      ${name}:\n        specifier: ${specifier}\n        version: 1.0.0\n`).join('')}`;
const gitignore = 'node_modules\n';

runRuleTests(rule, {
  valid: [
    { name: 'an npm lockfile in step with package.json', code: '', project: projectFixture({ 'package.json': manifest, 'package-lock.json': npmLock({ express: '^4.19.2', pg: '^8.11.0' }), '.gitignore': gitignore }) },
    { name: 'a yarn lockfile (its contents are not compared)', code: '', project: projectFixture({ 'package.json': manifest, 'yarn.lock': '# yarn lockfile v1\n', '.gitignore': gitignore }) },
    { name: 'a pnpm lockfile in step', code: '', project: projectFixture({ 'package.json': packageJsonText({ name: 'a', dependencies: { express: '^4.19.2' } }), 'pnpm-lock.yaml': pnpmLock({ express: "'^4.19.2'" }), '.gitignore': gitignore }) },
    { name: 'an npm v6 lockfile without a root package entry is not compared', code: '', project: projectFixture({ 'package.json': manifest, 'package-lock.json': JSON.stringify({ lockfileVersion: 1, dependencies: {} }), '.gitignore': gitignore }) },
    { name: 'no dependencies, nothing to lock', code: '', project: projectFixture({ 'package.json': packageJsonText({ name: 'tool', scripts: { start: 'node index.js' } }), '.gitignore': gitignore }) },
    { name: 'a published package (no .gitignore): npm never ships lockfiles', code: '', project: projectFixture({ 'package.json': manifest }) },
    { name: 'a monorepo package: its lockfile lives at the repository root', code: '', project: projectFixture({ 'package.json': packageJsonText({ name: 'api', dependencies: { '@shop/db': 'workspace:*' } }), '.gitignore': gitignore }) },
    { name: 'no package.json', code: '' },
    {
      name: 'any version is pinned by a lockfile, and a peer or development dependency may take any',
      code: '',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'orders', dependencies: { express: '*' }, devDependencies: { jest: 'latest' }, peerDependencies: { react: '*' } }), 'yarn.lock': '# yarn lockfile v1\n', '.gitignore': gitignore }),
    },
    { name: 'siblings of a monorepo package in its own scope, which the workspace provides', code: '', project: projectFixture({ 'package.json': packageJsonText({ name: '@budibase/server', dependencies: { '@budibase/backend-core': '*', '@budibase/types': '*' } }) }) },
    { name: 'a published package with git dependencies pinned to a tag or commit', code: '', project: projectFixture({ 'package.json': packageJsonText({ name: 'irc', dependencies: { a: 'git://github.com/x/a.git#v1.2.0', b: 'user/b#4f1c2d9' } }) }) },
  ],
  invalid: [
    {
      name: 'a published package that takes any version or the head of a git branch',
      code: '',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'irc', dependencies: { async: '*', commander: 'git://github.com/visionmedia/commander.js.git', winston: 'latest', ws: '^8.0.0' }, devDependencies: { mocha: '*' } }) }),
      errors: [
        { messageId: 'unpinned', file: 'package.json', line: 4, column: 14, message: '"async" accepts any version ("*"), and no lockfile pins what that resolved to: each install can take a new major version, or whatever the branch holds that day, and run code nobody tested. Declare a version range (and commit a lockfile).' },
        { messageId: 'unpinned', file: 'package.json', line: 5, column: 18, message: '"commander" accepts the head of a git branch (no tag or commit), and no lockfile pins what that resolved to: each install can take a new major version, or whatever the branch holds that day, and run code nobody tested. Declare a version range (and commit a lockfile).' },
        { messageId: 'unpinned', file: 'package.json', line: 6, column: 16 },
      ],
      output: null,
    },
    {
      name: 'no lockfile in a repository',
      code: '',
      project: projectFixture({ 'package.json': manifest, '.gitignore': gitignore }),
      errors: [{ messageId: 'missingLockfile', file: 'package.json', line: 4, column: 3, endLine: 4, endColumn: 17 }],
      output: null,
    },
    {
      name: 'a dependency missing from package-lock.json, another locked at another range',
      code: '',
      project: projectFixture({ 'package.json': manifest, 'package-lock.json': npmLock({ express: '^4.18.0' }), '.gitignore': gitignore }),
      errors: [
        { messageId: 'lockedDifferently', file: 'package.json', line: 5, column: 16, message: '"express" asks for ^4.19.2 here, but package-lock.json was written for ^4.18.0. The lockfile is out of date: `npm ci` refuses it, other installs resolve the package afresh. Install once to update the lockfile and commit it.' },
        { messageId: 'notLocked', file: 'package.json', line: 6, column: 11, message: '"pg" is declared here but missing from package-lock.json. The lockfile is out of date: `npm ci` refuses it, other installs resolve the package afresh. Install once to update the lockfile and commit it.' },
      ],
      output: null,
    },
    {
      name: 'a devDependency missing from the lockfile, and a removed dependency still locked',
      code: '',
      project: projectFixture({ 'package.json': manifest, 'package-lock.json': npmLock({ express: '^4.19.2', pg: '^8.11.0', request: '^2.88.0' }, {}), '.gitignore': gitignore }),
      errors: [
        { messageId: 'staleLockEntry', file: 'package.json', line: 4, column: 3, message: 'package-lock.json still locks "request", which package.json no longer declares. The lockfile is out of date: install once to update it and commit it.' },
        { messageId: 'notLocked', file: 'package.json', line: 9, column: 13 },
      ],
      output: null,
    },
    {
      name: 'pnpm-lock.yaml out of step',
      code: '',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'a', dependencies: { express: '^4.19.2', zod: '^3.22.0' } }), 'pnpm-lock.yaml': pnpmLock({ express: "'^4.19.2'", zod: "'^3.0.0'" }), '.gitignore': gitignore }),
      errors: [{ messageId: 'lockedDifferently', file: 'package.json', line: 5, column: 12 }],
      output: null,
    },
  ],
});
