import { parse as parseEstree, type TSESTree } from '@typescript-eslint/typescript-estree';
import { extname } from 'node:path';
import { preProcessFile } from 'typescript';

export type ParseResult =
  | { readonly ok: true; readonly ast: TSESTree.Program }
  | { readonly ok: false; readonly error: { readonly message: string; readonly offset: number } };

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'] as const;

export function isSourceFile(path: string): boolean {
  return ((SOURCE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase()) && !path.endsWith('.d.ts')) || isBinScript(path);
}

/**
 * `bin/www`, `bin/verdaccio`, `bin/log.io-server`: the extensionless scripts packages start from
 * (a dot inside a command's name is no extension). Scans also check their `#!` line names node,
 * since shell scripts live in bin/ too.
 */
export function isBinScript(path: string): boolean {
  return /(?:^|[\\/])bin[\\/][^\\/]+$/.test(path) && !hasFileExtension(path);
}

/** `.js`, `.sh`, `.json`: an extension says what a file is; `log.io-server`'s `.io-server` is part of a command's name. */
export function hasFileExtension(path: string): boolean {
  return /^\.[a-z0-9]{1,5}$/i.test(extname(path));
}

/**
 * One parse per document: ranges are all the rules need, so tokens are skipped, and comments,
 * which cost a second scan of the text, are collected only when a suppression directive may be there.
 */
export function parseSource(text: string, filePath: string): ParseResult {
  const first = parseOnce(text, filePath);
  // Sloppy-mode scripts may write octal escapes (`'\033[31m'`) and literals (`mkdirSync(dir, 0777)`), which the
  // parser rejects everywhere: read them as hex escapes and decimals of the same length, so the ranges stay the file's.
  if (first.ok || !/Octal (?:escape sequences|literals)/.test(first.error.message)) return first;
  const legacyFree = text.replace(/\\([0-7]{1,3})/g, withoutOctalEscape).replace(/\b0([0-7]+)\b/g, (literal, digits: string) => String(Number.parseInt(digits, 8)).padEnd(literal.length));
  const retried = parseOnce(legacyFree, filePath);
  return retried.ok ? retried : first;
}

function withoutOctalEscape(escape: string, digits: string): string {
  const code = Number.parseInt(digits, 8);
  return digits.length === 3 && code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : ' '.repeat(escape.length);
}

function parseOnce(text: string, filePath: string): ParseResult {
  try {
    const ast = parseEstree(text, {
      // Extensionless scripts (`bin/www`, a package's declared `./jingo`, `bin/log.io-server`) are JavaScript.
      filePath: hasFileExtension(filePath) ? filePath : `${filePath}.js`,
      jsx: !TYPESCRIPT_EXTENSIONS.has(extname(filePath).toLowerCase()),
      loc: false,
      range: true,
      comment: text.includes('twelve-factor-'),
      tokens: false,
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
      jsDocParsingMode: 'none',
    });
    return { ok: true, ast };
  } catch (error) {
    return { ok: false, error: describeParseError(error) };
  }
}

function describeParseError(error: unknown): { message: string; offset: number } {
  const candidate = error as { message?: unknown; index?: unknown };
  const message = typeof candidate.message === 'string' ? candidate.message : String(error);
  const offset = typeof candidate.index === 'number' ? candidate.index : 0;
  return { message, offset };
}

/** Module specifiers of a file without building a syntax tree: TypeScript's pre-processor scan. */
export function scanImports(text: string): string[] {
  return preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}
