import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scriptTargets } from '../../server/src/project/entryPoints';
import type { PackageFacts } from '../../server/src/project/facts';
import { entryPointsOf } from '../../server/src/project/gather';

describe('scriptTargets', () => {
  const table: [string, string[]][] = [
    ['node server.js', ['server.js']],
    ['node ./src/index.js', ['src/index.js']],
    ['NODE_ENV=production node -r dotenv/config dist/index.js', ['dist/index.js']],
    ['node --enable-source-maps --import ./otel.mjs build/main.js', ['build/main.js']],
    ['npm run build && node dist/server.js', ['dist/server.js']],
    ['ts-node src/main.ts', ['src/main.ts']],
    ['npx tsx watch src/app.ts', ['src/app.ts']],
    ['node .', []],
    ['nodemon --watch src src/index.js', ['src/index.js']],
    ['pm2 start ecosystem.config.js', ['ecosystem.config.js']],
    ['pm2-runtime start app.js', ['app.js']],
    ['next start', []],
    ['docker compose up', []],
    ['', []],
  ];
  for (const [command, targets] of table) {
    it(command || '(empty)', () => assert.deepEqual(scriptTargets(command), targets));
  }
});

describe('entryPointsOf', () => {
  const facts = (fields: Partial<PackageFacts>): PackageFacts => ({ path: '/p/package.json', bin: {}, scripts: {}, dependencies: {}, devDependencies: {}, optionalDependencies: {}, peerDependencies: {}, isModule: false, ...fields });

  it("takes npm's defaults when package.json is silent: index.js, and server.js for npm start", () => {
    assert.deepEqual(entryPointsOf(facts({}), undefined), ['index.js', 'server.js']);
  });

  it('leaves out entries outside the package (node-file-manager\'s "bin": "../node-file-manager/bin/run.sh")', () => {
    assert.deepEqual(entryPointsOf(facts({ main: 'index.js', bin: { nfm: '../node-file-manager/bin/run.sh' }, scripts: { start: 'node ../../scripts/start.js && node lib/index.js' } }), undefined), ['index.js', 'lib/index.js']);
  });

  it('leaves the server.js default out when a bin says how the package starts', () => {
    assert.deepEqual(entryPointsOf(facts({ bin: { 'bittorrent-tracker': './bin/cmd.js' } }), undefined), ['index.js', 'bin/cmd.js']);
  });
});
