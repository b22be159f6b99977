import rule from '../../../server/src/rules/build-release-run/dockerfile-npm-ci';
import { packageJsonText, projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const manifest = packageJsonText({ name: 'api', dependencies: { express: '^4.19.2' } });
const npmLock = JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { express: '^4.19.2' } } } });
const withNpm = (dockerfile: string, name = 'Dockerfile') => projectFixture({ 'package.json': manifest, 'package-lock.json': npmLock, [name]: dockerfile });
const withYarn = (dockerfile: string) => projectFixture({ 'package.json': manifest, 'yarn.lock': '', Dockerfile: dockerfile });

const requireCi = { requireCi: true };
const SINGLE_STAGE = 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm install --omit=dev\nCOPY . .\nCMD ["node", "src/index.js"]\n';
const CONTINUED = 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN apt-get update \\\n && npm install \\\n      --omit=dev\nCOPY . .\n';

runRuleTests(rule, {
  valid: [
    { name: 'npm ci after copying the lockfile', code: '', project: withNpm('FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "src/index.js"]\n') },
    {
      name: 'npm install in a build stage (it is the build stage)',
      code: '',
      project: withNpm('FROM node:20 AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\n\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nCOPY --from=build /app/node_modules ./node_modules\nCMD ["node", "dist/index.js"]\n'),
    },
    { name: 'a whole-folder copy brings the lockfile', code: '', project: withNpm('FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n') },
    { name: 'a bind-mounted lockfile', code: '', project: withNpm('FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN --mount=type=bind,source=package-lock.json,target=package-lock.json npm ci\n') },
    { name: 'a final stage built on a stage that copied the lockfile', code: '', project: withNpm('FROM node:20-slim AS deps\nCOPY package.json package-lock.json ./\nFROM deps AS runtime\nRUN npm ci --omit=dev\n') },
    { name: 'global tool installs are another matter', code: '', project: withNpm('FROM node:20-slim\nRUN npm install -g pm2\nCOPY . .\nRUN npm ci\n') },
    { name: 'frozen yarn install', code: '', project: withYarn('FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n') },
    { name: 'immutable yarn install', code: '', project: withYarn('FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --immutable\n') },
    { name: 'npm install after the lockfile is copied: the build stage doing its job', code: '', project: withNpm('FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install --omit=dev\nCOPY . .\n') },
    { name: 'yarn install after the lockfile is copied', code: '', project: withYarn('FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --production\n') },
    { name: 'the lockfile comes with a cloned repository', code: '', project: withNpm('FROM node:8\nWORKDIR /etc\nRUN git clone https://github.com/jembi/openhim-core-js.git\nWORKDIR /etc/openhim-core-js\nRUN npm i\n') },
  ],
  invalid: [
    {
      name: 'npm install in the only stage',
      code: '',
      options: requireCi,
      project: withNpm(SINGLE_STAGE),
      errors: [{ messageId: 'npmInstall', file: 'Dockerfile', line: 4, column: 5, endColumn: 16, message: '`npm install` in the image that runs in production re-resolves version ranges and may rewrite the lockfile, so the release can contain dependencies nobody tested. Use `npm ci`, which installs exactly what package-lock.json records.' }],
      outputFile: 'Dockerfile',
      output: SINGLE_STAGE.replace('npm install', 'npm ci'),
    },
    {
      name: 'npm i across a line continuation, in the final stage of a multi-stage file',
      code: '',
      options: requireCi,
      project: withNpm(`FROM node:20 AS build\nRUN npm install\n${CONTINUED}`, 'docker/api.Dockerfile'),
      errors: [{ messageId: 'npmInstall', file: 'docker/api.Dockerfile', line: 7, column: 5, endColumn: 16 }],
      outputFile: 'docker/api.Dockerfile',
      output: `FROM node:20 AS build\nRUN npm install\n${CONTINUED.replace('npm install', 'npm ci')}`,
    },
    {
      name: 'npm i gets the fix; npm install of a named package does not',
      code: '',
      options: requireCi,
      project: withNpm('FROM node:20-slim\nCOPY package*.json ./\nRUN npm i && npm install sharp@0.33\n'),
      errors: [
        { messageId: 'npmInstall', file: 'Dockerfile', line: 3, column: 5, endColumn: 10 },
        { messageId: 'npmInstall', file: 'Dockerfile', line: 3, column: 14, endColumn: 25 },
      ],
      outputFile: 'Dockerfile',
      output: 'FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci && npm install sharp@0.33\n',
    },
    {
      name: 'no lockfile copied before the install: no fix, since npm ci would fail',
      code: '',
      options: requireCi,
      project: withNpm('FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY src ./src\n'),
      errors: [
        { messageId: 'npmInstall', file: 'Dockerfile', line: 4, column: 5 },
        { messageId: 'noLockfileCopied', file: 'Dockerfile', line: 4, column: 5, message: '`npm install` runs before any lockfile is copied into the image, so it resolves versions afresh on every build. COPY the lockfile along with package.json before installing.' },
      ],
      output: null,
    },
    {
      name: 'npm ci with only package.json copied',
      code: '',
      project: withNpm('FROM node:20-slim\nCOPY ["package.json", "./"]\nRUN npm ci\n'),
      errors: [{ messageId: 'noLockfileCopied', file: 'Dockerfile', line: 3, column: 5 }],
      output: null,
    },
    {
      name: 'yarn install without a frozen lockfile',
      code: '',
      options: requireCi,
      project: withYarn('FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --production\n'),
      errors: [{ messageId: 'unfrozenInstall', file: 'Dockerfile', line: 3, column: 5, endColumn: 17, message: '`yarn install` in the image that runs in production may update the lockfile instead of following it, so two builds of one commit can differ. Add --frozen-lockfile (Yarn 1) or --immutable (Yarn 2+) so the build fails rather than drifts.' }],
      output: null,
    },
    {
      name: 'exec-form RUN',
      code: '',
      options: requireCi,
      project: withNpm('FROM node:20-slim\nCOPY package-lock.json package.json ./\nRUN ["npm", "install"]\n'),
      errors: [{ messageId: 'npmInstall', file: 'Dockerfile', line: 3, column: 5, endColumn: 23 }],
      output: null,
    },
  ],
});
