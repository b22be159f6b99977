/**
 * Factor IV: a database, cache, queue or mail server is an attached resource. The code should
 * not know where it is: the address comes from config, so swapping a local Postgres for a managed
 * one is a change of environment, not of code. Literals are fine only as env-lookup defaults.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext } from '../../engine/rule';
import type { Node } from '../../engine/types';
import { findProperty, getBindingName, getCalleeName, getMemberPath, getPropertyName, getStaticString, namesDatabase, withoutCompiledCounter } from '../_utils/ast';
import { inDevelopmentOnlyBranch, inDisabledBlock } from '../_utils/branches';
import { isEnvDefault, readsEnvironment, toEnvName } from '../_utils/env';
import { environmentKindOf, environmentOfConfigFile, testEnvironmentOfConfigFile } from '../_utils/environment';
import { moveToEnvFix } from '../_utils/fixes';
import { isBindAddress, isLoopbackHost, isPrivateHost, isVendorEndpoint, parseUrl } from '../_utils/hosts';
import { bindingsByLocalName, type ModuleBinding } from '../_utils/imports';
import { ownValue } from '../_utils/records';
import { isPlaceholder, parseCredentialUrl } from '../_utils/secrets';
import { isIgnoredStringPosition } from '../_utils/strings';
import { listenArguments } from '../_utils/servers';
import { cliCommandOf, SERVER_COMMAND_NAME } from '../_utils/cliCommands';
import { isBrowserFile, isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'serviceUrl' | 'internalHttp' | 'serviceHost' | 'implicitLocalhost';

export interface Options {
  /** Hosts that are the same for every deploy of this app and may stay in code. */
  readonly allowedHosts: readonly string[];
}

/** Schemes of backing services, with the variable a fix reads when nothing names the value. */
const SERVICE_SCHEMES: Readonly<Record<string, { kind: string; envName: string }>> = {
  mongodb: { kind: 'MongoDB', envName: 'MONGODB_URL' },
  'mongodb+srv': { kind: 'MongoDB', envName: 'MONGODB_URL' },
  postgres: { kind: 'PostgreSQL', envName: 'DATABASE_URL' },
  postgresql: { kind: 'PostgreSQL', envName: 'DATABASE_URL' },
  mysql: { kind: 'MySQL', envName: 'DATABASE_URL' },
  mariadb: { kind: 'MariaDB', envName: 'DATABASE_URL' },
  mssql: { kind: 'SQL Server', envName: 'DATABASE_URL' },
  sqlserver: { kind: 'SQL Server', envName: 'DATABASE_URL' },
  redis: { kind: 'Redis', envName: 'REDIS_URL' },
  rediss: { kind: 'Redis', envName: 'REDIS_URL' },
  amqp: { kind: 'AMQP broker', envName: 'AMQP_URL' },
  amqps: { kind: 'AMQP broker', envName: 'AMQP_URL' },
  memcached: { kind: 'Memcached', envName: 'MEMCACHED_URL' },
  nats: { kind: 'NATS', envName: 'NATS_URL' },
  kafka: { kind: 'Kafka', envName: 'KAFKA_BROKERS' },
  smtp: { kind: 'SMTP server', envName: 'SMTP_URL' },
  smtps: { kind: 'SMTP server', envName: 'SMTP_URL' },
  couchdb: { kind: 'CouchDB', envName: 'COUCHDB_URL' },
  neo4j: { kind: 'Neo4j', envName: 'NEO4J_URL' },
  bolt: { kind: 'Neo4j', envName: 'NEO4J_URL' },
  cassandra: { kind: 'Cassandra', envName: 'CASSANDRA_URL' },
  mqtt: { kind: 'MQTT broker', envName: 'MQTT_URL' },
  mqtts: { kind: 'MQTT broker', envName: 'MQTT_URL' },
  ldap: { kind: 'LDAP server', envName: 'LDAP_URL' },
  ldaps: { kind: 'LDAP server', envName: 'LDAP_URL' },
};

/** HTTP clients whose first argument is the URL they call. */
const HTTP_CALLS = /^(?:fetch|axios(?:\.(?:get|post|put|patch|delete|head|request))?|got(?:\.\w+)?|request(?:\.\w+)?|superagent\.\w+|needle(?:\.\w+)?|ky(?:\.\w+)?|undici\.request|http\.(?:get|request)|https\.(?:get|request))$/;
/** Names of properties and variables that hold the address of a service. */
const LOCATOR_NAME = /(?:^|_)(?:URL|URI|BASE_URL|ENDPOINT|HOST|HOSTNAME|API|UPSTREAM|TARGET|SERVER)$/;
/** Keys that make an object a connection config rather than any object with a `host`. */
const CONNECTION_KEYS = new Set(['port', 'user', 'username', 'password', 'database', 'db', 'dialect', 'auth', 'connectionLimit', 'ssl', 'tls', 'schema', 'keyspace', 'pool']);
/** Client factories whose options object names a backing service. */
const CLIENT_FACTORIES = /(?:^|\.)(?:Pool|Client|createConnection|createPool|createClient|Redis|IORedis|Cluster|createTransport|Sequelize|knex|MongoClient|connect|Kafka|Memcached)$/;

export default defineRule<MessageId, Options>({
  id: 'backing-services/no-hardcoded-service-url',
  severity: 'warning',
  description: 'Addresses of databases, caches, queues, mail servers and internal services written in code.',
  fixable: true,
  defaultOptions: { allowedHosts: [] },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { allowedHosts: { type: 'array', items: { type: 'string' }, description: 'Hosts that may stay in code.' } },
  },
  triggers: new RegExp(
    [
      /(?:mongodb(?:\+srv)?|postgres(?:ql)?|mysql|mariadb|mssql|sqlserver|rediss?|amqps?|memcached|nats|kafka|smtps?|couchdb|neo4j|bolt|cassandra|mqtts?|ldaps?):\/\//.source,
      /https?:\/\/(?:localhost|127\.|10\.|192\.168\.|172\.|[a-z][\w-]*[:/'"`]|[^\s'"`/]*\.(?:internal|local|lan|svc|consul|docker)\b)/.source,
      /\b(?:host|hostname|server)['"]?\s*:\s*['"`]/.source,
      /\b(?:brokers|bootstrapServers|bootstrap_servers|contactPoints|hosts|nodes|servers|seeds)['"]?\s*:\s*\[?\s*['"`]/.source,
      /\b(?:createClient|connect|Redis|IORedis|Memcached|StatsD|Client|Spamc)\s*\(\s*\)/.source,
    ].join('|'),
    'i',
  ),
  messages: {
    serviceUrl:
      'The {{kind}} at {{host}} is written into the code. A backing service is an attached resource: keep its URL in config (process.env.{{envName}}) so a deploy can swap it without a code change.',
    internalHttp:
      'The internal service at {{host}} is written into the code. Its address differs per deploy: read it from config (process.env.{{envName}}).',
    serviceHost:
      'The host {{host}} of this connection is written into the code. Keep it in config (process.env.{{envName}}) so each deploy attaches its own service.',
    implicitLocalhost:
      'With no address, this {{kind}} client connects to {{address}}, the library\'s default, and nothing lets a deploy point it elsewhere. Pass it a URL read from config (process.env.{{envName}}).',
  },
  create(context) {
    // Developer scripts, tool configuration and browser bundles never run in a deploy's server.
    if (isDevOnlyFile(context.project, context.source.path) || isBrowserFile(context.project.root, context.source.path, context.source.text)) return {};
    if (isEnvOverlaidDefaults(context) || isDevelopmentConfigFile(context)) return {};
    const check = (node: Node) => checkString(context, node);
    let clients: ReadonlyMap<string, ModuleBinding> = new Map();
    const checkClient = (node: Node) => checkImplicitLocalhost(context, node as TSESTree.CallExpression | TSESTree.NewExpression, clients);
    return {
      Program: (node) => {
        clients = bindingsByLocalName(node as TSESTree.Program, (module) => Object.hasOwn(DEFAULT_LOCALHOST_CLIENTS, module));
      },
      Literal: check,
      TemplateLiteral: check,
      CallExpression: checkClient,
      NewExpression: checkClient,
    };
  },
});

interface DefaultClient {
  readonly kind: string;
  readonly address: string;
  readonly envName: string;
  /** What makes a client: an export's name, or `module` for constructing the module itself (`new Redis()` of ioredis). */
  readonly factory: RegExp;
}

/** Client libraries that connect to localhost when given no address, and read no environment variable instead. */
const DEFAULT_LOCALHOST_CLIENTS: Readonly<Record<string, DefaultClient>> = {
  redis: { kind: 'Redis', address: 'redis://localhost:6379', envName: 'REDIS_URL', factory: /^createClient$/ },
  ioredis: { kind: 'Redis', address: 'localhost:6379', envName: 'REDIS_URL', factory: /^(?:module|default|Redis)$/ },
  amqplib: { kind: 'AMQP', address: 'amqp://localhost', envName: 'AMQP_URL', factory: /^connect$/ },
  memcached: { kind: 'Memcached', address: 'localhost:11211', envName: 'MEMCACHED_URL', factory: /^(?:module|default)$/ },
  nats: { kind: 'NATS', address: 'nats://localhost:4222', envName: 'NATS_URL', factory: /^connect$/ },
  'node-statsd': { kind: 'StatsD', address: 'localhost:8125', envName: 'STATSD_HOST', factory: /^(?:module|default|StatsD)$/ },
  elasticsearch: { kind: 'Elasticsearch', address: 'localhost:9200', envName: 'ELASTICSEARCH_URL', factory: /^Client$/ },
  spamc: { kind: 'SpamAssassin', address: 'localhost:783', envName: 'SPAMD_HOST', factory: /^(?:module|default)$/ },
};

/** `redis.createClient()`, `new Redis()`, `amqp.connect()`: no address, so the library's localhost default. */
function checkImplicitLocalhost(context: FileRuleContext<MessageId, Options>, node: TSESTree.CallExpression | TSESTree.NewExpression, clients: ReadonlyMap<string, ModuleBinding>): void {
  if (node.arguments.length > 0 || clients.size === 0) return;
  const path = getMemberPath(node.callee);
  const binding = path && clients.get(path[0]);
  if (!path || !binding) return;
  const client = DEFAULT_LOCALHOST_CLIENTS[binding.module];
  const made = path.length > 1 ? path.at(-1) : (binding.exported ?? (node.type === 'NewExpression' ? 'module' : undefined));
  if (made === undefined || !client.factory.test(made) || inDevelopmentOnlyBranch(context.source, node)) return;
  context.report({ at: node, messageId: 'implicitLocalhost', data: { kind: client.kind, address: client.address, envName: client.envName } });
}

function checkString(context: FileRuleContext<MessageId, Options>, node: Node): void {
  const value = getStaticString(node);
  if (!value || isIgnoredStringPosition(node) || isPlaceholder(value) || isEnvDefault(context.source, node) || isLogArgument(node)) return;
  const url = parseUrl(value);
  if (url && /[<{$]/.test(url.host)) return;
  if (url) {
    if (parseCredentialUrl(value)) return;
    const service = ownValue(SERVICE_SCHEMES, url.scheme);
    if (service) return report(context, node, 'serviceUrl', { kind: service.kind, host: url.host }, specificName(node) ?? service.envName);
    if ((url.scheme === 'http' || url.scheme === 'https') && isPrivateHost(url.host) && isLocatorPosition(node)) {
      return report(context, node, 'internalHttp', { host: url.host }, specificName(node) ?? serviceNameOf(url.host));
    }
    return;
  }
  checkHostProperty(context, node, value);
  checkMemberAddress(context, node, value);
}

/** Option keys that list a cluster's members as `host:port`: Kafka `brokers`, Cassandra `contactPoints`. */
const MEMBER_LIST_KEY = /^(?:brokers|bootstrapServers|bootstrap_servers|contactPoints|hosts|nodes|servers|seeds)$/i;
const HOST_AND_PORT = /^([a-z0-9][\w.-]*):\d{2,5}$/i;

/** `new Kafka({ brokers: ['kafka-1:9092', 'kafka-2:9092'] })`: a cluster's addresses written into the code, reported once per list. */
function checkMemberAddress(context: FileRuleContext<MessageId, Options>, node: Node, value: string): void {
  const host = HOST_AND_PORT.exec(value)?.[1];
  const list = node.parent?.type === 'ArrayExpression' ? node.parent : undefined;
  const target = list ?? node;
  const property = target.parent;
  const key = property?.type === 'Property' && property.value === target ? getPropertyName(property.key) : undefined;
  if (!host || !key || !MEMBER_LIST_KEY.test(key) || (list && list.elements[0] !== node)) return;
  const owner = ownerName(property!.parent as TSESTree.ObjectExpression);
  const envName = toEnvName(`${owner ? `${owner}_` : ''}${key}`);
  report(context, target, 'serviceHost', { host }, envName, list && `process.env.${envName}.split(',')`);
}

/** Config loaders that let environment variables override every key of the defaults (rc: `app_db__host=…`, wild-config: `APPCONF_dbs_mongo=…`). */
const ENV_OVERLAY_LOADERS = ['rc', 'nconf', 'wild-config'];
const DEFAULTS_FILE = /(?:^|\/)(?:config\/[^/]*default|defaults?[.-]config|config[.-]defaults?)[^/]*\.[cm]?[jt]s$/i;

/**
 * The defaults file of an app whose config loader overlays environment variables: each address in
 * it is a default the environment overrides, as `process.env.X || 'default'` would be.
 */
function isEnvOverlaidDefaults(context: FileRuleContext<MessageId, Options>): boolean {
  const dependencies = context.project.packageJson?.dependencies ?? {};
  return ENV_OVERLAY_LOADERS.some((loader) => loader in dependencies) && DEFAULTS_FILE.test(context.source.path.split('\\').join('/'));
}

/** `{ host: 'db.internal', port: 5432, user: … }` or `new Redis({ host: 'cache' })`. */
function checkHostProperty(context: FileRuleContext<MessageId, Options>, node: Node, value: string): void {
  const property = node.parent;
  if (property?.type !== 'Property' || property.value !== node) return;
  const key = getPropertyName(property.key);
  if (key !== 'host' && key !== 'hostname' && key !== 'server') return;
  if (isBindAddress(value) || !/^[\w.-]+$/.test(value)) return;
  const object = property.parent as TSESTree.ObjectExpression;
  if (!isConnectionConfig(context, object) || isPublicWebEndpoint(object, value) || (isLoopbackHost(value) && reachesItself(object))) return;
  // `{ host, database, … }` names a database whatever client or framework method receives it.
  const owner = namesDatabase(object) ? 'DB' : ownerName(object);
  report(context, node, 'serviceHost', { host: value }, `${owner ? `${toEnvName(owner)}_` : 'DB_'}HOST`);
}

/** The port of the app's own server: `port`, `config.port`, `uiPort || config.port`, `this.serverPort`. */
const OWN_PORT = /^(?:port|(?:ui|server|http|https|listen|app|web|proxy|local)Port)$/;

/**
 * `{ host: '127.0.0.1', port: uiPort || config.port }`: a request to this process's own server (its UI, a
 * plugin calling back), not a backing service, unless the object also carries a database or credentials.
 */
function reachesItself(object: TSESTree.ObjectExpression): boolean {
  const port = findProperty(object, 'port')?.value as Node | undefined;
  if (!port || namesDatabase(object) || ['user', 'username', 'password', 'auth'].some((key) => findProperty(object, key))) return false;
  const choices = port.type === 'LogicalExpression' ? [port.left, port.right] : [port];
  return choices.every((choice) => OWN_PORT.test(getMemberPath(choice as Node)?.at(-1) ?? ''));
}

function isConnectionConfig(context: FileRuleContext<MessageId, Options>, object: TSESTree.ObjectExpression): boolean {
  const call = object.parent;
  if ((call?.type === 'CallExpression' || call?.type === 'NewExpression') && call.arguments.includes(object)) {
    const name = getCalleeName(call) ?? '';
    if ((call.type === 'CallExpression' && listenArguments(call)) || /(?:^|\.)(?:server|Server)$/.test(name)) return false;
    if (CLIENT_FACTORIES.test(name)) return true;
  }
  const keys = object.properties.flatMap((property) => (property.type === 'Property' ? [getPropertyName(property.key)] : []));
  return keys.some((key) => key !== undefined && CONNECTION_KEYS.has(key)) && !readsEnvironment(context.source, object);
}

/** A value (or list item) of an option object passed to a client factory. */
function isClientOption(node: Node): boolean {
  const value = node.parent?.type === 'ArrayExpression' ? node.parent : node;
  const object = value.parent?.type === 'Property' && value.parent.value === value ? value.parent.parent : undefined;
  const call = object?.parent;
  return (call?.type === 'CallExpression' || call?.type === 'NewExpression') && call.arguments.includes(object as TSESTree.ObjectExpression) && CLIENT_FACTORIES.test(getCalleeName(call) ?? '');
}

function ownerName(object: TSESTree.ObjectExpression): string | undefined {
  const holder = object.parent;
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') return holder.id.name;
  if (holder?.type === 'Property') return getPropertyName(holder.key);
  if (holder?.type === 'CallExpression' || holder?.type === 'NewExpression') return calleeOwner(getCalleeName(holder));
  return undefined;
}

/** Factory methods that name no service: `mysql.createConnection` is MySQL's, `TypeOrmModule.forRoot` TypeORM's. */
const GENERIC_FACTORY = /^(?:create\w*|connect|init\w*|forRoot\w*|register|configure|setup)$/;

/** `mysql.createConnection` → `mysql`, `new Redis` → `Redis`; compiled bindings lose their counter (`typeorm_1` → `typeorm`). */
function calleeOwner(callee: string | undefined): string | undefined {
  const owner = (callee ?? '').split('.').filter((part) => part !== '' && !GENERIC_FACTORY.test(part)).pop();
  return owner && withoutCompiledCounter(owner);
}

/**
 * Where an http URL names a service the app calls: an HTTP client's argument, an option of a client
 * factory (`new Client({ node: 'http://elasticsearch:9200' })`), or a locator-named binding.
 */
function isLocatorPosition(node: Node): boolean {
  const parent = node.parent;
  if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments[0] === node) {
    return HTTP_CALLS.test(getCalleeName(parent) ?? '');
  }
  if (isClientOption(node)) return true;
  const name = getBindingName(node);
  return name !== undefined && LOCATOR_NAME.test(toEnvName(name));
}

/** The binding's name when it says which service it is: `ordersApiUrl`, not a bare `url`. */
function specificName(node: Node): string | undefined {
  const name = getBindingName(node);
  return name && !/^(?:URL|URI|HOST|HOSTNAME|CONNECTION|CONNECTION_STRING|DSN|ENDPOINT|ADDRESS|SERVER|BASE_URL|TARGET|NODE|NODES)$/.test(toEnvName(name)) ? name : undefined;
}

/** `http://billing.svc.cluster.local` reads BILLING_URL; a bare address reads SERVICE_URL. */
function serviceNameOf(host: string): string {
  const label = host.split('.')[0];
  return /^[a-z][a-z0-9-]*$/i.test(label) && label !== 'localhost' ? `${label}_URL` : 'SERVICE_URL';
}

/** A URL inside a log line is a message, not a connection. */
function isLogArgument(node: Node): boolean {
  let parent = node.parent;
  // Part of a message built by concatenation: `'… e.g. mongodb://user:pass@host …' + …`.
  while (parent?.type === 'BinaryExpression' || parent?.type === 'TemplateLiteral') parent = parent.parent;
  if (parent?.type !== 'CallExpression') return false;
  return /^(?:console|logger|log|this\.logger|debug)\.\w+$|^debug$/.test(getCalleeName(parent) ?? '');
}

/** `config/development.js`, `settings.test.js`: the addresses a developer's machine or the tests use. */
function isDevelopmentConfigFile({ project, source }: FileRuleContext<MessageId, Options>): boolean {
  const environment = environmentOfConfigFile(project.root, source.path);
  return (environment !== undefined && environmentKindOf(environment) === 'development') || testEnvironmentOfConfigFile(project.root, source.path) !== undefined;
}

/** `{ host: 'streaming.campfirenow.com', port: 443, path }`: an HTTPS call to a public API, the same for every deploy. */
function isPublicWebEndpoint(object: TSESTree.ObjectExpression, host: string): boolean {
  const port = findProperty(object, 'port')?.value;
  const https = port?.type === 'Literal' && port.value === 443;
  return https && /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/i.test(host) && !/\.(?:internal|local|lan|localdomain|cluster|svc|corp|home|intranet)$/i.test(host);
}

/** Names reserved for documentation (RFC 2606: `example.com`, `db.example.org`, `cache.test`), and the word `host` itself. */
function isReservedExampleHost(host: string): boolean {
  return /(?:^|\.)example\.(?:com|org|net)$|\.(?:example|invalid|test)$|^(?:host|hostname|your-?host)$/i.test(host.replace(/:[\w]*$/, ''));
}

/** Reports `node`, with a fix that reads `name` from the environment instead (as `replacement` when the value is not a plain string). */
/** The handler of a CLI subcommand an operator types (`program.command('call <method>').action(…)`) is a client of the service, not the service. */
function inOperatorCommand(node: Node): boolean {
  const command = cliCommandOf(node);
  return command !== undefined && !SERVER_COMMAND_NAME.test(command);
}

function report(context: FileRuleContext<MessageId, Options>, node: Node, messageId: MessageId, data: Record<string, string>, name: string, replacement?: string): void {
  if (context.options.allowedHosts.includes(data.host) || isVendorEndpoint(data.host) || isReservedExampleHost(data.host)) return;
  if (inDevelopmentOnlyBranch(context.source, node) || inDisabledBlock(node) || inOperatorCommand(node)) return;
  const envName = toEnvName(name);
  context.report({ at: node, messageId, data: { ...data, envName }, fix: moveToEnvFix(context.project, node, envName, replacement) });
}
