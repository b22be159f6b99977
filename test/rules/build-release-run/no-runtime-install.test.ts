import rule from '../../../server/src/rules/build-release-run/no-runtime-install';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests, type InvalidCase } from '../../support/ruleTester';

const CP = "const { exec, execSync, execFile, spawn } = require('child_process');\n";
const releaseTooling = projectFixture({ 'package.json': packageJsonText({ name: 'app', main: 'server.js', scripts: { 'release-final': 'node ./extra/release/release.mjs', start: 'node server.js' } }) });

const invalid: InvalidCase[] = [
  {
    name: "a message handler calling the app's own installer on a service it looked up",
    code: "async function handleCommandMessage(message) {\n  const service = Container.get(CommunityPackagesService);\n  if (message.command === 'uninstall') await service.removeNpmPackage(message.name);\n  else await service.installOrUpdateNpmPackage(message.name, message.version);\n}",
    filename: 'dist/orchestration/handle-command-message.js',
    files: {
      'dist/community-packages.service.js': `${CP}class CommunityPackagesService {\n  async installOrUpdateNpmPackage(name, version) { return this.installOrUpdatePackage(name, version); }\n  async installOrUpdatePackage(name, version) { execSync(\`npm install \${name}@\${version}\`); }\n  async removeNpmPackage(name) { execSync(\`npm remove \${name}\`); }\n}`,
    },
    errors: [
      { messageId: 'install', line: 4, column: 58, file: 'dist/community-packages.service.js' },
      { messageId: 'install', line: 5, column: 43, file: 'dist/community-packages.service.js' },
      { messageId: 'install', line: 3, column: 46, file: 'dist/orchestration/handle-command-message.js' },
      { messageId: 'install', line: 4, column: 14, file: 'dist/orchestration/handle-command-message.js' },
    ],
    output: null,
  },
  {
    name: 'an install in the command that starts the server, even in a command folder',
    code: `${CP}execSync('npm install --omit=dev', { cwd: pluginDir });\nrequire('../server').listen(process.env.PORT);`,
    filename: 'lib/commands/start.js',
    errors: [{ messageId: 'install', line: 2, column: 10 }],
    output: null,
  },
  {
    name: 'npm through a variable named for its path, in a command line built by concatenation',
    code: "const child_process = require('child_process');\nfunction installModules(names, parentpath) {\n  child_process.exec(npmpath + ` install --save-exact --no-audit ${names}`, { cwd: parentpath }, done);\n}",
    errors: [{ messageId: 'install', line: 3, column: 22 }],
    output: null,
  },
  {
    name: "npm's API loaded inline: a command chosen at run time, and install by name",
    code: "function toggleInstall(id, version, installed, type, next) {\n  require('npm').commands[type](installed ? id : [id + '@' + version], next);\n}\nfunction upgrade(id, version, next) {\n  require('npm').commands.install([id + '@' + version], next);\n}",
    errors: [
      { messageId: 'install', line: 2, column: 3, message: 'The running app runs `npm <type>`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.' },
      { messageId: 'install', line: 5, column: 3 },
    ],
    output: null,
  },
  {
    name: "the app's own asset pipeline run at start and by an admin reload, once per function",
    code: "function initializeNodeBB(app, next) {\n  async.parallel([\n    async.apply(meta.templates.compile),\n    async.apply(meta.js.minify, app.enabled('minification')),\n    async.apply(meta.css.minify),\n  ], next);\n}\nMeta.reload = function (callback) {\n  Meta.css.minify(callback);\n};",
    errors: [
      { messageId: 'assetBuild', line: 4, column: 17, message: 'The running app builds its assets with `meta.js.minify`, writing minified scripts or compiled stylesheets into the release at run time. Each start and instance rebuilds them, production needs the build tools, and what is served was never tested as a release: build assets in the build stage and serve the output.' },
      { messageId: 'assetBuild', line: 9, column: 3 },
    ],
    output: null,
  },
  {
    name: 'stylesheets compiled by middleware on request: bound at the top, required inline, and loaded by a helper in the function',
    code: "var less = require('less-middleware');\nrouter.use('/styles', less(path.resolve(__dirname, 'public/styles')));\napp.use(require('less-middleware')(keystone.expandPath(dir), options));\nfunction bindSass(app) {\n  var sassMiddleware = safeRequire('node-sass-middleware', 'sass');\n  var stylusMiddleware = safeRequire('stylus', 'stylus').middleware;\n  app.use(sassMiddleware({ src: dir, dest: dir }));\n  app.use(stylusMiddleware({ src: dir, dest: dir }));\n}",
    errors: [
      { messageId: 'compile', line: 2, column: 23, message: 'This middleware (less-middleware) compiles stylesheets or scripts when they are requested, so the running server builds its own assets: it needs compilers in production, writes output no release recorded, and the first visitors wait for it. Compile stylesheets and scripts in the build stage and serve the output as static files.' },
      { messageId: 'compile', line: 3, column: 9 },
      { messageId: 'compile', line: 7, column: 11 },
      { messageId: 'compile', line: 8, column: 11 },
    ],
    output: null,
  },
  {
    name: "a browserify bundle built by the server, reported where the instance is asked for it",
    code: "module.exports = function (file) {\n  var browserify = require('browserify');\n  var b = browserify(file, { debug: false });\n  if (devMode) b = watchify(b);\n  b.bundle(function (err, buff) {\n    if (devWriteDisc) require('disc').bundle(buff, done);\n    send(buff);\n  });\n};",
    errors: [{ messageId: 'bundle', line: 5, column: 3 }],
    output: null,
  },
  {
    name: "npm picked by platform (`npm.cmd` on Windows) with its arguments in a `var`, through a shell",
    code: "var child_process = require('child_process');\nvar npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';\nfunction installModule(name, installDir) {\n  var args = ['install', '--save', '--production', name];\n  return child_process.spawn(npmCommand, args, { cwd: installDir, shell: true });\n}",
    errors: [{ messageId: 'install', line: 5, column: 30 }],
    output: null,
  },
  {
    name: "npm run through node by the app's own exec helper, with the arguments in a variable",
    code: "const exec = require('@node-red/util').exec;\nconst npmCli = require.resolve('npm/bin/npm-cli.js');\nfunction installModule(name, installDir) {\n  let args = [npmCli, 'install', '--save', '--', name];\n  return exec.run(process.execPath, args, { cwd: installDir }, true);\n}",
    errors: [{ messageId: 'install', line: 5, column: 19, message: 'The running app runs `npm install`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.' }],
    output: null,
  },
  {
    name: 'npm with the verb in a parameter and install-only flags, its arguments chosen by a condition',
    code: `${CP}function runNpm(name, command, config) {\n  const npmArgs = isServer(name) ? [command, '-g'] : ['--save', '--ignore-scripts', command];\n  npmArgs.push(name);\n  return spawn('npm', npmArgs, { cwd: config.configPath });\n}`,
    errors: [{ messageId: 'install', line: 5, column: 16, message: 'The running app runs `npm --save --ignore-scripts …`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.' }],
    output: null,
  },
  {
    name: "an npm helper given the program as a spread of the app's npm path, then install",
    code: "class PluginsService {\n  async updateHomebridgePackage(action, client) {\n    await this.runNpmCommand([...this.npm, 'install', ...installOptions, `homebridge@${action.version}`], installPath, client);\n  }\n}",
    errors: [{ messageId: 'install', line: 3, column: 30 }],
    output: null,
  },
  {
    name: 'a native module rebuilt in place at startup by running its install script',
    code: `${CP}function tryRebuildNodePtyModule() {\n  execSync('npm run install --unsafe-perm', { cwd: modulePath, stdio: 'ignore' });\n}`,
    errors: [
      { messageId: 'install', line: 3, column: 12, message: 'The running app runs `npm run install`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.' },
    ],
    output: null,
  },
  {
    name: 'the start subcommand runs the server: an install in it runs on every start',
    code: `${CP}const program = require('commander');\nprogram.command('start').action(async () => {\n  execSync('npm install');\n  require('./server').listen(process.env.PORT);\n});`,
    errors: [{ messageId: 'install', line: 4, column: 12 }],
    output: null,
  },
  {
    name: 'a plugin manager that runs npm init in its plugin folder is still installing at run time',
    code: `${CP}exec('npm init -y', { cwd: pluginDir });\nexec('npm install ' + name, { cwd: pluginDir });`,
    filename: 'src/plugins.js',
    errors: [{ messageId: 'install', line: 3, column: 6, file: 'src/plugins.js' }],
    output: null,
  },
  {
    name: 'the app builds itself with its prepack script when its hash changed',
    code: `${CP}exec('pnpm run prepack', { env, cwd: __dirname }, (err) => (err ? reject(err) : resolve()));`,
    errors: [{ messageId: 'build', line: 2, column: 6 }],
    output: null,
  },
  {
    name: 'apt install from the running server when a browser is missing',
    code: `${CP}if (!found) {\n  exec('apt update && apt --yes --no-install-recommends install chromium fonts-indic', done);\n}`,
    errors: [{ messageId: 'systemInstall', line: 3, column: 8, message: 'The running app runs `apt install`, installing system packages into the machine it runs on. The release no longer describes what runs: each instance ends up different, a restart on a fresh machine loses it, and the install fails without network or root. Install it in the image at build time.' }],
    output: null,
  },
  {
    name: 'an argv array handed to the app\'s own command helper, in server code kept under static/',
    filename: 'static/js/pluginfw/installer.js',
    code: "const runCmd = require('../../../node/utils/run_cmd');\nexports.uninstall = async (name) => {\n  await runCmd(['npm', 'uninstall', '--no-save', name], { stdio: 'inherit' });\n};",
    errors: [{ messageId: 'install', line: 3, column: 16, file: 'static/js/pluginfw/installer.js', message: 'The running app runs `npm uninstall`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.' }],
    output: null,
  },
  {
    name: 'a helper named for npm, given only the arguments (compiled TypeScript)',
    filename: 'dist/modules/community-packages/community-packages.service.js',
    code: "const npm_utils_1 = require(\"./npm-utils\");\nasync function install(packageDirectory) {\n    await (0, npm_utils_1.executeNpmCommand)(['install', '--omit=dev'], { cwd: packageDirectory });\n}",
    errors: [{ messageId: 'install', line: 3, column: 46, file: 'dist/modules/community-packages/community-packages.service.js' }],
    output: null,
  },
  {
    name: 'a command chosen between two npm verbs, handed to a helper',
    code: "function toggle(id, installed, next) {\n  var command = installed ? ('npm uninstall ' + id) : ('npm install ' + id + '@' + (version || 'latest'));\n  runNpmCommand(command, next);\n}",
    errors: [{ messageId: 'install', line: 3, column: 17 }],
    output: null,
  },
  {
    name: 'the app forking itself in build mode from a running handler',
    code: "SocketAdmin.restart = function (socket, data, callback) {\n  var child_process = require('child_process');\n  var buildWorker = child_process.fork('app.js', ['--build'], { cwd: path.join(__dirname, '../../'), stdio: 'pipe' });\n};",
    errors: [{ messageId: 'build', line: 3, column: 40, message: 'The running app runs `node app.js --build`. Compiling or bundling is the build stage\'s job: done at run time it slows every start, needs build tools in production and can produce something other than what was tested.' }],
    output: null,
  },
  {
    name: 'npm install of a plugin while the server runs',
    code: `${CP}app.post('/plugins', (req, res) => {\n  execSync(\`npm install \${req.body.name}\`);\n  res.sendStatus(204);\n});`,
    errors: [{ messageId: 'install', line: 3, column: 12, endColumn: 42, message: 'The running app runs `npm install`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.' }],
    output: null,
  },
  {
    name: 'inline require of child_process',
    code: "require('child_process').execSync('npm ci --omit=dev', { stdio: 'inherit' });",
    errors: [{ messageId: 'install', line: 1, column: 35, message: 'The running app runs `npm ci`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.' }],
    output: null,
  },
  {
    name: 'yarn add, pnpm add and uninstall, spawn style',
    code: `${CP}spawn('yarn', ['add', pkg]);\nexecFile('pnpm', ['add', pkg], cb);\nexec('npm uninstall ' + pkg);`,
    errors: [
      { messageId: 'install', line: 2, column: 7 },
      { messageId: 'install', line: 3, column: 10 },
      { messageId: 'install', line: 4, column: 6 },
    ],
    output: null,
  },
  {
    name: 'the declared npm run through process.execPath still installs',
    code: `${CP}const npmCli = require.resolve('npm/bin/npm-cli.js');\nspawn(process.execPath, [npmCli, 'install', \`\${name}@\${version}\`], { cwd: pluginsDir });`,
    errors: [{ messageId: 'install', line: 3, column: 7, message: 'The running app runs `npm install`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.' }],
    output: null,
  },
  {
    name: 'a package manager chosen at run time, named so',
    code: `${CP}execFile(packageManagerExecutable, ['install', id + '@' + version, '--save'], callback);`,
    errors: [{ messageId: 'install', line: 2, column: 10, message: 'The running app runs `npm install`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.' }],
    output: null,
  },
  {
    name: 'git pull on the app folder, then a build',
    code: `${CP}async function selfUpdate() {\n  execSync('git pull origin main', { cwd: __dirname });\n  execSync('npm run build');\n  execSync('npx tsc -p .');\n}`,
    errors: [
      { messageId: 'checkout', line: 3, column: 12, message: 'The running app runs `git pull` on its own folder. Code fetched at run time bypasses build and release entirely, so what runs is no longer a versioned release: deploy a new release instead.' },
      { messageId: 'build', line: 4, column: 12, message: 'The running app runs `npm run build`. Compiling or bundling is the build stage\'s job: done at run time it slows every start, needs build tools in production and can produce something other than what was tested.' },
      { messageId: 'build', line: 5, column: 12 },
    ],
    output: null,
  },
  {
    name: 'git clone into the working directory, webpack',
    code: "import { execa } from 'execa';\nawait execa('git', ['clone', repoUrl]);\nawait execa('webpack', ['--mode', 'production']);",
    filename: 'src/boot.mjs',
    errors: [
      { messageId: 'checkout', line: 2, column: 13, file: 'src/boot.mjs' },
      { messageId: 'build', line: 3, column: 13, file: 'src/boot.mjs' },
    ],
    output: null,
  },
  {
    name: 'a module the app runs, although a release script imports it too',
    code: `${CP}module.exports = () => execSync('npm install');`,
    filename: 'extra/update.js',
    files: { 'extra/release/release.mjs': "import '../update.js';", 'server.js': "require('./extra/update.js')();" },
    project: releaseTooling,
    errors: [{ messageId: 'install', line: 2, column: 33, file: 'extra/update.js' }],
    output: null,
  },
  {
    name: 'a marketplace download unpacked into a temporary folder, then moved into the extensions folder',
    code: "import { extract } from 'tar';\nimport { move } from 'fs-extra';\nexport class Installer {\n  async install(id) {\n    const tempDir = join(os.tmpdir(), 'marketplace', id);\n    await download(id, join(tempDir, 'bin.tgz'));\n    await extract({ file: join(tempDir, 'bin.tgz'), cwd: tempDir });\n    const dest = join(this.extensionPath, '.registry', id);\n    await move(join(tempDir, 'package'), dest, { overwrite: true });\n  }\n}",
    filename: 'dist/extensions/installer.js',
    errors: [{ messageId: 'unpack', line: 7, column: 11, file: 'dist/extensions/installer.js', message: 'The running app unpacks an archive with tar into a folder of code (plugins, extensions or node_modules). Code that arrives at run time was never built or released: instances drift apart, a rollback does not remove it, and the download can fail. Add plugins in the build stage.' }],
    output: null,
  },
  {
    name: 'an uploaded plugin zip unpacked straight into the plugins folder, tar and adm-zip alike',
    code: "const unzipper = require('unzipper');\nconst tar = require('tar');\nconst AdmZip = require('adm-zip');\napp.post('/plugins', (req, res) => {\n  req.pipe(unzipper.Extract({ path: PLUGINS_DIR }));\n  tar.x({ file: req.file.path, C: path.join(root, 'node_modules') });\n  new AdmZip(req.file.buffer).extractAllTo(path.join(dataDir, 'plugins', req.params.id));\n});",
    errors: [
      { messageId: 'unpack', line: 5, column: 12 },
      { messageId: 'unpack', line: 6, column: 3 },
      { messageId: 'unpack', line: 7, column: 3 },
    ],
    output: null,
  },
  {
    name: 'a server module that bundles extensions with rollup or rolldown, reported at the run',
    code: "import { rolldown } from 'rolldown';\nimport { rollup } from 'rollup';\nexport class ExtensionManager {\n  async generateExtensionBundle() {\n    const bundle = await (env.EXTENSIONS_ROLLDOWN ? rolldown : rollup)({ input: 'entry', plugins });\n    await bundle.write({ format: 'es', dir: tempDir });\n  }\n}",
    filename: 'src/extensions/manager.ts',
    errors: [{ messageId: 'bundle', line: 5, column: 26, file: 'src/extensions/manager.ts', message: 'This server module loads the bundler rolldown and builds with it while the app runs. Bundling is the build stage\'s job: done at run time it needs build tools in production, differs between instances and can produce something other than what was tested. Bundle in the build stage and ship the output.' }],
    output: null,
  },
  {
    name: 'webpack compiled to CommonJS, and esbuild through its namespace: one finding at the first run of the function that runs both, one at a bundler run at the top level',
    code: "const webpack_1 = __importDefault(require(\"webpack\"));\nconst esbuild = require('esbuild');\nconst rollup = require('rollup');\nasync function renderWidget(config) {\n  (0, webpack_1.default)(config).run(done);\n  await esbuild.build({ entryPoints: [entry], bundle: true, outdir });\n}\nrollup.rollup({ input });",
    errors: [
      { messageId: 'bundle', line: 5, column: 3 },
      { messageId: 'bundle', line: 8, column: 1 },
    ],
    output: null,
  },
  {
    name: 'startup that reinstalls missing packages through the app\'s own installer',
    code: `${CP}class PackagesService {\n  async init() {\n    await this.checkForMissingPackages();\n  }\n  async checkForMissingPackages() {\n    for (const missing of this.missingPackages) await this.installPackage(missing.name, missing.version);\n    this.missingPackages.forEach((missing) => this.reinstall(missing));\n  }\n  async installPackage(name, version) {\n    return this.installOrUpdatePackage(name, { version });\n  }\n  reinstall(missing) {}\n  async installOrUpdatePackage(name, options) {\n    await new Promise((resolve) => execFile('npm', ['install', \`\${name}@\${options.version}\`], { cwd: this.folder }, resolve));\n  }\n}`,
    errors: [
      { messageId: 'bootInstall', line: 7, column: 55, message: '`this.installPackage()` installs code while the app starts. Every instance and every restart installs again, from a registry that may be down, and may get other versions than the release was tested with: install in the build stage, and fail at start when something is missing.' },
      { messageId: 'install', line: 15, column: 45 },
    ],
    output: null,
  },
  {
    name: 'a step that reinstalls missing packages, which startup runs through a container the call graph cannot follow',
    code: `${CP}class CommunityPackagesService {\n  async checkForMissingPackages() {\n    if (!this.config.reinstallMissing) return;\n    for (const missing of this.missingPackages) await this.installPackage(missing.name, missing.version);\n  }\n  async installPackage(name, version) {\n    await new Promise((resolve) => execFile('npm', ['install', \`\${name}@\${version}\`], { cwd: this.folder }, resolve));\n  }\n}`,
    errors: [
      { messageId: 'bootInstall', line: 5, column: 55 },
      { messageId: 'install', line: 8, column: 45 },
    ],
    output: null,
  },
  {
    name: 'the step that records missing packages and reinstalls them when asked (`setMissingPackages({ reinstallMissingPackages })`)',
    code: `${CP}class CommunityPackagesService {\n  async setMissingPackages({ reinstallMissingPackages }) {\n    if (!reinstallMissingPackages) return;\n    for (const missing of this.missing) await this.installNpmModule(missing.name, missing.version);\n  }\n  async installNpmModule(name, version) {\n    await new Promise((resolve) => execFile('npm', ['install', \`\${name}@\${version}\`], { cwd: this.folder }, resolve));\n  }\n}`,
    errors: [
      { messageId: 'bootInstall', line: 5, column: 47 },
      { messageId: 'install', line: 8, column: 45 },
    ],
    output: null,
  },
  {
    name: "a wrapper around another package's module installer, called by the admin API",
    code: "const runtime = require('./runtime');\nexports.addModule = async function (opts) {\n  return runtime.nodes.installModule(opts.module, opts.version, opts.url);\n};",
    filename: 'lib/api/nodes.js',
    files: { 'lib/nodes/index.js': "const registry = require('@node-red/registry');\nfunction installModule(module, version, url) {\n  return registry.installModule(module, version, url);\n}\nmodule.exports = { installModule };" },
    errors: [
      { messageId: 'install', line: 3, column: 10, file: 'lib/api/nodes.js' },
      { messageId: 'install', line: 3, column: 10, file: 'lib/nodes/index.js' },
    ],
    output: null,
  },
  {
    name: 'startup that only registers the route installing plugins on request, and installs its routes',
    code: `${CP}class Plugins {\n  init(router) {\n    this.installRoutes(router);\n    router.post('/plugins', (req) => this.installPlugin(req.body.name));\n  }\n  installRoutes(router) {}\n  installPlugin(name) {\n    return execFile('npm', ['install', name]);\n  }\n}`,
    errors: [{ messageId: 'install', line: 9, column: 21 }],
    output: null,
  },
  {
    name: 'the npm API loaded in-process',
    code: "const npm = require('npm');\nnpm.load(() => npm.commands.install([name], done));",
    errors: [{ messageId: 'install', line: 2, column: 16 }],
    output: null,
  },
  {
    name: 'a command line handed to the app\'s own helper',
    code: "await executeCommand(`npm install ${packageName}@${version}`, { cwd: downloadFolder });\nawait this.runCommand('git pull');",
    filename: 'src/community-packages.mjs',
    errors: [
      { messageId: 'install', line: 1, column: 22, file: 'src/community-packages.mjs' },
      { messageId: 'checkout', line: 2, column: 23, file: 'src/community-packages.mjs' },
    ],
    output: null,
  },
];

runRuleTests(rule, {
  valid: [
    { name: 'the module that defines the asset build, running it for the process that forked it', code: "var Minifier = { js: {} };\nMinifier.js.minify = function (scripts, minify, callback) {};\nprocess.on('message', function (payload) {\n  Minifier.js.minify(payload.scripts, payload.minify, done);\n});", filename: 'minifier.js' },
    { name: 'an asset build in the build command, or only in development', code: "assets.css.minify(done);", filename: 'scripts/build.js' },
    { name: 'an asset build only in development', code: "if (process.env.NODE_ENV === 'development') {\n  assets.css.compile(done);\n}" },
    { name: 'compiling middleware only in development', code: "if (process.env.NODE_ENV === 'development') {\n  app.use(require('less-middleware')(publicDir));\n}" },
    {
      name: 'compiling middleware in a developer tool run by its own package script',
      code: "var browserify = require('browserify-middleware');\napp.use('/js', browserify(__dirname + '/src'));",
      filename: 'fields/explorer/server.js',
      project: projectFixture({ 'package.json': packageJsonText({ name: 'cms', main: 'index.js', scripts: { 'fields-explorer': 'node ./fields/explorer/server.js' } }) }),
    },
    { name: "a method named `bundle` of another module, or of an object in a module that never loads a bundler", code: "require('disc').bundle(buff, done);\nreport.bundle(items);" },
    { name: "stylus rendering a string, not serving requests", code: "const stylus = require('stylus');\nstylus(source).render(done);" },
    { name: "another package's module updater and remover: not installs by name", code: "const registry = require('@node-red/registry');\nexports.update = (m) => registry.updateModule(m);\nexports.remove = (m) => registry.removeModule(m);", filename: 'lib/nodes/index.js' },
    { name: "a relative module's installer that installs nothing", code: "const modules = require('./modules');\nexports.add = (m) => modules.installModule(m);", filename: 'lib/nodes/index.js', files: { 'lib/nodes/modules.js': "const known = new Map();\nexports.installModule = (m) => known.set(m.id, m);" } },
    { name: 'a method named for updating a package that installs nothing (a database row)', code: "async function save(pkg) {\n  await repository.updatePackage(pkg.id, pkg);\n}\nclass Repository {\n  async updatePackage(id, pkg) { await this.db.update('packages', id, pkg); }\n}" },
    { name: "a CLI command kept in a folder of its own (`commands/init/index.js`)", code: `${CP}execSync('npm install ' + driver, { cwd: projectDir });`, filename: 'dist/cli/commands/init/index.js' },
    { name: "modules of a CLI's command folder that an operator runs by hand", code: `${CP}execSync('npm install ' + packages.join(' '), { cwd: projectDir });`, filename: 'dist/server/command-line/install.js' },
    { name: 'an update command of a CLI folder', code: `${CP}spawn('yarn', ['upgrade', 'botpress']);`, filename: 'lib/cli/update.js' },
    { name: 'npm with a verb in a variable and no install flag (a search, a view)', code: `${CP}function npm(command, name) {\n  const args = verbose ? [command, '--json'] : [command];\n  return spawn('npm', [...args, name]);\n}` },
    {
      name: 'git run by a helper that is told which folder to work in (a user project, not the app)',
      code: "const child_process = require('child_process');\nfunction runGitCommand(args, cwd) {\n  return exec.run('git', args, { cwd });\n}\nmodule.exports = {\n  abortMerge: function (cwd) {\n    return runGitCommand(['merge', '--abort'], cwd);\n  },\n};",
    },
    {
      name: "installs reached only through a CLI's develop and build commands, though the CLI loads every command",
      code: "import { execa } from 'execa';\nexport const installAdminPeerDeps = async (packages) => {\n  await execa('npm', ['install', '--save', ...packages]);\n};",
      filename: 'dist/src/node/core/dependencies.mjs',
      files: {
        'bin/strapi.js': "require('../dist/cli.js').runCLI();",
        'dist/cli.js': "const commands = require('./src/cli/commands/index.mjs');\nexports.runCLI = () => commands;",
        'dist/src/cli/commands/index.mjs': "import { develop } from './develop.mjs';\nimport { build } from './build.mjs';\nimport { start } from './start.mjs';\nexport const commands = [develop, build, start];",
        'dist/src/cli/commands/develop.mjs': "import { installAdminPeerDeps } from '../../node/core/dependencies.mjs';\nexport const develop = () => installAdminPeerDeps([]);",
        'dist/src/cli/commands/build.mjs': "import { installAdminPeerDeps } from '../../node/core/dependencies.mjs';\nexport const build = () => installAdminPeerDeps([]);",
        'dist/src/cli/commands/start.mjs': "export const start = () => createStrapi().start();",
      },
      project: projectFixture({ 'package.json': packageJsonText({ name: '@strapi/strapi', bin: { strapi: './bin/strapi.js' } }) }),
    },
    {
      name: 'an operator\'s install subcommand (commander)',
      code: `${CP}const program = require('commander');\nprogram\n  .command('install <package>')\n  .description('Install a theme or a package')\n  .action(function (packageName) {\n    spawn('npm', ['install', '--no-save', packageName], { cwd: packagesPath });\n  });`,
      filename: 'src/command-line/install.js',
    },
    {
      name: 'an operator\'s upgrade command (a yargs command module)',
      code: `${CP}module.exports = {\n  command: 'upgrade [version]',\n  handler: async (argv) => {\n    execSync('npm install myapp@' + argv.version);\n  },\n};`,
    },
    {
      name: 'a generator that scaffolds a new project with npm init and installs into it',
      code: `${CP.replace('execFile, spawn', 'execFile, spawn, spawnSync')}process.chdir(dir);\nspawnSync('npm', ['init', '-y']);\nspawnSync('npm', ['i', 'hubot@latest']);`,
      filename: 'src/GenHubot.mjs',
    },
    { name: 'release tooling in bin/', code: `${CP}execSync('git pull --ff-only');\nexecSync('npm install');`, filename: 'bin/release.js' },
    { name: 'helpers in a bin/ subfolder', code: `${CP}execSync('npm install --no-save marked');`, filename: 'bin/doc/generate.js' },
    "const runCmd = require('./run_cmd');\nawait runCmd(['npm', 'ls', '--json']);\nawait runCmd(['git', 'status']);",
    `${CP}execSync('apt-cache policy chromium');`,
    `${CP}execSync('npm view express version');\nexec('npm ls --json');`,
    `${CP}execSync('git rev-parse HEAD');\nexecSync('git log -1 --format=%H');`,
    `${CP}execSync('git clone ' + url, { cwd: workspaceDir });\nexecSync(\`git -C \${repoDir} pull\`);`,
    `${CP}spawn(process.execPath, ['dist/worker.js']);`,
    `${CP}execSync('tsc --noEmit');\nexecSync('webpack --watch');`,
    `${CP}exec(cmd);\nspawn(bin, args);`,
    "console.log('Run npm install to add the plugin');\nthrow new Error('missing module: run `npm install sharp`');",
    "logger.info('npm install finished');\nconst hint = 'npm install ' + name;",
    { name: 'developer scripts', code: `${CP}execSync('npm install', { stdio: 'inherit' });\nexecSync('git pull');`, filename: 'scripts/bootstrap.js' },
    {
      name: 'a helper module that only a release script imports',
      code: "import { execSync } from 'node:child_process';\nexport const build = () => execSync('npm run build');",
      filename: 'extra/release/lib.mjs',
      files: { 'extra/release/release.mjs': "import { build } from './lib.mjs';\nbuild();" },
      project: releaseTooling,
    },
    {
      name: 'a backup unpacked into a temporary folder and copied over the settings',
      code: "import { extract } from 'tar';\nimport { copy } from 'fs-extra';\nexport async function restore(file) {\n  const backupDir = await mkdtemp(join(tmpdir(), 'backup-'));\n  await pipeline(file, extract({ cwd: backupDir }));\n  await copy(join(backupDir, 'etc'), storagePath);\n}",
    },
    {
      name: 'an import archive of user content, with file extensions named so',
      code: "const AdmZip = require('adm-zip');\nasync function importContent(filePath) {\n  const extension = path.extname(filePath);\n  const extensions = ['.json', '.md'];\n  new AdmZip(filePath).extractAllTo(path.join(contentPath, 'import', extension));\n}",
    },
    {
      name: 'an archive whose destination is not named in the call',
      code: "import decompress from 'decompress';\nexport const unpack = (file, options) => decompress(file, options.dest);",
    },
    {
      name: 'webpack behind dev middleware, in a development branch, or watching',
      code: "const webpack = require('webpack');\nconst devMiddleware = require('webpack-dev-middleware');\napp.use(devMiddleware(webpack(config)));",
    },
    "const webpack = require('webpack');\nif (process.env.NODE_ENV !== 'production') {\n  webpack(config).run(done);\n}\nwebpack(config).watch({}, onChange);",
    {
      name: 'vite as a dev server, esbuild transforming a snippet, rollup types',
      code: "import { createServer } from 'vite';\nimport { transform } from 'esbuild';\nimport type { RollupOptions } from 'rollup';\nconst vite = await createServer({ server: { middlewareMode: true } });\nconst { code } = await transform(source, { loader: 'ts' });\nconst options: RollupOptions = {};",
      filename: 'src/server.ts',
    },
    { name: 'a build command of the app\'s own CLI', code: "import { build } from 'vite';\nexport default async () => build({ root });", filename: 'src/cli/build.js' },
    { name: 'build configuration', code: `${CP}execSync('git rev-parse --short HEAD');\nexecSync('tsc -p tsconfig.build.json');`, filename: 'vite.config.ts' },
  ],
  invalid,
});

