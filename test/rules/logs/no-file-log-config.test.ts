import rule from '../../../server/src/rules/logs/no-file-log-config';
import { projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const MESSAGE = (what: string) =>
  `This config sends the app's logs to ${what}. Every deploy that keeps it writes one partial log per instance on a disk that disappears with the container, outside the stream the platform collects: log to stdout and let the environment route it.`;

runRuleTests(rule, {
  valid: [
    { name: 'logging to stdout', code: '', project: projectFixture({ 'config/default.json': '{ "logging": { "transports": ["stdout"], "level": "info" } }\n' }) },
    { name: 'a development config may log to a file', code: '', project: projectFixture({ 'config/development.json': '{ "logging": { "transports": ["file", "stdout"] } }\n' }) },
    { name: 'a file setting outside any logging section (uploads)', code: '', project: projectFixture({ 'config/default.json': '{ "uploads": { "path": "content/app.log" }, "transports": ["file"] }\n' }) },
    { name: 'a log level and format only', code: '', project: projectFixture({ 'config/production.yaml': 'log:\n  level: warn\n  format: json\n' }) },
    { name: 'a log4js console appender', code: '', project: projectFixture({ 'config/log4js.json': '{ "appenders": { "out": { "type": "stdout" } } }\n' }) },
    { name: 'a test config is a fixture', code: '', project: projectFixture({ 'test/config.json': '{ "logging": { "transports": ["file"] } }\n' }) },
  ],
  invalid: [
    {
      name: 'a log4js config file beside the code (private-bower)',
      code: '',
      project: projectFixture({ 'log4js.conf.json': '{\n  "appenders": [\n    { "type": "dateFile", "filename": "private-bower.log" },\n    { "type": "console" }\n  ]\n}\n' }),
      errors: [{ messageId: 'fileLogConfig', file: 'log4js.conf.json', line: 3, column: 15, message: MESSAGE('a dateFile appender') }],
      output: null,
    },
    {
      name: 'a production config whose logging transports include a file (Ghost)',
      code: '',
      project: projectFixture({ 'core/shared/config/env/config.production.json': '{\n  "logging": {\n    "level": "info",\n    "rotation": { "enabled": true },\n    "transports": ["file"]\n  }\n}\n' }),
      errors: [{ messageId: 'fileLogConfig', file: 'core/shared/config/env/config.production.json', line: 5, column: 20, endColumn: 26, message: MESSAGE('a file transport') }],
      output: null,
    },
    {
      name: 'a log4js file appender and a dateFile appender, once each',
      code: '',
      project: projectFixture({ 'config/log4js.json': '{\n  "appenders": {\n    "app": { "type": "file", "filename": "logs/app.log" },\n    "daily": { "type": "dateFile", "filename": "logs/daily.log" }\n  }\n}\n' }),
      errors: [
        { messageId: 'fileLogConfig', file: 'config/log4js.json', line: 3, column: 22, message: MESSAGE('a file appender') },
        { messageId: 'fileLogConfig', file: 'config/log4js.json', line: 4, column: 24, message: MESSAGE('a dateFile appender') },
      ],
      output: null,
    },
    {
      name: 'a YAML default config with a log file path',
      code: '',
      project: projectFixture({ 'config/default.yml': 'server:\n  port: 8080\nlogger:\n  logFile: /var/log/app/server.log\n' }),
      errors: [{ messageId: 'fileLogConfig', file: 'config/default.yml', line: 4, column: 12, message: MESSAGE('the file server.log') }],
      output: null,
    },
    {
      name: 'a bunyan rotating-file stream in config data',
      code: '',
      project: projectFixture({ 'config/default.json': '{ "log": { "streams": [{ "type": "rotating-file", "path": "/var/log/api.log", "period": "1d" }] } }\n' }),
      errors: [
        { messageId: 'fileLogConfig', file: 'config/default.json', line: 1, column: 34, message: MESSAGE('a rotating-file appender') },
      ],
      output: null,
    },
  ],
});
