import rule from '../../../server/src/rules/config/no-committed-env-file';
import { projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const ignoresEnv = 'node_modules\n.env\n';

runRuleTests(rule, {
  valid: [
    { name: 'a .env that .gitignore excludes', code: '', project: projectFixture({ '.gitignore': ignoresEnv, '.env': 'DATABASE_URL=postgres://app:pw@db/app\n' }) },
    { name: 'a committed .env.example, values and all', code: '', project: projectFixture({ '.gitignore': ignoresEnv, '.env.example': 'PORT=3000\nDATABASE_URL=\n' }) },
    { name: 'test settings are meant to be committed', code: '', project: projectFixture({ '.gitignore': ignoresEnv, '.env.test': 'NODE_ENV=test\nDATABASE_URL=postgres://localhost/test\n' }) },
    { name: 'a .env with empty values only', code: '', project: projectFixture({ '.gitignore': 'node_modules\n', '.env': 'DATABASE_URL=\nSESSION_SECRET=\n' }) },
    { name: 'a .env with placeholders only', code: '', project: projectFixture({ '.gitignore': 'node_modules\n', '.env': 'API_KEY=your-api-key-here\nSECRET=<secret>\nTOKEN=xxxx\n' }) },
    {
      name: 'public browser values and tool switches (Create React App)',
      code: '',
      project: projectFixture({ '.gitignore': 'node_modules\n', '.env': 'REACT_APP_API_URL=https://api.example.com\nSKIP_PREFLIGHT_CHECK=true\nBROWSER=none\n' }),
    },
    {
      name: 'a wildcard with an exception for the template',
      code: '',
      project: projectFixture({ '.gitignore': '.env*\n!.env.example\n', '.env.production': 'DATABASE_URL=postgres://db/app\n', '.env.example': 'DATABASE_URL=\n' }),
    },
    {
      name: 'samples, defaults and encrypted vaults',
      code: '',
      project: projectFixture({ '.gitignore': ignoresEnv, '.env.sample': 'PORT=3000\n', '.env.defaults': 'PORT=3000\n', '.env.vault': 'DOTENV_VAULT_DEVELOPMENT="encrypted"\n' }),
    },
    { name: '*.local ignored', code: '', project: projectFixture({ '.gitignore': '*.local\n', '.env.local': 'STRIPE_SECRET_KEY=sk_test_abcdefghijklmnop\n' }) },
  ],
  invalid: [
    {
      name: 'a .gitignore that forgets .env',
      code: '',
      project: projectFixture({ '.gitignore': 'node_modules\n', '.env': 'PORT=3000\nDATABASE_URL=postgres://app:pw@db/app\n' }),
      errors: [{ messageId: 'committedEnvFile', file: '.env', line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: null,
    },
    {
      name: 'no .gitignore at all',
      code: '',
      project: projectFixture({ '.env': '# local settings\nSESSION_SECRET=abc123\n' }),
      errors: [{ messageId: 'committedEnvFile', file: '.env', line: 2, column: 1, endColumn: 15 }],
      output: null,
    },
    {
      name: 'an environment file the .env rule does not cover',
      code: '',
      project: projectFixture({ '.gitignore': ignoresEnv, '.env.production': 'DATABASE_URL=postgres://db.internal/app\n' }),
      errors: [
        {
          messageId: 'committedEnvFile',
          file: '.env.production',
          line: 1,
          column: 1,
          message:
            '.env.production sets values and no .gitignore rule keeps it out of the repository, so one deploy\'s settings (and any credentials among them) are shared with every clone and stay in the history. Add it to .gitignore, remove it from git, and commit a .env.example with empty values instead.',
        },
      ],
      output: null,
    },
    {
      name: 'the first assignment with a value, after an empty one',
      code: '',
      project: projectFixture({ '.gitignore': ignoresEnv, '.env.local': 'API_URL=\nSTRIPE_SECRET_KEY=sk_live_abcdefghijklmnop\n' }),
      errors: [{ messageId: 'committedEnvFile', file: '.env.local', line: 2, column: 1, endColumn: 18 }],
      output: null,
    },
    {
      name: 'export syntax',
      code: '',
      project: projectFixture({ '.gitignore': 'dist\n', '.env': 'export REDIS_URL="redis://cache:6379"\n' }),
      errors: [{ messageId: 'committedEnvFile', file: '.env', line: 1, column: 8, endColumn: 17 }],
      output: null,
    },
    {
      name: 'a docker-style name.env file',
      code: '',
      project: projectFixture({ '.gitignore': ignoresEnv, 'docker.env': 'POSTGRES_PASSWORD=hunter2\n' }),
      errors: [{ messageId: 'committedEnvFile', file: 'docker.env', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'public values first, then a password',
      code: '',
      project: projectFixture({ '.gitignore': 'node_modules\n', '.env': 'VITE_API_URL=https://api.example.com\nDB_PASSWORD=hunter2\n' }),
      errors: [{ messageId: 'committedEnvFile', file: '.env', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'two committed files, one finding each',
      code: '',
      project: projectFixture({ '.gitignore': 'node_modules\n', '.env': 'PORT=8080\n', '.env.staging': 'NODE_ENV=production\nAPI_URL=https://staging.example.com\n' }),
      errors: [
        { messageId: 'committedEnvFile', file: '.env', line: 1, column: 1 },
        { messageId: 'committedEnvFile', file: '.env.staging', line: 1, column: 1 },
      ],
      output: null,
    },
  ],
});
