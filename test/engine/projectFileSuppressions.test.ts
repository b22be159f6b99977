import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkProject } from '../../server/src/engine/linter';
import { defineProjectRule } from '../../server/src/engine/rule';
import { emptyProject, type ProjectFacts } from '../../server/src/project/facts';
import { NO_PROJECT_FILES } from '../../server/src/project/projectFiles';
import { parseDockerfile } from '../../server/src/project/parsers/dockerfile';
import { parseEnvFile } from '../../server/src/project/parsers/dotenv';
import { parseProcfile } from '../../server/src/project/parsers/procfile';
import { parseYamlFile } from '../../server/src/project/parsers/yaml';

/** A rule made for this test: one finding per entry of every kind of project file. */
const everyEntry = defineProjectRule<'entry', never>({
  id: 'config/every-entry-test-rule',
  severity: 'warning',
  description: 'Reports every entry of every project file.',
  messages: { entry: 'entry' },
  check({ project, report }) {
    const { procfile, envFiles, dockerfiles, composeFiles } = project.files;
    for (const process of procfile?.processes ?? []) report(procfile!.path, { at: process.range, messageId: 'entry' });
    for (const file of envFiles) for (const entry of file.entries) report(file.path, { at: entry.keyRange, messageId: 'entry' });
    for (const file of dockerfiles) for (const instruction of file.instructions) report(file.path, { at: instruction.range, messageId: 'entry' });
    for (const file of composeFiles) for (const [path, range] of Object.entries(file.locations)) if (/^services\.\w+\.image$/.test(path)) report(file.path, { at: range, messageId: 'entry' });
  },
});

function reportedLines(files: Partial<ProjectFacts['files']>): Record<string, number[]> {
  const project: ProjectFacts = { ...emptyProject('/p'), files: { ...NO_PROJECT_FILES, ...files } };
  const { findings } = checkProject(project, new Map(), [{ rule: everyEntry, severity: 'warning' }]);
  const lines: Record<string, number[]> = {};
  for (const finding of findings) (lines[finding.file] ??= []).push(finding.range.start.line + 1);
  return lines;
}

describe('suppression directives in project files (# comments)', () => {
  it('Procfile', () => {
    const procfile = parseProcfile('/p/Procfile', 'web: node server.js\n# twelve-factor-disable-next-line config/every-entry-test-rule -- legacy worker\nworker: node worker.js\nclock: node clock.js\n');
    assert.deepEqual(reportedLines({ procfile }), { '/p/Procfile': [1, 4] });
  });

  it('.env files, with block directives', () => {
    const env = parseEnvFile('/p/.env.production', 'A=1\n# twelve-factor-disable config/every-entry-test-rule\nB=2\nC=3\n# twelve-factor-enable config/every-entry-test-rule\nD=4\n');
    assert.deepEqual(reportedLines({ envFiles: [env] }), { '/p/.env.production': [1, 6] });
  });

  it('Dockerfile', () => {
    const dockerfile = parseDockerfile('/p/Dockerfile', 'FROM node:20\n# twelve-factor-disable-next-line\nRUN npm install\nCMD node server.js\n');
    assert.deepEqual(reportedLines({ dockerfiles: [dockerfile] }), { '/p/Dockerfile': [1, 4] });
  });

  it('compose YAML, and a directive for another rule changes nothing', () => {
    const { file } = parseYamlFile('/p/docker-compose.yml', 'services:\n  web:\n    # twelve-factor-disable-next-line logs/no-file-logging\n    image: app\n  db:\n    # twelve-factor-disable-next-line config/every-entry-test-rule\n    image: postgres\n');
    assert.deepEqual(reportedLines({ composeFiles: [file] }), { '/p/docker-compose.yml': [4] });
  });
});
