/**
 * Which kind of backing service a module, a URL or a setting (`client: 'pg'`, `dialect: 'sqlite'`,
 * `store: 'memory'`) stands for. Two kinds of the same role (PostgreSQL and SQLite are both
 * databases) can replace each other only by changing behaviour: that is the dev/prod parity gap.
 */

export type ServiceRole = 'database' | 'store' | 'file storage' | 'mail' | 'api';

/** How messages name each role. */
export const ROLE_NAMES: Readonly<Record<ServiceRole, string>> = { database: 'database', store: 'store', 'file storage': 'file storage', mail: 'mail delivery', api: 'API' };

export interface ServiceKind {
  readonly role: ServiceRole;
  /** How messages name it: `PostgreSQL`, `an in-memory store`. */
  readonly kind: string;
  /** A stand-in the app still talks to through the real service's client (mongoose on mongodb-memory-server). */
  readonly standIn?: boolean;
}

const POSTGRES: ServiceKind = { role: 'database', kind: 'PostgreSQL' };
const MYSQL: ServiceKind = { role: 'database', kind: 'MySQL' };
const SQLITE: ServiceKind = { role: 'database', kind: 'SQLite' };
const SQL_SERVER: ServiceKind = { role: 'database', kind: 'SQL Server' };
const ORACLE: ServiceKind = { role: 'database', kind: 'Oracle' };
const MONGODB: ServiceKind = { role: 'database', kind: 'MongoDB' };
const MEMORY_MONGODB: ServiceKind = { role: 'database', kind: 'an in-memory MongoDB', standIn: true };
const MEMORY_DATABASE: ServiceKind = { role: 'database', kind: 'an in-memory database', standIn: true };
const FILE_DATABASE: ServiceKind = { role: 'database', kind: 'a local file database' };
const REDIS: ServiceKind = { role: 'store', kind: 'Redis' };
const MEMCACHED: ServiceKind = { role: 'store', kind: 'Memcached' };
const MEMORY_STORE: ServiceKind = { role: 'store', kind: 'an in-memory store' };
const MONGODB_STORE: ServiceKind = { role: 'store', kind: 'MongoDB' };
const SQL_STORE: ServiceKind = { role: 'store', kind: 'a SQL database' };
const FILE_STORE: ServiceKind = { role: 'store', kind: 'files on local disk' };
const LOCAL_DISK: ServiceKind = { role: 'file storage', kind: 'local disk' };
const OBJECT_STORAGE: ServiceKind = { role: 'file storage', kind: 'object storage' };
const MAIL_SERVICE: ServiceKind = { role: 'mail', kind: 'a mail service' };
const MOCK_MAILER: ServiceKind = { role: 'mail', kind: 'a mock mailer' };
const LOCAL_API: ServiceKind = { role: 'api', kind: 'a copy of the API on this machine' };
const HOSTED_API: ServiceKind = { role: 'api', kind: 'the hosted API' };
const STAGING_BACKEND: ServiceKind = { role: 'api', kind: "the vendor's staging backend" };
const PRODUCTION_BACKEND: ServiceKind = { role: 'api', kind: 'its production backend' };

const MODULES: Readonly<Record<string, ServiceKind>> = {
  pg: POSTGRES, 'pg-native': POSTGRES, postgres: POSTGRES, 'pg-promise': POSTGRES, '@neondatabase/serverless': POSTGRES, '@vercel/postgres': POSTGRES,
  mysql: MYSQL, mysql2: MYSQL, 'mysql2/promise': MYSQL, mariadb: MYSQL,
  sqlite3: SQLITE, 'better-sqlite3': SQLITE, sqlite: SQLITE, 'node:sqlite': SQLITE,
  mssql: SQL_SERVER, tedious: SQL_SERVER, oracledb: ORACLE,
  mongodb: MONGODB, mongoose: MONGODB,
  'mongodb-memory-server': MEMORY_MONGODB, 'mongodb-memory-server-core': MEMORY_MONGODB, 'pg-mem': MEMORY_DATABASE,
  nedb: FILE_DATABASE, '@seald-io/nedb': FILE_DATABASE, 'nedb-promises': FILE_DATABASE, lowdb: FILE_DATABASE, 'lowdb/node': FILE_DATABASE,
  redis: REDIS, ioredis: REDIS, 'connect-redis': REDIS, '@keyv/redis': REDIS, 'rate-limit-redis': REDIS, 'cache-manager-redis-store': REDIS,
  'cache-manager-redis-yet': REDIS, 'cache-manager-ioredis': REDIS, 'cache-manager-ioredis-yet': REDIS,
  memorystore: MEMORY_STORE, 'redis-mock': MEMORY_STORE, 'ioredis-mock': MEMORY_STORE, 'node-cache': MEMORY_STORE, 'lru-cache': MEMORY_STORE,
  memcached: MEMCACHED, memjs: MEMCACHED,
  'connect-mongo': MONGODB_STORE, 'connect-pg-simple': SQL_STORE, 'connect-session-sequelize': SQL_STORE, 'connect-session-knex': SQL_STORE, 'session-file-store': FILE_STORE,
  '@aws-sdk/client-s3': OBJECT_STORAGE, 'multer-s3': OBJECT_STORAGE, '@google-cloud/storage': OBJECT_STORAGE, '@azure/storage-blob': OBJECT_STORAGE, minio: OBJECT_STORAGE,
  'nodemailer-mock': MOCK_MAILER, '@sendgrid/mail': MAIL_SERVICE, 'mailgun.js': MAIL_SERVICE, 'mailgun-js': MAIL_SERVICE, postmark: MAIL_SERVICE,
  '@aws-sdk/client-ses': MAIL_SERVICE, 'nodemailer-sendgrid': MAIL_SERVICE, 'nodemailer-mailgun-transport': MAIL_SERVICE, resend: MAIL_SERVICE,
};

export function serviceKindOfModule(specifier: string): ServiceKind | undefined {
  return Object.hasOwn(MODULES, specifier) ? MODULES[specifier] : undefined;
}

const URL_SCHEMES: readonly [RegExp, ServiceKind][] = [
  [/^postgres(?:ql)?:\/\//i, POSTGRES],
  [/^(?:mysql|mariadb):\/\//i, MYSQL],
  [/^sqlite:/i, SQLITE],
  [/^(?:mssql|sqlserver):\/\//i, SQL_SERVER],
  [/^mongodb(?:\+srv)?:\/\//i, MONGODB],
  [/^rediss?:\/\//i, REDIS],
  [/^memcached:\/\//i, MEMCACHED],
  [/^smtps?:\/\//i, MAIL_SERVICE],
  [/^s3:\/\//i, OBJECT_STORAGE],
];

/** Names of settings that hold the address of a remote API the app calls: `cloudApiUrl`, `apiEndpoint`, `backendUrl`. */
const API_SETTING = /(?:api|endpoint|backend)\w*(?:url|uri|host|base)?$|^(?:api|service|backend)(?:url|uri|host|base)$/i;

/**
 * `cloudApiUrl = isProduction ? 'https://api.mockoon.com/environments' : 'http://localhost:5003/environments'`:
 * an API address, on this machine or hosted. Only for settings named for an API, not the app's own URL.
 */
export function serviceKindOfApiUrl(key: string, value: string): ServiceKind | undefined {
  const host = /^https?:\/\/([^/:?#]+)/i.exec(value.trim())?.[1];
  if (!host || !API_SETTING.test(key)) return undefined;
  return /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])$/i.test(host) ? LOCAL_API : HOSTED_API;
}

/**
 * `inProduction ? 'production' : 'staging'`: the tier of a vendor's backend handed to its client, so
 * anything but production talks to the staging one. Only these two words: `'development'` and
 * `'test'` name the app's own environment, not a backend.
 */
export function serviceKindOfBackendTier(value: string): ServiceKind | undefined {
  return value === 'staging' ? STAGING_BACKEND : value === 'production' ? PRODUCTION_BACKEND : undefined;
}

export function isBackendTier(kind: ServiceKind): boolean {
  return kind === STAGING_BACKEND || kind === PRODUCTION_BACKEND;
}

export function isStagingBackend(kind: ServiceKind): boolean {
  return kind === STAGING_BACKEND;
}

/** `postgres://…`, `sqlite::memory:`, `redis://…`. */
export function serviceKindOfUrl(value: string): ServiceKind | undefined {
  return URL_SCHEMES.find(([pattern]) => pattern.test(value.trim()))?.[1];
}

/** Keys whose value names the kind of service: knex `client`, Sequelize `dialect`, TypeORM `type`, cache `store`. */
const SETTING_KEY = /^(?:client|dialect|type|driver|adapter|provider|store|engine|transport|backend|storage|disk|connector)$/i;

const SETTING_VALUES: readonly [RegExp, ServiceKind][] = [
  [/^(?:pg|postgres|postgresql|pg-native|cockroachdb|postgis)$/i, POSTGRES],
  [/^(?:mysql2?|mariadb)$/i, MYSQL],
  [/^(?:sqlite3?|better-sqlite3|sqljs|sql\.js|expo-sqlite|capacitor|cordova|nativescript|react-native)$/i, SQLITE],
  [/^(?:mssql|tedious|sqlserver)$/i, SQL_SERVER],
  [/^(?:oracle|oracledb)$/i, ORACLE],
  [/^(?:mongodb|mongo)$/i, MONGODB],
  [/^(?:redis|ioredis)$/i, REDIS],
  [/^memcached?$/i, MEMCACHED],
  [/^(?:memory|in-memory|inmemory)$/i, MEMORY_STORE],
];

/** Words around a setting that make `local` a disk and `s3` a bucket. */
const STORAGE_CONTEXT = /storage|disk|upload|files?$|media|bucket|blob|asset|attachment|avatar|filesystem/i;
const MAIL_CONTEXT = /mail|smtp|mailer/i;
const STORAGE_VALUES: readonly [RegExp, ServiceKind][] = [
  [/^(?:local|disk|filesystem|fs)$/i, LOCAL_DISK],
  [/^(?:s3|aws|gcs|google|azure|minio|r2|spaces|cloudinary)$/i, OBJECT_STORAGE],
];
const MAIL_VALUES: readonly [RegExp, ServiceKind][] = [
  [/^(?:smtp|ses|sendgrid|mailgun|postmark|mandrill|sparkpost|mailjet|resend|sendinblue|brevo)$/i, MAIL_SERVICE],
  [/^(?:console|stream|json|log|mock|preview)$/i, MOCK_MAILER],
];

/**
 * The kind a setting names: `client: 'sqlite3'`, `dialect: 'postgres'`, `store: 'memory'`. `context`
 * holds the names around it (`uploads`, `mailer`), which `local` and `console` need to mean anything.
 */
export function serviceKindOfSetting(key: string, value: string, context: readonly string[]): ServiceKind | undefined {
  if (!SETTING_KEY.test(key)) return undefined;
  const found = SETTING_VALUES.find(([pattern]) => pattern.test(value))?.[1];
  if (found) return found;
  const around = [key, ...context];
  if (around.some((word) => STORAGE_CONTEXT.test(word))) return STORAGE_VALUES.find(([pattern]) => pattern.test(value))?.[1];
  if (around.some((word) => MAIL_CONTEXT.test(word))) return MAIL_VALUES.find(([pattern]) => pattern.test(value))?.[1];
  return undefined;
}

/** The kinds of constructor and factory calls whose name alone says it: `new MemoryStore()`, `multer.diskStorage()`. */
export function serviceKindOfCallee(name: string): ServiceKind | undefined {
  const last = name.split('.').pop() ?? '';
  if (last === 'MemoryStore') return MEMORY_STORE;
  if (last === 'RedisStore') return REDIS;
  if (last === 'diskStorage') return LOCAL_DISK;
  if (last === 'createTestAccount') return MOCK_MAILER;
  return undefined;
}

/** A nodemailer transport by its option keys: `streamTransport` and `jsonTransport` send nothing, the others do. */
export function serviceKindOfMailTransport(optionKeys: readonly string[]): ServiceKind {
  return optionKeys.some((key) => /^(?:streamTransport|jsonTransport)$/.test(key)) ? MOCK_MAILER : MAIL_SERVICE;
}

/** Two kinds of the same role that are not the same service. */
export function isDifferentKind(a: ServiceKind, b: ServiceKind): boolean {
  return a.role === b.role && a.kind !== b.kind;
}
