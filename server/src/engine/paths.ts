import { relative, sep } from 'node:path';

/** `path` relative to `root`, with `/` on every platform: how globs, gitignore rules and findings name files. */
export function projectPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
