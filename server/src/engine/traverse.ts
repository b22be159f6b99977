import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from './types';

export type Listener = (node: Node) => void;
/** Listeners keyed by node type; `Type:exit` runs after the node's children. */
export type Visitors = Partial<Record<string, Listener>>;

/** Merges many rules' visitors so that one walk serves them all. */
export class ListenerTable {
  private readonly enter = new Map<string, Listener[]>();
  private readonly exit = new Map<string, Listener[]>();

  add(visitors: Visitors, wrap: (listener: Listener) => Listener): void {
    for (const [key, listener] of Object.entries(visitors)) {
      if (!listener) continue;
      const isExit = key.endsWith(':exit');
      const table = isExit ? this.exit : this.enter;
      const type = isExit ? key.slice(0, -':exit'.length) : key;
      const list = table.get(type) ?? [];
      list.push(wrap(listener));
      table.set(type, list);
    }
  }

  get isEmpty(): boolean {
    return this.enter.size === 0 && this.exit.size === 0;
  }

  /**
   * Dispatches every node to the listeners subscribed to its type, in source order. Like ESLint,
   * the walk first records the enter and exit events while linking every node to its parent, so a
   * listener may look up from any node below the one it was called for, then replays them.
   */
  walk(root: Node): void {
    const events: { node: Node; exit: boolean }[] = [];
    const record = (node: Node): void => {
      events.push({ node, exit: false });
      for (const child of childrenOf(node)) {
        (child as { parent?: Node }).parent = node;
        record(child);
      }
      events.push({ node, exit: true });
    };
    (root as { parent?: Node }).parent = undefined;
    record(root);
    for (const { node, exit } of events) {
      const listeners = (exit ? this.exit : this.enter).get(node.type);
      if (listeners) for (const listener of listeners) listener(node);
    }
  }
}

function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) children.push(item);
    } else if (isNode(child)) {
      children.push(child);
    }
  }
  return children;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Visits a subtree depth-first; `visit` returns false to skip a node's children. */
export function walkSubtree(root: Node, visit: (node: Node) => boolean | void): void {
  if (visit(root) === false) return;
  for (const child of childrenOf(root)) walkSubtree(child, visit);
}
