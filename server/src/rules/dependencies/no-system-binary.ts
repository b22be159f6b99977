/**
 * Factor II: the app must not count on tools that merely happen to be installed on the machine.
 * `exec('convert …')` or `spawn('ffmpeg', …)` ties the service to an ImageMagick or ffmpeg that
 * package.json cannot declare or pin: a slim container, another distribution or a Windows host
 * lacks it or has another version. Either ship the tool with the app (an npm package that
 * bundles it, or an install step in the image) or call a library instead.
 */
import { defineProjectRule } from '../../engine/rule';
import type { Node, OffsetRange } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import { walkSubtree, type Visitors } from '../../engine/traverse';
import { enclosingFunction, findProperty, getCalleeName, getMemberPath, getStaticString, isFunctionNode, unwrapExpression, withoutCompiledCounter } from '../_utils/ast';
import { assignedFunctionName, functionName } from '../_utils/callGraph';
import { commandVisitors, processCommands, type ProcessCall } from '../_utils/childProcess';
import { inDesktopPlatformBranch } from '../_utils/branches';
import { isOperatorCommandModule } from '../_utils/cliCommands';
import { OS_PACKAGE_MANAGER } from '../_utils/commands';
import { finalStage } from '../_utils/dockerfiles';
import { isEnvDefault } from '../_utils/env';
import { isFailureTolerated } from '../_utils/errorHandling';
import { importVisitors } from '../_utils/importSpecifiers';
import { bindingsByLocalName, findModuleBindings, type ModuleBindings, modulesByLocalName, visitRequireBinding } from '../_utils/imports';
import { projectPath, resolveImport } from '../_utils/modules';
import { parseShell, programName, programWords, wrapperWords, type ShellWord, type SimpleCommand } from '../_utils/shell';
import { commandWords, startCommandSites, wordsRange } from '../_utils/startCommands';
import { productionFindings } from '../_utils/sourceRoles';
import { mergeVisitors } from '../_utils/visitors';

type MessageId = 'systemBinary' | 'configuredProgram' | 'lookedUpProgram' | 'programDriver' | 'superuser';

interface SystemToolCall {
  readonly range: OffsetRange;
  /** The program's name, or the setting it is read from (`settings.abiword`). */
  readonly binary: string;
  /** The npm package that drives the program, for `programDriver`. */
  readonly driver?: string;
  readonly messageId: MessageId;
  /**
   * The app's own module whose helper runs the command (`require('../utils/exec')`): the call counts
   * when that module hands the command it is given to a process call.
   */
  readonly through?: string;
}

/** A file that runs the command its helper is handed: `module.exports = (cmd, cb) => childProcess.exec(cmd, opts, cb)`. */
interface CommandRunner {
  readonly runsGivenCommand: true;
}

type Collected = SystemToolCall | CommandRunner;

interface Options {
  /** Programs the deploy provides on purpose (installed by the image, a buildpack…). */
  readonly allow: readonly string[];
}

/** Tools that are not part of a Node.js runtime, each with the OS package names that provide it. */
const SYSTEM_TOOLS: ReadonlyMap<string, readonly string[]> = new Map([
  ...tools(['convert', 'magick', 'identify', 'mogrify', 'composite', 'montage'], ['imagemagick']),
  ...tools(['gm'], ['graphicsmagick']),
  ...tools(['ffmpeg', 'ffprobe', 'avconv'], ['ffmpeg', 'libav']),
  ...tools(['gs', 'ghostscript'], ['ghostscript']),
  ...tools(['pdftotext', 'pdftoppm', 'pdfinfo', 'pdftocairo', 'pdfimages'], ['poppler']),
  ...tools(['pdftk', 'qpdf', 'wkhtmltopdf', 'wkhtmltoimage', 'pandoc', 'tesseract', 'exiftool', 'inkscape', 'vips', 'sox', 'lame', 'optipng', 'pngquant', 'jpegoptim', 'gifsicle', 'phantomjs'], []),
  ...tools(['pdflatex', 'xelatex', 'latex', 'lualatex'], ['texlive', 'tex']),
  ...tools(['libreoffice', 'soffice', 'unoconv'], ['libreoffice', 'unoconv']),
  ...tools(['rsvg-convert'], ['librsvg', 'rsvg']),
  ...tools(['cwebp', 'dwebp'], ['webp']),
  ...tools(['curl', 'wget', 'git', 'svn', 'svnserve', 'hg', 'zip', 'unzip', 'tar', 'gzip', 'gunzip', 'bzip2', 'xz', 'rsync', 'make', 'gcc', 'g++', 'openssl', 'sqlite3'], []),
  ...tools(['7z', '7za'], ['p7zip', '7zip']),
  ...tools(['unrar'], ['unrar']),
  ...tools(['python', 'python2', 'python3', 'pip', 'pip3'], ['python', 'pip']),
  ...tools(['java', 'javac'], ['jre', 'jdk', 'java']),
  ...tools(['ruby', 'perl', 'php', 'go', 'cargo', 'dotnet', 'mono'], []),
  ...tools(['docker', 'docker-compose', 'podman', 'kubectl', 'helm'], []),
  ...tools(['psql', 'pg_dump', 'pg_restore', 'pg_dumpall'], ['postgresql', 'postgres']),
  ...tools(['mysql', 'mysqldump'], ['mysql', 'mariadb']),
  ...tools(['mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport'], ['mongo']),
  ...tools(['redis-cli', 'redis-server'], ['redis']),
  // Database servers an app may start as its child: their npm drivers share the name (`rethinkdb`) but ship no server.
  ...tools(['rethinkdb'], ['rethinkdb']),
  ...tools(['mongod'], ['mongo']),
  ...tools(['ssh', 'scp', 'sftp'], ['openssh', 'ssh']),
  ...tools(['aws'], ['awscli', 'aws-cli']),
  ...tools(['gcloud', 'gsutil'], ['google-cloud', 'gcloud']),
  ...tools(['az'], ['azure-cli']),
  ...tools(['heroku'], []),
  ...tools(['sendmail'], ['sendmail', 'postfix', 'msmtp', 'ssmtp', 'exim']),
  ...tools(['clamscan', 'clamdscan'], ['clamav']),
  ...tools(['ping', 'traceroute', 'nmap', 'whois'], ['iputils', 'traceroute']),
  ...tools(['netstat', 'ifconfig', 'route', 'arp'], ['net-tools']),
  ...tools(['ss', 'ip'], ['iproute2']),
  ...tools(['lsof', 'nc', 'netcat', 'telnet'], []),
  ...tools(['crontab'], ['cron']),
  ...tools(['taskset'], ['util-linux']),
  // procps and psmisc: slim images (node:*-slim, distroless) leave them out.
  ...tools(['ps', 'pgrep', 'pkill', 'pidof', 'killall', 'fuser'], ['procps', 'psmisc']),
  ...tools(['ctags'], ['ctags', 'universal-ctags', 'exuberant-ctags']),
  ...tools(['dig', 'nslookup'], ['dnsutils', 'bind-tools', 'bind9']),
  ...tools(['lp', 'lpr'], ['cups']),
  ...tools(['chromium', 'chromium-browser', 'google-chrome', 'firefox'], ['chromium', 'chrome', 'firefox']),
  ...tools(['xvfb-run'], ['xvfb']),
  ...tools(['gdb', 'gcore'], ['gdb']),
  ...tools(['npm', 'yarn', 'pnpm'], ['npm', 'yarn', 'pnpm', 'corepack']),
]);

/**
 * npm packages that only drive a program of the machine: declaring them installs a wrapper, never
 * the program (`gm` runs GraphicsMagick's `gm` or ImageMagick's `convert`). Each with the program
 * and the OS packages that provide it.
 */
const PROGRAM_DRIVERS: ReadonlyMap<string, { readonly binary: string; readonly packages: readonly string[] }> = new Map([
  ['gm', { binary: 'gm', packages: ['graphicsmagick', 'imagemagick'] }],
  ['imagemagick', { binary: 'convert', packages: ['imagemagick'] }],
  ['easyimage', { binary: 'convert', packages: ['imagemagick'] }],
  ['fluent-ffmpeg', { binary: 'ffmpeg', packages: ['ffmpeg'] }],
  ['node-7z', { binary: '7z', packages: ['p7zip', '7zip'] }],
  ['unoconv', { binary: 'unoconv', packages: ['unoconv', 'libreoffice'] }],
  ['html-pdf-chrome', { binary: 'chrome', packages: ['chromium', 'chrome'] }],
  ['chrome-launcher', { binary: 'chrome', packages: ['chromium', 'chrome'] }],
  ['pem', { binary: 'openssl', packages: ['openssl'] }],
]);

/**
 * Where a file uses each program driver it loads: its first call through the driver (`pem.createCertificate(…)`,
 * `ffmpeg(input)`, `_pem2.default.readCertificateInfo(…)` as Babel compiles it), which is where the program
 * runs; the import when the file only passes the driver on.
 */
function driverVisitors(use: (node: Node, driver: string) => void): Visitors {
  const imports = new Map<string, Node>();
  const called = new Set<string>();
  let bindings = new Map<string, string>();
  return mergeVisitors(
    importVisitors(({ node, specifier, typeOnly }) => {
      if (PROGRAM_DRIVERS.has(specifier) && !typeOnly && !imports.has(specifier)) imports.set(specifier, node);
    }),
    {
      Program: (node) => {
        bindings = new Map([...bindingsByLocalName(node as TSESTree.Program, isDriver)].map(([local, { module }]) => [local, module]));
      },
      // `var param = req.query.ffmpeg, ffmpeg = require('fluent-ffmpeg');` inside the handler that uses it.
      VariableDeclarator: (node) => visitRequireBinding(node as TSESTree.VariableDeclarator, isDriver, (local, module) => bindings.set(local, module)),
      CallExpression: (node) => {
        const root = getMemberPath((node as TSESTree.CallExpression).callee)?.[0];
        const driver = root === undefined ? undefined : bindings.get(root);
        if (driver === undefined || called.has(driver)) return;
        called.add(driver);
        use(node, driver);
      },
      'Program:exit': () => {
        for (const [driver, node] of imports) if (!called.has(driver)) use(node, driver);
      },
    },
  );
}

function isDriver(module: string): boolean {
  return PROGRAM_DRIVERS.has(module);
}

/** `ffmpeg-static`, `@ffmpeg-installer/ffmpeg`, `7zip-bin`: a declared package that ships the program itself. */
function shipsProgram(project: ProjectFacts, binary: string): boolean {
  return [...declaredPackages(project)].some((name) => name.includes(binary) && /static|installer|-bin\b/.test(name));
}

const DRIVER_TRIGGER = new RegExp(`['"\`](?:${[...PROGRAM_DRIVERS.keys()].join('|')})['"\`]`);
const COMMAND_TRIGGER = /child_process|child-process-promise|\bwhich\b|commandExists|command-exists|lookpath|hasbin|\bexeca\b|cross-spawn|shelljs|\bzx\b|runscript|promise-spawn|nano-spawn|\/s?bin\/[\w.+-]+['"`]|sendmail|\b(?:exec|execute|run|spawn|shell|sh|command|cmd)\w*\)?\s*\(\s*\[\s*['"`]|\bexec\w*\s*\(\s*['"`]/i;
/** `|| 'gcore'`: a known tool as the fallback of a setting. */
const TOOL_DEFAULT_TRIGGER = new RegExp(`(?:\\|\\||\\?\\?|(?:Path|Bin|Cmd)\\s*=|path\\s*:)\\s*['"\`](?:${[...SYSTEM_TOOLS.keys()].map((tool) => tool.replace(/[+.]/g, '\\$&')).join('|')})['"\`]`, 'i');

/**
 * The shell, its builtins and the text plumbing of pipelines: assuming them is not what this factor
 * is about, and flagging them would bury the real findings. Coreutils that do what Node's `fs` and
 * `process` do (`tail -F`, `ls /dev`, `cp -r`, `rm -rf`, `chown`, `kill -9`) are not among them: a
 * server that shells out to them breaks on distroless images and Windows, where the code that does
 * the same in Node would not.
 */
const BASE_SYSTEM = new Set(
  ('sh bash dash cd echo printf test [ true false exit export set unset exec command type which eval source . ' +
    'pwd env sleep uname id whoami hostname date head grep egrep fgrep sed awk sort uniq wc tr cut xargs tee nice nohup timeout ' +
    'basename dirname readlink realpath stat mktemp sync umask ulimit wait trap read yes seq expr tty stty').split(' '),
);

/** Where the host keeps its own setup: service units, package sources, system config. */
const SYSTEM_SETUP_PATH = /^\/(?:etc|lib\/systemd|usr\/(?:lib|share|local\/etc)|Library\/LaunchDaemons)\//;

/** Coreutils that do what Node's `fs` and `process` do: system tools, but the least telling of a command's. */
const FILE_TOOLS = new Set('kill ls cp mv rm mkdir rmdir cat chmod chown ln touch df du tail find'.split(' '));

/** `mkdir -p out && tar -xzf archive -C out`: the finding names `tar`, the program a slim image lacks first. */
function withFileToolsLast(commands: readonly SimpleCommand[]): SimpleCommand[] {
  const isFileTool = (command: SimpleCommand) => FILE_TOOLS.has(programName(programWords(command)[0]?.text ?? ''));
  return [...commands.filter((command) => !isFileTool(command)), ...commands.filter(isFileTool)];
}

/**
 * Tools that provision the host itself: its users, sudoers, firewall and boot configuration. They
 * come with the OS they administer and no package could ship them: code that runs them is setting
 * the app up as a service of that host (`useradd ${serviceUser}`, `ufw allow ${port}/tcp`), which
 * is installing it, not a tool it works with.
 */
const HOST_ADMIN = new Set('useradd usermod userdel groupadd adduser addgroup pw visudo ufw firewall-cmd netsh sysrc'.split(' '));
/** Service managers: they provision the host too, as long as the service they act on is the app's own. */
const SERVICE_MANAGERS = new Set('systemctl journalctl launchctl service sc rc-service rc-update update-rc.d chkconfig'.split(' '));
/** What service managers are asked to do; any other literal word names a service. */
const SERVICE_VERBS = new Set('start stop restart reload enable disable status daemon-reload is-active is-enabled load unload bootstrap bootout create delete config query'.split(' '));

/**
 * Host setup: user, sudoers and firewall tools, and service managers run on the app's own computed
 * unit. A literal service name (`service nscd start`) still needs that program installed.
 */
function provisionsHost(binary: string, words: readonly ShellWord[]): boolean {
  if (HOST_ADMIN.has(binary)) return true;
  // `mkdir -p /etc/apt/keyrings`, `chmod 644 /lib/systemd/system/app.service`: files of the host's own setup.
  if (FILE_TOOLS.has(binary)) return words.slice(1).some((word) => SYSTEM_SETUP_PATH.test(word.text));
  if (!SERVICE_MANAGERS.has(binary)) return false;
  const redirect = words.findIndex((word) => /^\d*[<>]/.test(word.text));
  const operands = words.slice(1, redirect < 0 ? undefined : redirect);
  return operands.every((word) => word.dynamic || word.text.startsWith('-') || /^\d+$/.test(word.text) || SERVICE_VERBS.has(word.text));
}

/**
 * What opens a URL or file in the user's desktop apps (`open` on macOS, `xdg-open`, Windows' `start`):
 * a convenience of a command run on someone's computer, never a dependency of a server.
 */
const DESKTOP_OPENERS = new Set(['open', 'xdg-open', 'start', 'explorer', 'explorer.exe', 'gnome-open', 'kde-open', 'wslview']);

/** Runtimes and scripts that ship with the app rather than with the machine. */
function isAppProvided(word: string, binary: string, project: ProjectFacts): boolean {
  if (binary === 'node' || BASE_SYSTEM.has(binary) || DESKTOP_OPENERS.has(binary)) return true;
  // `./bin/task.sh` ships with the app; a bin of a declared dependency is installed by npm.
  return /^\.{1,2}[\\/]/.test(word) || (declaredPackages(project).has(binary) && !SYSTEM_TOOLS.has(binary));
}

function declaredPackages(project: ProjectFacts): Set<string> {
  const json = project.files.packageJson?.json;
  return new Set(['dependencies', 'optionalDependencies', 'devDependencies'].flatMap((section) => Object.keys((json?.[section] as object | undefined) ?? {})));
}

function tools(names: readonly string[], packages: readonly string[]): [string, readonly string[]][] {
  return names.map((name) => [name, [name, ...packages]]);
}

export default defineProjectRule<MessageId, Collected[], Options>({
  id: 'dependencies/no-system-binary',
  severity: 'warning',
  description: 'child_process calls to system tools (curl, ImageMagick, ffmpeg, git, Ghostscript…) that package.json cannot declare.',
  // The last alternative: an argv array handed to a command helper (`runCmd(['npm', …])`).
  triggers: (text) => COMMAND_TRIGGER.test(text) || TOOL_DEFAULT_TRIGGER.test(text) || DRIVER_TRIGGER.test(text),
  defaultOptions: { allow: [] },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { allow: { type: 'array', items: { type: 'string' }, description: 'Programs the deploy provides on purpose, e.g. ["ffmpeg"].' } },
  },
  messages: {
    systemBinary:
      'This runs `{{binary}}`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.',
    configuredProgram:
      'This runs the program named by `{{binary}}`, an external tool the app expects on the machine. package.json cannot declare or pin it, so whether the feature works depends on what each host happens to have: ship the tool in the image on purpose (and say so), or use an npm package that bundles it.',
    lookedUpProgram:
      'The app looks for `{{binary}}` on the machine, a program package.json cannot declare or pin: the feature that needs it works on one host and silently not on another. Install it in the image on purpose, or use an npm package that ships it.',
    superuser:
      'This runs a command through `sudo`, which slim images do not install and platforms do not grant: the app then depends on a host set up by hand, with a sudoers entry package.json cannot declare. Run the process as the user it needs, and give it what it needs in the image.',
    programDriver:
      '`{{driver}}` only drives `{{binary}}`, a program the app assumes is installed on the machine: declaring the package does not install the program, so a slim image or another host breaks this at run time. Install the program in the image on purpose, or use a library that ships it.',
  },
  initial: () => [],
  collect({ source, project, options, collected }) {
    const isSystemTool = systemToolTest(project, options);
    const reported = new Set<number>();
    const found = (node: Node, binary: string, messageId: MessageId = 'systemBinary', how: { driver?: string; through?: string } = {}) => {
      if (reported.has(node.range[0]) || inDesktopPlatformBranch(source, node) || inTestRunner(node) || hasFallbackWithout(source, node, binary)) return;
      reported.add(node.range[0]);
      collected.push({ range: node.range, binary, messageId, ...how });
    };
    // A probe that copes with the tool being absent (`try { git rev-parse } catch { '' }`) assumes nothing.
    const foundUnlessProbe = (call: Node, target: Node, words: readonly ShellWord[], binary: string, through?: string) => {
      const copes = inGitCheckout(source, call) || ((isFailureTolerated(call) || catchNamesSetting(source, call)) && !inRequirementCheck(call));
      if (!(isProbe(words, binary) && copes)) found(target, binary, 'systemBinary', through === undefined ? {} : { through });
    };
    let runnerMarked = false;
    let sendmailTransports: ModuleBindings = { namespaces: new Set(), named: new Map() };
    // `createTransport({ sendmail: true, path: '/usr/sbin/sendmail' })` is one finding, not two.
    const sendmailCalls = new Set<Node>();
    const installedProgram: Visitors = {
      Program: (node) => {
        sendmailTransports = findModuleBindings(node as TSESTree.Program, (module) => module === 'nodemailer-sendmail-transport');
      },
      // `executablePath = '/usr/bin/chromium'`: a program the app expects at a path of the machine.
      Literal: (node) => {
        const binary = installedBinaryAt(source, node) ?? programSettingDefault(node);
        if (binary && isSystemTool(binary, binary) && !sendmailCalls.has(enclosingCall(node) ?? node)) found(node, binary);
      },
      CallExpression: (node) => {
        const call = node as TSESTree.CallExpression;
        // `shell.which('spamassassin')`: the app looks for a program it means to run.
        const looked = programLookedUp(call);
        if (looked && isSystemTool(looked, looked)) found(call.arguments[0], looked, 'lookedUpProgram');
        // nodemailer's sendmail transport runs the machine's `sendmail`.
        if (!sendsWithSendmail(call, sendmailTransports) || !isSystemTool('sendmail', 'sendmail')) return;
        sendmailCalls.add(call);
        found(call, 'sendmail');
      },
    };
    const drivers = driverVisitors((node, specifier) => {
      const driver = PROGRAM_DRIVERS.get(specifier)!;
      if (isSystemTool(driver.binary, driver.binary) && !imageProvides(project, driver.packages) && !shipsProgram(project, driver.binary)) found(node, driver.binary, 'programDriver', { driver: specifier });
    });
    return mergeVisitors(installedProgram, drivers, commandVisitors(
      source,
      (call) => {
        if (!runnerMarked && runsGivenCommand(call)) {
          runnerMarked = true;
          collected.push({ runsGivenCommand: true });
        }
        const setting = call.kind === 'file' ? configuredProgram(call.target) : undefined;
        if (setting) {
          found(call.target, setting, 'configuredProgram');
          return;
        }
        for (const command of withFileToolsLast(processCommands(source, call))) {
          const words = programWords(command);
          // `programWords` skips `command` as a wrapper, so `command -v ffmpeg` is read from the words as written.
          const looked = shellLookup(command.words) ?? shellLookup(words);
          if (looked && isSystemTool(looked, looked)) {
            found(call.target, looked, 'lookedUpProgram');
            return;
          }
          const binary = words[0] && programOf(words[0]);
          if (binary && provisionsHost(binary, words)) continue;
          // `sudo -n kill …`: sudo is the dependency to name, not the coreutil it runs.
          const underSudo = binary !== undefined && FILE_TOOLS.has(binary) && runsAsSuperuser(command);
          if (binary && !underSudo && isSystemTool(binary, words[0].text)) {
            foundUnlessProbe(call.node, call.target, words, binary);
            return;
          }
          if (runsAsSuperuser(command) && !provisionsWithSudo(binary, words) && isSystemTool('sudo', 'sudo')) {
            found(call.target, 'sudo', 'superuser');
            return;
          }
        }
      },
      // Helper names are generic (`db.run(sql)`, Redis's `sendCommand(['FLUSHDB'])`, isbot's `spawn(['bot'])`): only a known tool
      // counts, unless the helper is a function of this file that starts the process (`runCommand('pm2', ['start', …])`), or
      // one of the app's own modules does (`exec('df -kP')` with `exec` from `../utils/exec`): the check decides that one.
      (call) => {
        const through = call.startsProcess ? undefined : localModuleOf(source, call.node);
        // Each command of a pipeline: `exec('netstat -nat | grep -i listen')`, `exec('echo "…" | ctags --filter > ' + out)`.
        for (const command of call.commands) {
          const words = programWords(command);
          const binary = words[0] && !words[0].dynamic ? programName(words[0].text) : undefined;
          if (!binary || !isSystemTool(binary, words[0].text)) continue;
          const known = SYSTEM_TOOLS.has(binary) || call.startsProcess;
          if (!known && through === undefined) continue;
          foundUnlessProbe(call.node, call.target, words, binary, known ? undefined : through);
          return;
        }
      },
    ));
  },
  check({ project, options, files, report }) {
    const paths = new Set(files.keys());
    const runners = new Set([...files].filter(([, { collected }]) => collected.some(isCommandRunner)).map(([path]) => path));
    for (const [path, call] of productionFindings(project, files)) {
      if (isCommandRunner(call) || isOperatorCommandModule(projectPath(project.root, path))) continue;
      if (call.through !== undefined && !runners.has(resolveImport(path, call.through, paths) ?? '')) continue;
      report(path, { at: call.range, messageId: call.messageId, data: { binary: call.binary, driver: call.driver ?? '' } });
    }
    const isSystemTool = systemToolTest(project, options);
    for (const site of startCommandSites(project)) {
      const words = commandWords(site.command);
      const binary = words[0] && !words[0].dynamic ? programName(words[0].text).toLowerCase() : '';
      // The package manager is what runs a start script in the first place.
      if (SYSTEM_TOOLS.has(binary) && !PACKAGE_MANAGERS.has(binary) && isSystemTool(binary, words[0].text)) report(site.file, { at: site.locate([words[0].start, words[0].end]), messageId: 'systemBinary', data: { binary, driver: '' } });
      else if (runsAsSuperuser(site.command) && isSystemTool('sudo', 'sudo')) report(site.file, { at: site.locate(wordsRange(site.command)), messageId: 'superuser', data: { binary: 'sudo', driver: '' } });
    }
  },
});

function isCommandRunner(item: Collected): item is CommandRunner {
  return 'runsGivenCommand' in item;
}

/** A process call whose command is the first parameter of the function around it: a helper that runs what it is handed. */
function runsGivenCommand(call: ProcessCall): boolean {
  const helper = enclosingFunction(call.node);
  const first = helper?.params[0];
  const target = unwrapExpression(call.target);
  return first?.type === 'Identifier' && target.type === 'Identifier' && target.name === first.name;
}

/** The app's own module a helper is imported from: `./utils/exec` for `exec(…)` after `const exec = require('./utils/exec')`. */
function localModuleOf(source: SourceCode, call: TSESTree.CallExpression): string | undefined {
  const root = getMemberPath(call.callee)?.[0];
  const module = root === undefined ? undefined : modulesByLocalName(source.ast).get(root);
  return module?.startsWith('.') ? module : undefined;
}

/** The program a command's first word names; a git helper whose name is computed (`'git-' + service`: `git-upload-pack`) is git's. */
function programOf(word: ShellWord): string | undefined {
  if (!word.dynamic) return programName(word.text).toLowerCase();
  return /^git-[\w-]*\u0000/.test(word.text) ? 'git' : undefined;
}

/** Whether a program is one the machine must happen to have: not the app's, not allowed by the options, not installed by the image. */
function systemToolTest(project: ProjectFacts, options: Options): (binary: string, word: string) => boolean {
  const allowed = new Set(options.allow);
  return (binary, word) =>
    !isAppProvided(word, binary, project) && !allowed.has(binary) && !OS_PACKAGE_MANAGER.test(binary) && !imageProvides(project, SYSTEM_TOOLS.get(binary) ?? [binary]);
}

/** `sudo apt-get install …`, `sudo tee /etc/apt/sources.list.d/…`, `sudo rm /etc/systemd/system/app.service`: setting the host up, where sudo belongs. */
function provisionsWithSudo(binary: string | undefined, words: readonly ShellWord[]): boolean {
  return (binary !== undefined && OS_PACKAGE_MANAGER.test(binary)) || words.slice(1).some((word) => SYSTEM_SETUP_PATH.test(word.text));
}

/** `sudo -u app npm install`: a command run through the machine's sudo. */
function runsAsSuperuser(command: SimpleCommand): boolean {
  return wrapperWords(command).some((word) => !word.dynamic && programName(word.text) === 'sudo');
}

/** Settings objects a program can be named in: `settings.abiword`, `config.ffmpegPath`, `this.options.soffice`. */
const SETTINGS_OBJECT = /^(?:settings|config|conf|cfg|configuration|options|opts)$/i;
/** Settings that name Node itself or the app's own scripts. */
const NODE_SETTING = /^(?:node|nodePath|nodeBin(?:ary)?|execPath|processExec(?:Path)?|script|scriptPath|cwd)$/i;

/** `settings.abiword` when the program of a spawn-style call is read from settings. */
function configuredProgram(target: Node): string | undefined {
  const path = getMemberPath(unwrapExpression(target));
  if (!path || path.length < 2 || NODE_SETTING.test(path[path.length - 1])) return undefined;
  return path.slice(0, -1).some((segment) => SETTINGS_OBJECT.test(segment)) ? path.join('.') : undefined;
}

/** Functions that find where a program is: `getChromeLocation`, `findChromePath`, `ffmpegBinary`. */
const PROGRAM_FINDER = /(?:Location|Path|Bin|Binary|Executable|Exe)$|^(?:find|locate|resolve)[A-Z]/;

/** A program's path in the machine's bin folders: `/usr/bin/chromium`, `/usr/sbin/sendmail`. */
const SYSTEM_BIN_PATH = /^\/(?:usr\/(?:local\/)?)?s?bin\/([\w.+-]+)$/;

/** The program a literal names by its system path, when the literal is a value the app keeps or returns (not an env default, a log or a probe). */
function installedBinaryAt(source: SourceCode, node: Node): string | undefined {
  const value = getStaticString(node);
  const match = value === undefined ? null : SYSTEM_BIN_PATH.exec(value);
  const holder = node.parent;
  // `return '/usr/bin/google-chrome'` from a function that finds where the program is (`getChromeLocation()`).
  const finder = holder?.type === 'ReturnStatement' ? enclosingFunction(node) : undefined;
  const isKept =
    (finder !== undefined && PROGRAM_FINDER.test(assignedFunctionName(finder) ?? '')) ||
    (holder?.type === 'AssignmentExpression' && holder.right === node) ||
    (holder?.type === 'VariableDeclarator' && holder.init === node) ||
    (holder?.type === 'Property' && holder.value === node);
  return match && isKept && !isEnvDefault(source, node) ? match[1].toLowerCase() : undefined;
}

/** `mysqldumpPath`, `ffmpegBin`: a variable that holds where a program is. */
const PROGRAM_VARIABLE_SUFFIX = /(?:path|bin|binary|exe|executable|cmd|command)$/;

/**
 * `config.dump.gcore || 'gcore'`, `settings.ffmpegPath ?? 'ffmpeg'`, `var mysqldumpPath = 'mysqldump'`:
 * a setting or variable named for a known tool that falls back to running it from the PATH, whatever
 * helper package ends up running it.
 */
function programSettingDefault(node: Node): string | undefined {
  const program = getStaticString(node)?.toLowerCase();
  const holder = node.parent;
  if (!program || !SYSTEM_TOOLS.has(program)) return undefined;
  // `var mysqldumpPath = 'mysqldump'`, replaced later when a setting gives a path.
  const variable = holder?.type === 'VariableDeclarator' && holder.init === node && holder.id.type === 'Identifier' ? holder.id.name.toLowerCase() : undefined;
  if (variable) return variable.startsWith(program) && PROGRAM_VARIABLE_SUFFIX.test(variable) ? program : undefined;
  // `settings.ffmpegPath || 'ffmpeg'`, or `settings.pgdumppath ? settings.pgdumppath : 'pg_dump'`.
  const setting =
    holder?.type === 'LogicalExpression' && holder.right === node && holder.operator !== '&&' ? holder.left
    : holder?.type === 'ConditionalExpression' && holder.alternate === node && getMemberPath(holder.test)?.join('.') === getMemberPath(holder.consequent)?.join('.') ? holder.consequent
    : undefined;
  const path = setting && getMemberPath(setting);
  const key = path?.at(-1)?.toLowerCase().replace(/[^a-z0-9]/g, '');
  // `this.options.path ? this.options.path : 'ffmpeg'` in a wrapper of the tool: the option only says where it is.
  const namesProgram = key !== undefined && (key.startsWith(program.replace(/[^a-z0-9]/g, '')) || PROGRAM_VARIABLE_SUFFIX.test(key));
  return namesProgram && path!.slice(0, -1).some((segment) => SETTINGS_OBJECT.test(segment)) ? program : undefined;
}

/** Lookups of a program on the PATH: shelljs `which`, the `which`, `command-exists`, `lookpath` and `hasbin` packages. */
const PATH_LOOKUP = /^(?:(?:shell|shelljs|sh)\.)?which(?:\.sync|Sync)?$|^commandExists(?:\.sync|Sync)?$|^(?:lookpath|hasbin(?:\.sync)?)$/;

/**
 * `which convert`, `command -v ffmpeg` run as a command: the known tool it looks for. `which npm`
 * finds where Node's own package manager sits, to act on that folder; it is not a feature's tool.
 */
function shellLookup(words: readonly ShellWord[]): string | undefined {
  const program = words[0] && !words[0].dynamic ? programName(words[0].text) : undefined;
  const operand = program === 'which' ? words[1] : program === 'command' && words[1]?.text === '-v' ? words[2] : undefined;
  const tool = operand && !operand.dynamic ? operand.text.toLowerCase() : undefined;
  return tool && SYSTEM_TOOLS.has(tool) && !PACKAGE_MANAGERS.has(tool) ? tool : undefined;
}

const PACKAGE_MANAGERS = new Set(['npm', 'yarn', 'pnpm']);

/** `startUnitTest()`, `runTests()`: a function that starts the test suite, which a developer runs. */
const TEST_RUNNER = /^(?:start|run)\w*Tests?$/;

function inTestRunner(node: Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (isFunctionNode(parent) && TEST_RUNNER.test(functionName(parent) ?? '')) return true;
  return false;
}

/** The program a PATH lookup asks for: `which.sync('ffmpeg')` → `ffmpeg`. */
function programLookedUp(call: TSESTree.CallExpression): string | undefined {
  const callee = (getCalleeName(call) ?? '').split('.').map(withoutCompiledCounter).join('.').replace(/\.default$/, '');
  const program = PATH_LOOKUP.test(callee) ? getStaticString(call.arguments[0]) : undefined;
  return program && /^[\w.+-]+$/.test(program) ? program.toLowerCase() : undefined;
}

/**
 * `const hasTail = commandExistsSync('tail'); if (hasTail) { spawn('tail', …) } else { …a library… }`:
 * a program the app looks for and does without, both at the lookup and where it runs it.
 */
function hasFallbackWithout(source: SourceCode, node: Node, binary: string): boolean {
  for (let child = node, parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type === 'IfStatement' && parent.alternate && (parent.test === child || parent.consequent === child)) return isLookupOf(source, parent.test, binary);
    if (parent.type === 'VariableDeclarator' && parent.init === child && parent.id.type === 'Identifier' && isLookupOf(source, child, binary)) {
      const name = parent.id.name;
      const scope = enclosingFunction(parent)?.body ?? source.ast;
      let guards = false;
      walkSubtree(scope as Node, (statement) => {
        if (statement.type === 'IfStatement' && statement.alternate && statement.test.type === 'Identifier' && statement.test.name === name) guards = true;
        return !guards;
      });
      return guards;
    }
  }
  return false;
}

/** Whether `test` looks `binary` up on the PATH, directly or through a variable holding the answer. */
function isLookupOf(source: SourceCode, test: Node, binary: string): boolean {
  const value = unwrapExpression(test);
  const call = value.type === 'Identifier' ? source.stableInitializer(value, value.name) : value;
  return call?.type === 'CallExpression' && programLookedUp(call) === binary;
}

function enclosingCall(node: Node): Node | undefined {
  let current = node.parent;
  while (current && current.type !== 'CallExpression') current = current.parent;
  return current;
}

/** `createTransport({ sendmail: true })`, or the `nodemailer-sendmail-transport` package called. */
function sendsWithSendmail(call: TSESTree.CallExpression, transports: ModuleBindings): boolean {
  const path = getMemberPath(call.callee);
  if (path?.length === 1 && (transports.namespaces.has(path[0]) || transports.named.has(path[0]))) return true;
  if (path?.at(-1) !== 'createTransport') return false;
  const options = call.arguments[0] && unwrapExpression(call.arguments[0]);
  const sendmail = options?.type === 'ObjectExpression' ? findProperty(options, 'sendmail')?.value : undefined;
  return sendmail?.type === 'Literal' && sendmail.value === true;
}

/** Commands that only ask about a tool (`git rev-parse HEAD`, `ffmpeg -version`): with a fallback, they need nothing. */
function isProbe(words: readonly ShellWord[], binary: string): boolean {
  return words.slice(1).some((word) => /^(?:-{1,2}version|-v|-V|version|rev-parse|describe|symbolic-ref|--help)$/.test(word.text) || (word.text === '-h' && !HUMAN_READABLE_FLAG.has(binary)));
}

/** Tools whose `-h` asks for human-readable sizes, not for help: `df -h` reads the disks. */
const HUMAN_READABLE_FLAG = new Set(['df', 'du', 'free', 'ls', 'sort']);

/** `if (fs.existsSync(path.join(__dirname, '..', '.git')))`: only a development checkout has the repository. */
function inGitCheckout(source: SourceCode, node: Node): boolean {
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'IfStatement' && parent.consequent === child && /['"`]\.git['"`]/.test(source.getText(parent.test))) return true;
  }
  return false;
}

/**
 * `try { git rev-parse HEAD } catch { throw new Error('… set APOS_RELEASE_ID') }`: the last of
 * several ways to learn a value, whose failure names the setting that replaces it.
 */
function catchNamesSetting(source: SourceCode, node: Node): boolean {
  let child: Node = node;
  for (let parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type === 'TryStatement' && parent.block === child) return parent.handler !== null && /\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/.test(source.getText(parent.handler));
  }
  return false;
}

/** `checkRequirements()`, `isPythonInstalled()`: a function asking whether the machine has what a feature needs. */
const REQUIREMENT_CHECK = /requirement|prerequisite|^_*(?:is|check)\w*(?:Available|Installed)$/i;

/** A probe in a requirement check: the feature it guards needs the tool, unlike a probe for version information. */
function inRequirementCheck(node: Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (isFunctionNode(parent) && REQUIREMENT_CHECK.test(functionName(parent) ?? '')) return true;
  }
  return false;
}

/** True when the final stage of a Dockerfile installs the tool, or starts from an image that has it. */
function imageProvides(project: ProjectFacts, packages: readonly string[]): boolean {
  const mentions = (word: string) => packages.some((name) => word.toLowerCase().includes(name));
  return project.files.dockerfiles.some((dockerfile) => {
    const last = finalStage(dockerfile);
    return dockerfile.instructions.some((instruction) => {
      if (instruction.stage !== last) return false;
      if (instruction.keyword === 'FROM') return mentions(instruction.args.split(/\s+/)[0] ?? '');
      if (instruction.keyword === 'COPY') return /--from=\S*/.test(instruction.args) && mentions(/--from=(\S*)/.exec(instruction.args)![1]);
      if (instruction.keyword !== 'RUN') return false;
      return parseShell(instruction.args).some((command) => {
        const words = programWords(command);
        return words[0] !== undefined && OS_PACKAGE_MANAGER.test(programName(words[0].text)) && words.slice(1).some((word) => !word.text.startsWith('-') && mentions(word.text));
      });
    });
  });
}
