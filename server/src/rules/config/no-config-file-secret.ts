/**
 * Factor III: credentials are config, and config lives in the environment, not in the code base.
 * A secret written into a config file the package ships (`config/default.json`, a YAML system
 * config, a JSON schema's `default`) is a credential in the repository: every deploy that keeps
 * the file runs with it, and everyone who can read the code can use it. Config for development or
 * tests, mappings of settings to environment variables, empty values and placeholders are fine.
 */
import { defineProjectRule } from '../../engine/rule';
import type { ProjectFacts } from '../../project/facts';
import type { ConfigDataFile } from '../../project/projectFiles';
import { isNonProductionPath } from '../../project/files';
import { toEnvName } from '../_utils/env';
import { environmentOfConfigFile, testEnvironmentOfConfigFile } from '../_utils/environment';
import { isSecretName, isUsableSecretValue } from '../_utils/secrets';
import { projectPath } from '../_utils/modules';
import { isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'configFileSecret';

/** A secret setting found in config data: where it is (`session.secret`) and its key. */
interface SecretSetting {
  readonly path: string;
  readonly key: string;
}

const DEVELOPMENT = /^(?:development|dev|local)(?:[-_.]|$)/i;
/** node-config's map of settings to environment variable names: its values are names, not secrets. */
const ENVIRONMENT_MAPPING = /(?:^|\/)custom-environment-variables\.[^/]+$/;
/** Files copied into new projects or shown as examples, for the user to fill in. */
const NOT_DEPLOYED = /(?:^|\/)(?:templates?|generators?|scaffold\w*|examples?|samples?)\/|(?:^|[/._-])(?:example|sample|template|dist)\.[^/]+$/i;
/** Keys whose value is a name, a size or a switch about a secret, not the secret itself. */
const DESCRIBING_KEY = /(?:name|names|header|field|length|size|bits|rounds|algorithm|alg|type|path|file|dir|enabled|required|expires?\w*|ttl|prefix)$/i;

export default defineProjectRule<MessageId, never>({
  id: 'config/no-config-file-secret',
  severity: 'error',
  description: 'Credentials written into the config files the package ships (JSON/YAML) instead of read from the environment.',
  appliesTo: (project) => project.files.configData.length > 0,
  messages: {
    configFileSecret:
      '`{{key}}` is a literal credential in a config file the package ships. Every deploy that keeps the file runs with a secret that anyone with the code knows, and changing it means a new release: leave it empty here and read it from the environment ({{env}}).',
  },
  check({ project, report }) {
    for (const file of project.files.configData) {
      if (file.value === undefined || !isDeployedConfig(project, file)) continue;
      for (const setting of secretSettings(file.value, '', undefined)) {
        const at = file.locations[setting.path];
        if (at) report(file.path, { at, messageId: 'configFileSecret', data: { key: setting.key, env: toEnvName(setting.key) } });
      }
    }
  },
});

/** Config a deploy runs with: not for development or tests, not an example, template or variable mapping. */
function isDeployedConfig(project: ProjectFacts, file: ConfigDataFile): boolean {
  const relative = projectPath(project.root, file.path);
  if (ENVIRONMENT_MAPPING.test(relative) || NOT_DEPLOYED.test(relative) || isNonProductionPath(relative) || isDevOnlyFile(project, file.path)) return false;
  return testEnvironmentOfConfigFile(project.root, file.path) === undefined && !DEVELOPMENT.test(environmentOfConfigFile(project.root, file.path) ?? '');
}

/**
 * Secret-named settings holding a usable literal, walking the data. A JSON schema's
 * `"cipherKey": { "type": "string", "default": "…" }` fills the setting in, so its `default` counts under the property's name.
 */
function secretSettings(value: unknown, path: string, owner: string | undefined): SecretSetting[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => secretSettings(item, join(path, String(index)), owner));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = join(path, key);
    const named = key === 'default' && owner !== undefined ? owner : key;
    if (typeof child === 'string') return isSecretSetting(named, child) ? [{ path: childPath, key: named }] : [];
    return secretSettings(child, childPath, key);
  });
}

function isSecretSetting(key: string, value: string): boolean {
  if (DESCRIBING_KEY.test(key) || !isSecretName(toEnvName(key))) return false;
  return isUsableSecretValue(value, key, true) && !/^\$\{?[A-Z_][A-Z0-9_]*/.test(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
