/**
 * Factor XI: access logs are logs. Written to stdout, as morgan and koa-logger do by default, they
 * join the app's event stream and the platform routes them with everything else. Written to an
 * `access.log` on the process's disk, they exist once per instance, are lost with the container,
 * and never reach the log router.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../engine/rule';
import { scanAccessLogs, type AccessLogger } from '../_utils/accessLogs';
import { findLoggerBindings } from '../_utils/logging';

type MessageId = 'accessLogStream' | 'accessLogTransport' | 'accessLogWrite';

const MESSAGE_BY_MIDDLEWARE: Readonly<Record<AccessLogger, MessageId>> = {
  morgan: 'accessLogStream',
  'express-winston': 'accessLogTransport',
  'koa-logger': 'accessLogWrite',
};

export default defineRule<MessageId>({
  id: 'logs/no-access-log-file',
  severity: 'warning',
  description: 'Access-log middleware (morgan, express-winston, koa-logger) writing request logs to a file.',
  fixable: true,
  hasSuggestions: true,
  triggers: /morgan|express-winston|koa-logger/,
  messages: {
    accessLogStream:
      'Access logs are written to a file stream here. A file on the process disk exists once per instance and disappears with it: leave the stream out (morgan logs to stdout) and let the platform collect it.',
    accessLogTransport:
      'express-winston writes request logs to a file through this transport. Send them to the console, with the rest of the event stream, and let the platform store them.',
    accessLogWrite:
      'koa-logger lines are written to a file here. Let koa-logger print to stdout, its default, so request logs reach the log router with everything else.',
  },
  create(context) {
    return {
      Program: (node) => {
        const scan = scanAccessLogs(context.source, findLoggerBindings(node as TSESTree.Program));
        for (const sink of scan.sinks) {
          context.report({ at: sink.at, messageId: MESSAGE_BY_MIDDLEWARE[sink.middleware], fix: sink.fix, suggest: sink.suggest ? [sink.suggest] : undefined });
        }
      },
    };
  },
});
