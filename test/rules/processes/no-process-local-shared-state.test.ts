import rule from '../../../server/src/rules/processes/no-process-local-shared-state';
import { runRuleTests } from '../../support/ruleTester';

const CRYPTO = "const crypto = require('crypto');\n";

runRuleTests(rule, {
  valid: [
    { name: 'a config built per call, with a memory strategy for tests', code: "function testConfig() {\n  return { jobQueueStrategy: new InMemoryJobQueueStrategy(), cookieOptions: { secret: crypto.randomBytes(8).toString('hex') } };\n}" },
    { name: 'a random name for a temporary file', code: "const crypto = require('crypto');\nfs.writeFileSync(path.join(os.tmpdir(), 'upload-' + crypto.randomUUID()), data);" },
    { name: 'a random id written into a data file that is no secret', code: "const crypto = require('crypto');\nfs.writeFileSync(installationFile, JSON.stringify({ installationId: crypto.randomUUID() }));" },
    {
      name: 'a key file written by a request handler (a download made for the user)',
      code: "const crypto = require('crypto');\napp.post('/keys', (req, res) => {\n  fs.writeFileSync(path.join(req.user.dir, 'api.key'), crypto.randomBytes(32).toString('hex'));\n  res.sendStatus(201);\n});",
    },
    { name: 'a memory cache class is no job queue', code: "class InMemoryCacheBackend {\n  set(key, value) {\n    this.map.set(key, value);\n  }\n}" },
    { name: 'an adapter loader falling back to an in-memory cache (a cache is per process by nature)', code: "const cacheAdapter = loadAdapter(options.cacheAdapter, InMemoryCacheAdapter, { ttl });" },
    { name: 'an adapter loader falling back to a database-backed store', code: "const files = loadAdapter(options.filesAdapter, GridFSBucketAdapter, options);" },
    { name: 'a queue class whose array is only appended to (a log of what ran)', code: "class TaskQueue {\n  history = [];\n  record(task) { this.history.push(task); }\n}" },
    { name: 'an array used as a queue by a class that is not a queue', code: "class Parser {\n  constructor() { this.tokens = []; }\n  next() { return this.tokens.shift(); }\n  feed(token) { this.tokens.push(token); }\n}" },
    {
      name: 'memoising a pure computation',
      code: "const cache = new Map();\nfunction fib(n) {\n  if (cache.has(n)) return cache.get(n);\n  const value = n < 2 ? n : fib(n - 1) + fib(n - 2);\n  cache.set(n, value);\n  return value;\n}\napp.get('/fib/:n', (req, res) => res.json(fib(Number(req.params.n))));",
    },
    { name: 'a cache filled by a handler', code: "const cache = {};\napp.get('/weather/:city', async (req, res) => {\n  cache[req.params.city] = await fetchWeather(req.params.city);\n  res.json(cache[req.params.city]);\n});" },
    { name: 'a request-scoped buffer', code: "app.post('/upload', (req, res) => {\n  const chunks = [];\n  req.on('data', (chunk) => chunks.push(chunk));\n  req.on('end', () => store(Buffer.concat(chunks)));\n});" },
    { name: 'a registry of live SSE connections', code: "const subscribers = [];\nconst streams = new Set();\napp.get('/events', (req, res) => {\n  subscribers.push(res);\n  streams.add(res);\n});" },
    { name: 'a table filled once at startup', code: "const routes = new Map();\nroutes.set('/health', health);\nfor (const [path, handler] of routes) app.get(path, (req, res) => handler(req, res));" },
    { name: 'a local array that shadows the module-level one', code: "const todos = [];\nfunction handler(req, res) {\n  const todos = [];\n  todos.push(req.body);\n  res.json(todos);\n}" },
    { name: 'the secret comes from the environment and is required', code: "const secret = process.env.SESSION_SECRET;\nif (!secret) throw new Error('SESSION_SECRET is required');\napp.use(session({ secret, store }));" },
    { name: 'a per-request token stored in the database', code: `${CRYPTO}app.post('/reset', async (req, res) => {\n  const token = crypto.randomBytes(32).toString('hex');\n  await db.resetTokens.insert({ token, email: req.body.email });\n  res.sendStatus(204);\n});` },
    { name: 'an API key generated for a user and saved', code: `${CRYPTO}async function createApiKey(userId) {\n  const secret = crypto.randomBytes(32).toString('hex');\n  await ApiKey.create({ userId, secret });\n  return secret;\n}` },
    { name: 'a random secret only in development', code: `${CRYPTO}const SESSION_SECRET = process.env.NODE_ENV === 'production' ? process.env.SESSION_SECRET : crypto.randomBytes(16).toString('hex');` },
    { name: 'an instance id is not a secret', code: "const INSTANCE_ID = crypto.randomUUID();\nlogger.info({ instance: INSTANCE_ID }, 'started');" },
    { name: 'a rate limiter with a Redis store', code: "const rateLimit = require('express-rate-limit');\napp.use(rateLimit({ windowMs: 60000, max: 100, store: new RedisStore({ sendCommand }) }));" },
    { name: 'a memory limiter as insurance for a Redis one', code: "const limiter = new RateLimiterRedis({ storeClient: redis, points: 10, insuranceLimiter: new RateLimiterMemory({ points: 1 }) });" },
    { name: 'a work queue the handler waits for', code: "const fastq = require('fastq');\nconst resize = fastq.promise(resizeImage, 4);\napp.post('/resize', async (req, res) => {\n  res.json(await resize.push(req.body));\n});" },
    { name: 'better-queue with a persistent store', code: "const Queue = require('better-queue');\nconst q = new Queue(processJob, { store: { type: 'sql', dialect: 'postgres' } });\napp.post('/jobs', (req, res) => { q.push(req.body); res.send('queued'); });" },
    { name: 'koa-ratelimit on its default Redis driver', code: "const ratelimit = require('koa-ratelimit');\napp.use(ratelimit({ db: redis, duration: 60000, max: 100 }));" },
    { name: 'memoising a computation keyed by the request', code: "const results = new Map();\napp.get('/render/:id', (req, res) => {\n  if (!results.has(req.params.id)) results.set(req.params.id, render(req.params.id));\n  res.send(results.get(req.params.id));\n});" },
    { name: 'a per-message key stored with the data (envelope encryption)', code: `${CRYPTO}function seal(data) {\n  const cipher = crypto.createCipheriv('aes-256-gcm', crypto.randomBytes(32), crypto.randomBytes(12));\n  return cipher.update(data);\n}` },
    { name: 'an API key generated for a user record', code: "exports.rotateKey = async (user) => {\n  user.apiKey = randomString(32);\n  await user.save();\n};" },
    { name: 'keys generated only when running in development', code: "if (process.env.NODE_ENV !== 'production') {\n  app.keys = [crypto.randomBytes(16).toString('hex')];\n} else {\n  app.keys = process.env.APP_KEYS.split(',');\n}" },
    { name: 'a developer script', code: "const seen = [];\nconst todos = [];\napp.post('/todos', (req, res) => todos.push(req.body));", filename: 'scripts/mock-api.js' },
  ],
  invalid: [
    {
      name: 'a secret made up on first start and kept in a file next to the app',
      code: "const crypto = require('crypto');\nconst secretFile = path.join(__dirname, '.secret');\nif (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString('hex'));\napp.use(session({ secret: fs.readFileSync(secretFile, 'utf8') }));",
      errors: [{ messageId: 'generatedSecretFile', line: 3, column: 62, message: 'This secret is generated on first start and saved to a file on the local disk. Every instance and every fresh container makes its own, so what one signed or encrypted the others reject. Read it from the environment instead.' }],
      output: null,
    },
    {
      name: 'a jobs backend named for process memory that enqueues into its lanes',
      code: "const fastq = require('fastq');\nclass InMemoryJobsBackend {\n  enqueue(envelope) {\n    let queue = this._queues.get(envelope.queue);\n    if (!queue) queue = this._makeQueue();\n    queue.push(envelope);\n  }\n  _makeQueue() {\n    return fastq.promise(this, this._deliver, 1);\n  }\n}",
      errors: [{ messageId: 'memoryQueue', line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'an in-memory todo store',
      code: "const todos = [];\napp.post('/todos', (req, res) => {\n  todos.push({ id: todos.length + 1, ...req.body });\n  res.status(201).end();\n});",
      errors: [{
        messageId: 'handlerState', line: 1, column: 7, endLine: 1, endColumn: 17,
        message: "`todos` is a module-level array that request handlers write to, so the data lives in this process's memory only: other instances never see it and a restart or deploy loses it. Keep it in a backing service (a database, Redis).",
      }],
      output: null,
    },
    {
      name: 'a session table in a Koa router',
      code: "const sessions = new Map();\nrouter.post('/login', async (ctx) => {\n  const user = await authenticate(ctx.request.body);\n  const token = newToken();\n  sessions.set(token, { userId: user.id });\n  ctx.body = { token };\n});",
      errors: [{ messageId: 'handlerState', line: 1, column: 7, message: "`sessions` is a module-level Map that request handlers write to, so the data lives in this process's memory only: other instances never see it and a restart or deploy loses it. Keep it in a backing service (a database, Redis)." }],
      output: null,
    },
    {
      name: 'request data written under a key',
      code: "let profiles = {};\napp.put('/profiles/:id', (req, res) => {\n  const { name, email } = req.body;\n  profiles[req.params.id] = { name, email };\n  res.sendStatus(204);\n});",
      errors: [{ messageId: 'handlerState', line: 1, column: 5 }],
      output: null,
    },
    {
      name: 'login attempts counted per process',
      code: "const loginAttempts = Object.create(null);\napp.post('/login', (req, res, next) => {\n  loginAttempts[req.ip] = (loginAttempts[req.ip] || 0) + 1;\n  next();\n});",
      errors: [{ messageId: 'handlerState', line: 1, column: 7 }],
      output: null,
    },
    {
      name: 'a fastq job queue fed without waiting',
      code: "const fastq = require('fastq');\nconst queue = fastq(sendEmail, 2);\napp.post('/signup', (req, res) => {\n  queue.push({ to: req.body.email }, () => {});\n  res.sendStatus(202);\n});",
      errors: [{
        messageId: 'memoryQueue', line: 2, column: 7,
        message: "Jobs are queued in this process's memory (fastq) and handlers do not wait for them. Queued work is lost when the process restarts or is replaced, and no other instance can take it over: use a queue backed by Redis or a database.",
      }],
      output: null,
    },
    {
      name: 'p-queue in a Next.js API route',
      code: "import PQueue from 'p-queue';\nconst jobs = new PQueue({ concurrency: 1 });\nexport default async function handler(req, res) {\n  jobs.add(() => render(req.body));\n  res.status(202).end();\n}",
      filename: 'pages/api/render.js',
      errors: [{ messageId: 'memoryQueue', line: 2, column: 7 }],
      output: null,
    },
    {
      name: 'better-queue on its memory store',
      code: "const Queue = require('better-queue');\nconst q = new Queue(processJob);\napp.post('/jobs', (req, res) => {\n  q.push(req.body);\n  res.send('queued');\n});",
      errors: [{ messageId: 'memoryQueue', line: 2, column: 7, message: "Jobs are queued in this process's memory (better-queue with its default memory store) and handlers do not wait for them. Queued work is lost when the process restarts or is replaced, and no other instance can take it over: use a queue backed by Redis or a database." }],
      output: null,
    },
    {
      name: "a queue class of the app's own holding jobs in an array",
      code: "class WorkerQueue {\n  enqueue(payload) {\n    if (this.running < this.concurrency) this.execute(payload);\n    else this.queue.unshift(payload);\n  }\n  pop() {\n    const payload = this.queue.pop();\n    if (payload) this.execute(payload);\n  }\n  constructor({ concurrency = 5 }) {\n    this.running = 0;\n    this.queue = [];\n  }\n}\nmodule.exports = WorkerQueue;",
      errors: [{ messageId: 'memoryQueue', line: 12, column: 5, message: "Jobs are queued in this process's memory (the `queue` array of WorkerQueue) and handlers do not wait for them. Queued work is lost when the process restarts or is replaced, and no other instance can take it over: use a queue backed by Redis or a database." }],
      output: null,
    },
    {
      name: 'an adapter loader falling back to an in-process EventEmitter message queue (compiled Babel)',
      code: 'var _AdapterLoader = require("./Adapters/AdapterLoader");\nvar _EventEmitterMQ = require("./Adapters/MessageQueue/EventEmitterMQ");\nParseMessageQueue.createPublisher = function (config) {\n  const adapter = (0, _AdapterLoader.loadAdapter)(config.messageQueueAdapter, _EventEmitterMQ.EventEmitterMQ, config);\n  return adapter.createPublisher(config);\n};',
      filename: 'lib/ParseMessageQueue.js',
      errors: [{ messageId: 'memoryAdapterDefault', line: 4, column: 19, file: 'lib/ParseMessageQueue.js', message: "When no adapter is configured, this falls back to `EventEmitterMQ`, which keeps its messages or state in this process's memory: other instances never receive them and a restart drops them. Default to a shared backing service (Redis, a database), or require one to be configured." }],
      output: null,
    },
    {
      name: 'express-rate-limit without a store',
      code: "const rateLimit = require('express-rate-limit');\napp.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));",
      errors: [{
        messageId: 'memoryRateLimit', line: 2, column: 9,
        message: "Rate-limit counters are kept in this process's memory (the default memory store). Each instance counts on its own, so the real limit grows with every instance and resets on each restart: give it a Redis or database store.",
      }],
      output: null,
    },
    {
      name: 'compiled TypeScript calling the named rateLimit export without a store',
      code: '"use strict";\nconst express_rate_limit_1 = require("express-rate-limit");\nconst limiter = (0, express_rate_limit_1.rateLimit)({\n    limit: rateLimit.limit ?? defaultLimits.limit,\n    windowMs: rateLimit.windowMs ?? defaultLimits.windowMs,\n});',
      filename: 'dist/services/rate-limit.service.js',
      errors: [{ messageId: 'memoryRateLimit', line: 3, column: 17, file: 'dist/services/rate-limit.service.js' }],
      output: null,
    },
    {
      name: '@fastify/rate-limit without Redis, and a memory limiter',
      code: "await fastify.register(import('@fastify/rate-limit'), { max: 100, timeWindow: '1 minute' });\nconst limiter = new RateLimiterMemory({ points: 10, duration: 1 });",
      filename: 'src/app.mjs',
      errors: [
        { messageId: 'memoryRateLimit', line: 1, column: 7 },
        { messageId: 'memoryRateLimit', line: 2, column: 17 },
      ],
      output: null,
    },
    {
      name: 'a session secret generated inline',
      code: `${CRYPTO}app.use(session({ secret: crypto.randomBytes(32).toString('hex'), store, resave: false }));`,
      errors: [{
        messageId: 'generatedSecret', line: 2, column: 27, endColumn: 49,
        message: 'This secret is generated when the process starts. Every instance gets a different one and every restart replaces it, so what one process signed or encrypted (sessions, cookies, tokens) the next one rejects. Read it from the environment.',
      }],
      output: null,
    },
    {
      name: 'a generated fallback for an unset variable',
      code: `${CRYPTO}const JWT_SECRET = process.env.JWT_SECRET || crypto.randomBytes(64).toString('hex');`,
      errors: [{
        messageId: 'generatedSecretFallback', line: 2, column: 46,
        message: 'When JWT_SECRET is unset, this secret is generated at startup: each instance then signs with its own key and every restart invalidates existing sessions and tokens. Require JWT_SECRET instead of generating a fallback.',
      }],
      output: null,
    },
    {
      name: 'a generated secret filled in as the settings are prepared',
      code: "const { randomBytes } = require('crypto');\nmodule.exports = (argv) => {\n  argv.cookieSecret ||= randomBytes(64).toString('hex');\n  return argv;\n};",
      errors: [{ messageId: 'generatedSecret', line: 3, column: 25 }],
      output: null,
    },
    {
      name: 'a made-up secret as the default of an option, and one filled in when the config file has none',
      code: "const crypto = require('crypto');\nfunction statelessSessions({ secret = toBase64Url(crypto.getRandomValues(new Uint8Array(32))), maxAge = 3600 } = {}) {}\nconst ensureJwtSecret = () => {\n  const cfg = getConfigFile();\n  if (cfg && !cfg.jwt_secret) {\n    const newSecret = crypto.randomBytes(64).toString('hex');\n    cfg.jwt_secret = newSecret;\n  }\n};",
      errors: [
        { messageId: 'generatedSecret', line: 2, column: 51 },
        { messageId: 'generatedSecret', line: 6, column: 23 },
      ],
      output: null,
    },
    {
      name: 'a session secret from randomstring when none is configured',
      code: "const session = require('express-session');\napp.use(session({ store, secret: db.connectObj.session_secret || is.str.generate() }));",
      errors: [{ messageId: 'generatedSecret', line: 2, column: 66 }],
      output: null,
    },
    {
      name: "a framework's default config, built when the module loads: a made-up cookie secret and in-memory job strategies",
      code: "const crypto_1 = require('crypto');\nexports.defaultConfig = {\n  authOptions: { cookieOptions: { secret: (0, crypto_1.randomBytes)(16).toString('base64url'), httpOnly: true } },\n  jobQueueOptions: { jobQueueStrategy: new in_memory_job_queue_strategy_1.InMemoryJobQueueStrategy(), cacheStrategy: new InMemoryCacheStrategy() },\n};",
      errors: [
        { messageId: 'generatedSecret', line: 3, column: 43 },
        { messageId: 'memoryAdapterDefault', line: 4, column: 40, message: "When no adapter is configured, this falls back to `InMemoryJobQueueStrategy`, which keeps its messages or state in this process's memory: other instances never receive them and a restart drops them. Default to a shared backing service (Redis, a database), or require one to be configured." },
      ],
      output: null,
    },
    {
      name: 'a memory backend reported where its jobs live: the array it enqueues into',
      code: "class MemoryQueue {\n  constructor(name) {\n    this.name = name;\n    this.queue = [];\n  }\n  enqueue(job, isPriority = false) {\n    if (isPriority) this.queue.unshift(job);\n    else this.queue.push(job);\n  }\n}",
      errors: [{ messageId: 'memoryQueue', line: 4, column: 5 }],
      output: null,
    },
    {
      name: 'a random value used as the cookie secret through a variable',
      code: "import { v4 as uuidv4 } from 'uuid';\nconst key = uuidv4();\napp.use(cookieParser(key));",
      filename: 'src/app.mjs',
      errors: [{ messageId: 'generatedSecret', line: 2, column: 13 }],
      output: null,
    },
    {
      name: 'a signing key generated at startup and used to sign tokens (reported once)',
      code: `${CRYPTO}const signingKey = crypto.randomBytes(32);\nexport const issue = (user) => jwt.sign({ sub: user.id }, signingKey);`,
      filename: 'src/auth.mjs',
      errors: [{ messageId: 'generatedSecret', line: 2, column: 20 }],
      output: null,
    },
    {
      name: 'an environment variable filled in at startup, and Koa keys',
      code: `${CRYPTO}process.env.SESSION_SECRET ||= crypto.randomBytes(48).toString('base64');\napp.keys = [crypto.randomBytes(16).toString('hex')];`,
      errors: [
        { messageId: 'generatedSecretFallback', line: 2, column: 32, message: 'When SESSION_SECRET is unset, this secret is generated at startup: each instance then signs with its own key and every restart invalidates existing sessions and tokens. Require SESSION_SECRET instead of generating a fallback.' },
        { messageId: 'generatedSecret', line: 3, column: 13, message: 'This cookie signing key is generated when the process starts. Every instance gets a different one and every restart replaces it, so what one process signed or encrypted (sessions, cookies, tokens) the next one rejects. Read it from the environment.' },
      ],
      output: null,
    },
    {
      name: 'an inline require, a key pair and an encryption key made at startup',
      code: "const secret = process.env.COOKIE_SECRET || require('crypto').randomBytes(24).toString('hex');\nconst { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });\nconst key = crypto.randomBytes(32);\nfunction encrypt(text, iv) {\n  return crypto.createCipheriv('aes-256-cbc', key, iv).update(text);\n}\nmodule.exports = { sign: (claims) => jwt.sign(claims, privateKey, { algorithm: 'RS256' }), publicKey, encrypt };",
      errors: [
        { messageId: 'generatedSecretFallback', line: 1, column: 45 },
        { messageId: 'generatedSecret', line: 2, column: 35 },
        { messageId: 'generatedSecret', line: 3, column: 13, message: 'This encryption key is generated when the process starts. Every instance gets a different one and every restart replaces it, so what one process signed or encrypted (sessions, cookies, tokens) the next one rejects. Read it from the environment.' },
      ],
      output: null,
    },
    {
      name: 'keys generated on first start and kept in files next to the app',
      code: "let apikey = null;\ntry {\n  apikey = fs.readFileSync('./APIKEY.txt', 'utf8');\n} catch (e) {\n  apikey = randomString(32);\n  fs.writeFileSync('./APIKEY.txt', apikey, 'utf8');\n}\nexports.reloadSettings = () => {\n  if (!exports.sessionKey) {\n    exports.sessionKey = randomString(32);\n  }\n};",
      errors: [
        {
          messageId: 'generatedSecretFile', line: 5, column: 12,
          message: 'This secret is generated on first start and saved to a file on the local disk. Every instance and every fresh container makes its own, so what one signed or encrypted the others reject. Read it from the environment instead.',
        },
        { messageId: 'generatedSecret', line: 10, column: 26 },
      ],
      output: null,
    },
    {
      name: 'a conditional fallback on the secret itself is not a development branch',
      code: "const sessionSecret = process.env.SESSION_SECRET ? process.env.SESSION_SECRET : uuid.v4();",
      errors: [{ messageId: 'generatedSecretFallback', line: 1, column: 81 }],
      output: null,
    },
  ],
});
