import rule from '../../../server/src/rules/port-binding/dockerfile-expose-mismatch';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const manifest = packageJsonText({ name: 'api', main: 'src/index.js', scripts: { start: 'node src/index.js' } });
const FROM = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\n';
const CMD = 'CMD ["node", "src/index.js"]\n';
const image = (dockerfile: string, extra: Record<string, string> = {}) => projectFixture({ 'package.json': manifest, Dockerfile: dockerfile, ...extra });
const ENV_PORT = "const app = require('express')();\napp.listen(process.env.PORT || 3000);";

runRuleTests(rule, {
  valid: [
    { name: 'the default port is exposed', code: ENV_PORT, project: image(`${FROM}EXPOSE 3000\n${CMD}`) },
    { name: 'the image sets the port the app reads, and exposes it', code: ENV_PORT, project: image(`${FROM}ENV PORT=8080\nEXPOSE 8080\n${CMD}`) },
    { name: 'EXPOSE through the same variable', code: ENV_PORT, project: image(`${FROM}ARG PORT=8080\nENV PORT=$PORT\nEXPOSE \${PORT}/tcp\n${CMD}`) },
    { name: 'compose gives the variable the exposed value', code: ENV_PORT, project: image(`${FROM}EXPOSE 8080\n${CMD}`, { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      - PORT=8080\n' }) },
    { name: 'one of several servers is exposed', code: "app.listen(3000);\nmetrics.listen(9100);", project: image(`${FROM}EXPOSE 9100\n${CMD}`) },
    { name: 'a port range', code: 'server.listen(3005);', project: image(`${FROM}EXPOSE 3000-3010/tcp\n${CMD}`) },
    { name: 'a server whose port comes from another module: cannot tell', code: "const config = require('./config');\napp.listen(3000);\nadmin.listen(config.adminPort);", project: image(`${FROM}EXPOSE 8080\n${CMD}`) },
    { name: 'an EXPOSE variable with no known value', code: ENV_PORT, project: image(`${FROM}EXPOSE $APP_PORT\n${CMD}`) },
    { name: 'an image that does not run the Node app (a proxy)', code: ENV_PORT, project: projectFixture({ 'package.json': manifest, 'nginx/Dockerfile': 'FROM nginx:1.27-alpine\nCOPY nginx.conf /etc/nginx/nginx.conf\nEXPOSE 80\n' }) },
    { name: 'a development image', code: ENV_PORT, project: projectFixture({ 'package.json': manifest, 'Dockerfile.dev': `${FROM}EXPOSE 9229\nCMD ["npm", "run", "dev"]\n` }) },
    { name: 'only an ephemeral port and a socket.io attach', code: "io.listen(server);\nhelper.listen(0);", project: image(`${FROM}EXPOSE 8080\n${CMD}`) },
    { name: 'an env port with no default and no value anywhere', code: 'app.listen(process.env.PORT);', project: image(`${FROM}EXPOSE 8080\n${CMD}`) },
  ],
  invalid: [
    {
      name: 'EXPOSE differs from the default of process.env.PORT',
      code: ENV_PORT,
      project: image(`${FROM}EXPOSE 8080\n${CMD}`),
      errors: [{
        messageId: 'exposeMismatch', file: 'Dockerfile', line: 4, column: 1, endLine: 4, endColumn: 12,
        message: 'The image exposes 8080, but the app listens on 3000. Tools and platforms that route to the declared port (docker run -P, port detection) reach nothing there: expose 3000, or have the image set the port the app reads.',
      }],
      outputFile: 'Dockerfile',
      output: null,
      suggestions: [
        { title: 'Expose port 3000', output: `${FROM}EXPOSE 3000\n${CMD}` },
        { title: 'Set PORT=8080 in the image', output: `${FROM}ENV PORT=8080\nEXPOSE 8080\n${CMD}` },
      ],
    },
    {
      name: 'a literal listen port',
      code: "const app = express();\napp.listen(8080, () => console.log('ready'));",
      project: image(`${FROM}EXPOSE 3000\n${CMD}`),
      errors: [{ messageId: 'exposeMismatch', file: 'Dockerfile', line: 4, column: 1 }],
      outputFile: 'Dockerfile',
      output: null,
      suggestions: [{ title: 'Expose port 8080', output: `${FROM}EXPOSE 8080\n${CMD}` }],
    },
    {
      name: 'the image sets PORT to something else than it exposes',
      code: ENV_PORT,
      project: image(`${FROM}ENV NODE_ENV=production PORT=4000\nEXPOSE 3000\n${CMD}`),
      errors: [{ messageId: 'exposeMismatch', file: 'Dockerfile', line: 5, column: 1, message: 'The image exposes 3000, but the app listens on 4000. Tools and platforms that route to the declared port (docker run -P, port detection) reach nothing there: expose 4000, or have the image set the port the app reads.' }],
      outputFile: 'Dockerfile',
      output: null,
      suggestions: [
        { title: 'Expose port 4000', output: `${FROM}ENV NODE_ENV=production PORT=4000\nEXPOSE 4000\n${CMD}` },
        { title: 'Set PORT=3000 in the image', output: `${FROM}ENV NODE_ENV=production PORT=4000\nENV PORT=3000\nEXPOSE 3000\n${CMD}` },
      ],
    },
    {
      name: 'express-generator: normalizePort and app.set',
      code: "var app = require('../app');\nvar port = normalizePort(process.env.PORT || '3000');\napp.set('port', port);\nvar server = http.createServer(app);\nserver.listen(port);",
      filename: 'bin/www.js',
      project: image(`${FROM}EXPOSE 80\n${CMD}`),
      errors: [{ messageId: 'exposeMismatch', file: 'Dockerfile', line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'a destructured port with a default',
      code: 'const { PORT = 5000 } = process.env;\napp.listen(PORT);',
      project: image(`${FROM}EXPOSE 3000\n${CMD}`),
      errors: [{ messageId: 'exposeMismatch', file: 'Dockerfile', line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'the port read back with app.get',
      code: "app.set('port', process.env.PORT || 3000);\napp.listen(app.get('port'));",
      project: image(`${FROM}EXPOSE 8000\n${CMD}`),
      errors: [{ messageId: 'exposeMismatch', file: 'Dockerfile', line: 4, column: 1 }],
      output: null,
    },
    {
      name: 'a hapi server, with the EXPOSE in the base stage of the released image',
      code: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: process.env.PORT || 4000, host: '0.0.0.0' });",
      project: image('FROM node:20-slim AS base\nEXPOSE 3000\nFROM base AS release\nCOPY . .\nCMD ["node", "src/index.js"]\n'),
      errors: [{ messageId: 'exposeMismatch', file: 'Dockerfile', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'a config object in the same file',
      code: 'const config = { port: Number(process.env.PORT) || 3000 };\napp.listen(config.port);',
      project: image(`${FROM}EXPOSE 80 443\n${CMD}`),
      errors: [{ messageId: 'exposeMismatch', file: 'Dockerfile', line: 4, column: 1, message: 'The image exposes 80 443, but the app listens on 3000. Tools and platforms that route to the declared port (docker run -P, port detection) reach nothing there: expose 3000, or have the image set the port the app reads.' }],
      outputFile: 'Dockerfile',
      output: null,
      suggestions: [],
    },
    {
      name: 'an unknown port in a developer script does not silence the rule',
      code: ENV_PORT,
      files: { 'scripts/mock-server.js': "const config = require('./mock-config');\nmock.listen(config.port);" },
      project: image(`${FROM}EXPOSE 8080\nEXPOSE 9229\n${CMD}`),
      errors: [
        { messageId: 'exposeMismatch', file: 'Dockerfile', line: 4, column: 1 },
        { messageId: 'exposeMismatch', file: 'Dockerfile', line: 5, column: 1 },
      ],
      output: null,
    },
  ],
});
