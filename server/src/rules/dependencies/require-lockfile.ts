/**
 * Factor II: declaring dependencies is half of it; the other half is getting exactly the same
 * ones on every install. package.json holds ranges, the lockfile pins what they resolved to.
 * Without a lockfile, or with one that no longer matches package.json, each deploy resolves
 * the ranges again and may run code nobody tested.
 */
import { basename } from 'node:path';
import { defineProjectRule } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';

type MessageId = 'missingLockfile' | 'notLocked' | 'lockedDifferently' | 'staleLockEntry' | 'unpinned';

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

export default defineProjectRule<MessageId, never>({
  id: 'dependencies/require-lockfile',
  severity: 'warning',
  description: 'A package.json with dependencies but no lockfile, an npm/pnpm lockfile out of step with it, or runtime dependencies nothing pins ("*", the head of a git branch).',
  messages: {
    missingLockfile:
      'No lockfile sits next to this package.json, so every install resolves the version ranges afresh and two deploys of the same commit can run different dependency code. Commit the lockfile your package manager writes (package-lock.json, yarn.lock or pnpm-lock.yaml).',
    notLocked:
      '"{{name}}" is declared here but missing from {{lockfile}}. The lockfile is out of date: `npm ci` refuses it, other installs resolve the package afresh. Install once to update the lockfile and commit it.',
    lockedDifferently:
      '"{{name}}" asks for {{spec}} here, but {{lockfile}} was written for {{locked}}. The lockfile is out of date: `npm ci` refuses it, other installs resolve the package afresh. Install once to update the lockfile and commit it.',
    unpinned:
      '"{{name}}" accepts {{what}}, and no lockfile pins what that resolved to: each install can take a new major version, or whatever the branch holds that day, and run code nobody tested. Declare a version range (and commit a lockfile).',
    staleLockEntry:
      '{{lockfile}} still locks "{{name}}", which package.json no longer declares. The lockfile is out of date: install once to update it and commit it.',
  },
  check({ project, report }) {
    const { packageJson, lockfiles, gitignore } = project.files;
    const json = packageJson?.json;
    if (!packageJson || !json) return;
    const declared = SECTIONS.flatMap((section) => entriesOf(json[section]).map(([name, spec]) => ({ section, name, spec })));
    if (declared.length === 0) return;
    const sectionKey = SECTIONS.map((section) => packageJson.locations[`${section}#key`]).find((range): range is OffsetRange => range !== undefined);
    if (lockfiles.length === 0) {
      // `"@budibase/backend-core": "*"` in `@budibase/server`: a sibling of its monorepo, which the workspace provides.
      const scope = /^@[^/]+\//.exec(typeof json.name === 'string' ? json.name : '')?.[0];
      for (const dependency of declared.filter((candidate) => candidate.section !== 'devDependencies' && !(scope && candidate.name.startsWith(scope)))) {
        const what = unpinnedSpec(dependency.spec);
        const at = packageJson.locations[`${dependency.section}.${dependency.name}`];
        if (what && at) report(packageJson.path, { at, messageId: 'unpinned', data: { name: dependency.name, what } });
      }
      // A published tarball never ships its lockfile, and a monorepo package keeps it at the
      // repository root: only a folder that looks like a repository root (it has a .gitignore) is judged.
      if (!gitignore || declared.some(({ spec }) => spec.startsWith('workspace:')) || !sectionKey) return;
      report(packageJson.path, { at: sectionKey, messageId: 'missingLockfile' });
      return;
    }
    for (const lockfile of lockfiles) {
      const locked = lockfile.rootDependencies;
      if (!locked) continue;
      const name = basename(lockfile.path);
      for (const dependency of declared) {
        const at = packageJson.locations[`${dependency.section}.${dependency.name}`];
        if (!at) continue;
        const lockedSpec = locked[dependency.name];
        if (lockedSpec === undefined) report(packageJson.path, { at, messageId: 'notLocked', data: { name: dependency.name, lockfile: name } });
        else if (lockedSpec !== dependency.spec) {
          report(packageJson.path, { at, messageId: 'lockedDifferently', data: { name: dependency.name, spec: dependency.spec, locked: lockedSpec, lockfile: name } });
        }
      }
      const names = new Set(declared.map((dependency) => dependency.name));
      for (const stale of Object.keys(locked).filter((lockedName) => !names.has(lockedName))) {
        if (sectionKey) report(packageJson.path, { at: sectionKey, messageId: 'staleLockEntry', data: { name: stale, lockfile: name } });
      }
    }
  },
});

/** `*`, `latest`, a git repository with no tag or commit: a spec that takes whatever is newest. */
function unpinnedSpec(spec: string): string | undefined {
  const trimmed = spec.trim();
  if (/^(?:\*|x|X|latest|)$/.test(trimmed)) return `any version ("${trimmed}")`;
  const git = /^(?:git(?:\+\w+)?:|github:|[\w.-]+\/[\w.-]+$|https?:\/\/[^#]*\.git$)/.test(trimmed);
  return git && !trimmed.includes('#') ? 'the head of a git branch (no tag or commit)' : undefined;
}

function entriesOf(value: unknown): [string, string][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}
