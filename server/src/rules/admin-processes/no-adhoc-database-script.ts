/**
 * Factor XII: one-off admin code runs against a release with the same code and config as the app's
 * long-running processes. A backfill or seed script that builds its own database client from a
 * connection string written into it, or from a config file of its own, reaches whatever database it
 * names instead of the one the release is configured for, and drifts out of step with the app.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { normalize } from 'node:path';
import { defineRule, type FileRuleContext, type FixSpec } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import { findProperty, getCalleeProperty, getMemberPath, getStaticString, resolveConst, unwrapExpression } from '../_utils/ast';
import { readsEnvironment } from '../_utils/env';
import { moveToEnvFix } from '../_utils/fixes';
import { isLoopbackHost, parseUrl } from '../_utils/hosts';
import { findModuleBindings, type ModuleBindings } from '../_utils/imports';
import { projectPath } from '../_utils/modules';
import { MODULE_SPECIFIER } from '../_utils/packageNames';
import { isAdminScriptFile } from '../_utils/sourceRoles';

type MessageId = 'hardcodedConnection' | 'ownConfig';

const DB_MODULES = new Set([
  'pg', 'pg-pool', 'pg-promise', 'postgres', 'mysql', 'mysql2', 'mysql2/promise', 'mariadb', 'mssql', 'oracledb', 'mongodb', 'mongoose',
  'knex', 'sequelize', 'typeorm', 'redis', 'ioredis', 'cassandra-driver', 'neo4j-driver', 'nano',
]);
const DB_MODULE_TEXT = /['"`](?:pg|pg-pool|pg-promise|postgres|mysql2?(?:\/promise)?|mariadb|mssql|oracledb|mongodb|mongoose|knex|sequelize|typeorm|redis|ioredis|cassandra-driver|neo4j-driver|nano)['"`]/;
/** Calls and constructors of those modules that open a connection or pool. */
const CLIENT_FACTORIES = new Set([
  'connect', 'createConnection', 'createPool', 'createClient', 'createCluster', 'getConnection', 'driver', 'Pool', 'Client', 'Sequelize', 'MongoClient', 'Redis', 'Cluster', 'DataSource',
]);
/** Options that say where the database is; `connection` nests them (knex). */
const URL_KEYS = ['connectionString', 'url', 'uri', 'connectString'];
const HOST_KEYS = ['host', 'hostname', 'server'];
/** Local modules a script reads its own settings from. */
const OWN_CONFIG = /\.json$|config|settings|credentials|secrets/i;

type Verdict =
  | { readonly kind: 'hardcoded'; readonly host: string; readonly url?: Node; readonly scheme?: string }
  | { readonly kind: 'ownConfig'; readonly file: string };

export default defineRule<MessageId>({
  id: 'admin-processes/no-adhoc-database-script',
  severity: 'info',
  description: 'Admin scripts that connect to the database with credentials or config of their own instead of the app\'s.',
  hasSuggestions: true,
  triggers: (text, project, path) => isAdminScriptFile(project.root, path) && DB_MODULE_TEXT.test(text),
  messages: {
    hardcodedConnection:
      'This admin script opens its own connection to {{host}}, written into the script. One-off tasks must run against the release with the app\'s config: import the app\'s database module or read the same environment variables (such as DATABASE_URL).',
    ownConfig:
      'This admin script connects with settings from {{file}}, a config of its own. It reaches whatever database that file names, not the one the release is configured for: use the app\'s database module or its environment variables.',
  },
  create(context) {
    const { source, project } = context;
    if (!isAdminScriptFile(project.root, source.path) || isServerEntry(project, source.path)) return {};
    let clients: ModuleBindings | undefined;
    let ownConfigs = new Map<string, string>();
    const pending: { at: Node; verdict: Verdict }[] = [];
    let serves = false;
    const check = (node: Node) => {
      const call = node as TSESTree.CallExpression | TSESTree.NewExpression;
      if (!clients || !opensConnection(call, clients)) return;
      const verdict = connectionVerdict(source, call.arguments, ownConfigs);
      if (verdict) pending.push({ at: call, verdict });
    };
    return {
      Program: (node) => {
        const program = node as TSESTree.Program;
        clients = findModuleBindings(program, (module) => DB_MODULES.has(module));
        ownConfigs = ownConfigNames(source, program);
      },
      NewExpression: check,
      CallExpression: (node) => {
        if (getCalleeProperty(node as TSESTree.CallExpression) === 'listen') serves = true;
        check(node);
      },
      // A script that serves HTTP is a process of the app, whose connections other rules judge.
      'Program:exit': () => {
        if (!serves) for (const { at, verdict } of pending) report(context, at, verdict);
      },
    };
  },
});

function report(context: FileRuleContext<MessageId>, at: Node, verdict: Verdict): void {
  if (verdict.kind === 'ownConfig') {
    context.report({ at, messageId: 'ownConfig', data: { file: verdict.file } });
    return;
  }
  context.report({ at, messageId: 'hardcodedConnection', data: { host: verdict.host }, suggest: envSuggestion(context.project, verdict) });
}

function envSuggestion(project: ProjectFacts, verdict: Extract<Verdict, { kind: 'hardcoded' }>): FixSpec[] | undefined {
  if (!verdict.url) return undefined;
  const name = /^mongodb/.test(verdict.scheme ?? '') ? 'MONGODB_URL' : /^rediss?$/.test(verdict.scheme ?? '') ? 'REDIS_URL' : 'DATABASE_URL';
  return [moveToEnvFix(project, verdict.url, name)];
}

/** The start script's or Procfile web process's file is the app itself, wherever it lives (`bin/www`). */
function isServerEntry(project: ProjectFacts, path: string): boolean {
  const rel = projectPath(project.root, path);
  const bins = new Set(Object.values(project.packageJson?.bin ?? {}).map((bin) => normalize(bin).replace(/^\.\//, '')));
  return project.entryPoints.some((entry) => !bins.has(entry) && (entry === rel || entry === rel.replace(/\.[cm]?[jt]s$/, '')));
}

/** `new Pool(…)`, `mongoose.connect(…)`, `knex(…)`, `redis.createClient(…)`, `require('knex')(…)`. */
function opensConnection(call: TSESTree.CallExpression | TSESTree.NewExpression, clients: ModuleBindings): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'CallExpression') return callee.callee.type === 'Identifier' && callee.callee.name === 'require' && DB_MODULES.has(getStaticString(callee.arguments[0]) ?? '');
  const path = getMemberPath(callee);
  if (!path || (!clients.namespaces.has(path[0]) && !clients.named.has(path[0]))) return false;
  const last = path[path.length - 1];
  // A whole-module call is a factory (`knex(config)`, `postgres(url)`); a named import keeps its exported name.
  if (path.length === 1 && clients.namespaces.has(last)) return call.type === 'CallExpression' || CLIENT_FACTORIES.has(last);
  return CLIENT_FACTORIES.has(path.length === 1 ? clients.named.get(last) ?? last : last);
}

/** Local names bound to a settings module next to the script: `const config = require('./db.json')`. */
function ownConfigNames(source: SourceCode, program: TSESTree.Program): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of source.text.matchAll(MODULE_SPECIFIER)) {
    const specifier = match[1];
    if (!specifier.startsWith('./') || !OWN_CONFIG.test(specifier)) continue;
    const bindings = findModuleBindings(program, (module) => module === specifier);
    for (const name of [...bindings.namespaces, ...bindings.named.keys()]) names.set(name, specifier);
  }
  return names;
}

/** Whether the arguments name a database other than through the environment or the app's own modules. */
function connectionVerdict(source: SourceCode, args: readonly Node[], ownConfigs: ReadonlyMap<string, string>): Verdict | undefined {
  for (const argument of args) {
    const verdict = valueVerdict(source, argument, ownConfigs, 0);
    if (verdict) return verdict;
  }
  return undefined;
}

function valueVerdict(source: SourceCode, node: Node, ownConfigs: ReadonlyMap<string, string>, depth: number): Verdict | undefined {
  if (readsEnvironment(source, node)) return undefined;
  const root = getMemberPath(unwrapExpression(node))?.[0];
  const file = root === undefined ? undefined : ownConfigs.get(root);
  if (file) return { kind: 'ownConfig', file };
  const value = resolveConst(source, node);
  if (value !== unwrapExpression(node) && readsEnvironment(source, value)) return undefined;
  const text = getStaticString(value);
  if (text !== undefined) return urlVerdict(text, value);
  return value.type === 'ObjectExpression' && depth < 2 ? objectVerdict(source, value, ownConfigs, depth) : undefined;
}

function urlVerdict(text: string, node: Node): Verdict | undefined {
  const url = parseUrl(text);
  return url && !isLoopbackHost(url.host) ? { kind: 'hardcoded', host: url.host, url: node, scheme: url.scheme } : undefined;
}

/** `{ connectionString }`, `{ host, user, password }`, knex's `{ connection: … }`. */
function objectVerdict(source: SourceCode, object: TSESTree.ObjectExpression, ownConfigs: ReadonlyMap<string, string>, depth: number): Verdict | undefined {
  for (const key of [...URL_KEYS, 'connection']) {
    const property = findProperty(object, key);
    if (property) return valueVerdict(source, property.value, ownConfigs, depth + 1);
  }
  for (const key of HOST_KEYS) {
    const property = findProperty(object, key);
    if (!property || readsEnvironment(source, property.value)) continue;
    const host = getStaticString(resolveConst(source, property.value));
    if (host && !isLoopbackHost(host)) return { kind: 'hardcoded', host };
  }
  return undefined;
}
