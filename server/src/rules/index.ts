import type { Rule } from '../engine/rule';
import noHardcodedServiceUrl from './backing-services/no-hardcoded-service-url';
import dockerfileNpmCi from './build-release-run/dockerfile-npm-ci';
import noBuildInStart from './build-release-run/no-build-in-start';
import noRuntimeInstall from './build-release-run/no-runtime-install';
import noExternalDependency from './codebase/no-external-dependency';
import noDaemonize from './concurrency/no-daemonize';
import procfileWebProcess from './concurrency/procfile-web-process';
import noHardcodedSecret from './config/no-hardcoded-secret';
import noRuntimeGlobalInstall from './dependencies/no-runtime-global-install';
import noSystemBinary from './dependencies/no-system-binary';
import noUndeclaredDependency from './dependencies/no-undeclared-dependency';
import requireLockfile from './dependencies/require-lockfile';
import requireGracefulShutdown from './disposability/require-graceful-shutdown';
import noFileLogging from './logs/no-file-logging';
import noHardcodedPort from './port-binding/no-hardcoded-port';
import noLocalState from './processes/no-local-state';

/** Every rule, in factor order. A meta-test checks that ids, files and docs agree. */
export const RULES = [noExternalDependency, noUndeclaredDependency, requireLockfile, noSystemBinary, noRuntimeGlobalInstall, noHardcodedSecret, noHardcodedServiceUrl, noRuntimeInstall, noBuildInStart, dockerfileNpmCi, noLocalState, noHardcodedPort, noDaemonize, procfileWebProcess, requireGracefulShutdown, noFileLogging] as const satisfies readonly Rule[];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
