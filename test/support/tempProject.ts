import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const SERVICES = join(FIXTURES, 'services');

/** Copies a fixture service to a fresh temp folder, so tests may edit files freely. */
export function copyService(name: string, parent = SERVICES): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), `tfl-${name}-`));
  cpSync(join(parent, name), root, { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
