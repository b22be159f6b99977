import rule from '../../../server/src/rules/logs/no-output-redirect';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const withStart = (start: string) => projectFixture({ 'package.json': packageJsonText({ name: 'api', scripts: { start } }) });
const message = (file: string) =>
  `The app's output goes into ${file} here, not to the stream the platform collects. Every instance then keeps its own partial log on a disk that goes with the container: leave stdout and stderr alone and let the environment route them.`;

runRuleTests(rule, {
  valid: [
    { name: 'a start that writes to stdout', code: '', project: withStart('node server.js') },
    { name: 'stderr joined to stdout', code: '', project: withStart('node server.js 2>&1') },
    { name: 'output thrown away', code: '', project: withStart('node server.js > /dev/null') },
    { name: 'a redirect of another command than the app', code: '', project: withStart('echo started > .started && node server.js') },
    { name: 'a pretty-printer on the stream', code: '', project: withStart('node server.js | pino-pretty') },
    { name: 'the release process runs once per release', code: '', project: projectFixture({ Procfile: 'release: node migrate.js > migrate.log\nweb: node server.js\n' }) },
    { name: 'a development image', code: '', project: projectFixture({ 'Dockerfile.dev': 'FROM node:20\nCMD node server.js > dev.log\n' }) },
  ],
  invalid: [
    {
      name: 'a start script that appends the app\'s output to a log file',
      code: '',
      project: withStart('node server.js >> logs/app.log 2>&1'),
      errors: [{ messageId: 'redirect', file: 'package.json', line: 4, column: 30, endColumn: 45, message: message('logs/app.log') }],
      output: null,
    },
    {
      name: 'a Procfile process and an image command that write to /var/log',
      code: '',
      project: projectFixture({ Procfile: 'web: node server.js >/var/log/web.log\n', Dockerfile: 'FROM node:20\nCOPY . .\nCMD node server.js 2> /var/log/error.log\n' }),
      errors: [
        { messageId: 'redirect', file: 'Dockerfile', line: 3, column: 20, endColumn: 41, message: message('/var/log/error.log') },
        { messageId: 'redirect', file: 'Procfile', line: 1, column: 21, endColumn: 38 },
      ],
      output: null,
    },
    {
      name: 'a detached process whose output still goes into a file',
      code: '',
      project: projectFixture({ Procfile: 'web: node server.js\nworker: nohup node worker.js > worker.log 2>&1\n' }),
      errors: [{ messageId: 'redirect', file: 'Procfile', line: 2, column: 30, message: message('worker.log') }],
      output: null,
    },
    {
      name: 'a start shell script that tees the output into a file',
      code: '',
      project: projectFixture({ 'bin/start.sh': '#!/bin/sh\nexec node dist/index.js | tee -a /var/log/app.log\n' }),
      errors: [{ messageId: 'tee', file: 'bin/start.sh', line: 2, column: 27, endColumn: 50, message: "`tee /var/log/app.log` copies the app's output into a file on the instance's disk. The platform already collects stdout: drop the file and let the environment route and keep the stream." }],
      output: null,
    },
  ],
});
