/**
 * Factor I: one app is one codebase, and every deploy is built from it alone. A dependency on a
 * folder beside the checkout (`file:../shared`, `link:`, an absolute path) or an import that
 * climbs out of the package root works only on machines where that other code happens to sit in
 * the right place, at whatever version it has there. Shared code belongs in a versioned package
 * or, inside one repository, in a workspace.
 */
import { dirname, isAbsolute, join, normalize, relative } from 'node:path';
import { defineProjectRule } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import { projectPath } from '../_utils/modules';
import { packageNameOf } from '../_utils/packageNames';
import { isBrowserifyBundle, isToolingConfigFile } from '../_utils/sourceRoles';
import { escapeRegExp } from '../_utils/strings';
import { workspaceFolderOf, workspacePatterns } from '../_utils/workspaces';

type MessageId = 'dependencyOutsideRoot' | 'importOutsideRoot' | 'importOutsideWorkspace';

const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

export default defineProjectRule<MessageId, never>({
  id: 'codebase/no-external-dependency',
  severity: 'warning',
  description: 'Dependencies and imports that reach outside the repository: file:/link:/portal: paths and ../ imports above the package root.',
  // Imports are judged from each file's import list in `check`; a scan parses only files with an import
  // that leaves, so that the finding has text to point into.
  triggers: (text, project, path) => [...text.matchAll(CLIMBING_SPECIFIER)].some(([, specifier]) => escapeOf(project, path, specifier) !== undefined),
  messages: {
    dependencyOutsideRoot:
      '"{{name}}" is installed from {{spec}}, a folder outside this project. Deploys build from this codebase alone, so that code is either missing or whatever version sits beside the checkout: publish it as a versioned package, or make both packages workspaces of one repository.',
    importOutsideRoot:
      'This import climbs out of the package root to {{target}}. Code that lives outside this codebase is not part of what a deploy builds and versions: depend on it as a package instead.',
    importOutsideWorkspace:
      'This import reaches out of the workspace "{{workspace}}" into {{target}} by path. Sibling packages then ship and version as one blob: import the other workspace by its package name and declare it as a dependency.',
  },
  check({ project, files, report }) {
    const packageJson = project.files.packageJson;
    if (!packageJson?.json) return;
    for (const section of DEPENDENCY_SECTIONS) {
      const entries = packageJson.json[section];
      if (typeof entries !== 'object' || entries === null) continue;
      for (const [name, spec] of Object.entries(entries)) {
        const at = packageJson.locations[`${section}.${name}`];
        if (typeof spec !== 'string' || !at || !pointsOutside(project.root, spec)) continue;
        report(packageJson.path, { at, messageId: 'dependencyOutsideRoot', data: { name, spec } });
      }
    }
    for (const [path, { summary }] of files) {
      // Without the text there is nowhere to point: the trigger let a scan skip the file.
      // A bundle's `require('../x')` names a module of the bundle, not a path.
      // Tooling config (`jest.config.js` requiring the monorepo's `../../../jest/config`) is not what a deploy runs.
      if (summary.text === undefined || isBrowserifyBundle(summary.text) || isToolingConfigFile(project.root, path)) continue;
      const searchFrom = new Map<string, number>();
      for (const specifier of summary.imports) {
        const escape = escapeOf(project, path, specifier);
        const at = escape && literalRange(summary.text, specifier, searchFrom);
        if (!escape || !at) continue;
        if (escape.workspace === undefined) report(path, { at, messageId: 'importOutsideRoot', data: { target: escape.target } });
        else report(path, { at, messageId: 'importOutsideWorkspace', data: { workspace: escape.workspace, target: escape.target } });
      }
    }
  },
});

const CLIMBING_SPECIFIER = /['"`](\.\.\/[^'"`\s]*)['"`]/g;

/**
 * Where a `../` import lands when it leaves the package root, or the file's own workspace folder
 * (`workspace` then names it); undefined when it stays inside.
 */
function escapeOf(project: ProjectFacts, path: string, specifier: string): { target: string; workspace?: string } | undefined {
  if (!specifier.startsWith('../')) return undefined;
  const resolved = normalize(join(dirname(path), specifier));
  const target = projectPath(project.root, resolved);
  // `require('../node-forge/lib/forge')` from the root of an installed package: its own declared dependency, beside it in node_modules.
  if (!isInside(project.root, resolved)) return declaresPackage(project, target.replace(/^(?:\.\.\/)+/, '')) ? undefined : { target };
  const json = project.files.packageJson?.json;
  const workspace = json && workspaceFolderOf(project.root, workspacePatterns(json), path);
  return workspace && !isInside(join(project.root, workspace), resolved) ? { target, workspace } : undefined;
}

/** Whether the path's first segments (`node-forge/lib/forge`, `@scope/pkg/x`) name a dependency package.json declares. */
function declaresPackage(project: ProjectFacts, path: string): boolean {
  const name = packageNameOf(path);
  const json = project.files.packageJson?.json;
  return name !== undefined && DEPENDENCY_SECTIONS.some((section) => {
    const entries = json?.[section];
    return typeof entries === 'object' && entries !== null && Object.hasOwn(entries, name);
  });
}

/** The next string literal `'specifier'` (any quotes) in the text, after the previous one found for it. */
function literalRange(text: string, specifier: string, searchFrom: Map<string, number>): OffsetRange | undefined {
  const pattern = new RegExp(`(['"\`])${escapeRegExp(specifier)}\\1`, 'g');
  pattern.lastIndex = searchFrom.get(specifier) ?? 0;
  const match = pattern.exec(text);
  if (!match) return undefined;
  searchFrom.set(specifier, match.index + match[0].length);
  return [match.index, match.index + match[0].length];
}

/** `file:../x`, `link:/abs`, `portal:~/x`, or a bare path, that resolves outside `root`. */
function pointsOutside(root: string, spec: string): boolean {
  const protocol = /^(?:file|link|portal):(.*)$/.exec(spec);
  const path = protocol ? protocol[1].replace(/^\/\/(?=\/)/, '') : /^(?:\.{1,2}\/|\/|~\/|[A-Za-z]:[\\/])/.test(spec) ? spec : undefined;
  if (path === undefined) return false;
  if (path.startsWith('~') || /^[A-Za-z]:[\\/]/.test(path)) return true;
  return !isInside(root, isAbsolute(path) ? normalize(path) : normalize(join(root, path)));
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
