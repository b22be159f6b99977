import rule from '../../../server/src/rules/logs/no-file-logging';
import { runRuleTests } from '../../support/ruleTester';

const WINSTON = "const winston = require('winston');\n";

runRuleTests(rule, {
  valid: [
    { name: 'a log folder computed from the environment alone', code: "const logsFolder = (() => {\n  let folder = process.env.LOGS_FOLDER;\n  return folder;\n})();" },
    { name: 'a file opened to append outside a logger module', code: "var dest = require('fs').createWriteStream(target.path, { flags: 'a' });", filename: 'lib/storage.js' },
    { name: 'a text file of data, appended through an fs kept on an object', code: "obj.fs.appendFileSync(obj.path.join(dataPath, 'devices.txt'), line);\nobj.fs.openSync(reportPath, 'a+');" },
    { name: 'a file name in a section of settings that are not about logs', code: "const settings = {\n  exports: { filename: 'report.log.csv' },\n  server: { filename: 'server.log' },\n};" },
    { name: 'a chat transcript appended to a file named for its channel (shout)', code: "const fs = require('fs');\nfs.appendFile(path + '/' + chan.replace(/%/g, '%%') + '.log', line + '\\n', done);" },
    { name: 'descriptors not named for a log file', code: "const fs = require('fs');\nfs.write(fd, line);\nfs.writeSync(dialog, text);\nfs.writeSync(catalogFd, text);" },
    { name: 'a catalog and a changelog written to files are no logs', code: "const fs = require('fs');\nfs.createWriteStream(catalog);\nfs.appendFileSync(changelog, entry);" },
    "console.log('server started');",
    `${WINSTON}const logger = winston.createLogger({ transports: [new winston.transports.Console()] });`,
    "const pino = require('pino');\nconst logger = pino(pino.destination(1));",
    "const pino = require('pino');\nconst logger = pino(pino.destination({ dest: 2, sync: false }));",
    "const pino = require('pino');\nconst logger = pino({ transport: { target: 'pino-pretty' } });",
    "const pino = require('pino');\nconst logger = pino({ transport: { target: 'pino/file', options: { destination: 1 } } });",
    "const morgan = require('morgan');\napp.use(morgan('combined'));",
    "const morgan = require('morgan');\napp.use(morgan('combined', { stream: process.stdout }));",
    "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'app', streams: [{ stream: process.stdout }] });",
    "const log4js = require('log4js');\nlog4js.configure({ appenders: { out: { type: 'stdout' } }, categories: { default: { appenders: ['out'], level: 'info' } } });",
    "fs.appendFileSync('data/users.csv', line);",
    "fs.createWriteStream(uploadPath);",
    "const File = require('./file');\nnew File('x.log');",
    "const { transports } = require('./transports');\nnew transports.File({ filename: 'x.log' });",
    "const type = { type: 'file' };",
    { name: 'a logger whose folder the environment chooses, and logger options with no folder', code: "const a = createLogger({ dir: process.env.LOG_DIR });\nconst b = createLogger({ level: 'info', name: 'api' });" },
    { name: 'defining the switch is not using it, and a setter with nothing to set', code: "logger.setLogFile = function (file) { this.file = file; };\nlogger.setLogFile();" },
    // Log locations: only local paths the code fixes, not ones the environment or config lookups choose.
    "const options = { logDir: process.env.LOG_DIR || path.join(__dirname, 'logs') };",
    "loggingConfig.path = config.get('logs');",
    "const settings = { uploadDir: path.join(__dirname, 'uploads') };",
    "const paths = { path: path.join(root, 'logs') };",
    "const logging = { level: 'info', path: '/dev/stdout' };",
    "process.stdout.write(JSON.stringify(entry) + '\\n');",
    // Rotation setups belong to logs/no-log-rotation, so the same node is never reported twice.
    {
      name: 'winston-daily-rotate-file (reported by logs/no-log-rotation)',
      code: `${WINSTON}require('winston-daily-rotate-file');\nwinston.add(new winston.transports.DailyRotateFile({ filename: 'app-%DATE%.log' }));`,
    },
    {
      name: 'a winston File transport with maxsize (reported by logs/no-log-rotation)',
      code: `${WINSTON}const logger = winston.createLogger({ transports: [new winston.transports.File({ filename: 'app.log', maxsize: 5242880 })] });`,
    },
    {
      name: 'a bunyan rotating-file stream (reported by logs/no-log-rotation)',
      code: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'app', streams: [{ type: 'rotating-file', path: 'app.log', period: '1d' }] });",
    },
    {
      name: 'a log4js dateFile appender (reported by logs/no-log-rotation)',
      code: "const log4js = require('log4js');\nlog4js.configure({ appenders: { app: { type: 'dateFile', filename: 'app.log' } }, categories: { default: { appenders: ['app'], level: 'info' } } });",
    },
    // Access-log middleware belongs to logs/no-access-log-file, including the stream it writes through.
    {
      name: 'morgan writing to an access.log stream (reported by logs/no-access-log-file)',
      code: "const morgan = require('morgan');\napp.use(morgan('combined', { stream: fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' }) }));",
    },
    {
      name: 'the var-declared stream morgan writes to (reported by logs/no-access-log-file)',
      code: "var morgan = require('morgan');\nvar accessLogStream = fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' });\napp.use(morgan('combined', { stream: accessLogStream }));",
    },
  ],
  invalid: [
    {
      name: "a log file set in a config the app writes for a library, its path in a var assigned once (local-npm's express-pouchdb config)",
      code: "var logFile = path.resolve(directory, 'log.txt');\nfs.writeFileSync(configFile, JSON.stringify({\n  log: {\n    file: logFile\n  }\n}), 'utf-8');",
      errors: [{ messageId: 'logLocation', line: 4, column: 11, endColumn: 18, message: 'Logs are kept in log.txt on the local disk. That disk goes away with the process and the log router never reads it: write logs to stdout and let the platform collect and store them.' }],
      output: null,
    },
    {
      name: 'a log file named in a section nested in the logging settings (flowise\'s loggingConfig.server.filename)',
      code: "const loggingConfig = {\n    dir: process.env.LOG_PATH ?? path_1.default.join(__dirname, '..', 'logs'),\n    server: {\n        level: process.env.LOG_LEVEL ?? 'info',\n        filename: 'server.log',\n    },\n};\nexports.default = { logging: loggingConfig };",
      filename: 'dist/utils/config.js',
      errors: [{ messageId: 'logLocation', line: 5, column: 19, endColumn: 31, message: 'Logs are kept in server.log on the local disk. That disk goes away with the process and the log router never reads it: write logs to stdout and let the platform collect and store them.' }],
      output: null,
    },
    {
      name: 'esbuild\'s CommonJS output: fs bound as import_node_fs and reached through .default',
      code: "var import_node_fs = __toESM(require('node:fs'));\napp.get('/', (req, res) => {\n  import_node_fs.default.appendFileSync('requests.log', req.url + '\\n');\n});",
      errors: [{ messageId: 'fileStream', line: 3, column: 3, endColumn: 72, message: 'Log lines go to requests.log. Files on the process disk vanish with it and never reach the log router: write to stdout.' }],
      output: null,
    },
    {
      name: "a file the app's logger module appends to, from a module required in place",
      code: "module.exports.setup = function (targets) {\n  targets.forEach(function (target) {\n    if (target.type === 'file') {\n      var dest = require('fs').createWriteStream(target.path, { flags: 'a', encoding: 'utf8' });\n    }\n  });\n};",
      filename: 'lib/logger.js',
      errors: [{ messageId: 'fileStream', line: 4, column: 18, message: 'Log lines go to the file in `target.path`. Files on the process disk vanish with it and never reach the log router: write to stdout.' }],
      output: null,
    },
    {
      name: 'errors appended to a text file whose path a function picks in branches, through an fs kept on an object; a trace log opened to append',
      code: "obj.logError = function (err) {\n  var errlogpath = null;\n  if (typeof obj.args.errorlogpath == 'string') { errlogpath = obj.path.join(obj.args.errorlogpath, 'mesherrors.txt'); } else { errlogpath = obj.getConfigFilePath('mesherrors.txt'); }\n  obj.fs.appendFileSync(errlogpath, err + '\\r\\n');\n};\nobj.logFile = obj.fs.openSync(obj.getConfigFilePath('log.txt'), 'a+', 0o666);",
      errors: [
        { messageId: 'fileStream', line: 4, column: 3, message: 'Log lines go to mesherrors.txt. Files on the process disk vanish with it and never reach the log router: write to stdout.' },
        { messageId: 'fileStream', line: 6, column: 15 },
      ],
      output: null,
    },
    {
      name: 'a log file opened to append at the path a command-line option gives, through the calls that resolve it, and lines written to its descriptor (droppy)',
      code: "const fs = require('fs');\nif (argv.log || argv.l) {\n  require('./server/log.js').setLogFile(fs.openSync(untildify(path.resolve(argv.log || argv.l)), 'a', '644'));\n}\nfd = fs.openSync(ut(path.resolve(opts.log)), 'a', '644');\nlog.write = (line) => { if (logfile) fs.write(logfile, line + '\\n'); };",
      errors: [
        { messageId: 'fileStream', line: 3, column: 41, message: 'Log lines go to the file in `log`. Files on the process disk vanish with it and never reach the log router: write to stdout.' },
        { messageId: 'fileStream', line: 5, column: 6 },
        { messageId: 'fileStream', line: 6, column: 38, message: 'Log lines go to the file in `logfile`. Files on the process disk vanish with it and never reach the log router: write to stdout.' },
      ],
      output: null,
    },
    {
      name: 'an opt-in log file at the path of the logging settings, and its default built from the home folder (npm_lazy)',
      code: "const fs = require('fs');\nconst config = {\n  loggingOpts: {\n    logToFile: false,\n    filename: homePath + '/npm_lazy.log',\n  },\n};\nif (config.loggingOpts.logToFile) {\n  minilog.pipe(fs.createWriteStream(config.loggingOpts.filename, { flags: 'w' }));\n}",
      errors: [
        { messageId: 'logLocation', line: 5, column: 15 },
        { messageId: 'fileStream', line: 9, column: 16, message: 'Log lines go to the file in `loggingOpts.filename`. Files on the process disk vanish with it and never reach the log router: write to stdout.' },
      ],
      output: null,
    },
    {
      name: 'a log file in the default transports of a logging setup (mountebank)',
      code: "const defaultConfig = {\n  level: 'info',\n  transports: {\n    console: { colorize: true },\n    file: { path: 'mb.log', format: 'json' },\n  },\n};",
      errors: [{ messageId: 'logLocation', line: 5, column: 19 }],
      output: null,
    },
    {
      name: 'a file opened to append at the path of a setting named for a log (an auth log in syslog format)',
      code: "if (obj.config.settings.authlog != null) {\n  obj.fs.open(obj.config.settings.authlog, 'a', function (err, fd) { obj.authlogfile = fd; });\n}",
      errors: [{ messageId: 'fileStream', line: 2, column: 3, message: 'Log lines go to the file in `authlog`. Files on the process disk vanish with it and never reach the log router: write to stdout.' }],
      output: null,
    },
    {
      name: 'file transport options handed to a server, left out only when a flag says so, named with a template',
      code: "const server = createServer({\n  fileTransportOptions: flags['disable-log-to-file']\n    ? null\n    : { filename: path.join(Config.logsPath, `${name}.log`) },\n});",
      errors: [{ messageId: 'logLocation', line: 4, column: 19, message: 'Logs are kept in *.log on the local disk. That disk goes away with the process and the log router never reads it: write logs to stdout and let the platform collect and store them.' }],
      output: null,
    },
    {
      name: 'a log folder computed at load, starting from a local folder the environment may replace',
      code: "const logsFolder = (() => {\n  let folder = './logs/';\n  if (process.env.PARSE_SERVER_LOGS_FOLDER) {\n    folder = nullParser(process.env.PARSE_SERVER_LOGS_FOLDER);\n  }\n  return folder;\n})();\nmodule.exports = { logsFolder };",
      errors: [{ messageId: 'logLocation', line: 2, column: 16 }],
      output: null,
    },
    {
      name: 'a logging settings object whose path defaults to a logs folder under the app',
      code: "const config = require('./config');\nconst loggingConfig = config.get('logging') || {};\nif (!loggingConfig.path) {\n  loggingConfig.path = config.getContentPath('logs');\n}\nmodule.exports = loggingConfig;",
      errors: [{ messageId: 'logLocation', line: 4, column: 24, message: 'Logs are kept in logs on the local disk. That disk goes away with the process and the log router never reads it: write logs to stdout and let the platform collect and store them.' }],
      output: null,
    },
    {
      name: 'a log file path kept on a logs object',
      code: "var path = require('path');\nmodule.exports = function (Meta) {\n\tMeta.logs = {\n\t\tpath: path.join(nconf.get('base_dir'), 'logs', 'output.log')\n\t};\n};",
      errors: [{ messageId: 'logLocation', line: 4, column: 9, message: 'Logs are kept in output.log on the local disk. That disk goes away with the process and the log router never reads it: write logs to stdout and let the platform collect and store them.' }],
      output: null,
    },
    {
      name: 'a bunyan stream path is reported once, as a stream',
      code: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'app', streams: [{ path: 'logs/app.log' }] });",
      errors: [{ messageId: 'fileStream', line: 2, column: 58 }],
      output: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'app', streams: [{ stream: process.stdout }] });",
    },
    {
      name: 'a logger library told which folder to write its files to',
      code: "var Logger = require('mini-logger');\nvar logger = module.exports = Logger({\n  categories: ['sync_info'],\n  dir: config.logdir,\n  duration: '1d',\n});",
      errors: [{ messageId: 'loggerFolder', line: 4, column: 8, message: '`Logger()` is given a folder to write its log files to. Files on the process disk go away with it and the log router never reads them: log to stdout and let the platform collect the stream.' }],
      output: null,
    },
    {
      name: "the app's own switch to a log file",
      code: "if (configuration.logFile) {\n  logger.setLogFile(configuration.logFile);\n}",
      errors: [{ messageId: 'logFileSetter', line: 2, column: 3, message: "`logger.setLogFile()` sends the app's logs to a file. A file on the process disk goes away with it and the log router never reads it: log to stdout and let the platform collect the stream." }],
      output: null,
    },
    {
      name: 'a command-line option whose default is a log file',
      code: "mailin.start({\n  port: program.port || 25,\n  logFile: program.logFile || '/var/log/mailin.log',\n});",
      errors: [{ messageId: 'logLocation', line: 3, column: 12, message: 'Logs are kept in mailin.log on the local disk. That disk goes away with the process and the log router never reads it: write logs to stdout and let the platform collect and store them.' }],
      output: null,
    },
    {
      name: 'a log folder setting named for logs, through a constant',
      code: "const LOG_FOLDER = './logs/';\nexport const settings = { port: 3000, logDir: LOG_FOLDER };",
      filename: 'src/settings.mjs',
      errors: [{ messageId: 'logLocation', line: 2, column: 47 }],
      output: null,
    },
    {
      name: 'log lines appended to the file a setting names, else to stdout',
      code: "const fs = require('fs');\nfunction flushKeys(keyFlushLog, logMessage) {\n  if (keyFlushLog) {\n    const logFile = fs.createWriteStream(keyFlushLog, { flags: 'a+' });\n    logFile.write(logMessage);\n  } else {\n    process.stdout.write(logMessage);\n  }\n}",
      errors: [{ messageId: 'fileStream', line: 4, column: 21, message: 'Log lines go to the file in `keyFlushLog`. Files on the process disk vanish with it and never reach the log router: write to stdout.' }],
      output: null,
    },
    {
      name: 'a file stream handed to a logger that is not access-log middleware',
      code: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'app', streams: [{ stream: fs.createWriteStream('/var/log/app.log') }] });",
      errors: [{ messageId: 'fileStream', line: 2, column: 68, message: 'Log lines go to app.log. Files on the process disk vanish with it and never reach the log router: write to stdout.' }],
      output: null,
    },
    {
      name: 'a log4js file appender without rotation options',
      code: "import log4js from 'log4js';\nlog4js.configure({ appenders: { out: { type: 'fileSync', filename: 'logs/app.log' } }, categories: { default: { appenders: ['out'], level: 'info' } } });",
      filename: 'src/logging.mjs',
      errors: [{ messageId: 'fileAppender', line: 2, column: 38 }],
      output: "import log4js from 'log4js';\nlog4js.configure({ appenders: { out: { type: 'stdout', filename: 'logs/app.log' } }, categories: { default: { appenders: ['out'], level: 'info' } } });",
    },
    {
      code: `${WINSTON}const logger = winston.createLogger({\n  transports: [new winston.transports.File({ filename: 'logs/app.log', level: 'info', options: { flags: 'a' } })],\n});`,
      errors: [{ messageId: 'fileTransport', line: 3, column: 16 }],
      output: `${WINSTON}const logger = winston.createLogger({\n  transports: [new winston.transports.Console({ level: 'info' })],\n});`,
    },
    {
      name: 'compiled TypeScript appending to a log file whose name a local function builds',
      code: '"use strict";\nconst fs_1 = require("fs");\nfunction buildLogFileNameWithCounter(counter) {\n    if (counter) {\n        return `${logFileBasePath}-${counter}.log`;\n    }\n    return `${logFileBasePath}.log`;\n}\nfunction appendMessageSync(msg) {\n    (0, fs_1.appendFileSync)(buildLogFileNameWithCounter(), JSON.stringify(msg) + "\\n");\n}',
      filename: 'dist/eventbus/log-writer-worker.js',
      errors: [{ messageId: 'fileStream', line: 10, column: 5, file: 'dist/eventbus/log-writer-worker.js' }],
      output: null,
    },
    {
      name: "winston 2's add() with the File transport class",
      code: `${WINSTON}winston.add(winston.transports.File, {\n  filename: 'logs/webinstall.log',\n  colorize: true,\n});`,
      errors: [{ messageId: 'fileTransport', line: 2, column: 1 }],
      output: null,
    },
    {
      code: "import { createLogger, transports } from 'winston';\nexport const logger = createLogger({ transports: [new transports.File({ filename: 'error.log' })] });",
      filename: 'src/logger.mjs',
      errors: [{ messageId: 'fileTransport', line: 2, column: 51 }],
      output: "import { createLogger, transports } from 'winston';\nexport const logger = createLogger({ transports: [new transports.Console()] });",
    },
    {
      code: "const pino = require('pino');\nconst logger = pino(pino.destination('./logs/app.log'));",
      errors: [{ messageId: 'fileDestination', line: 2, column: 21 }],
      output: "const pino = require('pino');\nconst logger = pino(pino.destination(1));",
    },
    {
      code: "const pino = require('pino');\nconst logger = pino(pino.destination({ dest: '/var/log/app.log', sync: false }));",
      errors: [{ messageId: 'fileDestination', line: 2, column: 21 }],
      output: "const pino = require('pino');\nconst logger = pino(pino.destination({ dest: 1, sync: false }));",
    },
    {
      code: "import pino from 'pino';\nconst logger = pino({ transport: { target: 'pino/file', options: { destination: './app.log' } } });",
      filename: 'src/logger.mjs',
      errors: [{ messageId: 'fileDestination', line: 2, column: 34 }],
      output: "import pino from 'pino';\nconst logger = pino({ transport: { target: 'pino/file', options: { destination: 1 } } });",
    },
    {
      code: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'app', streams: [{ level: 'info', path: '/var/log/app.log' }] });",
      errors: [{ messageId: 'fileStream', line: 2, column: 58 }],
      output: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'app', streams: [{ level: 'info', stream: process.stdout }] });",
    },
    {
      name: 'a log4js file appender added to the config after it was written, as tsc compiles the module',
      code: "const log4js_1 = __importDefault(require('log4js'));\nconst loggerConfig = { appenders: { out: { type: 'stdout' } }, categories: { default: { appenders: ['out'], level: 'info' } } };\nfunction setLogFilePath(path) {\n  loggerConfig.appenders.app = { type: 'file', filename: path };\n  log4js_1.default.configure(loggerConfig);\n}",
      errors: [{ messageId: 'fileAppender', line: 4, column: 32 }],
      output: "const log4js_1 = __importDefault(require('log4js'));\nconst loggerConfig = { appenders: { out: { type: 'stdout' } }, categories: { default: { appenders: ['out'], level: 'info' } } };\nfunction setLogFilePath(path) {\n  loggerConfig.appenders.app = { type: 'stdout', filename: path };\n  log4js_1.default.configure(loggerConfig);\n}",
    },
    {
      code: "const log4js = require('log4js');\nlog4js.configure({ appenders: { app: { type: 'file', filename: 'app.log' } }, categories: { default: { appenders: ['app'], level: 'info' } } });",
      errors: [{ messageId: 'fileAppender', line: 2, column: 38 }],
      output: "const log4js = require('log4js');\nlog4js.configure({ appenders: { app: { type: 'stdout', filename: 'app.log' } }, categories: { default: { appenders: ['app'], level: 'info' } } });",
    },
    {
      code: "fs.appendFileSync('server.log', `${new Date().toISOString()} ${message}\\n`);",
      errors: [{ messageId: 'fileStream', line: 1, column: 1, message: 'Log lines go to server.log. Files on the process disk vanish with it and never reach the log router: write to stdout.' }],
      output: null,
    },
    {
      code: "const LOG_FILE = path.join(__dirname, '..', 'logs', 'app.log');\nconst out = fs.createWriteStream(LOG_FILE, { flags: 'a' });",
      errors: [{ messageId: 'fileStream', line: 2, column: 13 }],
      output: null,
    },
  ],
});
