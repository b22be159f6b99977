/**
 * Factor VIII: a Procfile declares the app's process types, and the platform routes HTTP only
 * to the one named `web`. An app that serves HTTP but declares no `web` type gets no traffic
 * (or, named otherwise, cannot be scaled as the web tier). Other types (worker, clock, release)
 * scale separately beside it.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineProjectRule } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';
import { scriptTargets } from '../../project/entryPoints';
import { getCalleeProperty } from '../_utils/ast';
import { reachableFiles, resolveEntryPoint } from '../_utils/modules';
import { scriptsOf, scriptSteps, scriptsRunBy } from '../_utils/packageScripts';
import { parseShell } from '../_utils/shell';
import { isHttpServerModule } from '../_utils/servers';
import { isBrowserFile, isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'noWebProcess' | 'serverNotWeb';

export default defineProjectRule<MessageId, { listens: boolean }>({
  id: 'concurrency/procfile-web-process',
  severity: 'info',
  description: 'A Procfile without a web process type although the app starts an HTTP server.',
  hasSuggestions: true,
  triggers: /\.listen\s*\(/,
  messages: {
    noWebProcess:
      'This Procfile declares no `web` process, yet the app starts an HTTP server. Platforms route requests only to the `web` process type, so the server gets no traffic and cannot be scaled as the web tier: add `web: <command that starts the server>`.',
    serverNotWeb:
      'The "{{name}}" process starts the HTTP server but is not named `web`. Platforms route requests only to the `web` process type: name it `web`, so it receives traffic and scales as the web tier.',
  },
  initial: () => ({ listens: false }),
  collect({ source, project, collected }) {
    if (isDevOnlyFile(project, source.path) || isBrowserFile(project.root, source.path, source.text)) return {};
    return {
      CallExpression: (node) => {
        const call = node as TSESTree.CallExpression;
        if (!collected.listens && getCalleeProperty(call) === 'listen' && call.callee.type === 'MemberExpression') collected.listens = true;
      },
    };
  },
  check({ project, files, report }) {
    const procfile = project.files.procfile;
    if (!procfile || procfile.processes.length === 0 || procfile.processes.some((process) => process.name === 'web')) return;
    const paths = new Set(files.keys());
    const importsOf = (file: string) => files.get(file)?.summary.imports ?? [];
    const scripts = scriptsOf(project.files.packageJson?.json);
    const servesHttp = (entries: readonly string[]) => {
      const reachable = [...new Set(entries.flatMap((entry) => {
        const file = resolveEntryPoint(project.root, entry, paths);
        return file ? [...reachableFiles(file, importsOf, paths)] : [];
      }))];
      return reachable.some((file) => files.get(file)?.collected.listens) && reachable.some((file) => importsOf(file).some(isHttpServerModule));
    };

    for (const process of procfile.processes) {
      if (process.name === 'release') continue;
      const commands = parseShell(process.command);
      const viaScripts = scriptsRunBy(commands, scripts).flatMap((name) => scriptSteps(name, scripts).flatMap((step) => scriptTargets(step.command.words.map((word) => word.text).join(' '))));
      if (!servesHttp([...scriptTargets(process.command), ...viaScripts])) continue;
      const name: OffsetRange = [process.range[0], process.range[0] + process.name.length];
      report(procfile.path, {
        at: name,
        messageId: 'serverNotWeb',
        data: { name: process.name },
        suggest: [{ title: `Rename the "${process.name}" process to "web"`, changes: [{ type: 'replace', range: name, text: 'web' }] }],
      });
      return;
    }
    if (servesHttp(project.entryPoints)) {
      const firstLineEnd = procfile.text.indexOf('\n');
      report(procfile.path, { at: [0, firstLineEnd < 0 ? procfile.text.length : firstLineEnd], messageId: 'noWebProcess' });
    }
  },
});
