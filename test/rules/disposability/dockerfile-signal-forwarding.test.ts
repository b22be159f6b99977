import rule from '../../../server/src/rules/disposability/dockerfile-signal-forwarding';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const FROM = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\n';
const manifest = (scripts: Record<string, string> = { start: 'node server.js' }) => packageJsonText({ name: 'api', scripts });
const docker = (dockerfile: string, extra: Record<string, string> = {}) => projectFixture({ 'package.json': manifest(), Dockerfile: dockerfile, ...extra });

runRuleTests(rule, {
  valid: [
    { name: 'exec form runs node as PID 1', code: '', project: docker(`${FROM}CMD ["node", "server.js"]\n`) },
    { name: 'shell form that execs the app', code: '', project: docker(`${FROM}CMD exec node server.js --port "$PORT"\n`) },
    { name: 'a migration first, then exec', code: '', project: docker(`${FROM}CMD npx prisma migrate deploy && exec node dist/main.js\n`) },
    { name: 'tini as the entrypoint forwards signals, even to npm', code: '', project: docker(`${FROM}RUN apt-get install -y tini\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD npm start\n`) },
    { name: 'dumb-init in front of the command', code: '', project: docker(`${FROM}CMD ["dumb-init", "node", "server.js"]\n`) },
    { name: 'su-exec replaces itself with the init', code: '', project: docker(`${FROM}ENTRYPOINT ["su-exec", "node", "tini", "--"]\nCMD ["npm", "start"]\n`) },
    { name: 'an exec-form program entrypoint takes CMD as arguments', code: '', project: docker(`${FROM}ENTRYPOINT ["node"]\nCMD ["server.js"]\n`) },
    { name: 'the official entrypoint script with an exec-form command', code: '', project: docker(`${FROM}ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n`) },
    { name: 'sh -c whose script execs the app', code: '', project: docker(`${FROM}CMD ["sh", "-c", "exec node server.js --port $PORT"]\n`) },
    { name: 'a build stage command is never run', code: '', project: docker('FROM node:20 AS build\nCMD npm run build\nFROM node:20-slim\nCMD ["node", "dist/index.js"]\n') },
    { name: 'a development Dockerfile', code: '', project: projectFixture({ 'package.json': manifest(), 'Dockerfile.dev': `${FROM}CMD npm run dev\n` }) },
    { name: 'compose starts the image with init: true', code: '', project: docker(`${FROM}CMD npm start\n`, { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    init: true\n' }) },
    { name: 'no command at all (the base image decides)', code: '', project: docker(`${FROM}EXPOSE 3000\n`) },
  ],
  invalid: [
    {
      name: 'shell form, fixed to exec form',
      code: '',
      project: docker(`${FROM}CMD node server.js\n`),
      errors: [{
        messageId: 'shellForm', file: 'Dockerfile', line: 4, column: 1, endLine: 4, endColumn: 19,
        message: '`CMD node server.js` is in shell form, so /bin/sh runs as PID 1 and the app as its child. The shell does not pass SIGTERM on: the app never learns it is being stopped and is killed mid-request when the grace period ends. Use the exec form (a JSON array) or start the command with `exec`.',
      }],
      outputFile: 'Dockerfile',
      output: `${FROM}CMD ["node", "server.js"]\n`,
    },
    {
      name: 'a shell-form command over continuation lines',
      code: '',
      project: docker(`${FROM}CMD node \\\n    --enable-source-maps \\\n    dist/index.js\n`),
      errors: [{ messageId: 'shellForm', file: 'Dockerfile', line: 4, column: 1, endLine: 6 }],
      outputFile: 'Dockerfile',
      output: `${FROM}CMD ["node", "--enable-source-maps", "dist/index.js"]\n`,
    },
    {
      name: 'npm start in exec form, with a suggestion to run the start script directly',
      code: '',
      project: docker(`${FROM}CMD ["npm", "start"]\n`),
      errors: [{
        messageId: 'packageManager', file: 'Dockerfile', line: 4, column: 1, endColumn: 21,
        message: '`CMD ["npm", "start"]` runs the app through `npm start`, which starts it as a child process (through a shell) and does not reliably pass SIGTERM on. The app may never get the stop signal and is killed mid-request: run node directly, or put an init such as tini in front.',
      }],
      outputFile: 'Dockerfile',
      output: null,
      suggestions: [{ title: 'Run `node server.js` directly', output: `${FROM}CMD ["node", "server.js"]\n` }],
    },
    {
      name: 'npm start in shell form, with a prestart hook: no suggestion',
      code: '',
      project: projectFixture({ 'package.json': manifest({ prestart: 'node migrate.js', start: 'node server.js' }), Dockerfile: `${FROM}CMD npm start\n` }),
      errors: [{ messageId: 'packageManager', file: 'Dockerfile', line: 4, column: 1 }],
      outputFile: 'Dockerfile',
      output: null,
      suggestions: [],
    },
    {
      name: 'yarn and npm run scripts',
      code: '',
      project: projectFixture({ 'package.json': manifest(), Dockerfile: `${FROM}CMD ["npm", "run", "start:prod"]\n`, 'docker/worker.Dockerfile': `${FROM}CMD yarn start\n` }),
      errors: [
        { messageId: 'packageManager', file: 'docker/worker.Dockerfile', line: 4, column: 1 },
        { messageId: 'packageManager', file: 'Dockerfile', line: 4, column: 1, message: '`CMD ["npm", "run", "start:prod"]` runs the app through `npm run start:prod`, which starts it as a child process (through a shell) and does not reliably pass SIGTERM on. The app may never get the stop signal and is killed mid-request: run node directly, or put an init such as tini in front.' },
      ],
      output: null,
    },
    {
      name: 'a shell-form entrypoint gets exec, not exec form (which would start passing CMD to it)',
      code: '',
      project: docker(`${FROM}ENTRYPOINT node server.js\n`),
      errors: [{ messageId: 'shellForm', file: 'Dockerfile', line: 4, column: 1 }],
      outputFile: 'Dockerfile',
      output: `${FROM}ENTRYPOINT exec node server.js\n`,
    },
    {
      name: 'a chain of commands: the last one gets exec',
      code: '',
      project: docker(`${FROM}CMD npx knex migrate:latest && NODE_ENV=production node server.js\n`),
      errors: [{ messageId: 'shellForm', file: 'Dockerfile', line: 4, column: 1 }],
      outputFile: 'Dockerfile',
      output: `${FROM}CMD npx knex migrate:latest && NODE_ENV=production exec node server.js\n`,
    },
    {
      name: 'sh -c in exec form, with a variable',
      code: '',
      project: docker(`${FROM}CMD ["sh", "-c", "node server.js --port $PORT"]\n`),
      errors: [{ messageId: 'shellWrapper', file: 'Dockerfile', line: 4, column: 1, message: '`CMD ["sh", "-c", "node server.js --port $PORT"]` runs the app through `sh -c`, so the shell is PID 1 and does not pass SIGTERM on: the app is killed mid-request when the grace period ends instead of shutting down. Start the script\'s last command with `exec`, or run the program directly.' }],
      output: null,
    },
    {
      name: 'behind an entrypoint script, exec form is only suggested',
      code: '',
      project: docker(`${FROM}ENTRYPOINT ["./docker-entrypoint.sh"]\nCMD node server.js\n`),
      errors: [{ messageId: 'shellForm', file: 'Dockerfile', line: 5, column: 1 }],
      outputFile: 'Dockerfile',
      output: null,
      suggestions: [{ title: 'Use the exec form', output: `${FROM}ENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n` }],
    },
    {
      name: 'the command inherited from the base stage of the released image',
      code: '',
      project: docker('FROM node:20-slim AS base\nWORKDIR /app\nCMD node server.js\n\nFROM base AS production\nCOPY . .\n'),
      errors: [{ messageId: 'shellForm', file: 'Dockerfile', line: 3, column: 1 }],
      outputFile: 'Dockerfile',
      output: 'FROM node:20-slim AS base\nWORKDIR /app\nCMD ["node", "server.js"]\n\nFROM base AS production\nCOPY . .\n',
    },
    {
      name: 'tini in shell form is itself a child of sh',
      code: '',
      project: docker(`${FROM}CMD tini -- node server.js\n`),
      errors: [{ messageId: 'shellForm', file: 'Dockerfile', line: 4, column: 1 }],
      outputFile: 'Dockerfile',
      output: `${FROM}CMD ["tini", "--", "node", "server.js"]\n`,
    },
    {
      name: 'init: true for another image does not count',
      code: '',
      project: docker(`${FROM}CMD node server.js > /var/log/app.log\n`, { 'docker-compose.yml': 'services:\n  proxy:\n    build: ./proxy\n    init: true\n' }),
      errors: [{ messageId: 'shellForm', file: 'Dockerfile', line: 4, column: 1 }],
      output: null,
    },
  ],
});
