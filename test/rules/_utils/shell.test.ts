import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTool, packageManagerCommand, vcsCommand } from '../../../server/src/rules/_utils/commands';
import { jsonStringSubrange } from '../../../server/src/rules/_utils/jsonStrings';
import { scriptSteps, scriptsRunBy } from '../../../server/src/rules/_utils/packageScripts';
import { DYNAMIC, parseShell, programWords } from '../../../server/src/rules/_utils/shell';

const words = (text: string) => parseShell(text).map((command) => command.words.map((word) => word.text));
const first = (text: string) => programWords(parseShell(text)[0]);

describe('parseShell', () => {
  it('splits commands on &&, ||, ;, | and &, with their terminators', () => {
    assert.deepEqual(words('a 1 && b || c; d | e & f'), [['a', '1'], ['b'], ['c'], ['d'], ['e'], ['f']]);
    assert.deepEqual(parseShell('a && b & c').map((command) => command.terminator), ['&&', '&', '']);
  });

  it('removes quotes and escapes and keeps offsets of the written words', () => {
    const [command] = parseShell(`echo "a b" 'c d' e\\ f`);
    assert.deepEqual(command.words.map((word) => [word.text, word.start, word.end]), [['echo', 0, 4], ['a b', 5, 10], ['c d', 11, 16], ['e f', 17, 21]]);
  });

  it('treats redirections as words, not as background jobs', () => {
    assert.deepEqual(parseShell('node a.js > log 2>&1 &>/dev/null').map((command) => command.terminator), ['']);
  });

  it('marks variables, substitutions and run-time parts as dynamic', () => {
    assert.deepEqual(parseShell(`$BIN x "$(pwd)" y${DYNAMIC}`)[0].words.map((word) => word.dynamic), [true, false, true, true]);
  });

  it('skips assignments and wrappers to find the program', () => {
    assert.deepEqual(first('NODE_ENV=production cross-env A=1 sudo -u app node x.js').map((word) => word.text), ['node', 'x.js']);
  });
});

describe('packageManagerCommand', () => {
  const read = (text: string) => {
    const command = packageManagerCommand(first(text));
    return command && { manager: command.manager, verb: command.verb, global: command.global, script: command.script, operands: command.operands.map((word) => word.text) };
  };

  it('normalises npm verbs and aliases', () => {
    assert.deepEqual(read('npm i -g pm2'), { manager: 'npm', verb: 'install', global: true, script: undefined, operands: ['pm2'] });
    assert.deepEqual(read('npm --prefix ./x clean-install'), { manager: 'npm', verb: 'ci', global: false, script: undefined, operands: [] });
    assert.deepEqual(read('npm run build -- --prod'), { manager: 'npm', verb: 'run', global: false, script: 'build', operands: ['build', '--prod'] });
    assert.equal(read('npm t')?.script, 'test');
  });

  it('reads yarn, pnpm and bun, bare yarn included', () => {
    assert.equal(read('yarn')?.verb, 'install');
    assert.deepEqual(read('yarn global add serve'), { manager: 'yarn', verb: 'add', global: true, script: undefined, operands: ['serve'] });
    assert.equal(read('yarn build')?.script, 'build');
    assert.equal(read('pnpm add --global x')?.global, true);
    assert.equal(read('pnpm dev')?.script, 'dev');
    assert.equal(read('bun install')?.verb, 'install');
    assert.equal(read('node x.js'), undefined);
  });
});

describe('buildTool and vcsCommand', () => {
  it('finds compilers and bundlers, directly or through a launcher, and skips watch and check-only runs', () => {
    assert.equal(buildTool(first('tsc -p tsconfig.json')), 'tsc');
    assert.equal(buildTool(first('npx webpack --mode production')), 'webpack');
    assert.equal(buildTool(first('next build')), 'next build');
    assert.equal(buildTool(first('node node_modules/typescript/bin/tsc')), 'tsc');
    assert.equal(buildTool(first('next start')), undefined);
    assert.equal(buildTool(first('tsc --noEmit')), undefined);
    assert.equal(buildTool(first('webpack --watch')), undefined);
  });

  it('finds git commands that change the working tree', () => {
    assert.deepEqual(vcsCommand(first('git pull origin main')), { verb: 'pull', otherFolder: false });
    assert.deepEqual(vcsCommand(first('git -C /srv/repo fetch')), { verb: 'fetch', otherFolder: true });
    assert.equal(vcsCommand(first('git rev-parse HEAD')), undefined);
  });
});

describe('package.json scripts', () => {
  const scripts = { prestart: 'npm run build', build: 'tsc', start: 'run-s migrate serve', migrate: 'node migrate.js', serve: 'node dist' };

  it('follows hooks, npm run and npm-run-all in execution order', () => {
    assert.deepEqual(
      scriptSteps('start', scripts).map((step) => `${step.script}: ${step.command.words.map((word) => word.text).join(' ')}`),
      ['prestart: npm run build', 'build: tsc', 'start: run-s migrate serve', 'migrate: node migrate.js', 'serve: node dist'],
    );
  });

  it('names the scripts a command line runs', () => {
    assert.deepEqual(scriptsRunBy(parseShell('yarn build && npm start && run-p "watch:*"'), { 'watch:a': '', 'watch:b': '' }), ['build', 'start', 'watch:a', 'watch:b']);
  });

  it('maps decoded offsets of a JSON string back to the file', () => {
    const text = '{"a": "x \\"y\\" z"}';
    const value: [number, number] = [6, text.length - 1];
    const range = jsonStringSubrange(text, value, [2, 5]);
    assert.equal(text.slice(range[0], range[1]), '\\"y\\"');
  });
});
