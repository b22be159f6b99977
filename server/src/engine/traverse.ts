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
   * every node is linked to its parent before any listener runs, so a listener may look up from
   * any node below the one it was called for. Both passes allocate nothing per node.
   */
  walk(root: Node): void {
    (root as { parent?: Node }).parent = undefined;
    linkParents(root);
    const visit = (node: Node): void => {
      const enter = this.enter.get(node.type);
      if (enter) for (const listener of enter) listener(node);
      forEachChild(node, visit);
      const exit = this.exit.get(node.type);
      if (exit) for (const listener of exit) listener(node);
    };
    visit(root);
  }
}

function linkParents(node: Node): void {
  forEachChild(node, (child) => {
    (child as { parent?: Node }).parent = node;
    linkParents(child);
  });
}

function forEachChild(node: Node, callback: (child: Node) => void): void {
  const keys = visitorKeys[node.type];
  if (!keys) return;
  for (const key of keys) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) callback(item);
    } else if (isNode(child)) {
      callback(child);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Visits a subtree depth-first; `visit` returns false to skip a node's children. */
export function walkSubtree(root: Node, visit: (node: Node) => boolean | void): void {
  if (visit(root) === false) return;
  forEachChild(root, (child) => walkSubtree(child, visit));
}

/** Whether some node of the subtree, `root` included, satisfies `test`; the walk stops at the first. */
export function someInSubtree(root: Node, test: (node: Node) => boolean): boolean {
  let found = false;
  walkSubtree(root, (node) => {
    found ||= test(node);
    return !found;
  });
  return found;
}
