/**
 * Factor VI: processes share nothing, so anything one request leaves for another must live in a
 * backing service. This rule finds state that quietly lives in one process's memory instead:
 * module-level maps, sets, arrays and objects that request handlers fill (an in-memory database,
 * session table or job list), in-memory job queues fed by handlers and never awaited, rate-limit
 * counters in the default memory store, and secrets generated at startup (each process, and each
 * restart, signs with a different key). Caches of computed values, connection registries and
 * request-scoped buffers are left alone. `processes/no-local-state` covers sessions, uploads and
 * file databases.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { basename } from 'node:path';
import { defineRule, type FileRuleContext } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { someInSubtree, walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { assignmentsInFunction, enclosingClass, enclosingClassName, enclosingFunction, fallbackOf, findProperty, getCalleeName, getCalleeProperty, getMemberName, getMemberPath, getPropertyName, getStaticString, isFunctionNode, isWithin, requiredSpecifier, resolveConst, resolveValue, unwrapAwait, unwrapExpression, type FunctionNode } from '../_utils/ast';
import { howAssigned, inDevelopmentOnlyBranch, inEnvironmentBranch } from '../_utils/branches';
import { assignedFunctionName, functionName } from '../_utils/callGraph';
import { amongDefaults } from '../_utils/defaultSettings';
import { getEnvReadName, readsEnvironment, toEnvName } from '../_utils/env';
import { initializerOf } from '../_utils/environment';
import { findModuleBindings, moduleLocal, modulesByLocalName, type ModuleBindings } from '../_utils/imports';
import { findParseServerBindings, inProcessLiveQuery, type ParseServerBindings } from '../_utils/parseServer';
import { enclosingRequestHandler, readsRequestData } from '../_utils/requestHandlers';
import { isSecretName } from '../_utils/secrets';
import { escapeRegExp } from '../_utils/strings';
import { isBrowserFile, isDevOnlyFile, isFrontendModule } from '../_utils/sourceRoles';

type MessageId = 'handlerState' | 'inProcessLock' | 'memoryQueue' | 'memoryAdapterDefault' | 'memoryStandIn' | 'memoryLiveQuery' | 'memoryRateLimit' | 'memoryWebhooks' | 'generatedSecret' | 'generatedSecretFallback' | 'generatedSecretFile' | 'secretInLocalStore';

/** A module-level value request handlers might write to. */
interface Container {
  readonly declarator: TSESTree.VariableDeclarator;
  readonly name: string;
  /** `Map`, `Set`, `array`, `object`, or the queue library that created it. */
  readonly kind: string;
  readonly queue: boolean;
}

const RANDOM_CALL = /(?:^|\.)(?:randomBytes|pseudoRandomBytes|randomUUID|genSalt|genSaltSync|getRandomValues|randomFillSync|generateKeyPair|generateKeyPairSync|generate\w*KeyPair|generateKeySync|generateSecret|generateVAPIDKeys|generate\w*Certificate|nanoid|uuidv4|cuid|createId|cryptoRandomString|randomString|generateRandom(?:Hex|Base64)?(?:String|Key|Secret|Token|Bytes)?)$|(?:^|\.)(?:randomstring|str)\.generate$|^(?:Math\.random|uuid|uuid\.v4|v4)$/;
/** Modules whose default or named export makes a random value, and those exports. */
const RANDOM_MODULE = /^(?:nanoid|uuid|cuid|@paralleldrive\/cuid2|crypto-random-string|randomstring|uid-safe|uid2|rand-token)$/;
const RANDOM_EXPORT = /^(?:default|v4|nanoid|generate|createId|uid)$/;
/** Calls whose options configure a signing or encryption secret once: session, cookie and JWT middleware, plugin registration. */
const SECRET_SINKS = /^(?:session|expressSession|cookieSession|cookieParser|expressjwt|expressJwt|koaJwt|jwt|register|registerAsync|Strategy|JwtStrategy|Keygrip|ironSession|getIronSession|withIronSession|sealData|unsealData|csrf|sign|verify)$/;
/** Crypto calls whose second argument is a key. */
const KEYED_CRYPTO = new Set(['createCipheriv', 'createDecipheriv', 'createHmac']);
/** Option names that hold such a secret, besides the names `isSecretName` recognises. */
const SECRET_OPTIONS = new Set(['keys', 'secretOrKey', 'secretOrPrivateKey', 'privateKey', 'password', 'signingKey']);
/** Names that say a container only caches, buffers or tracks live connections: per-process by nature. */
const EPHEMERAL_NAME = /cache|memo|buffer|batch|pending|inflight|in_flight|client|connection|socket|subscriber|listener|watcher|stream|emitter|timer|interval|metric|stat|histogram|counter|registry|seen|visited|warned|deprecat|lock|mutex/i;
/** Names that say a container holds the app's data. */
const STATE_NAME = /session|user|account|todo|item|post|message|mail|comment|order|cart|job|queue|task|upload|record|entr(?:y|ies)|store|db|database|data|token|room|note|book|product|customer|subscription|attempt|rate-?limit|throttl|banned|blocked|vote|link|url|profile|game|player|score|booking|reservation|ticket|invoice|payment|transaction|document|event/i;
/** Values that are live connections: a registry of them is per process by nature (SSE, sockets). */
const CONNECTION_VALUE = /^(?:res|response|reply|socket|ws|client|connection|stream)$/;
const WRITE_METHODS = new Set(['set', 'add', 'push', 'unshift', 'splice']);
const QUEUE_WRITES = new Set(['push', 'add', 'unshift', 'pushAsync']);
const QUEUE_MODULES = ['better-queue', 'fastq', 'p-queue', 'queue', 'async', 'async/queue'];
const RATE_LIMIT_MODULES = ['express-rate-limit', 'express-slow-down', '@fastify/rate-limit', 'fastify-rate-limit', 'koa-ratelimit'];

/** How the file binds each in-memory queue module. */
type QueueBindings = ReadonlyMap<string, ModuleBindings>;

interface Bindings {
  readonly queues: QueueBindings;
  readonly rateLimits: ReadonlyMap<string, ModuleBindings>;
  /** Local names bound to other packages, whose `rateLimit` export may wrap express-rate-limit (`@verdaccio/middleware`). */
  readonly packages: ReadonlyMap<string, string>;
  readonly parseServer: ParseServerBindings;
}

export default defineRule<MessageId>({
  id: 'processes/no-process-local-shared-state',
  severity: 'warning',
  description: 'Shared state kept in process memory: module-level stores written by request handlers, in-memory job queues and rate limits, secrets generated at startup.',
  // Each finding needs two things in one file: randomness and a secret, or a container and a request handler.
  triggers: (text) =>
    /\.setSecret\s*\(|createLiveQueryServer|['"`](?:better-queue|p-queue|queue|async(?:\/queue)?|fastq|ioredis-mock|redis-mock|fakeredis|pg-mem)['"`]|rate-?limit|RateLimiterMemory|slow-down|MemoryStore|attempts\s*=|lockouts\s*=|failedLogins|loginFailures|(?:bad|invalid)Login|class\s+\w*Queue\b|(?:class|new)\s+[\w$.]*?(?:InMemory|Memory)\w*|\bnew\s+Mem[A-Z]\w*|\bnew\s+(?:[\w$]+\.)?PubSub\s*\(|(?:\|\||\?\?|===?)\s*['"`](?:memory|in-?memory|mem)['"`]|=\s*create\w*Memory\w*\s*\(|['"`]\.{1,2}\/[^'"`]*?\/(?:in-?[mM]emory|[mM]emory)[A-Z_-]\w*['"`]|(?:load|get|resolve)\w*Adapter\b|\.adapter\s*\(|\b(?:type|driver|store|provider)\s*:\s*['"`](?:local|memory|in-?memory)['"`]|\bwebhooks?(?:Map|ById|Registry|Index)?\s*=/i.test(text) ||
    (/\.publish\s*\(/.test(text) && /\.emit\s*\(/.test(text)) ||
    (/:\s*(?:node|local|memory|inMemory|inProcess|createLocal|createMemory|createInMemory|createInProcess)[A-Z]\w*\s*\(/.test(text) && SHARED_SERVICE.test(text)) ||
    /(?:Queue|Locks?|Mutex(?:es)?)\s*=\s*(?:Promise\.resolve\(\)|new Map\(\))/.test(text) ||
    DEFAULT_BACKEND_TEXT.test(text) ||
    /key_?pair\.export\s*\(/i.test(text) ||
    (ADDRESS_KEY_TEXT.test(text) && /\+\+|\+=/.test(text)) ||
    (/Queue\s*=\s*(?:\{|new Map)/.test(text) && /\bsetTimeout\s*\(/.test(text)) ||
    (/random(?:Bytes|UUID|FillSync|String)|RandomBytes|generateRandom|getRandomValues|genSalt|generateKey|generate\w*KeyPair|generateVAPIDKeys|generate\w*Certificate|generate\w*Secret|selfsigned|createCertificate|privateKeyToPem|nanoid|uuid|cuid|createId|Math\.random|(?:randomstring|str)\.generate/i.test(text) && /secret|session|jwt|cookie|cipher|encrypt|hmac|api_?key|passphrase|private_?key|vapid|key_?(?:file|path)/i.test(text)) ||
    (/new (?:Map|Set)\s*\(|=\s*\[\s*\]|=\s*\{\s*\}|Object\.create\(null\)/.test(text) && /\b(?:req|request|ctx)\b/.test(text) && /\.(?:get|post|put|patch|delete|use|all|route|on)\s*\(/.test(text)),
  messages: {
    handlerState:
      '`{{name}}` is a module-level {{kind}} that request handlers write to, so the data lives in this process\'s memory only: other instances never see it and a restart or deploy loses it. Keep it in a backing service (a database, Redis).',
    memoryQueue:
      'Jobs are queued in this process\'s memory ({{library}}) and handlers do not wait for them. Queued work is lost when the process restarts or is replaced, and no other instance can take it over: use a queue backed by Redis or a database.',
    memoryAdapterDefault:
      'When no adapter is configured, this falls back to `{{adapter}}`, which keeps its messages or state in this process\'s memory: other instances never receive them and a restart drops them. Default to a shared backing service (Redis, a database), or require one to be configured.',
    memoryStandIn:
      '`{{module}}` is an in-memory stand-in for a backing service: what the app keeps in it lives in this process only, so other instances never see it and a restart loses it. Connect to the real service (Redis, a database) in every deploy instead of falling back to a stand-in.',
    memoryLiveQuery:
      'With no `redisURL`, Parse Server\'s LiveQuery publishes and subscribes through this process\'s memory: a change saved through one instance never reaches clients subscribed on another. Give the LiveQuery server (and the `liveQuery` option of the API) a `redisURL`.',
    memoryRateLimit:
      'Rate-limit counters are kept in this process\'s memory ({{library}}). Each instance counts on its own, so the real limit grows with every instance and resets on each restart: give it a Redis or database store.',
    inProcessLock:
      '`{{name}}` serializes writes to the app\'s data only inside this process. A second instance (or a restart mid-write) is not held back, so its read-modify-write races this one and one update is lost: take the lock where the data lives (a database transaction, a Redis lock) or make the write atomic there.',
    memoryWebhooks:
      'The registered webhooks are kept in a map in this process\'s memory and changed at run time (`{{change}}`): an instance that did not handle the change keeps firing a stale list until it restarts. Read them from the database, or from a shared cache every instance invalidates, when an event fires.',
    generatedSecret:
      'This {{use}} is generated when the process starts. Every instance gets a different one and every restart replaces it, so what one process signed or encrypted (sessions, cookies, tokens) the next one rejects. Read it from the environment.',
    generatedSecretFile:
      'This {{use}} is generated by the app (on first start, or when it finds none) and saved to a file on the local disk. Every instance and every fresh container makes its own, so what one signed or encrypted the others reject. Read it from the environment instead.',
    secretInLocalStore:
      'The signing secret is made up when the store has none and saved into that store, which is `{{module}}`, on this instance\'s disk, unless a storage plugin is configured. Instances that do not share that disk each make their own secret, so tokens one signs the others reject: read the secret from the environment.',
    generatedSecretFallback:
      'When {{env}} is unset, this {{use}} is generated at startup: each instance then signs with its own key and every restart invalidates existing sessions and tokens. Require {{env}} instead of generating a fallback.',
  },
  create(context) {
    const { source, project } = context;
    if (isDevOnlyFile(project, source.path) || isBrowserFile(project.root, source.path, source.text)) return {};
    let bindings: Bindings | undefined;
    let frontend = false;
    const containers = new Map<string, Container>();
    const reportedContainers = new Set<string>();
    const reportedSecrets = new Set<number>();
    const state = { containers, reportedContainers, reportedSecrets, reportedLimiterModules: new Set<string>() };
    return {
      Program: (node) => {
        const program = node as TSESTree.Program;
        frontend = program.body.some((statement) => statement.type === 'ImportDeclaration' && isFrontendModule(statement.source.value));
        bindings = {
          queues: new Map(QUEUE_MODULES.map((name) => [name, findModuleBindings(program, (module) => module === name)])),
          rateLimits: new Map(RATE_LIMIT_MODULES.map((name) => [name, findModuleBindings(program, (module) => module === name)])),
          packages: modulesByLocalName(program),
          parseServer: findParseServerBindings(program),
        };
        for (const container of moduleContainers(program, bindings.queues)) containers.set(container.name, container);
      },
      CallExpression: (node) => {
        if (frontend) return;
        const call = node as TSESTree.CallExpression;
        checkRateLimitCall(context, call, bindings!, state);
        if (inProcessLiveQuery(context.source, call, bindings!.parseServer)) context.report({ at: call, messageId: 'memoryLiveQuery' });
        checkAdapterDefault(context, call);
        checkConditionalSocketAdapter(context, call, bindings!.packages);
        checkSecretSink(context, call, state);
        checkSecretFileWrite(context, call, state);
        checkSecretSavedToLocalStore(context, call, bindings!.packages);
        checkContainerCall(context, call, state);
        checkFactoryElse(context, call);
        checkConditionalLocalTwin(context, call);
        checkLocalPublishFallback(context, call);
        checkTimedQueue(context, call);
      },
      NewExpression: (node) => {
        if (frontend) return;
        checkMemoryLimiter(context, node as TSESTree.NewExpression);
        checkRateLimitCall(context, node as TSESTree.NewExpression, bindings!, state);
        checkFactoryElse(context, node as TSESTree.NewExpression);
        checkStandIn(context, node as TSESTree.NewExpression, bindings!.packages);
      },
      ClassDeclaration: (node) => {
        if (!frontend) checkQueueClass(context, node as TSESTree.ClassDeclaration);
      },
      // `module.exports = class WorkerQueue { … }` names its class as well as a declaration does.
      ClassExpression: (node) => {
        if (!frontend) checkQueueClass(context, node as TSESTree.ClassExpression);
      },
      IfStatement: (node) => {
        if (!frontend) checkUnsetOrMemoryBranch(context, node as TSESTree.IfStatement);
      },
      ReturnStatement: (node) => {
        if (frontend) return;
        checkFactoryFallback(context, node as TSESTree.ReturnStatement);
        checkReturnedSecretFallback(context, node as TSESTree.ReturnStatement, state);
      },
      PropertyDefinition: (node) => {
        const field = node as TSESTree.PropertyDefinition;
        if (!frontend && field.static && field.value) checkAttemptCounter(context, field, getPropertyName(field.key), field.value);
        if (!frontend && !field.static) checkWebhookRegistry(context, field, getPropertyName(field.key), field.value, field.parent);
        if (!frontend && field.value) checkDataLock(context, field, getPropertyName(field.key), field.value);
      },
      AssignmentExpression: (node) => {
        if (frontend) return;
        const assignment = node as TSESTree.AssignmentExpression;
        const target = getMemberPath(assignment.left);
        if (target?.length === 2 && target[0] === 'this' && isInConstructor(assignment)) {
          // `this.pubSub = pubSub || new InMemoryPubSub()`: the bus an instance falls back to.
          checkMemoryStoreDefault(context, target[1], assignment.right);
          checkAttemptCounter(context, assignment, target[1], assignment.right);
          checkDataLock(context, assignment, target[1], assignment.right);
          const classBody = enclosingClass(assignment)?.body;
          if (classBody) checkWebhookRegistry(context, assignment, target[1], assignment.right, classBody);
        } else if (target?.length === 2 && target[0] === 'this') {
          checkLimiterTable(context, assignment, target[1], assignment.right);
        } else if (target?.length === 2 && ATTEMPT_COUNTER.test(target[1]) && !functionTaking(assignment, target[0])) {
          // `obj.badLoginTable = {}` in the factory that builds the web server object; `parent.badLoginTable = {}`
          // in a command handed the server clears the table, it does not make one.
          checkAttemptCounter(context, assignment, target[1], assignment.right);
        }
        checkOptionStoreFallback(context, assignment);
        checkSecretAssignment(context, assignment, state);
        checkContainerAssignment(context, assignment, assignment.left, assignment.right, state);
      },
      BinaryExpression: (node) => {
        if (!frontend) checkAddressCountLimit(context, node as TSESTree.BinaryExpression);
      },
      UpdateExpression: (node) => {
        if (!frontend) checkContainerAssignment(context, node, (node as TSESTree.UpdateExpression).argument, undefined, state);
      },
      VariableDeclarator: (node) => {
        if (frontend) return;
        const declarator = node as TSESTree.VariableDeclarator;
        checkSecretDeclarator(context, declarator, state);
        if (declarator.init && declarator.id.type === 'Identifier') checkMemoryStoreDefault(context, declarator.id.name, declarator.init);
        if (declarator.init && declarator.id.type === 'Identifier' && !insideFunction(declarator)) {
          checkAttemptCounter(context, declarator, declarator.id.name, declarator.init);
          checkDataLock(context, declarator, declarator.id.name, declarator.init);
        } else if (declarator.init && declarator.id.type === 'Identifier') {
          checkLimiterTable(context, declarator, declarator.id.name, declarator.init);
        }
      },
      AssignmentPattern: (node) => {
        if (frontend) return;
        const pattern = node as TSESTree.AssignmentPattern;
        checkSecretDefault(context, pattern, state);
        if (pattern.left.type === 'Identifier') checkMemoryStoreDefault(context, pattern.left.name, pattern.right);
      },
      Property: (node) => {
        if (frontend) return;
        checkDefaultConfigProperty(context, node as TSESTree.Property, state);
        checkDefaultBackend(context, node as TSESTree.Property);
      },
    };
  },
});

interface State {
  readonly containers: ReadonlyMap<string, Container>;
  readonly reportedContainers: Set<string>;
  readonly reportedSecrets: Set<number>;
  /** Packages whose `rateLimit` this file was told about once: every route using it shares the fix. */
  readonly reportedLimiterModules: Set<string>;
}

// ---- module-level containers written by request handlers ----

/** `const todos = []`, `let sessions = new Map()`, `const db = {}`, `const q = fastq(worker, 1)` at the top level. */
function moduleContainers(program: TSESTree.Program, queues: QueueBindings): Container[] {
  return program.body.flatMap((statement) => {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') return [];
    return declaration.declarations.flatMap((declarator): Container[] => {
      if (declarator.id.type !== 'Identifier' || !declarator.init) return [];
      const name = declarator.id.name;
      const queue = queueLibrary(declarator.init, queues);
      if (queue) return [{ declarator, name, kind: queue, queue: true }];
      const kind = containerKind(declarator.init);
      return kind ? [{ declarator, name, kind, queue: false }] : [];
    });
  });
}

function containerKind(init: Node): string | undefined {
  const value = unwrapExpression(init);
  if (value.type === 'ArrayExpression') return 'array';
  if (value.type === 'ObjectExpression') return 'object';
  if (value.type === 'NewExpression' && value.callee.type === 'Identifier' && (value.callee.name === 'Map' || value.callee.name === 'Set')) return value.callee.name;
  return isBareObject(value) ? 'object' : undefined;
}

/**
 * The in-memory queue library that creates this value: `fastq(worker, 1)`, `async.queue(worker)`,
 * `new PQueue()`, `new Queue()` of `queue`, or better-queue's `new Queue(fn)` without a persistent store.
 */
function queueLibrary(init: Node, queues: QueueBindings): string | undefined {
  const value = unwrapExpression(init);
  if (value.type !== 'CallExpression' && value.type !== 'NewExpression') return undefined;
  const path = getMemberPath(value.callee);
  if (!path) return undefined;
  const module = moduleBinding(queues, path[0]);
  const imported = module && (queues.get(module)!.named.get(path[0]) ?? '');
  const member = path.length === 2 ? path[1] : imported;
  switch (module) {
    case 'fastq':
      return value.type === 'CallExpression' && (path.length === 1 || member === 'promise') ? 'fastq' : undefined;
    case 'async':
    case 'async/queue':
      return value.type === 'CallExpression' && (member === 'queue' || member === 'priorityQueue' || (module === 'async/queue' && path.length === 1)) ? 'async.queue' : undefined;
    case 'p-queue':
    case 'queue':
      return value.type === 'NewExpression' && path.length === 1 ? module : undefined;
    case 'better-queue':
      return value.type === 'NewExpression' && path.length === 1 && !hasStore(value.arguments[1]) ? 'better-queue with its default memory store' : undefined;
    default:
      return undefined;
  }
}

/** better-queue keeps jobs in memory unless given a store; options that cannot be read get the benefit of the doubt. */
function hasStore(argument: Node | undefined): boolean {
  const options = argument && unwrapExpression(argument);
  return options !== undefined && (options.type !== 'ObjectExpression' || findProperty(options, 'store') !== undefined || options.properties.some((property) => property.type === 'SpreadElement'));
}

/** `todos.push(req.body)`, `sessions.set(token, user)`; for a queue, `queue.push(job)` whose promise nobody awaits. */
function checkContainerCall(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression, state: State): void {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return;
  const root = memberRoot(callee.object);
  const container = root && state.containers.get(root.name);
  const method = getCalleeProperty(call) ?? '';
  if (!container || !isModuleBinding(call, container)) return;
  if (container.queue) {
    if (root.depth === 0 && QUEUE_WRITES.has(method) && call.parent?.type === 'ExpressionStatement' && enclosingRequestHandler(call)) reportContainer(context, container, state);
    return;
  }
  if (!WRITE_METHODS.has(method)) return;
  const values = method === 'set' ? call.arguments.slice(1) : call.arguments;
  checkWrite(context, call, container, values as Node[], state);
}

/** The variable a member chain starts from, and how many links follow it: `db.users[id]` → `db`, 2. */
function memberRoot(node: Node): { readonly name: string; readonly depth: number } | undefined {
  let depth = 0;
  let current = unwrapExpression(node);
  while (current.type === 'MemberExpression') {
    current = unwrapExpression(current.object);
    depth++;
  }
  return current.type === 'Identifier' ? { name: current.name, depth } : undefined;
}

/** `users[id] = req.body`, `db.todos[id] = todo`, `attempts[ip]++`, `todos = [...todos, req.body]`. */
function checkContainerAssignment(context: FileRuleContext<MessageId>, node: Node, target: Node, value: Node | undefined, state: State): void {
  const root = memberRoot(target);
  const container = root && state.containers.get(root.name);
  if (!container || container.queue || !isModuleBinding(node, container)) return;
  // Replacing the whole value only counts when it is made of request data (`todos = [...todos, req.body]`).
  if (root.depth === 0) {
    const handler = enclosingRequestHandler(node);
    if (handler && value && readsRequestData(value, handler)) reportContainer(context, container, state);
    return;
  }
  checkWrite(context, node, container, value ? [value] : [], state);
}

function checkWrite(context: FileRuleContext<MessageId>, node: Node, container: Container, values: readonly Node[], state: State): void {
  const handler = enclosingRequestHandler(node);
  if (!handler || EPHEMERAL_NAME.test(container.name)) return;
  if (values.some(isConnection)) return;
  if (STATE_NAME.test(container.name) || values.some((value) => readsRequestData(value, handler))) reportContainer(context, container, state);
}

function isConnection(value: Node): boolean {
  const written = unwrapExpression(value);
  return written.type === 'Identifier' && CONNECTION_VALUE.test(written.name);
}

/** The name at `node` is the module-level binding, not a parameter or local of the same name. */
function isModuleBinding(node: Node, container: Container): boolean {
  return !declaredLocally(node, container.name);
}

function reportContainer(context: FileRuleContext<MessageId>, container: Container, state: State): void {
  if (state.reportedContainers.has(container.name)) return;
  state.reportedContainers.add(container.name);
  if (container.queue) context.report({ at: container.declarator, messageId: 'memoryQueue', data: { library: container.kind } });
  else context.report({ at: container.declarator, messageId: 'handlerState', data: { name: container.name, kind: container.kind } });
}

// ---- hand-rolled queues ----

const QUEUE_CLASS = /Queue$/;
const ENQUEUE = new Set(['push', 'unshift']);
const DEQUEUE = new Set(['pop', 'shift']);

/**
 * `class WorkerQueue { constructor() { this.queue = []; } enqueue(job) { this.queue.unshift(job); } pop() { this.queue.pop(); } }`:
 * a queue class of the app's own whose jobs wait in an array of one process.
 */
function checkQueueClass(context: FileRuleContext<MessageId>, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
  const name = node.id?.name;
  if (name && MEMORY_BACKEND_CLASS.test(name)) return checkMemoryBackend(context, node, name);
  if (!name || !QUEUE_CLASS.test(name)) return;
  const arrays = new Map<string, Node>();
  const calls = new Map<string, Set<string>>();
  const waitLists = new Set<string>();
  // `while ((task = this.tasks.shift())) task()`: the items are callbacks this process runs, a scheduler's, not jobs.
  const dequeuedInto = new Map<string, string>();
  const calledNames = new Set<string>();
  walkSubtree(node.body, (child) => {
    const field = emptyArrayField(child);
    if (field) arrays.set(field, child);
    const path = child.type === 'CallExpression' ? getMemberPath(child.callee) : undefined;
    if (path?.length === 3 && path[0] === 'this') (calls.get(path[1]) ?? calls.set(path[1], new Set()).get(path[1])!).add(path[2]);
    if (path?.length === 3 && ENQUEUE.has(path[2]) && child.type === 'CallExpression' && (child.arguments.some(isWaiter) || handsBackResult(child))) waitLists.add(path[1]);
    if (child.type === 'CallExpression' && child.callee.type === 'Identifier') calledNames.add(child.callee.name);
    if (child.type === 'AssignmentExpression' && child.left.type === 'Identifier' && child.right.type === 'CallExpression') {
      const taken = getMemberPath(child.right.callee);
      if (taken?.length === 3 && taken[0] === 'this' && DEQUEUE.has(taken[2])) dequeuedInto.set(taken[1], child.left.name);
    }
    return true;
  });
  for (const [field, init] of arrays) {
    const methods = [...(calls.get(field) ?? [])];
    const runsCallbacks = calledNames.has(dequeuedInto.get(field) ?? '');
    if (!waitLists.has(field) && !runsCallbacks && methods.some((method) => ENQUEUE.has(method)) && methods.some((method) => DEQUEUE.has(method))) {
      context.report({ at: init, messageId: 'memoryQueue', data: { library: `the \`${field}\` array of ${name}` } });
    }
  }
}

/**
 * `queue.push({ executionId, resolve })`: a caller waiting for its turn (a concurrency gate), not a
 * job; the work itself stays with the caller, which a restart ends anyway.
 */
function isWaiter(argument: Node): boolean {
  const value = unwrapExpression(argument);
  if (value.type === 'Identifier') return value.name === 'resolve';
  return value.type === 'ObjectExpression' && findProperty(value, 'resolve') !== undefined;
}

/**
 * `async operate(op) { this.operations.push({ id, op }); this.execute(); return new Promise((resolve) => this.emitter.once(id, resolve)); }`:
 * the method that queues a job returns a promise of its result, so the caller waits for it (azurite's OperationQueue,
 * a concurrency limiter): the work stays with the request, which a restart ends anyway.
 */
function handsBackResult(enqueue: TSESTree.CallExpression): boolean {
  const method = enclosingFunction(enqueue);
  return method !== undefined && method.body?.type === 'BlockStatement' && method.body.body.some((statement) => statement.type === 'ReturnStatement' && statement.argument?.type === 'NewExpression' && getCalleeName(statement.argument) === 'Promise');
}

/** A jobs or queue backend named for process memory: `InMemoryJobsBackend`, `MemoryQueue`. */
const MEMORY_BACKEND_CLASS = /^(?:InMemory|Memory)\w*(?:Queue|Jobs?|JobsBackend|Backend|Broker)$/;

/**
 * Where a memory backend keeps its jobs: the empty array it enqueues into (`this.queue = []`), or,
 * when that is made elsewhere, the first enqueue (`queue.push(envelope)`).
 */
function checkMemoryBackend(context: FileRuleContext<MessageId>, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): void {
  let enqueue: Node | undefined;
  let collection: string | undefined;
  walkSubtree(node.body, (child) => {
    const path = child.type === 'CallExpression' ? getMemberPath(child.callee) : undefined;
    if (path && path.length >= 2 && QUEUE_WRITES.has(path.at(-1)!) && /queue|jobs/i.test(path.at(-2)!)) {
      enqueue = child;
      collection = path.at(-2);
    }
    return enqueue === undefined;
  });
  if (!enqueue) return;
  let store: Node | undefined;
  walkSubtree(node.body, (child) => {
    if (emptyArrayField(child) === collection) store ??= child;
    return store === undefined;
  });
  context.report({ at: store ?? enqueue, messageId: 'memoryQueue', data: { library: `the queues of ${name}` } });
}

/** `this.queue = []` or a class field `queue = []`: the field's name. */
function emptyArrayField(node: Node): string | undefined {
  if (node.type === 'AssignmentExpression' && node.right.type === 'ArrayExpression' && node.right.elements.length === 0) {
    const path = getMemberPath(node.left);
    return path?.length === 2 && path[0] === 'this' ? path[1] : undefined;
  }
  if (node.type === 'PropertyDefinition' && !node.static && node.value?.type === 'ArrayExpression' && node.value.elements.length === 0) return getPropertyName(node.key);
  return undefined;
}

// ---- adapters that default to process memory ----

/** Loaders that fall back to their second argument: parse-server's `loadAdapter(configured, Default, options)`. */
const ADAPTER_LOADER = /^(?:load|get|resolve)\w*Adapter$/;
/** Defaults that keep shared state in one process: an EventEmitter message queue or pub/sub, in-memory stores. Caches are per process by nature. */
const PROCESS_LOCAL_ADAPTER = /^(?:EventEmitter|InMemory|Memory)\w*$|^[A-Z]\w*(?:InMemory|Memory)$/;

/** An adapter class that keeps its state in this process (`EventEmitterMQ`, `InMemoryJobQueueStrategy`); caches are left alone. */
function isMemoryAdapter(name: string): boolean {
  return PROCESS_LOCAL_ADAPTER.test(name) && !/cache/i.test(name);
}

/** Kinds of pluggable strategy a config names: `jobQueueStrategy`, `sessionStore`, `eventBus`. */
const MEMORY_STRATEGY = /(?:Strategy|Queue|Store|Storage|Buffer|Adapter|Broker|Bus)$/;

/**
 * A config object built when the module loads (the framework's defaults): a secret made up there
 * (`cookieOptions: { secret: randomBytes(16).toString('base64url') }`), or a strategy that keeps
 * its state in memory (`jobQueueStrategy: new InMemoryJobQueueStrategy()`).
 */
function checkDefaultConfigProperty(context: FileRuleContext<MessageId>, property: TSESTree.Property, state: State): void {
  const key = getPropertyName(property.key);
  const value = unwrapExpression(property.value as Node);
  // `_.defaults({}, options, { secret: uuid.v4() })`: a made-up secret as the default of an option, wherever the options are merged.
  if (key !== undefined && isSecretVariable(key) && isOptionDefaults(property.parent) && !enclosingRequestHandler(property)) return reportStartupSecret(context, value, 'secret', state);
  // `const secrets = { secretKey: randomBytes(32).toString('hex') }; writeJsonSync(this.secretPath, secrets)`.
  if (insideFunction(property)) return key !== undefined && isSecretVariable(key) ? reportSavedSecret(context, property, value, state) : undefined;
  if (key !== undefined && isSecretVariable(key)) {
    reportStartupSecret(context, value, 'secret', state);
    return;
  }
  const adapter = value.type === 'NewExpression' ? getCalleeName(value)?.split('.').pop() : undefined;
  if (adapter && isMemoryAdapter(adapter) && MEMORY_STRATEGY.test(adapter)) {
    context.report({ at: value, messageId: 'memoryAdapterDefault', data: { adapter } });
  }
}

/**
 * `_.defaults({}, options, { … })`, `Object.assign({}, { … }, options)`: the values the given options
 * override. Not `_.defaults(user, { apiKey: uuid() })`, which fills in a record.
 */
function isOptionDefaults(object: Node): boolean {
  const call = object.parent;
  if (call?.type !== 'CallExpression') return false;
  const index = call.arguments.indexOf(object as TSESTree.ObjectExpression);
  const callee = getCalleeName(call) ?? '';
  if (/(?:^|\.)defaults(?:Deep)?$/.test(callee)) return index >= 2;
  const [target] = call.arguments;
  return callee === 'Object.assign' && target?.type === 'ObjectExpression' && target.properties.length === 0 && index >= 1 && index < call.arguments.length - 1;
}

/** `persistence: { factory: persistence.Memory }`, `cache: require('./default-plugins/local-cache')`: what wakes the default-backend check. */
const DEFAULT_BACKEND_TEXT = /\b(?:persistence|storage|store|cache|backend|broker|pubsub)['"]?\s*:\s*(?:\{\s*factory\s*:\s*)?(?:[\w$.]*\.(?:InMemory|Memory)\w*|require\(\s*['"`][^'"`]*(?:local|memory)[^'"`]*['"`])/i;

/** Settings that choose where a server keeps its data or passes its messages. */
const BACKEND_SETTING = /^(?:persistence|storage|store|cache|backend|broker|pubsub)$/i;
/** A backend by the name of its module: `./default-plugins/local-cache`, `memory-store`. */
const LOCAL_BACKEND_MODULE = /(?:^|[/_-])(?:local|memory|in-?memory)(?:[-_][\w-]*)?$/i;

/**
 * `defopts = { persistence: { factory: persistence.Memory } }`, `cache: require('./default-plugins/local-cache')`
 * among default options, `{ service: 'persistence', defaults: { type: 'memory' } }`: a server whose data or
 * messages stay in this process's memory unless someone configures a shared backend.
 */
function checkDefaultBackend(context: FileRuleContext<MessageId>, property: TSESTree.Property): void {
  const key = getPropertyName(property.key);
  const object = property.parent as TSESTree.ObjectExpression;
  const service = key === 'defaults' ? getStaticString(findProperty(object, 'service')?.value as Node | undefined) : key;
  if (!service || !BACKEND_SETTING.test(service) || (key !== 'defaults' && !amongDefaults(context.source, object))) return;
  const adapter = processLocalBackend(unwrapExpression(property.value as Node));
  if (adapter) context.report({ at: property, messageId: 'memoryAdapterDefault', data: { adapter } });
}

/** A setting that chooses where sessions, jobs or messages are kept: `sessionDriver`, `queueAdapter`, `sessionStore`, a `pubsub`. */
const SHARED_STATE_SETTING = /^(?:sessions?|queue|jobs?|messages?|broker|bus|pubsub|events?)[_-]?(?:driver|store|storage|adapter|backend|engine)$|^(?:pub_?sub|(?:event|message)_?bus|broker)$/i;
/** Classes named for keeping things in memory: `MemoryStore`, `InMemoryBus`, `MemPubSub`. */
const MEMORY_CLASS = /Memory|^Mem(?=[A-Z])/;
const MEMORY_KIND = /^(?:memory|in-?memory|mem)$/i;

/**
 * `const sessionDriver = (session && session.driver) || 'memory'`, `constructor({ sessionStore = createMemorySessionStore() })`:
 * the store sessions, jobs or messages fall back to when nothing is configured keeps them in this process.
 */
function checkMemoryStoreDefault(context: FileRuleContext<MessageId>, name: string, value: Node): void {
  if (!SHARED_STATE_SETTING.test(name)) return;
  const unwrapped = unwrapExpression(value);
  const given = fallbackOf(unwrapped);
  const fallback = given ? unwrapExpression(given) : unwrapped.parent?.type === 'AssignmentPattern' ? unwrapped : undefined;
  const kind = fallback && getStaticString(fallback);
  const made = fallback && (fallback.type === 'CallExpression' || fallback.type === 'NewExpression') ? getMemberPath(fallback.callee)?.at(-1) : undefined;
  const adapter = kind !== undefined && MEMORY_KIND.test(kind) ? kind : made !== undefined && MEMORY_CLASS.test(made) && !/Cache/.test(made) ? made : undefined;
  if (adapter) context.report({ at: fallback!, messageId: 'memoryAdapterDefault', data: { adapter } });
}

/** Options naming the store a server keeps its documents or files in: `store`, `blobStorage`, `persistence`; caches are per process by nature. */
const STORE_OPTION = /^(?:store|storage|persistence|backend|\w+(?:Store|Storage))$/;

function isStoreOption(name: string | undefined): name is string {
  return name !== undefined && STORE_OPTION.test(name) && !/cache/i.test(name);
}

/**
 * `this.options.store = this.options.store || { provider: 'memory' }` (jsreport): when nothing is configured,
 * the server's store is this process's memory.
 */
function checkOptionStoreFallback(context: FileRuleContext<MessageId>, assignment: TSESTree.AssignmentExpression): void {
  const option = getMemberPath(assignment.left)?.at(-1);
  const value = unwrapExpression(assignment.right);
  const fallback = fallbackOf(value);
  if (!isStoreOption(option) || !fallback || value.type !== 'LogicalExpression') return;
  if (context.source.getText(value.left) !== context.source.getText(assignment.left)) return;
  const fallbackValue = unwrapExpression(fallback);
  const kind = fallbackValue.type === 'ObjectExpression' ? getStaticString(findProperty(fallbackValue, 'provider')?.value as Node | undefined) : getStaticString(fallbackValue);
  if (kind !== undefined && MEMORY_KIND.test(kind)) context.report({ at: fallback, messageId: 'memoryAdapterDefault', data: { adapter: kind } });
}

/**
 * The branch taken when no store is configured, when it sets one up in memory:
 * `if (!options.blobStorage.provider || options.blobStorage.provider === 'memory') register(require('./inMemoryBlobStorageProvider')(…))`
 * (jsreport), `if (!this._config.storage) this.storage = new MemoryStorage()` (Botkit).
 */
function checkUnsetOrMemoryBranch(context: FileRuleContext<MessageId>, branch: TSESTree.IfStatement): void {
  const test = unwrapExpression(branch.test);
  if (test.type === 'LogicalExpression' && test.operator === '||') {
    const kind = unsetOrMemoryKind(context.source, test);
    if (kind) context.report({ at: test, messageId: 'memoryAdapterDefault', data: { adapter: kind } });
    return;
  }
  const option = test.type === 'UnaryExpression' && test.operator === '!' ? getMemberPath(test.argument)?.at(-1) : undefined;
  if (!isStoreOption(option)) return;
  const statements = branch.consequent.type === 'BlockStatement' ? branch.consequent.body : [branch.consequent];
  for (const statement of statements) {
    const made = statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression' ? unwrapExpression(statement.expression.right) : undefined;
    const adapter = made && memoryBackendCreated(made);
    if (adapter && MEMORY_STRATEGY.test(adapter)) context.report({ at: made!, messageId: 'memoryAdapterDefault', data: { adapter } });
  }
}

/** `!provider || provider === 'memory'`: the kind of memory store a setting left unset stands for. */
function unsetOrMemoryKind(source: SourceCode, test: TSESTree.LogicalExpression): string | undefined {
  const [unset, memory] = test.left.type === 'UnaryExpression' ? [test.left, test.right] : [test.right, test.left];
  if (unset.type !== 'UnaryExpression' || unset.operator !== '!' || memory.type !== 'BinaryExpression' || !/^==?=$/.test(memory.operator)) return undefined;
  const literalOnRight = getStaticString(memory.right as Node) !== undefined;
  const kind = getStaticString((literalOnRight ? memory.right : memory.left) as Node);
  const compared = source.getText(literalOnRight ? memory.left : memory.right);
  return kind !== undefined && MEMORY_KIND.test(kind) && compared === source.getText(unset.argument) ? kind : undefined;
}

/** `persistence.Memory`, `{ factory: persistence.Memory }`, `{ type: 'memory' }`, `require('./default-plugins/local-cache')`. */
function processLocalBackend(value: Node): string | undefined {
  const member = value.type === 'MemberExpression' ? getMemberName(value) : undefined;
  if (member && PROCESS_LOCAL_ADAPTER.test(member)) return getMemberPath(value)?.join('.') ?? member;
  const module = requiredSpecifier(value);
  if (module?.startsWith('.') && LOCAL_BACKEND_MODULE.test(module.replace(/\.[cm]?js$/, ''))) return `require('${module}')`;
  if (value.type !== 'ObjectExpression') return undefined;
  const factory = findProperty(value, 'factory')?.value;
  if (factory && factory.type === 'MemberExpression') return processLocalBackend(factory);
  const kind = getStaticString(findProperty(value, 'type')?.value as Node | undefined);
  return kind !== undefined && /^(?:memory|in-?memory)$/i.test(kind) ? `type: '${kind}'` : undefined;
}

/** Factories of a pluggable backend: `createStorage()`, `getQueue()`, `buildStore()`. */
const BACKEND_FACTORY = /^(?:create|make|build|get|init|setup)\w*(?:Storage|Store|Queue|Backend|Adapter|Strategy|Bus|Broker|Messenger|PubSub)$/;
/** What a memory backend a factory falls back to is for, wherever its name says it (`MemoryStorage`, `MessengerMemory`). */
const FACTORY_BACKEND_KIND = /Strategy|Queue|Store|Storage|Buffer|Adapter|Broker|Bus|Messenger|PubSub/;

/**
 * `createStorage() { if (config.mailDirectory) return new FileStorage(…); return new MemoryStorage(…); }`:
 * the factory's last word, when nothing was configured, is a backend in this process's memory.
 */
function checkFactoryFallback(context: FileRuleContext<MessageId>, statement: TSESTree.ReturnStatement): void {
  const created = statement.argument && unwrapAwait(statement.argument);
  const adapter = created && memoryBackendCreated(created);
  if (!adapter || !FACTORY_BACKEND_KIND.test(adapter)) return;
  const factory = enclosingFunction(statement);
  const body = factory?.body.type === 'BlockStatement' ? factory.body.body : [];
  if (isBackendFactory(factory) && body.at(-1) === statement && body.some((item) => item.type === 'IfStatement')) {
    context.report({ at: created!, messageId: 'memoryAdapterDefault', data: { adapter } });
  }
}

/** `webhooksMap = new Map()`: a class's registry of webhooks, by its name. */
const WEBHOOK_REGISTRY = /^webhooks?(?:Map|ById|Registry|Index)?$/i;

/**
 * `webhooksMap = new Map()` (a field, or set in the constructor) in a class whose methods add to or remove from it
 * at run time (`this.webhooksMap.set(…)`): the webhooks an admin changes on one instance, which the others never learn about.
 */
function checkWebhookRegistry(context: FileRuleContext<MessageId>, at: Node, name: string | undefined, initial: Node | null | undefined, body: TSESTree.ClassBody): void {
  const value = initial && unwrapExpression(initial);
  if (!name || !WEBHOOK_REGISTRY.test(name) || value?.type !== 'NewExpression' || getMemberPath(value.callee)?.join('.') !== 'Map') return;
  const change = registryChange(body, name);
  if (change) context.report({ at, messageId: 'memoryWebhooks', data: { change } });
}

/** The first `this.<field>.set(…)`/`.delete(…)` in a method of the class other than its constructor. */
function registryChange(body: TSESTree.ClassBody, field: string): string | undefined {
  for (const member of body.body) {
    if (member.type !== 'MethodDefinition' || member.kind === 'constructor') continue;
    let found: string | undefined;
    walkSubtree(member, (node) => {
      const path = node.type === 'CallExpression' ? getMemberPath(node.callee) : undefined;
      if (path?.length === 3 && path[0] === 'this' && path[1] === field && (path[2] === 'set' || path[2] === 'delete')) found = `${path.join('.')}()`;
      return found === undefined;
    });
    if (found) return found;
  }
  return undefined;
}

/**
 * `if (env.MESSENGER_STORE === 'redis') messenger = new MessengerRedis(); else messenger = new MessengerMemory();`
 * in a factory, or wherever the other branch makes the shared twin: `if (redisConfigAvailable()) bus =
 * createBus({ type: 'redis' }); else bus = createBus({ type: 'local' });`.
 */
function checkFactoryElse(context: FileRuleContext<MessageId>, created: TSESTree.NewExpression | TSESTree.CallExpression): void {
  const adapter = created.type === 'NewExpression' ? memoryBackendCreated(created) : (localVariantCreated(created) ?? memoryModuleLoaded(created));
  const assignment = created.parent;
  if (!adapter || assignment?.type !== 'AssignmentExpression' || assignment.right !== created || assignment.parent.type !== 'ExpressionStatement') return;
  const statement = assignment.parent;
  // `else { logger.info('Memory registry selected'); registry = require('./inMemoryDeviceRegistry'); }`: log lines beside the choice.
  const branch = statement.parent.type === 'BlockStatement' ? statement.parent : statement;
  const choice = branch.parent?.type === 'IfStatement' && branch.parent.alternate === branch ? branch.parent : undefined;
  if (!choice) return;
  const namedFactory = created.type === 'NewExpression' && FACTORY_BACKEND_KIND.test(adapter) && isBackendFactory(enclosingFunction(created));
  if (namedFactory || SHARED_SERVICE.test(context.source.getText(choice.consequent))) context.report({ at: created, messageId: 'memoryAdapterDefault', data: { adapter } });
}

/** Words of a backing service that instances share, in the branch that makes the shared twin of a memory backend. */
const SHARED_SERVICE = /redis|mongo|postgres|mysql|memcache|nats|kafka|amqp|rabbit|dynamo|etcd/i;
/** `nodeEmitter()`, `localStore()`, `createMemoryBus()`: a factory named for its in-process variant. */
const LOCAL_TWIN = /^(?:node|local|memory|inMemory|inProcess)[A-Z]\w*$|^create(?:Local|Memory|InMemory|InProcess)[A-Z]\w*$/;

/**
 * `emitter = redisClient ? redisEmitter(redisClient, scope) : nodeEmitter()`: the shared backing service when one is
 * configured, its in-process twin otherwise. Reported at the twin.
 */
function checkConditionalLocalTwin(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const choice = call.parent;
  const name = getCalleeName(call)?.split('.').pop() ?? '';
  if (choice?.type !== 'ConditionalExpression' || choice.alternate !== call || !LOCAL_TWIN.test(name)) return;
  const shared = unwrapExpression(choice.consequent);
  if (shared.type === 'CallExpression' && SHARED_SERVICE.test(getCalleeName(shared) ?? '') && !inDevelopmentOnlyBranch(context.source, call)) {
    context.report({ at: call, messageId: 'memoryAdapterDefault', data: { adapter: `${name}()` } });
  }
}
const LOCAL_VARIANT = /^(?:local|memory|in-?memory)$/i;

/** The name of the memory backend a `new` makes, if it is one. */
function memoryBackendCreated(created: Node): string | undefined {
  const adapter = created.type === 'NewExpression' ? getMemberPath(created.callee)?.at(-1) : undefined;
  return adapter && isMemoryAdapter(adapter) ? adapter : undefined;
}

/** `createKv({ type: 'local' })`: a factory asked for its in-process variant, named by that call and option alone. */
function localVariantCreated(call: TSESTree.CallExpression): string | undefined {
  const [options] = call.arguments;
  const factory = getCalleeName(call);
  if (options?.type !== 'ObjectExpression' || !factory || /cache/i.test(factory)) return undefined;
  for (const key of ['type', 'driver', 'store']) {
    const kind = getStaticString(findProperty(options, key)?.value as Node | undefined);
    if (kind !== undefined) return LOCAL_VARIANT.test(kind) ? `${factory}({ ${key}: '${kind}' })` : undefined;
  }
  return undefined;
}

/** `require('./services/server/inMemoryDeviceRegistry')`: a module of the package's own named for keeping its data in memory. */
function memoryModuleLoaded(call: TSESTree.CallExpression): string | undefined {
  const module = requiredSpecifier(call);
  const file = module?.startsWith('.') ? module.split('/').pop()!.replace(/\.[cm]?js$/, '') : undefined;
  return file !== undefined && /^(?:in-?memory|memory)[-_]?[A-Za-z]\w*$/i.test(file) && !/cache/i.test(file) ? `require('${module}')` : undefined;
}

function isBackendFactory(factory: ReturnType<typeof enclosingFunction>): boolean {
  const name = factory && functionName(factory);
  return name !== undefined && BACKEND_FACTORY.test(name);
}

/** `loadAdapter(config.messageQueueAdapter, EventEmitterMQ, config)`. */
function checkAdapterDefault(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  if (!ADAPTER_LOADER.test(getMemberPath(call.callee)?.at(-1) ?? '') || !call.arguments[1]) return;
  const adapter = getMemberPath(call.arguments[1])?.at(-1);
  if (adapter && isMemoryAdapter(adapter)) context.report({ at: call, messageId: 'memoryAdapterDefault', data: { adapter } });
}

const CLUSTER_WORKER_TEST = /\bcluster\b|\bis(?:Worker|Master|Primary)\b|process\.send\b/;

/** `io`, `this.io`, `socketServer`, `ioServer`: a socket.io server by its name. */
const SOCKET_SERVER_NAME = /^(?:io|\w*[sS]ocket\w*|io[A-Z]\w*)$/;

/**
 * `if (nconf.get('redis')) { io.adapter(redisAdapter({ pubClient, subClient })); }` with no other adapter:
 * socket.io keeps its default in-memory adapter unless a shared one is configured, so broadcasts
 * reach only the clients of this process. Reported at the condition that decides it.
 */
function checkConditionalSocketAdapter(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression, packages: ReadonlyMap<string, string>): void {
  if (getCalleeProperty(call) !== 'adapter' || call.callee.type !== 'MemberExpression' || call.arguments.length !== 1 || ![...packages.values()].includes('socket.io')) return;
  if (!SOCKET_SERVER_NAME.test(getMemberPath(call.callee.object)?.at(-1) ?? '')) return;
  for (let child: Node = call, parent: Node | undefined = call.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type !== 'IfStatement') continue;
    // `else if (isCluster) winston.warn(…)`: the other branches set no adapter either.
    const otherwise = parent.alternate ? context.source.getText(parent.alternate) : '';
    // `if (process.send && !cluster.isMaster)`: the cluster adapter joins the workers of one machine; alone, a process needs none.
    const forClusterWorkers = CLUSTER_WORKER_TEST.test(context.source.getText(parent.test));
    if (parent.consequent === child && !forClusterWorkers && !/\.adapter\s*\(/.test(otherwise) && !inDevelopmentOnlyBranch(context.source, call)) context.report({ at: parent.test, messageId: 'memoryAdapterDefault', data: { adapter: "socket.io's in-memory adapter" } });
    return;
  }
}

/**
 * `Messaging.notifyQueue = {}` and `setTimeout(() => { send(…); delete Messaging.notifyQueue[key]; }, 60000)`:
 * work the module holds in its own queue object until a timer sends it.
 */
function checkTimedQueue(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const callback = getCalleeName(call) === 'setTimeout' ? call.arguments[0] : undefined;
  if (!callback || !isFunctionNode(callback)) return;
  let queue: string | undefined;
  walkSubtree(callback.body, (node) => {
    if (node.type === 'UnaryExpression' && node.operator === 'delete' && node.argument.type === 'MemberExpression') queue ??= getMemberPath(node.argument.object)?.join('.');
    return queue === undefined;
  });
  if (!queue || !/Queue$/.test(queue)) return;
  const created = new RegExp(`(?:^|[^\\w.])${queue.replace(/\./g, '\\.')}\\s*=\\s*(?:\\{\\s*\\}|new Map\\b)`, 'm');
  if (created.test(context.source.text)) context.report({ at: call, messageId: 'memoryQueue', data: { library: `\`${queue}\`, sent later by a timer` } });
}

/**
 * `publish(event, data) { if (this.pubClient) this.pubClient.publish(channel, …); else this.emit(event, data); }`:
 * with no broker configured, what is published for every process is emitted inside this one.
 */
function checkLocalPublishFallback(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  if (getCalleeProperty(call) !== 'emit') return;
  const fn = enclosingFunction(call);
  if (!fn || assignedFunctionName(fn) !== 'publish') return;
  for (let child: Node = call, parent: Node | undefined = call.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (parent.type !== 'IfStatement') continue;
    const otherBranch = parent.consequent === child ? parent.alternate : parent.consequent;
    if (otherBranch && /\.publish\s*\(/.test(context.source.getText(otherBranch))) context.report({ at: call, messageId: 'memoryAdapterDefault', data: { adapter: 'an in-process event emitter' } });
    return;
  }
}

/** Packages that imitate a backing service in process memory, for tests: in the running app they hold real data. */
const MEMORY_STAND_INS = new Set(['ioredis-mock', 'redis-mock', 'fakeredis', 'pg-mem']);

/**
 * `new RedisMock()` from ioredis-mock, also chosen by a setting (`const Redis = require(emulate ?
 * 'ioredis-mock' : 'ioredis')`): unless only development code makes it.
 */
function checkStandIn(context: FileRuleContext<MessageId>, created: TSESTree.NewExpression, packages: ReadonlyMap<string, string>): void {
  const local = moduleLocal(created.callee);
  const standIn = local && [packages.get(local.name), ...requiredAlternatives(context.source, local)].find((name) => name !== undefined && MEMORY_STAND_INS.has(name));
  const module = standIn ?? memoryPubSub(created.callee, packages);
  if (module && !inDevelopmentOnlyBranch(context.source, created)) context.report({ at: created, messageId: 'memoryStandIn', data: { module } });
}

/** Packages whose `PubSub` is graphql-subscriptions' in-process one, which its docs say is not for production. */
const PUBSUB_MODULE = /^(?:graphql-subscriptions|apollo-server(?:-[\w-]+)?)$/;

/** `new PubSub()` with `const { PubSub } = require('apollo-server')`, or `new graphqlSubscriptions.PubSub()`: subscriptions in this process. */
function memoryPubSub(callee: Node, packages: ReadonlyMap<string, string>): string | undefined {
  const path = getMemberPath(callee);
  if (path?.at(-1) !== 'PubSub' || path.length > 2) return undefined;
  const module = packages.get(path[0]);
  return module !== undefined && PUBSUB_MODULE.test(module) ? `PubSub of ${module}` : undefined;
}

/** `require(emulate ? 'ioredis-mock' : 'ioredis')` held in a `const`: the modules either branch loads. */
function requiredAlternatives(source: SourceCode, local: TSESTree.Identifier): string[] {
  const held = source.constInitializer(local, local.name);
  const call = held && unwrapExpression(held);
  if (call?.type !== 'CallExpression' || getCalleeName(call) !== 'require' || call.arguments[0]?.type !== 'ConditionalExpression') return [];
  const choice = call.arguments[0];
  return [choice.consequent, choice.alternate].flatMap((branch) => getStaticString(branch) ?? []);
}

// ---- rate limiting in the default memory store ----

/** `rateLimit({ windowMs, max })` with no `store`; `fastify.register(rateLimit, { max })` with no `redis`; koa-ratelimit's `driver: 'memory'`. */
function checkRateLimitCall(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression, bindings: Bindings, state: State): void {
  const path = getMemberPath(call.callee);
  // `rateLimit(…)`, or a named export through the module: `RateLimit.rateLimit(…)`, compiled `(0, express_rate_limit_1.rateLimit)(…)`;
  // express-rate-limit's older releases documented `new RateLimit(…)`.
  const isLimiter = path?.length === 1 || (path?.length === 2 && /^(?:rateLimit|slowDown|default)$/.test(path[1]));
  const module = isLimiter ? moduleBinding(bindings.rateLimits, path![0]) : undefined;
  if (module === 'koa-ratelimit') return checkLimiterOptions(context, call, call.arguments[0], 'explicitMemory');
  if (module === 'express-rate-limit' || module === 'express-slow-down') return checkLimiterOptions(context, call, call.arguments[0], 'store');
  if (call.type === 'NewExpression') return;
  const wrapper = wrappedLimiterModule(path, bindings);
  if (wrapper) return checkWrappedLimiter(context, call, wrapper, state);
  if (getCalleeProperty(call) !== 'register' || !call.arguments[0]) return;
  const plugin = unwrapAwait(call.arguments[0]);
  const specifier = plugin.type === 'ImportExpression' ? getStaticString(plugin.source) : plugin.type === 'CallExpression' ? getStaticString(plugin.arguments[0]) : undefined;
  const registered = plugin.type === 'Identifier' ? moduleBinding(bindings.rateLimits, plugin.name) : specifier;
  if (registered === '@fastify/rate-limit' || registered === 'fastify-rate-limit') checkLimiterOptions(context, call, call.arguments[1], 'redis');
}

/** `(0, _verdaccio_middleware.rateLimit)(…)`, `rateLimit(…)` imported by that name: another package's `rateLimit` export. */
function wrappedLimiterModule(path: readonly string[] | undefined, bindings: Bindings): string | undefined {
  if (!path || path.at(-1) !== 'rateLimit' || path.length > 2) return undefined;
  const module = bindings.packages.get(path[0]);
  return module !== undefined && !module.startsWith('.') && !module.startsWith('node:') && !RATE_LIMIT_MODULES.includes(module) ? module : undefined;
}

/**
 * A package's own `rateLimit` middleware (`@verdaccio/middleware` wraps express-rate-limit): given
 * options that name no store (from config data, which cannot hold one), it counts in process memory.
 * Reported once per file: the routes that use it share the fix.
 */
function checkWrappedLimiter(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression, module: string, state: State): void {
  const options = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if ((options?.type === 'ObjectExpression' && findProperty(options, 'store')) || state.reportedLimiterModules.has(module)) return;
  state.reportedLimiterModules.add(module);
  context.report({ at: call, messageId: 'memoryRateLimit', data: { library: `\`rateLimit\` of ${module}, given no store` } });
}

function moduleBinding(modules: ReadonlyMap<string, ModuleBindings>, name: string): string | undefined {
  return [...modules].find(([, bindings]) => bindings.namespaces.has(name) || bindings.named.has(name))?.[0];
}

/**
 * Reports a limiter whose options give it no shared store: no `store`/`redis` option, or, for
 * koa-ratelimit (which defaults to Redis), an explicit `driver: 'memory'`. Options it cannot read are trusted.
 */
function checkLimiterOptions(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression, argument: Node | undefined, store: 'store' | 'redis' | 'explicitMemory'): void {
  // `const rateLimitOptions = { max, windowMs }`, given a store later on every path or never.
  if (argument?.type === 'Identifier' && howAssigned(context.source, `${argument.name}.${store === 'explicitMemory' ? 'driver' : store}`) === 'always') return;
  const options = argument && resolveConst(context.source, argument);
  if (options && (options.type !== 'ObjectExpression' || options.properties.some((property) => property.type === 'SpreadElement'))) return;
  if (store === 'explicitMemory') {
    if (!options || getStaticString(findProperty(options, 'driver')?.value as Node | undefined) !== 'memory') return;
  } else if (options) {
    const given = findProperty(options, 'store') ?? findProperty(options, store);
    // `store: redisStore.store`, set only `if (route.redisUrl)`: memory unless someone configures Redis.
    const givenPath = given && getMemberPath(given.value as Node)?.join('.');
    if (givenPath && howAssigned(context.source, givenPath) === 'conditionally') return context.report({ at: given, messageId: 'memoryRateLimit', data: { library: 'the default memory store, unless a store is configured' } });
    if (given) return;
  }
  context.report({ at: call, messageId: 'memoryRateLimit', data: { library: 'the default memory store' } });
}

/** Counters of failed logins: `failedAttempts`, `loginAttempts`, and plain `attempts` in code about authentication. */
const ATTEMPT_COUNTER = /^_?(?:failed|login|signin|auth)\w*attempts?$|^_?(?:lockouts|failedLogins|loginFailures)$|^_?(?:bad|invalid)Logins?(?:Table|Map|Counts?|Counters?)?$/i;
const AUTH_CONTEXT = /auth|login|signin|security|session/i;

/**
 * `static failedAttempts = new Map()`, `this.attempts = {}` in an authenticator's constructor: a
 * lockout kept in this process. Another instance lets the attacker try again, a restart forgives everyone.
 */
function checkAttemptCounter(context: FileRuleContext<MessageId>, at: Node, name: string | undefined, value: Node): void {
  if (name && ATTEMPT_LIMITER.test(name) && isOwnLimiterWithoutStore(context.source, value)) {
    return context.report({ at, messageId: 'memoryRateLimit', data: { library: `\`${getCalleeName(value as TSESTree.CallExpression)}()\` with no store given: the app's default store, memory unless configured` } });
  }
  if (!name || !isEmptyContainer(value)) return;
  const className = enclosingClassName(at);
  const named = ATTEMPT_COUNTER.test(name) || (/^_?attempts$/i.test(name) && (AUTH_CONTEXT.test(context.source.path) || AUTH_CONTEXT.test(className ?? '')));
  if (named || (LIMITER_CLASS.test(className ?? '') && isInConstructor(at) && countsInto(enclosingClass(at)!, name))) {
    context.report({ at, messageId: 'memoryRateLimit', data: { library: `\`${name}\`, a container in this process` } });
  }
}

/** A rate limiter of the app's own, by the name of its file or of the function that makes it: `lib/rate-limit.js`, `function RateLimiter(options)`. */
const LIMITER_NAME = /rate[-_.]?limit|throttl/i;
/**
 * Tables of who asked (`clients`, `accessedHosts`, `hitsByIp`), not of what happened: a telemetry limiter's
 * `eventCache` or a one-second `frame` only thins out the limiter's own traffic.
 */
const LIMITER_TABLE_NAME = /client|host|ip(?:s|Address)?\b|ip[A-Z_]|address|user|visitor|origin|requester|caller|hits|counts?\b|counters|buckets|quota/i;

/**
 * `this.clients = {}` in `function RateLimiter(options)`, `var accessedHosts = Object.create(null)` in `lib/rate-limit.js`:
 * a table the limiter fills by client (`this.clients[name] = client`, `accessedHosts[host] = count`) in this process.
 */
function checkLimiterTable(context: FileRuleContext<MessageId>, at: Node, name: string, value: Node): void {
  if (!LIMITER_TABLE_NAME.test(name) || (!isEmptyContainer(value) && !isBareObject(value))) return;
  const maker = enclosingFunction(at);
  if (!LIMITER_NAME.test(basename(context.source.path)) && !LIMITER_NAME.test((maker && functionName(maker)) ?? '')) return;
  const escaped = name.replace(/\$/g, '\\$');
  if (new RegExp(`\\b${escaped}\\s*\\[[^\\]\\n]+\\]\\s*=(?!=)|\\b${escaped}\\.set\\(`).test(context.source.text)) {
    context.report({ at, messageId: 'memoryRateLimit', data: { library: `\`${name}\`, a container in this process` } });
  }
}

/** `Object.create(null)`: an object with no prototype, made to be a table. */
function isBareObject(value: Node): boolean {
  const expression = unwrapExpression(value);
  return expression.type === 'CallExpression' && getCalleeName(expression) === 'Object.create' && expression.arguments[0]?.type === 'Literal' && expression.arguments[0].value === null;
}

/** `indexQueue`, `writeLocks`, `storageMutex`: what serializes writes to the app's data. */
const DATA_LOCK = /^_?(?:index|write|file|store|storage|db|data)\w*?(?:Queue|Locks?|Mutex(?:es)?)$/i;

/**
 * `indexQueue = Promise.resolve()` chained before each read-modify-write, `const writeLocks = new Map()` of such
 * chains per file: a lock that holds only inside this process, so a second instance writes at the same time.
 */
function checkDataLock(context: FileRuleContext<MessageId>, at: Node, name: string | undefined, value: Node): void {
  if (!name || !DATA_LOCK.test(name)) return;
  const init = unwrapExpression(value);
  const promiseChain = init.type === 'CallExpression' && getCalleeName(init) === 'Promise.resolve' && init.arguments.length === 0;
  if (promiseChain || (init.type === 'NewExpression' && getCalleeName(init) === 'Map' && init.arguments.length === 0)) {
    context.report({ at, messageId: 'inProcessLock', data: { name } });
  }
}

/** `loginAttemptsLimiter`, `failedLoginLimiter`: a limiter that counts failed logins to lock accounts. */
const ATTEMPT_LIMITER = /^_?(?:failed|login|signin|auth)\w*(?:attempts?|failures?|Logins?)\w*Limiter$/i;

/**
 * `createRateLimiter('RATE_LIMITER', { duration: 0 })`: the app's own limiter factory (a relative import),
 * given a config prefix and options that name no store, so it counts wherever the default store does.
 */
function isOwnLimiterWithoutStore(source: SourceCode, value: Node): boolean {
  const call = unwrapExpression(value);
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || !/^create\w*(?:RateLimiter|Limiter)$/.test(call.callee.name)) return false;
  const options = call.arguments.find((argument) => argument.type === 'ObjectExpression');
  return (modulesByLocalName(source.ast).get(call.callee.name) ?? '').startsWith('.') && !(options && findProperty(options, 'store'));
}

/** A rate limiter of the app's own: `class RateLimiter`, `LoginThrottle`. */
const LIMITER_CLASS = /RateLimit(?:er)?$|Throttl(?:e|er)$/;

/** `this.frame[id] = (this.frame[id] || 0) + 1`, `this.hits[ip]++`, `this.hits.set(ip, count + 1)`: the class counts into the field. */
function countsInto(owner: Node, field: string): boolean {
  let counts = false;
  walkSubtree(owner, (node) => {
    const target = node.type === 'UpdateExpression' ? node.argument : node.type === 'AssignmentExpression' && (node.operator === '+=' || isIncrement(node.right)) ? node.left : undefined;
    const setCall = node.type === 'CallExpression' && getCalleeProperty(node) === 'set' && node.arguments[1] !== undefined && isIncrement(node.arguments[1]);
    const path = target?.type === 'MemberExpression' ? getMemberPath(target.object) : setCall && node.callee.type === 'MemberExpression' ? getMemberPath(node.callee.object) : undefined;
    counts ||= path?.length === 2 && path[0] === 'this' && path[1] === field;
    return !counts;
  });
  return counts;
}

function isIncrement(value: Node): boolean {
  const expression = unwrapExpression(value);
  return expression.type === 'BinaryExpression' && expression.operator === '+' && expression.right.type === 'Literal' && expression.right.value === 1;
}

function isEmptyContainer(value: Node): boolean {
  const expression = unwrapExpression(value);
  if (expression.type === 'ObjectExpression') return expression.properties.length === 0;
  // `var loginAttempts = []`, filled with `{ time, user }` entries and filtered by a time window.
  if (expression.type === 'ArrayExpression') return expression.elements.length === 0;
  return expression.type === 'NewExpression' && expression.callee.type === 'Identifier' && /^(?:Map|Set)$/.test(expression.callee.name) && expression.arguments.length === 0;
}

function isInConstructor(node: Node): boolean {
  const method = enclosingFunction(node)?.parent;
  return method?.type === 'MethodDefinition' && method.kind === 'constructor';
}

/** A client's address as a key: `[req.ip]`, `[$.ip]`, `[ip]`, or `var key = $.ip` before it is used. */
const ADDRESS_KEY_TEXT = /\[\s*(?:[\w$]+\.)?(?:ip|remoteAddress|clientIp)\s*\]|=\s*[\w$]+\.(?:ip|remoteAddress)\s*;/;
const ADDRESS_NAME = /^(?:ip|clientIp|remoteIp|ipAddress|remoteAddress)$/;
const LIMIT_COMPARISON = new Set(['>', '>=', '<', '<=']);

/**
 * `if (F.temporary.ddos[ip] > CONF.allow_reqlimit)`, `opt.blocked[$.ip] > opt.ddos`, `item.count > limit` after
 * `var item = BLOCKEDB[$.ip]`: a limit checked against counts per client address that the code increments in an
 * object outliving the request (Total.js' request and login limits).
 */
function checkAddressCountLimit(context: FileRuleContext<MessageId>, comparison: TSESTree.BinaryExpression): void {
  if (!LIMIT_COMPARISON.has(comparison.operator)) return;
  const counted = unwrapExpression(comparison.left as Node);
  // `item.count > limit`: the entry read into a variable first (and set to a new entry when missing: `item = BLOCKEDB[key] = {}`).
  const holder = counted.type === 'MemberExpression' && !counted.computed && counted.object.type === 'Identifier' ? counted.object : undefined;
  const entry = holder ? (initializerOf(context.source, holder) ?? holder) : counted;
  const table = addressTable(context.source, entry);
  if (!table) return;
  const tableText = context.source.getText(table);
  // `this._ips[ip] >= limit` counted up as `self._ips[ip]++` in a callback: `this` under the names code keeps it in.
  const tablePattern = /^this\./.test(tableText) ? `\\b(?:this|self|that|_this|me)${escapeRegExp(tableText.slice(4))}` : escapeRegExp(tableText);
  const incremented = holder ? `\\b${escapeRegExp(holder.name)}\\.\\w+` : tablePattern + '\\[[^\\]\\n]+\\]';
  if (!new RegExp(`${incremented}\\s*(?:\\+\\+|\\+=)`).test(context.source.text)) return;
  context.report({ at: comparison, messageId: 'memoryRateLimit', data: { library: `\`${tableText}\`, counts per client address in this process` } });
}

/** The table of `BLOCKEDB[key]` when the key is a client's address and the table is not the function's own. */
function addressTable(source: SourceCode, entry: Node): Node | undefined {
  if (entry.type !== 'MemberExpression' || !entry.computed || !isAddressKey(source, entry.property)) return undefined;
  const table = unwrapExpression(entry.object);
  if (table.type === 'Identifier' && declaredLocally(entry, table.name)) return undefined;
  return table.type === 'Identifier' || table.type === 'MemberExpression' ? table : undefined;
}

function isAddressKey(source: SourceCode, key: Node): boolean {
  const value = key.type === 'Identifier' ? (initializerOf(source, key) ?? key) : key;
  const name = value.type === 'Identifier' ? value.name : value.type === 'MemberExpression' ? getMemberName(value) : undefined;
  return name !== undefined && ADDRESS_NAME.test(name);
}

/** Rate limiters named for keeping their counts in memory: rate-limiter-flexible's `RateLimiterMemory`, xrpc-server's `MemoryRateLimiter`. */
const MEMORY_RATE_LIMITER = /(?:^|\.)(?:RateLimiterMemory|(?:In)?Memory\w*RateLimiter)$/;

/** `new RateLimiterMemory(…)` (unless it is the insurance of a shared limiter), `new ExpressBrute.MemoryStore()`. */
function checkMemoryLimiter(context: FileRuleContext<MessageId>, node: TSESTree.NewExpression): void {
  const name = getCalleeName(node) ?? '';
  if (MEMORY_RATE_LIMITER.test(name)) {
    const parent = node.parent;
    if (parent?.type === 'Property' && getPropertyName(parent.key) === 'insuranceLimiter') return;
    context.report({ at: node, messageId: 'memoryRateLimit', data: { library: name.split('.').pop()! } });
  } else if (/(?:^|\.)ExpressBrute\.MemoryStore$/.test(name)) {
    context.report({ at: node, messageId: 'memoryRateLimit', data: { library: 'ExpressBrute.MemoryStore' } });
  }
}

// ---- secrets generated at startup ----

/** `const SESSION_SECRET = process.env.SESSION_SECRET || crypto.randomBytes(32).toString('hex')` at the top level. */
function checkSecretDeclarator(context: FileRuleContext<MessageId>, declarator: TSESTree.VariableDeclarator, state: State): void {
  if (!declarator.init) return;
  const names = boundNames(declarator.id).filter(isSecretVariable);
  if (names.length === 0) return reportSavedKeys(context, declarator, declarator.init, state);
  // `const cookieSessionSecret = options.cookieSessionSecret || randomBytes(64)` while the app is set up: a setting filled in.
  const fillsSetting = names.some((name) => /secret|key/i.test(name)) && fallsBackFromSetting(declarator.init) && !enclosingRequestHandler(declarator);
  if (insideFunction(declarator) && !fillsSetting) reportSavedSecret(context, declarator, declarator.init, state);
  else reportStartupSecret(context, declarator.init, 'secret', state);
}

/**
 * `this.vapidKeys = webpush.generateVAPIDKeys(); fs.writeFileSync(vapidPath, JSON.stringify(this.vapidKeys))`: a key pair, whatever its name;
 * `defaultKey = randomBytes(32); settings.set('_credentialSecret', defaultKey)`: a value saved as a secret setting, whatever its name.
 */
function reportSavedKeys(context: FileRuleContext<MessageId>, at: Node, value: Node, state: State): void {
  const call = unwrapAwait(value);
  if (call.type === 'CallExpression' && KEY_PAIR_CALL.test(getCalleeName(call) ?? '')) return reportSavedSecret(context, at, call, state);
  const random = enclosingRequestHandler(at) ? undefined : startupRandom(context.source, value);
  if (random && savedBy(context.source, random, (call) => (isSecretSettingSave(call) ? 1 : undefined))) reportSecret(context, random, 'secret', state, true);
}

const KEY_PAIR_CALL = /(?:^|\.)(?:generateKeyPair|generateKeyPairSync|generateVAPIDKeys|generate\w*Certificate)$/;

/** `secret = randomBytes(256).toString(); fs.writeFileSync(secretPath, secret)` in any function but a request handler. */
function reportSavedSecret(context: FileRuleContext<MessageId>, at: Node, value: Node, state: State): void {
  if (enclosingRequestHandler(at)) return;
  const random = startupRandom(context.source, value);
  if (random && writtenToFile(context.source, random)) reportSecret(context, random, 'secret', state, true);
}

/** `function statelessSessions({ secret = toBase64Url(crypto.getRandomValues(…)) })`: a made-up secret as the default of an option. */
function checkSecretDefault(context: FileRuleContext<MessageId>, pattern: TSESTree.AssignmentPattern, state: State): void {
  if (pattern.left.type !== 'Identifier' || !isSecretVariable(pattern.left.name)) return;
  reportStartupSecret(context, pattern.right, 'secret', state);
}

/** `secret` for `const secret = …`, `privateKey` and `publicKey` for `const { privateKey, publicKey } = generateKeyPairSync(…)`. */
function boundNames(pattern: Node): string[] {
  if (pattern.type === 'Identifier') return [pattern.name];
  if (pattern.type !== 'ObjectPattern') return [];
  return pattern.properties.flatMap((property) => {
    const value = property.type === 'Property' ? property.value : property.argument;
    return value.type === 'Identifier' ? [value.name] : value.type === 'AssignmentPattern' && value.left.type === 'Identifier' ? [value.left.name] : [];
  });
}

/** `process.env.JWT_SECRET = process.env.JWT_SECRET || randomBytes(…)`, `app.keys = [randomBytes(…)]`, `config.sessionSecret = uuid()`. */
function checkSecretAssignment(context: FileRuleContext<MessageId>, assignment: TSESTree.AssignmentExpression, state: State): void {
  const target = unwrapExpression(assignment.left);
  const name = target.type === 'Identifier' ? target.name : target.type === 'MemberExpression' ? getMemberPath(target)?.pop() : undefined;
  if (name === undefined) return;
  const value = resolveConst(context.source, assignment.right);
  if (!isSecretVariable(name) && name !== 'keys') return reportSavedKeys(context, assignment, value, state);
  if (runsAtStartup(context.source, assignment, target) || fillsDefault(context.source, assignment, name)) reportStartupSecret(context, value, name === 'keys' ? 'cookie signing key' : 'secret', state);
  else reportSavedSecret(context, assignment, value, state);
}

/**
 * Top-level code, or a function (settings loading, bootstrapping) that fills module state:
 * `exports.sessionKey = …`, `module.exports.secret = …`, or a top-level `let`. A local value or a
 * record's field (`user.apiKey = …`) is a credential made for someone, and a request handler runs per request.
 */
function runsAtStartup(source: SourceCode, node: Node, target: Node): boolean {
  if (!insideFunction(node)) return true;
  if (enclosingRequestHandler(node)) return false;
  const path = getMemberPath(target);
  if (path && (path[0] === 'exports' || (path[0] === 'module' && path[1] === 'exports'))) return source.isGlobal(target, path[0]);
  // `_cache.secret = nanoid(32)`: a field of a module-level object is module state too.
  const holder = target.type === 'Identifier' ? target.name : path?.length === 2 ? path[0] : undefined;
  return holder !== undefined && declaredAtTopLevel(source, holder) && !declaredLocally(target, holder);
}

function declaredAtTopLevel(source: SourceCode, name: string): boolean {
  return source.ast.body.some((statement) => declaresVariable(statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement, name));
}

/** A statement that declares the variable `name` (`let name = …`; names destructured from a value are not looked at). */
function declaresVariable(statement: Node | null, name: string): boolean {
  return statement?.type === 'VariableDeclaration' && statement.declarations.some((item) => item.id.type === 'Identifier' && item.id.name === name);
}

/**
 * `argv.cookieSecret ||= randomBytes(64)`, `if (!cfg.jwt_secret) { cfg.jwt_secret = … }`,
 * `this.secretKey = botfile.secretKey || nanoid(32)`: filling in a setting nobody gave, as options
 * are prepared (not per request). Only secrets and keys: a `token` filled in so is usually a record's own.
 */
function fillsDefault(source: SourceCode, assignment: TSESTree.AssignmentExpression, name: string): boolean {
  if (enclosingRequestHandler(assignment)) return false;
  if (assignment.operator === '||=' || assignment.operator === '??=') return true;
  // `checkSecretKey(secret) { if (isString(secret)) return …; this.secret = generateRandomHexString(32); }`
  const method = enclosingFunction(assignment);
  if (method && SECRET_CHECK.test(functionName(method) ?? '')) return true;
  if (fallsBackFromSetting(assignment.right) && /secret|key/i.test(name)) return true;
  const target = source.getText(assignment.left);
  for (let node: Node | undefined = assignment.parent; node && !isFunctionNode(node); node = node.parent) {
    if (node.type === 'IfStatement' && source.getText(node.test).includes(`!${target}`)) return true;
  }
  return false;
}

/** Methods that hand back the secret they were given, or make one up: `checkSecretKey`, `ensureSecret`, `getOrCreateKey`. */
const SECRET_CHECK = /^(?:check|ensure|getOrCreate|getOrGenerate)\w*(?:Secret|Key)\w*$/;

/**
 * `options.secret || random()`, `config.get('jwtSecret') ?? random()`: a setting, with a value for when it is missing;
 * also chosen by a test: `options.getSecret ? options.getSecret() : (configured || random())`.
 */
function fallsBackFromSetting(value: Node): boolean {
  const expression = unwrapExpression(value);
  if (expression.type === 'ConditionalExpression') return fallsBackFromSetting(expression.alternate);
  if (expression.type !== 'LogicalExpression' || (expression.operator !== '||' && expression.operator !== '??')) return false;
  const setting = unwrapExpression(expression.left);
  if (setting.type !== 'CallExpression') return setting.type === 'MemberExpression';
  // `config.get('jwtSecret')`, or a getter named for the secret: `getExternalStoreSessionSecret(config)`.
  return getStaticString(setting.arguments[0]) !== undefined || isSecretVariable(getCalleeProperty(setting) ?? '');
}

/** The function around `node` that takes `name` as a parameter, if one does. */
function functionTaking(node: Node, name: string): FunctionNode | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (fn.params.some((param) => param.type === 'Identifier' && param.name === name)) return fn;
  }
  return undefined;
}

/** Whether a function or block around `node` declares its own variable called `name`. */
function declaredLocally(node: Node, name: string): boolean {
  for (let scope: Node | undefined = node.parent; scope && scope.type !== 'Program'; scope = scope.parent) {
    if (isFunctionNode(scope) && scope.params.some((param) => param.type === 'Identifier' && param.name === name)) return true;
    if (scope.type === 'BlockStatement' && scope.body.some((statement) => declaresVariable(statement, name))) return true;
  }
  return false;
}

/** `session({ secret: randomBytes(…) })`, `cookieParser(SECRET)`, `jwt.sign(payload, SECRET)` with SECRET generated at startup. */
function checkSecretSink(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression, state: State): void {
  const method = getCalleeProperty(call) ?? '';
  const settingDefault = SETTING_DEFAULT.test(method);
  if (!SECRET_SINKS.test(method) && !KEYED_CRYPTO.has(method) && !settingDefault) return;
  const candidates: Node[] = [];
  if (settingDefault) candidates.push(...valuesOfSecretKeys(call.arguments));
  if (method === 'cookieParser') candidates.push(...call.arguments.slice(0, 1));
  if (method === 'sign' || method === 'verify') candidates.push(...call.arguments.slice(1, 2));
  // A key made up at startup for encryption or HMACs: data sealed by one process cannot be opened by another.
  // Only a variable counts; a random key written inline is usually a per-message key that is stored with the data.
  if (KEYED_CRYPTO.has(method) && call.arguments[1]?.type === 'Identifier') candidates.push(call.arguments[1]);
  for (const argument of settingDefault ? [] : call.arguments) {
    const options = unwrapExpression(argument);
    if (options.type !== 'ObjectExpression') continue;
    for (const property of options.properties) {
      const key = property.type === 'Property' ? getPropertyName(property.key) : undefined;
      if (key !== undefined && (SECRET_OPTIONS.has(key) || isSecretName(toEnvName(key)))) candidates.push((property as TSESTree.Property).value);
    }
  }
  for (const candidate of candidates) {
    const random = sinkRandom(context.source, candidate);
    if (random) reportSecret(context, random, method === 'sign' || method === 'verify' ? 'token signing key' : KEYED_CRYPTO.has(method) ? 'encryption key' : 'secret', state);
  }
}

/** Calls that give a setting the value it has until one is configured: `couchConfig.registerDefault(section, 'secret', value)`. */
const SETTING_DEFAULT = /^(?:registerDefault|setDefault)$/;

/** The arguments that follow a secret's name: `'secret', value` in `registerDefault('couch_httpd_auth', 'secret', value)`. */
function valuesOfSecretKeys(args: readonly Node[]): Node[] {
  return args.flatMap((argument, index) => {
    const key = getStaticString(argument);
    const value = args[index + 1];
    return key !== undefined && value && isSecretVariable(key) ? [value] : [];
  });
}

/** `return process.env.BACKEND_COOKIES_SECRET || generateSessionSecret()`: a getter that makes the secret up when it is unset. */
function checkReturnedSecretFallback(context: FileRuleContext<MessageId>, statement: TSESTree.ReturnStatement, state: State): void {
  const returned = statement.argument && unwrapExpression(statement.argument);
  if (returned?.type !== 'LogicalExpression' || (returned.operator !== '||' && returned.operator !== '??') || enclosingRequestHandler(statement)) return;
  const env = readsEnvironment(context.source, returned.left) ? envNameIn(context.source, returned.left) : undefined;
  if (env !== undefined && isSecretVariable(env)) reportStartupSecret(context, returned.right, 'secret', state);
}

const SECRET_FILE_WRITE = /(?:^|\.)(?:writeFile|writeFileSync|outputFile|outputFileSync|writeJson|writeJsonSync|writeJSON|writeJSONSync|outputJson|outputJsonSync)$/;
/** A file named for a secret: `.secret`, `jwt.key`, `APIKEY.txt`, `session-secret`. */
const SECRET_FILE_NAME = /secret|(?:^|[._-])key(?:s)?(?:$|[._-])|api_?key|token/i;

/** `fs.writeFileSync(secretFile, crypto.randomBytes(32).toString('hex'))`: a secret made up and kept on this disk. */
function checkSecretFileWrite(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression, state: State): void {
  const [file, data] = call.arguments;
  if (!file || !data || !SECRET_FILE_WRITE.test(getCalleeName(call) ?? '') || enclosingRequestHandler(call)) return;
  // `const key = randomBytes(32); await fs.writeFile(keyFilePath, key)`: the value made just before;
  // `writeFile(this.sshKeyName, keyPair.privateKey)`: a part of it.
  const written = unwrapExpression(data);
  // `keyPair.publicKey` is meant to be handed out; only the private half is a secret.
  if (written.type === 'MemberExpression' && /^public/i.test(getMemberName(written) ?? '')) return;
  const made = written.type === 'MemberExpression' && written.object.type === 'Identifier' ? written.object : written;
  const value = resolveConst(context.source, made);
  const random = startupRandom(context.source, value);
  const madeElsewhere = random ? undefined : (keyGeneratorHanding(made) ?? privateKeyPem(context.source, written));
  if (!namesSecretFile(context.source, file)) return;
  // Reported where the file is written when the value was made elsewhere (a part of it, a helper): that is where it lands on the disk.
  if (random) reportSecret(context, random, 'secret', state, true, made === written && isWithin(random, value) ? random : call);
  else if (madeElsewhere) reportSecret(context, madeElsewhere, 'secret', state, true, call);
}

/** Makers of key pairs and certificates that hand them to a callback: selfsigned's `generate`, pem's `createCertificate`, `generateKeyPair`. */
const KEY_GENERATOR = /(?:^|\.)(?:generateKeyPair|createCertificate|createPrivateKey)$|(?:^|\.)selfsigned\w*\.generate$/;

/** `selfsigned.generate(attrs, options, (err, pems) => writeFileSync(keyFile, pems.private))`: the call whose callback receives `value`. */
function keyGeneratorHanding(value: Node): TSESTree.CallExpression | undefined {
  const fn = value.type === 'Identifier' ? functionTaking(value, value.name) : undefined;
  const call = fn?.parent;
  return call?.type === 'CallExpression' && call.arguments.some((argument) => argument === fn) && KEY_GENERATOR.test(getCalleeName(call) ?? '') ? call : undefined;
}

/**
 * `pki.privateKeyToPem(keys.privateKey)` (a private key node-forge made) or `await keypair.export()` (an
 * exportable key pair's private key, atproto's `Secp256k1Keypair`), also as the value of the variable written.
 */
function privateKeyPem(source: SourceCode, written: Node): TSESTree.CallExpression | undefined {
  const values = written.type === 'Identifier' ? [resolveConst(source, written), ...assignmentsInFunction(written).map((assignment) => assignment.right)] : [written];
  return values.map(unwrapAwait).find((value): value is TSESTree.CallExpression => value.type === 'CallExpression' && (getCalleeProperty(value) === 'privateKeyToPem' || isKeyPairExport(value)));
}

function isKeyPairExport(call: TSESTree.CallExpression): boolean {
  const path = getMemberPath(call.callee);
  return path?.at(-1) === 'export' && /key_?pair$/i.test(path.at(-2) ?? '');
}

/** Store packages that keep their data in files on the local disk: `@verdaccio/local-storage`, `local-storage-legacy`. */
const LOCAL_DISK_STORE = /(?:^|[/@-])local-(?:storage|fs|database|db)(?:-legacy)?$/;

/**
 * `this.storagePlugin.setSecret(config.checkSecretKey(secretKey))` in a module that falls back to a local-disk
 * store package: a secret generated when missing, kept where only this instance reads it.
 */
function checkSecretSavedToLocalStore(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression, packages: ReadonlyMap<string, string>): void {
  if (getCalleeProperty(call) !== 'setSecret' || call.arguments[0]?.type !== 'CallExpression' || enclosingRequestHandler(call)) return;
  // The module may be the local store itself, handed its storage plugin by the one that falls back to disk (`lib/local-storage.js`).
  const own = basename(context.source.path).replace(/\.[cm]?[jt]s$/, '');
  const store = [...packages.values()].find((module) => LOCAL_DISK_STORE.test(module)) ?? (LOCAL_DISK_STORE.test(own) ? `./${own}` : undefined);
  if (store) context.report({ at: call, messageId: 'secretInLocalStore', data: { module: store } });
}

/** `keyFile`, `keyFilePath`, `privateKeyPath`, `sshKeyName`: a variable that holds where a key is kept. */
const KEY_FILE_VARIABLE = /(?:^|_)(?:key|KEY)_?(?:[Ff]ile|[Pp]ath|[Ll]oc(?:ation)?|FILE|PATH)|[a-z0-9]Key(?:File|Path|Name|Loc(?:ation)?)/;

/**
 * A path named for a secret (`jwtSecretFile`, `'encryption.key'`), also through the `const` it is
 * built in, or written by a function named for one (`getOrCreateStoredSecret(fileName)`).
 */
function namesSecretFile(source: SourceCode, path: Node): boolean {
  const writer = enclosingFunction(path);
  const writerName = writer && (functionName(writer) ?? assignedFunctionName(writer));
  if (writerName && /secret/i.test(writerName)) return true;
  let named = false;
  for (const expression of new Set([path, resolveConst(source, path)])) {
    walkSubtree(expression, (node) => {
      if (node.type === 'Identifier') named ||= isSecretVariable(node.name) || /secret/i.test(node.name) || KEY_FILE_VARIABLE.test(node.name);
      else named ||= SECRET_FILE_NAME.test(getStaticString(node) ?? '');
      return !named;
    });
  }
  return named;
}

/** The random call behind a sink's value: inline, or in the top-level `const`/`let` the value names. */
function sinkRandom(source: SourceCode, value: Node): TSESTree.CallExpression | undefined {
  const inline = startupRandom(source, value);
  if (inline) return inline;
  const elements = value.type === 'ArrayExpression' ? value.elements : [value];
  for (const element of elements) {
    if (element?.type !== 'Identifier') continue;
    const init = resolveValue(source, element);
    if (init !== element && !insideFunction(init)) return startupRandom(source, init);
  }
  return undefined;
}

/**
 * A random value computed by this expression itself (not in a callback), outside branches meant for
 * development; also the one a helper of this file returns (`generateEncryptKey()`), one call deep, or
 * a helper of another module named for it (`cookieUtils.generateSessionSecret()`).
 */
function startupRandom(source: SourceCode, expression: Node, followHelpers = true): TSESTree.CallExpression | undefined {
  let found: TSESTree.CallExpression | undefined;
  walkSubtree(expression, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type !== 'CallExpression' || inEnvironmentBranch(source, node)) return true;
    if (isRandomCall(source, node)) found = node;
    else if (followHelpers) found = randomReturnedByHelper(source, node) ?? (SECRET_GENERATOR.test(getCalleeName(node) ?? '') ? node : undefined);
    return !found;
  });
  return found;
}

/**
 * A helper of another module named for making up a secret that signs sessions or tokens: `cookieUtils.generateSessionSecret()`.
 * Others are often a record's own (`Project.generateCredentialSecret()`, saved with the project).
 */
const SECRET_GENERATOR = /(?:^|\.)generate\w*(?:Session|Cookie|Jwt|JWT|Auth|Signing)\w*Secret$/;

/** `(0, exports.generateAuthSecret)()` where this file has `const generateAuthSecret = () => randomBytes(32).toString('base64')`. */
function randomReturnedByHelper(source: SourceCode, call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const name = getCalleeProperty(call);
  const helper = name === undefined ? undefined : topLevelFunctions(source.ast).get(name);
  const returned = helper && returnedExpression(helper);
  return returned ? startupRandom(source, returned, false) : undefined;
}

/** The value a function returns when its body is that value alone: `() => x`, `function () { return x; }`. */
function returnedExpression(fn: FunctionNode): Node | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  const [only] = fn.body.body;
  return fn.body.body.length === 1 && only.type === 'ReturnStatement' ? (only.argument ?? undefined) : undefined;
}

const topLevelFunctionsCache = new WeakMap<TSESTree.Program, ReadonlyMap<string, FunctionNode>>();

/** The functions a file declares at its top level, by name: `function f() {}`, `const f = () => …`. */
function topLevelFunctions(program: TSESTree.Program): ReadonlyMap<string, FunctionNode> {
  let functions = topLevelFunctionsCache.get(program);
  if (!functions) {
    const found = new Map<string, FunctionNode>();
    for (const statement of program.body) {
      const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
      if (declaration?.type === 'FunctionDeclaration' && declaration.id) found.set(declaration.id.name, declaration);
      if (declaration?.type !== 'VariableDeclaration') continue;
      for (const { id, init } of declaration.declarations) if (id.type === 'Identifier' && init && isFunctionNode(init)) found.set(id.name, init);
    }
    topLevelFunctionsCache.set(program, (functions = found));
  }
  return functions;
}

/**
 * `crypto.randomBytes(…)`, `require('crypto').randomBytes(…)`, `uuid.v4()`, `nanoid()`, `Math.random()`,
 * or a random module's export under a compiled name: `(0, _nanoid2.default)(32)`, `(0, _uuid.v4)()`.
 */
function isRandomCall(source: SourceCode, call: TSESTree.CallExpression): boolean {
  if (RANDOM_CALL.test(getCalleeName(call) ?? getCalleeProperty(call) ?? '')) return true;
  const path = getMemberPath(call.callee);
  if (!path || path.length > 2 || (path.length === 2 && !RANDOM_EXPORT.test(path[1]))) return false;
  return RANDOM_MODULE.test(modulesByLocalName(source.ast).get(path[0]) ?? '');
}

/** Reports the value as a `use` made up at startup, when it holds a random call. */
function reportStartupSecret(context: FileRuleContext<MessageId>, value: Node, use: string, state: State): void {
  const random = startupRandom(context.source, value);
  if (random) reportSecret(context, random, use, state);
}

function reportSecret(context: FileRuleContext<MessageId>, random: TSESTree.CallExpression, use: string, state: State, savedToFile = false, at: Node = random): void {
  if (state.reportedSecrets.has(random.range[0])) return;
  state.reportedSecrets.add(random.range[0]);
  const env = envFallbackOf(context.source, random);
  if (env) context.report({ at, messageId: 'generatedSecretFallback', data: { env, use } });
  else if (savedToFile || writtenToFile(context.source, random)) context.report({ at, messageId: 'generatedSecretFile', data: { use } });
  else context.report({ at, messageId: 'generatedSecret', data: { use } });
}

/** The variable whose absence the random value stands in for: `process.env.X || random`, `process.env.X ? … : random`. */
function envFallbackOf(source: SourceCode, random: Node): string | undefined {
  let child: Node = random;
  for (let parent = random.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'LogicalExpression' && parent.right === child && readsEnvironment(source, parent.left)) return envNameIn(source, parent.left);
    if (parent.type === 'ConditionalExpression' && parent.test !== child && readsEnvironment(source, parent.test)) return envNameIn(source, parent.test);
    if (parent.type === 'AssignmentExpression' && (parent.operator === '||=' || parent.operator === '??=') && readsEnvironment(source, parent.left)) return envNameIn(source, parent.left);
    if (parent.type !== 'MemberExpression' && parent.type !== 'CallExpression' && parent.type !== 'TemplateLiteral' && parent.type !== 'BinaryExpression' && parent.type !== 'AwaitExpression' && parent.type !== 'TSAsExpression' && parent.type !== 'UnaryExpression' && parent.type !== 'ConditionalExpression' && parent.type !== 'LogicalExpression') return undefined;
  }
  return undefined;
}

/** `key = randomString(32); fs.writeFileSync(file, key)`, or `configstore.set('secret', key)`: the generated value is saved next to the process. */
function writtenToFile(source: SourceCode, random: Node): boolean {
  const writes = (call: TSESTree.CallExpression) => SECRET_FILE_WRITE.test(getCalleeName(call) ?? '') || isSecretSettingSave(call);
  // `const settings = { encryptionKey }; this.save(settings)`, where the class's `save` writes a file.
  return savedBy(source, random, (call) => (writes(call) ? 1 : writesThroughOwnMethod(call, writes) ? 0 : undefined)) || syncedIntoStore(source, random);
}

const STORE_SYNC = /^(?:sync|save|persist|flush)$/;

/** `self.localList.data.secret = self.secret; self.localList.sync()`: copied into a store object that is then written out. */
function syncedIntoStore(source: SourceCode, random: Node): boolean {
  const holder = assignedName(source, random);
  const block = enclosingBlock(random);
  if (!holder || !block) return false;
  const stores = new Set<string>();
  let synced = false;
  walkSubtree(block, (node) => {
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && mentions(source, node.right, holder)) stores.add(getMemberPath(node.left)?.slice(0, 2).join('.') ?? '');
    const path = node.type === 'CallExpression' ? getMemberPath(node.callee) : undefined;
    synced ||= path !== undefined && STORE_SYNC.test(path.at(-1)!) && stores.has(path.slice(0, -1).join('.'));
    return !synced;
  });
  return synced;
}

function enclosingBlock(node: Node): Node | undefined {
  let block = node.parent;
  while (block && block.type !== 'BlockStatement' && block.type !== 'Program') block = block.parent;
  return block;
}

/**
 * Whether the block that makes the random value hands what holds it to a call that saves it:
 * `dataFrom` says from which argument on a call passes data (the path comes first in a write), or
 * undefined for a call that saves nothing. An argument counts when it names the holder or a `const`
 * built from it.
 */
function savedBy(source: SourceCode, random: Node, dataFrom: (call: TSESTree.CallExpression) => number | undefined): boolean {
  const holder = random.parent && assignedName(source, random);
  if (!holder) return false;
  const block = enclosingBlock(random);
  let written = false;
  if (block) {
    walkSubtree(block, (node) => {
      const from = node.type === 'CallExpression' ? dataFrom(node) : undefined;
      if (from !== undefined) {
        written = (node as TSESTree.CallExpression).arguments.slice(from).some((argument) => mentions(source, argument, holder) || mentions(source, resolveConst(source, argument), holder));
      }
      return !written;
    });
  }
  return written;
}

/** `this.save(settings)` where a method of the same class named so calls one of `writes`. */
function writesThroughOwnMethod(call: TSESTree.CallExpression, writes: (call: TSESTree.CallExpression) => boolean): boolean {
  const path = getMemberPath(call.callee);
  const owner = path?.length === 2 && path[0] === 'this' ? enclosingClass(call) : undefined;
  const method = owner?.body.body.find((member) => member.type === 'MethodDefinition' && getPropertyName(member.key) === path![1]);
  return method?.type === 'MethodDefinition' && someInSubtree(method.value, (node) => node.type === 'CallExpression' && writes(node));
}

/** Settings stores that keep what they are given in a local file: configstore, the app's own `settings`. */
const LOCAL_SETTINGS_STORE = /(?:^|\.)_?(?:configstore|config|settings|conf|nconf|prefs|preferences)(?:_\d+)?(?:\.default)?\.set$/i;

/** `configstore.set('secret', secret)`, `settings.set('_credentialSecret', key)`: a secret saved among the app's settings. */
function isSecretSettingSave(call: TSESTree.CallExpression): boolean {
  const key = getStaticString(call.arguments[0]);
  return LOCAL_SETTINGS_STORE.test(getCalleeName(call) ?? '') && key !== undefined && isSecretVariable(key.replace(/^_+/, ''));
}

/** Whether `holder` (`apikey`, `this.vapidKeys`) is written somewhere in the expression: `JSON.stringify(this.vapidKeys)`. */
function mentions(source: SourceCode, expression: Node, holder: string): boolean {
  return someInSubtree(expression, (node) => (node.type === 'Identifier' || node.type === 'MemberExpression') && source.getText(node) === holder);
}

/** The text of what a random value is stored in: `apikey`, `exports.sessionKey`. */
function assignedName(source: SourceCode, random: Node): string | undefined {
  for (let node: Node | undefined = random.parent; node; node = node.parent) {
    if (node.type === 'VariableDeclarator') return node.id.type === 'Identifier' ? node.id.name : undefined;
    if (node.type === 'AssignmentExpression') return source.getText(node.left);
    if (node.type === 'ExpressionStatement' || isFunctionNode(node)) return undefined;
  }
  return undefined;
}

function envNameIn(source: SourceCode, expression: Node): string {
  let name: string | undefined;
  walkSubtree(expression, (node) => {
    if (node.type === 'MemberExpression') name ??= getEnvReadName(source, node);
    return name === undefined;
  });
  return name ?? 'the environment variable';
}

/** Names that hold a signing or encryption secret; generated admin passwords are bootstrap data, not this. */
function isSecretVariable(name: string): boolean {
  let secret = secretVariables.get(name);
  if (secret === undefined) {
    // Every property and variable of a file is asked about, and names repeat: remember the answers, within bounds.
    if (secretVariables.size > 10_000) secretVariables.clear();
    secretVariables.set(name, (secret = namesSecret(name)));
  }
  return secret;
}

const secretVariables = new Map<string, boolean>();

function namesSecret(name: string): boolean {
  const envName = toEnvName(name);
  if (/(?:^|_)(?:PASSWORD|PASSWD|PASS|PWD)(?:_|$)/.test(envName)) return false;
  // `sessionKey`, `cookieKeys`, `jwtKey`: keys that sign or encrypt, which `isSecretName` reads as descriptive names.
  return isSecretName(envName) || /(?:^|_)(?:SESSION|COOKIE|JWT|HMAC|SIGNING|SIGN|ENCRYPTION|CRYPTO)_KEYS?$/.test(envName);
}

function insideFunction(node: Node): boolean {
  return enclosingFunction(node) !== undefined;
}
