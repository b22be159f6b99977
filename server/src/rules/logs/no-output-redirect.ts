/**
 * Factor XI: the app writes its event stream, unbuffered, to stdout, and the execution environment
 * collects and routes it. A start command that redirects that stream into a file
 * (`node server.js >> logs/app.log 2>&1`, `| tee app.log`) takes the logs away from the platform
 * in every deploy: one partial file per instance, on a disk that goes with the container.
 */
import { defineProjectRule } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';
import { commandWords, runsApp, startCommandSites } from '../_utils/startCommands';
import { programName, type ShellWord, type SimpleCommand } from '../_utils/shell';

type MessageId = 'redirect' | 'tee';

/** `>`, `>>`, `2>`, `&>>`: with the file in the same word or the next one. */
const REDIRECT = /^(?:[12]|&)?>>?(.*)$/;
/** Targets that keep the stream a stream. */
const STREAM_TARGET = /^(?:&\d|\/dev\/(?:null|stdout|stderr|tty|fd\/[12]))$/;

export default defineProjectRule<MessageId, never>({
  id: 'logs/no-output-redirect',
  severity: 'warning',
  description: 'Start commands (package.json start, Procfile, the image\'s CMD/ENTRYPOINT, start scripts) that redirect the app\'s output into a file.',
  appliesTo: (project) => project.files.packageJson !== undefined || project.files.procfile !== undefined || project.files.dockerfiles.length > 0,
  messages: {
    redirect:
      'The app\'s output goes into {{file}} here, not to the stream the platform collects. Every instance then keeps its own partial log on a disk that goes with the container: leave stdout and stderr alone and let the environment route them.',
    tee: '`tee {{file}}` copies the app\'s output into a file on the instance\'s disk. The platform already collects stdout: drop the file and let the environment route and keep the stream.',
  },
  check({ project, report }) {
    for (const site of startCommandSites(project)) {
      for (const finding of logFiles(site.command)) {
        report(site.file, { at: site.locate(finding.range), messageId: finding.messageId, data: { file: finding.file } });
      }
    }
  },
});

interface LogFile {
  readonly range: OffsetRange;
  readonly file: string;
  readonly messageId: MessageId;
}

/** Files the app's output is sent to: redirections of a command that runs the app, and `tee` with a file. */
function logFiles(command: SimpleCommand): LogFile[] {
  const words = commandWords(command);
  const program = words[0] && !words[0].dynamic ? programName(words[0].text) : '';
  if (program === 'tee') {
    const file = words.slice(1).find((word) => !word.text.startsWith('-'));
    return file && !STREAM_TARGET.test(file.text) ? [{ range: [words[0].start, file.end], file: file.text, messageId: 'tee' }] : [];
  }
  if (!runsApp(command)) return [];
  return command.words.flatMap((word, index) => redirection(word, command.words[index + 1]));
}

function redirection(word: ShellWord, next: ShellWord | undefined): LogFile[] {
  const match = REDIRECT.exec(word.text);
  if (!match) return [];
  const target = match[1] ? word : next;
  const file = match[1] || next?.text;
  if (!target || !file || STREAM_TARGET.test(file)) return [];
  return [{ range: [word.start, target.end], file, messageId: 'redirect' }];
}
