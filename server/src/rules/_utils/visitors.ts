import type { Listener, Visitors } from '../../engine/traverse';

/** Combines visitor objects; listeners for the same node type run in the order given. */
export function mergeVisitors(...all: readonly Visitors[]): Visitors {
  const merged: Record<string, Listener[]> = {};
  for (const visitors of all) {
    for (const [key, listener] of Object.entries(visitors)) if (listener) (merged[key] ??= []).push(listener);
  }
  return Object.fromEntries(
    Object.entries(merged).map(([key, listeners]) => [key, listeners.length === 1 ? listeners[0] : (node) => listeners.forEach((listener) => listener(node))]),
  );
}
