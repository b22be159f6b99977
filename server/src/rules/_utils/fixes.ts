import type { FixSpec } from '../../engine/rule';
import type { Node } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';

/** The expression text that reads `name` from the environment, fitted to where it goes (JSX needs braces). */
export function envReadText(node: Node, name: string): string {
  const read = `process.env.${name}`;
  return node.parent?.type === 'JSXAttribute' ? `{${read}}` : read;
}

/**
 * Replaces `target` with a read of the environment variable and declares the variable,
 * without a value, in `.env.example`. The old value is not copied anywhere.
 */
export function moveToEnvFix(project: ProjectFacts, target: Node, name: string, replacement = envReadText(target, name)): FixSpec {
  return {
    title: `Read ${name} from the environment (and list it in .env.example)`,
    changes: [
      { type: 'replace', range: target.range, text: replacement },
      { type: 'ensureEnvKey', file: project.envExample.path, key: name },
    ],
  };
}
