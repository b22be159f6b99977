import rule from '../../../server/src/rules/disposability/require-graceful-shutdown';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTriggered } from '../../../server/src/engine/rule';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { ROOT, runRuleTests } from '../../support/ruleTester';
import type { ProjectFacts } from '../../../server/src/project/facts';

const EXPRESS = "const express = require('express');\nconst app = express();\n";
const HANDLER = (closer: string, indent = '') =>
  `\n${indent}process.on('SIGTERM', () => {\n${indent}  ${closer}\n${indent}  setTimeout(() => process.exit(1), 10_000).unref();\n${indent}});`;

runRuleTests(rule, {
  valid: [
    {
      name: 'SIGTERM handled through process imported from its module and compiled by esbuild (`import_node_process.default.once`)',
      code: "var import_node_http = __toESM(require('node:http'));\nvar import_node_process = __toESM(require('node:process'));\nconst server = import_node_http.default.createServer(handle);\nserver.listen(3000);\nimport_node_process.default.once('SIGTERM', () => server.close());",
      filename: 'lib/gateway/index.js',
      project: { entryPoints: ['lib/gateway/index.js'] },
    },
    { name: 'an Apollo server started before an HTTP server mounts it, and an in-memory Mongo for tests', code: "const server = new ApolloServer({ typeDefs });\nawait server.start();\nconst mongod = new MongoMemoryServer();\nawait mongod.start();", filename: 'src/graphql.mjs', project: { entryPoints: ['src/graphql.mjs'] } },
    {
      name: 'a port probe: listen, then close at once, before forking the real server elsewhere',
      code: "const net = require('net');\nconst server = net.createServer();\nserver.listen({ port: config.port }, () => {\n  server.close(() => callback(false));\n});",
      filename: 'public/main.js',
      project: { entryPoints: ['public/main.js'] },
    },
    { name: 'a listen that is no server start: no port, no server module', code: "const robot = new Robot();\nrobot.listen((msg) => msg.done, {}, callback);", project: { entryPoints: ['index.js'] } },
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
    {
      name: 'a server of a test folder with a package.json of its own, beside a main server that closes on SIGTERM',
      code: `${EXPRESS}const server = app.listen(3000);\nprocess.on('SIGTERM', () => server.close());`,
      files: { 'test-server/index.js': `${EXPRESS}app.listen(8080);` },
      project: projectFixture({ 'package.json': packageJsonText({ name: 'app', main: 'src/index.js' }), 'test-server/package.json': packageJsonText({ name: 'test-server' }) }),
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
      name: 'a handler in a helper module that logs with util.log and exits',
      code: "const processMgmt = require('./lib/process_mgmt');\nconst net = require('net');\nprocessMgmt.init(config);\nnet.createServer(onConnection).listen(8126);",
      filename: 'stats.js',
      files: { 'lib/process_mgmt.js': "const util = require('util');\nexports.init = function (config) {\n  process.on('SIGTERM', function () {\n    if (config.debug) util.log('Starting Final Flush');\n    healthStatus = 'down';\n    process.exit();\n  });\n};" },
      project: { entryPoints: ['stats.js'] },
      errors: [{ messageId: 'exitWithoutClose', line: 3, column: 3, file: 'lib/process_mgmt.js' }],
      output: null,
    },
    {
      name: 'a graceful shutdown that is opt-in: the default branch exits at once',
      code: `${EXPRESS}const server = app.listen(3000);\nfor (const signal of ['SIGTERM', 'SIGINT']) {\n  process.on(signal, async () => {\n    if (instance.gracefulEnabled) {\n      await instance.server.shutdown(signal);\n      process.exit(0);\n    } else {\n      console.log(\`Received \${signal} signal, terminating with process exit\`);\n      process.exit(0);\n    }\n  });\n}`,
      errors: [{ messageId: 'exitWithoutClose', line: 11, column: 7 }],
      output: null,
    },
    {
      name: 'a shutdown function that returns early when graceful shutdown is set, and exits otherwise',
      code: `${EXPRESS}const server = app.listen(3000);\nServer.performShutdown = () => {\n  if (Server.cfg.main.graceful_shutdown) {\n    return Server.gracefulShutdown();\n  }\n  Server.loginfo('Shutting down.');\n  process.exit(0);\n};\nprocess.on('SIGTERM', () => Server.performShutdown());`,
      errors: [{ messageId: 'exitWithoutClose', line: 9, column: 3 }],
      output: null,
    },
    {
      name: 'SIGINT handled in the bin, the server started in a module it imports: both places are reported',
      code: "const { start } = require('./server');\nfunction exit() {\n  process.exit(1);\n}\nprocess.on('SIGINT', exit);\nstart(conf);",
      filename: 'build/main.js',
      files: { 'build/server.js': `${EXPRESS}exports.start = (conf) => app.listen(conf.port);` },
      project: { entryPoints: ['build/main.js'] },
      errors: [
        { messageId: 'sigintOnly', line: 5, column: 1, file: 'build/main.js', message: 'Only SIGINT is handled. Platforms stop processes with SIGTERM, which still kills this server mid-request: on SIGTERM, close the server, then exit.' },
        { messageId: 'sigintOnly', line: 3, column: 27, file: 'build/server.js' },
      ],
      output: null,
    },
    {
      name: 'a launcher that signals its child and exits at once, and the server it forks',
      code: "const child_process = require('child_process');\nconst path = require('path');\nlet child;\nconst cleanExit = () => {\n  if (child) child.kill('SIGINT');\n  process.exit();\n};\nprocess.on('SIGTERM', cleanExit);\nconst net = require('net');\nconst server = net.createServer();\nserver.listen(8448, () => server.close(() => { child = child_process.fork(path.join(__dirname, '..', 'source', 'server.js')); }));",
      filename: 'bin/ungit.js',
      files: { 'source/server.js': "const express = require('express');\nconst app = express();\nconst server = require('http').createServer(app);\nserver.listen({ port: 8448 });" },
      project: { entryPoints: ['bin/ungit.js'] },
      errors: [
        { messageId: 'exitWithoutClose', line: 8, column: 1, file: 'bin/ungit.js' },
        { messageId: 'noSigterm', line: 4, column: 1, file: 'source/server.js' },
      ],
      output: null,
    },
    {
      name: 'an app made by a helper of another module, given a port',
      code: "const jsonServer = require('../server');\nconst app = createApp(db, routes);\nconst server = app.listen(argv.port, argv.host);",
      filename: 'lib/cli/run.js',
      project: { entryPoints: ['lib/cli/run.js'] },
      errors: [{ messageId: 'noSigterm', line: 3, column: 16, file: 'lib/cli/run.js' }],
      output: `const jsonServer = require('../server');\nconst app = createApp(db, routes);\nconst server = app.listen(argv.port, argv.host);${HANDLER('server.close(() => process.exit(0));')}`,
    },
    {
      name: 'an app instance made by a module the bin loads, given a port read from config',
      code: "const config = require('config');\nfunction startWebApp() {\n  const app = require('../lib/app');\n  const appInstance = app(connections);\n  appInstance.listen(config.get('server.port'), config.get('server.address'));\n}\nstartWebApp();",
      filename: 'bin/redis-admin.js',
      project: { entryPoints: ['bin/redis-admin.js'] },
      errors: [{ messageId: 'noSigterm', line: 5, column: 3, file: 'bin/redis-admin.js' }],
      output: "const config = require('config');\nfunction startWebApp() {\n  const app = require('../lib/app');\n  const appInstance = app(connections);\n  const httpServer = appInstance.listen(config.get('server.port'), config.get('server.address'));\n  process.on('SIGTERM', () => {\n    httpServer.close(() => process.exit(0));\n    setTimeout(() => process.exit(1), 10_000).unref();\n  });\n}\nstartWebApp();",
    },
    {
      name: 'a server started by a module another package calls, with only SIGHUP handled, in a package whose main starts nothing',
      code: "module.exports = async ({ port }) => {\n  process.on('SIGHUP', reloadPlugins);\n  const app = await getApp();\n  const http = require('http');\n  const httpServer = http.createServer(app);\n  httpServer.listen({ port });\n};",
      filename: 'serve.js',
      files: { 'index.js': '/** @module server */' },
      project: { entryPoints: ['index.js'] },
      errors: [{ messageId: 'sigintOnly', line: 6, column: 3, file: 'serve.js', message: 'Only SIGHUP is handled. Platforms stop processes with SIGTERM, which still kills this server mid-request: on SIGTERM, close the server, then exit.' }],
      output: "module.exports = async ({ port }) => {\n  process.on('SIGHUP', reloadPlugins);\n  const app = await getApp();\n  const http = require('http');\n  const httpServer = http.createServer(app);\n  const server = httpServer.listen({ port });\n  process.on('SIGTERM', () => {\n    server.close(() => process.exit(0));\n    setTimeout(() => process.exit(1), 10_000).unref();\n  });\n};",
    },
    {
      name: 'a bin that imports its own package by name, through the exports map',
      code: "import '@keystone-6/core/scripts';",
      filename: 'bin/cli.js',
      files: {
        'dist/scripts.js': "require('./scripts-cli.js').cli(process.argv);",
        'dist/scripts-cli.js': "const http = require('http');\nexports.cli = () => {\n  const httpServer = http.createServer(handler);\n  httpServer.listen(options);\n};",
      },
      project: projectFixture({ 'package.json': packageJsonText({ name: '@keystone-6/core', bin: { keystone: 'bin/cli.js' }, exports: { '.': './dist/index.js', './scripts': { require: './dist/scripts.js', default: './dist/scripts.mjs' } } }) }),
      errors: [{ messageId: 'noSigterm', line: 4, column: 3, file: 'dist/scripts-cli.js' }],
      output: null,
    },
    {
      name: "the http module's createServer kept in a const, and a listen whose callback hands out a close for later",
      code: "const createHttpServer = require('http').createServer;\nconst express = require('express');\nasync function createServer(options) {\n  const app = express();\n  return new Promise((resolve) => {\n    const server = createHttpServer(app);\n    server.listen({ port: options.port }, () => resolve({ close: () => new Promise((r) => server.close(r)) }));\n  });\n}\nmodule.exports = { createServer };",
      filename: 'src/server.js',
      project: { entryPoints: ['src/server.js'] },
      errors: [{ messageId: 'noSigterm', line: 7, column: 5, file: 'src/server.js' }],
      output: "const createHttpServer = require('http').createServer;\nconst express = require('express');\nasync function createServer(options) {\n  const app = express();\n  return new Promise((resolve) => {\n    const server = createHttpServer(app);\n    const httpServer = server.listen({ port: options.port }, () => resolve({ close: () => new Promise((r) => server.close(r)) }));\n    process.on('SIGTERM', () => {\n      httpServer.close(() => process.exit(0));\n      setTimeout(() => process.exit(1), 10_000).unref();\n    });\n  });\n}\nmodule.exports = { createServer };",
    },
    {
      name: "a server class of another package, started, with only SIGINT handled (no fix: its way to close is unknown)",
      code: "const commons_server_1 = require('@mockoon/commons-server');\nclass Start {\n  run(environment) {\n    const server = new commons_server_1.MockoonServer(environment);\n    process.on('SIGINT', () => {\n      server.stop();\n    });\n    server.start();\n  }\n}\nexports.default = Start;",
      filename: 'dist/commands/start.js',
      project: { entryPoints: ['bin/run.js'] },
      errors: [{ messageId: 'sigintOnly', line: 8, column: 5, file: 'dist/commands/start.js' }],
      output: null,
    },
    {
      name: 'listen promisified, with SIGINT the only stop signal',
      code: "import http from 'node:http';\nimport express from 'express';\nconst app = express();\nconst server = http.createServer(app);\nconst listen = promisifySelf(server.listen, server);\nawait listen(port, ip);\nprocess.on('SIGINT', close);",
      filename: 'server/server.mjs',
      errors: [{ messageId: 'sigintOnly', line: 5, column: 30, file: 'server/server.mjs' }],
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
      name: "a package's main that `npm start` also runs is reported as the entry point",
      code: "if (require.main === module) {\n  require('./gateway')({ config });\n} else {\n  module.exports = () => new Main();\n}",
      filename: 'lib/index.js',
      files: { 'lib/gateway.js': `${EXPRESS}module.exports = () => app.listen(3000);` },
      project: { entryPoints: ['lib/index.js'], packageJson: { path: '/project/package.json', main: 'lib/index.js', bin: {}, scripts: { start: 'node lib/index.js' }, dependencies: {}, devDependencies: {}, optionalDependencies: {}, peerDependencies: {}, isModule: false } },
      errors: [
        { messageId: 'noSigterm', line: 3, column: 24, file: 'lib/gateway.js' },
        { messageId: 'entryNoSigterm', line: 2, column: 11, file: 'lib/index.js' },
      ],
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
        { messageId: 'entryNoSigterm', line: 2, column: 11, file: 'bin/cli.js', message: 'This entry point starts a server (through `../dispatch`) and never handles SIGTERM, the signal the platform sends on every deploy and scale-down. Node then exits at once, cutting in-flight requests: handle SIGTERM here, close the server, then exit.' },
        { messageId: 'launcherNoSigterm', line: 4, column: 1, file: 'dispatch.js' },
        { messageId: 'noSigterm', line: 2, column: 1, file: 'worker.js' },
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
    {
      name: 'an app set up in a chain (`express().disable(…)`) whose named SIGTERM handler only logs and exits',
      code: "import express from 'express';\nfunction stopGracefully(signal) {\n  console.log(`Caught ${signal}`);\n  process.exit();\n}\nexport function serve(opts) {\n  const app = express().disable('x-powered-by');\n  const server = app.listen(process.env.PORT || opts.port);\n  process.on('SIGTERM', stopGracefully);\n  return server;\n}",
      filename: 'src/server.mjs',
      project: { entryPoints: ['src/server.mjs'] },
      errors: [{ messageId: 'exitWithoutClose', line: 9, column: 3, file: 'src/server.mjs' }],
      output: null,
    },
    {
      name: 'a worker the app spawns beside its server (argv in a variable), which exits at once on SIGTERM',
      code: "const { spawn } = require('child_process');\nconst path = require('path');\nconst workerArgs = [path.resolve(__dirname, 'jobs/worker.js')];\nspawn('node', workerArgs, { stdio: 'inherit' });",
      files: { 'src/jobs/worker.js': "process.on('SIGTERM', async () => {\n  debug('stopping');\n  try {\n    process.exit(0);\n  } catch (err) {\n    error(err);\n    process.exit(1);\n  }\n});\nsetInterval(runJobs, 1000);" },
      project: { entryPoints: ['src/index.js'] },
      errors: [{ messageId: 'exitWithoutClose', line: 1, column: 1, file: 'src/jobs/worker.js' }],
      output: null,
    },
    {
      name: "the package's own server class started by its bin, with SIGINT handled after removing other listeners",
      code: "const { Deepstream } = require('../src/deepstream');\nconst ds = new Deepstream(null);\nds.start();\nprocess.removeAllListeners('SIGINT').on('SIGINT', () => {\n  ds.on('stopped', () => process.exit(0));\n  ds.stop();\n});",
      filename: 'bin/start.js',
      project: { ...projectFixture({ 'package.json': packageJsonText({ name: '@deepstream/server', bin: { deepstream: 'bin/start.js' } }) }), entryPoints: ['bin/start.js'] },
      errors: [{ messageId: 'sigintOnly', line: 3, column: 1, file: 'bin/start.js' }],
      output: null,
    },
    {
      name: 'a companion server in a folder with a package.json of its own, beside a main server that closes on SIGTERM',
      code: `${EXPRESS}const server = app.listen(3000);\nprocess.on('SIGTERM', () => server.close());`,
      files: { 'telemetry/index.js': `${EXPRESS}app.listen(8080);` },
      project: projectFixture({ 'package.json': packageJsonText({ name: 'app', main: 'src/index.js' }), 'telemetry/package.json': packageJsonText({ name: 'telemetry' }) }),
      errors: [{ messageId: 'noSigterm', line: 3, column: 1, file: 'telemetry/index.js' }],
      output: null,
    },
    {
      name: 'an app kept on the instance (`this.expressApp.listen`), started from a main that is also the bin',
      code: "module.exports = require('./server');",
      filename: 'lib/index.js',
      files: { 'lib/server.js': "const express = require('express');\nclass Server {\n  constructor() { this.expressApp = express(); }\n  start(port) { this.httpServer = this.expressApp.listen(port); }\n}\nnew Server().start(process.env.PORT);" },
      project: { ...projectFixture({ 'package.json': packageJsonText({ name: 'bot', main: 'lib/index.js', bin: { bot: 'lib/index.js' } }) }), entryPoints: ['lib/index.js'] },
      errors: [
        { messageId: 'entryNoSigterm', line: 1, column: 26, file: 'lib/index.js' },
        { messageId: 'noSigterm', line: 4, column: 35, file: 'lib/server.js' },
      ],
      output: null,
    },
    {
      name: "commander's executable subcommand (`probot run` runs `probot-run.js`), whose module starts the server",
      code: "const program = require('commander');\nprogram.command('run', 'run the bot').command('receive', 'receive one event').parse(process.argv);",
      filename: 'lib/bin/probot.js',
      files: {
        'lib/bin/probot-run.js': "const { run } = require('../run');\nrun(process.argv);",
        'lib/bin/probot-receive.js': "const { run } = require('../run');\nconsole.log(typeof run);",
        'lib/run.js': `${EXPRESS}exports.run = () => app.listen(3000);`,
      },
      project: { ...projectFixture({ 'package.json': packageJsonText({ name: 'probot', bin: { probot: 'lib/bin/probot.js' } }) }), entryPoints: ['lib/bin/probot.js'] },
      errors: [
        { messageId: 'entryNoSigterm', line: 1, column: 25, file: 'lib/bin/probot-run.js' },
        { messageId: 'noSigterm', line: 3, column: 21, file: 'lib/run.js' },
      ],
      output: null,
    },
    {
      name: "the package's own server class started with `run()`",
      code: "const NodeMediaServer = require('../src/server');\nconst nms = new NodeMediaServer(config);\nnms.run();",
      filename: 'bin/app.js',
      project: { ...projectFixture({ 'package.json': packageJsonText({ name: 'node-media-server', bin: 'bin/app.js' }) }), entryPoints: ['bin/app.js'] },
      errors: [{ messageId: 'noSigterm', line: 3, column: 1, file: 'bin/app.js' }],
      output: null,
    },
    {
      name: 'the start command of a CLI that loads its commands by a name built at run time',
      code: "const strapi = require('../index');\nmodule.exports = () => strapi().start();",
      filename: 'lib/commands/start.js',
      files: {
        'bin/strapi.js': "const program = require('commander');\nconst local = (name) => () => require(resolveCwd(`strapi/lib/commands/${name}`))();\nprogram.command('start').action(local('start'));",
        'lib/index.js': "const http = require('http');\nmodule.exports = () => ({ start() { this.server = http.createServer(handle); this.server.listen(1337); } });",
      },
      project: { ...projectFixture({ 'package.json': packageJsonText({ name: 'strapi', main: 'lib/index.js', bin: { strapi: 'bin/strapi.js' } }) }), entryPoints: ['lib/index.js', 'bin/strapi.js'] },
      errors: [
        { messageId: 'entryNoSigterm', line: 1, column: 24, file: 'lib/commands/start.js' },
        { messageId: 'noSigterm', line: 2, column: 78, file: 'lib/index.js' },
      ],
      output: null,
    },
  ],
});

// Every triggered file is parsed and its text kept for the project check: a trigger on any relative
// import once doubled the CLI's peak memory. Only files that may be entries are read for their imports.
test('files that only import local modules are read only when they may be entries', () => {
  const project = { ...projectFixture({ 'package.json': packageJsonText({ name: 'probot', bin: { probot: 'bin/probot.js' } }) }), root: ROOT, entryPoints: ['bin/probot.js'] } as ProjectFacts;
  const text = "const { run } = require('../run');\nrun(process.argv);";
  const triggered = (path: string) => isTriggered(rule, text, project, `${ROOT}/${path}`);
  assert.deepEqual(
    ['bin/probot.js', 'lib/bin/probot-run.js', 'lib/commands/start.js', 'lib/util.js', 'lib/commands/install.js'].map(triggered),
    [true, true, true, false, false],
  );
});
