import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Files changed since a git ref, plus untracked ones, as absolute paths. Runs git, never
 * workspace code; a bad ref or a folder outside git is a usage error.
 */
export function changedFiles(root: string, ref: string): Set<string> {
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let top: string;
  let listed: string;
  try {
    top = git('rev-parse', '--show-toplevel').trim();
    listed = git('diff', '--name-only', ref, '--') + git('ls-files', '--others', '--exclude-standard', '--full-name');
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim().split('\n')[0];
    throw new Error(`--changed-since ${ref}: ${stderr}`);
  }
  return new Set(listed.split('\n').filter(Boolean).map((file) => join(top, file)));
}
