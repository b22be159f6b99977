import rule from '../../../server/src/rules/port-binding/no-loopback-bind';
import { runRuleTests } from '../../support/ruleTester';

const FASTIFY = "const fastify = require('fastify')({ logger: true });\n";
const ALL = 'Bind to all interfaces unless HOST says otherwise';
const FASTIFY_HOST = 'Listen on all interfaces unless HOST says otherwise';

runRuleTests(rule, {
  valid: [
    { name: 'an environment override with a loopback default', code: "app.listen(PORT, process.env.HOST || '127.0.0.1');" },
    { name: 'the override in a constant', code: "const HOST = process.env.HOST ?? 'localhost';\nserver.listen(PORT, HOST, () => {});" },
    { name: 'all interfaces', code: "app.listen(process.env.PORT || 3000, '0.0.0.0');" },
    { name: 'no host at all (Node binds every interface)', code: 'app.listen(process.env.PORT || 3000);' },
    { name: 'a host from the app config', code: 'server.listen(config.port, config.host);' },
    { name: 'port 0: a helper server for this machine only', code: "const callback = http.createServer(onRedirect);\ncallback.listen(0, '127.0.0.1');" },
    { name: 'fastify told where to listen', code: `${FASTIFY}await fastify.listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' });` },
    { name: 'fastify with a host from the environment', code: "import Fastify from 'fastify';\nconst app = Fastify();\nawait app.listen({ port: 3000, host: process.env.HOST });", filename: 'src/server.mjs' },
    { name: 'a fastify instance received as a parameter (a plugin)', code: 'module.exports = async function (fastify) {\n  await fastify.listen({ port: 3000 });\n};' },
    { name: 'a host reassigned at run time', code: "let host = 'localhost';\nif (process.env.DOCKER) host = '0.0.0.0';\napp.listen(3000, host);" },
    { name: 'a loopback bind for development only', code: "if (process.env.NODE_ENV === 'development') app.listen(3000, 'localhost');\nelse app.listen(process.env.PORT || 3000);" },
    { name: 'a development server script', code: "devServer.listen(8080, 'localhost');", filename: 'scripts/dev-server.js' },
    { name: 'a URL that mentions localhost is not a bind', code: "fetch('http://localhost:3000/health');\napp.listen(port, onListen);" },
    { name: 'spread options are not guessed', code: `${FASTIFY}fastify.listen({ ...listenOptions });` },
  ],
  invalid: [
    {
      name: 'localhost in the options of a server\'s start',
      code: "await standalone.start({ port: process.env.PORT, host: '127.0.0.1' });",
      errors: [{ messageId: 'loopbackHost', line: 1, column: 56, endColumn: 67 }],
      output: "await standalone.start({ port: process.env.PORT, host: process.env.HOST || '127.0.0.1' });",
    },
    {
      name: 'Express on 127.0.0.1',
      code: "app.listen(3000, '127.0.0.1', () => console.log('up'));",
      errors: [{
        messageId: 'loopbackHost', line: 1, column: 18, endLine: 1, endColumn: 29,
        message: "The server binds only to 127.0.0.1, the loopback interface: nothing outside its own container or machine can connect, so the platform's router cannot reach it. Bind to all interfaces (0.0.0.0), or read the address from the environment.",
      }],
      output: "app.listen(3000, process.env.HOST || '127.0.0.1', () => console.log('up'));",
      suggestions: [{ title: ALL, output: "app.listen(3000, process.env.HOST || '0.0.0.0', () => console.log('up'));" }],
    },
    {
      name: 'localhost in listen options',
      code: "server.listen({ port: process.env.PORT, host: 'localhost' });",
      errors: [{ messageId: 'loopbackHost', line: 1, column: 47, endColumn: 58 }],
      output: "server.listen({ port: process.env.PORT, host: process.env.HOST || 'localhost' });",
    },
    {
      name: 'IPv6 loopback',
      code: 'server.listen(8080, "::1");',
      errors: [{ messageId: 'loopbackHost', line: 1, column: 21, message: "The server binds only to ::1, the loopback interface: nothing outside its own container or machine can connect, so the platform's router cannot reach it. Bind to all interfaces (0.0.0.0), or read the address from the environment." }],
      output: 'server.listen(8080, process.env.HOST || "::1");',
    },
    {
      name: 'a loopback constant: reported where it is used, not rewritten',
      code: "const HOST = '127.0.0.1';\nconst PORT = process.env.PORT || 3000;\napp.listen(PORT, HOST);\nconsole.log(`http://${HOST}:${PORT}`);",
      errors: [{ messageId: 'loopbackHost', line: 3, column: 18 }],
      output: null,
      suggestions: [],
    },
    {
      name: 'fastify with an explicit localhost',
      code: `${FASTIFY}fastify.listen({ port: 3000, host: 'localhost' });`,
      errors: [{ messageId: 'loopbackHost', line: 2, column: 36 }],
      output: `${FASTIFY}fastify.listen({ port: 3000, host: process.env.HOST || 'localhost' });`,
    },
    {
      name: 'fastify without a host listens on localhost',
      code: `${FASTIFY}fastify.listen({ port: process.env.PORT || 3000 }, (err) => { if (err) throw err; });`,
      errors: [{
        messageId: 'fastifyDefaultHost', line: 2, column: 1,
        message: 'Fastify listens on localhost unless it is given a host, so inside a container or on a platform this server is unreachable from outside. Pass a host read from the environment, defaulting to 0.0.0.0.',
      }],
      output: null,
      suggestions: [{ title: FASTIFY_HOST, output: `${FASTIFY}fastify.listen({ port: process.env.PORT || 3000, host: process.env.HOST || '0.0.0.0' }, (err) => { if (err) throw err; });` }],
    },
    {
      name: 'fastify v3 positional port',
      code: "import Fastify from 'fastify';\nconst server = Fastify();\nserver.listen(PORT, (err) => {});",
      filename: 'src/index.mjs',
      errors: [{ messageId: 'fastifyDefaultHost', line: 3, column: 1 }],
      output: null,
      suggestions: [{ title: FASTIFY_HOST, output: "import Fastify from 'fastify';\nconst server = Fastify();\nserver.listen(PORT, process.env.HOST || '0.0.0.0', (err) => {});" }],
    },
    {
      name: 'NestJS on the Fastify adapter',
      code: "const app = await NestFactory.create(AppModule, new FastifyAdapter());\nawait app.listen(3000);",
      filename: 'src/main.ts',
      errors: [{ messageId: 'fastifyDefaultHost', line: 2, column: 7 }],
      output: null,
      suggestions: [{ title: FASTIFY_HOST, output: "const app = await NestFactory.create(AppModule, new FastifyAdapter());\nawait app.listen(3000, process.env.HOST || '0.0.0.0');" }],
    },
    {
      name: 'hapi server options',
      code: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: 3000, host: 'localhost' });",
      errors: [{ messageId: 'loopbackHost', line: 2, column: 48 }],
      output: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: 3000, host: process.env.HOST || 'localhost' });",
    },
    {
      name: 'a var written once (express-generator style)',
      code: "var host = '127.0.0.1';\nvar port = normalizePort(process.env.PORT || '3000');\nserver.listen(port, host);",
      filename: 'bin/www.js',
      errors: [{ messageId: 'loopbackHost', line: 3, column: 21 }],
      output: null,
    },
  ],
});
