/**
 * Factor III: config belongs to each deploy, not to the code. A `.env` file with real values that
 * .gitignore does not exclude ends up in the repository (and in published packages): every clone
 * gets one deploy's settings and credentials, and the values outlive any rotation in the history.
 * Templates (`.env.example`) and test settings are meant to be committed and are left alone.
 */
import { basename } from 'node:path';
import { defineProjectRule } from '../../engine/rule';
import type { EnvEntry, EnvFile } from '../../project/projectFiles';
import { isPlaceholder } from '../_utils/secrets';

type MessageId = 'committedEnvFile';

/** Files meant for the repository: templates, defaults, encrypted vaults, test and CI settings. */
const COMMITTED_BY_DESIGN = /(?:^|[._-])(?:example|examples|sample|template|tpl|dist|defaults?|schema|vault|test|testing|ci|e2e|spec)(?:$|[._-])/i;

/** Values bundled into browser code on purpose: public by definition. */
const PUBLIC_PREFIX = /^(?:REACT_APP_|VITE_|NEXT_PUBLIC_|VUE_APP_|NUXT_PUBLIC_|PUBLIC_|EXPO_PUBLIC_|GATSBY_|STORYBOOK_)/;

/** Switches of development tools (Create React App, Docker Compose), not the app's config. */
const TOOL_SETTINGS = new Set([
  'SKIP_PREFLIGHT_CHECK', 'BROWSER', 'GENERATE_SOURCEMAP', 'FAST_REFRESH', 'CHOKIDAR_USEPOLLING', 'WATCHPACK_POLLING', 'EXTEND_ESLINT',
  'DISABLE_ESLINT_PLUGIN', 'ESLINT_NO_DEV_ERRORS', 'TSC_COMPILE_ON_ERROR', 'IMAGE_INLINE_SIZE_LIMIT', 'INLINE_RUNTIME_CHUNK', 'WDS_SOCKET_HOST',
  'WDS_SOCKET_PATH', 'WDS_SOCKET_PORT', 'COMPOSE_PROJECT_NAME', 'COMPOSE_FILE', 'COMPOSE_PROFILES', 'NODE_OPTIONS',
]);

export default defineProjectRule<MessageId, never>({
  id: 'config/no-committed-env-file',
  severity: 'warning',
  description: 'A .env file with values that .gitignore does not keep out of the repository.',
  appliesTo: (project) => project.files.envFiles.length > 0,
  messages: {
    committedEnvFile:
      '{{file}} sets values and no .gitignore rule keeps it out of the repository, so one deploy\'s settings (and any credentials among them) are shared with every clone and stay in the history. Add it to .gitignore, remove it from git, and commit a .env.example with empty values instead.',
  },
  check({ project, report }) {
    for (const file of project.files.envFiles) {
      if (file.gitignored || COMMITTED_BY_DESIGN.test(envFileStem(file))) continue;
      const first = file.entries.find(isDeploySetting);
      if (first) report(file.path, { at: first.keyRange, messageId: 'committedEnvFile', data: { file: basename(file.path) } });
    }
  },
});

/** `.env.production` → `production`, `docker.env` → `docker`, `.env` → ''. */
function envFileStem(file: EnvFile): string {
  return basename(file.path).replace(/^\.env\.?/, '').replace(/\.env$/, '');
}

/** An assignment with a real value (not empty, not a placeholder) of a setting the app reads at run time. */
function isDeploySetting(entry: EnvEntry): boolean {
  return !isPlaceholder(entry.value) && !PUBLIC_PREFIX.test(entry.key) && !TOOL_SETTINGS.has(entry.key);
}
