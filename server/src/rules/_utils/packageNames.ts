/** Module specifiers as npm sees them: which package a bare import names, and what Node provides itself. */
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules);

/** `fs`, `fs/promises`, `node:sqlite`, `node:test`: never a package to declare. */
export function isBuiltinModule(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

const NAME = /^(?:@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/i;

/**
 * The package a bare specifier names: `lodash/merge` → `lodash`, `@scope/pkg/sub` → `@scope/pkg`.
 * Undefined for relative and absolute paths, URLs and protocols (`data:`, `bun:`), `#` subpath
 * imports, and path aliases that are not valid package names (`@/lib`, `~/utils`).
 */
export function packageNameOf(specifier: string): string | undefined {
  if (!specifier || /^[./#~]/.test(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier) || specifier.includes('\\')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (specifier.startsWith('@') && parts.length < 2) return undefined;
  return NAME.test(name) ? name : undefined;
}

/** The literal specifier of every `require(…)`, `require.resolve(…)`, `import … from …`, `import(…)` and `export … from …`, by a text scan. */
export const MODULE_SPECIFIER = /(?:\brequire(?:\.resolve)?\s*\(\s*|\bfrom\s*|\bimport\s*\(?\s*)['"`]([^'"`\s]+)['"`]/g;
