/**
 * Factor III: credentials are config, and config lives in the environment, not in the code base.
 * A secret written into a config file the package ships (`config/default.json`, `config/api.toml`, a YAML system
 * config, a JSON schema's `default`) is a credential in the repository: every deploy that keeps
 * the file runs with it, and everyone who can read the code can use it. So is a private key file
 * shipped beside the code. Config for development or tests, mappings of settings to environment
 * variables, empty values and placeholders are fine.
 */
import { defineProjectRule } from '../../engine/rule';
import { deployedConfigData, isDeployed, settingPath } from '../_utils/configData';
import { toEnvName } from '../_utils/env';
import { isSecretName, isUsableSecretValue } from '../_utils/secrets';

type MessageId = 'configFileSecret' | 'privateKeyFile';

/** A secret setting found in config data: where it is (`session.secret`) and its key. */
interface SecretSetting {
  readonly path: string;
  readonly key: string;
}

/** Keys whose value is a name, a size or a switch about a secret, not the secret itself. */
const DESCRIBING_KEY = /(?:name|names|header|field|length|size|bits|rounds|algorithm|alg|type|path|file|dir|enabled|required|expires?\w*|ttl|prefix)$/i;

export default defineProjectRule<MessageId, never>({
  id: 'config/no-config-file-secret',
  severity: 'error',
  description: 'Credentials written into the config files the package ships (JSON/YAML/TOML), and private keys shipped as files, instead of read from the environment.',
  appliesTo: (project) => project.files.configData.length > 0 || project.files.privateKeys.length > 0,
  messages: {
    configFileSecret:
      '`{{key}}` is a literal credential in a config file the package ships. Every deploy that keeps the file runs with a secret that anyone with the code knows, and changing it means a new release: leave it empty here and read it from the environment ({{env}}).',
    privateKeyFile:
      'This private key ships with the package. Every install that uses it serves TLS or signs with a key anyone with the code has: generate a key per deploy and give the app its path (or contents) through the environment.',
  },
  check({ project, report }) {
    for (const file of deployedConfigData(project)) {
      for (const setting of secretSettings(file.value, '', undefined)) {
        const at = file.locations[setting.path];
        if (at) report(file.path, { at, messageId: 'configFileSecret', data: { key: setting.key, env: toEnvName(setting.key) } });
      }
    }
    // A key certified only for `localhost` serves no real host: it is for trying HTTPS on a developer's machine.
    for (const key of project.files.privateKeys) if (isDeployed(project, key.path) && !key.localhostOnly) report(key.path, { at: key.header, messageId: 'privateKeyFile' });
  },
});

/**
 * Secret-named settings holding a usable literal, walking the data. A JSON schema's
 * `"cipherKey": { "type": "string", "default": "…" }` fills the setting in, so its `default` counts under the property's name.
 */
function secretSettings(value: unknown, path: string, owner: string | undefined): SecretSetting[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => secretSettings(item, settingPath(path, String(index)), owner));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = settingPath(path, key);
    const named = key === 'default' && owner !== undefined ? owner : key;
    if (typeof child === 'string') return isSecretSetting(named, child) ? [{ path: childPath, key: named }] : [];
    // `"secretKeys": ["mySecretKey1", "mySecretKey2"]`: a list of keys is as secret as one, reported once.
    if (Array.isArray(child) && child.every((item) => typeof item === 'string')) {
      const index = child.findIndex((item: string) => isSecretSetting(named, item));
      return index >= 0 ? [{ path: settingPath(childPath, String(index)), key: named }] : [];
    }
    return secretSettings(child, childPath, key);
  });
}

/** What a password setting holds when it is a stored hash (hex or base64 digest, bcrypt, `{SHA}`), which logs no one in. */
const PASSWORD_HASH = /^(?:[a-f0-9]{32,}|[A-Za-z0-9+/=]{40,}|\$2[aby]?\$\d\d\$.{53}|\{SHA\}\S+)$/;

function isSecretSetting(key: string, value: string): boolean {
  if (DESCRIBING_KEY.test(key) || !isSecretName(toEnvName(key))) return false;
  if (/pass(?:word|wd)?$/i.test(key) && PASSWORD_HASH.test(value)) return false;
  return isUsableSecretValue(value, key, 'phrase') && !/^\$\{?[A-Z_][A-Z0-9_]*/.test(value);
}
