/**
 * Factor VI: processes are stateless and share nothing; what must last lives in a backing service.
 * The default config a package ships is what runs when nobody configures anything, so a default
 * that keeps the app's data in a folder or file of the instance's disk (`storage: ./storage`, an
 * htpasswd file of user accounts) makes every fresh instance start empty and every other instance
 * blind to what this one stored. Example, Docker and development configs are someone's deploy, not
 * the default.
 */
import { basename } from 'node:path';
import { defineProjectRule } from '../../engine/rule';
import { deployedConfigData } from '../_utils/configData';
import { isRecord } from '../_utils/records';

type MessageId = 'diskStorage' | 'diskUserFile';

/** The config the package falls back to: `conf/default.yaml`, `config/default.json`. */
const DEFAULT_CONFIG = /^default\.(?:ya?ml|json5?)$/i;
/** A path on this disk, not a URL or a service name: `./storage`, `/var/lib/app`, `~/.app`, `storage`. */
const DISK_PATH = /^(?:\.{1,2}\/|\/|~\/|[\w.-]+(?:\/[\w.-]+)*\/?$)(?!.*:\/\/)/;

export default defineProjectRule<MessageId, never>({
  id: 'processes/no-disk-storage-default-config',
  severity: 'warning',
  description: "A shipped default config that keeps the app's data or user accounts in a folder or file of the instance's disk.",
  appliesTo: (project) => project.files.configData.some((file) => DEFAULT_CONFIG.test(basename(file.path))),
  messages: {
    diskStorage:
      "The default config keeps the app's stored data in `{{path}}`, a folder on this instance's disk. An instance started from the defaults begins empty, others never see what it stored, and replacing the container loses it: default to a storage backend every instance shares (object storage, a database), or make the deploy choose one.",
    diskUserFile:
      "The default config keeps user accounts in the htpasswd file `{{path}}` on this instance's disk. Users who sign up on one instance cannot log in on another, and a new container forgets them all: default to an auth backend every instance shares.",
  },
  check({ project, report }) {
    for (const file of deployedConfigData(project)) {
      if (!DEFAULT_CONFIG.test(basename(file.path)) || !isRecord(file.value)) continue;
      const storage = file.value.storage;
      if (typeof storage === 'string' && DISK_PATH.test(storage) && file.locations.storage) report(file.path, { at: file.locations.storage, messageId: 'diskStorage', data: { path: storage } });
      const auth = isRecord(file.value.auth) && isRecord(file.value.auth.htpasswd) ? file.value.auth.htpasswd.file : undefined;
      const at = file.locations['auth.htpasswd.file'];
      if (typeof auth === 'string' && DISK_PATH.test(auth) && at) report(file.path, { at, messageId: 'diskUserFile', data: { path: auth } });
    }
  },
});
