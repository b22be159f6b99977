/** Reading docker compose files: services, what they build, their environment and labels, with offsets. */
import { dirname, join, normalize } from 'node:path';
import type { OffsetRange } from '../../engine/types';
import type { YamlFile } from '../../project/projectFiles';
import { isRecord } from './records';

export interface ComposeService {
  readonly file: YamlFile;
  readonly name: string;
  readonly value: Readonly<Record<string, unknown>>;
  /** The dotted path of the service in the file's locations, `services.web`. */
  readonly path: string;
}

export interface ComposeEntry {
  readonly key: string;
  readonly value: string;
  /** Where the entry is written; undefined when the file gives no location. */
  readonly range?: OffsetRange;
}

export function composeServices(files: readonly YamlFile[]): ComposeService[] {
  return files.flatMap((file) => {
    const services = isRecord(file.value) ? file.value.services : undefined;
    if (!isRecord(services)) return [];
    return Object.entries(services).flatMap(([name, value]) => (isRecord(value) ? [{ file, name, value, path: `services.${name}` }] : []));
  });
}

/** Whether the service is built from this Dockerfile (`build: .` or `build: { context, dockerfile }`). */
export function buildsDockerfile(service: ComposeService, dockerfilePath: string): boolean {
  const build = service.value.build;
  const context = typeof build === 'string' ? build : isRecord(build) && typeof build.context === 'string' ? build.context : isRecord(build) ? '.' : undefined;
  if (context === undefined) return false;
  const dockerfile = isRecord(build) && typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
  return normalize(join(dirname(service.file.path), context, dockerfile)) === normalize(dockerfilePath);
}

/**
 * Entries of a map-or-list section (`environment`, `labels`): `{ KEY: value }` or `["KEY=value"]`.
 * Entries without a value (`- KEY`, `KEY:`) are left out.
 */
export function composeEntries(service: ComposeService, section: 'environment' | 'labels'): ComposeEntry[] {
  const value = service.value[section];
  const base = `${service.path}.${section}`;
  const at = (path: string) => service.file.locations[path];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      if (typeof item !== 'string' || !item.includes('=')) return [];
      const equals = item.indexOf('=');
      return [{ key: item.slice(0, equals), value: item.slice(equals + 1), range: at(`${base}.${index}`) }];
    });
  }
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    item === null || item === undefined || typeof item === 'object' ? [] : [{ key, value: String(item), range: at(`${base}.${key}`) }],
  );
}
