import rule from '../../../server/src/rules/disposability/require-graceful-shutdown';
import { runRuleTests } from '../../support/ruleTester';

const EXPRESS = "const express = require('express');\nconst app = express();\n";
const HANDLER = (closer: string, indent = '') =>
  `\n${indent}process.on('SIGTERM', () => {\n${indent}  ${closer}\n${indent}  setTimeout(() => process.exit(1), 10_000).unref();\n${indent}});`;

runRuleTests(rule, {
  valid: [
    `${EXPRESS}const server = app.listen(3000);\nif (process.env.NODE_ENV === 'production') process.on('SIGTERM', () => server.close());`,
    `${EXPRESS}const server = app.listen(3000);\nif (!process.env.SKIP_SHUTDOWN_HOOKS) process.on('SIGTERM', () => server.close());`,
    `${EXPRESS}const server = app.listen(3000);\nprocess.on('SIGTERM', () => server.close(() => process.exit(0)));`,
    `${EXPRESS}const server = app.listen(3000);\nfunction shutdown() { server.close(); }\nprocess.once('SIGTERM', shutdown);`,
    `${EXPRESS}const server = app.listen(3000);\nfor (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close());`,
    `${EXPRESS}const server = app.listen(3000);\n['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, shutdown));`,
    `${EXPRESS}const { createTerminus } = require('@godaddy/terminus');\nconst server = http.createServer(app);\ncreateTerminus(server, { signals: ['SIGTERM'] });\nserver.listen(3000);`,
    `${EXPRESS}const { createHttpTerminator } = require('http-terminator');\nconst server = app.listen(3000);\nconst terminator = createHttpTerminator({ server });`,
    `${EXPRESS}const stoppable = require('stoppable');\nconst server = stoppable(app.listen(3000));`,
    `${EXPRESS}const closeWithGrace = require('close-with-grace');\nconst server = app.listen(3000);\ncloseWithGrace(async () => server.close());`,
    {
      name: 'NestJS with enableShutdownHooks',
      code: "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableShutdownHooks();\n  await app.listen(3000);\n}\nbootstrap();",
      filename: 'src/main.ts',
    },
    {
      name: 'a handler in a module the entry point imports',
      code: `${EXPRESS}require('./shutdown');\napp.listen(3000);`,
      files: { 'src/shutdown.js': "process.on('SIGTERM', () => { db.end(); process.exit(0); });" },
      project: { entryPoints: ['src/index.js'] },
    },
    {
      name: 'a server started by a file no declared entry point reaches',
      code: "console.log('cli');",
      files: { 'src/dev-server.js': `${EXPRESS}app.listen(3000);` },
      project: { entryPoints: ['src/index.js'] },
    },
    'const http = require("http");\nconst data = http.get(url);',
    "const server = net.connect(8080);",
    "emitter.listen(handler);",
    {
      name: 'a launcher that forwards SIGTERM to the server it forks, which closes on SIGTERM',
      code: "const { fork } = require('child_process');\nconst child = fork('./server.js');\nprocess.on('SIGTERM', () => child.kill('SIGTERM'));",
      filename: 'loader.js',
      files: { 'server.js': `${EXPRESS}const server = app.listen(process.env.PORT);\nprocess.on('SIGTERM', () => server.close());` },
      project: { entryPoints: ['loader.js'] },
    },
    {
      name: 'a launcher of a script that serves nothing',
      code: "const { fork } = require('child_process');\nfork('./jobs/cleanup.js');",
      filename: 'loader.js',
      files: { 'jobs/cleanup.js': "require('./db').purgeOld();" },
      project: { entryPoints: ['loader.js'] },
    },
    {
      name: 'a configured shutdown library (option)',
      code: `${EXPRESS}require('@acme/graceful');\napp.listen(3000);`,
      options: { shutdownLibraries: ['@acme/graceful'] },
    },
    `${EXPRESS}const router = express.Router();\nmodule.exports = router;`,
    `${EXPRESS}const server = app.listen(3000);\nprocess.on('SIGTERM', async () => { await closeEverything(); process.exit(0); });`,
    {
      name: 'the handler registered on process imported from node:process',
      code: "import process from 'node:process';\nimport express from 'express';\nconst app = express();\nconst server = app.listen(3000);\nprocess.once('SIGTERM', () => server.close(() => process.exit(0)));",
      filename: 'src/main.mjs',
    },
  ],
  invalid: [
    {
      name: 'the extensionless bin/www of an express-generator app',
      code: "#!/usr/bin/env node\nconst app = require('../app');\nconst http = require('http');\nconst server = http.createServer(app);\nserver.listen(process.env.PORT || '3000');",
      filename: 'bin/www',
      project: { entryPoints: ['bin/www'] },
      errors: [{ messageId: 'noSigterm', line: 5, column: 1, file: 'bin/www' }],
      output: "#!/usr/bin/env node\nconst app = require('../app');\nconst http = require('http');\nconst server = http.createServer(app);\nconst httpServer = server.listen(process.env.PORT || '3000');\nprocess.on('SIGTERM', () => {\n  httpServer.close(() => process.exit(0));\n  setTimeout(() => process.exit(1), 10_000).unref();\n});",
    },
    {
      name: 'a server handed in as a parameter, named like one',
      code: "import http from 'http';\nexport function listenDefault(webServer, addr) {\n  webServer.listen(addr.port, addr.host);\n}",
      filename: 'src/index.mjs',
      errors: [{ messageId: 'noSigterm', line: 3, column: 3, file: 'src/index.mjs' }],
      output: "import http from 'http';\nexport function listenDefault(webServer, addr) {\n  const server = webServer.listen(addr.port, addr.host);\n  process.on('SIGTERM', () => {\n    server.close(() => process.exit(0));\n    setTimeout(() => process.exit(1), 10_000).unref();\n  });\n}",
    },
    {
      name: 'signals handled only when an environment variable opts in',
      code: `${EXPRESS}const server = app.listen(3000);\nif (process.env.HANDLE_KILL_SIGNALS === 'true') {\n  ['SIGINT', 'SIGTERM', 'SIGHUP'].forEach((signal) => process.once(signal, () => server.close()));\n}`,
      errors: [{ messageId: 'optInOnly', line: 3, column: 16 }],
      output: null,
    },
    {
      code: `${EXPRESS}app.listen(3000);`,
      errors: [{ messageId: 'noSigterm', line: 3, column: 1, endColumn: 17 }],
      output: `${EXPRESS}const server = app.listen(3000);${HANDLER('server.close(() => process.exit(0));')}`,
    },
    {
      code: `${EXPRESS}const server = app.listen(process.env.PORT, () => console.log('up'));`,
      errors: [{ messageId: 'noSigterm', line: 3, column: 16 }],
      output: `${EXPRESS}const server = app.listen(process.env.PORT, () => console.log('up'));${HANDLER('server.close(() => process.exit(0));')}`,
    },
    {
      code: "const http = require('http');\nconst srv = http.createServer(handler);\nsrv.listen(8080);",
      errors: [{ messageId: 'noSigterm', line: 3, column: 1 }],
      output: `const http = require('http');\nconst srv = http.createServer(handler);\nconst server = srv.listen(8080);${HANDLER('server.close(() => process.exit(0));')}`,
    },
    {
      code: "const server = 1;\nconst http = require('http');\nhttp.createServer(handler).listen(8080);",
      errors: [{ messageId: 'noSigterm', line: 3, column: 1 }],
      output: `const server = 1;\nconst http = require('http');\nconst httpServer = http.createServer(handler).listen(8080);${HANDLER('httpServer.close(() => process.exit(0));')}`,
    },
    {
      code: "import Fastify from 'fastify';\nconst fastify = Fastify();\nawait fastify.listen({ port: 3000 });",
      filename: 'src/index.mjs',
      errors: [{ messageId: 'noSigterm', line: 3, column: 7, file: 'src/index.mjs' }],
      output: `import Fastify from 'fastify';\nconst fastify = Fastify();\nawait fastify.listen({ port: 3000 });${HANDLER('fastify.close().then(() => process.exit(0));')}`,
    },
    {
      code: "const Koa = require('koa');\nconst app = new Koa();\napp.listen(3000);",
      errors: [{ messageId: 'noSigterm', line: 3, column: 1 }],
      output: `const Koa = require('koa');\nconst app = new Koa();\nconst server = app.listen(3000);${HANDLER('server.close(() => process.exit(0));')}`,
    },
    {
      code: "const Hapi = require('@hapi/hapi');\nconst init = async () => {\n  const server = Hapi.server({ port: 3000 });\n  await server.start();\n};\ninit();",
      errors: [{ messageId: 'noSigterm', line: 4, column: 9 }],
      output: `const Hapi = require('@hapi/hapi');\nconst init = async () => {\n  const server = Hapi.server({ port: 3000 });\n  await server.start();${HANDLER('server.stop().then(() => process.exit(0));', '  ')}\n};\ninit();`,
    },
    {
      code: "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();",
      filename: 'src/main.ts',
      errors: [{ messageId: 'noSigterm', line: 4, column: 9, file: 'src/main.ts' }],
      output: `import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);${HANDLER('app.close().then(() => process.exit(0));', '  ')}\n}\nbootstrap();`,
    },
    {
      name: 'SIGINT only, on process imported from node:process',
      code: "import process from 'node:process';\nimport express from 'express';\nconst app = express();\nconst server = app.listen(3000);\nprocess.once('SIGINT', () => server.close(() => process.exit(0)));",
      filename: 'src/main.mjs',
      errors: [{ messageId: 'sigintOnly', line: 4, column: 16, file: 'src/main.mjs' }],
      output: `import process from 'node:process';\nimport express from 'express';\nconst app = express();\nconst server = app.listen(3000);${HANDLER('server.close(() => process.exit(0));')}\nprocess.once('SIGINT', () => server.close(() => process.exit(0)));`,
    },
    {
      code: `${EXPRESS}const server = app.listen(3000);\nprocess.on('SIGINT', () => server.close(() => process.exit(0)));`,
      errors: [{ messageId: 'sigintOnly', line: 3, column: 16 }],
      output: `${EXPRESS}const server = app.listen(3000);${HANDLER('server.close(() => process.exit(0));')}\nprocess.on('SIGINT', () => server.close(() => process.exit(0)));`,
    },
    {
      code: `${EXPRESS}const server = app.listen(3000);\nprocess.on('SIGTERM', () => {\n  console.log('bye');\n  process.exit(0);\n});`,
      errors: [{ messageId: 'exitWithoutClose', line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'a launcher that runs the server as a child and handles no signal, and the SMTP server it runs',
      code: "var forever = require('forever-monitor');\nvar child = new (forever.Monitor)(path.join(__dirname, 'cli.js'), { max: 1000 });\nchild.start();",
      filename: 'run-cli.js',
      files: { 'cli.js': "require('./lib/mailin').start({ port: 25 });", 'lib/mailin.js': "var SMTPServer = require('smtp-server').SMTPServer;\nexports.start = function (configuration) {\n  var server = new SMTPServer({});\n  server.listen(configuration.port);\n};" },
      project: { entryPoints: ['run-cli.js'] },
      errors: [
        { messageId: 'entryNoSigterm', line: 1, column: 9, file: 'cli.js', message: 'This entry point starts a server (through `./lib/mailin`) and never handles SIGTERM, the signal the platform sends on every deploy and scale-down. Node then exits at once, cutting in-flight requests: handle SIGTERM here, close the server, then exit.' },
        { messageId: 'noSigterm', line: 4, column: 3, file: 'lib/mailin.js' },
        { messageId: 'launcherNoSigterm', line: 2, column: 13, file: 'run-cli.js', message: 'This launcher runs the server as a child process and never handles SIGTERM. When the platform stops it, the launcher dies at once and the server never hears of it: it is killed later without closing anything. Forward SIGTERM to the child and exit when it has stopped.' },
      ],
      output: null,
    },
    {
      name: "a package's main, the API other code embeds the server through: only the server start is reported",
      code: "module.exports = require('./lib/server');",
      filename: 'index.js',
      files: { 'lib/server.js': `${EXPRESS}app.listen(3000);` },
      project: { entryPoints: ['index.js'], packageJson: { path: '/project/package.json', main: 'index.js', bin: {}, scripts: {}, dependencies: {}, devDependencies: {}, optionalDependencies: {}, peerDependencies: {}, isModule: false } },
      errors: [{ messageId: 'noSigterm', line: 3, column: 1, file: 'lib/server.js' }],
      output: null,
    },
    {
      name: 'cluster workers launched through a path in a variable, by a dispatcher the bin loads',
      code: "function start() {\n  require('../dispatch');\n}\nstart();",
      filename: 'bin/cli.js',
      files: {
        'dispatch.js': "var path = require('path');\nvar cfork = require('cfork');\nvar workerPath = path.join(__dirname, 'worker.js');\ncfork({ exec: workerPath, count: 2 });",
        'worker.js': "var server = require('./servers/registry');\nserver.listen(7001);",
        'servers/registry.js': `${EXPRESS}module.exports = require('http').createServer(app);\napp.listen(7002);`,
      },
      project: { entryPoints: ['bin/cli.js'] },
      errors: [
        { messageId: 'launcherNoSigterm', line: 4, column: 1, file: 'dispatch.js' },
        { messageId: 'noSigterm', line: 4, column: 1, file: 'servers/registry.js' },
        { messageId: 'entryNoSigterm', line: 1, column: 22, file: 'worker.js' },
      ],
      output: null,
    },
    {
      name: 'listen in a module the entry point imports',
      code: "require('./server');",
      files: { 'src/server.js': `${EXPRESS}app.listen(3000);` },
      project: { entryPoints: ['src/index.js'] },
      errors: [
        { messageId: 'entryNoSigterm', line: 1, column: 9, file: 'src/index.js' },
        { messageId: 'noSigterm', line: 3, column: 1, file: 'src/server.js' },
      ],
      output: null,
    },
    {
      name: 'a configured entry point (option)',
      code: "console.log('main');",
      files: { 'src/worker-server.js': `${EXPRESS}app.listen(3000);`, 'src/boot.js': "require('./worker-server');" },
      project: { entryPoints: ['src/index.js'] },
      options: { entryPoints: ['src/boot.js'] },
      errors: [
        { messageId: 'entryNoSigterm', line: 1, column: 9, file: 'src/boot.js' },
        { messageId: 'noSigterm', line: 3, column: 1, file: 'src/worker-server.js' },
      ],
      output: null,
    },
    {
      name: 'an entry declared as compiled output, mapped to its TypeScript source',
      code: "import express from 'express';\nconst app = express();\napp.listen(3000);",
      filename: 'src/index.ts',
      project: { entryPoints: ['dist/index.js'] },
      errors: [{ messageId: 'noSigterm', line: 3, column: 1, file: 'src/index.ts' }],
      output: `import express from 'express';\nconst app = express();\nconst server = app.listen(3000);${HANDLER('server.close(() => process.exit(0));')}`,
    },
  ],
});
