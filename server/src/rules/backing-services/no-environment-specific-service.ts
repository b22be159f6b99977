/**
 * Factor IV: a backing service is an attached resource, named by a URL in config; every deploy
 * attaches its own, of the same kind. Config data keyed by environment that names a different
 * kind per environment (a knexfile with `development: { client: 'sqlite3' }` and
 * `production: { client: 'pg' }`, a Sequelize config.json, `config/development.json` next to
 * `config/production.json`) hard-codes the swap into the app. Branches in code are left to the
 * dev/prod parity rule; this one reads data.
 */
import { defineProjectRule } from '../../engine/rule';
import {
  environmentServiceVisitors,
  groupByFolder,
  mayHoldEnvironmentServices,
  oddOnesOut,
  projectEnvironmentSections,
  type EnvironmentServices,
} from '../_utils/environmentServices';

type MessageId = 'environmentSpecificService';

export default defineProjectRule<MessageId, EnvironmentServices>({
  id: 'backing-services/no-environment-specific-service',
  severity: 'warning',
  description: 'Config keyed by environment that attaches a different kind of backing service per environment (SQLite in development, PostgreSQL in production).',
  triggers: mayHoldEnvironmentServices,
  messages: {
    environmentSpecificService:
      'The {{environment}} environment attaches {{kind}} where {{reference}} attaches {{referenceKind}}. The app is then built and tried against a service that behaves differently from the one it runs with, and the differences surface only in {{reference}}. Attach the same kind of service everywhere and let each deploy set only its URL.',
  },
  initial: () => ({ maps: [] }),
  collect: ({ source, project, collected }) => environmentServiceVisitors(source, project.root, collected),
  check({ project, files, report }) {
    const { maps, fileSections } = projectEnvironmentSections(project, files);
    for (const map of [...maps, ...groupByFolder(fileSections)]) {
      for (const finding of oddOnesOut(map)) {
        report(finding.section.file, {
          at: finding.setting.range,
          messageId: 'environmentSpecificService',
          data: { environment: finding.section.environment, kind: finding.setting.kind.kind, reference: finding.reference.environment, referenceKind: finding.referenceKind.kind },
        });
      }
    }
  },
});
