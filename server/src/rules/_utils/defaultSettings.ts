/**
 * Where an object holds a package's default settings: what it runs with unless someone configures
 * otherwise. A backend chosen there is the shipped default, not an option.
 */
import { basename } from 'node:path';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { getBindingName } from './ast';

/** Names of default settings: `defaults`, `defopts`, `defaultOptions`, `DEFAULT_CONFIG`. */
const DEFAULTS_NAME = /^def(?:ault)?s?(?:[_-]?(?:opts|options|config|settings))?$/i;

/** The object holds default settings: it is named for them, sits in one that is, or its module is (`default-options.js`). */
export function amongDefaults(source: SourceCode, object: Node): boolean {
  if (/default/i.test(basename(source.path))) return true;
  for (let value: Node | undefined = object, depth = 0; value && depth < 3; value = value.parent?.parent, depth++) {
    if (DEFAULTS_NAME.test(getBindingName(value) ?? '')) return true;
  }
  return false;
}
