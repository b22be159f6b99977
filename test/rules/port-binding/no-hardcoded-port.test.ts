import rule from '../../../server/src/rules/port-binding/no-hardcoded-port';
import { runRuleTests } from '../../support/ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'a port derived from the configured one for a second server, and a counter of ports handed out, outside any error handler',
      code: "this.mock_server = app.listen(this.options.port + 1);\nfunction nextPort() {\n  return this.nextExternalPort++;\n}\nserver.on('error', (err) => {\n  console.error(err);\n  process.exit(1);\n});",
    },
    { name: 'a debugging script at the root', code: "const server = require('../src/server');\nserver.listen(4000);", filename: 'debug/run-server.js' },
    {
      name: 'listen options whose port the environment overrides later',
      code: "const http = require('http');\nconst httpServer = http.createServer(app);\nconst httpOptions = { port: 3000 };\nif ('PORT' in process.env) {\n  httpOptions.port = parseInt(process.env.PORT || '');\n}\nhttpServer.listen(httpOptions);",
    },
    { name: 'a dev server started after an early return in production', code: "function startDevServer() {\n  if (process.env.NODE_ENV === 'production') return;\n  devApp.listen(3001);\n}" },
    { name: 'a port only a development branch binds', code: "if (isDev) {\n  app.listen(3000);\n} else {\n  app.listen(process.env.PORT);\n}" },
    { name: 'the else of a production check is not production', code: "const local = process.env.NODE_ENV !== 'production';\nif (!local) app.listen(process.env.PORT);\nelse app.listen(3000);" },
    'app.listen(process.env.PORT || 3000);',
    'app.listen(process.env.PORT ?? 3000);',
    'app.listen(Number(process.env.PORT) || 3000);',
    'const port = process.env.PORT || 3000;\napp.listen(port);',
    'const { PORT = 3000 } = process.env;\napp.listen(PORT);',
    'app.listen(config.port);',
    'function start(port) { return app.listen(port); }',
    'server.listen(0);',
    'server.listen();',
    { name: 'a start call whose options name no port', code: 'timer.start({ interval: 5000 });\nworker.start(3000);' },
    "server.listen('/tmp/app.sock');",
    'emitter.listen(handler);',
    'await fastify.listen({ port: Number(process.env.PORT) || 3000, host: "0.0.0.0" });',
    "const server = Hapi.server({ port: process.env.PORT || 3000, host: '0.0.0.0' });",
    'const options = { port: 5432 };',
    'let port = 3000;\nport = Number(process.env.PORT);\napp.listen(port);',
    { code: 'app.listen(env.PORT);', name: 'an env helper object' },
    { code: "app.listen(getEnv('PORT', 3000));", name: 'an env helper call with a default' },
  ],
  invalid: [
    {
      name: "port hunting: the next port tried when listening fails (meshcentral's CheckListenPort, restapify's onError, a bumped option)",
      code: "function CheckListenPort(port, addr, func) {\n  var s = net.createServer();\n  s.listen(port, addr, func).on('error', function (err) {\n    if (port < 65535) { CheckListenPort(port + 1, addr, func); }\n  });\n}\n_this.onError(function ({ error }) {\n  if (error === 'MISS:PORT') {\n    _this.port += 1;\n    _this.restartServer({ hard: true });\n  }\n});\nserver.once('error', () => {\n  options.port++;\n  start(options);\n});",
      errors: [
        { messageId: 'portHunting', line: 4, column: 25, message: 'When its port is taken, the server tries the next one instead of failing. The platform routes traffic to the port it assigned, so the process ends up listening where nothing reaches it, and the clash goes unnoticed: exit with an error and let the platform restart or move it.' },
        { messageId: 'portHunting', line: 9, column: 5 },
        { messageId: 'portHunting', line: 14, column: 3 },
      ],
      output: null,
    },
    {
      name: 'a server that takes its address when started (mockttp\'s admin server, httptoolkit)',
      code: "const standalone = mockttp.getAdminServer({ debug: false });\nawait standalone.start({ port: 45456, host: '0.0.0.0' });",
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 32, endColumn: 37 }],
      output: "const standalone = mockttp.getAdminServer({ debug: false });\nawait standalone.start({ port: Number(process.env.PORT) || 45456, host: '0.0.0.0' });",
    },
    {
      name: 'listen options kept in a variable, the port written over a spread',
      code: "const https = require('https');\nconst httpsServer = https.createServer({ key, cert }, app);\nconst httpsListenArgs = { ...listenArgs, port: 443 };\nhttpsServer.listen(httpsListenArgs);",
      errors: [{ messageId: 'hardcodedPort', line: 3, column: 48 }],
      output: "const https = require('https');\nconst httpsServer = https.createServer({ key, cert }, app);\nconst httpsListenArgs = { ...listenArgs, port: Number(process.env.PORT) || 443 };\nhttpsServer.listen(httpsListenArgs);",
    },
    {
      name: 'what follows an early return in development runs in production',
      code: "function start() {\n  if (isDev) return;\n  app.listen(8080);\n}",
      errors: [{ messageId: 'hardcodedPort', line: 3, column: 14 }],
      output: "function start() {\n  if (isDev) return;\n  app.listen(Number(process.env.PORT) || 8080);\n}",
    },
    {
      name: 'the production side of an environment check',
      code: "if (process.env.NODE_ENV === 'development') {\n  app.listen(process.env.PORT);\n} else {\n  app.listen(8080);\n}",
      errors: [{ messageId: 'hardcodedPort', line: 4, column: 14 }],
      output: "if (process.env.NODE_ENV === 'development') {\n  app.listen(process.env.PORT);\n} else {\n  app.listen(Number(process.env.PORT) || 8080);\n}",
    },
    {
      code: 'app.listen(8080);',
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 12, endLine: 1, endColumn: 16, message: 'The server always binds to port 8080. The platform assigns the port through the environment; read process.env.PORT (keeping 8080 only as the local default).' }],
      output: 'app.listen(Number(process.env.PORT) || 8080);',
    },
    {
      code: "app.listen(3000, () => console.log('up'));",
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 12 }],
      output: "app.listen(Number(process.env.PORT) || 3000, () => console.log('up'));",
    },
    {
      code: "server.listen(8080, '0.0.0.0');",
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 15 }],
      output: "server.listen(Number(process.env.PORT) || 8080, '0.0.0.0');",
    },
    {
      code: 'const PORT = 3000;\n\napp.listen(PORT);',
      errors: [{ messageId: 'hardcodedPort', line: 3, column: 12, endColumn: 16 }],
      output: 'const PORT = Number(process.env.PORT) || 3000;\n\napp.listen(PORT);',
    },
    {
      code: "http.createServer(handler).listen('8080');",
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 35 }],
      output: 'http.createServer(handler).listen(Number(process.env.PORT) || 8080);',
    },
    {
      code: "await fastify.listen({ port: 3000, host: '0.0.0.0' });",
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 30 }],
      output: "await fastify.listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' });",
    },
    {
      code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000, host: 'localhost' });",
      filename: 'src/server.mjs',
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 36 }],
      output: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: Number(process.env.PORT) || 3000, host: 'localhost' });",
    },
    {
      code: "const Hapi = require('@hapi/hapi');\nconst server = new Hapi.Server({ port: 8000 });",
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 40 }],
      output: "const Hapi = require('@hapi/hapi');\nconst server = new Hapi.Server({ port: Number(process.env.PORT) || 8000 });",
    },
    {
      code: 'const port: number = 4000;\nexport const server = app.listen(port);',
      filename: 'src/main.ts',
      errors: [{ messageId: 'hardcodedPort', line: 2, column: 34 }],
      output: 'const port: number = Number(process.env.PORT) || 4000;\nexport const server = app.listen(port);',
    },
    {
      code: 'await app.listen(3000 as const);',
      filename: 'src/main.ts',
      errors: [{ messageId: 'hardcodedPort', line: 1, column: 18 }],
      output: 'await app.listen(Number(process.env.PORT) || 3000 as const);',
    },
  ],
});
