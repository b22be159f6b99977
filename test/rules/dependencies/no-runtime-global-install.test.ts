import rule from '../../../server/src/rules/dependencies/no-runtime-global-install';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests, type InvalidCase } from '../../support/ruleTester';

const CP = "const { exec, execSync, spawn } = require('child_process');\n";
const withScripts = (scripts: Record<string, string>) => projectFixture({ 'package.json': packageJsonText({ name: 'api', scripts }) });

const invalid: InvalidCase[] = [
  {
    name: "plugins looked for in the machine's global node_modules",
    code: `${CP}const searchPaths = new Set();\nsearchPaths.add('/usr/local/lib/node_modules');\nsearchPaths.add(execSync('/bin/echo -n "$(npm -g prefix)/lib/node_modules"').toString());`,
    errors: [
      { messageId: 'globalModules', line: 3, column: 17, message: "The app looks for packages in the machine's global node_modules (/usr/local/lib/node_modules). What it finds there is installed by hand, outside package.json and the lockfile, so each machine runs different code: declare what the app loads as dependencies, or install plugins into a folder the app owns." },
      { messageId: 'globalModules', line: 4, column: 26 },
    ],
    output: null,
  },
  {
    name: 'npm install -g from code',
    code: `${CP}execSync('npm install -g pm2');`,
    errors: [{ messageId: 'globalInstallInCode', line: 2, column: 10, endColumn: 30, message: 'The app installs pm2 globally while it runs. A global package is outside package.json and the lockfile, differs from machine to machine and may not even be writable in production: declare it as a dependency and use it from node_modules.' }],
    output: null,
  },
  {
    name: 'yarn global add, pnpm add --global, npm i --location=global, spawn form',
    code: `${CP}exec(\`yarn global add \${plugin}\`);\nspawn('pnpm', ['add', '--global', 'typescript']);\nexec('npm i --location=global nodemon');`,
    errors: [
      { messageId: 'globalInstallInCode', line: 2, column: 6, message: 'The app installs packages globally while it runs. A global package is outside package.json and the lockfile, differs from machine to machine and may not even be writable in production: declare it as a dependency and use it from node_modules.' },
      { messageId: 'globalInstallInCode', line: 3, column: 7 },
      { messageId: 'globalInstallInCode', line: 4, column: 6 },
    ],
    output: null,
  },
  {
    name: 'a postinstall script and the start script',
    code: '',
    project: withScripts({ postinstall: 'npm install -g pm2', start: 'npm i -g serve && serve -s build', test: 'npm i -g mocha && mocha' }),
    errors: [
      { messageId: 'globalInstallInScript', file: 'package.json', line: 4, column: 21, endColumn: 39, message: 'The "postinstall" script installs pm2 globally. Whatever it installs lives outside package.json and the lockfile, so deploys depend on the machine: declare it as a dependency; npm scripts find its binary in node_modules/.bin.' },
      { messageId: 'globalInstallInScript', file: 'package.json', line: 5, column: 15, endColumn: 29 },
    ],
    output: null,
  },
  {
    name: 'a script with escaped quotes keeps exact columns',
    code: '',
    project: withScripts({ build: 'echo "x" && npm install --global @nestjs/cli && nest build' }),
    errors: [{ messageId: 'globalInstallInScript', file: 'package.json', line: 4, column: 29, endColumn: 61 }],
    output: null,
  },
  {
    name: 'a Procfile process',
    code: '',
    project: projectFixture({ Procfile: 'web: npm install -g pm2 && pm2-runtime start ecosystem.config.js\n' }),
    errors: [{ messageId: 'globalInstallInProcfile', file: 'Procfile', line: 1, column: 6, endColumn: 24 }],
    output: null,
  },
];

runRuleTests(rule, {
  valid: [
    { name: 'a node_modules folder of the app itself', code: `${CP}const local = path.join(__dirname, 'node_modules');\nexecSync('npm root');` },
    `${CP}execSync('npm install pm2');`,
    `${CP}execSync('npm ls -g --depth=0');\nexec('npm uninstall -g old-cli');`,
    `${CP}exec(command);`,
    { name: 'developer scripts', code: `${CP}execSync('npm i -g yalc');`, filename: 'scripts/link.js' },
    { name: 'dev-only package.json scripts', code: '', project: withScripts({ 'test:e2e': 'npm i -g playwright && playwright test', setup: 'npm i -g pnpm', dev: 'npm i -g nodemon && nodemon' }) },
    { name: 'local installs and global flags of other commands', code: '', project: withScripts({ postinstall: 'npm install --no-save left-pad', start: 'node -g index.js' }) },
  ],
  invalid,
});

