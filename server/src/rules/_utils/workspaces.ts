/** npm and yarn workspaces: which folder of a monorepo a file belongs to. */
import picomatch from 'picomatch';
import { projectPath } from './modules';

/** The `workspaces` globs of a root package.json (`["packages/*"]` or `{ packages: [...] }`). */
export function workspacePatterns(json: Readonly<Record<string, unknown>> | undefined): string[] {
  const value = json?.workspaces;
  const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? (value as { packages?: unknown }).packages : undefined;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string').map((item) => item.replace(/^\.\//, '').replace(/\/$/, '')) : [];
}

/** The workspace folder (relative to the root, `packages/api`) that holds `path`, if any. */
export function workspaceFolderOf(root: string, patterns: readonly string[], path: string): string | undefined {
  if (patterns.length === 0) return undefined;
  const rel = projectPath(root, path);
  if (rel.startsWith('..')) return undefined;
  const matchers = patterns.map((pattern) => picomatch(pattern));
  const segments = rel.split('/').slice(0, -1);
  for (let length = 1; length <= segments.length; length++) {
    const folder = segments.slice(0, length).join('/');
    if (folder.split('/').includes('node_modules')) return undefined;
    if (matchers.some((matches) => matches(folder))) return folder;
  }
  return undefined;
}
