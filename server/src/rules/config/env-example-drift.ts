/**
 * Factor III: when config lives in the environment, `.env.example` is the one place that tells
 * the next deploy which variables to set. A variable the code reads but the template does not list
 * is found only when a deploy breaks; a variable the template lists but nothing reads sends people
 * hunting for a setting that does nothing. Both drifts are reported, only when a template exists.
 */
import { basename, join } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineProjectRule } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node, OffsetRange } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import { textFilesOf, type EnvEntry, type EnvFile } from '../../project/projectFiles';
import { getPropertyName } from '../_utils/ast';
import { getEnvReadName, isEnvObject } from '../_utils/env';
import { devOnlyFiles, isBrowserFile, isToolingConfigFile } from '../_utils/sourceRoles';

type MessageId = 'missingFromExample' | 'unusedInExample';

interface EnvUses {
  /** `process.env` reads by name, in source order. */
  reads: { name: string; range: OffsetRange }[];
  /** Keys of the template this file names anywhere (a string, an identifier, a comment). */
  mentions: string[];
  /** Variables the app sets itself (`process.env.TZ = 'UTC'`): not config a deploy provides. */
  writes: string[];
}

/** Templates, in order of preference, at the project root. */
const TEMPLATE_NAMES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];

/** Set by the operating system, the shell, Node, npm, CI or the hosting platform: no deploy sets them by hand. */
const PLATFORM_VARIABLES =
  /^(?:NODE_ENV|PORT|HOME|PATH|PWD|OLDPWD|USER|USERNAME|LOGNAME|SHELL|SHLVL|TERM|TERM_PROGRAM|LANG|LANGUAGE|LC_\w+|TZ|TMPDIR|TEMP|TMP|HOSTNAME|CI|DEBUG|EDITOR|VISUAL|DISPLAY|COLUMNS|LINES|FORCE_COLOR|NO_COLOR|INIT_CWD|APPDATA|LOCALAPPDATA|USERPROFILE|SYSTEMROOT|COMSPEC|OS|NUMBER_OF_PROCESSORS|PROCESSOR_ARCHITECTURE|NODE_\w+|UV_THREADPOOL_SIZE|npm_\w+|XDG_\w+|SSH_\w+|GIT_\w+|GITHUB_\w+|GITLAB_\w+|VSCODE_\w+|JEST_WORKER_ID|DYNO|WEB_CONCURRENCY|MEMORY_AVAILABLE|HEROKU_\w+|VERCEL(?:_\w+)?|NETLIFY|RENDER(?:_\w+)?|FLY_\w+|RAILWAY_\w+|K_SERVICE|K_REVISION|K_CONFIGURATION|GAE_\w+|GOOGLE_CLOUD_PROJECT|FUNCTION_\w+|AWS_LAMBDA_\w+|AWS_EXECUTION_ENV|AWS_REGION|LAMBDA_TASK_ROOT|KUBERNETES_\w+|OPENSHIFT_\w+|WEBSITE_\w+|VCAP_\w+|CF_INSTANCE_\w+|PM2_\w+|HTTPS?_PROXY|NO_PROXY|ALL_PROXY|SSL_CERT_\w+)$/;

/** Read by libraries or tools on their own: listed in a template, they are used even if the code never names them. */
const IMPLICITLY_READ =
  /^(?:NODE_ENV|PORT|HOST|DEBUG|TZ|NODE_\w+|UV_THREADPOOL_SIZE|HTTPS?_PROXY|NO_PROXY|PG(?:HOST|PORT|USER|PASSWORD|DATABASE|SSLMODE|APPNAME|OPTIONS)|AWS_\w+|GOOGLE_APPLICATION_CREDENTIALS|GCLOUD_PROJECT|SENTRY_\w+|NEW_RELIC_\w+|DD_\w+|OTEL_\w+|ELASTIC_APM_\w+|COMPOSE_\w+|DOCKER_\w+|POSTGRES_\w+|MYSQL_\w+|MONGO_INITDB_\w+|PRISMA_\w+|DATABASE_URL|DIRECT_URL|SHADOW_DATABASE_URL|TS_NODE_\w+|FORCE_COLOR|NO_COLOR|LOG_LEVEL)$/;

export default defineProjectRule<MessageId, EnvUses>({
  id: 'config/env-example-drift',
  severity: 'info',
  description: 'Environment variables read by the code but missing from .env.example, and keys .env.example lists that nothing reads.',
  fixable: true,
  hasSuggestions: true,
  triggers: (text, project) => templateOf(project) !== undefined && (/process\.env|import\.meta\.env/.test(text) || templateKeyPattern(project)!.test(text)),
  messages: {
    missingFromExample:
      '{{name}} is read here but {{template}} does not list it, so the next deploy learns about it only when something breaks. Declare it in {{template}} (without a real value).',
    unusedInExample:
      '{{name}} is listed in {{template}} but nothing in the code reads it. A stale template sends people looking for a setting that does nothing: remove it, or read it where it belongs.',
  },
  initial: () => ({ reads: [], mentions: [], writes: [] }),
  collect({ source, project, collected }) {
    return {
      Program: () => {
        const pattern = templateKeyPattern(project);
        if (pattern) collected.mentions = [...new Set(source.text.match(new RegExp(pattern.source, 'g')) ?? [])];
      },
      MemberExpression: (node) => {
        const member = node as TSESTree.MemberExpression;
        const name = isProcessEnv(source, member.object) ? getEnvReadName(source, member) : undefined;
        if (name === undefined) return;
        if (isWritten(member)) collected.writes.push(name);
        else collected.reads.push({ name, range: member.range });
      },
      VariableDeclarator: (node) => {
        const declarator = node as TSESTree.VariableDeclarator;
        if (declarator.id.type === 'ObjectPattern' && declarator.init && isProcessEnv(source, declarator.init)) collected.reads.push(...destructuredReads(declarator.id));
      },
    };
  },
  check({ project, files, report }) {
    const template = templateOf(project);
    if (!template) return;
    const name = basename(template.path);
    const listed = new Set(template.entries.map((entry) => entry.key));
    const devOnly = devOnlyFiles(project, files);
    const written = new Set([...files.values()].flatMap(({ collected }) => collected.writes));
    // Each missing variable once, at its first read in path order: one finding per fix.
    const reported = new Set<string>();
    for (const path of [...files.keys()].sort()) {
      if (devOnly.has(path) || isBrowserFile(project.root, path) || isToolingConfigFile(project.root, path)) continue;
      for (const read of files.get(path)!.collected.reads) {
        if (listed.has(read.name) || written.has(read.name) || PLATFORM_VARIABLES.test(read.name) || !/^[A-Z][A-Z0-9_]*$/.test(read.name) || reported.has(read.name)) continue;
        reported.add(read.name);
        const fix = { title: `Declare ${read.name} in ${name}`, changes: [{ type: 'ensureEnvKey' as const, file: template.path, key: read.name }] };
        report(path, { at: read.range, messageId: 'missingFromExample', data: { name: read.name, template: name }, fix });
      }
    }
    const used = usedNames(project, files, template);
    for (const entry of template.entries) {
      if (used.has(entry.key) || IMPLICITLY_READ.test(entry.key)) continue;
      const suggest = [{ title: `Remove ${entry.key} from ${name}`, changes: [{ type: 'replace' as const, range: lineOf(template.text, entry), text: '' }] }];
      report(template.path, { at: entry.keyRange, messageId: 'unusedInExample', data: { name: entry.key, template: name }, suggest });
    }
  },
});

/** The project's template: `.env.example`, else `.env.sample`, `.env.template` or `.env.dist`. */
function templateOf(project: ProjectFacts): EnvFile | undefined {
  for (const name of TEMPLATE_NAMES) {
    const file = project.files.envFiles.find((candidate) => candidate.path === join(project.root, name));
    if (file) return file;
  }
  return undefined;
}

const keyPatterns = new WeakMap<EnvFile, RegExp | undefined>();

/** Matches any key of the template as a whole word; built once per template. */
function templateKeyPattern(project: ProjectFacts): RegExp | undefined {
  const template = templateOf(project);
  if (!template) return undefined;
  if (!keyPatterns.has(template)) {
    const keys = [...new Set(template.entries.map((entry) => entry.key))].map((key) => key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
    // `(?!)` matches nothing: a template without keys mentions nothing.
    keyPatterns.set(template, new RegExp(keys.length > 0 ? `\\b(?:${keys.join('|')})\\b` : '(?!)'));
  }
  return keyPatterns.get(template);
}

/** `process.env`, not `import.meta.env`: bundlers fill the latter at build time for the browser. */
function isProcessEnv(source: SourceCode, node: Node): boolean {
  return isEnvObject(source, node) && node.type === 'MemberExpression' && node.object.type === 'Identifier';
}

/** `process.env.NAME = …`, `process.env.NAME ??= …` and `delete process.env.NAME` set the variable rather than read it. */
function isWritten(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return (parent?.type === 'AssignmentExpression' && parent.left === member) || (parent?.type === 'UnaryExpression' && parent.operator === 'delete');
}

/** `const { DATABASE_URL, PORT = 3000, SECRET: secret } = process.env`. */
function destructuredReads(pattern: TSESTree.ObjectPattern): { name: string; range: OffsetRange }[] {
  return pattern.properties.flatMap((property) => {
    if (property.type !== 'Property') return [];
    const name = getPropertyName(property.key);
    return name === undefined ? [] : [{ name, range: property.key.range }];
  });
}

/** Keys named by any analysed file, or by package.json, Procfile, Dockerfiles, compose and config files. */
function usedNames(project: ProjectFacts, files: ReadonlyMap<string, { collected: EnvUses }>, template: EnvFile): Set<string> {
  const used = new Set<string>();
  for (const { collected } of files.values()) {
    collected.reads.forEach((read) => used.add(read.name));
    collected.mentions.forEach((key) => used.add(key));
  }
  const pattern = templateKeyPattern(project);
  const envFiles = new Set(project.files.envFiles.map((file) => file.path));
  for (const file of textFilesOf(project.files).values()) {
    if (pattern && !envFiles.has(file.path) && file.path !== template.path) for (const match of file.text.match(new RegExp(pattern.source, 'g')) ?? []) used.add(match);
  }
  return used;
}

/** The whole line of an entry, with its line break, so removing it leaves no blank line. */
function lineOf(text: string, entry: EnvEntry): OffsetRange {
  const start = text.lastIndexOf('\n', entry.keyRange[0] - 1) + 1;
  const newline = text.indexOf('\n', entry.keyRange[0]);
  return [start, newline < 0 ? text.length : newline + 1];
}
