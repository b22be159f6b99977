/**
 * Which kind of backing service each named environment's settings attach: the sections of an
 * environment map (a knexfile, a Sequelize config.json) or whole files named after an environment
 * (`config/development.json`), and the settings in them that name another kind than production's.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { dirname } from 'node:path';
import type { FileSummary } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Visitors } from '../../engine/traverse';
import type { Node, OffsetRange } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import type { ConfigDataFile } from '../../project/projectFiles';
import { getCalleeName, getPropertyName, getStaticString, unwrapExpression } from './ast';
import { environmentKindOf, environmentOfConfigFile, initializerOf } from './environment';
import { isRecord } from './records';
import { isDifferentKind, serviceKindOfCallee, serviceKindOfSetting, serviceKindOfUrl, type ServiceKind } from './serviceKinds';
import { devOnlyFiles, isBrowserFile } from './sourceRoles';

/** A value that names a kind of service, at a path inside one environment's settings. Plain data. */
interface ServiceSetting {
  readonly path: string;
  readonly kind: ServiceKind;
  readonly range: OffsetRange;
}

/** One environment's settings: a key of an environment map, or a whole `config/<env>.*` file. */
export interface EnvironmentSection {
  readonly environment: string;
  readonly file: string;
  readonly settings: readonly ServiceSetting[];
}

export interface OddOneOut {
  readonly section: EnvironmentSection;
  readonly setting: ServiceSetting;
  readonly reference: EnvironmentSection;
  readonly referenceKind: ServiceKind;
}

/** Deeper than this, settings are not about which service is attached. */
const MAX_DEPTH = 4;
const ENVIRONMENT_KEY_TEXT = /\b(?:production|prod|staging|stage|live|uat|preprod)['"]?\s*:/;
const SETTING_TEXT = /\b(?:client|dialect|type|driver|adapter|provider|store|engine|transport|backend|storage|disk|connector)['"]?\s*:|\b(?:postgres(?:ql)?|mysql|mongodb|rediss?|sqlite):/;
/** Environments compared against, most authoritative first. */
const REFERENCE_ENVIRONMENTS = ['production', 'staging'] as const;

/** A trigger: files named after an environment, and text with an environment key next to a service setting. */
export function mayHoldEnvironmentServices(text: string, project: ProjectFacts, path: string): boolean {
  return environmentOfConfigFile(project.root, path) !== undefined || (ENVIRONMENT_KEY_TEXT.test(text) && SETTING_TEXT.test(text));
}

/** An object with at least two environment keys whose values are objects of settings. */
export function environmentMap(source: SourceCode, object: TSESTree.ObjectExpression): EnvironmentSection[] | undefined {
  const sections: EnvironmentSection[] = [];
  for (const property of object.properties) {
    if (property.type !== 'Property') continue;
    const environment = getPropertyName(property.key);
    const value = environment !== undefined && environmentKindOf(environment) ? resolveObject(source, property.value) : undefined;
    if (environment !== undefined && value) sections.push({ environment, file: source.path, settings: objectSettings(source, value, '', 0) });
  }
  return sections.length >= 2 ? sections : undefined;
}

/** An object literal, directly or through the variable that holds it. */
function resolveObject(source: SourceCode, node: Node): TSESTree.ObjectExpression | undefined {
  const value = unwrapExpression(node);
  const resolved = value.type === 'Identifier' ? initializerOf(source, value) : value;
  const target = resolved && unwrapExpression(resolved);
  return target?.type === 'ObjectExpression' ? target : undefined;
}

/** The service kinds an object's string values name, by dotted path. */
function objectSettings(source: SourceCode, object: TSESTree.ObjectExpression, prefix = '', depth = 0): ServiceSetting[] {
  if (depth > MAX_DEPTH) return [];
  return object.properties.flatMap((property) => {
    if (property.type !== 'Property') return [];
    const key = getPropertyName(property.key);
    if (key === undefined) return [];
    const path = join(prefix, key);
    const nested = resolveObject(source, property.value);
    if (nested) return objectSettings(source, nested, path, depth + 1);
    const target = unwrapExpression(property.value);
    const value = getStaticString(target);
    // `store: new RedisStore(…)`, `storage: multer.diskStorage(…)`: a service built in place.
    const built = target.type === 'NewExpression' || target.type === 'CallExpression' ? serviceKindOfCallee(getCalleeName(target) ?? '') : undefined;
    const kind = built ?? (value === undefined ? undefined : settingKind(key, value, path));
    return kind ? [{ path, kind, range: property.value.range }] : [];
  });
}

function settingKind(key: string, value: string, path: string): ServiceKind | undefined {
  return serviceKindOfSetting(key, value, path.split('.')) ?? (/^(?:url|uri|connection|connectionString|host)$/i.test(key) ? serviceKindOfUrl(value) : undefined);
}

/** `module.exports = {…}` or `export default {…}`. */
function exportedObject(source: SourceCode, program: TSESTree.Program): TSESTree.ObjectExpression | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') return resolveObject(source, statement.declaration);
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') continue;
    const { left, right } = statement.expression;
    if (left.type === 'MemberExpression' && left.object.type === 'Identifier' && left.object.name === 'module' && getPropertyName(left.property) === 'exports') return resolveObject(source, right);
  }
  return undefined;
}

/** Environment maps anywhere near the top of a JSON or YAML config file (Sequelize's config.json is one). */
function dataEnvironmentMaps(file: ConfigDataFile): EnvironmentSection[][] {
  const maps: EnvironmentSection[][] = [];
  const visit = (value: unknown, prefix: string, depth: number) => {
    if (!isRecord(value) || depth > 2) return;
    const sections = Object.entries(value)
      .filter(([key, section]) => environmentKindOf(key) && isRecord(section))
      .map(([key, section]) => ({ environment: key, file: file.path, settings: dataSettings(file, section, join(prefix, key), 0, join(prefix, key)) }));
    if (sections.length >= 2) maps.push(sections);
    else for (const [key, child] of Object.entries(value)) visit(child, join(prefix, key), depth + 1);
  };
  visit(file.value, '', 0);
  return maps;
}

/** Settings of a data object; `base` is where the section sits in the file, for the locations. */
function dataSettings(file: ConfigDataFile, value: unknown, prefix = '', depth = 0, base = ''): ServiceSetting[] {
  if (!isRecord(value) || depth > MAX_DEPTH) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const location = join(prefix, key);
    if (isRecord(child)) return dataSettings(file, child, location, depth + 1, base);
    const range = file.locations[location];
    const path = base ? location.slice(base.length + 1) : location;
    const kind = typeof child === 'string' && range ? settingKind(key, child, path) : undefined;
    return kind && range ? [{ path, kind, range }] : [];
  });
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** `config/development.json` and `config/production.json` form one map: per folder, one section per file. */
export function groupByFolder(sections: readonly EnvironmentSection[]): EnvironmentSection[][] {
  const folders = new Map<string, EnvironmentSection[]>();
  for (const section of sections) folders.set(dirname(section.file), [...(folders.get(dirname(section.file)) ?? []), section]);
  return [...folders.values()].filter((group) => group.length >= 2);
}

/**
 * Settings that name another kind of service than the reference environment (production, else
 * staging) at the same path. Test environments are not deploys and are left out.
 */
export function oddOnesOut(map: readonly EnvironmentSection[]): OddOneOut[] {
  const deploys = map.filter((section) => environmentKindOf(section.environment) !== 'test');
  const reference = REFERENCE_ENVIRONMENTS.map((kind) => deploys.find((section) => environmentKindOf(section.environment) === kind)).find((section) => section !== undefined);
  if (!reference) return [];
  const referenceKinds = new Map(reference.settings.map((setting) => [setting.path, setting.kind]));
  return deploys.flatMap((section) => {
    if (section === reference) return [];
    return section.settings.flatMap((setting) => {
      const referenceKind = referenceKinds.get(setting.path);
      return referenceKind && isDifferentKind(setting.kind, referenceKind) ? [{ section, setting, reference, referenceKind }] : [];
    });
  });
}

/** What a source file holds: its environment maps, and its own settings when it is named after an environment. */
export interface EnvironmentServices {
  maps: EnvironmentSection[][];
  fileSection?: EnvironmentSection;
}

/** Visitors that fill `collected` with a source file's environment maps and, for `config/<env>.js`, its exported settings. */
export function environmentServiceVisitors(source: SourceCode, root: string, collected: EnvironmentServices): Visitors {
  const environment = environmentOfConfigFile(root, source.path);
  return {
    ObjectExpression: (node) => {
      const map = environmentMap(source, node as TSESTree.ObjectExpression);
      if (map) collected.maps.push(map);
    },
    'Program:exit': (node) => {
      const exported = environment ? exportedObject(source, node as TSESTree.Program) : undefined;
      if (environment && exported) collected.fileSection = { environment, file: source.path, settings: objectSettings(source, exported) };
    },
  };
}

/** Every environment map and every environment-named file of the project's server code and config data. */
export function projectEnvironmentSections(
  project: ProjectFacts,
  files: ReadonlyMap<string, { readonly summary: FileSummary; readonly collected: EnvironmentServices }>,
): { maps: EnvironmentSection[][]; fileSections: EnvironmentSection[] } {
  const devOnly = devOnlyFiles(project, files);
  const maps: EnvironmentSection[][] = [];
  const fileSections: EnvironmentSection[] = [];
  for (const [path, { collected }] of files) {
    if (devOnly.has(path) || isBrowserFile(project.root, path)) continue;
    maps.push(...collected.maps);
    if (collected.fileSection) fileSections.push(collected.fileSection);
  }
  for (const file of project.files.configData) {
    maps.push(...dataEnvironmentMaps(file));
    const environment = environmentOfConfigFile(project.root, file.path);
    if (environment) fileSections.push({ environment, file: file.path, settings: dataSettings(file, file.value) });
  }
  return { maps, fileSections };
}
