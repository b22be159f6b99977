import rule from '../../../server/src/rules/disposability/no-swallowed-fatal-errors';
import { runRuleTests } from '../../support/ruleTester';

const EXIT_SUGGESTION = 'Exit after logging, so the platform starts a fresh process';

runRuleTests(rule, {
  valid: [
    { name: 'logs, then exits', code: "process.on('uncaughtException', (err) => {\n  logger.fatal(err);\n  process.exit(1);\n});" },
    // A rejection nobody awaited leaves no half-run code behind: logging it and carrying on is a choice services make on purpose.
    { name: 'unhandled rejections logged, not fatal', code: "process.on('unhandledRejection', (reason) => logger.error({ reason }, 'unhandled rejection'));\nprocess.on('unhandledRejection', (reason) => {\n  console.log('Rejection:', reason);\n});" },
    { name: 'rethrows', code: "process.on('uncaughtException', (reason) => {\n  throw reason;\n});" },
    { name: 'exits once the server is closed', code: "process.on('uncaughtException', (err) => {\n  console.error(err);\n  server.close(() => process.exit(1));\n});" },
    { name: 'hands over to a shutdown routine declared elsewhere', code: "import { shutdown } from './lifecycle';\nprocess.on('uncaughtException', (err) => shutdown(err));" },
    { name: 'a local function that exits', code: "function die(err) {\n  console.error(err);\n  process.exit(1);\n}\nprocess.on('uncaughtException', die);" },
    { name: 'a handler passed by a name from another module', code: "process.on('uncaughtException', errorHandler.handle);" },
    { name: 'another listener for the same event exits', code: "process.on('uncaughtException', (err) => Sentry.captureException(err));\nprocess.on('uncaughtException', () => process.exit(1));" },
    { name: 'the monitor event never stops the crash', code: "process.on('uncaughtExceptionMonitor', (err) => console.error(err));" },
    { name: 'kills itself with a signal', code: "process.once('uncaughtException', (err) => {\n  log.error(err);\n  process.kill(process.pid, 'SIGTERM');\n});" },
    { name: 'a local process object, not the global', code: "function watch(process) {\n  process.on('uncaughtException', (e) => console.log(e));\n}" },
    { name: 'a developer script', code: "process.on('uncaughtException', (e) => console.error(e));", filename: 'scripts/seed.js' },
    { name: 'a listener added around one shutdown step and removed again', code: "async function close() {\n  const listener = () => { closing = false; };\n  process.addListener('uncaughtException', listener);\n  await db.close();\n  process.removeListener('uncaughtException', listener);\n}" },
    { name: 'exits only for some errors (trusted)', code: "process.on('uncaughtException', (err) => {\n  if (err.code !== 'EPIPE') process.exit(1);\n});" },
  ],
  invalid: [
    {
      name: 'logs and carries on',
      code: "process.on('uncaughtException', (err) => {\n  console.error('Uncaught', err);\n});",
      errors: [{
        messageId: 'swallowedException', line: 1, column: 1, endLine: 1, endColumn: 31,
        message: 'This uncaughtException handler never ends the process. After an uncaught exception the process is in an unknown state, yet it keeps serving requests: log the error, then exit (process.exit(1)) so the platform replaces it with a fresh process.',
      }],
      output: null,
      suggestions: [{ title: EXIT_SUGGESTION, output: "process.on('uncaughtException', (err) => {\n  console.error('Uncaught', err);\n  process.exit(1);\n});" }],
    },
    {
      name: 'an empty handler',
      code: "process.on('uncaughtException', () => {});",
      errors: [{ messageId: 'swallowedException', line: 1, column: 1 }],
      output: null,
      suggestions: [{ title: EXIT_SUGGESTION, output: "process.on('uncaughtException', () => { process.exit(1); });" }],
    },
    {
      name: 'console.error as the handler',
      code: "process.on('uncaughtException', console.error);",
      errors: [{ messageId: 'swallowedException', line: 1, column: 1 }],
      output: null,
      suggestions: [{ title: EXIT_SUGGESTION, output: "process.on('uncaughtException', (error) => {\n  console.error(error);\n  process.exit(1);\n});" }],
    },
    {
      name: 'reported to Sentry and formatted, nothing more',
      code: "const Sentry = require('@sentry/node');\nprocess.on('uncaughtException', function (error) {\n  Sentry.captureException(error);\n  console.log(`crash: ${error.stack.split('\\n')[0]}`);\n});",
      errors: [{ messageId: 'swallowedException', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'a local handler function that only logs: the suggestion wraps it, leaving the function alone',
      code: "function onFatal(err) {\n  this.logger.error(err);\n}\nprocess.on('uncaughtException', onFatal);\nprocess.on('unhandledRejection', onFatal);",
      errors: [{ messageId: 'swallowedException', line: 4, column: 1 }],
      output: null,
      suggestions: [
        { title: EXIT_SUGGESTION, output: "function onFatal(err) {\n  this.logger.error(err);\n}\nprocess.on('uncaughtException', (error) => {\n  onFatal(error);\n  process.exit(1);\n});\nprocess.on('unhandledRejection', onFatal);" },
      ],
    },
    {
      name: 'sets an exit code but keeps running',
      code: "process.on('uncaughtException', (err) => {\n  debug(err);\n  process.exitCode = 1;\n});",
      filename: 'src/server.ts',
      errors: [{ messageId: 'swallowedException', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'a helper that itself only logs',
      code: "const report = (e) => console.error(e);\nprocess.once('uncaughtException', (e) => { report(e); });",
      errors: [{ messageId: 'swallowedException', line: 2, column: 1 }],
      output: null,
      suggestions: [{ title: EXIT_SUGGESTION, output: "const report = (e) => console.error(e);\nprocess.once('uncaughtException', (e) => { report(e); process.exit(1); });" }],
    },
    {
      name: 'every listener for the event only logs',
      code: "process.on('uncaughtException', (e) => console.error(e));\nprocess.on('uncaughtException', (e) => Sentry.captureException(e));",
      errors: [
        { messageId: 'swallowedException', line: 1, column: 1 },
        { messageId: 'swallowedException', line: 2, column: 1 },
      ],
      output: null,
    },
  ],
});
