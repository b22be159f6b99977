import rule from '../../../server/src/rules/config/no-config-file-secret';
import { HOST_CERT, HOST_KEY, LOCALHOST_CERT, LOCALHOST_KEY } from '../../support/keyPairs';
import { projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const MESSAGE = (key: string, env: string) =>
  `\`${key}\` is a literal credential in a config file the package ships. Every deploy that keeps the file runs with a secret that anyone with the code knows, and changing it means a new release: leave it empty here and read it from the environment (${env}).`;

runRuleTests(rule, {
  valid: [
    {
      name: 'a TLS key whose certificate beside it is issued only to localhost and loopback addresses (lws)',
      code: '',
      project: projectFixture({ 'ssl/private-key.pem': LOCALHOST_KEY, 'ssl/lws-cert.pem': LOCALHOST_CERT }),
    },
    { name: 'translations kept beside the config, whose values are labels', code: '', project: projectFixture({ 'config/lang/de.json': '{\n  "username": "Benutzername",\n  "password": "Passwort"\n}\n', 'locales/pt-BR.json': '{ "password": "Senha secreta" }\n' }) },
    { name: 'stored password hashes of sample users (sha1 hex, salted base64)', code: '', project: projectFixture({ 'conf/users.yml': 'userA:\n  password: "rCOSZxJrgze2AZdVQh12c6ErDMOG0M+Rx5Yu7S5d91c=GS4SbTQYmoaGwjm2shEobg=="\nadmin:\n  password: a94a8fe5ccb19ba61c4c0873d391e987982fbbd3\n' }) },
    { name: 'private keys encrypted with a passphrase', code: '', project: projectFixture({ 'ssl/ca-key.pem': '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,9E2EE4FC36E46104\n\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n', 'ssl/pkcs8.key': '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0BBQ0w\n-----END ENCRYPTED PRIVATE KEY-----\n' }) },
    { name: 'the setting\'s name or a piece of it as its value', code: '', project: projectFixture({ 'config/default.json': '{ "proxy": { "username": "name", "password": "pass" }, "api": { "apiToken": "token" } }\n' }) },
    { name: 'empty secrets, filled in by the deploy', code: '', project: projectFixture({ 'config/default.json': '{ "session": { "secret": "" }, "db": { "password": "" } }\n' }) },
    { name: 'placeholders and environment interpolation', code: '', project: projectFixture({ 'config/default.yml': 'session:\n  secret: ${SESSION_SECRET}\napi:\n  token: <your token>\n' }) },
    { name: 'node-config\'s map of settings to environment variables', code: '', project: projectFixture({ 'config/custom-environment-variables.json': '{ "server": { "httpAuth": { "password": "HTTP_PASSWORD", "jwtSecret": "JWT_SECRET" } } }\n' }) },
    { name: 'a development config with a local password', code: '', project: projectFixture({ 'config/development.json': '{ "database": { "password": "root" , "secret": "devsecret123" } }\n' }) },
    { name: 'a test config', code: '', project: projectFixture({ 'config/test.json': '{ "jwtSecret": "test-secret-123" }\n' }) },
    { name: 'a scaffold template for new projects', code: '', project: projectFixture({ 'bin/generators/gateway/templates/basic/config/system.config.yml': 'crypto:\n  cipherKey: sensitiveKey\n' }) },
    { name: 'an example config', code: '', project: projectFixture({ 'config/example.json': '{ "secret": "s3cr3t-value" }\n' }) },
    { name: 'a key pair of an example, and a public key', code: '', project: projectFixture({ 'examples/tls/server.key': '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n', 'certs/public.pem': '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n' }) },
    { name: 'settings about a secret, not the secret', code: '', project: projectFixture({ 'config/default.json': '{ "token": { "header": "x-auth-token", "expiresIn": "1h", "algorithm": "HS256" }, "secretName": "jwt" }\n' }) },
  ],
  invalid: [
    {
      name: 'a bower.conf.json beside the code, a secret in a switched-off section too (it is used once someone turns it on)',
      code: '',
      project: projectFixture({ 'bower.conf.json': '{\n  "authentication": { "enabled": true, "password": "s3cr3t-upload" },\n  "proxySettings": { "enabled": false, "username": "name", "password": "pass" },\n  "elasticsearch": { "enabled": false, "pass": "supersecret" }\n}\n' }),
      errors: [
        { messageId: 'configFileSecret', file: 'bower.conf.json', line: 2, column: 52, message: MESSAGE('password', 'PASSWORD') },
        { messageId: 'configFileSecret', file: 'bower.conf.json', line: 4, column: 48 },
      ],
      output: null,
    },
    {
      name: "a module's shipped defaults.json with a list of cookie signing keys, reported once",
      code: '',
      project: projectFixture({ 'lib/middlewares/session/defaults.json': '{\n  "session": {\n    "key": "strapi.sid",\n    "secretKeys": ["mySecretKey1", "mySecretKey2"]\n  }\n}\n' }),
      errors: [{ messageId: 'configFileSecret', file: 'lib/middlewares/session/defaults.json', line: 4, column: 20, message: MESSAGE('secretKeys', 'SECRET_KEYS') }],
      output: null,
    },
    {
      name: 'a shipped system config with a cipher key and a session secret (express-gateway)',
      code: '',
      project: projectFixture({ 'lib/config/system.config.yml': 'crypto:\n  cipherKey: sensitiveKey\n  algorithm: aes256\nsession:\n  secret: keyboard cat\n  resave: false\n' }),
      errors: [
        { messageId: 'configFileSecret', file: 'lib/config/system.config.yml', line: 2, column: 14, message: MESSAGE('cipherKey', 'CIPHER_KEY') },
        { messageId: 'configFileSecret', file: 'lib/config/system.config.yml', line: 5, column: 11, message: MESSAGE('secret', 'SECRET') },
      ],
      output: null,
    },
    {
      name: 'TOML config files in the config folder (wild-config): a signing secret in a table, and a password on a dotted key',
      code: '',
      project: projectFixture({ 'config/api.toml': '[accessControl]\n# change this\nsecret = "a secret cat"\n', 'config/default.toml': '[elasticsearch]\nurl = "http://127.0.0.1:9200"\nauth.password = "supersecret"\n' }),
      errors: [
        { messageId: 'configFileSecret', file: 'config/api.toml', line: 3, column: 10, message: MESSAGE('secret', 'SECRET') },
        { messageId: 'configFileSecret', file: 'config/default.toml', line: 3, column: 17, message: MESSAGE('password', 'PASSWORD') },
      ],
      output: null,
    },
    {
      name: 'a JSON schema whose default fills the key in',
      code: '',
      project: projectFixture({ 'lib/config/schemas/system.config.json': '{\n  "properties": {\n    "cipherKey": {\n      "type": "string",\n      "default": "sensitiveKey"\n    }\n  }\n}\n' }),
      errors: [{ messageId: 'configFileSecret', file: 'lib/config/schemas/system.config.json', line: 5, column: 18 }],
      output: null,
    },
    {
      name: 'default tokens in a config.json beside the code, outside any config folder',
      code: '',
      project: projectFixture({ 'json/config.json': '{\n  "auth": false,\n  "exportToken": "root",\n  "importToken": "root"\n}\n' }),
      errors: [
        { messageId: 'configFileSecret', file: 'json/config.json', line: 3, column: 18 },
        { messageId: 'configFileSecret', file: 'json/config.json', line: 4, column: 18 },
      ],
      output: null,
    },
    {
      name: 'a TLS key whose certificate beside it names a real host',
      code: '',
      project: projectFixture({ 'ssl/private-key.pem': HOST_KEY, 'ssl/server.crt': HOST_CERT }),
      errors: [{ messageId: 'privateKeyFile', file: 'ssl/private-key.pem', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'a TLS private key shipped beside the bin',
      code: '',
      project: projectFixture({ 'bin/key.pem': '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n', 'bin/cert.pem': '-----BEGIN CERTIFICATE-----\nMIIDazCCAlOgAwIBAgIU\n-----END CERTIFICATE-----\n' }),
      errors: [{ messageId: 'privateKeyFile', file: 'bin/key.pem', line: 1, column: 1, endColumn: 28, message: 'This private key ships with the package. Every install that uses it serves TLS or signs with a key anyone with the code has: generate a key per deploy and give the app its path (or contents) through the environment.' }],
      output: null,
    },
    {
      name: 'a production config with an API key',
      code: '',
      project: projectFixture({ 'config/production.json': '{ "mailer": { "apiKey": "key-3ax6xnjp29jd6fds4gc373sgvjxteol0" } }\n' }),
      errors: [{ messageId: 'configFileSecret', file: 'config/production.json', line: 1, column: 25 }],
      output: null,
    },
  ],
});
