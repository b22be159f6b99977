import type { Rule } from '../engine/rule';
import noAdhocDatabaseScript from './admin-processes/no-adhoc-database-script';
import noBootTimeAdminTask from './admin-processes/no-boot-time-admin-task';
import noEnvironmentSpecificService from './backing-services/no-environment-specific-service';
import noHardcodedServiceUrl from './backing-services/no-hardcoded-service-url';
import dockerfileNpmCi from './build-release-run/dockerfile-npm-ci';
import noBuildInStart from './build-release-run/no-build-in-start';
import noRuntimeInstall from './build-release-run/no-runtime-install';
import noExternalDependency from './codebase/no-external-dependency';
import noDaemonize from './concurrency/no-daemonize';
import procfileWebProcess from './concurrency/procfile-web-process';
import envExampleDrift from './config/env-example-drift';
import noCommittedEnvFile from './config/no-committed-env-file';
import noEnvironmentConfigFiles from './config/no-environment-config-files';
import noHardcodedSecret from './config/no-hardcoded-secret';
import noUnconditionalDotenv from './config/no-unconditional-dotenv';
import noRuntimeGlobalInstall from './dependencies/no-runtime-global-install';
import noSystemBinary from './dependencies/no-system-binary';
import noUndeclaredDependency from './dependencies/no-undeclared-dependency';
import requireLockfile from './dependencies/require-lockfile';
import noEnvironmentSelectedService from './dev-prod-parity/no-environment-selected-service';
import noEnvironmentSwitchedService from './dev-prod-parity/no-environment-switched-service';
import dockerfileSignalForwarding from './disposability/dockerfile-signal-forwarding';
import noSwallowedFatalErrors from './disposability/no-swallowed-fatal-errors';
import requireGracefulShutdown from './disposability/require-graceful-shutdown';
import noAccessLogFile from './logs/no-access-log-file';
import noFileLogConfig from './logs/no-file-log-config';
import noConfigFileSecret from './config/no-config-file-secret';
import noFileLogging from './logs/no-file-logging';
import noLogRotation from './logs/no-log-rotation';
import noOutputRedirect from './logs/no-output-redirect';
import dockerfileExposeMismatch from './port-binding/dockerfile-expose-mismatch';
import noHardcodedPort from './port-binding/no-hardcoded-port';
import noLoopbackBind from './port-binding/no-loopback-bind';
import noDiskStorageDefaultConfig from './processes/no-disk-storage-default-config';
import noLocalState from './processes/no-local-state';
import noProcessLocalSharedState from './processes/no-process-local-shared-state';
import noStickySessions from './processes/no-sticky-sessions';

/** Every rule, in factor order. A meta-test checks that ids, files and docs agree. */
export const RULES = [noExternalDependency, noUndeclaredDependency, requireLockfile, noSystemBinary, noRuntimeGlobalInstall, noHardcodedSecret, noConfigFileSecret, noEnvironmentConfigFiles, noCommittedEnvFile, envExampleDrift, noUnconditionalDotenv, noHardcodedServiceUrl, noEnvironmentSpecificService, noRuntimeInstall, noBuildInStart, dockerfileNpmCi, noLocalState, noDiskStorageDefaultConfig, noStickySessions, noProcessLocalSharedState, noHardcodedPort, noLoopbackBind, dockerfileExposeMismatch, noDaemonize, procfileWebProcess, requireGracefulShutdown, noSwallowedFatalErrors, dockerfileSignalForwarding, noEnvironmentSwitchedService, noEnvironmentSelectedService, noFileLogging, noFileLogConfig, noLogRotation, noAccessLogFile, noOutputRedirect, noBootTimeAdminTask, noAdhocDatabaseScript] as const satisfies readonly Rule[];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
