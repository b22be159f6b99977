import rule from '../../../server/src/rules/dependencies/no-system-binary';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests, type InvalidCase } from '../../support/ruleTester';

const CP = "const { exec, execSync, spawn, spawnSync, execFile } = require('child_process');\n";
const withDockerfile = (dockerfile: string) => projectFixture({ 'package.json': packageJsonText({ name: 'media' }), Dockerfile: dockerfile });

const invalid: InvalidCase[] = [
  {
    name: "git's helper programs named by the service, from the array a server's platform takes (node-git-server)",
    code: "const child_process_1 = require('child_process');\nfunction serviceRespond(service, repo) {\n  const cmd = os_1.default.platform() == 'win32'\n    ? ['git', service, '--stateless-rpc', repo]\n    : ['git-' + service, '--stateless-rpc', repo];\n  const ps = (0, child_process_1.spawn)(cmd[0], cmd.slice(1));\n}",
    errors: [{ messageId: 'systemBinary', line: 6, column: 41, endColumn: 47, message: 'This runs `git`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: 'a program picked from a table of image converters (Total.js)',
    code: "const Child = require('child_process');\nconst Spawn = Child.spawn;\nconst CMD_CONVERT = { gm: 'gm', im: 'convert', magick: 'magick' };\nvar cmd = Spawn(CMD_CONVERT[self.cmdarg], args, SPAWN_OPT);",
    errors: [{ messageId: 'systemBinary', line: 4, column: 17, endColumn: 41, message: 'This runs `gm`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: 'compiled calls through (0, module.fn), and a program run inside a command substitution',
    code: "const child_process_1 = require('child_process');\nconst prefix = (0, child_process_1.execSync)('/bin/echo -n \"$(npm -g prefix)/lib/node_modules\"', { env: {} });\nconst tree = (0, child_process_1.execSync)('convert in.png out.jpg');",
    errors: [
      { messageId: 'systemBinary', line: 2, column: 46, message: 'This runs `npm`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' },
      { messageId: 'systemBinary', line: 3, column: 44 },
    ],
    output: null,
  },
  {
    name: 'esbuild\'s CommonJS output reaches child_process through __toESM(require(…), 1)',
    code: "var import_node_child_process = __toESM(require('node:child_process'), 1);\nconst upgrade = (0, import_node_child_process.spawn)('sudo', ['systemd-run', '--no-ask-password', process.execPath], { detached: true });",
    errors: [{ messageId: 'systemBinary', line: 2, column: 54, endColumn: 60, message: 'This runs `systemd-run`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: 'the program picked by a function run on the spot, the PATH one unless a setting names another',
    code: `${CP}const gitBin = (() => {\n  if (config.gitBinPath) return config.gitBinPath + '/git';\n  return 'git';\n})();\nconst gitProcess = spawn(gitBin, args.commands, procOpts);`,
    errors: [{ messageId: 'systemBinary', line: 6, column: 26 }],
    output: null,
  },
  {
    name: 'programs looked up on the PATH before a feature uses them',
    code: "const shell = require('shelljs');\nconst which = require('which');\nif (!shell.which('spamassassin')) logger.warn('spam scoring disabled');\nconst ffmpeg = which.sync('ffmpeg', { nothrow: true });",
    errors: [
      { messageId: 'lookedUpProgram', line: 3, column: 18, message: 'The app looks for `spamassassin` on the machine, a program package.json cannot declare or pin: the feature that needs it works on one host and silently not on another. Install it in the image on purpose, or use an npm package that ships it.' },
      { messageId: 'lookedUpProgram', line: 4, column: 27 },
    ],
    output: null,
  },
  {
    name: 'a version probe in a requirement check: the feature it guards needs the tool',
    code: "const { exec } = require('child_process');\nconst { promisify } = require('util');\nconst asyncExec = promisify(exec);\nclass PyTaskRunnerProcess {\n  static async checkRequirements() {\n    try {\n      await asyncExec('python3 --version', { timeout: 5000 });\n    } catch {\n      return 'python';\n    }\n    return null;\n  }\n}",
    errors: [{ messageId: 'systemBinary', line: 7, column: 23 }],
    output: null,
  },
  {
    name: 'a setting named for a tool that falls back to the one on the PATH, run by a wrapper package',
    code: "const dumpme = require('dumpme');\nfunction dump(dumpPath) {\n  dumpme(global.kuzzle.config.dump.gcore || 'gcore', `${dumpPath}/core`);\n}",
    errors: [{ messageId: 'systemBinary', line: 3, column: 45, message: 'This runs `gcore`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: 'a dump tool held in a variable named for its path, and a setting that falls back to one in a ternary',
    code: "function backup(settings) {\n  var mysqldumpPath = 'mysqldump';\n  if (settings.mysqldumppath) mysqldumpPath = path.normalize(settings.mysqldumppath);\n  settings.pgdumppath = settings.pgdumppath ? settings.pgdumppath : 'pg_dump';\n  return [mysqldumpPath, settings.pgdumppath];\n}",
    errors: [
      { messageId: 'systemBinary', line: 2, column: 23 },
      { messageId: 'systemBinary', line: 4, column: 69 },
    ],
    output: null,
  },
  {
    name: 'a browser the app expects at a system path',
    code: "async function launch(executablePath) {\n  if (!executablePath) {\n    executablePath = '/usr/bin/chromium';\n  }\n  return chromium.launch({ executablePath });\n}",
    errors: [{ messageId: 'systemBinary', line: 3, column: 22, message: 'This runs `chromium`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: "nodemailer's sendmail transport, as a package and as an option (one finding each)",
    code: "const nodemailer = require('nodemailer');\nconst sendmailTransport = require('nodemailer-sendmail-transport');\nconst transports = { sendmail: nodemailer.createTransport(sendmailTransport()) };\nconst local = nodemailer.createTransport({ sendmail: true, newline: 'unix', path: '/usr/sbin/sendmail' });",
    errors: [
      { messageId: 'systemBinary', line: 3, column: 59 },
      { messageId: 'systemBinary', line: 4, column: 15 },
    ],
    output: null,
  },
  {
    name: "command lines handed to the app's own exec helper: every program of the pipeline is read (codebox)",
    code: "var exec = require('../utils').exec;\nfunction listPorts() {\n  return exec('netstat -nat | grep -i listen');\n}\nfunction tags(folder, files, output) {\n  return exec('echo \"' + files.join('\\n') + '\" | ctags --filter > ' + output, { cwd: folder });\n}",
    errors: [
      { messageId: 'systemBinary', line: 3, column: 15, message: 'This runs `netstat`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' },
      { messageId: 'systemBinary', line: 6, column: 15 },
    ],
    output: null,
  },
  {
    name: "any program handed to a helper of the same file that spawns it (mongoku's runCommand('pm2', …)), not node",
    code: "import { spawn } from 'child_process';\nfunction runCommand(command, args, options = {}) {\n  return new Promise((resolve) => {\n    const child = spawn(command, args, { ...options });\n    child.on('close', resolve);\n  });\n}\nrunCommand('pm2', ['--name', 'app', 'start', 'ecosystem.config.js'], { stdio: 'inherit' });\nrunCommand('node', ['build'], { stdio: 'inherit' });",
    errors: [{ messageId: 'systemBinary', line: 8, column: 12, endColumn: 17 }],
    output: null,
  },
  {
    name: "an argv array handed to the app's own command helper",
    code: "const runCmd = require('../utils/run_cmd');\nexports.install = async (name) => {\n  await runCmd(['npm', 'install', '--no-save', name]);\n};",
    errors: [{ messageId: 'systemBinary', line: 3, column: 16, message: 'This runs `npm`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: 'a program named in settings',
    code: "const { spawn } = require('child_process');\nconst settings = require('./settings');\nconst abiword = spawn(settings.abiword, [`--to=${out}`, file]);",
    errors: [{ messageId: 'configuredProgram', line: 3, column: 23, endColumn: 39, message: 'This runs the program named by `settings.abiword`, an external tool the app expects on the machine. package.json cannot declare or pin it, so whether the feature works depends on what each host happens to have: ship the tool in the image on purpose (and say so), or use an npm package that bundles it.' }],
    output: null,
  },
  {
    name: "cross-spawn loaded by a dynamic import as tsc compiles it for an older target (@open-wa's self-update)",
    code: "function update() {\n  return __awaiter(this, void 0, void 0, function* () {\n    const crossSpawn = yield Promise.resolve().then(() => __importStar(require('cross-spawn')));\n    crossSpawn.sync('npm', ['i', '@open-wa/wa-automate'], { stdio: 'inherit' });\n  });\n}",
    errors: [{ messageId: 'systemBinary', line: 4, column: 21, endColumn: 26 }],
    output: null,
  },
  {
    name: 'a program named in options, through child_process required as CoffeeScript compiles it (node-rtsp-stream)',
    code: "var Mpeg1Muxer, child_process;\nchild_process = require('child_process');\nMpeg1Muxer = function (options) {\n  this.stream = child_process.spawn(options.ffmpegPath, this.spawnOptions, { detached: false });\n};",
    errors: [{ messageId: 'configuredProgram', line: 4, column: 37, endColumn: 55 }],
    output: null,
  },
  {
    name: 'a program kept in a class field',
    code: "const childProcess = require('child_process');\nclass EmbeddedMariaDB {\n  exec = 'mariadbd';\n  start() {\n    this.childProcess = childProcess.spawn(this.exec, ['--user=node']);\n  }\n}",
    errors: [{ messageId: 'systemBinary', line: 5, column: 44, message: 'This runs `mariadbd`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: 'an action whose failure is only logged still needs the tool',
    code: `${CP}try {\n  execSync('sudo service nscd start', { stdio: 'pipe' });\n} catch (error) {\n  log.info('could not start nscd');\n}`,
    errors: [{ messageId: 'systemBinary', line: 3, column: 12 }],
    output: null,
  },
  {
    name: 'a command kept in a let that is never reassigned',
    code: `${CP}async function ping(hostname) {\n  let cmd = \`tailscale ping \${hostname}\`;\n  exec(cmd, { timeout: 5000 }, done);\n}`,
    errors: [{ messageId: 'systemBinary', line: 4, column: 8 }],
    output: null,
  },
  {
    name: 'a tool no list knows: any program the machine must provide counts',
    code: `${CP}const result = spawnSync('apprise', ['-vv', '-b', body, url]);`,
    errors: [{ messageId: 'systemBinary', line: 2, column: 26, endColumn: 35 }],
    output: null,
  },
  {
    name: "a service manager starting another program's service",
    code: `${CP}execSync(\`systemctl start nginx 2> /dev/null\`);`,
    errors: [{ messageId: 'systemBinary', line: 2, column: 10 }],
    output: null,
  },
  {
    name: 'a service command behind sudo',
    code: `${CP}execSync('sudo service nscd start', { stdio: 'ignore' });`,
    errors: [{ messageId: 'systemBinary', line: 2, column: 10 }],
    output: null,
  },
  {
    name: 'npm from PATH even when the npm package is declared',
    code: `${CP}execFile('npm', ['install', name]);`,
    project: projectFixture({ 'package.json': packageJsonText({ name: 'pad', dependencies: { npm: '^6.14.0' } }) }),
    errors: [{ messageId: 'systemBinary', line: 2, column: 10 }],
    output: null,
  },
  {
    name: "a database server started as a child, though its npm driver of the same name is declared (horizon's rethinkdb)",
    code: `${CP}const proc = spawn('rethinkdb', ['--directory', dataDir]);`,
    project: projectFixture({ 'package.json': packageJsonText({ name: 'hz', dependencies: { rethinkdb: '^2.3.3' } }) }),
    errors: [{ messageId: 'systemBinary', line: 2, column: 20 }],
    output: null,
  },
  {
    name: 'exec with a shell command',
    code: `${CP}exec('convert ' + input + ' -resize 200x200 ' + output, done);`,
    errors: [{ messageId: 'systemBinary', line: 2, column: 6, endColumn: 55, message: 'This runs `convert`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: 'spawn with the program as first argument',
    code: `${CP}const child = spawn('ffmpeg', ['-i', file, '-f', 'mp3', 'pipe:1']);`,
    errors: [{ messageId: 'systemBinary', line: 2, column: 21, endColumn: 29 }],
    output: null,
  },
  {
    name: 'a program from PATH unless an option gives its path',
    code: `${CP}function exec(args) {\n  let exe = this.options.path ? this.options.path : 'ffmpeg';\n  return spawn(exe, args);\n}\nspawn(options.convertPath || 'convert', args);`,
    errors: [
      { messageId: 'systemBinary', line: 3, column: 53 },
      { messageId: 'systemBinary', line: 6, column: 30 },
    ],
    output: null,
  },
  {
    name: 'execSync with a template literal, through the module namespace',
    code: "import cp from 'node:child_process';\nconst text = cp.execSync(`pdftotext ${file} -`).toString();",
    filename: 'src/extract.mjs',
    errors: [{ messageId: 'systemBinary', line: 2, column: 26, file: 'src/extract.mjs' }],
    output: null,
  },
  {
    name: 'inline require, absolute program path, environment prefix',
    code: "require('child_process').execSync('LANG=C /usr/bin/git rev-parse HEAD');",
    errors: [{ messageId: 'systemBinary', line: 1, column: 35 }],
    output: null,
  },
  {
    name: 'promisified exec, a later command of a chain, sudo',
    code: "const util = require('util');\nconst cp = require('child_process');\nconst run = util.promisify(cp.exec);\nawait run('mkdir -p out && sudo tar -czf out/a.tgz data');",
    filename: 'src/backup.mjs',
    errors: [{ messageId: 'systemBinary', line: 4, column: 11, file: 'src/backup.mjs' }],
    output: null,
  },
  {
    name: 'execFile, spawn through sh -c, a const command',
    code: `${CP}execFile('gs', ['-sDEVICE=png16m', pdf]);\nspawn('sh', ['-c', 'curl -fsSL https://example.com/x | tar -x']);\nconst DUMP = 'pg_dump --format=custom';\nexec(DUMP);`,
    errors: [
      { messageId: 'systemBinary', line: 2, column: 10 },
      { messageId: 'systemBinary', line: 3, column: 7 },
      { messageId: 'systemBinary', line: 5, column: 6 },
    ],
    output: null,
  },
  {
    name: 'execa, cross-spawn and shelljs',
    code: "import { execa } from 'execa';\nimport spawn from 'cross-spawn';\nimport shell from 'shelljs';\nawait execa('python3', ['scripts/predict.py']);\nspawn.sync('java', ['-jar', 'tika.jar']);\nshell.exec('wkhtmltopdf in.html out.pdf');",
    filename: 'src/jobs.mjs',
    errors: [
      { messageId: 'systemBinary', line: 4, column: 13, file: 'src/jobs.mjs' },
      { messageId: 'systemBinary', line: 5, column: 12, file: 'src/jobs.mjs' },
      { messageId: 'systemBinary', line: 6, column: 12, file: 'src/jobs.mjs' },
    ],
    output: null,
  },
  {
    name: 'runscript (egg-scripts), @npmcli/promise-spawn and child-process-promise',
    code: "const { runScript } = require('runscript');\nconst promiseSpawn = require('@npmcli/promise-spawn');\nconst { exec } = require('child-process-promise');\nasync function findNodeProcess() {\n  const stdio = await runScript('ps -wweo \"pid,args\"', { stdio: 'pipe' });\n  await promiseSpawn('git', ['fetch']);\n  await exec('convert in.png out.jpg');\n}",
    errors: [
      { messageId: 'systemBinary', line: 5, column: 33 },
      { messageId: 'systemBinary', line: 6, column: 22 },
      { messageId: 'systemBinary', line: 7, column: 14 },
    ],
    output: null,
  },
  {
    name: 'the global npm binary',
    code: `${CP}execFile(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', name]);`,
    errors: [{ messageId: 'systemBinary', line: 2, column: 10 }],
    output: null,
  },
  {
    name: 'a try whose catch rethrows still depends on the tool',
    code: `${CP}try {\n  execSync('pdftotext in.pdf out.txt');\n} catch (error) {\n  throw new Error('pdftotext failed');\n}`,
    errors: [{ messageId: 'systemBinary', line: 3, column: 12 }],
    output: null,
  },
  {
    name: 'a file that start also runs is production code',
    code: `${CP}execSync('git pull');`,
    filename: 'extra/update.js',
    project: projectFixture({ 'package.json': packageJsonText({ name: 'a', scripts: { 'release-update': 'node extra/update.js', start: 'node extra/update.js && node server.js' } }) }),
    errors: [{ messageId: 'systemBinary', line: 2, column: 10, file: 'extra/update.js' }],
    output: null,
  },
  {
    name: 'a tool looked up by running `which` or `command -v`',
    code: `${CP}require('child_process').exec('/usr/bin/which convert', (err, stdout) => {\n  if (err || !stdout) winston.warn('Did you install imagemagick?');\n});\nexecSync('command -v ffmpeg');`,
    errors: [
      { messageId: 'lookedUpProgram', line: 2, column: 31, message: 'The app looks for `convert` on the machine, a program package.json cannot declare or pin: the feature that needs it works on one host and silently not on another. Install it in the image on purpose, or use an npm package that ships it.' },
      { messageId: 'lookedUpProgram', line: 5, column: 10 },
    ],
    output: null,
  },
  {
    name: 'packages that only drive a program of the machine, required or imported',
    code: "var gm = require('gm').subClass({ imageMagick: true });\nimport ffmpeg from 'fluent-ffmpeg';\nvar htmlPdf = require('html-pdf-chrome');\nvar _pem = require('pem');",
    errors: [
      { messageId: 'programDriver', line: 1, column: 18, message: '`gm` only drives `gm`, a program the app assumes is installed on the machine: declaring the package does not install the program, so a slim image or another host breaks this at run time. Install the program in the image on purpose, or use a library that ships it.' },
      { messageId: 'programDriver', line: 2, column: 20 },
      { messageId: 'programDriver', line: 3, column: 23, message: '`html-pdf-chrome` only drives `chrome`, a program the app assumes is installed on the machine: declaring the package does not install the program, so a slim image or another host breaks this at run time. Install the program in the image on purpose, or use a library that ships it.' },
      { messageId: 'programDriver', line: 4, column: 20, message: '`pem` only drives `openssl`, a program the app assumes is installed on the machine: declaring the package does not install the program, so a slim image or another host breaks this at run time. Install the program in the image on purpose, or use a library that ships it.' },
    ],
    output: null,
  },
  {
    // pm2-server-monit's metrics run `df`, `top` and `who` through its own `src/utils/exec.js`.
    name: "commands handed to a helper of the app's own module that runs the command it is given",
    code: "const exec = require('../utils/exec');\nexec('df -kP', done);\nexec('vmstat -S m', done);",
    filename: 'src/metrics/disk.js',
    files: { 'src/utils/exec.js': "const childProcess = require('child_process');\nmodule.exports = function (cmd, cb) {\n  return childProcess.exec(cmd, { windowsHide: true }, cb);\n};\n" },
    errors: [
      { messageId: 'systemBinary', line: 2, column: 6, file: 'src/metrics/disk.js' },
      { messageId: 'systemBinary', line: 3, column: 6, file: 'src/metrics/disk.js' },
    ],
    output: null,
  },
  {
    // pm2-server-monit's "disk usage" action: its callback handles the error, yet `df -h` is no help probe.
    name: "a tool whose -h asks for human-readable sizes, in a call that copes with failure",
    code: `${CP}exec('df -h', (err, out) => reply(err ? err.message : out));\nexec('ffmpeg -h', (err) => reply(err ? 'no ffmpeg' : 'ok'));`,
    errors: [{ messageId: 'systemBinary', line: 2, column: 6 }],
    output: null,
  },
  {
    // Where the program runs is where a reader looks for it (openhim-core's `_pem2.default.readCertificateInfo`, peerflix-server's ffprobe).
    name: "a driver's first call in the file, as written and as Babel compiles it, rather than its import",
    code: "var _pem = require('pem');\nvar _pem2 = _interopRequireDefault(_pem);\nconst read = promisify(_pem2.default.readCertificateInfo);\n_pem2.default.createCertificate({ days: 1 }, done);\n_pem2.default.getFingerprint(cert, done);\nfunction probe(req) {\n  var param = req.query.ffmpeg,\n    ffmpeg = require('fluent-ffmpeg');\n  return ffmpeg\n    .ffprobe(param, done);\n}",
    errors: [
      { messageId: 'programDriver', line: 4, column: 1, message: '`pem` only drives `openssl`, a program the app assumes is installed on the machine: declaring the package does not install the program, so a slim image or another host breaks this at run time. Install the program in the image on purpose, or use a library that ships it.' },
      { messageId: 'programDriver', line: 9, column: 10 },
    ],
    output: null,
  },
  {
    name: 'a system path returned by a function that finds the program, on Linux',
    code: "function getChromeLocation(options) {\n  if (options.chromeLocation) return options.chromeLocation;\n  if (process.platform === 'darwin') return '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';\n  if (process.platform === 'linux') return '/usr/bin/google-chrome';\n}",
    errors: [{ messageId: 'systemBinary', line: 4, column: 44, message: 'This runs `google-chrome`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: 'a program named by a property of a module-level options literal',
    code: `${CP}var converterOptions = {\n  sofficeExecPath: 'soffice',\n  delayBeforeKill: 500,\n};\nvar office = spawn(converterOptions.sofficeExecPath, ['--headless']);`,
    errors: [{ messageId: 'systemBinary', line: 6, column: 20, endColumn: 52 }],
    output: null,
  },
  {
    name: "a program named by the object literal a method's this refers to, and a parameter the helper replaces with the command line",
    code: `${CP}function gitExec(commands, callback) {\n  commands = gitMech.gitBin + ' ' + commands.join(' ');\n  exec(commands, callback);\n}\nvar gitMech = {\n  gitBin: 'git',\n  setup: function (gitBin, callback) {\n    this.gitBin = gitBin || 'git';\n    exec(this.gitBin + ' --version', callback);\n  },\n};`,
    errors: [
      { messageId: 'systemBinary', line: 4, column: 8, endColumn: 16 },
      { messageId: 'systemBinary', line: 10, column: 10, endColumn: 36 },
    ],
    output: null,
  },
  {
    name: "commands filled in by a format call, and a variable given several commands of one program",
    code: `${CP}const util = require('util');\nexec('git clone {0} {1} --depth=1'.format(url, dir));\nexecSync(util.format('svn co %s %s', url, dir));\nfunction startDaemon(options) {\n  var gitCommand = 'git daemon --base-path="{0}" --listen={1}';\n  if (!options.hostName) gitCommand = 'git daemon --base-path="{0}"';\n  gitCommand = gitCommand.format(options.root, options.hostName);\n  return exec(gitCommand);\n}`,
    errors: [
      { messageId: 'systemBinary', line: 3, column: 6 },
      { messageId: 'systemBinary', line: 4, column: 10 },
      { messageId: 'systemBinary', line: 9, column: 15, endColumn: 25 },
    ],
    output: null,
  },
  {
    name: 'a probe in a private requirement check',
    code: "function _checkSvnInstalled() {\n  return utils.exec('svnserve --version').catch((error) => logger.error('svn must be installed'));\n}",
    errors: [{ messageId: 'systemBinary', line: 2, column: 21, message: 'This runs `svnserve`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' }],
    output: null,
  },
  {
    name: "coreutils a server runs for what Node's fs and process do: tail, ls, cp, chown, kill (node-red, iobroker, haibu)",
    code: `${CP}const tail = spawn('tail', ['-F', '-n', '0', this.filename]);\nexecSync('ls /dev');\nexec('cp -r ' + localDirectory + ' ' + appDir, done);\nspawn('chown', ['-R', user + ':nogroup', appDir]);\nexecSync('kill -0 ' + pid);`,
    errors: [
      { messageId: 'systemBinary', line: 2, column: 20, message: 'This runs `tail`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' },
      { messageId: 'systemBinary', line: 3, column: 10 },
      { messageId: 'systemBinary', line: 4, column: 6 },
      { messageId: 'systemBinary', line: 5, column: 7 },
      { messageId: 'systemBinary', line: 6, column: 10 },
    ],
    output: null,
  },
  {
    name: 'a coreutil beside another tool names the other, and one under sudo names sudo',
    code: `${CP}execSync(\`mkdir -p \${outPath} && tar -xzf \${archivePath} -C \${outPath}\`);\nexec('sudo -n kill -9 ' + pid);`,
    errors: [
      { messageId: 'systemBinary', line: 2, column: 10, message: 'This runs `tar`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' },
      { messageId: 'superuser', line: 3, column: 6 },
    ],
    output: null,
  },
  {
    name: 'a program looked up with no fallback when it is missing',
    code: "const commandExistsSync = require('command-exists').sync;\nconst childProcess = require('child_process');\nif (commandExistsSync('ffmpeg')) {\n  childProcess.spawn('ffmpeg', ['-i', input]);\n}",
    errors: [
      { messageId: 'lookedUpProgram', line: 3, column: 23 },
      { messageId: 'systemBinary', line: 4, column: 22 },
    ],
    output: null,
  },
  {
    name: 'process tools that slim images leave out (procps, psmisc)',
    code: `${CP}exec("ps ax | grep 'tty.js' | awk '{print $1}'");\nexecSync('killall -9 homebridge; pidof node');`,
    errors: [
      { messageId: 'systemBinary', line: 2, column: 6, message: 'This runs `ps`, a program the app assumes is installed on the machine. package.json cannot declare or pin it, so a slim image, another OS or another host breaks this at run time: use an npm package that ships the tool or a library, or install it in the image on purpose.' },
      { messageId: 'systemBinary', line: 3, column: 10 },
    ],
    output: null,
  },
  {
    name: 'a Dockerfile that installs the tool only in a build stage',
    code: `${CP}execSync('git rev-parse HEAD');`,
    project: withDockerfile('FROM node:20 AS build\nRUN apt-get update && apt-get install -y git\nFROM node:20-slim\nCMD ["node", "src/index.js"]\n'),
    errors: [{ messageId: 'systemBinary', line: 2, column: 10 }],
    output: null,
  },
  {
    name: 'a command run through sudo, its argument list assigned once to a variable declared without a value',
    code: `${CP}function install(dir, user) {\n  var args, child;\n  args = ['-u', 'app-' + user, 'chown', '-R', user, dir];\n  child = spawn('sudo', args);\n  execSync('sudo node worker.js');\n}`,
    errors: [
      { messageId: 'superuser', line: 5, column: 17, endColumn: 23, message: 'This runs a command through `sudo`, which slim images do not install and platforms do not grant: the app then depends on a host set up by hand, with a sudoers entry package.json cannot declare. Run the process as the user it needs, and give it what it needs in the image.' },
      { messageId: 'superuser', line: 6, column: 12 },
    ],
    output: null,
  },
  {
    name: 'start commands that run the app through sudo or run a system tool',
    code: '',
    project: projectFixture({ 'package.json': packageJsonText({ name: 'push', scripts: { start: 'sudo node server.js' } }), Procfile: 'web: curl -s $CONFIG_URL > config.json && node server.js\n' }),
    errors: [
      { messageId: 'superuser', file: 'package.json', line: 4, column: 15, endColumn: 34 },
      { messageId: 'systemBinary', file: 'Procfile', line: 1, column: 6, endColumn: 10 },
    ],
    output: null,
  },
];

runRuleTests(rule, {
  valid: [
    {
      name: "a command handed to a helper of the app's own module that runs no process (a query runner)",
      code: "const run = require('./db');\nrun('vacuum full');",
      filename: 'src/jobs.js',
      files: { 'src/db.js': "module.exports = function (sql) {\n  return pool.query(sql);\n};\n" },
    },
    {
      name: 'the program of an array chosen by a setting, not the platform, and a helper name computed for another tool',
      code: `${CP}function run(useDocker, name) {\n  const cmd = useDocker ? ['docker', 'run', name] : ['./bin/' + name];\n  spawn(cmd[0], cmd.slice(1));\n  spawn('tool-' + name, []);\n}`,
    },
    { name: "a development server's module, wherever it sits (Cube's playground)", code: `${CP}spawn('npm', ['run', 'start'], { cwd: appPath });`, filename: 'dist/src/core/DevServer.js' },
    { name: "a maintainer's release-notes script, wherever it sits (MagicMirror)", code: `${CP}execSync('git log --oneline v2.34.0..HEAD');`, filename: 'js/releasenotes.js' },
    {
      name: 'a table whose entries are not all plain program names, and a lookup in a table that may change',
      code: `${CP}const RUNNERS = { local: './bin/run.sh', remote: getRunner() };\nspawn(RUNNERS[mode], args);\nlet TOOLS = { a: 'convert' };\nTOOLS = load();\nspawn(TOOLS[name], args);`,
    },
    {
      name: 'sudo around a host provisioning tool, and a program variable assigned twice',
      code: `${CP}function setup(user, legacy) {\n  var tool;\n  tool = 'convert';\n  if (legacy) tool = 'ls';\n  spawn(tool, ['in.png', 'out.jpg']);\n  execSync('sudo useradd ' + user);\n}`,
    },
    {
      name: 'a parameter read before the helper replaces it, one replaced in a branch, and this in a plain function',
      code: `${CP}function run(command) {\n  exec(command);\n  command = 'git status';\n}\nfunction maybe(command, legacy) {\n  if (legacy) command = 'git log';\n  exec(command);\n}\nfunction Tool() {\n  exec(this.gitBin + ' --version');\n}\nvar tool = { gitBin: 'git', probe: Tool };`,
    },
    {
      name: 'a variable given commands of different programs, or a format template of unknown text',
      code: `${CP}function open(file, windows) {\n  var command = 'xdg-open {0}';\n  if (windows) command = 'start {0}';\n  exec(command.format(file));\n  exec(template.format(file));\n}`,
    },
    {
      name: "removing the app's systemd unit, its path picked in branches, with and without sudo (meshcentral's --uninstall)",
      code: `${CP}function uninstall() {\n  var systemdConf = null;\n  if (fs.existsSync('/etc/systemd/system')) { systemdConf = '/etc/systemd/system/meshcentral.service'; }\n  else if (fs.existsSync('/lib/systemd/system')) { systemdConf = '/lib/systemd/system/meshcentral.service'; }\n  exec('sudo rm ' + systemdConf);\n  exec('rm ' + systemdConf);\n}`,
    },
    {
      name: "a program the app looks for and does without (frontail's tail, with a JS fallback)",
      code: "const commandExistsSync = require('command-exists').sync;\nconst childProcess = require('child_process');\nconst hasTailCommand = commandExistsSync('tail');\nif (hasTailCommand) {\n  const cp = childProcess.spawn('tail', ['-n', 10, '-F'].concat(path));\n  stream = cp.stdout;\n} else {\n  stream = new Tail(path);\n}",
    },
    { name: 'start scripts run through the package manager', code: '', project: projectFixture({ 'package.json': packageJsonText({ name: 'push', scripts: { start: 'NODE_ENV=production yarn node app.js', serve: 'npm run build && node build/app' } }), Dockerfile: 'FROM node:20-slim\nCMD npm start\n' }) },
    {
      name: 'sudo around host provisioning, and a shell path returned by a function that is no program finder',
      code: `${CP}execSync('apt-get update && sudo apt-get install -y ca-certificates curl');\nexecSync('echo deb https://deb.nodesource.com/node_20.x nodistro main | sudo tee /etc/apt/sources.list.d/nodesource.list');\nasync function getPreferredShell() {\n  if (await pathExists('/bin/zsh')) return '/bin/zsh';\n  return '/bin/bash';\n}`,
    },
    { name: 'a variable named for a tool that holds its name but not its path', code: "const ffmpegName = 'ffmpeg';\nlog(`using ${ffmpegName}`);" },
    {
      name: 'AppleScript tried only on macOS (a developer opening the admin panel), directly or through a flag',
      code: `${CP}const tryAppleScript = process.platform === 'darwin' && typeof browser !== 'string';\nif (tryAppleScript) {\n  execSync('osascript openChrome.applescript');\n}\nconst opener = process.platform === 'win32' ? execSync('powershell Start-Process x') : undefined;`,
    },
    { name: "the app's own binary respawned through a setting named for it", code: `${CP}spawn(options.processExec, [process.argv[1], 'start'], { env: process.env });`, filename: 'src/service/daemon.js' },
    { name: 'a compiler run by the development watcher', code: "const { execa } = require('execa');\nawait execa('swc', [srcPath, '-d', outDir], { preferLocal: true });", filename: 'dist/bin/lib/watch/compileSwc.js' },
    {
      name: 'git asked for a revision only in a development checkout, or as the last fallback before asking for a setting',
      code: `${CP}if (fs.existsSync(path.join(__dirname, '..', '.git'))) {\n  const revision = execSync('git rev-parse --short HEAD').toString();\n}\nfunction releaseId() {\n  try {\n    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();\n  } catch (e) {\n    throw new Error('When running in production you must set the APOS_RELEASE_ID environment variable');\n  }\n}`,
    },
    { name: 'looking up node or a shell utility', code: "const shell = require('shelljs');\nconst nodePath = shell.which('node');\nif (!shell.which('sh')) process.exit(1);\nconst found = which.sync(binaryName);" },
    { name: 'a tool name as the fallback of something that is not a setting', code: "const format = request.query.converter || 'ffmpeg';" },
    { name: 'a setting named for another tool', code: "const tool = config.imageTool || 'convert';" },
    {
      name: 'a version probe for information, with a fallback',
      code: `${CP}async function gitInfo() {\n  try {\n    return execSync('git --version').toString();\n  } catch {\n    return 'no-git-info';\n  }\n}`,
    },
    {
      name: 'a probe whose callback checks the error and falls back',
      code: `${CP}exec('git rev-parse --short=8 HEAD', (error, stdout) => {\n  const hash = stdout.trim();\n  resolve(error || hash === '' ? 'unknown' : hash);\n});`,
    },
    `${CP}let cmd = 'curl https://example.com';\nif (useLibrary) cmd = other;\nexec(cmd);`,
    { name: 'the bin of a declared dependency', code: `${CP}spawn('prisma', ['migrate', 'deploy']);`, project: projectFixture({ 'package.json': packageJsonText({ name: 'api', dependencies: { prisma: '^5.0.0' } }) }) },
    `${CP}execSync('uname -a');\nexecSync('mkdir -p /etc/apt/keyrings');\nexec('chmod 644 /lib/systemd/system/app.service');`,
    `${CP}spawn(process.execPath, [require.resolve('npm/bin/npm-cli.js'), 'install', name]);`,
    `${CP}execFile(process.execPath, ['worker.js']);\nexecFile('node', ['--version']);`,
    { name: 'looking up a shell utility or a service manager with `which`', code: `${CP}execSync('which ls');\nexec(\`which \${name}\`);\nconst hasSystemctl = spawnSync('sh', ['-c', 'which systemctl']).status === 0;\nconst npmPath = execSync('which npm').toString().trim();` },
    { name: 'npm run by the function that starts the test suite', code: `${CP}exports.startUnitTest = async () => {\n  const npm = /^win/.test(process.platform) ? 'npm.cmd' : 'npm';\n  spawn(npm, ['run', 'jest-backend']);\n};` },
    {
      name: 'a driver package whose program the image installs or a declared package ships',
      code: "const gm = require('gm');\nconst ffmpeg = require('fluent-ffmpeg');",
      project: projectFixture({ 'package.json': packageJsonText({ name: 'media', dependencies: { gm: '1', 'fluent-ffmpeg': '2', '@ffmpeg-installer/ffmpeg': '1' } }), Dockerfile: 'FROM node:20-slim\nRUN apt-get update && apt-get install -y graphicsmagick\nCMD ["node", "src/index.js"]\n' }),
    },
    { name: 'a driver package imported only for its types', code: "import type { FfmpegCommand } from 'fluent-ffmpeg';" },
    `${CP}exec('echo done | tee out.txt && uname -a | grep Linux');`,
    `${CP}execFile('./bin/tool', ['--fast']);\nexecFile(path.join(__dirname, 'vendor', 'ffmpeg'), args);`,
    `${CP}exec(command);\nspawn(binary, args);\nexecSync(\`\${tool} --version\`);`,
    "const ffmpegPath = require('ffmpeg-static');\nconst { spawn } = require('child_process');\nspawn(ffmpegPath, ['-i', input]);",
    {
      name: 'a Dockerfile that installs ImageMagick in the runtime image',
      code: `${CP}exec('convert in.png -resize 50% out.png');`,
      project: withDockerfile('FROM node:20-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends imagemagick \\\n && rm -rf /var/lib/apt/lists/*\nCMD ["node", "src/index.js"]\n'),
    },
    { name: 'an image based on one that ships the tool', code: `${CP}spawn('python3', ['predict.py']);`, project: withDockerfile('FROM nikolaik/python-nodejs:python3.12-nodejs20\nCMD ["node", "src/index.js"]\n') },
    { name: 'allowed by option', code: `${CP}spawn('ffmpeg', ['-i', file]);`, options: { allow: ['ffmpeg'] } },
    { name: 'developer scripts', code: `${CP}execSync('git describe --tags');`, filename: 'scripts/version.js' },
    { name: 'a scripts/ folder deep in the tree', code: `${CP}execSync('docker run -d tinybird/tinybird-local');`, filename: 'core/server/data/tinybird/scripts/docker-analytics-manager.js' },
    { name: 'a bin tool that scaffolds migrations', code: `${CP}const version = execSync('git describe --tags --abbrev=0').toString();`, filename: 'bin/create-migration.js' },
    {
      name: 'files package.json runs only from release and test scripts',
      code: `${CP}execSync('git tag v1');`,
      filename: 'extra/release.mjs',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'a', scripts: { 'release-beta': 'node ./extra/release.mjs --beta', start: 'node server.js' } }) }),
    },
    { name: 'a probe whose failure is handled', code: `${CP}function branch() {\n  try {\n    return execSync('git rev-parse --abbrev-ref HEAD').toString().trim();\n  } catch {\n    return '';\n  }\n}` },
    { name: 'a promise chain that recovers', code: "const { execa } = require('execa');\nconst version = await execa('ffmpeg', ['-version']).then((r) => r.stdout).catch(() => undefined);", filename: 'src/index.mjs' },
    { name: "the desktop's openers a command uses to show a page in the user's browser (monika's --create-config)", code: "const { spawnSync } = require('child_process');\nswitch (os.type()) {\n  case 'Darwin': spawnSync('open', [url]); break;\n  case 'Linux': spawnSync('xdg-open', [url]); break;\n  case 'Windows NT': spawnSync('start', [url]); break;\n}" },
    { name: "Redis's sendCommand and isbot's spawn take arrays that are not programs", code: "await this.client.sendCommand(['FLUSHDB']);\nconst checkIfBot = isbot.spawn(['bot']);" },
    { name: "a version probe through the app's own helper, its failure handled", code: "(async () => {\n  try {\n    const version = await runCmd(['npm', '--version']);\n    logger.info(version);\n  } catch (err) {\n    logger.error(err);\n  }\n})();" },
    { name: 'a system path as an environment default, a probe, or the shell', code: "const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';\nif (fs.existsSync('/usr/bin/chromium')) useIt();\nconst shell = '/bin/sh';" },
    { name: 'an SQL statement handed to a helper named run', code: "db.run('DELETE FROM sessions WHERE expires < ?', [now]);\nexecuteCommand('VACUUM');" },
    { name: 'desktop tools behind a platform test written as a regular expression', code: `${CP}function openFolderOfFile(filePath) {\n  const platform = process.platform;\n  if (/^win/.test(platform)) {\n    exec('start .', { cwd: path.dirname(filePath) });\n  } else if (/darwin/.test(platform)) {\n    exec(\`open -R \${filePath}\`);\n  }\n}` },
    { name: 'SQL handed to an exec method, a pipeline of base tools to the app\'s helper', code: "db.exec('CREATE TABLE ip (addr TEXT)');\nconst { exec } = require('./utils');\nexec('ls -1 /dev | grep tty | wc -l');" },
    { name: 'Node itself, named in settings', code: `${CP}spawn(config.nodePath, ['worker.js']);` },
    { name: 'a class field the class sets again', code: "const childProcess = require('child_process');\nclass Runner {\n  exec = 'mariadbd';\n  constructor(options) { this.exec = options.binary; }\n  start() { childProcess.spawn(this.exec, []); }\n}" },
    { name: "an argv array for the app's own script", code: "const runCmd = require('./run_cmd');\nrunCmd(['node', 'bin/migrate.js']);" },
    {
      name: "installing the app as a host service: its own unit, user and port",
      code: `${CP}execSync(\`systemctl enable \${this.unitName} 2> /dev/null\`);\nexecFile('launchctl', ['load', '-w', this.plistPath]);\nexecSync(\`useradd -m --system \${this.user}\`);\nexecSync(\`ufw allow \${this.port}/tcp 2> /dev/null\`);\nexecSync('systemctl daemon-reload');`,
    },
  ],
  invalid,
});

