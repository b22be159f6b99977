import rule from '../../../server/src/rules/concurrency/no-daemonize';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests, type InvalidCase } from '../../support/ruleTester';

const withScripts = (scripts: Record<string, string>, extra: Record<string, string> = {}) =>
  projectFixture({ 'package.json': packageJsonText({ name: 'api', scripts }), ...extra });
const pkg = (scripts: Record<string, string>) => packageJsonText({ name: 'api', scripts });

const APPCTL = '#!/bin/bash\nNODEJS="node --harmony"\nstart()\n{\n   echo "Starting ..."\n   nohup $NODEJS ./dispatch.js > $STDOUT_LOG 2>&1 &\n}\ncase "$1" in\n  start) start ;;\nesac\n';

const invalid: InvalidCase[] = [
  {
    name: 'a control script without an extension that the start script runs, which daemonises the app',
    code: '',
    project: withScripts({ start: './bin/appctl start' }, { 'bin/appctl': APPCTL }),
    errors: [
      { messageId: 'detach', file: 'bin/appctl', line: 6, column: 4 },
      { messageId: 'daemonisingScript', file: 'package.json', line: 4, column: 15, message: 'The start command runs bin/appctl, which puts the app in the background, so the start command returns at once: the platform believes the process exited and the real one runs unsupervised. Start the app in the foreground.' },
    ],
    output: null,
  },
  {
    name: 'a start script that backgrounds each service and writes its PID to a file (bitcore-wallet-service)',
    code: '',
    project: withScripts({ start: './start.sh' }, { 'start.sh': '#!/bin/bash\nrun_program ()\n{\n  nohup node $1 >> $3 2>&1 &\n  PID=$!\n  echo $PID > $2\n  echo $! > pids/bws.pid\n}\nrun_program ./bws.js pids/bws.pid logs/bws.log\n' }),
    errors: [
      { messageId: 'daemonisingScript', file: 'package.json', line: 4, column: 15 },
      { messageId: 'detach', file: 'start.sh', line: 4, column: 3 },
      { messageId: 'pidFile', file: 'start.sh', line: 7, column: 3 },
    ],
    output: null,
  },
  {
    name: 'nohup … & in the start script',
    code: '',
    project: withScripts({ start: 'nohup node server.js > app.log 2>&1 &' }),
    errors: [{ messageId: 'detach', file: 'package.json', line: 4, column: 15, endColumn: 20, message: '`nohup` detaches the process from whoever started it. The platform then supervises nothing: crashes go unnoticed and SIGTERM never reaches the app. Run the app in the foreground.' }],
    output: null,
  },
  {
    name: 'a backgrounded worker in start',
    code: '',
    project: withScripts({ start: 'node worker.js & node server.js' }),
    errors: [{ messageId: 'background', file: 'package.json', line: 4, column: 15, endColumn: 31, message: '`&` sends `node worker.js` to the background, where the platform\'s process manager cannot see it: if it dies nothing restarts it, and its output is lost. Run it in the foreground, as its own process type if it is a separate workload.' }],
    output: null,
  },
  {
    name: 'pm2 start, reached through npm run, with a suggestion',
    code: '',
    project: withScripts({ start: 'npm run prod', prod: 'pm2 start ecosystem.config.js --env production' }),
    errors: [{ messageId: 'daemonManager', file: 'package.json', line: 5, column: 14, endColumn: 23, message: '`pm2 start` daemonises the app: the command returns at once, so the platform believes the process exited (a container stops right away) and loses track of it. Run it in the foreground with pm2-runtime, which keeps pm2 in the foreground.' }],
    output: null,
    outputFile: 'package.json',
    suggestions: [{ title: 'Run with pm2-runtime (stays in the foreground)', output: pkg({ start: 'npm run prod', prod: 'pm2-runtime start ecosystem.config.js --env production' }) }],
  },
  {
    name: 'forever start in prestart',
    code: '',
    project: withScripts({ prestart: 'forever start worker.js', start: 'node server.js' }),
    errors: [{ messageId: 'daemonManager', file: 'package.json', line: 4, column: 18, endColumn: 31 }],
    output: null,
  },
  {
    name: 'a Procfile process',
    code: '',
    project: projectFixture({ Procfile: 'web: node server.js\nworker: npx pm2 start worker.js -i 2\n' }),
    errors: [{ messageId: 'daemonManager', file: 'Procfile', line: 2, column: 13, endColumn: 22 }],
    output: null,
    outputFile: 'Procfile',
    suggestions: [{ title: 'Run with pm2-runtime (stays in the foreground)', output: 'web: node server.js\nworker: npx pm2-runtime start worker.js -i 2\n' }],
  },
  {
    name: 'a script the Procfile runs, and a Dockerfile CMD',
    code: '',
    project: withScripts({ serve: 'setsid node dist/index.js' }, { Procfile: 'web: npm run serve\n', Dockerfile: 'FROM node:20-slim\nCOPY . .\nCMD pm2 start dist/index.js && pm2 logs\n' }),
    errors: [
      { messageId: 'daemonManager', file: 'Dockerfile', line: 3, column: 5, endColumn: 14 },
      { messageId: 'detach', file: 'package.json', line: 4, column: 15, endColumn: 21 },
    ],
    output: null,
  },
  {
    name: 'a detached self-fork that is unreferenced',
    code: "const { spawn } = require('child_process');\nif (process.argv.includes('--daemon')) {\n  const child = spawn(process.execPath, [__filename], { detached: true, stdio: 'ignore' });\n  child.unref();\n  process.exit(0);\n}",
    errors: [{ messageId: 'selfFork', line: 3, column: 17, endColumn: 91, message: 'The app re-launches itself as a detached process that outlives it: it daemonises. The platform\'s process manager then watches a process that has already exited, while the real one runs unsupervised. Let the platform start as many processes as it needs.' }],
    output: null,
  },
  {
    name: 'a restart that respawns node from process.argv[0], detached, with spawn required in the function',
    code: "function restart() {\n  const spawn = require('child_process').spawn;\n  const subprocess = spawn(process.argv[0], process.argv.slice(1), { detached: true });\n  subprocess.unref();\n  process.exit();\n}",
    errors: [{ messageId: 'selfFork', line: 3, column: 22 }],
    output: null,
  },
  {
    name: 'a restart that relaunches the process, detached, as it exits (@open-wa)',
    code: "const child_process_1 = require('child_process');\nfunction restart() {\n  process.on('exit', function () {\n    (0, child_process_1.spawn)(process.argv.shift(), process.argv, { cwd: process.cwd(), detached: true, stdio: 'inherit' });\n  });\n  process.exit();\n}",
    errors: [{ messageId: 'selfFork', line: 4, column: 5 }],
    output: null,
  },
  {
    name: 'a restart that runs node through a shell, detached (magicmirror)',
    code: "const Spawn = require('node:child_process').spawn;\nfunction nodeRestart() {\n  const subprocess = Spawn('node --run start', { cwd: root, shell: true, detached: true, stdio: ['ignore', out, err] });\n  subprocess.unref();\n  process.exit();\n}",
    errors: [{ messageId: 'selfFork', line: 3, column: 22 }],
    output: null,
  },
  {
    name: 'options detached before the call, node unless the operator names another, the child held in a chain (egg-scripts --daemon)',
    code: "const { spawn } = require('child_process');\nasync function start(argv, options, eggArgs) {\n  const command = argv.node || 'node';\n  if (argv.daemon) {\n    options.detached = true;\n    const child = this.child = spawn(command, eggArgs, options);\n    child.on('message', () => {\n      child.unref();\n      this.exit(0);\n    });\n  }\n}",
    errors: [{ messageId: 'selfFork', line: 6, column: 32 }],
    output: null,
  },
  {
    name: 'chained unref and node by name',
    code: "import { spawn } from 'node:child_process';\nspawn('node', ['server.js'], { detached: true }).unref();",
    filename: 'src/cli.mjs',
    errors: [{ messageId: 'selfFork', line: 2, column: 1, file: 'src/cli.mjs' }],
    output: null,
  },
  {
    name: "pm2's API starting the app under its daemon (raneto's start command)",
    code: "var pm2 = require('pm2');\nprogram.command('start').action(function () {\n  pm2.connect(function () {\n    pm2.start({ script: 'example/server.js', name: 'raneto' }, function () { pm2.disconnect(); });\n  });\n});",
    errors: [{ messageId: 'pm2Daemon', line: 4, column: 5, message: '`pm2.start()` hands the app to the pm2 daemon, which keeps running it in the background after this command returns: the platform believes the process exited and loses track of the real one. Run the app in the foreground (`node` itself, or pm2-runtime).' }],
    output: null,
  },
  {
    name: "forever's API starting the app as its daemon (verdaccio-server's start), and forever's other calls",
    code: "var forever = require('forever');\nvar startPath = require.resolve('./verdaccio-cli.js');\nfunction start() {\n  forever.startDaemon(startPath);\n}\nfunction stop() {\n  forever.stop(startPath);\n}\nfunction run() {\n  forever.start(startPath, {});\n}",
    errors: [{ messageId: 'foreverDaemon', line: 4, column: 3, message: '`forever.startDaemon()` runs the app as a detached daemon and returns at once: the platform believes the process exited and loses track of the real one, and forever sends its output to a log file of its own. Run the app in the foreground (`node` itself).' }],
    output: null,
  },
  {
    name: "a helper named for detaching, given the package's own command (private-bower's restart)",
    code: "function restart() {\n  utils.startDetachedChildProcess('private-bower', ['--config', configPath]);\n}",
    project: projectFixture({ 'package.json': packageJsonText({ name: 'private-bower', bin: { 'private-bower': 'bin/private-bower' } }) }),
    errors: [{ messageId: 'selfFork', line: 2, column: 3 }],
    output: null,
  },
  {
    name: "a self-launch the parent leaves by exiting, with spawn taken from the module in a second step (pm2-gui's daemonize)",
    code: "var cp = require('child_process');\nvar spawn = cp.spawn;\nfunction daemonize() {\n  var child = spawn(process.execPath, process.argv.slice(1), { detached: false, stdio: ['ignore', process.stdout, process.stderr] });\n  child.unref();\n  process.exit();\n}",
    errors: [{ messageId: 'selfFork', line: 4, column: 15 }],
    output: null,
  },
  {
    name: 'daemon libraries',
    code: "const daemonize = require('daemonize2');\nconst daemon = require('daemon');\nif (argv.daemon) {\n  require('daemon')({ stdout: process.stdout, stderr: process.stderr });\n}\ndaemon();\ndaemonize.setup({ main: 'app.js' }).start();",
    errors: [
      { messageId: 'daemonLibrary', line: 4, column: 3, endColumn: 72, message: '`daemon` turns the process into a daemon: it forks, detaches from its parent and lets the original exit, so the platform loses track of the real process. Run in the foreground and let the platform supervise it.' },
      { messageId: 'daemonLibrary', line: 6, column: 1 },
      { messageId: 'daemonLibrary', line: 7, column: 1, endColumn: 36 },
    ],
    output: null,
  },
  {
    name: 'esbuild output: the package\'s own command relaunched detached into a variable assigned later, and a PID file named by a setting',
    code: "var import_node_child_process = __toESM(require('node:child_process'), 1);\nvar import_fs = __toESM(require('fs'), 1);\nimport_fs.default.writeFileSync(tools.getPidsFileName(), JSON.stringify(pids));\nlet child;\nchild = (0, import_node_child_process.spawn)('iobroker', ['restart'], { detached: true, stdio: 'ignore' });\nchild.unref();",
    project: projectFixture({ 'package.json': packageJsonText({ name: 'iobroker.js-controller', bin: { iobroker: './iobroker.js' } }) }),
    errors: [
      { messageId: 'pidFile', line: 3, column: 1, endColumn: 79 },
      { messageId: 'selfFork', line: 5, column: 9, endColumn: 107 },
    ],
    output: null,
  },
  {
    name: 'a PID file module writing the pid it is given (strong-supervisor)',
    code: "var fs = require('fs');\nfunction write(file, pid) {\n  fs.writeFileSync(file, pid, { flag: 'wx' });\n}\nexports.create = function (file) { write(file, process.pid); };",
    filename: 'lib/pidfile.js',
    errors: [{ messageId: 'pidFile', line: 3, column: 3, endColumn: 46 }],
    output: null,
  },
  {
    name: "a lock file holding the server's PID as JSON, which its stop command reads (laravel-echo-server)",
    code: "const fs = require('fs');\nfs.writeFile(lockFile, JSON.stringify({ process: process.pid }, null, '\\t'), cb);\nfs.writeFile(stateFile, JSON.stringify({ started: Date.now() }), cb);",
    errors: [{ messageId: 'pidFile', line: 2, column: 1, endColumn: 81 }],
    output: null,
  },
  {
    name: 'a PID file a process in the foreground writes so that its own stop command can signal it (mountebank, droppy)',
    code: "const fs = require('fs');\nfs.writeFileSync(options.pidfile, process.pid.toString());\nfs.writeFile(paths.pid, process.pid, cb);",
    errors: [
      { messageId: 'pidFile', line: 2, column: 1, endColumn: 58 },
      { messageId: 'pidFile', line: 3, column: 1, endColumn: 41 },
    ],
    output: null,
  },
  {
    name: "a fork of the daemon library, and the daemonised child's PID written to a path setting (frontail)",
    code: "const daemon = require('daemon-fix41');\nconst fs = require('fs');\nconst proc = daemon.daemon(script, args, { stdout: logFile, stderr: logFile });\nfs.writeFileSync(params.pidPath, proc.pid);",
    errors: [
      { messageId: 'daemonLibrary', line: 3, column: 14, message: '`daemon` turns the process into a daemon: it forks, detaches from its parent and lets the original exit, so the platform loses track of the real process. Run in the foreground and let the platform supervise it.' },
      { messageId: 'pidFile', line: 4, column: 1 },
    ],
    output: null,
  },
  {
    name: "npm start runs the package's own bin, whose start command re-launches the script itself detached (a scoped package's string bin)",
    code: "import { spawn } from 'node:child_process';\nif (cmd === 'start') {\n  const daemon = spawn(import.meta.filename, ['run'], { stdio: 'ignore', detached: true });\n  daemon.unref();\n}",
    filename: 'bin.js',
    project: projectFixture({ 'package.json': packageJsonText({ name: '@isomorphic-git/cors-proxy', bin: 'bin.js', scripts: { start: 'cors-proxy start' } }) }),
    errors: [
      { messageId: 'selfFork', line: 3, column: 18, file: 'bin.js' },
      { messageId: 'daemonisingScript', file: 'package.json', line: 5, column: 15, message: 'The start command runs bin.js, which puts the app in the background, so the start command returns at once: the platform believes the process exited and the real one runs unsupervised. Start the app in the foreground.' },
    ],
    output: null,
  },
  {
    name: 'PID files written by a process that daemonises itself',
    code: "const fs = require('fs');\nfs.writeFileSync(path.join(dataDir, 'server.pid'), String(process.pid));\nawait fs.promises.writeFile(pidFile, `${process.pid}\\n`);\nfs.writeFileSync('/var/run/app.pid', pid);\nrequire('daemon')();",
    errors: [
      { messageId: 'pidFile', line: 2, column: 1, endColumn: 72, message: 'Writing a PID file is how daemons tell init scripts where to find them. The platform already knows every process it started, and a PID file left behind by a replaced container or dyno only misleads: drop it.' },
      { messageId: 'pidFile', line: 3, column: 7 },
      { messageId: 'pidFile', line: 4, column: 1 },
      { messageId: 'daemonLibrary', line: 5, column: 1 },
    ],
    output: null,
  },
];

runRuleTests(rule, {
  valid: [
    { name: 'a self-launch the parent waits for', code: "const { spawn } = require('child_process');\nfunction restart() {\n  const child = spawn(process.execPath, process.argv.slice(1), { stdio: 'inherit' });\n  child.unref();\n  child.on('exit', (code) => process.exit(code));\n}" },
    { name: 'a helper named for detaching, given another program', code: "utils.startDetachedChildProcess('xdg-open', [url]);", project: projectFixture({ 'package.json': packageJsonText({ name: 'private-bower', bin: { 'private-bower': 'bin/private-bower' } }) }) },
    { name: "pm2's API in no-daemon mode, and its other calls", code: "const pm2 = require('pm2');\npm2.connect(true, () => pm2.start({ script: 'server.js' }));\n" },
    { name: "pm2's stop and list calls", code: "const pm2 = require('pm2');\npm2.connect(() => pm2.stop('app', () => pm2.list(() => pm2.disconnect())));\n" },
    {
      name: 'an entrypoint that runs the app in the background, forwards SIGTERM and waits for it',
      code: '',
      project: withScripts({ start: './docker/entrypoint.sh' }, { 'docker/entrypoint.sh': '#!/bin/sh\ntrap "kill -TERM $PID" TERM INT\nsetsid node ./bin/server "$@" &\nPID=$!\nwait $PID\n' }),
    },
    { name: 'an extensionless bin that runs node, not a shell', code: '', project: withScripts({ start: './bin/www' }, { 'bin/www': "#!/usr/bin/env node\nrequire('child_process').exec('nohup true &');\n" }) },
    { name: 'a foreground start', code: '', project: withScripts({ start: 'node server.js 2>&1', worker: 'node worker.js' }) },
    { name: 'pm2-runtime and pm2 --no-daemon', code: '', project: withScripts({ start: 'pm2-runtime start ecosystem.config.js', alt: 'pm2 start app.js --no-daemon' }, { Procfile: 'web: pm2 start app.js --no-daemon\n' }) },
    { name: 'forever in the foreground', code: '', project: withScripts({ start: 'forever server.js' }) },
    { name: 'daemon commands in scripts nothing starts', code: '', project: withScripts({ start: 'node server.js', 'deploy:legacy': 'nohup node server.js &', pm2: 'pm2 start app.js' }) },
    { name: 'watch-mode development start', code: '', project: withScripts({ start: 'tsc -w & nodemon dist/index.js' }) },
    { name: 'redirections are not background jobs', code: '', project: withScripts({ start: 'node server.js >&2 2>&1 &>/dev/null' }) },
    { name: 'exec-form CMD running pm2-runtime', code: '', project: projectFixture({ Dockerfile: 'FROM node:20\nCMD ["pm2-runtime", "app.js"]\n' }) },
    { name: 'a pm2 start in a build stage', code: '', project: projectFixture({ Dockerfile: 'FROM node:20 AS test\nCMD pm2 start app.js\nFROM node:20-slim\nCMD ["node", "app.js"]\n' }) },
    "const { spawn } = require('child_process');\nconst child = spawn('ffmpeg', args, { detached: true });\nchild.unref();",
    { name: 'another package\'s command run detached', code: "const { spawn } = require('child_process');\nconst child = spawn('iobroker', ['restart'], { detached: true });\nchild.unref();", project: projectFixture({ 'package.json': packageJsonText({ name: 'iobroker.admin', bin: { admin: './admin.js' } }) }) },
    "const { spawn } = require('child_process');\nconst child = spawn(process.execPath, ['worker.js'], { detached: true });\nchild.on('exit', restart);",
    "const { fork } = require('child_process');\nconst worker = fork('./worker.js');",
    "fs.writeFileSync(path.join(tmp, 'report.json'), JSON.stringify({ pid: process.pid, rss }));",
    "logger.info(`started as ${process.pid}`);",
    { name: 'developer scripts', code: "fs.writeFileSync('dev.pid', String(process.pid));", filename: 'scripts/dev-server.js' },
  ],
  invalid,
});

