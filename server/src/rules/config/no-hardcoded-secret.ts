import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { fallbackOf, findProperty, getBindingName, getCalleeName, getMemberName, getMemberPath, getPropertyName, getStaticString, isFunctionNode, namesDatabase, unwrapExpression, withoutCompiledCounter } from '../_utils/ast';
import { inDisabledBlock } from '../_utils/branches';
import { isNonProductionPath } from '../../project/files';
import { getEnvHelperReadName, getEnvReadName, isEnvObject, toEnvName } from '../_utils/env';
import { moveToEnvFix } from '../_utils/fixes';
import { schemaEntryOf, schemaSetting } from '../_utils/configSchema';
import { endsInSecretWord, findTokenFormat, isPlaceholder, isSecretName, isUsableSecretValue, parseCredentialUrl, type SecretWording, type TokenFormat } from '../_utils/secrets';
import { projectPath } from '../_utils/modules';
import { isIgnoredStringPosition } from '../_utils/strings';
import { isBrowserFile, isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'knownToken' | 'namedSecret' | 'envFallback' | 'urlCredentials' | 'bundledKey';

export interface Options {
  /** Extra token formats (regular expressions) that are credentials wherever they appear. */
  readonly extraPatterns: readonly string[];
  /** Values that are known not to be secrets (shared demo keys, for example). */
  readonly allowedValues: readonly string[];
}

/** Calls whose argument is a signing or encryption secret, by callee and argument index. */
const SECRET_ARGUMENTS: ReadonlyMap<string, { index: number; name: string }> = new Map([
  ['jwt.sign', { index: 1, name: 'JWT_SECRET' }],
  ['jwt.verify', { index: 1, name: 'JWT_SECRET' }],
  ['jsonwebtoken.sign', { index: 1, name: 'JWT_SECRET' }],
  ['jsonwebtoken.verify', { index: 1, name: 'JWT_SECRET' }],
  ['sign', { index: 1, name: 'JWT_SECRET' }],
  ['verify', { index: 1, name: 'JWT_SECRET' }],
  ['crypto.createHmac', { index: 1, name: 'HMAC_SECRET' }],
  ['createHmac', { index: 1, name: 'HMAC_SECRET' }],
  ['cookieParser', { index: 0, name: 'COOKIE_SECRET' }],
  ['express.cookieParser', { index: 0, name: 'COOKIE_SECRET' }],
]);

/** Holders whose name says nothing about the service: `config.password` stays PASSWORD. */
const GENERIC_OWNERS = new Set(['CONFIG', 'CONF', 'SETTINGS', 'OPTIONS', 'OPTS', 'ENV', 'DEFAULTS', 'DEFAULT', 'APP', 'PARAMS', 'PROPS', 'CREDENTIALS', 'SECRETS', 'KEYS', 'EXPORTS', 'MODULE', 'AUTH']);

export default defineRule<MessageId, Options>({
  id: 'config/no-hardcoded-secret',
  severity: 'error',
  description: 'Credentials written into source code instead of read from the environment.',
  fixable: true,
  defaultOptions: { extraPatterns: [], allowedValues: [] },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      extraPatterns: { type: 'array', items: { type: 'string', format: 'regex' }, description: 'Extra token formats, as regular expressions.' },
      allowedValues: { type: 'array', items: { type: 'string' }, description: 'Values that are not secrets.' },
    },
  },
  // A secret-named binding or lookup given a string, a known token format, a password in a URL, or a
  // signing call: nothing else can be reported, so files without any of these are not parsed.
  triggers: new RegExp(
    [
      /(?:pass|pwd|secret|token|credential|(?:api|access|account|private|auth|signing|encryption|master|app|license)[_-]?key)\w*['"]?\s*(?::[^=\n;,{}]{0,60})?(?:[:=]|\|\||\?\?)\s*(?:Buffer\.from\(\s*)?['"`]/.source,
      // `getConfig('session.cookieSecret', 'keyboard cat')`: a secret setting's default in a lookup.
      /(?:pass|pwd|secret|token|credential|(?:api|access|private|auth|signing|encryption|master|app|license)[_-]?key)\w*['"`]\s*,\s*['"`]/.source,
      // A convict schema's setting: `tokenSecret: { doc: '…', format: String, default: 'catboat' }`.
      /(?:pass|pwd|secret|token|credential|(?:api|access|private|auth|signing|encryption|master|app|license)[_-]?key)\w*['"]?\s*:\s*\{[^{}]{0,400}?\bdefault['"]?\s*:\s*['"`]/.source,
      // `{ key: 'cookieSecret', default: '…' }`: a config item named by its `key`.
      /\b(?:key|name)\s*:\s*['"`][\w.-]*(?:pass|pwd|secret|token|credential)/.source,
      /[sr]k_(?:live|test)_|A(?:KIA|SIA|GPA|IDA|ROA|NPA)[0-9A-Z]{16}|gh[pousr]_\w{30}|github_pat_|xox[abposr]-|PRIVATE KEY-----/.source,
      /eyJ[\w-]{8,}\.eyJ|AIza[\w-]{30}|SG\.[\w-]{20}|npm_\w{30}|SK[0-9a-f]{32}|hooks\.slack\.com/.source,
      /:\/\/[^\s'"`/@]*:[^\s'"`/@]+@|\b(?:sign|verify|createHmac|cookieParser)\s*\(/.source,
      /\bkeys['"]?\s*[:=]\s*\[\s*['"`]/.source,
      // `process.env.AKISMET_KEY || '70542d86693e'`: a vendor's key with a generated-looking fallback.
      /_KEY\s*(?:\|\||\?\?)\s*['"`][A-Za-z0-9]{10,}['"`]/.source,
      // `(await getSecret('CRYPTO_KEY')) || 'SAMPLE_KEY'`: the fallback of a helper reading the variable or its file.
      /(?:get|read|load)Secret\s*\(\s*['"`]\w+['"`]\s*\)\s*\)?\s*(?:\|\||\?\?)\s*['"`]/.source,
      // `const DEFAULT_KEY = '…'` given to a variable read from the environment when it is unset.
      /\b(?:DEFAULT|FALLBACK)_\w+\s*=\s*['"`]/.source,
      /key['"]?\s*[:=]\s*\[\s*(?:(?:0x)?[\da-f]+\s*,\s*){15}/.source,
      // `path.resolve(__dirname, '../../tls/key.pem')`: a path to a key file.
      /\.(?:pem|key)['"`]/.source,
    ].join('|'),
    'i',
  ),
  messages: {
    knownToken:
      '{{kind}} is written into the code. Credentials differ per deploy and must never sit in the repository: read it from process.env.{{envName}}.',
    namedSecret:
      '"{{name}}" is set to a literal credential. Everyone with the code has it and every deploy shares it: read it from process.env.{{envName}}.',
    envFallback:
      'process.env.{{envName}} falls back to a literal credential, so a deploy that forgets the variable silently runs with a secret from the repository. Drop the fallback.',
    bundledKey:
      'This path points at {{file}}, a private key that ships with the package. Every install that keeps this default serves TLS or signs with a key anyone with the code has: read the key\'s path (or contents) from the environment and generate one per deploy.',
    urlCredentials:
      'This {{scheme}} URL for {{host}} carries a password in the code. Keep the whole URL in the environment (process.env.{{envName}}).',
  },
  create(context) {
    // Developer scripts and tool configuration never run in a deploy.
    if (isDevOnlyFile(context.project, context.source.path)) return {};
    // Browser code holds no deploy config, but a live provider key shipped to every visitor is still one.
    const tokensOnly = isBrowserFile(context.project.root, context.source.path, context.source.text);
    const check = (node: Node) => {
      checkString(context, node, tokensOnly);
      if (!tokensOnly) checkBundledKeyPath(context, node);
    };
    return { Literal: check, TemplateLiteral: check, ArrayExpression: (node) => tokensOnly || checkByteKey(context, node as TSESTree.ArrayExpression) };
  },
});

/**
 * `path.resolve(__dirname, '../../tls/key.pem')`, `` `${appRoot}/resources/certs/default/key.pem` ``: a path in the
 * code that ends in a private key file the package ships.
 */
function checkBundledKeyPath(context: FileRuleContext<MessageId, Options>, node: Node): void {
  const text = node.type === 'TemplateLiteral' ? node.quasis.at(-1)?.value.cooked : getStaticString(node);
  if (!text || !/\.(?:pem|key)$/.test(text)) return;
  // `'/../cert/dummy.key'` joined to `__dirname`: the segments that climb out of the code's folder are not the key's.
  const tail = text.replace(/\\/g, '/').replace(/^(?:\.{0,2}\/)+/, '');
  // A key named as an example or a dummy is still the one production code serves when the code names it.
  const shipped = context.project.files.privateKeys.filter((key) => !key.localhostOnly).map((key) => projectPath(context.project.root, key.path)).filter((relative) => !isNonProductionPath(relative));
  const file = shipped.find((relative) => relative === tail || relative.endsWith(`/${tail}`));
  if (file) context.report({ at: node, messageId: 'bundledKey', data: { file } });
}

/** `{ "New Content Type": "Neuer Inhaltstyp", "Password": "Passwort" }`: a table of UI texts keyed by their English wording. */
function inMessageCatalogue(node: Node): boolean {
  const property = node.parent;
  const object = property?.type === 'Property' && property.value === node ? property.parent : undefined;
  if (object?.type !== 'ObjectExpression') return false;
  const phrases = object.properties.filter((item) => item.type === 'Property' && item.key.type === 'Literal' && typeof item.key.value === 'string' && /\s/.test(item.key.value.trim()));
  return phrases.length >= 3;
}

const ENV_VARIABLE_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/** `authHost`, `databaseConfig.redis.password`: camelCase or dotted, unlike a value such as `localhost` or `hunter2`. */
const SETTING_PATH = /^[a-z][A-Za-z0-9]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NAME_SHAPE = /^.[^.A-Z]*[.A-Z]/;

/**
 * `{ LARAVEL_ECHO_SERVER_AUTH_HOST: 'authHost', LARAVEL_ECHO_SERVER_SSL_PASS: 'sslPassphrase', … }`: which setting each
 * environment variable fills. The values are the names of settings, not their values.
 */
function inSettingNameMap(node: Node): boolean {
  const property = node.parent;
  const object = property?.type === 'Property' && property.value === node ? property.parent : undefined;
  if (object?.type !== 'ObjectExpression' || object.properties.length < 3 || !NAME_SHAPE.test(getStaticString(node) ?? '')) return false;
  const values = object.properties.map((item) => (item.type === 'Property' && ENV_VARIABLE_NAME.test(getPropertyName(item.key) ?? '') ? getStaticString(item.value as Node) : undefined));
  const names = values.filter((value): value is string => value !== undefined && SETTING_PATH.test(value));
  // `host` and `port` are setting names too, but a map of them is told from one of values by its camelCase or dotted ones.
  return names.length === values.length && names.filter((name) => NAME_SHAPE.test(name)).length * 2 >= names.length;
}

/** Names of a key given as bytes: `network_key`, `encryptionKey`, `AES_KEY` (not a public one). */
const BYTE_KEY_NAME = /(?:^|_|[a-z])(?:key|Key|KEY)$/;

/** `network_key: [1, 3, 5, 7, 9, 11, 13, 15, 0, 2, 4, 6, 8, 10, 12, 13]`: an encryption key written into the code as 16 or more bytes. */
function checkByteKey(context: FileRuleContext<MessageId, Options>, array: TSESTree.ArrayExpression): void {
  if (array.elements.length < 16 || !array.elements.every((element) => element?.type === 'Literal' && typeof element.value === 'number' && Number.isInteger(element.value) && element.value >= 0 && element.value <= 255)) return;
  const name = getBindingName(array);
  if (!name || !BYTE_KEY_NAME.test(name) || /public/i.test(name) || inDisabledBlock(array)) return;
  context.report({ at: array, messageId: 'namedSecret', data: { name, envName: qualifiedEnvName(array, name) } });
}

function checkString(context: FileRuleContext<MessageId, Options>, node: Node, tokensOnly: boolean): void {
  const value = getStaticString(node);
  if (value === undefined || value.length < 3 || isIgnoredStringPosition(node) || context.options.allowedValues.includes(value)) return;
  if (isPublicIdentifier(node, value)) return;
  const { source } = context;
  const fallback = getEnvFallback(source, node);
  const replaced = fallback?.expression ?? node;
  const token = findTokenFormat(value) ?? configuredFormat(value, context.options.extraPatterns);
  const url = token || tokensOnly ? undefined : parseCredentialUrl(value);
  const signingKeys = signingKeysName(node);
  const sinkName = getSecretArgumentName(node);
  const name = fallback?.envName ?? configItemName(node) ?? getBindingName(decodingCallOf(node) ?? node) ?? sinkName ?? signingKeys ?? defaultedSettingName(node) ?? configDefaultName(node);

  if (token || url) {
    const envName = fallback?.envName ?? tokenEnvName(node, name, token?.envName ?? `${url!.scheme.toUpperCase().replace(/\W.*$/, '')}_URL`);
    const fix = fixFor(context, replaced, fallback, envName);
    if (token) context.report({ at: node, messageId: 'knownToken', data: { kind: token.kind, envName }, fix });
    else context.report({ at: node, messageId: 'urlCredentials', data: { scheme: url!.scheme, host: url!.host, envName }, fix });
    return;
  }
  if (!name || tokensOnly) return;
  const envStyle = toEnvName(name);
  if (fallback) {
    if ((isSecretName(envStyle) || isKeyLikeFallback(envStyle, value)) && !isPlaceholder(value) && value.trim().length > 0) {
      context.report({ at: node, messageId: 'envFallback', data: { envName: fallback.envName }, fix: fixFor(context, replaced, fallback, fallback.envName) });
    }
    return;
  }
  // `password: 'password'` names a form field elsewhere; beside a database's host and user it is the password.
  const labelName = inConnectionSettings(node) ? '' : name;
  const wording = sinkName !== undefined || isSessionMiddlewareSecret(node) ? 'signing' : secretWording(envStyle, signingKeys !== undefined);
  if ((!isSecretName(envStyle) && !signingKeys) || !isUsableSecretValue(value, labelName, wording) || isCategoryLabel(node, value)) return;
  if ((envStyle === 'PASS' && isVerdict(node)) || inDisabledBlock(node) || isVariableNameHolder(source, name, value) || isKnownWeakList(node) || isTokenizerRule(node) || inMessageCatalogue(node) || inSettingNameMap(node)) return;
  // A schema that reads the variable already (`env: 'AUTH_TOKEN_SECRET'`) needs its default dropped, not moved.
  const itemEnvName = configItemEnvName(node);
  if (itemEnvName) return context.report({ at: node, messageId: 'envFallback', data: { envName: itemEnvName } });
  // A schema's default is where the schema says to read the variable (`env: 'MEDIA_TOKEN_SECRET'`), which a fix cannot choose for it.
  const setting = schemaEntryOfDefault(node);
  const envName = qualifiedEnvName(setting ?? node, name);
  context.report({ at: node, messageId: 'namedSecret', data: { name, envName }, fix: setting ? undefined : fixFor(context, node, undefined, envName) });
}

/** `exports.EMULATOR_ACCOUNT_KEY = Buffer.from('Eby8…', 'base64')`: the key is the literal, decoded where it is written. */
function decodingCallOf(node: Node): TSESTree.CallExpression | undefined {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== node || getCalleeName(call) !== 'Buffer.from') return undefined;
  return /^(?:base64|base64url|hex)$/.test(getStaticString(call.arguments[1]) ?? '') ? call : undefined;
}

/**
 * `process.env.AKISMET_KEY || '70542d86693e'`: a vendor's key by the variable's name, whose fallback looks generated
 * (letters and digits run together), unlike `CACHE_KEY || 'sessions'`. `…_KEY` alone names too many things to trust.
 */
function isKeyLikeFallback(envName: string, value: string): boolean {
  return /_KEY$/.test(envName) && /^(?![A-Za-z]{4})(?=(?:[^\d]*\d){3})(?=(?:[^A-Za-z]*[A-Za-z]){2})[A-Za-z0-9]{10,}$/.test(value.trim());
}

/**
 * A value in the settings of a connection: `{ host: '127.0.0.1', user: 'root', password: 'password', database: 'main' }`,
 * also as a setting's fallback (`password: config.rootPassword || 'root_iobroker'`).
 */
function inConnectionSettings(node: Node): boolean {
  const value = node.parent?.type === 'LogicalExpression' && node.parent.right === node ? node.parent : node;
  const object = value.parent?.type === 'Property' ? value.parent.parent : undefined;
  if (object?.type !== 'ObjectExpression') return false;
  return namesDatabase(object) || (findProperty(object, 'host') !== undefined && (findProperty(object, 'user') ?? findProperty(object, 'username')) !== undefined);
}

/** Session and cookie middleware that sign with their `secret` option. */
const SESSION_MIDDLEWARE = /^(?:session|expressSession|cookieSession|cookieParser)$/;

/**
 * `session({ secret: 'The universe works on a math equation that never even ever really ends in the end' })`:
 * whatever words are there sign every session cookie.
 */
function isSessionMiddlewareSecret(node: Node): boolean {
  const property = node.parent;
  const options = property?.type === 'Property' && property.value === node && getPropertyName(property.key) === 'secret' ? property.parent : undefined;
  const call = options?.parent;
  return call?.type === 'CallExpression' && call.arguments[0] === options && SESSION_MIDDLEWARE.test(getMemberPath(call.callee)?.at(-1) ?? '');
}

function secretWording(envStyle: string, signingKeys: boolean): SecretWording {
  if (/PASSPHRASE$/.test(envStyle)) return 'sentence';
  return /SECRET/.test(envStyle) || signingKeys ? 'phrase' : 'word';
}

/**
 * The default of a config item: named by its `key` (`{ key: 'cookieSecret', envVar: 'SQLPAD_COOKIE_SECRET', default: 'secret-used-to-sign-cookies' }`),
 * or, in a convict schema, by the setting that holds it (`secret: { doc: '…', format: String, default: 'superSecret', env: 'AUTH_TOKEN_SECRET' }`).
 */
function configItemName(node: Node): string | undefined {
  const item = configItemOf(node);
  const key = item && (findProperty(item, 'key') ?? findProperty(item, 'name'));
  if (key) return getStaticString(key.value as Node);
  const entry = schemaEntryOfDefault(node);
  return entry && schemaSetting(entry)?.name;
}

/** The schema entry (`tokenSecret: { doc, format, default }`) a default belongs to, when no `key` names it. */
function schemaEntryOfDefault(node: Node): TSESTree.ObjectExpression | undefined {
  const item = configItemOf(node);
  return item && !findProperty(item, 'key') && !findProperty(item, 'name') && schemaEntryOf(node.parent as TSESTree.Property) && schemaSetting(item) ? item : undefined;
}

/** The object a `default:` belongs to; not a question to the operator (`{ message: 'Secret access key', key: 'secret', default: 'client-secret' }`), whose default is only a suggested answer. */
function configItemOf(node: Node): TSESTree.ObjectExpression | undefined {
  const property = node.parent;
  if (property?.type !== 'Property' || property.value !== node || !/^default(?:Value)?$/.test(getPropertyName(property.key) ?? '') || property.parent.type !== 'ObjectExpression') return undefined;
  const item = property.parent;
  return PROMPT_KEYS.some((key) => findProperty(item, key)) ? undefined : item;
}

const PROMPT_KEYS = ['message', 'label', 'prompt', 'question'];

/** The variable a config item is read from when set (`env: 'AUTH_TOKEN_SECRET'`, `envVar: 'SQLPAD_COOKIE_SECRET'`), which its default stands in for. */
function configItemEnvName(node: Node): string | undefined {
  const item = configItemOf(node);
  const env = item && (findProperty(item, 'env') ?? findProperty(item, 'envVar'));
  return env ? getStaticString(env.value as Node) : undefined;
}

/**
 * `options.secret || 'development'`, `typeof config.dbpassword === 'undefined' ? 'ydoc' : config.dbpassword`:
 * the literal a setting falls back to when nobody set it.
 */
function defaultedSettingName(node: Node): string | undefined {
  const parent = node.parent;
  const setting =
    parent?.type === 'LogicalExpression' && parent.right === node && parent.operator !== '&&' ? parent.left
    : parent ? (compiledNullishLeft(parent, node) ?? conditionalSetting(parent, node)) : undefined;
  if (!setting) return undefined;
  const left = unwrapExpression(setting);
  const name = left.type === 'MemberExpression' ? getMemberName(left) : left.type === 'Identifier' ? left.name : undefined;
  // `duplicateDeviceTokenAction || 'delete'` only mentions a token.
  return name !== undefined && endsInSecretWord(toEnvName(name)) ? name : undefined;
}

/**
 * The left side of `a ?? 'x'` as TypeScript compiles it for older targets: `jwt_secret !== null &&
 * jwt_secret !== void 0 ? jwt_secret : 'x'`, or through a temporary, `(_a = options.secret) !== null && _a !== void 0 ? _a : 'x'`.
 */
function compiledNullishLeft(parent: Node, node: Node): Node | undefined {
  if (parent.type !== 'ConditionalExpression' || parent.alternate !== node || parent.test.type !== 'LogicalExpression' || parent.test.operator !== '&&') return undefined;
  const checked = parent.test.left.type === 'BinaryExpression' && parent.test.left.operator === '!==' ? unwrapExpression(parent.test.left.left) : undefined;
  const result = getMemberPath(parent.consequent)?.join('.');
  if (checked?.type === 'AssignmentExpression') return result !== undefined && getMemberPath(checked.left)?.join('.') === result ? checked.right : undefined;
  return result !== undefined && checked !== undefined && getMemberPath(checked)?.join('.') === result ? parent.consequent : undefined;
}

/** `x ? x : 'v'`, `!x ? 'v' : x`, `typeof x === 'undefined' ? 'v' : x`: the setting `x` the other branch reads, when the test checks it. */
function conditionalSetting(parent: Node, node: Node): Node | undefined {
  if (parent.type !== 'ConditionalExpression' || parent.test === node) return undefined;
  const other = parent.consequent === node ? parent.alternate : parent.consequent;
  const path = getMemberPath(other)?.join('.');
  return path !== undefined && testedValues(parent.test).some((tested) => getMemberPath(tested)?.join('.') === path) ? other : undefined;
}

function testedValues(test: Node): Node[] {
  const value = unwrapExpression(test);
  if (value.type === 'UnaryExpression') return testedValues(value.argument);
  if (value.type === 'BinaryExpression') return [...testedValues(value.left as Node), ...testedValues(value.right)];
  return [value];
}

const APP_OBJECT = /^(?:app|\w*App|server|koa)$/;

/** What takes the keys that sign cookies as a `keys` option: Koa, and cookie-session's middleware. */
const COOKIE_SIGNER = /(?:^|\.)(?:Koa|cookieSession|CookieSession|cookie_session)$/;

/** `app.keys = ['todokey', …]`, `new Koa({ keys: [...] })`, `cookieSession({ keys: ['jingo'] })`: the keys that sign the app's cookies. */
function signingKeysName(node: Node): string | undefined {
  const list = node.parent;
  if (list?.type !== 'ArrayExpression') return undefined;
  const holder = list.parent;
  const assigned = holder?.type === 'AssignmentExpression' && holder.right === list && holder.left.type === 'MemberExpression' && getMemberName(holder.left) === 'keys' && APP_OBJECT.test(getMemberPath(holder.left.object)?.at(-1) ?? '');
  const signer = holder?.type === 'Property' ? holder.parent.parent : undefined;
  const constructed = holder?.type === 'Property' && holder.value === list && getPropertyName(holder.key) === 'keys' && (signer?.type === 'NewExpression' || signer?.type === 'CallExpression') && COOKIE_SIGNER.test(getCalleeName(signer) ?? '');
  return assigned || constructed ? 'COOKIE_KEYS' : undefined;
}

/** Keys of a Firebase web config: the `apiKey` beside them identifies the project to browsers and is public by design. */
const WEB_CLIENT_CONFIG_KEYS = ['authDomain', 'projectId', 'messagingSenderId', 'appId', 'storageBucket', 'measurementId'];

/**
 * Identifiers meant for browsers: publishable keys (`pk.…` for Mapbox, `pk_live_…` for Stripe), PostHog project keys
 * (`phc_…`, which only send events in), and web client configs.
 */
function isPublicIdentifier(node: Node, value: string): boolean {
  if (/^(?:pk[._]|phc_)/.test(value)) return true;
  const object = node.parent?.type === 'Property' ? node.parent.parent : undefined;
  return object?.type === 'ObjectExpression' && WEB_CLIENT_CONFIG_KEYS.filter((key) => findProperty(object, key)).length >= 2;
}

/** Settings of a syntax highlighter's rule: `{ token: 'keyword', regex: '…', next: 'value' }`, `{ defaultToken: 'text', caseInsensitive: true }`. */
const TOKENIZER_RULE_KEY = /^(?:regex|next|push|caseInsensitive)$/;

function isTokenizerRule(node: Node): boolean {
  const property = node.parent;
  if (property?.type !== 'Property' || property.parent?.type !== 'ObjectExpression') return false;
  const object = property.parent;
  // `[{ token: 'keyword', regex: … }, { defaultToken: 'variable' }]`: the last rule of a state names no pattern.
  const rules = object.parent?.type === 'ArrayExpression' ? object.parent.elements : [object];
  return rules.some((rule) => rule?.type === 'ObjectExpression' && rule.properties.some((other) => other.type === 'Property' && TOKENIZER_RULE_KEY.test(getPropertyName(other.key) ?? '')));
}

/**
 * `{ members_private_key: 'core', title: 'site', db_hash: 'core' }`: a lookup table that files
 * settings into groups. The same value under a key that names no secret makes it a label.
 */
function isCategoryLabel(node: Node, value: string): boolean {
  const property = node.parent;
  if (property?.type !== 'Property' || property.parent?.type !== 'ObjectExpression') return false;
  return property.parent.properties.some((other) => {
    if (other === property || other.type !== 'Property' || getStaticString(other.value as Node) !== value) return false;
    const key = getPropertyName(other.key);
    // `{ user: 'admin', password: 'admin' }` is a credential pair, not a table.
    return key !== undefined && !isSecretName(toEnvName(key)) && !USER_KEY.test(key);
  });
}

/**
 * `const adminPassword = 'ME_CONFIG_MONGODB_ADMINPASSWORD'` read through `getFileEnv(adminPassword)`:
 * the value names the environment variable that holds the secret.
 */
function isVariableNameHolder(source: SourceCode, name: string, value: string): boolean {
  if (!/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return false;
  const escaped = name.replace(/\$/g, '\\$');
  return new RegExp(`[[(]\\s*${escaped}\\s*[\\]),]`).test(source.text);
}

/** Names of lists of values the app refuses: `WEAK_DEFAULTS`, `insecureSecrets`, `BLOCKED_PASSWORDS`. */
const REFUSED_LIST = /(?:weak|insecure|unsafe|forbidden|banned|blocked|denied|deny|black)[_-]?(?:list|defaults?|secrets?|passwords?|values?|keys?)?$/i;

/** `const WEAK_DEFAULTS = { JWT_SECRET: 'AABBCC…' }`: known-bad values kept to reject them, not to use them. */
function isKnownWeakList(node: Node): boolean {
  const holder = node.parent?.type === 'Property' ? node.parent.parent : node.parent;
  if (holder?.type !== 'ObjectExpression' && holder?.type !== 'ArrayExpression') return false;
  const name = getBindingName(holder);
  return name !== undefined && REFUSED_LIST.test(name);
}

const USER_KEY = /^(?:user|username|user_name|userName|login|email|account|name|id)$/i;
const CREDENTIAL_HOLDER = /auth|cred|login|account|smtp|mail|db|database|proxy|basic/i;

/**
 * `{ pass: 'queued' }`: a bare `pass` with no user beside it and no credentials block around it
 * is a pass/fail outcome, not a password.
 */
function isVerdict(node: Node): boolean {
  const property = node.parent;
  if (property?.type !== 'Property' || property.parent?.type !== 'ObjectExpression') return false;
  const object = property.parent;
  const hasUser = object.properties.some((other) => other.type === 'Property' && USER_KEY.test(getPropertyName(other.key) ?? ''));
  const holder = object.parent?.type === 'Property' ? getPropertyName(object.parent.key) : undefined;
  return !hasUser && !CREDENTIAL_HOLDER.test(holder ?? '');
}

function configuredFormat(value: string, patterns: readonly string[]): TokenFormat | undefined {
  const matched = patterns.find((pattern) => new RegExp(pattern).test(value));
  return matched === undefined ? undefined : { kind: 'A value matching a configured secret pattern', pattern: new RegExp(matched), envName: 'SECRET' };
}

interface EnvFallback {
  /** The whole `process.env.X || 'literal'` expression the fix collapses. */
  readonly expression: Node;
  readonly envName: string;
  /** What the expression becomes without the literal; none when the literal is assigned apart (`if (!KEY) KEY = DEFAULT_KEY`), which no one edit removes. */
  readonly replacement?: string;
}

/** `process.env.X || 'v'`, `process.env.X ?? 'v'`, `process.env.X ? process.env.X : 'v'`, `{ X = 'v' } = process.env`. */
function getEnvFallback(source: SourceCode, node: Node): EnvFallback | undefined {
  const parent = node.parent;
  if (parent?.type === 'LogicalExpression' && parent.right === node && parent.operator !== '&&') {
    const envName = getEnvReadName(source, parent.left) ?? getEnvHelperReadName(source, parent.left);
    return envName ? { expression: parent, envName, replacement: source.getText(parent.left) } : undefined;
  }
  if (parent?.type === 'ConditionalExpression' && parent.test !== node) {
    const envName = getEnvReadName(source, parent.test);
    return envName ? { expression: parent, envName, replacement: source.getText(parent.test) } : undefined;
  }
  const assigned = unsetEnvFallback(source, node);
  if (assigned) return { expression: node, envName: assigned };
  if (parent?.type === 'AssignmentPattern' && parent.right === node) {
    const property = parent.parent;
    const declarator = property?.parent?.parent;
    if (property?.type === 'Property' && declarator?.type === 'VariableDeclarator' && declarator.init && isEnvObject(source, declarator.init)) {
      const envName = getPropertyName(property.key);
      return envName ? { expression: parent, envName, replacement: source.getText(parent.left) } : undefined;
    }
  }
  return undefined;
}

/** `DEFAULT_KEY`, `defaultSecret`, `FALLBACK_TOKEN`: a const named for what stands in when nothing is set. */
const DEFAULT_CONST = /^(?:DEFAULT|FALLBACK)_|_(?:DEFAULT|FALLBACK)$|^(?:default|fallback)[A-Z]/;

/**
 * `let { AKISMET_KEY } = process.env; if (!AKISMET_KEY) AKISMET_KEY = DEFAULT_KEY;` with `const DEFAULT_KEY = '70542d86693e'`:
 * the literal a const named for a default holds, which a variable read from the environment is given when it is unset.
 * The variable's name. (A literal written in the `if` itself is named by the variable it is given.)
 */
function unsetEnvFallback(source: SourceCode, node: Node): string | undefined {
  const parent = node.parent;
  if (parent?.type !== 'VariableDeclarator' || parent.id.type !== 'Identifier' || !DEFAULT_CONST.test(parent.id.name)) return undefined;
  const constant = parent.id.name;
  let envName: string | undefined;
  walkSubtree(source.ast, (child) => {
    if (child.type === 'AssignmentExpression' && child.right.type === 'Identifier' && child.right.name === constant && child.left.type === 'Identifier' && isUnsetGuarded(child, child.left.name)) {
      envName = envVariableName(source, child.left.name);
    }
    return envName === undefined;
  });
  return envName;
}

/** Inside `if (!name)`: the assignment only fills in a missing value. */
function isUnsetGuarded(assignment: Node, name: string): boolean {
  for (let child: Node = assignment, parent = assignment.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type !== 'IfStatement' || parent.consequent !== child) continue;
    const test = parent.test;
    return test.type === 'UnaryExpression' && test.operator === '!' && test.argument.type === 'Identifier' && test.argument.name === name;
  }
  return false;
}

/** The environment variable a variable of the file was read from: `let { AKISMET_KEY } = process.env`, `let key = process.env.AKISMET_KEY`. */
function envVariableName(source: SourceCode, name: string): string | undefined {
  let envName: string | undefined;
  walkSubtree(source.ast, (child) => {
    if (child.type !== 'VariableDeclarator' || !child.init) return true;
    if (child.id.type === 'Identifier' && child.id.name === name) envName = getEnvReadName(source, child.init);
    if (child.id.type === 'ObjectPattern' && isEnvObject(source, child.init)) {
      const property = child.id.properties.find((item) => item.type === 'Property' && item.value.type === 'Identifier' && item.value.name === name);
      if (property?.type === 'Property') envName = getPropertyName(property.key);
    }
    return envName === undefined;
  });
  return envName;
}

function fixFor(context: FileRuleContext<MessageId, Options>, target: Node, fallback: EnvFallback | undefined, envName: string) {
  if (fallback && fallback.replacement === undefined) return undefined;
  return fallback
    ? moveToEnvFix(context.project, fallback.expression, envName, fallback.replacement)
    : moveToEnvFix(context.project, target, envName);
}

function getSecretArgumentName(node: Node): string | undefined {
  // `cookieParser(settings.cookie_secret || 'subway_secret')`: the literal is the secret whenever the setting is missing.
  const argument = node.parent && fallbackOf(node.parent) === node ? node.parent : node;
  const call = argument.parent;
  if (call?.type !== 'CallExpression' && call?.type !== 'NewExpression') return undefined;
  const sink = SECRET_ARGUMENTS.get(getCalleeName(call) ?? '');
  return sink && call.arguments[sink.index] === argument ? sink.name : undefined;
}

const CONFIG_GETTER = /^(?:get|getConfig|getSetting|getOption|config|setting|option)$/i;

/** `getConfig('system.session.cookieSecret', 'keyboard cat')`: the default a config lookup of a secret setting returns when nothing is set. */
function configDefaultName(node: Node): string | undefined {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || call.arguments[1] !== node || !CONFIG_GETTER.test(getMemberPath(call.callee)?.at(-1) ?? '')) return undefined;
  const name = getStaticString(call.arguments[0])?.split('.').at(-1);
  return name && endsInSecretWord(toEnvName(name)) ? name : undefined;
}

/** A token bound to a name that says what it is keeps that name; `const github = 'ghp_…'` reads GITHUB_TOKEN. */
function tokenEnvName(node: Node, name: string | undefined, formatName: string): string {
  return name && isSecretName(toEnvName(name)) ? qualifiedEnvName(node, name) : formatName;
}

/** `db: { password: 'x' }` reads DB_PASSWORD: a bare PASSWORD would collide with every other password. */
function qualifiedEnvName(node: Node, name: string): string {
  const envName = toEnvName(name);
  const owner = toEnvName(enclosingKey(node) ?? '');
  if (!owner || GENERIC_OWNERS.has(owner) || envName.startsWith(`${owner}_`)) return envName;
  return `${owner}_${envName}`;
}

function enclosingKey(node: Node): string | undefined {
  const object = node.parent?.type === 'Property' ? node.parent.parent : undefined;
  // `{ host, username, password, database }`: a database's credentials, whatever call they go to.
  if (object?.type === 'ObjectExpression' && namesDatabase(object)) return 'DB';
  const holder = object?.parent;
  if (holder?.type === 'Property') return getPropertyName(holder.key);
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') return holder.id.name;
  if (holder?.type === 'CallExpression' || holder?.type === 'NewExpression') {
    const callee = getCalleeName(holder as TSESTree.CallExpression);
    return callee && withoutCompiledCounter(callee.split('.')[0]);
  }
  return undefined;
}
