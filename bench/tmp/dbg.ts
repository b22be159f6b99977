import { gatherProject } from '../../server/src/project/gather';
(async () => {
  const p: any = await (gatherProject as any)('/work/main/.corpus/swagger-server@0.0.8/package');
  console.log(Object.keys(p), p.facts?.entryPoints ?? p.project?.entryPoints);
})();
