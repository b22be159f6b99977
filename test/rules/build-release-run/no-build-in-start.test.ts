import rule from '../../../server/src/rules/build-release-run/no-build-in-start';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const withScripts = (scripts: Record<string, string>, extra: Record<string, string> = { 'tsconfig.json': '{}\n' }) =>
  projectFixture({ 'package.json': packageJsonText({ name: 'api', scripts }), ...extra });
const pkg = (scripts: Record<string, string>) => packageJsonText({ name: 'api', scripts });

runRuleTests(rule, {
  valid: [
    { name: 'start only runs the build output', code: '', project: withScripts({ build: 'tsc -p .', start: 'node dist/index.js' }) },
    { name: 'start through a runner script', code: '', project: withScripts({ build: 'tsc', start: 'npm run serve', serve: 'NODE_ENV=production node dist/server.js' }) },
    { name: 'watch-mode development start', code: '', project: withScripts({ start: 'tsc -w & nodemon dist/index.js' }) },
    { name: 'concurrently running watchers in development', code: '', project: withScripts({ start: 'concurrently "tsc -w" "nodemon dist/index.js"' }) },
    {
      name: 'a start whose app runs under nodemon through another script (codex.docs)',
      code: '',
      project: withScripts({ start: 'concurrently "yarn start-backend" "yarn build-frontend"', 'start-backend': 'cross-env NODE_ENV=development npx nodemon --config nodemon.json src/backend/app.ts', 'build-frontend': 'webpack --mode=production' }),
    },
    { name: 'concurrently running two processes that only run', code: '', project: withScripts({ start: 'concurrently -n "API,WORKER" "node dist/api.js" "npm:worker"', worker: 'node dist/worker.js' }) },
    { name: 'type-check only', code: '', project: withScripts({ start: 'tsc --noEmit && node index.js' }) },
    { name: 'a build in postinstall belongs to the install (build) step', code: '', project: withScripts({ postinstall: 'tsc', start: 'node dist/index.js' }) },
    { name: 'no start script', code: '', project: withScripts({ build: 'tsc', dev: 'tsc && node dist' }) },
    { name: 'an image that installs in RUN and only runs in CMD', code: '', project: projectFixture({ Dockerfile: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n' }) },
    { name: 'a development image may build as it starts', code: '', project: projectFixture({ 'Dockerfile.dev': 'FROM node:20\nCMD npm install && npm run dev\n' }) },
    { name: 'a CMD that installs and never starts the app', code: '', project: projectFixture({ Dockerfile: 'FROM node:20\nCMD npm ci\n' }) },
    {
      name: 'a start script that only runs the app, with a heredoc that mentions npm install',
      code: '',
      project: projectFixture({ 'bin/run.sh': '#!/bin/sh\ncat <<EOF\nRun npm install first\nEOF\nexec node server.js "$@"\n' }),
    },
    {
      name: 'a start that compiles TypeScript in a published package that ships no tsconfig.json (camouflage-server, monika)',
      code: '',
      project: withScripts({ build: 'tsc', prestart: 'npm run build', start: 'node bin/camouflage.js --config ./config.yml' }, {}),
    },
    { name: 'a script not named or run as a start script', code: '', project: projectFixture({ 'bin/cleanRun.sh': '#!/bin/sh\nrm -rf node_modules\nnpm install\nnode server.js\n' }) },
    { name: 'a named start script that never runs the app', code: '', project: projectFixture({ 'bin/run.sh': '#!/bin/sh\nnpm ci\n' }) },
    { name: 'a Procfile that only runs', code: '', project: projectFixture({ Procfile: 'web: node dist/index.js\nworker: node dist/worker.js\nrelease: npm run build && node dist/migrate.js\n' }) },
  ],
  invalid: [
    {
      name: 'concurrently running the build beside the server, by command line and by shorthand',
      code: '',
      project: withScripts({ build: 'webpack --config ./config/webpack.config', server: 'node bin/registry start', start: 'cross-env NODE_ENV=production concurrently --kill-others-on-fail -n "UI,API" "npm run build" "npm run server"', prod: 'concurrently npm:build npm:server' }),
      errors: [{ messageId: 'buildInStart', file: 'package.json', line: 6, column: 15, message: 'Starting the app runs `npm run build` first (in "start"). Every boot, restart and scale-out then rebuilds the app, needs the build tools in production and may run code other than the tested build: build once in the "build" script and let start only run the result.' }],
      output: null,
    },
    {
      name: 'npm run build && node dist',
      code: '',
      project: withScripts({ build: 'tsc -p .', start: 'npm run build && node dist/index.js' }),
      errors: [{ messageId: 'buildInStart', file: 'package.json', line: 5, column: 15, endColumn: 28, message: 'Starting the app runs `npm run build` first (in "start"). Every boot, restart and scale-out then rebuilds the app, needs the build tools in production and may run code other than the tested build: build once in the "build" script and let start only run the result.' }],
      output: null,
      outputFile: 'package.json',
      suggestions: [{ title: 'Move the build out of "start" (the deploy must run "build")', output: pkg({ build: 'tsc -p .', start: 'node dist/index.js' }) }],
    },
    {
      name: 'tsc && node, with no build script yet',
      code: '',
      project: withScripts({ start: 'tsc && node dist/index.js', test: 'jest' }),
      errors: [{ messageId: 'buildInStart', file: 'package.json', line: 4, column: 15, endColumn: 18 }],
      output: null,
      outputFile: 'package.json',
      suggestions: [{ title: 'Move the build out of "start" (the deploy must run "build")', output: pkg({ build: 'tsc', start: 'node dist/index.js', test: 'jest' }) }],
    },
    {
      name: 'prestart that builds',
      code: '',
      project: withScripts({ prestart: 'npm run compile', compile: 'babel src -d lib', start: 'node lib/index.js' }),
      errors: [{ messageId: 'buildInStart', file: 'package.json', line: 4, column: 18, message: 'Starting the app runs `npm run compile` first (in "prestart"). Every boot, restart and scale-out then rebuilds the app, needs the build tools in production and may run code other than the tested build: build once in the "build" script and let start only run the result.' }],
      output: null,
    },
    {
      name: 'a build reached through another script',
      code: '',
      project: withScripts({ start: 'npm run prod', prod: 'next build && next start -p $PORT' }),
      errors: [{ messageId: 'buildInStart', file: 'package.json', line: 5, column: 14, endColumn: 24 }],
      output: null,
    },
    {
      name: 'an install and a bundler in start',
      code: '',
      project: withScripts({ start: 'npm ci && webpack --mode production && node server.js' }),
      errors: [
        { messageId: 'installInStart', file: 'package.json', line: 4, column: 15, endColumn: 21, message: 'Starting the app runs `npm ci` first (in "start"). Installing on every boot makes starts slow, depends on the registry being up and can install other versions than were tested: install during the build.' },
        { messageId: 'buildInStart', file: 'package.json', line: 4, column: 25, endColumn: 50 },
      ],
      output: null,
    },
    {
      name: 'yarn build in a Procfile process',
      code: '',
      project: projectFixture({ Procfile: 'web: yarn build && yarn start\n' }),
      errors: [{ messageId: 'buildInProcfile', file: 'Procfile', line: 1, column: 6, endColumn: 16, message: 'The "web" process runs `yarn build` before the app. Process commands are the run stage and execute on every start and scale-out: build during the build, and let the process only start the result.' }],
      output: null,
    },
    {
      name: 'a CMD that runs the app\'s setup before starting it',
      code: '',
      project: projectFixture({ Dockerfile: 'FROM node:20\nENV NODE_ENV=production\nCMD node app --setup && npm start\n' }),
      errors: [
        {
          messageId: 'buildInContainerStart',
          file: 'Dockerfile',
          line: 3,
          column: 5,
          endColumn: 21,
          message: 'The image\'s CMD runs `node app --setup` before the app, on every container start and scale-out. Each container then builds or installs on its own, starts slowly, needs the tools in the image and may run code other than the tested build: do it in a RUN step of the image build.',
        },
      ],
      output: null,
    },
    {
      name: 'an exec-form sh -c CMD that installs first',
      code: '',
      project: projectFixture({ Dockerfile: 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim\nCMD ["sh", "-c", "npm install --omit=dev && node server.js"]\n' }),
      errors: [{ messageId: 'buildInContainerStart', file: 'Dockerfile', line: 4, column: 5, endColumn: 61 }],
      output: null,
    },
    {
      name: 'a start script that runs an install script before exec node',
      code: '',
      project: projectFixture({
        'bin/run.sh': '#!/bin/sh\nset -e\n# Prepare the environment\nsrc/bin/installDeps.sh "$@" || exit 1\nexec node src/node/server.js "$@"\n',
        'bin/installDeps.sh': '#!/bin/sh\nif [ ! -d node_modules ]; then\n  npm ci --no-optional\nfi\n',
      }),
      errors: [
        {
          messageId: 'buildInStartScript',
          file: 'bin/run.sh',
          line: 4,
          column: 1,
          endColumn: 28,
          message: 'This start script runs `src/bin/installDeps.sh $@` (which runs `npm ci --no-optional`) before starting the app, on every boot, restart and scale-out. Starts get slow, depend on the registry and the build tools, and may run code other than the tested build: install and build once during the build, and let this script only start the result.',
        },
      ],
      output: null,
    },
    {
      name: 'an entrypoint script named by the image that builds before starting',
      code: '',
      project: projectFixture({
        Dockerfile: 'FROM node:20\nCOPY . .\nENTRYPOINT ["./boot.sh"]\n',
        'boot.sh': '#!/bin/bash\nif [ "$SKIP_BUILD" != 1 ]; then\n  npm run build\nfi\nnpm start\n',
      }),
      errors: [{ messageId: 'buildInStartScript', file: 'boot.sh', line: 3, column: 3, endColumn: 16 }],
      output: null,
    },
  ],
});
