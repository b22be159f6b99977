import rule from '../../../server/src/rules/processes/no-disk-storage-default-config';
import { projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const VERDACCIO_DEFAULT = 'storage: ./storage\nplugins: ./plugins\nauth:\n  htpasswd:\n    file: ./htpasswd\n    max_users: 1000\nuplinks:\n  npmjs:\n    url: https://registry.npmjs.org/\n';

runRuleTests(rule, {
  valid: [
    { name: 'the Docker image config, whose storage is the volume the deploy mounts', code: '', project: projectFixture({ 'conf/docker.yaml': 'storage: /verdaccio/storage/data\nauth:\n  htpasswd:\n    file: /verdaccio/storage/htpasswd\n' }) },
    { name: 'a default config under examples', code: '', project: projectFixture({ 'examples/conf/default.yaml': VERDACCIO_DEFAULT }) },
    { name: 'a default storage that is a service, not a path', code: '', project: projectFixture({ 'config/default.json': '{ "storage": "s3://uploads-bucket/app" }\n' }) },
    { name: 'a storage setting that is a section, not a path', code: '', project: projectFixture({ 'config/default.yaml': 'storage:\n  driver: s3\n  bucket: uploads\n' }) },
  ],
  invalid: [
    {
      name: "verdaccio's shipped default config: packages in ./storage, users in ./htpasswd",
      code: '',
      project: projectFixture({ 'conf/default.yaml': VERDACCIO_DEFAULT }),
      errors: [
        { messageId: 'diskStorage', file: 'conf/default.yaml', line: 1, column: 10, message: "The default config keeps the app's stored data in `./storage`, a folder on this instance's disk. An instance started from the defaults begins empty, others never see what it stored, and replacing the container loses it: default to a storage backend every instance shares (object storage, a database), or make the deploy choose one." },
        { messageId: 'diskUserFile', file: 'conf/default.yaml', line: 5, column: 11, message: "The default config keeps user accounts in the htpasswd file `./htpasswd` on this instance's disk. Users who sign up on one instance cannot log in on another, and a new container forgets them all: default to an auth backend every instance shares." },
      ],
      output: null,
    },
    {
      name: 'a default JSON config in a build folder, with an absolute storage path',
      code: '',
      project: projectFixture({ 'build/config/default.json': '{\n  "storage": "/var/lib/app/data"\n}\n' }),
      errors: [{ messageId: 'diskStorage', file: 'build/config/default.json', line: 2, column: 14 }],
      output: null,
    },
  ],
});
