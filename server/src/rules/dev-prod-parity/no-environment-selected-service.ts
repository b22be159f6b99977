/**
 * Factor X: development runs the same kinds of backing services as production. Code that loads
 * `config.<env>.json` or `knexfile[NODE_ENV]` hands each environment its own settings; when the
 * development settings attach SQLite and the production ones MySQL, the environment's name is what
 * swaps the service. The rule reports the lookup, where the swap happens, after reading the
 * files or sections it picks from. The data itself is the backing-services rule's to report.
 */
import { defineProjectRule } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';
import { environmentLookupVisitors, environmentNameFromPath, mayLookUpEnvironment, type PathPattern } from '../_utils/environmentLookups';
import { projectPath } from '../_utils/modules';
import {
  environmentMap,
  environmentServiceVisitors,
  groupByFolder,
  mayHoldEnvironmentServices,
  oddOnesOut,
  projectEnvironmentSections,
  type EnvironmentSection,
  type EnvironmentServices,
  type OddOneOut,
} from '../_utils/environmentServices';
import { ROLE_NAMES } from '../_utils/serviceKinds';
import { mergeVisitors } from '../_utils/visitors';
import { devOnlyFiles, isBrowserFile, isToolingConfigFile } from '../_utils/sourceRoles';

type MessageId = 'environmentSelectedService';

/** Where the lookup reads from: files named by a pattern, a map in a module, or a map written here. */
type Lookup =
  | { readonly range: OffsetRange; readonly files: PathPattern }
  | { readonly range: OffsetRange; readonly module: PathPattern }
  | { readonly range: OffsetRange; readonly sections: readonly EnvironmentSection[] };

interface Collected extends EnvironmentServices {
  lookups: Lookup[];
}

export default defineProjectRule<MessageId, Collected>({
  id: 'dev-prod-parity/no-environment-selected-service',
  severity: 'warning',
  description: 'Config files or sections picked by NODE_ENV whose environments attach different kinds of backing services.',
  triggers: (text, project, path) => mayLookUpEnvironment(text) || mayHoldEnvironmentServices(text, project, path),
  messages: {
    environmentSelectedService:
      'The settings picked here by the environment\'s name attach {{kind}} in {{environment}} and {{referenceKind}} in {{reference}} ({{file}}). Development then runs against a different {{role}} than production, so code that works locally can fail after deploying. Run the same kind of service everywhere (a local container will do) and let each deploy set only its URL.',
  },
  initial: () => ({ maps: [], lookups: [] }),
  collect({ source, project, collected }) {
    const lookups = environmentLookupVisitors(source, {
      file: (node, files) => collected.lookups.push({ range: node.range, files }),
      section: (member, from) => {
        if ('object' in from) collected.lookups.push({ range: member.range, sections: environmentMap(source, from.object) ?? [] });
        else if (from.module) collected.lookups.push({ range: member.range, module: from.module });
      },
    });
    return mergeVisitors(lookups, environmentServiceVisitors(source, project.root, collected));
  },
  check({ project, files, report }) {
    const { maps, fileSections } = projectEnvironmentSections(project, files);
    const devOnly = devOnlyFiles(project, files);
    const relativePath = (path: string) => projectPath(project.root, path);
    const oddOnesOfLookup = (lookup: Lookup): OddOneOut[] => {
      if ('sections' in lookup) return oddOnesOut(lookup.sections);
      if ('module' in lookup) return maps.filter((map) => environmentNameFromPath(lookup.module, relativePath(map[0].file)) !== undefined).flatMap(oddOnesOut);
      return groupByFolder(sectionsNamedBy(lookup.files, fileSections, relativePath)).flatMap(oddOnesOut);
    };
    for (const [path, { collected }] of files) {
      if (devOnly.has(path) || isBrowserFile(project.root, path) || isToolingConfigFile(project.root, path)) continue;
      for (const lookup of collected.lookups) {
        const [found] = oddOnesOfLookup(lookup);
        if (!found) continue;
        const { section, setting, reference, referenceKind } = found;
        report(path, {
          at: lookup.range,
          messageId: 'environmentSelectedService',
          data: { kind: setting.kind.kind, environment: section.environment, referenceKind: referenceKind.kind, reference: reference.environment, file: relativePath(section.file), role: ROLE_NAMES[setting.kind.role] },
        });
      }
    }
  },
});

/** The environment-named files a path pattern may load, each under the name the pattern reads from its path. */
function sectionsNamedBy(pattern: PathPattern, sections: readonly EnvironmentSection[], relativePath: (path: string) => string): EnvironmentSection[] {
  return sections.flatMap((section) => {
    const environment = environmentNameFromPath(pattern, relativePath(section.file));
    return environment ? [{ ...section, environment }] : [];
  });
}
