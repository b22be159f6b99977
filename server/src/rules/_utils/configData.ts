/**
 * The config data a deploy runs with: JSON and YAML the package ships in config folders and beside
 * its code, less config for development and tests, examples, scaffold templates and node-config's
 * map of settings to environment variable names.
 */
import type { ProjectFacts } from '../../project/facts';
import { isNonProductionPath } from '../../project/files';
import type { ConfigDataFile } from '../../project/projectFiles';
import { environmentOfConfigFile, testEnvironmentOfConfigFile } from './environment';
import { projectPath } from './modules';
import { isDevOnlyFile } from './sourceRoles';

const DEVELOPMENT = /^(?:development|dev|local)(?:[-_.]|$)/i;
/** node-config's map of settings to environment variable names: its values are names, not settings. */
const ENVIRONMENT_MAPPING = /(?:^|\/)custom-environment-variables\.[^/]+$/;
/** Files copied into new projects or shown as examples, for the user to fill in. */
const NOT_DEPLOYED = /(?:^|\/)(?:templates?|generators?|scaffold\w*|examples?|samples?)\/|(?:^|[/._-])(?:example|sample|template|dist)\.[^/]+$/i;

/** Translations kept beside the config (`config/lang/de.json`, `locales/en-US.json`): `"password": "Passwort"` is a label. */
const TRANSLATIONS = /(?:^|\/)(?:lang|langs|languages|locales?|i18n|l10n|translations?|messages)\/|(?:^|\/)[a-z]{2}[-_][A-Z]{2}\.json$/;

/** Parsed config data files that reach a deploy, with their values. */
export function deployedConfigData(project: ProjectFacts): (ConfigDataFile & { readonly value: unknown })[] {
  return project.files.configData.filter(
    (file): file is ConfigDataFile & { readonly value: unknown } => file.value !== undefined && isDeployed(project, file.path) && !TRANSLATIONS.test(projectPath(project.root, file.path)),
  );
}

/** Whether a project file reaches a deploy: not for development or tests, not an example, template or variable mapping. */
export function isDeployed(project: ProjectFacts, path: string): boolean {
  const relative = projectPath(project.root, path);
  if (ENVIRONMENT_MAPPING.test(relative) || NOT_DEPLOYED.test(relative) || isNonProductionPath(relative) || isDevOnlyFile(project, path)) return false;
  return testEnvironmentOfConfigFile(project.root, path) === undefined && !DEVELOPMENT.test(environmentOfConfigFile(project.root, path) ?? '');
}

/** The path of a setting inside config data, as `locations` keys it: `session.secret`, `logging.transports.0`. */
export function settingPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
