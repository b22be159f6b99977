/**
 * Factor VI: processes are stateless and share nothing, and twelve-factor says sticky sessions
 * (routing each client back to the same process) should never be used or relied upon. Affinity
 * exists to hide state kept in one process's memory; it breaks as soon as that process is
 * restarted, replaced on deploy or joined by others when the app scales. The rule reports
 * affinity the app sets up itself: sticky balancer packages (`sticky-session`, `@socket.io/sticky`),
 * and affinity settings in the compose and config files it ships (Traefik sticky cookies, Caddy
 * `lb_policy ip_hash`, Kubernetes `sessionAffinity: ClientIP`, ingress affinity annotations).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineProjectRule } from '../../engine/rule';
import { walkSubtree } from '../../engine/traverse';
import type { Node, OffsetRange } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import { findProperty, getCalleeProperty, getMemberPath, getPropertyName, getStaticString, isFunctionNode } from '../_utils/ast';
import { findModuleBindings, type ModuleBindings } from '../_utils/imports';
import { devOnlyFiles, isBrowserFile } from '../_utils/sourceRoles';

type MessageId = 'stickyModule' | 'affinitySetting';

interface StickyFinding {
  readonly range: OffsetRange;
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string>>;
}

/** Packages whose only job is to pin each client to one worker process. */
const STICKY_MODULES = new Set(['sticky-session', '@socket.io/sticky', 'socketio-sticky-session', 'sticky-cluster']);

/** Load balancer settings that turn on affinity, by key (a label, annotation or property name) and value. */
const AFFINITY_SETTINGS: readonly { readonly key: RegExp; readonly value: RegExp }[] = [
  // Traefik v1 `…backend.loadbalancer.sticky(ness)=true`, v2/v3 `…services.<name>.loadbalancer.sticky.cookie=true`.
  { key: /(?:^|\.)loadbalancer\.stick(?:y|iness)(?:\.cookie)?$/i, value: /^true$/i },
  // Any Traefik sticky-cookie option (name, secure, httpOnly…) turns the sticky cookie on.
  { key: /(?:^|\.)loadbalancer\.(?:sticky\.cookie|stickiness)\.\w+$/i, value: /\S/ },
  // Docker Enterprise interlock.
  { key: /^com\.docker\.lb\.sticky_session_cookie$/, value: /\S/ },
  // caddy-docker-proxy: `caddy.reverse_proxy.lb_policy: ip_hash`.
  { key: /(?:^|\.)lb_policy$/, value: /^(?:ip_hash|client_ip_hash|cookie)\b/ },
  // Kubernetes Service.
  { key: /^sessionAffinity$/, value: /^ClientIP$/ },
  // ingress-nginx and Traefik ingress annotations.
  { key: /\/affinity$/, value: /^(?:cookie|true)$/i },
  // AWS load balancer controller annotation.
  { key: /\/target-group-attributes$/, value: /stickiness\.enabled=true/ },
];

export default defineProjectRule<MessageId, StickyFinding[]>({
  id: 'processes/no-sticky-sessions',
  severity: 'warning',
  description: 'Sticky sessions (session affinity) set up by the app: sticky balancer packages and affinity in shipped compose or config files.',
  triggers: /sticky|stickiness|sessionAffinity/i,
  messages: {
    stickyModule:
      '`{{module}}` pins each client to one process (sticky sessions). Affinity only hides state kept in that process\'s memory, and it breaks on every restart, deploy or scale-out. Keep the shared state in a backing service (for socket.io, a Redis adapter) so any process can serve any request.',
    affinitySetting:
      '`{{setting}}` makes the load balancer send each client back to the same instance (session affinity). That hides state kept in one process\'s memory, which is lost when the instance is replaced or the app scales: keep it in a backing service and let any instance serve any request.',
  },
  initial: () => [],
  collect({ collected }) {
    let bindings: ModuleBindings = { namespaces: new Set(), named: new Map() };
    let importRange: OffsetRange | undefined;
    let module = '';
    let reported = false;
    const report = (range: OffsetRange) => {
      if (reported) return;
      reported = true;
      collected.push({ range, messageId: 'stickyModule', data: { module } });
    };
    return {
      Program: (node) => {
        const program = node as TSESTree.Program;
        bindings = findModuleBindings(program, (name) => STICKY_MODULES.has(name));
        const statement = program.body.find((item) => stickyModuleOf(item) !== undefined);
        if (statement) {
          importRange = statement.range;
          module = stickyModuleOf(statement)!;
        }
      },
      CallExpression: (node) => {
        const call = node as TSESTree.CallExpression;
        if (importRange && callsSticky(call, bindings)) report(call.range);
        if (getCalleeProperty(call) === 'enableCookieStickiness') collected.push({ range: call.range, messageId: 'affinitySetting', data: { setting: 'enableCookieStickiness()' } });
      },
      Property: (node) => {
        const setting = affinityProperty(node as TSESTree.Property);
        if (setting) collected.push({ range: node.range, messageId: 'affinitySetting', data: { setting } });
      },
      // No call to the package's API in this file: the import itself is where affinity comes in.
      'Program:exit': () => {
        if (importRange) report(importRange);
      },
    };
  },
  check({ project, files, report }) {
    const devOnly = devOnlyFiles(project, files);
    for (const [path, { collected }] of files) {
      if (devOnly.has(path) || isBrowserFile(project.root, path)) continue;
      for (const finding of collected) report(path, { at: finding.range, messageId: finding.messageId, data: finding.data });
    }
    for (const { path, setting, range } of configuredAffinity(project)) report(path, { at: range, messageId: 'affinitySetting', data: { setting } });
  },
});

/** The sticky package a top-level import or require statement loads. */
function stickyModuleOf(statement: Node): string | undefined {
  if (statement.type === 'ImportDeclaration') return STICKY_MODULES.has(statement.source.value) ? statement.source.value : undefined;
  let found: string | undefined;
  walkSubtree(statement, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
      const module = getStaticString(node.arguments[0]);
      if (module !== undefined && STICKY_MODULES.has(module)) found = module;
    }
    return found === undefined && !isFunctionNode(node);
  });
  return found;
}

/** `sticky.listen(server, 3000)`, `setupMaster(httpServer, …)`, `setupWorker(io)`, `require('sticky-cluster')(start)`. */
function callsSticky(call: TSESTree.CallExpression, bindings: ModuleBindings): boolean {
  const head = getMemberPath(call.callee)?.[0];
  if (head !== undefined && (bindings.namespaces.has(head) || bindings.named.has(head))) return true;
  const callee = call.callee;
  return callee.type === 'CallExpression' && callee.callee.type === 'Identifier' && callee.callee.name === 'require' && STICKY_MODULES.has(getStaticString(callee.arguments[0]) ?? '');
}

/**
 * Affinity written in infrastructure code: `sessionAffinity: 'ClientIP'` (cdk8s), `stickiness: { enabled: true }`
 * (Pulumi, Terraform CDK), `stickinessCookieDuration` (AWS CDK).
 */
function affinityProperty(property: TSESTree.Property): string | undefined {
  const name = getPropertyName(property.key);
  if (name === 'stickinessCookieDuration') return name;
  if (name === 'sessionAffinity' && getStaticString(property.value) === 'ClientIP') return "sessionAffinity: 'ClientIP'";
  if (name !== 'stickiness' || property.value.type !== 'ObjectExpression') return undefined;
  const enabled = findProperty(property.value, 'enabled')?.value;
  return enabled?.type === 'Literal' && enabled.value === true ? 'stickiness: { enabled: true }' : undefined;
}

interface ConfiguredAffinity {
  readonly path: string;
  readonly setting: string;
  readonly range: OffsetRange;
}

/** Affinity settings in compose files and YAML/JSON config files, found by walking their values. */
function configuredAffinity(project: ProjectFacts): ConfiguredAffinity[] {
  const found: ConfiguredAffinity[] = [];
  for (const file of [...project.files.composeFiles, ...project.files.configData]) {
    walkValues(file.value, '', (key, value, path) => {
      if (!AFFINITY_SETTINGS.some((setting) => setting.key.test(key) && setting.value.test(value))) return;
      const range = file.locations[path];
      if (range) found.push({ path: file.path, setting: shorten(`${key}=${value}`), range });
    });
  }
  return found;
}

/** Visits every scalar with the key it is written under; `"key=value"` list items (compose labels) are split. */
function walkValues(value: unknown, path: string, visit: (key: string, value: string, path: string) => void, key = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const itemPath = `${path}.${index}`;
      if (typeof item === 'string' && /^[\w./-]+=/.test(item)) visit(item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1), itemPath);
      else walkValues(item, itemPath, visit, key);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) walkValues(item, path ? `${path}.${name}` : name, visit, name);
  } else if (value !== null && value !== undefined && key !== '') {
    visit(key, String(value), path);
  }
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
