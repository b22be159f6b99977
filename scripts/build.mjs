// Bundles the language server, the CLI and the VS Code client into self-contained files under dist/.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
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
  // Scan workers: the server and the CLI start it from their own folder.
  { in: 'server/src/workspace/worker.ts', out: 'dist/worker.js', banner: '' },
];

// The config schema is generated from the rule registry; a meta-test keeps the committed copy current.
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-schema.ts'], { stdio: 'inherit' });

await Promise.all(
  entries.map((entry) =>
    build({ ...common, entryPoints: [entry.in], outfile: entry.out, banner: { js: entry.banner } }).then(() => chmod(entry.out, 0o755)),
  ),
);
