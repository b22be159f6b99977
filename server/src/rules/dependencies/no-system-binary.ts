/**
 * Factor II: the app must not count on tools that merely happen to be installed on the machine.
 * `exec('convert …')` or `spawn('ffmpeg', …)` ties the service to an ImageMagick or ffmpeg that
 * package.json cannot declare or pin: a slim container, another distribution or a Windows host
 * lacks it or has another version. Either ship the tool with the app (an npm package that
 * bundles it, or an install step in the image) or call a library instead.
 */
import { defineProjectRule } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import { processCallVisitors, processCommands } from '../_utils/childProcess';
import { OS_PACKAGE_MANAGER } from '../_utils/commands';
import { finalStage } from '../_utils/dockerfiles';
import { isFailureTolerated } from '../_utils/errorHandling';
import { parseShell, programName, programWords } from '../_utils/shell';
import { devOnlyFiles } from '../_utils/sourceRoles';

type MessageId = 'systemBinary';

interface SystemToolCall {
  readonly range: OffsetRange;
  readonly binary: string;
}

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
  ...tools(['curl', 'wget', 'git', 'svn', 'hg', 'zip', 'unzip', 'tar', 'gzip', 'gunzip', 'bzip2', 'xz', 'rsync', 'make', 'gcc', 'g++', 'openssl', 'sqlite3'], []),
  ...tools(['7z', '7za'], ['p7zip', '7zip']),
  ...tools(['unrar'], ['unrar']),
  ...tools(['python', 'python2', 'python3', 'pip', 'pip3'], ['python', 'pip']),
  ...tools(['java', 'javac'], ['jre', 'jdk', 'java']),
  ...tools(['ruby', 'perl', 'php', 'go', 'cargo', 'dotnet', 'mono'], []),
  ...tools(['docker', 'docker-compose', 'podman', 'kubectl', 'helm'], []),
  ...tools(['psql', 'pg_dump', 'pg_restore', 'pg_dumpall'], ['postgresql', 'postgres']),
  ...tools(['mysql', 'mysqldump'], ['mysql', 'mariadb']),
  ...tools(['mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport'], ['mongo']),
  ...tools(['redis-cli'], ['redis']),
  ...tools(['ssh', 'scp', 'sftp'], ['openssh', 'ssh']),
  ...tools(['aws'], ['awscli', 'aws-cli']),
  ...tools(['gcloud', 'gsutil'], ['google-cloud', 'gcloud']),
  ...tools(['az'], ['azure-cli']),
  ...tools(['heroku'], []),
  ...tools(['sendmail'], ['sendmail', 'postfix', 'msmtp', 'ssmtp', 'exim']),
  ...tools(['clamscan', 'clamdscan'], ['clamav']),
  ...tools(['ping', 'traceroute', 'nmap', 'whois'], ['iputils', 'traceroute']),
  ...tools(['dig', 'nslookup'], ['dnsutils', 'bind-tools', 'bind9']),
  ...tools(['lp', 'lpr'], ['cups']),
  ...tools(['chromium', 'chromium-browser', 'google-chrome', 'firefox'], ['chromium', 'chrome', 'firefox']),
  ...tools(['xvfb-run'], ['xvfb']),
  ...tools(['npm', 'yarn', 'pnpm'], ['npm', 'yarn', 'pnpm', 'corepack']),
]);

/**
 * What every POSIX image has (the shell, its builtins, coreutils): assuming them is not what this
 * factor is about, and flagging them would bury the real findings.
 */
const BASE_SYSTEM = new Set(
  ('sh bash dash cd echo printf test [ true false exit export set unset exec command type which eval source . kill ls cp mv rm mkdir rmdir cat chmod chown ln ' +
    'touch pwd env sleep ps df du uname id whoami hostname date head tail grep egrep fgrep sed awk sort uniq wc tr cut xargs find tee nice nohup timeout ' +
    'basename dirname readlink realpath stat mktemp sync umask ulimit wait trap read yes seq expr tty stty').split(' '),
);

/** Runtimes and scripts that ship with the app rather than with the machine. */
function isAppProvided(word: string, binary: string, project: ProjectFacts): boolean {
  if (binary === 'node' || BASE_SYSTEM.has(binary)) return true;
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

export default defineProjectRule<MessageId, SystemToolCall[], Options>({
  id: 'dependencies/no-system-binary',
  severity: 'warning',
  description: 'child_process calls to system tools (curl, ImageMagick, ffmpeg, git, Ghostscript…) that package.json cannot declare.',
  triggers: /child_process|\bexeca\b|cross-spawn|shelljs|\bzx\b/,
  defaultOptions: { allow: [] },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { allow: { type: 'array', items: { type: 'string' }, description: 'Programs the deploy provides on purpose, e.g. ["ffmpeg"].' } },
  },
  messages: {
    systemBinary:
      'This runs `{{binary}}`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.',
  },
  initial: () => [],
  collect({ source, project, options, collected }) {
    const allowed = new Set(options.allow);
    return processCallVisitors((call) => {
      // A probe that copes with the tool being absent (`try { git rev-parse } catch { '' }`) assumes nothing.
      if (isFailureTolerated(call.node)) return;
      for (const command of processCommands(source, call)) {
        const program = programWords(command)[0];
        if (!program || program.dynamic) continue;
        const binary = programName(program.text).toLowerCase();
        // An OS package manager at run time is an install (build-release-run/no-runtime-install), not a missing tool.
        if (isAppProvided(program.text, binary, project) || allowed.has(binary) || OS_PACKAGE_MANAGER.test(binary)) continue;
        if (imageProvides(project, SYSTEM_TOOLS.get(binary) ?? [binary])) continue;
        collected.push({ range: call.target.range, binary });
        return;
      }
    });
  },
  check({ project, files, report }) {
    const devOnly = devOnlyFiles(project, files);
    for (const [path, { collected }] of files) {
      if (devOnly.has(path)) continue;
      for (const call of collected) report(path, { at: call.range, messageId: 'systemBinary', data: { binary: call.binary } });
    }
  },
});

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
