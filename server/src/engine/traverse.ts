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
   * Walks the tree once. A node's children get their `parent` before the node's listeners run,
   * so a listener on a call can look up from its arguments.
   */
  walk(root: Node): void {
    const visit = (node: Node): void => {
      const children = childrenOf(node);
      for (const child of children) (child as { parent?: Node }).parent = node;
      const enter = this.enter.get(node.type);
      if (enter) for (const listener of enter) listener(node);
      for (const child of children) visit(child);
      const exit = this.exit.get(node.type);
      if (exit) for (const listener of exit) listener(node);
    };
    (root as { parent?: Node }).parent = undefined;
    visit(root);
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

/**
 * Visits a subtree depth-first; `visit` returns false to skip a node's children.
 * Sets `parent` too, because a rule may look below a node the main walk has not reached yet.
 */
export function walkSubtree(root: Node, visit: (node: Node) => boolean | void): void {
  if (visit(root) === false) return;
  for (const child of childrenOf(root)) {
    (child as { parent?: Node }).parent = root;
    walkSubtree(child, visit);
  }
}
