import rule from '../../../server/src/rules/config/no-hardcoded-secret';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';


runRuleTests(rule, {
  valid: [
    { name: 'a lookup table filing settings into groups', code: "const keyGroupMapping = {\n  members_private_key: 'core',\n  admin_session_secret: 'core',\n  db_hash: 'core',\n  password: 'private',\n  is_private: 'private',\n};" },
    { name: 'the fixed prefix every key starts with', code: "const PREFIX_LEGACY_API_KEY = 'n8n_api_';" },
    { name: 'names about a key that hold no key: its audience, issuer, a count', code: "const API_KEY_AUDIENCE = 'mcp-server-api';\nconst API_KEY_ISSUER = 'n8n';\nconst REDACT_API_KEY_REVEAL_COUNT = 4;\nlet tokenSource = 'query';" },
    { name: 'markers that stand in for a redacted secret', code: "exports.CREDENTIAL_BLANKING_VALUE = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';\nexports.OIDC_CLIENT_SECRET_REDACTED_VALUE = '__n8n_CLIENT_SECRET_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';" },
    { name: 'a Vue mixin under src/ (it imports a UI library) is browser code', code: "import { io } from 'socket.io-client';\nimport { useToast } from 'vue-toastification';\nexport default { methods: { autoLogin() { this.storage().token = 'autoLogin-7f3a9c'; } } };", filename: 'src/mixins/socket.js' },
    { name: 'a placeholder on a fake user when authentication is off', code: "const user = new ApiUser({ tokenName: 'unauthed-default-user', permissions: [ADMIN], secret: 'unknown' });" },
    { name: 'a named secret in browser code (a story, a bundle) is no deploy config', code: "export const token = { secret: '*:development.be44368985f7fb3237c584ef86f3d6bdada42ddbd63a019d26955178' };", filename: 'frontend/build/static/TokenExplanation.story.js' },
    {
      name: 'a developer script run only by a package.json script outside the run stage',
      code: "const client = mqtt.connect('mqtt://localhost', { username: 'user', password: 'Xk29fLq83mZp' });",
      filename: 'extra/simple-mqtt-server.js',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'kuma', scripts: { start: 'node server/server.js', 'simple-mqtt-server': 'node extra/simple-mqtt-server.js' } }) }),
    },
    'const apiKey = process.env.API_KEY;',
    "const password = '';",
    "const token = '<your-token>';",
    "const secret = '${SESSION_SECRET}';",
    "const passwordField = 'password';",
    "const password = 'password';",
    "const tokenType = 'Bearer';",
    "const tokenUrl = 'https://oauth.example.com/token';",
    "const stripePublishableKey = 'pk_live_51H8abcdefGHIJKLMNOP';",
    "const invalidPasswordMessage = 'Invalid password.';",
    "const key = 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx';",
    "import token from 'token-lib';",
    "const TOKEN_HEADER = 'x-api-key';",
    "if (user.password === undefined) {}",
    "const { password } = req.body;",
    "const url = 'postgres://user:${DB_PASSWORD}@db:5432/app';",
    "const secret = process.env.SECRET || '';",
    { code: "const demoKey = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';", options: { allowedValues: ['sk_test_4eC39HqLyjWDarjtT1zdp7dc'] }, name: 'an allowed value (option)' },
  ],
  invalid: [
    {
      name: 'a credential pair whose password repeats the user name',
      code: "const admin = { user: 'admin', password: 'admin' };",
      errors: [{ messageId: 'namedSecret', line: 1, column: 42 }],
      output: "const admin = { user: 'admin', password: process.env.ADMIN_PASSWORD };",
      envKeys: ['ADMIN_PASSWORD'],
    },
    {
      name: 'an extra token format (option)',
      code: "const client = new Acme('acme_live_9f8e7d6c5b4a');",
      options: { extraPatterns: ['^acme_live_[0-9a-f]{12}$'] },
      errors: [{ messageId: 'knownToken', line: 1, column: 25, message: 'A value matching a configured secret pattern is written into the code. Credentials differ per deploy and must never sit in the repository: read it from process.env.SECRET.' }],
      output: 'const client = new Acme(process.env.SECRET);',
      envKeys: ['SECRET'],
    },
    {
      code: "const stripe = new Stripe('sk_live_4eC39HqLyjWDarjtT1zdp7dc');",
      errors: [{ messageId: 'knownToken', line: 1, column: 27, endLine: 1, endColumn: 61 }],
      output: 'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);',
      envKeys: ['STRIPE_SECRET_KEY'],
    },
    {
      code: "const db = { password: 'hunter2!' };",
      errors: [{ messageId: 'namedSecret', line: 1, column: 24, message: '"password" is set to a literal credential. Everyone with the code has it and every deploy shares it: read it from process.env.DB_PASSWORD.' }],
      output: 'const db = { password: process.env.DB_PASSWORD };',
      envKeys: ['DB_PASSWORD'],
    },
    {
      code: "const pass = process.env.PASS || 'pass';",
      errors: [{ messageId: 'envFallback', line: 1, column: 34 }],
      output: 'const pass = process.env.PASS;',
      envKeys: ['PASS'],
    },
    {
      code: "app.use(session({ secret: 'keyboard cat' }));",
      errors: [{ messageId: 'namedSecret', line: 1, column: 27 }],
      output: 'app.use(session({ secret: process.env.SESSION_SECRET }));',
      envKeys: ['SESSION_SECRET'],
    },
    {
      code: "mongoose.connect('mongodb://admin:s3cr3t@db.example.com:27017/app');",
      errors: [{ messageId: 'urlCredentials', line: 1, column: 18, message: 'This mongodb URL for db.example.com carries a password in the code. Keep the whole URL in the environment (process.env.MONGODB_URL).' }],
      output: 'mongoose.connect(process.env.MONGODB_URL);',
      envKeys: ['MONGODB_URL'],
    },
    {
      code: "const token = jwt.sign(payload, 'my-signing-secret');",
      errors: [{ messageId: 'namedSecret', line: 1, column: 33 }],
      output: 'const token = jwt.sign(payload, process.env.JWT_SECRET);',
      envKeys: ['JWT_SECRET'],
    },
  ],
});
