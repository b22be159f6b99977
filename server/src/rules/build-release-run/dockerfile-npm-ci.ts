/**
 * Factor V: the build stage turns one commit into one exact artefact. An install that runs before
 * the lockfile is in the image ignores the pins altogether: two builds of the same commit can then
 * ship different dependencies. Installing in the Dockerfile is the build stage doing its job, so a
 * plain `npm install` with the lockfile present is reported only when a project asks for `npm ci`
 * (`requireCi`): npm follows a lockfile that agrees with package.json. Build stages of a
 * multi-stage file are left alone: they produce artefacts, and only what the final stage contains
 * is released.
 */
import picomatch from 'picomatch';
import { basename } from 'node:path';
import { defineProjectRule, type FixSpec } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';
import type { DockerfileFile, DockerInstruction } from '../../project/projectFiles';
import { packageManagerCommand, type PackageManagerCommand } from '../_utils/commands';
import { argsRangeInFile, execFormWords, finalStage, stageChain } from '../_utils/dockerfiles';
import { parseShell, programWords } from '../_utils/shell';

type MessageId = 'npmInstall' | 'unfrozenInstall' | 'noLockfileCopied';
interface Options {
  readonly requireCi: boolean;
}

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
/** `npm install` flags that `npm ci` does not take the same way, so the fix is not offered. */
const NOT_FOR_CI = /^--(?:no-)?(?:save|package-lock)|^--package-lock-only|^-[SDEO]$/;

export default defineProjectRule<MessageId, never, Options>({
  id: 'build-release-run/dockerfile-npm-ci',
  severity: 'warning',
  description: 'An install in the final Dockerfile stage before any lockfile is in the image; with requireCi, also npm install or an unfrozen yarn/pnpm install there.',
  appliesTo: (project) => project.files.dockerfiles.length > 0,
  fixable: true,
  defaultOptions: { requireCi: false },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      requireCi: { type: 'boolean', description: 'Also report `npm install` (and yarn/pnpm installs without a frozen lockfile) in the final stage, where `npm ci` would install exactly what the lockfile records.' },
    },
  },
  messages: {
    npmInstall:
      '`{{command}}` in the image that runs in production re-resolves version ranges and may rewrite the lockfile, so the release can contain dependencies nobody tested. Use `npm ci`, which installs exactly what package-lock.json records.',
    unfrozenInstall:
      '`{{command}}` in the image that runs in production may update the lockfile instead of following it, so two builds of one commit can differ. Add {{flag}} so the build fails rather than drifts.',
    noLockfileCopied:
      '`{{command}}` runs before any lockfile is copied into the image, so it resolves versions afresh on every build. COPY the lockfile along with package.json before installing.',
  },
  check({ project, options, report }) {
    const hasLockfile = project.files.lockfiles.length > 0;
    const hasNpmLockfile = project.files.lockfiles.some((lockfile) => lockfile.kind === 'npm');
    for (const dockerfile of project.files.dockerfiles) {
      const last = finalStage(dockerfile);
      dockerfile.instructions.forEach((instruction, index) => {
        if (instruction.keyword !== 'RUN' || instruction.stage !== last) return;
        const exec = execFormWords(instruction.args);
        const commands = parseShell(exec ? exec.join(' ') : instruction.args);
        for (const command of commands) {
          const words = programWords(command);
          const pm = packageManagerCommand(words);
          if (!pm || pm.global || (pm.verb !== 'install' && pm.verb !== 'ci')) continue;
          const end = (pm.verbWord ?? pm.program).end;
          const at: OffsetRange = exec ? instruction.argsRange : argsRangeInFile(dockerfile.text, instruction, [pm.program.start, end]);
          const shown = words.slice(0, words.indexOf(pm.verbWord ?? pm.program) + 1).map((word) => word.text).join(' ');
          const lockfileCopied = lockfileAvailable(dockerfile, index);
          const requiresCi = options.requireCi && pm.verb === 'install';
          if (requiresCi && pm.manager === 'npm') {
            const fix = !exec && lockfileCopied && hasNpmLockfile ? ciFix(dockerfile, instruction, pm) : undefined;
            report(dockerfile.path, { at, messageId: 'npmInstall', data: { command: shown }, fix });
          } else if (requiresCi && !isFrozen(pm)) {
            const flag = pm.manager === 'yarn' ? '--frozen-lockfile (Yarn 1) or --immutable (Yarn 2+)' : '--frozen-lockfile';
            report(dockerfile.path, { at, messageId: 'unfrozenInstall', data: { command: shown, flag } });
          }
          if (!lockfileCopied && hasLockfile) report(dockerfile.path, { at, messageId: 'noLockfileCopied', data: { command: shown } });
        }
      });
    }
  },
});

function isFrozen(pm: PackageManagerCommand): boolean {
  return pm.flags.some((flag) => /^--(?:frozen-lockfile|immutable)(?:=true)?$/.test(flag.text));
}

/** `npm install` → `npm ci`, when it installs from the manifest only and its flags mean the same to `ci`. */
function ciFix(dockerfile: DockerfileFile, instruction: DockerInstruction, pm: PackageManagerCommand): FixSpec | undefined {
  if (!pm.verbWord || pm.operands.length > 0 || pm.flags.some((flag) => NOT_FOR_CI.test(flag.text))) return undefined;
  const range = argsRangeInFile(dockerfile.text, instruction, [pm.verbWord.start, pm.verbWord.end]);
  if (dockerfile.text.slice(range[0], range[1]) !== pm.verbWord.text) return undefined;
  return { title: 'Install with npm ci', changes: [{ type: 'replace', range, text: 'ci' }] };
}

/**
 * Whether a lockfile is in the image when instruction `index` runs: copied earlier in its stage (or
 * in a stage it builds on), by name, by a glob such as `package*.json`, or with a whole folder;
 * checked out with the repository (`git clone`); or bind-mounted into the RUN itself.
 */
function lockfileAvailable(dockerfile: DockerfileFile, index: number): boolean {
  const instructions = dockerfile.instructions;
  const raw = (instruction: DockerInstruction) => dockerfile.text.slice(instruction.range[0], instruction.range[1]);
  if (/--mount=\S*(?:package-lock|npm-shrinkwrap|yarn\.lock|pnpm-lock|bun\.lock)/.test(raw(instructions[index]))) return true;
  const stages = stageChain(instructions, instructions[index].stage);
  return instructions.slice(0, index).some((instruction) => {
    if (!stages.has(instruction.stage)) return false;
    if (instruction.keyword === 'RUN') return /\bgit\s+clone\b/.test(instruction.args);
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return false;
    const words = (execFormWords(instruction.args) ?? instruction.args.split(/\s+/)).filter((word) => word && !word.startsWith('--'));
    return words.slice(0, -1).some(copiesLockfile);
  });
}

function copiesLockfile(source: string): boolean {
  const name = basename(source.replace(/\/+$/, ''));
  if (source === '.' || source === './' || source.endsWith('/') || !name.includes('.')) return true;
  const matches = picomatch(name);
  return LOCKFILES.some((lockfile) => matches(lockfile));
}

