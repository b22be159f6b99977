import rule from '../../../server/src/rules/logs/no-access-log-file';
import { runRuleTests } from '../../support/ruleTester';

const MORGAN = "const morgan = require('morgan');\n";
const EXPRESS_WINSTON = "const winston = require('winston');\nconst expressWinston = require('express-winston');\n";

runRuleTests(rule, {
  valid: [
    `${MORGAN}app.use(morgan('combined'));`,
    `${MORGAN}app.use(morgan('combined', { stream: process.stdout }));`,
    `${MORGAN}app.use(morgan('combined', { stream: { write: (message) => logger.info(message.trim()) } }));`,
    `${MORGAN}app.use(morgan('tiny', { stream: fs.createWriteStream('/dev/stdout') }));`,
    `${MORGAN}app.use(morgan('dev', { skip: (req, res) => res.statusCode < 400 }));`,
    `${EXPRESS_WINSTON}app.use(expressWinston.logger({ transports: [new winston.transports.Console()], format: winston.format.json() }));`,
    {
      name: 'express-winston error logger (application logs: logs/no-file-logging)',
      code: `${EXPRESS_WINSTON}app.use(expressWinston.errorLogger({ transports: [new winston.transports.File({ filename: 'error.log' })] }));`,
    },
    "const logger = require('koa-logger');\napp.use(logger());",
    "const logger = require('koa-logger');\napp.use(logger({ transporter: (line) => console.log(line) }));",
    {
      name: 'a file stream no access logger uses (logs/no-file-logging)',
      code: `${MORGAN}const out = fs.createWriteStream('access.log');\napp.use(morgan('combined'));`,
    },
    "const morgan = require('./morgan');\napp.use(morgan('combined', { stream: fs.createWriteStream('access.log') }));",
  ],
  invalid: [
    {
      name: 'a file stream in one branch of the stream option, when a log file option is given',
      code: `${MORGAN}app.use(morgan(format, { stream: opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : process.stdout }));`,
      errors: [{ messageId: 'accessLogStream', line: 2, column: 26 }],
      output: null,
      suggestions: [{ title: 'Write access logs to stdout', output: `${MORGAN}app.use(morgan(format, { stream: process.stdout }));` }],
    },
    {
      name: 'morgan with an inline file stream',
      code: `${MORGAN}app.use(morgan('combined', { stream: fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' }) }));`,
      errors: [{ messageId: 'accessLogStream', line: 2, column: 30, message: 'Access logs are written to a file stream here. A file on the process disk exists once per instance and disappears with it: leave the stream out (morgan logs to stdout) and let the platform collect it.' }],
      output: `${MORGAN}app.use(morgan('combined', { stream: process.stdout }));`,
    },
    {
      name: 'the morgan README pattern: a var-declared stream',
      code: "var morgan = require('morgan');\nvar accessLogStream = fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' });\napp.use(morgan('combined', { stream: accessLogStream }));",
      errors: [{ messageId: 'accessLogStream', line: 3, column: 30, endColumn: 53 }],
      output: null,
      suggestions: [{ title: 'Write access logs to stdout', output: "var morgan = require('morgan');\nvar accessLogStream = fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' });\napp.use(morgan('combined', { stream: process.stdout }));" }],
    },
    {
      name: 'a shorthand stream option',
      code: `${MORGAN}const stream = fs.createWriteStream('logs/http.log');\napp.use(morgan('short', { stream }));`,
      errors: [{ messageId: 'accessLogStream', line: 3, column: 27, endColumn: 33 }],
      output: null,
      suggestions: [{ title: 'Write access logs to stdout', output: `${MORGAN}const stream = fs.createWriteStream('logs/http.log');\napp.use(morgan('short', { stream: process.stdout }));` }],
    },
    {
      name: 'morgan with an inline rotating stream',
      code: `${MORGAN}const rfs = require('rotating-file-stream');\napp.use(morgan('combined', { stream: rfs.createStream('access.log', { interval: '1d', path: logDirectory }) }));`,
      errors: [{ messageId: 'accessLogStream', line: 3, column: 30 }],
      output: `${MORGAN}const rfs = require('rotating-file-stream');\napp.use(morgan('combined', { stream: process.stdout }));`,
    },
    {
      name: 'koa-morgan through file-stream-rotator',
      code: "import morgan from 'koa-morgan';\nimport FileStreamRotator from 'file-stream-rotator';\nconst accessLogStream = FileStreamRotator.getStream({ filename: 'access-%DATE%.log', frequency: 'daily' });\napp.use(morgan('combined', { stream: accessLogStream }));",
      filename: 'src/app.mjs',
      errors: [{ messageId: 'accessLogStream', line: 4, column: 30, file: 'src/app.mjs' }],
      output: null,
      suggestions: [{ title: 'Write access logs to stdout', output: "import morgan from 'koa-morgan';\nimport FileStreamRotator from 'file-stream-rotator';\nconst accessLogStream = FileStreamRotator.getStream({ filename: 'access-%DATE%.log', frequency: 'daily' });\napp.use(morgan('combined', { stream: process.stdout }));" }],
    },
    {
      name: 'morgan options held in a const',
      code: `${MORGAN}const morganOptions = { stream: fs.createWriteStream('access.log', { flags: 'a' }) };\napp.use(morgan('tiny', morganOptions));`,
      errors: [{ messageId: 'accessLogStream', line: 2, column: 25 }],
      output: `${MORGAN}const morganOptions = { stream: process.stdout };\napp.use(morgan('tiny', morganOptions));`,
    },
    {
      name: 'express-winston with a File transport',
      code: `${EXPRESS_WINSTON}app.use(expressWinston.logger({\n  transports: [new winston.transports.File({ filename: 'logs/access.log', level: 'info' })],\n  meta: false,\n}));`,
      errors: [{ messageId: 'accessLogTransport', line: 4, column: 16, message: 'express-winston writes request logs to a file through this transport. Send them to the console, with the rest of the event stream, and let the platform store them.' }],
      output: `${EXPRESS_WINSTON}app.use(expressWinston.logger({\n  transports: [new winston.transports.Console({ level: 'info' })],\n  meta: false,\n}));`,
    },
    {
      name: 'express-winston with a DailyRotateFile transport held in a const',
      code: "import { logger } from 'express-winston';\nimport DailyRotateFile from 'winston-daily-rotate-file';\nconst accessTransport = new DailyRotateFile({ filename: 'access-%DATE%.log' });\napp.use(logger({ transports: [accessTransport] }));",
      filename: 'src/app.ts',
      errors: [{ messageId: 'accessLogTransport', line: 3, column: 25, file: 'src/app.ts' }],
      output: null,
    },
    {
      name: 'koa-logger with a transporter that appends to a file',
      code: "const logger = require('koa-logger');\napp.use(logger({ transporter: (line) => fs.appendFileSync('access.log', line + '\\n') }));",
      errors: [{ messageId: 'accessLogWrite', line: 2, column: 41, message: 'koa-logger lines are written to a file here. Let koa-logger print to stdout, its default, so request logs reach the log router with everything else.' }],
      output: null,
    },
    {
      name: 'koa-logger writing to a file stream',
      code: "const logger = require('koa-logger');\nconst accessLog = fs.createWriteStream('access.log', { flags: 'a' });\napp.use(logger((line, args) => {\n  accessLog.write(line + '\\n');\n}));",
      errors: [{ messageId: 'accessLogWrite', line: 4, column: 3 }],
      output: null,
    },
  ],
});
