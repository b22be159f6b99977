/**
 * What a credential looks like: known token formats, names that hold secrets, and values
 * that are only placeholders. Token formats follow the providers' published key prefixes.
 */
export interface TokenFormat {
  readonly kind: string;
  readonly pattern: RegExp;
  /** The variable a fix reads when nothing in the code names the value. */
  readonly envName: string;
}

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  { kind: 'A Stripe secret key', pattern: /\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}\b/, envName: 'STRIPE_SECRET_KEY' },
  { kind: 'An AWS access key id', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/, envName: 'AWS_ACCESS_KEY_ID' },
  { kind: 'A GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/, envName: 'GITHUB_TOKEN' },
  { kind: 'A Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, envName: 'SLACK_TOKEN' },
  { kind: 'A Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/, envName: 'SLACK_WEBHOOK_URL' },
  // The key material, not the bare header a parser splits a PEM file on (`pem.split('-----BEGIN PRIVATE KEY-----')`).
  { kind: 'A private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----[^]{0,200}?[A-Za-z0-9+/]{20}/, envName: 'PRIVATE_KEY' },
  { kind: 'A JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/, envName: 'JWT_TOKEN' },
  { kind: 'A Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, envName: 'GOOGLE_API_KEY' },
  { kind: 'A SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/, envName: 'SENDGRID_API_KEY' },
  { kind: 'An npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/, envName: 'NPM_TOKEN' },
  { kind: 'A Twilio API key', pattern: /\bSK[0-9a-f]{32}\b/, envName: 'TWILIO_API_KEY' },
];

export function findTokenFormat(value: string): TokenFormat | undefined {
  return TOKEN_FORMATS.find((format) => {
    const match = format.pattern.exec(value);
    return match !== null && !isRepetitive(match[0]);
  });
}

/** `sk_live_xxxxxxxxxxxxxxxx` is a documentation sample, not a key. */
function isRepetitive(token: string): boolean {
  const body = token.replace(/^[A-Za-z]+[_-](?:live_|test_)?/, '');
  return new Set(body).size < 6;
}

const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'PASSPHRASE', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS']);
const SECRET_PAIRS = new Set(['API_KEY', 'ACCESS_KEY', 'ACCOUNT_KEY', 'PRIVATE_KEY', 'AUTH_KEY', 'SECRET_KEY', 'SIGNING_KEY', 'ENCRYPTION_KEY', 'CIPHER_KEY', 'CRYPTO_KEY', 'MASTER_KEY', 'APP_KEY', 'LICENSE_KEY']);
/** Names that describe a secret rather than hold one. */
const DESCRIPTIVE_LAST_WORDS = new Set([
  'URL', 'URI', 'PATH', 'HEADER', 'FIELD', 'NAME', 'TYPE', 'LENGTH', 'LEN', 'REGEX', 'REGEXP', 'PATTERN', 'LABEL',
  'MESSAGE', 'MSG', 'TEXT', 'TITLE', 'HINT', 'PLACEHOLDER', 'PREFIX', 'SUFFIX', 'PARAM', 'ENDPOINT', 'ID', 'FILE',
  'DIR', 'ERROR', 'PROMPT', 'DESCRIPTION', 'COOKIE', 'ROUTE', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'TTL', 'TIMEOUT',
  'ALGORITHM', 'ALG', 'ENCODING', 'FORMAT', 'STRATEGY', 'SCOPE', 'SCOPES', 'VERSION', 'POLICY', 'MODE', 'STATUS',
  'EVENT', 'ACTION', 'KIND', 'HASH', 'ENV', 'VAR', 'VARIABLE', 'COLUMN', 'TABLE', 'ATTRIBUTE', 'ATTR', 'STORAGE', 'PROVIDER', 'KEY',
  'AUDIENCE', 'ISSUER', 'SOURCE', 'ORIGIN', 'LOCATION', 'METHOD', 'COUNT', 'LIMIT', 'MAX', 'MIN', 'SIZE', 'INTERVAL',
  'NAMESPACE', 'NS', 'CHANNEL', 'QUEUE', 'TOPIC', 'COLLECTION', 'SUBJECT', 'LIFETIME', 'AGE', 'DURATION',
]);
/** `PREFIX_LEGACY_API_KEY = 'n8n_api_'`: the fixed part every key starts with, not a key. */
const AFFIX_WORDS = new Set(['PREFIX', 'SUFFIX']);
/** Words of names that hold no secret: public keys, anti-forgery tokens, and the markers that stand in for a redacted secret. */
const PUBLIC_WORDS = new Set(['PUBLIC', 'PUBLISHABLE', 'CSRF', 'XSRF', 'REDACTED', 'BLANK', 'BLANKING', 'MASK', 'MASKED', 'SENTINEL', 'OBFUSCATED']);

/**
 * Words that make a name describe something that happened to a credential rather than hold one:
 * `passwordWrong: '464'` (an IRC reply code), `ERROR_INVALID_TOKEN: '001'` (an error code).
 */
const CONDITION_WORDS = new Set(['ERROR', 'ERR', 'INVALID', 'WRONG', 'BAD', 'INCORRECT', 'MISMATCH', 'MISSING', 'EXPIRED', 'REJECTED', 'DENIED', 'FAILED']);

/** True when a variable or property of this name holds a credential. */
export function isSecretName(envStyleName: string): boolean {
  const words = envStyleName.split('_').filter(Boolean);
  if (words.length === 0 || words.some((word) => PUBLIC_WORDS.has(word) || AFFIX_WORDS.has(word))) return false;
  const last = words[words.length - 1];
  if (CONDITION_WORDS.has(words[0]) || CONDITION_WORDS.has(last)) return false;
  const pairEnding = words.length >= 2 && SECRET_PAIRS.has(`${words[words.length - 2]}_${last}`);
  if (DESCRIPTIVE_LAST_WORDS.has(last) && !pairEnding) return false;
  return pairEnding || words.some(isSecretWord) || words.some((word, i) => SECRET_PAIRS.has(`${word}_${words[i + 1]}`));
}

/** `PASSWORD`, and a word run together with what it guards: `rpcpassword`, `dbpassword`, `CLIENTSECRET`. */
function isSecretWord(word: string): boolean {
  return SECRET_WORDS.has(word) || COMPOUND_SECRET_WORD.test(word);
}

const COMPOUND_SECRET_WORD = /^[A-Z0-9]+(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|APIKEY)$/;

/** Names that end in the credential itself (`secret`, `webhookSecret`, `ADMIN_PASSWORD`, `apiKey`), not only mention one. */
export function endsInSecretWord(envStyleName: string): boolean {
  const words = envStyleName.split('_').filter(Boolean);
  const last = words[words.length - 1];
  return last !== undefined && (isSecretWord(last) || (words.length >= 2 && SECRET_PAIRS.has(`${words[words.length - 2]}_${last}`))) && isSecretName(envStyleName);
}

const PLACEHOLDERS = [
  /^<[^>]*>$/,
  /\$\{[^}]*\}/,
  /\{\{[^}]*\}\}/,
  /^%[^%]*%$/,
  /^\$[A-Z_][A-Z0-9_]*$/,
  /^(?:x{3,}|\*{3,}|\.{3,}|-+|_+|#+)$/i,
  /\byour[-_ ]?[a-z0-9_ -]*(?:key|secret|token|password|pass)\b/i,
  /^(?:replace|insert|enter|put|add|set)[-_ ](?:me|your|here|this)/i,
  /[-_ ]here$/i,
  /^(?:todo|tbd|fixme|placeholder|example|dummy|sample|redacted|none|null|undefined|unknown|unset|n\/a|string|required|optional)$/i,
  // `testMasterKey`, `test-secret`, `dummy_token`: named for a test.
  /^(?:test|dummy|fake|mock)(?:[A-Z_-]|$)/,
  // `'proxy-managed'`, `'not-needed'`: says where the real credential comes from, or that none is used.
  /^[a-z]+[-_](?:managed|provided|injected|supplied)$|^not[-_](?:needed|required|used|set)$/i,
];

export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length === 0 || PLACEHOLDERS.some((pattern) => pattern.test(trimmed)) || isRepeatedChunk(trimmed);
}

/** `asdfasdfasdf`, `abcabcabc`, `123412341234`: a few keys typed over and over, a stand-in for a value. */
function isRepeatedChunk(value: string): boolean {
  return /^(.{1,4})\1{2,}$/.test(value);
}

/** Words that name a scheme, algorithm or field: the value describes a secret, it is not one. */
const DESCRIPTIVE_VALUES = new Set([
  'bearer', 'basic', 'digest', 'jwt', 'hex', 'base64', 'base64url', 'utf8', 'utf-8', 'binary', 'sha1', 'sha256', 'sha384', 'sha512',
  'md5', 'hs256', 'hs384', 'hs512', 'rs256', 'rs512', 'es256', 'aes-256-cbc', 'aes-256-gcm', 'authorization', 'x-api-key',
  'access_token', 'refresh_token', 'id_token', 'api_key', 'apikey', 'client_secret', 'hidden', 'text', 'true', 'false', 'oauth', 'oauth2',
  // fetch's `credentials` modes.
  'include', 'same-origin', 'omit',
]);

/**
 * How much prose a secret may be: none for keys and tokens, a short phrase for session secrets
 * ("keyboard cat"), any sentence for a passphrase, whose words are the secret. `signing`: the value
 * a signing call or middleware is handed, which is the secret whatever it looks like (`'subway_secret'`).
 */
export type SecretWording = 'word' | 'phrase' | 'sentence' | 'signing';

/**
 * True when a literal assigned to a secret-looking name is a usable credential rather than
 * a label, field name, route, or message.
 */
export function isUsableSecretValue(value: string, name: string, wording: SecretWording): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 3 || isPlaceholder(trimmed)) return false;
  if (DESCRIPTIVE_VALUES.has(trimmed.toLowerCase())) return false;
  // The name itself or a piece of it: `pass` for a password, `token` for an apiToken.
  if (normalize(trimmed) === normalize(name) || normalize(name).endsWith(normalize(trimmed)) || normalize(name).startsWith(normalize(trimmed))) return false;
  // `client_secret: 'GOOGLE_CLIENT_SECRET'`: the name of the variable to put there, not a value (a `DEFAULT_…` one is the value).
  if (/^(?!DEFAULT_|FALLBACK_)[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(trimmed) && normalize(trimmed).endsWith(normalize(name))) return false;
  if (/\s/.test(trimmed) && wording !== 'sentence' && wording !== 'signing' && (wording === 'word' || /[.!?:]$/.test(trimmed) || trimmed.split(/\s+/).length > 6)) return false;
  if (wording === 'signing') return !/^(?:\/|\.\.?\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(trimmed);
  // `'__ES6-PROMISIFY--CUSTOM-ARGUMENTS__'`: a marker a library compares against.
  if (/^__[\w-]+__$/.test(trimmed)) return false;
  if (/^(?:\/|\.\.?\/|[a-z][a-z0-9+.-]*:\/\/|:|#|@)/i.test(trimmed)) return false;
  // `'user.password'`, `'new_password'`: a setting's or a field's name; beside a database's host and user (no name to go by), `'root_iobroker'` is the password.
  if (/^[a-z]+(?:[._][a-z]+)+$/.test(trimmed) && (name !== '' || trimmed.includes('.'))) return false;
  // `'appManager.array.apps.0.secret'`: the path of a setting an environment variable is mapped to.
  // Short words, unlike the long random parts of a JWT or a Mapbox token (`sk.eyJ1Ijoi….abcdef…`).
  if (/^[a-z][a-zA-Z0-9]{0,23}(?:\.(?:[a-zA-Z][a-zA-Z0-9]{0,23}|\d+)){2,}$/.test(trimmed)) return false;
  // `'apikeys:import'`, `'tokens:write'`: a permission scope.
  if (/^[a-z][a-zA-Z]*(?::[a-z][\w-]*)+$/.test(trimmed)) return false;
  // `'credentialsId'`, `'shared_credentials_2'`: a column or table named for credentials, not one.
  if (/^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$/.test(trimmed) && /credential/i.test(trimmed)) return false;
  // `'30d'`, `'12 hours'`: a duration.
  if (/^\d+(?:\.\d+)?\s*(?:ms|s|m|h|d|w|y|sec(?:ond)?s?|min(?:ute)?s?|hours?|days?|weeks?|years?)$/i.test(trimmed)) return false;
  return true;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `scheme://user:password@host` with a real password. */
export function parseCredentialUrl(value: string): { scheme: string; host: string } | undefined {
  const match = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:/@]*):([^\s@/]+)@([^\s/?#:]+)/i.exec(value);
  if (!match) return undefined;
  const password = decodeSafely(match[3]);
  if (isPlaceholder(password) || isSampleCredential(match[2], password, match[4])) return undefined;
  return { scheme: match[1].toLowerCase(), host: match[4] };
}

/** `mongodb://username:password@host`: a documentation sample, not a deploy's credentials. */
function isSampleCredential(user: string, password: string, host: string): boolean {
  const genericPassword = /^(?:password|passwd|pass|pwd|secret)$/i.test(password);
  return genericPassword && (/^(?:user|username|usr|login|)$/i.test(user) || /^(?:host|hostname|server)$/i.test(host));
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
