import ignore from 'ignore';
import { basename, dirname, join } from 'node:path';
import { emptyProject, type ProjectFacts } from '../../server/src/project/facts';
import { CONFIG_DATA_FILE, parseConfigData } from '../../server/src/project/parsers/configData';
import { parseDockerfile } from '../../server/src/project/parsers/dockerfile';
import { hashComments } from '../../server/src/project/parsers/hashComments';
import { parseEnvFile } from '../../server/src/project/parsers/dotenv';
import { parsePackageJson } from '../../server/src/project/parsers/packageJson';
import { parsePrivateKey, withLocalhostCertificates } from '../../server/src/project/parsers/privateKey';
import { parseProcfile } from '../../server/src/project/parsers/procfile';
import { parseYamlFile } from '../../server/src/project/parsers/yaml';
import type { ConfigDataFile, DockerfileFile, EnvFile, Lockfile, PackageJsonFile, PrivateKeyFile, ProcfileFile, ProjectFiles, TextFile, YamlFile } from '../../server/src/project/projectFiles';
import { entryPointsOf, isShellScript, lockfileKindOf, packageFactsOf, packageNameOf, parseLockfile, projectFileKind } from '../../server/src/project/gather';
import { ROOT } from './ruleTester';

/**
 * The project facts `gatherProject` would build for these files, in memory: project files are
 * parsed by the real parsers, so rule tests see exactly what a scan sees, without touching the disk.
 * Keys are paths relative to the project root (`package.json`, `Procfile`, `docker/Dockerfile`).
 */
export function projectFixture(texts: Readonly<Record<string, string>>, root = ROOT): Partial<ProjectFacts> {
  let packageJson: PackageJsonFile | undefined;
  let gitignore: TextFile | undefined;
  let procfile: ProcfileFile | undefined;
  const envFiles: EnvFile[] = [];
  const dockerfiles: DockerfileFile[] = [];
  const composeFiles: YamlFile[] = [];
  const lockfiles: Lockfile[] = [];
  const configFiles: string[] = [];
  const configData: ConfigDataFile[] = [];
  const shellScripts: TextFile[] = [];
  const nestedPackageRoots: string[] = [];
  const privateKeys: PrivateKeyFile[] = [];
  const keyMaterial: TextFile[] = [];
  const typescriptConfigs: string[] = [];
  const ignored = ignore().add(texts['.gitignore'] ?? '');
  for (const relative of Object.keys(texts).sort()) {
    const text = texts[relative];
    const path = join(root, relative);
    const kind = projectFileKind(relative);
    if (kind === 'lockfile') lockfiles.push(parseLockfile(path, lockfileKindOf(relative)!, text));
    else if (kind === 'config') {
      configFiles.push(path);
      if (CONFIG_DATA_FILE.test(basename(relative))) configData.push(parseConfigData(path, text));
    } else if (kind === 'packageJson') packageJson = parsePackageJson(path, text).file;
    else if (kind === 'gitignore') gitignore = { path, text, comments: [] };
    else if (kind === 'procfile') procfile = parseProcfile(path, text);
    else if (kind === 'compose') composeFiles.push(parseYamlFile(path, text).file);
    else if (kind === 'dockerfile') dockerfiles.push(parseDockerfile(path, text));
    else if (kind === 'env') envFiles.push({ ...parseEnvFile(path, text), gitignored: ignored.ignores(relative) });
    else if (kind === 'shellScript' && isShellScript(basename(relative), text)) shellScripts.push({ path, text, comments: hashComments(text) });
    else if (kind === 'nestedPackage' && packageNameOf(text) !== undefined) nestedPackageRoots.push(dirname(path));
    else if (kind === 'typescriptConfig') typescriptConfigs.push(path);
    else if (kind === 'privateKey') {
      const key = parsePrivateKey(path, text);
      if (key) privateKeys.push(key);
      keyMaterial.push({ path, text, comments: [] });
    }
  }
  const files: ProjectFiles = {
    packageJson, gitignore, procfile, envFiles, dockerfiles, composeFiles, lockfiles, configFiles, configData, nestedPackageRoots, shellScripts,
    privateKeys: withLocalhostCertificates(privateKeys, keyMaterial), typescriptConfigs,
  };
  const facts = packageFactsOf(packageJson);
  const envExample = envFiles.find((file) => file.path === join(root, '.env.example'));
  return {
    packageJson: facts,
    procfile,
    envExample: { ...emptyProject(root).envExample, exists: envExample !== undefined, keys: new Set(envExample?.entries.map((entry) => entry.key)) },
    entryPoints: entryPointsOf(facts, procfile),
    files,
  };
}

/** A package.json text with the given fields, formatted like npm writes it. */
export function packageJsonText(fields: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify(fields, null, 2)}\n`;
}
