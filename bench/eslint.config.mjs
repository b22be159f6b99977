// The baseline for the throughput benchmark: ESLint with the two plugins teams use for secrets and risky APIs.
import noSecrets from 'eslint-plugin-no-secrets';
import security from 'eslint-plugin-security';

export default [
  security.configs.recommended,
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { 'no-secrets': noSecrets },
    rules: { 'no-secrets/no-secrets': 'error' },
  },
];
