import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTriggered } from '../../../server/src/engine/rule';
import { emptyProject } from '../../../server/src/project/facts';
import rule from '../../../server/src/rules/concurrency/procfile-web-process';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { ROOT, runRuleTests, type InvalidCase } from '../../support/ruleTester';

const SERVER = "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT);";
const WORKER = "const queue = require('./queue');\nqueue.process(handle);";
const project = (procfile: string, scripts: Record<string, string> = { start: 'node src/index.js' }) =>
  projectFixture({ 'package.json': packageJsonText({ name: 'api', main: 'src/index.js', scripts }), Procfile: procfile });

const invalid: InvalidCase[] = [
  {
    name: 'a Procfile with only a worker while the app serves HTTP',
    code: SERVER,
    files: { 'src/worker.js': WORKER },
    project: project('# processes\nworker: node src/worker.js\n'),
    errors: [{ messageId: 'noWebProcess', file: 'Procfile', line: 1, column: 1, endLine: 1, endColumn: 12, message: 'This Procfile declares no `web` process, yet the app starts an HTTP server. Platforms route requests only to the `web` process type, so the server gets no traffic and cannot be scaled as the web tier: add `web: <command that starts the server>`.' }],
    output: null,
  },
  {
    name: 'the server process under another name',
    code: SERVER,
    project: project('app: node src/index.js\nworker: node src/worker.js\n'),
    errors: [{ messageId: 'serverNotWeb', file: 'Procfile', line: 1, column: 1, endColumn: 4, message: 'The "app" process starts the HTTP server but is not named `web`. Platforms route requests only to the `web` process type: name it `web`, so it receives traffic and scales as the web tier.' }],
    output: null,
    outputFile: 'Procfile',
    suggestions: [{ title: 'Rename the "app" process to "web"', output: 'web: node src/index.js\nworker: node src/worker.js\n' }],
  },
  {
    name: 'a server reached through npm start and an import',
    code: "require('./server');",
    files: { 'src/server.js': "import http from 'node:http';\nhttp.createServer(handler).listen(8080);" },
    project: project('api: npm start\n'),
    errors: [{ messageId: 'serverNotWeb', file: 'Procfile', line: 1, column: 1, endColumn: 4 }],
    output: null,
  },
];

runRuleTests(rule, {
  valid: [
    { name: 'a web process', code: SERVER, project: project('web: node src/index.js\nworker: node src/worker.js\n') },
    { name: 'no Procfile', code: SERVER, project: projectFixture({ 'package.json': packageJsonText({ name: 'api', main: 'src/index.js' }) }) },
    { name: 'a worker-only app', code: WORKER, project: project('worker: node src/index.js\n') },
    { name: 'a worker with a health-check listener but no HTTP framework', code: "const net = require('net');\nnet.createServer(socket).listen(9000);", project: project('worker: node src/index.js\n') },
    { name: 'a server file nothing starts', code: WORKER, files: { 'src/dev-server.js': SERVER }, project: project('worker: node src/index.js\n') },
    { name: 'an empty Procfile', code: SERVER, project: project('# nothing yet\n') },
  ],
  invalid,
});

// Findings land in the Procfile, but a scan must still parse the files that start the server.
describe(`${rule.id} triggers`, () => {
  it('match the files that call .listen()', () => {
    for (const text of [SERVER, "http.createServer(handler).listen(8080);", 'await app.listen({ port })']) assert.ok(isTriggered(rule, text, emptyProject(ROOT), `${ROOT}/src/index.js`), text);
  });
});
