import type { Rule } from '../engine/rule';
import noHardcodedServiceUrl from './backing-services/no-hardcoded-service-url';
import noHardcodedSecret from './config/no-hardcoded-secret';
import requireGracefulShutdown from './disposability/require-graceful-shutdown';
import noFileLogging from './logs/no-file-logging';
import noHardcodedPort from './port-binding/no-hardcoded-port';
import noLocalState from './processes/no-local-state';

/** Every rule, in factor order. A meta-test checks that ids, files and docs agree. */
export const RULES = [noHardcodedSecret, noHardcodedServiceUrl, noLocalState, noHardcodedPort, requireGracefulShutdown, noFileLogging] as const satisfies readonly Rule[];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
