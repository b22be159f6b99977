/**
 * Factor II: dependencies are declared in package.json and isolated in node_modules. A global
 * install (`npm install -g`, `yarn global add`, `pnpm add -g`) puts a package into the
 * machine instead: no manifest lists it, no lockfile pins it, and the next machine lacks it.
 * Doing it while the app runs, or in a script the deploy runs, hides a dependency from the build.
 */
import { defineProjectRule } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';
import { processCallVisitors, processCommands } from '../_utils/childProcess';
import { isInstallVerb, packageManagerCommand, type PackageManagerCommand } from '../_utils/commands';
import { jsonStringSubrange } from '../_utils/jsonStrings';
import { parseShell, programWords, type SimpleCommand } from '../_utils/shell';
import { isDevOnlyFile, productionFindings } from '../_utils/sourceRoles';
import { getStaticString } from '../_utils/ast';
import { mergeVisitors } from '../_utils/visitors';

type MessageId = 'globalInstallInCode' | 'globalInstallInScript' | 'globalInstallInProcfile' | 'globalModules';

/** A global install the code runs, or a place where it looks for globally installed packages. */
interface GlobalUse {
  readonly range: OffsetRange;
  readonly messageId: 'globalInstallInCode' | 'globalModules';
  /** The packages installed, or the global folder searched. */
  readonly packages: string;
}

/** The machine's global node_modules folders, where `npm install -g` puts packages. */
const GLOBAL_MODULES_FOLDER = /^\/usr(?:\/local)?\/lib\/node_modules\/?$/;

/** Scripts only developers run: tests, linters, watchers, release tooling. */
const DEV_SCRIPT =
  /^(?:pre|post)?(?:dev|develop|test|tests|lint|format|fmt|watch|storybook|docs?|coverage|e2e|typecheck|type-check|check|ci|release|version|publish|prepublish|prepublishOnly|prepack|postpack|prepare|setup|bootstrap|clean|precommit|commit|husky|bench|benchmark)(?:[:_-][\w:.-]*)?$|[:_-](?:dev|test|lint|watch)$/;

export default defineProjectRule<MessageId, GlobalUse[]>({
  id: 'dependencies/no-runtime-global-install',
  severity: 'warning',
  description: 'Global package installs (npm install -g, yarn global add, pnpm add -g) run by the app or by the scripts a deploy runs, and code that loads packages from the machine\'s global node_modules.',
  triggers: /child_process|\bexeca\b|cross-spawn|shelljs|\bzx\b|\/lib\/node_modules['"`]/,
  messages: {
    globalInstallInCode:
      'The app installs {{packages}} globally while it runs. A global package is outside package.json and the lockfile, differs from machine to machine and may not even be writable in production: declare it as a dependency and use it from node_modules.',
    globalInstallInScript:
      'The "{{script}}" script installs {{packages}} globally. Whatever it installs lives outside package.json and the lockfile, so deploys depend on the machine: declare it as a dependency; npm scripts find its binary in node_modules/.bin.',
    globalModules:
      'The app looks for packages in the machine\'s global node_modules ({{packages}}). What it finds there is installed by hand, outside package.json and the lockfile, so each machine runs different code: declare what the app loads as dependencies, or install plugins into a folder the app owns.',
    globalInstallInProcfile:
      'The "{{process}}" process installs {{packages}} globally before it starts. Each start then depends on the registry and on whatever version is newest: declare it as a dependency instead.',
  },
  initial: () => [],
  collect({ source, project, collected }) {
    if (isDevOnlyFile(project, source.path)) return {};
    return mergeVisitors(
      processCallVisitors((call) => {
        const commands = processCommands(source, call);
        const install = commands.map(globalInstall).find((found) => found !== undefined);
        if (install) collected.push({ range: call.target.range, messageId: 'globalInstallInCode', packages: packagesOf(install) });
        // `npm root -g`, `npm -g prefix`: asking where global packages live, to load them from there.
        else if (commands.some((command) => isGlobalFolderQuery(command))) collected.push({ range: call.target.range, messageId: 'globalModules', packages: 'npm\'s global prefix' });
      }),
      {
        Literal: (node) => {
          const folder = getStaticString(node);
          if (folder && GLOBAL_MODULES_FOLDER.test(folder)) collected.push({ range: node.range, messageId: 'globalModules', packages: folder });
        },
      },
    );
  },
  check({ project, files, report }) {
    for (const [path, use] of productionFindings(project, files)) report(path, { at: use.range, messageId: use.messageId, data: { packages: use.packages } });
    const packageJson = project.files.packageJson;
    const scripts = packageJson?.json?.scripts;
    if (packageJson && typeof scripts === 'object' && scripts !== null) {
      for (const [script, value] of Object.entries(scripts)) {
        const at = packageJson.locations[`scripts.${script}`];
        if (typeof value !== 'string' || DEV_SCRIPT.test(script) || !at) continue;
        for (const command of parseShell(value)) {
          const install = globalInstall(command);
          if (!install) continue;
          const range = commandRange(command);
          report(packageJson.path, { at: jsonStringSubrange(packageJson.text, at, range), messageId: 'globalInstallInScript', data: { script, packages: packagesOf(install) } });
        }
      }
    }
    const procfile = project.files.procfile;
    for (const process of procfile?.processes ?? []) {
      for (const command of parseShell(process.command)) {
        const install = globalInstall(command);
        if (!install) continue;
        const [start, end] = commandRange(command);
        const at: OffsetRange = [process.commandRange[0] + start, process.commandRange[0] + end];
        report(procfile!.path, { at, messageId: 'globalInstallInProcfile', data: { process: process.name, packages: packagesOf(install) } });
      }
    }
  },
});

function isGlobalFolderQuery(command: SimpleCommand): boolean {
  const pm = packageManagerCommand(programWords(command));
  return pm !== undefined && pm.global && (pm.verb === 'root' || pm.verb === 'prefix');
}

function globalInstall(command: SimpleCommand): PackageManagerCommand | undefined {
  const pm = packageManagerCommand(programWords(command));
  return pm?.global && isInstallVerb(pm.verb) && pm.verb !== 'remove' ? pm : undefined;
}

function packagesOf(install: PackageManagerCommand): string {
  const names = install.operands.filter((word) => !word.dynamic).map((word) => word.text);
  return names.length > 0 ? names.join(', ') : 'packages';
}

function commandRange(command: SimpleCommand): OffsetRange {
  return [command.words[0].start, command.words[command.words.length - 1].end];
}
