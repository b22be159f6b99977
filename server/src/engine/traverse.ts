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

  /** Walks the tree once, setting `parent` on the way down so listeners can look up. */
  walk(root: Node): void {
    const visit = (node: Node, parent: Node | undefined): void => {
      (node as { parent?: Node }).parent = parent;
      const enter = this.enter.get(node.type);
      if (enter) for (const listener of enter) listener(node);
      const keys = visitorKeys[node.type] ?? [];
      for (const key of keys) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child) if (isNode(item)) visit(item, node);
        } else if (isNode(child)) {
          visit(child, node);
        }
      }
      const exit = this.exit.get(node.type);
      if (exit) for (const listener of exit) listener(node);
    };
    visit(root, undefined);
  }
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
  for (const key of visitorKeys[root.type] ?? []) {
    const child = (root as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(child) ? child : [child];
    for (const item of children) {
      if (!isNode(item)) continue;
      (item as { parent?: Node }).parent = root;
      walkSubtree(item, visit);
    }
  }
}
