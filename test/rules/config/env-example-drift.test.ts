import rule from '../../../server/src/rules/config/env-example-drift';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const template = (text: string, extra: Record<string, string> = {}) => projectFixture({ '.env.example': text, ...extra });

runRuleTests(rule, {
  valid: [
    { name: 'every read is listed', code: 'const db = connect(process.env.DATABASE_URL);\nconst cache = redis(process.env.REDIS_URL);', project: template('DATABASE_URL=\nREDIS_URL=\n') },
    { name: 'no template: nothing to drift from', code: 'const key = process.env.STRIPE_SECRET_KEY;' },
    {
      name: 'variables the platform, the shell and npm provide',
      code: "const port = process.env.PORT;\nif (process.env.NODE_ENV === 'production' || process.env.CI) log(process.env.HOME, process.env.npm_package_version, process.env.DYNO);\nconnect(process.env.DATABASE_URL);",
      project: template('DATABASE_URL=\n'),
    },
    {
      name: 'template keys read through an env helper or a validation schema',
      code: "const env = cleanEnv(process.env, { SESSION_SECRET: str() });\nconst smtp = envVar.get('SMTP_HOST').asString();",
      project: template('SESSION_SECRET=\nSMTP_HOST=\n'),
    },
    {
      name: 'template keys used by docker compose and package.json scripts',
      code: 'connect(process.env.DATABASE_URL);',
      project: template('DATABASE_URL=\nPOSTGRES_DB=app\nWORKER_CONCURRENCY=2\n', {
        'docker-compose.yml': 'services:\n  db:\n    environment:\n      - POSTGRES_DB=${POSTGRES_DB}\n',
        'package.json': packageJsonText({ name: 'api', scripts: { worker: 'node worker.js --concurrency $WORKER_CONCURRENCY' } }),
      }),
    },
    { name: 'keys libraries read on their own', code: 'connect(process.env.DATABASE_URL);', project: template('DATABASE_URL=\nAWS_REGION=eu-west-1\nPGHOST=localhost\nSENTRY_DSN=\nLOG_LEVEL=info\n') },
    {
      name: 'a developer script reading a variable the template leaves out',
      code: 'connect(process.env.DATABASE_URL);',
      files: { 'scripts/seed.js': 'const count = Number(process.env.SEED_COUNT);' },
      project: template('DATABASE_URL=\n'),
    },
    { name: 'a variable the app sets for itself', code: "process.env.APP_BOOTED_AT = String(Date.now());\nlog(process.env.APP_BOOTED_AT);", project: template('') },
    { name: 'a .env.sample template in step', code: 'const { SESSION_SECRET } = process.env;', project: projectFixture({ '.env.sample': 'SESSION_SECRET=\n' }) },
    {
      name: 'browser code reading import.meta.env, listed key mentioned there',
      code: 'const api = import.meta.env.VITE_API_URL;\nconst other = import.meta.env.VITE_OTHER;',
      filename: 'src/client/api.ts',
      project: template('VITE_API_URL=\n'),
    },
  ],
  invalid: [
    {
      name: 'a read missing from .env.example, with a fix that declares it',
      code: 'const db = connect(process.env.DATABASE_URL);\nconst key = process.env.STRIPE_SECRET_KEY;',
      project: template('DATABASE_URL=\n'),
      errors: [
        {
          messageId: 'missingFromExample',
          line: 2,
          column: 13,
          endColumn: 42,
          message: 'STRIPE_SECRET_KEY is read here but .env.example does not list it, so the next deploy learns about it only when something breaks. Declare it in .env.example (without a real value).',
        },
      ],
      output: 'const db = connect(process.env.DATABASE_URL);\nconst key = process.env.STRIPE_SECRET_KEY;',
      envKeys: ['STRIPE_SECRET_KEY'],
    },
    {
      name: 'destructured reads',
      code: "const { REDIS_URL, SECRET: secret = 'x' } = process.env;",
      project: template('PORT=3000\nREDIS_URL=\n'),
      errors: [{ messageId: 'missingFromExample', line: 1, column: 20, endColumn: 26 }],
      output: "const { REDIS_URL, SECRET: secret = 'x' } = process.env;",
      envKeys: ['SECRET'],
    },
    {
      name: 'a bracket read in TypeScript',
      code: "const token: string = process.env['API_TOKEN']!;",
      filename: 'src/client.ts',
      project: template(''),
      errors: [{ messageId: 'missingFromExample', line: 1, column: 23, endColumn: 47, file: 'src/client.ts' }],
      output: "const token: string = process.env['API_TOKEN']!;",
      envKeys: ['API_TOKEN'],
    },
    {
      name: 'a key nothing reads, with a suggestion to remove its line',
      code: 'connect(process.env.DATABASE_URL);',
      project: template('# database\nDATABASE_URL=\nOLD_FEATURE_FLAG=true\n'),
      errors: [
        {
          messageId: 'unusedInExample',
          file: '.env.example',
          line: 3,
          column: 1,
          endColumn: 17,
          message: 'OLD_FEATURE_FLAG is listed in .env.example but nothing in the code reads it. A stale template sends people looking for a setting that does nothing: remove it, or read it where it belongs.',
        },
      ],
      outputFile: '.env.example',
      output: null,
      suggestions: [{ title: 'Remove OLD_FEATURE_FLAG from .env.example', output: '# database\nDATABASE_URL=\n' }],
    },
    {
      name: 'the same missing variable in two files: once, at the first file',
      code: 'export const url = process.env.QUEUE_URL;',
      filename: 'src/a.js',
      files: { 'src/b.js': 'connect(process.env.QUEUE_URL);' },
      project: template(''),
      errors: [{ messageId: 'missingFromExample', file: 'src/a.js', line: 1, column: 20 }],
      output: 'export const url = process.env.QUEUE_URL;',
      envKeys: ['QUEUE_URL'],
    },
    {
      name: 'a .env.sample template',
      code: 'mailer.login(process.env.SMTP_PASSWORD);',
      project: projectFixture({ '.env.sample': 'SMTP_USER=\n' }),
      errors: [
        { messageId: 'unusedInExample', file: '.env.sample', line: 1, column: 1 },
        { messageId: 'missingFromExample', line: 1, column: 14, message: 'SMTP_PASSWORD is read here but .env.sample does not list it, so the next deploy learns about it only when something breaks. Declare it in .env.sample (without a real value).' },
      ],
      output: 'mailer.login(process.env.SMTP_PASSWORD);',
      envKeys: ['SMTP_PASSWORD'],
    },
    {
      name: 'both directions at once',
      code: 'const jwt = process.env.JWT_SECRET;',
      project: template('SESSION_SECRET=\n'),
      errors: [
        { messageId: 'unusedInExample', file: '.env.example', line: 1, column: 1 },
        { messageId: 'missingFromExample', line: 1, column: 13 },
      ],
      output: 'const jwt = process.env.JWT_SECRET;',
      envKeys: ['JWT_SECRET'],
    },
    {
      name: 'an optional feature flag read in a condition still needs listing',
      code: 'if (process.env.ENABLE_SIGNUPS === "true") app.use(signups);',
      project: template('DATABASE_URL=\n', { 'Procfile': 'web: DATABASE_URL=$DATABASE_URL node index.js\n' }),
      errors: [{ messageId: 'missingFromExample', line: 1, column: 5, endColumn: 31 }],
      output: 'if (process.env.ENABLE_SIGNUPS === "true") app.use(signups);',
      envKeys: ['ENABLE_SIGNUPS'],
    },
  ],
});
