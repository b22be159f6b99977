// Type-checks the whole project and reports it as one test, so a type error fails CI like a test does.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', '.'], { encoding: 'utf8' });
process.stdout.write(result.stdout + result.stderr);
const ok = result.status === 0;
console.log(`${ok ? 'ok' : 'not ok'} 1 - tsc -p . reports no type errors\n# pass ${ok ? 1 : 0}\n# fail ${ok ? 0 : 1}`);
process.exit(ok ? 0 : 1);
