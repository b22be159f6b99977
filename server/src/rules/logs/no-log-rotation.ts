/**
 * Factor XI: a twelve-factor process never manages log files, so it never rotates them either.
 * Rotation inside the app means logs are written to the process's disk: each instance keeps its own
 * partial history, retention is decided per process, and the files vanish with the container. The
 * platform that collects stdout owns storage, rotation and retention.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineProjectRule, type FixSpec } from '../../engine/rule';
import type { Node, OffsetRange } from '../../engine/types';
import { walkSubtree } from '../../engine/traverse';
import { isClaimedByAccessLog, scanAccessLogs, type AccessLogScan } from '../_utils/accessLogs';
import { getCalleeName, getCalleeProperty, getMemberPath } from '../_utils/ast';
import { launchedTool } from '../_utils/commands';
import { jsonStringSubrange } from '../_utils/jsonStrings';
import { findLoggerBindings, rotationSetup, type LoggerBindings, type RotationSetup } from '../_utils/logging';
import { parseShell, programName, programWords } from '../_utils/shell';
import { isBrowserFile, productionFindings } from '../_utils/sourceRoles';

type MessageId = 'rotation' | 'pm2Logrotate';

/** A rotation setup found in a source file. Plain data: it crosses scan workers. */
interface RotationFinding {
  readonly range: OffsetRange;
  readonly what: string;
  readonly fix?: FixSpec;
}

export default defineProjectRule<MessageId, RotationFinding[]>({
  id: 'logs/no-log-rotation',
  severity: 'warning',
  description: 'Log files rotated by the app itself: rotating streams and transports, log4js/bunyan rotation, pm2-logrotate.',
  fixable: true,
  triggers: /[rR]otat|pino-roll|dateFile|maxLogSize|numBackups|backups|maxsize|maxFiles|zippedArchive|tailable|(?:truncate|trim|prune|roll)\w*Log/,
  messages: {
    rotation:
      'The app rotates its own log files here ({{what}}). Rotation and retention are the job of the platform that collects the log stream: write logs to stdout and drop the rotation setup.',
    pm2Logrotate:
      'pm2-logrotate rotates the log files pm2 writes for the app. Those files live on one machine and vanish with it: run the app in the foreground, logging to stdout, and let the platform collect and keep the stream.',
  },
  initial: () => [],
  collect({ source, project, collected }) {
    if (isBrowserFile(project.root, source.path, source.text)) return {};
    let bindings: LoggerBindings | undefined;
    let accessLogs: AccessLogScan | undefined;
    const check = (node: Node) => {
      // A rotating stream handed to access-log middleware is reported once, by logs/no-access-log-file.
      if (!bindings || !accessLogs || isClaimedByAccessLog(node, accessLogs)) return;
      const setup = rotationSetup(source, node, bindings) ?? timedLogTrim(node);
      if (setup) collected.push({ range: node.range, what: setup.what, fix: setup.fix });
    };
    return {
      Program: (node) => {
        bindings = findLoggerBindings(node as TSESTree.Program);
        accessLogs = scanAccessLogs(source, bindings);
      },
      NewExpression: check,
      CallExpression: check,
      ObjectExpression: check,
    };
  },
  check({ project, files, report }) {
    for (const [path, finding] of productionFindings(project, files)) report(path, { at: finding.range, messageId: 'rotation', data: { what: finding.what }, fix: finding.fix });
    const packageJson = project.files.packageJson;
    for (const [script, command] of Object.entries(project.packageJson?.scripts ?? {})) {
      const value = packageJson?.locations[`scripts.${script}`];
      const word = value && pm2LogrotateWord(command);
      if (packageJson && value && word) report(packageJson.path, { at: jsonStringSubrange(packageJson.text, value, word), messageId: 'pm2Logrotate' });
    }
  },
});

/** The app's own log trimming: `truncateLog()`, `rotateLogs()`, `trimLogFile()`. */
const LOG_TRIM = /^(?:truncate|rotate|trim|prune|roll)\w*Logs?(?:File)?s?$/i;

/** `setInterval(() => this.truncateLog(), 2 * 60 * 60 * 1000)`: the app cuts its own log file down on a timer. */
function timedLogTrim(node: Node): RotationSetup | undefined {
  if (node.type !== 'CallExpression' || !/^(?:setInterval|setTimeout)$/.test(getCalleeName(node) ?? '') || !node.arguments[0]) return undefined;
  let trim: string | undefined;
  walkSubtree(node.arguments[0], (child) => {
    const name = child.type === 'CallExpression' ? getCalleeProperty(child) : child === node.arguments[0] ? getMemberPath(child)?.at(-1) : undefined;
    if (name && LOG_TRIM.test(name)) trim = name;
    return trim === undefined;
  });
  return trim ? { what: `\`${trim}()\` on a timer` } : undefined;
}

/** Offsets of `pm2-logrotate` in `pm2 install pm2-logrotate`, `npx pm2 set pm2-logrotate:max_size 10M`. */
function pm2LogrotateWord(command: string): OffsetRange | undefined {
  for (const simple of parseShell(command)) {
    const words = launchedTool(programWords(simple));
    if (words.length === 0 || words[0].dynamic || programName(words[0].text) !== 'pm2') continue;
    const module = words.slice(1).find((word) => /^pm2-logrotate(?::|$)/.test(word.text));
    if (module) return [module.start, module.start + 'pm2-logrotate'.length];
  }
  return undefined;
}
