import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCALHOST_CERT, LOCALHOST_KEY } from '../support/keyPairs';
import { gatherProject, isProjectFileName } from '../../server/src/project/gather';

describe('gatherProject', () => {
  let root: string;
  const write = (relative: string, text: string) => {
    mkdirSync(join(root, relative, '..'), { recursive: true });
    writeFileSync(join(root, relative), text);
  };
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'tfl-gather-'));
    write('package.json', JSON.stringify({ name: 'svc', main: 'dist/index.js', bin: { svc: 'bin/svc.js' }, scripts: { start: 'node -r dotenv/config src/server.js' }, dependencies: { express: '^4.0.0' } }, null, 2));
    write('package-lock.json', JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { express: '^4.0.0' } } } }));
    write('.gitignore', 'node_modules\n.env\n');
    write('.env', 'DATABASE_URL=postgres://localhost/dev\n');
    write('.env.example', '# Copy to .env\nDATABASE_URL=\nexport PORT="3000" # default\n');
    write('Procfile', 'web: node src/server.js\nworker: node src/worker.js\n');
    write('Dockerfile', 'FROM node:20 AS build\nRUN npm install\nFROM node:20-slim\nCMD npm start\n');
    write('docker-compose.yml', 'services:\n  web:\n    ports:\n      - "3000:3000"\n');
    write('config/production.json', '{}');
    write('core/shared/config/env/config.production.json', '{ "logging": { "transports": ["file"] } }');
    write('src/lib/config/README.md', 'not config data');
    write('json/config.json', '{ "auth": false }');
    write('Parse-Dashboard/parse-dashboard-config.json', '{ "apps": [] }');
    write('tsconfig.json', '{}');
    write('bin/key.pem', '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    write('bin/cert.pem', '-----BEGIN CERTIFICATE-----\nMIID\n-----END CERTIFICATE-----\n');
    write('ssl/private-key.pem', LOCALHOST_KEY);
    write('ssl/localhost.crt', LOCALHOST_CERT);
    write('test/secure/server.key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n');
    write('tests/ratelimit/Dockerfile.anotherip', 'FROM node:20\nRUN npm install\n');
    write('examples/docker-compose.yml', 'services:\n  demo:\n    image: demo\n');
    write('bin/run.sh', '#!/bin/sh\nexec node src/server.js\n');
    write('server.sh', '#!/usr/bin/env sh\nset -e\nnode dist/start\n');
    write('docker/app/docker-entrypoint.sh', '#!/bin/sh\nexec "$@"\n');
    write('src/lib/vendor/build.sh', 'make\n');
    write('website/package.json', '{ "name": "docs-site" }');
    write('dist/package.json', '{ "name": "svc", "version": "1.0.0" }');
    write('dist/esm/package.json', '{ "type": "module" }');
    write('config/api.toml', '[accessControl]\nsecret = "a secret cat"\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads config data from config folders deep in the tree and config JSON beside the code, data files only', async () => {
    const { facts } = await gatherProject(root);
    const configData = facts.files.configData.map((file) => file.path.slice(root.length + 1)).sort();
    assert.deepEqual(configData, ['Parse-Dashboard/parse-dashboard-config.json', 'config/api.toml', 'config/production.json', 'core/shared/config/env/config.production.json', 'json/config.json']);
  });

  it('reads private keys shipped with the code, not certificates or test keys, and knows those certified only for localhost', async () => {
    const { facts } = await gatherProject(root);
    assert.deepEqual(
      facts.files.privateKeys.map((key) => [key.path.slice(root.length + 1), key.header, key.localhostOnly ?? false]),
      [['bin/key.pem', [0, 27], false], ['ssl/private-key.pem', [0, 27], true]],
    );
  });

  it('knows the folders that are packages of their own', async () => {
    const { facts } = await gatherProject(root);
    assert.deepEqual(facts.files.nestedPackageRoots, [join(root, 'website')]);
  });

  it('reads every project file with the positions rules need', async () => {
    const { facts, problems } = await gatherProject(root);
    assert.deepEqual(problems, []);
    // server.sh runs node on a script package.json never names.
    assert.deepEqual(facts.entryPoints, ['dist/index.js', 'bin/svc.js', 'src/server.js', 'src/worker.js', 'dist/start']);
    assert.deepEqual(facts.packageJson?.dependencies, { express: '^4.0.0' });
    const { files } = facts;
    const express = files.packageJson!.locations['dependencies.express'];
    assert.equal(files.packageJson!.text.slice(express[0], express[1]), '"^4.0.0"');
    assert.deepEqual(files.lockfiles.map((lock) => [lock.kind, lock.rootDependencies]), [['npm', { express: '^4.0.0' }]]);
    const env = files.envFiles.find((file) => file.path.endsWith('/.env'))!;
    assert.equal(env.gitignored, true);
    const example = files.envFiles.find((file) => file.path.endsWith('.env.example'))!;
    assert.deepEqual(example.entries.map((entry) => [entry.key, entry.value, entry.line]), [['DATABASE_URL', '', 1], ['PORT', '3000', 2]]);
    assert.equal(example.gitignored, false);
    assert.deepEqual(example.comments.map((comment) => comment.value), [' Copy to .env']);
    assert.deepEqual([...facts.envExample.keys], ['DATABASE_URL', 'PORT']);
    assert.deepEqual(files.procfile!.processes.map((process) => [process.name, process.command, process.line]), [['web', 'node src/server.js', 0], ['worker', 'node src/worker.js', 1]]);
    // Project files of tests and examples describe no deploy of this app.
    assert.equal(files.dockerfiles.length, 1);
    assert.equal(files.composeFiles.length, 1);
    const docker = files.dockerfiles[0];
    assert.deepEqual(docker.instructions.map((instruction) => [instruction.keyword, instruction.args, instruction.stage]), [
      ['FROM', 'node:20 AS build', 0], ['RUN', 'npm install', 0], ['FROM', 'node:20-slim', 1], ['CMD', 'npm start', 1],
    ]);
    const compose = files.composeFiles[0];
    const port = compose.locations['services.web.ports.0'];
    assert.equal(compose.text.slice(port[0], port[1]), '"3000:3000"');
    assert.deepEqual(files.configFiles, ['Parse-Dashboard/parse-dashboard-config.json', 'config/api.toml', 'config/production.json', 'core/shared/config/env/config.production.json', 'json/config.json'].map((file) => join(root, file)));
  });

  it('reports a broken package.json or compose file once and keeps the rest', async () => {
    write('package.json', '{ "name": "svc", ');
    write('docker-compose.yml', 'services:\n  web: [\n');
    const { facts, problems } = await gatherProject(root);
    assert.deepEqual(problems.map((problem) => problem.file.slice(root.length + 1)), ['docker-compose.yml', 'package.json']);
    assert.match(problems[1].message, /package\.json is not valid JSON/);
    assert.equal(facts.packageJson, undefined);
    assert.equal(facts.files.procfile?.processes.length, 2);
  });

  it('prefers unsaved editor text over the disk', async () => {
    const { facts } = await gatherProject(root, (path) => (path.endsWith('Procfile') ? 'web: node app.js\n' : undefined));
    assert.deepEqual(facts.files.procfile!.processes.map((process) => process.command), ['node app.js']);
  });

  it('reads shell scripts that may start the app, not every script in the tree', async () => {
    const { facts } = await gatherProject(root);
    const scripts = facts.files.shellScripts.map((file) => file.path.slice(root.length + 1)).sort();
    assert.deepEqual(scripts, ['bin/run.sh', 'docker/app/docker-entrypoint.sh', 'server.sh']);
  });

  it('knows project file names', () => {
    for (const name of ['package.json', '.env', '.env.production', 'prod.env', 'Procfile', 'Dockerfile', 'Dockerfile.dev', 'api.Dockerfile', 'docker-compose.yml', 'compose.prod.yaml', 'yarn.lock', 'run.sh', 'config.json', 'parse-dashboard-config.json', 'key.pem', 'server.key', 'tsconfig.json', 'tsconfig.build.json']) {
      assert.ok(isProjectFileName(name), name);
    }
    for (const name of ['index.js', 'env.js', 'procfile.md', 'compose.js', 'jsconfig.json']) assert.ok(!isProjectFileName(name), name);
  });
});

describe('gatherProject: entry points the image starts', () => {
  it('reads node scripts from exec-form CMD and ENTRYPOINT, not absolute paths', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tfl-gather-image-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'api', main: 'lib/index.js' }));
      writeFileSync(join(root, 'Dockerfile'), 'FROM node:20-slim\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "dist/start.js"]\n');
      writeFileSync(join(root, 'worker.Dockerfile'), 'FROM node:20-slim\nCMD node /usr/src/app/worker.js\n');
      const { facts } = await gatherProject(root);
      assert.deepEqual(facts.entryPoints, ['lib/index.js', 'server.js', 'dist/start.js']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
