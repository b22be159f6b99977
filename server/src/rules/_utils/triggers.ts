/**
 * The trigger of rules that read only project files (package.json, lockfiles, Dockerfiles):
 * no source text is relevant to them, so they never make a scan parse a file. A rule without
 * any trigger would count as relevant to every file and defeat the prefilter.
 */
export const PROJECT_FILES_ONLY = /(?!)/;
