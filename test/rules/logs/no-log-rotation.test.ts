import rule from '../../../server/src/rules/logs/no-log-rotation';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const WINSTON = "const winston = require('winston');\n";
const LOG4JS = "const log4js = require('log4js');\n";
const withScripts = (scripts: Record<string, string>) => projectFixture({ 'package.json': packageJsonText({ name: 'api', scripts }) });

runRuleTests(rule, {
  valid: [
    { name: 'a timer that cleans up something other than logs', code: "setInterval(() => cleanupCatalog(), 60000);" },
    `${WINSTON}const logger = winston.createLogger({ transports: [new winston.transports.Console({ level: 'info' })] });`,
    {
      name: 'a winston File transport without limits (logs/no-file-logging reports it)',
      code: `${WINSTON}const logger = winston.createLogger({ transports: [new winston.transports.File({ filename: 'app.log' })] });`,
    },
    {
      name: 'a log4js file appender without rotation options (logs/no-file-logging reports it)',
      code: `${LOG4JS}log4js.configure({ appenders: { app: { type: 'file', filename: 'app.log' } }, categories: { default: { appenders: ['app'], level: 'info' } } });`,
    },
    {
      name: 'a rotating stream inside morgan (logs/no-access-log-file reports it)',
      code: "const morgan = require('morgan');\nconst rfs = require('rotating-file-stream');\napp.use(morgan('combined', { stream: rfs.createStream('access.log', { interval: '1d' }) }));",
    },
    {
      name: 'a rotating stream morgan writes through (logs/no-access-log-file reports it)',
      code: "import morgan from 'morgan';\nimport FileStreamRotator from 'file-stream-rotator';\nconst accessLogStream = FileStreamRotator.getStream({ filename: 'access-%DATE%.log', frequency: 'daily' });\napp.use(morgan('combined', { stream: accessLogStream }));",
      filename: 'src/app.mjs',
    },
    "const form = formidable({ maxFiles: 1, maxFileSize: 5 * 1024 * 1024 });",
    "const pino = require('pino');\nconst logger = pino({ transport: { target: 'pino-pretty' } });",
    "const appenders = { app: { type: 'dateFile' } };",
    "const backups = await listBackups();\nconst rotation = backups.slice(-7);",
    {
      name: 'a developer script',
      code: "const rfs = require('rotating-file-stream');\nconst stream = rfs.createStream('dev.log', { size: '10M' });",
      filename: 'scripts/dev-proxy.js',
    },
    {
      name: 'pm2-runtime in the start script',
      code: "console.log('up');",
      project: withScripts({ start: 'pm2-runtime start ecosystem.config.js', logs: 'pm2 logs' }),
    },
  ],
  invalid: [
    {
      name: 'a service that trims its own log file on a timer',
      code: "class HomebridgeServiceHelper {\n  async run() {\n    setInterval(() => {\n      this.truncateLog();\n    }, (1000 * 60 * 60) * 2);\n  }\n}",
      errors: [{ messageId: 'rotation', line: 3, column: 5, message: 'The app rotates its own log files here (`truncateLog()` on a timer). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup.' }],
      output: null,
    },
    {
      name: 'winston-daily-rotate-file through winston.transports',
      code: `${WINSTON}require('winston-daily-rotate-file');\nwinston.add(new winston.transports.DailyRotateFile({ filename: 'app-%DATE%.log', datePattern: 'YYYY-MM-DD', level: 'info' }));`,
      errors: [{ messageId: 'rotation', line: 3, column: 13, message: 'The app rotates its own log files here (winston-daily-rotate-file). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup.' }],
      output: `${WINSTON}require('winston-daily-rotate-file');\nwinston.add(new winston.transports.Console({ level: 'info' }));`,
    },
    {
      name: 'Babel-compiled output, as published packages ship it',
      code: "var _winstonDailyRotateFile = _interopRequireDefault(require(\"winston-daily-rotate-file\"));\nconst transport = new _winstonDailyRotateFile.default(Object.assign({ filename: 'parse-server.info' }, options));",
      filename: 'lib/logger.js',
      errors: [{ messageId: 'rotation', line: 2, column: 19, file: 'lib/logger.js' }],
      output: null,
    },
    {
      name: 'tsc-compiled output',
      code: "const winston_daily_rotate_file_1 = __importDefault(require(\"winston-daily-rotate-file\"));\nexports.transport = new winston_daily_rotate_file_1.default({ filename: 'app-%DATE%.log' });",
      filename: 'dist/logger.js',
      errors: [{ messageId: 'rotation', line: 2, column: 21, file: 'dist/logger.js' }],
      output: null,
    },
    {
      name: 'a DailyRotateFile import',
      code: "import DailyRotateFile from 'winston-daily-rotate-file';\nexport const transport = new DailyRotateFile({ filename: 'app-%DATE%.log', maxFiles: '14d' });",
      filename: 'src/logger.ts',
      errors: [{ messageId: 'rotation', line: 2, column: 26, file: 'src/logger.ts' }],
      output: null,
    },
    {
      name: 'a winston File transport that rolls over at maxsize',
      code: `${WINSTON}const logger = winston.createLogger({\n  transports: [new winston.transports.File({ filename: 'logs/app.log', level: 'info', maxsize: 5242880, maxFiles: 5 })],\n});`,
      errors: [{ messageId: 'rotation', line: 3, column: 16, message: 'The app rotates its own log files here (the winston File transport with size or file limits). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup.' }],
      output: `${WINSTON}const logger = winston.createLogger({\n  transports: [new winston.transports.Console({ level: 'info' })],\n});`,
    },
    {
      name: "bunyan's RotatingFileStream, directly and through a subclass declared in the file",
      code: "const Logger = require('bunyan');\nclass AppRotatingFileStream extends Logger.RotatingFileStream {\n  write(obj) { super.write(obj); }\n}\nconst direct = new Logger.RotatingFileStream({ path: target.path });\nconst stream = new AppRotatingFileStream({ path: target.path, period: '1d' });",
      errors: [
        { messageId: 'rotation', line: 5, column: 16, message: "The app rotates its own log files here (bunyan's RotatingFileStream). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup." },
        { messageId: 'rotation', line: 6, column: 16 },
      ],
      output: null,
    },
    {
      name: 'rotating-file-stream through its namespace',
      code: "const rfs = require('rotating-file-stream');\nconst stream = rfs.createStream('app.log', { interval: '1d', compress: 'gzip' });\nstream.on('rotated', (file) => console.log(file));",
      errors: [{ messageId: 'rotation', line: 2, column: 16, message: 'The app rotates its own log files here (rotating-file-stream). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup.' }],
      output: null,
    },
    {
      name: 'a named createStream import',
      code: "import { createStream } from 'rotating-file-stream';\nconst stream = createStream('app.log', { size: '10M' });",
      filename: 'src/log.mjs',
      errors: [{ messageId: 'rotation', line: 2, column: 16, file: 'src/log.mjs' }],
      output: null,
    },
    {
      name: 'file-stream-rotator called on the require; the stream it returns is not reported again',
      code: "const logStream = require('file-stream-rotator').getStream({ filename: 'logs/app-%DATE%.log', frequency: 'daily' });\nlogStream.on('rotate', () => {});",
      errors: [{ messageId: 'rotation', line: 1, column: 19, message: 'The app rotates its own log files here (file-stream-rotator). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup.' }],
      output: null,
    },
    {
      name: 'pino-roll as a Fastify logger transport',
      code: "const fastify = require('fastify')({\n  logger: { transport: { target: 'pino-roll', options: { file: 'logs/app', frequency: 'daily', mkdir: true } } },\n});",
      errors: [{ messageId: 'rotation', line: 2, column: 24, message: 'The app rotates its own log files here (pino-roll). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup.' }],
      output: null,
    },
    {
      name: 'pino-roll called directly',
      code: "import pino from 'pino';\nimport roll from 'pino-roll';\nconst logger = pino(await roll({ file: 'logs/app', size: '10m' }));",
      filename: 'src/logger.mjs',
      errors: [{ messageId: 'rotation', line: 3, column: 27, file: 'src/logger.mjs' }],
      output: null,
    },
    {
      name: 'a log4js dateFile appender',
      code: `${LOG4JS}log4js.configure({\n  appenders: { app: { type: 'dateFile', filename: 'logs/app.log', pattern: 'yyyy-MM-dd', numBackups: 7 } },\n  categories: { default: { appenders: ['app'], level: 'info' } },\n});`,
      errors: [{ messageId: 'rotation', line: 3, column: 21, message: 'The app rotates its own log files here (the log4js dateFile appender). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup.' }],
      output: `${LOG4JS}log4js.configure({\n  appenders: { app: { type: 'stdout', filename: 'logs/app.log', pattern: 'yyyy-MM-dd', numBackups: 7 } },\n  categories: { default: { appenders: ['app'], level: 'info' } },\n});`,
    },
    {
      name: 'a log4js file appender with maxLogSize and backups',
      code: `${LOG4JS}log4js.configure({ appenders: [{ type: 'file', filename: 'app.log', maxLogSize: 10485760, backups: 3 }] });`,
      errors: [{ messageId: 'rotation', line: 2, column: 32, message: 'The app rotates its own log files here (the log4js file appender with maxLogSize/backups). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup.' }],
      output: `${LOG4JS}log4js.configure({ appenders: [{ type: 'stdout', filename: 'app.log', maxLogSize: 10485760, backups: 3 }] });`,
    },
    {
      name: 'a bunyan rotating-file stream',
      code: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'api', streams: [{ type: 'rotating-file', path: '/var/log/api.log', period: '1d', count: 3 }] });",
      errors: [{ messageId: 'rotation', line: 2, column: 58 }],
      output: null,
    },
    {
      name: 'bunyan-rotating-file-stream',
      code: "const RotatingFileStream = require('bunyan-rotating-file-stream');\nconst stream = new RotatingFileStream({ path: 'logs/api.%d.log', period: '1d', totalFiles: 10 });",
      errors: [{ messageId: 'rotation', line: 2, column: 16 }],
      output: null,
    },
    {
      name: 'pm2-logrotate installed and configured from package.json scripts',
      code: "console.log('up');",
      project: withScripts({ start: 'pm2-runtime start ecosystem.config.js', postinstall: 'npx pm2 install pm2-logrotate && pm2 set pm2-logrotate:max_size 10M' }),
      errors: [{ messageId: 'pm2Logrotate', file: 'package.json', line: 5, column: 37, endColumn: 50 }],
      output: null,
    },
  ],
});
