/**
 * Factor X: development runs the same kinds of backing services as production. A NODE_ENV check
 * that attaches SQLite in development and PostgreSQL in production, a memory store instead of
 * Redis, or a mailer that only prints, means the code is tried against services that behave
 * differently from the ones it runs with. Checks that only change logging, caching, error pages
 * or how failures are handled keep the services the same and are not reported.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { getBindingName, getCalleeName, getPropertyName, getStaticString, unwrapExpression } from '../_utils/ast';
import { environmentCheckOf, environmentKindOf, initializerOf, isTestOnly, readsEnvironmentName } from '../_utils/environment';
import { modulesByLocalName } from '../_utils/imports';
import {
  isBackendTier,
  isStagingBackend,
  serviceKindOfApiUrl,
  serviceKindOfBackendTier,
  serviceKindOfCallee,
  serviceKindOfMailTransport,
  serviceKindOfModule,
  serviceKindOfSetting,
  serviceKindOfUrl,
  ROLE_NAMES,
  type ServiceKind,
} from '../_utils/serviceKinds';
import { isBrowserFile, isDevOnlyFile, isToolingConfigFile } from '../_utils/sourceRoles';

type MessageId = 'environmentSwitchedService';

/** A branch point on the environment: the condition to report, and the code each side runs (one or more statements). */
interface EnvironmentSwitch {
  readonly condition: Node;
  readonly branches: readonly (readonly Node[])[];
}

const ENVIRONMENT_TEXT = /NODE_ENV|APP_ENV|\b_*(?:is|in)_?(?:prod|production|dev|development|staging)\b|__DEV__|get\(\s*['"]env['"]|\bproduction\b|\bdevelopment\b/i;
const SERVICE_TEXT = /sqlite|postgres|\bpg\b|mysql|mongo|redis|memcache|Store\b|memory|diskStorage|s3|storage|createTransport|mail|knex|sequelize|dialect|client\s*:|api\w*ur[li]|endpoint|backend/i;

export default defineRule<MessageId>({
  id: 'dev-prod-parity/no-environment-switched-service',
  severity: 'warning',
  description: 'NODE_ENV checks whose branches attach different kinds of backing services (SQLite in development, PostgreSQL in production).',
  triggers: (text) => ENVIRONMENT_TEXT.test(text) && SERVICE_TEXT.test(text),
  messages: {
    environmentSwitchedService:
      'This environment check attaches {{first}} on one side and {{second}} on the other. Development then runs against a different {{role}} than production, so code that works locally can fail after deploying. Run the same kind of service everywhere (a local container will do) and let config choose only its URL.',
  },
  create(context) {
    if (!isProductionFile(context)) return {};
    const { source } = context;
    let modules: ReadonlyMap<string, string> = new Map();
    const check = (found: EnvironmentSwitch | undefined) => {
      if (found) reportDifference(context, found, modules);
    };
    return {
      Program: (node) => {
        modules = modulesByLocalName(node as TSESTree.Program);
      },
      IfStatement: (node) => check(conditionalSwitch(source, node as TSESTree.IfStatement)),
      ConditionalExpression: (node) => check(conditionalSwitch(source, node as TSESTree.ConditionalExpression)),
      LogicalExpression: (node) => check(logicalSwitch(source, node as TSESTree.LogicalExpression)),
      SwitchStatement: (node) => check(switchStatementSwitch(source, node as TSESTree.SwitchStatement)),
    };
  },
});

function isProductionFile({ source, project }: FileRuleContext<MessageId>): boolean {
  return !isDevOnlyFile(project, source.path) && !isBrowserFile(project.root, source.path, source.text) && !isToolingConfigFile(project.root, source.path);
}

type Conditional = TSESTree.IfStatement | TSESTree.ConditionalExpression;

/**
 * `if`/`else if`/`else` and `?:` chains on the environment, from their head. Branches taken only
 * in tests (`NODE_ENV === 'test'`) are dropped: tests are not a deploy.
 */
function conditionalSwitch(source: SourceCode, head: Conditional): EnvironmentSwitch | undefined {
  const parent = head.parent;
  if (parent?.type === head.type && (parent as Conditional).alternate === head && environmentCheckOf(source, (parent as Conditional).test)) return undefined;
  if (!environmentCheckOf(source, head.test)) return undefined;
  const branches: Node[][] = [];
  let condition: Node | undefined;
  let current: Node | null = head;
  let last: Conditional = head;
  while (current) {
    const link: Conditional | undefined = current.type === head.type ? (current as Conditional) : undefined;
    const kinds = link && environmentCheckOf(source, link.test);
    if (!link || !kinds) {
      branches.push([current]);
      break;
    }
    if (!isTestOnly(kinds)) {
      branches.push([link.consequent]);
      condition ??= link.test;
    }
    last = link;
    current = link.alternate;
  }
  if (!current && last.type === 'IfStatement' && endsWithExit(last.consequent)) branches.push(statementsAfter(head));
  return condition && branches.length >= 2 ? { condition, branches } : undefined;
}

/** `if (dev) { …; return x; }`: the statements after the `if` are its other side. */
function endsWithExit(statement: Node): boolean {
  const last = statement.type === 'BlockStatement' ? statement.body.at(-1) : statement;
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
}

function statementsAfter(statement: Node): Node[] {
  const block = statement.parent;
  if (block?.type !== 'BlockStatement' && block?.type !== 'Program') return [];
  const body = block.body as Node[];
  return body.slice(body.indexOf(statement) + 1);
}

/** `(isProd && new RedisStore()) || new MemoryStore()`. */
function logicalSwitch(source: SourceCode, node: TSESTree.LogicalExpression): EnvironmentSwitch | undefined {
  const left = node.left;
  if (node.operator === '&&' || left.type !== 'LogicalExpression' || left.operator !== '&&') return undefined;
  const kinds = environmentCheckOf(source, left.left);
  return kinds && !isTestOnly(kinds) ? { condition: left.left, branches: [[left.right], [node.right]] } : undefined;
}

/** `switch (process.env.NODE_ENV) { case 'production': … default: … }`. */
function switchStatementSwitch(source: SourceCode, node: TSESTree.SwitchStatement): EnvironmentSwitch | undefined {
  if (!readsEnvironmentName(source, node.discriminant)) return undefined;
  const branches = node.cases.filter((branch) => !branch.test || environmentKindOf(getStaticString(branch.test) ?? '') !== 'test').map((branch) => [branch]);
  return branches.length >= 2 ? { condition: node.discriminant, branches } : undefined;
}

function reportDifference(context: FileRuleContext<MessageId>, found: EnvironmentSwitch, modules: ReadonlyMap<string, string>): void {
  const attached = found.branches.map((branch) => servicesOf(context.source, branch, modules));
  // `process.env.ENVIRONMENT === 'staging' ? 'staging' : 'production'`: a deploy that names its tier on
  // purpose. Only a fallback to staging sends every deploy but production there.
  const fallsBackToStaging = attached.at(-1)?.some(isStagingBackend) ?? false;
  const services = fallsBackToStaging ? attached : attached.map((kinds) => kinds.filter((kind) => !isBackendTier(kind)));
  for (let i = 0; i < services.length; i++) {
    for (let j = i + 1; j < services.length; j++) {
      const pair = differingKinds(services[i], services[j]);
      if (pair) {
        context.report({ at: found.condition, messageId: 'environmentSwitchedService', data: { first: pair[0].kind, second: pair[1].kind, role: ROLE_NAMES[pair[0].role] } });
        return;
      }
    }
  }
}

/**
 * A role both branches fill, with no kind in common (PostgreSQL here, SQLite there), or with a
 * stand-in on one side only (mongoose on mongodb-memory-server here, mongoose on a server there).
 */
function differingKinds(a: readonly ServiceKind[], b: readonly ServiceKind[]): [ServiceKind, ServiceKind] | undefined {
  for (const [first, second] of [[a, b], [b, a]]) {
    for (const kind of first) {
      const others = second.filter((other) => other.role === kind.role);
      const own = new Set(first.filter((other) => other.role === kind.role && !(kind.standIn && other !== kind)).map((other) => other.kind));
      if (others.length > 0 && !others.some((other) => own.has(other.kind))) return [kind, others.find((other) => !other.standIn) ?? others[0]];
    }
  }
  return undefined;
}

/** Every service kind a branch attaches: modules it loads or uses, stores it builds, kinds its settings name. */
function servicesOf(source: SourceCode, branch: readonly Node[], modules: ReadonlyMap<string, string>): ServiceKind[] {
  const kinds: ServiceKind[] = [];
  for (const statement of branch) {
    walkSubtree(statement, (node) => {
      const kind = kindOf(source, node, statement, modules);
      if (kind) kinds.push(kind);
    });
  }
  return kinds;
}

function kindOf(source: SourceCode, node: Node, branch: Node, modules: ReadonlyMap<string, string>): ServiceKind | undefined {
  switch (node.type) {
    case 'ImportExpression':
      return serviceKindOfModule(getStaticString(node.source) ?? '');
    case 'CallExpression':
    case 'NewExpression':
      return callKind(source, node);
    case 'Identifier': {
      const module = isValueReference(node) ? modules.get(node.name) : undefined;
      return module === undefined ? undefined : serviceKindOfModule(module);
    }
    case 'Literal':
    case 'TemplateLiteral': {
      const value = getStaticString(node);
      return value === undefined ? undefined : literalKind(node, value, branch);
    }
    default:
      return undefined;
  }
}

function callKind(source: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): ServiceKind | undefined {
  if (call.callee.type === 'Identifier' && call.callee.name === 'require') return serviceKindOfModule(getStaticString(call.arguments[0]) ?? '');
  const name = getCalleeName(call) ?? '';
  if (/(?:^|\.)createTransport$/.test(name)) return mailTransportKind(source, call.arguments[0]);
  return serviceKindOfCallee(name);
}

/** nodemailer: options that only print or collect messages, or any real transport. */
function mailTransportKind(source: SourceCode, argument: Node | undefined): ServiceKind | undefined {
  if (!argument) return undefined;
  const value = unwrapExpression(argument);
  const options = value.type === 'Identifier' ? initializerOf(source, value) : value;
  if (options?.type !== 'ObjectExpression') return serviceKindOfMailTransport([]);
  return serviceKindOfMailTransport(options.properties.flatMap((property) => (property.type === 'Property' ? [getPropertyName(property.key) ?? ''] : [])));
}

/**
 * A string that names a kind: a setting (`client: 'pg'`, `const client = isProd ? 'pg' : 'sqlite3'`)
 * read with the names around it, or a service URL (`sqlite::memory:`, `redis://…`).
 */
function literalKind(node: Node, value: string, branch: Node): ServiceKind | undefined {
  let holder: Node = node;
  while (holder.parent && isValueChoice(holder.parent, holder)) holder = holder.parent;
  const key = getBindingName(holder);
  const setting = key === undefined ? undefined : serviceKindOfSetting(key, value, contextNames(node, branch)) ?? serviceKindOfApiUrl(key, value);
  return setting ?? serviceKindOfUrl(value) ?? serviceKindOfBackendTier(value);
}

/** `cond ? value : other`, `value || other`: the value flows on to whatever holds the expression. */
function isValueChoice(parent: Node, child: Node): boolean {
  return (parent.type === 'ConditionalExpression' && parent.test !== child) || parent.type === 'LogicalExpression';
}

/** Names of the properties, variables and calls around a node, up to its branch: `mailer`, `createTransport`. */
function contextNames(node: Node, branch: Node): string[] {
  const names: string[] = [];
  for (let current = node.parent; current; current = current.parent) {
    const name = current.type === 'Property' ? getPropertyName(current.key) : current.type === 'CallExpression' ? getCalleeName(current) : getBindingName(current);
    if (name) names.push(name);
    if (current === branch) break;
  }
  return names;
}

/** An identifier used as a value, not a property name. */
function isValueReference(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'Property' && parent.key === identifier && !parent.computed && !parent.shorthand) return false;
  return !(parent?.type === 'MemberExpression' && parent.property === identifier && !parent.computed);
}
