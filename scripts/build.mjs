// Bundles the language server, the CLI and the VS Code client into self-contained files under dist/.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // typescript-estree pulls in TypeScript; its optional project-service paths are never used here.
  mainFields: ['module', 'main'],
};

const entries = [
  { in: 'server/src/main.ts', out: 'dist/server.js', banner: '#!/usr/bin/env node' },
  { in: 'cli/src/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', banner: '', external: ['vscode'] },
];

await Promise.all(
  entries.map((entry) =>
    build({ ...common, entryPoints: [entry.in], outfile: entry.out, banner: { js: entry.banner }, external: entry.external ?? [] }).then(() => chmod(entry.out, 0o755)),
  ),
);
