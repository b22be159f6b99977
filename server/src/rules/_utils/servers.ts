/** Modules that serve HTTP: a file that imports one and calls `.listen(…)` runs a web server. */
const HTTP_SERVER_MODULES = new Set([
  'express', 'koa', 'fastify', '@nestjs/core', '@hapi/hapi', 'hapi', 'restify', 'polka', 'connect', 'micro', 'hono', '@hono/node-server',
  'http', 'https', 'http2', 'node:http', 'node:https', 'node:http2', '@feathersjs/express', '@feathersjs/koa', 'loopback', '@loopback/rest',
  'sails', 'next', 'apollo-server', '@apollo/server', 'socket.io', 'ws', 'uWebSockets.js', 'h3', 'elysia', 'moleculer-web',
]);

export function isHttpServerModule(specifier: string): boolean {
  return HTTP_SERVER_MODULES.has(specifier);
}
