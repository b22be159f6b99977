/**
 * What a source file is for, judged by its path: production server code, a developer tool
 * (build config, scripts), or code that ships to browsers. Only production server code can
 * break a factor; the others are left alone.
 */
import { relative, sep } from 'node:path';

/** Build and tooling configuration, and developer scripts. */
const DEV_ONLY = [
  /(?:^|\/)(?:scripts|tools|tasks|\.storybook|\.github|\.husky|\.vscode|\.devcontainer)\//,
  /(?:^|\/)[^/]+\.config\.[cm]?[jt]s$/,
  /(?:^|\/)(?:gulpfile|gruntfile|jakefile|Gulpfile|Gruntfile|Jakefile)(?:\.[\w-]+)*\.[cm]?[jt]s$/,
  /(?:^|\/)\.[\w-]+rc\.[cm]?[jt]s$/,
];

/** Folders whose code is bundled for browsers. */
const BROWSER = /(?:^|\/)(?:client|frontend|browser|public|static|www|assets|webapp|web-app|ui)\//;

function relativePath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** Build configuration, task runners and `scripts/`/`tools/` folders: run by developers, not deploys. */
export function isDevOnlyFile(root: string, path: string): boolean {
  const rel = relativePath(root, path);
  return DEV_ONLY.some((pattern) => pattern.test(rel));
}

/** JSX/TSX components and code under client-side folders (`client/`, `public/`, `frontend/`…). */
export function isBrowserFile(root: string, path: string): boolean {
  const rel = relativePath(root, path);
  return /\.[jt]sx$/.test(rel) || BROWSER.test(rel);
}
