/**
 * Subcommands of a command-line interface, as CLI frameworks declare them: what runs when an
 * operator types `app install theme` rather than when the server starts.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../engine/types';
import { findProperty, getCalleeProperty, getPropertyName, getStaticString, isFunctionNode } from './ast';

/** Subcommands that start the app's own long-running process. */
export const SERVER_COMMAND_NAME = /^(?:start|serve|server|web|webhook|worker|run|dev)$/;

/**
 * A module of a CLI's command folder (`lib/cli/update.js`, `server/command-line/install.js`, bitcore-node's
 * `lib/scaffold/create.js` beside `lib/scaffold/start.js`): what an operator runs by hand, unless it is the
 * command that starts the server. Modules under `bin/` are not judged by their path, since a service
 * manager's own run loop lives there too (`bin/platforms/linux.js`).
 */
const COMMAND_MODULE = /(?:^|\/)(?:cli|command-line|commands|scaffold)\/(?:[\w-]+\/)*([\w-]+)\.[cm]?[jt]s$/;

export function isOperatorCommandModule(relativePath: string): boolean {
  const name = commandModuleName(relativePath);
  return name !== undefined && !SERVER_COMMAND_NAME.test(name);
}

/** The module of the CLI command that starts the server (`lib/commands/start.js`), which a CLI may load by a name it builds at run time. */
export function isServerCommandModule(relativePath: string): boolean {
  const name = commandModuleName(relativePath);
  return name !== undefined && SERVER_COMMAND_NAME.test(name) && name !== 'dev';
}

/** `init` for `cli/commands/init.js` and `cli/commands/init/index.js`; none for the CLI's own `cli/index.js`. */
function commandModuleName(relativePath: string): string | undefined {
  const match = COMMAND_MODULE.exec(relativePath);
  if (!match || match[1] !== 'index') return match?.[1];
  const folder = /(?:^|\/)(?:cli|command-line|commands|scaffold)\/(?:[\w-]+\/)*([\w-]+)\/index\.[cm]?[jt]s$/.exec(relativePath)?.[1];
  return folder && !COMMAND_FOLDER_NAME.test(folder) ? folder : undefined;
}

const COMMAND_FOLDER_NAME = /^(?:cli|command-line|commands?|scaffold)$/;

/**
 * The subcommand whose handler `node` runs in: commander's `.command('install <pkg>').action(fn)`,
 * yargs' `.command('install', description, builder, handler)` and command modules
 * (`{ command: 'install', handler }`).
 */
export function cliCommandOf(node: Node): string | undefined {
  for (let current: Node | undefined = node; current; current = current.parent) {
    const name = isFunctionNode(current) ? commandHandledBy(current) : undefined;
    if (name) return name;
  }
  return undefined;
}

function commandHandledBy(fn: Node): string | undefined {
  const holder = fn.parent;
  if (holder?.type === 'CallExpression' && holder.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const method = getCalleeProperty(holder);
    if (method === 'action' && holder.callee.type === 'MemberExpression') return commandInChain(holder.callee.object);
    if (method === 'command' && holder.arguments.at(-1) === fn) return commandName(holder.arguments[0]);
  }
  if (holder?.type === 'Property' && holder.value === fn && getPropertyName(holder.key) === 'handler' && holder.parent.type === 'ObjectExpression') {
    return commandName(findProperty(holder.parent, 'command')?.value as Node | undefined);
  }
  return undefined;
}

/** `program.command('install <package>').description(…).action(…)`: the command the chain declares. */
function commandInChain(node: Node): string | undefined {
  for (let current: Node = node; current.type === 'CallExpression'; ) {
    if (getCalleeProperty(current) === 'command') return commandName(current.arguments[0]);
    if (current.callee.type !== 'MemberExpression') return undefined;
    current = current.callee.object;
  }
  return undefined;
}

/** `'install <package>'` → `install`. */
function commandName(node: Node | undefined): string | undefined {
  return getStaticString(node)?.trim().split(/\s+/)[0] || undefined;
}
