/**
 * Factor V: a release is a build plus config, fixed once made; the run stage executes it as is.
 * A running process that installs packages, pulls code or compiles changes what is running into
 * something no build produced and no release recorded: it cannot be rolled back, differs between
 * instances, and breaks when the registry or the repository is unreachable.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineProjectRule } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node, OffsetRange } from '../../engine/types';
import { getMemberPath } from '../_utils/ast';
import { commandVisitors, processCommands, runsInOwnFolder, type HelperCall, type ProcessCall } from '../_utils/childProcess';
import { BUILD_SCRIPT, buildTool, isInstallVerb, OS_PACKAGE_MANAGER, packageManagerCommand, vcsCommand } from '../_utils/commands';
import { programName, programWords, type ShellWord } from '../_utils/shell';
import { productionFindings } from '../_utils/sourceRoles';
import { mergeVisitors } from '../_utils/visitors';

type MessageId = 'install' | 'systemInstall' | 'checkout' | 'build';

interface RunTimeCommand {
  readonly range: OffsetRange;
  readonly messageId: MessageId;
  readonly command: string;
}

export default defineProjectRule<MessageId, RunTimeCommand[]>({
  id: 'build-release-run/no-runtime-install',
  severity: 'warning',
  description: 'The running app installs packages, pulls or clones code, or compiles: work that belongs to the build stage.',
  triggers: /child_process|\bexeca\b|cross-spawn|shelljs|\bzx\b|\b(?:npm|yarn|pnpm)\b|commands\.(?:install|update|uninstall)/,
  messages: {
    install:
      'The running app runs `{{command}}`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.',
    systemInstall:
      'The running app runs `{{command}}`, installing system packages into the machine it runs on. The release no longer describes what runs: each instance ends up different, a restart on a fresh machine loses it, and the install fails without network or root. Install it in the image at build time.',
    checkout:
      'The running app runs `{{command}}` on its own folder. Code fetched at run time bypasses build and release entirely, so what runs is no longer a versioned release: deploy a new release instead.',
    build:
      'The running app runs `{{command}}`. Compiling or bundling is the build stage\'s job: done at run time it slows every start, needs build tools in production and can produce something other than what was tested.',
  },
  initial: () => [],
  collect({ source, collected }) {
    const reported = new Set<Node>();
    const report: Report = (at, messageId, command) => {
      if (reported.has(at)) return;
      reported.add(at);
      collected.push({ range: at.range, messageId, command });
    };
    return mergeVisitors(
      commandVisitors(
        source,
        (call) => checkProcessCall(source, call, report),
        (call) => checkCommandHelper(call, report),
      ),
      { CallExpression: (node) => checkNpmApi(node as TSESTree.CallExpression, report) },
    );
  },
  check({ project, files, report }) {
    for (const [path, found] of productionFindings(project, files)) report(path, { at: found.range, messageId: found.messageId, data: { command: found.command } });
  },
});

type Report = (at: Node, messageId: MessageId, command: string) => void;

function checkProcessCall(source: SourceCode, call: ProcessCall, report: Report): void {
  for (const command of processCommands(source, call)) {
    const found = classify(programWords(command), runsInOwnFolder(call));
    if (found) {
      report(call.target, found.messageId, found.command);
      return;
    }
  }
}

/** What a command does that has no place at run time. */
function classify(input: readonly ShellWord[], ownFolder: boolean): { messageId: MessageId; command: string } | undefined {
  // `node path/to/npm-cli.js install x`, the declared npm run through process.execPath.
  const words = programName(input[0]?.text ?? '') === 'node' && input[1] && /(?:^|[/\\])npm(?:-cli)?(?:\.js)?$|\bnpm\b/.test(input[1].dynamic ? input[1].hint ?? '' : input[1].text)
    ? [{ ...input[1], text: 'npm', dynamic: false }, ...input.slice(2)]
    : input;
  const osInstall = systemInstall(words);
  if (osInstall) return { messageId: 'systemInstall', command: osInstall };
  const pm = packageManagerCommand(words);
  if (pm && isInstallVerb(pm.verb)) return { messageId: 'install', command: shown(words, pm.verbWord ? words.indexOf(pm.verbWord) + 1 : 1, pm.manager) };
  if (pm?.script && BUILD_SCRIPT.test(pm.script)) return { messageId: 'build', command: shown(words, words.indexOf(pm.verbWord!) + (pm.verb === 'run' ? 2 : 1), pm.manager) };
  const tool = buildTool(words);
  if (tool) return { messageId: 'build', command: tool };
  const vcs = vcsCommand(words);
  if (vcs && ownFolder && !vcs.otherFolder) return { messageId: 'checkout', command: `git ${vcs.verb}` };
  return undefined;
}

/** `apt-get install -y chromium`, `apk add ffmpeg`, `pip install x` → the manager and its verb. */
function systemInstall(words: readonly ShellWord[]): string | undefined {
  const manager = words[0] && !words[0].dynamic ? programName(words[0].text) : undefined;
  if (!manager || !OS_PACKAGE_MANAGER.test(manager)) return undefined;
  const verb = words.slice(1).find((word) => !word.dynamic && !word.text.startsWith('-'));
  return verb && /^(?:install|add|reinstall|upgrade)$/.test(verb.text) ? `${manager} ${verb.text}` : undefined;
}

/** The command as the message shows it: the program and its verb, without arguments built at run time. */
function shown(words: readonly ShellWord[], count: number, program: string): string {
  return [program, ...words.slice(1, count).map((word) => (word.dynamic ? '…' : word.text))].join(' ');
}

/** `npm.commands.install(…)`, `npm.install(…)` with the npm package loaded in-process. */
function checkNpmApi(call: TSESTree.CallExpression, report: Report): void {
  const path = getMemberPath(call.callee);
  if (!path || path.length < 2 || !/^npm$/i.test(path[0])) return;
  const method = path[path.length - 1];
  if (!/^(?:install|ci|update|uninstall)$/.test(method) || (path.length > 2 && path[path.length - 2] !== 'commands')) return;
  report(call, 'install', `npm ${method}`);
}

/** A command handed to an app's own helper (`executeCommand('npm install x')`) rather than to child_process. */
function checkCommandHelper(call: HelperCall, report: Report): void {
  for (const command of call.commands) {
    const words = programWords(command);
    // Helper names are generic: only a package manager or git at the head is trusted to be a command.
    if (!words[0] || words[0].dynamic || !/^(?:npm|yarn|pnpm|git)$/.test(words[0].text)) continue;
    const found = classify(words, true);
    if (found && found.messageId !== 'build') report(call.target, found.messageId, found.command);
    return;
  }
}
