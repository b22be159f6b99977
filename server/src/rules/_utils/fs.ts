import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../engine/types';
import { getCalleeName, getMemberName, getMemberPath, requiredSpecifier } from './ast';

/**
 * Calls into Node's `fs` (and fs-extra) however the module is bound: `fs.appendFile`,
 * `fs.promises.appendFile`, `fsp.appendFile`, a destructured `appendFileSync`, and the bindings
 * compilers give it (`fs_1.appendFileSync`, `_fs.default.appendFile`, `fs__default.default.writeFile`), and
 * the capitalised name some frameworks use (`const Fs = require('fs')`, Total.js).
 */
const FS_BINDING = /^_?(?:[fF]s|[fF]sp|[fF]se|promises|fsExtra|fs_extra|fsPromises)(?:_\d+|__default)?$/;

/** fs kept on an object: `obj.fs.appendFileSync`, `this.fs.writeFile`, `parent.fs.promises.readFile`. */
const FS_MEMBER = /^\w+\.(?:[fF]s|[fF]se|[fF]sp|fsExtra|fsPromises)(?:\.promises)?$/;

/** The fs method a callee path calls (`appendFileSync` for `['fs_1', 'appendFileSync']`), if it is one. */
export function fsMethodOf(path: readonly string[] | undefined): string | undefined {
  if (!path || path.length === 0) return undefined;
  const receiver = path.slice(0, -1);
  const isFs = receiver.length === 0 || (FS_BINDING.test(receiver[0]) && receiver.slice(1).every((segment) => segment === 'promises')) || FS_MEMBER.test(receiver.join('.'));
  return isFs ? path[path.length - 1] : undefined;
}

/** The fs method a call makes, also on a module required in place: `require('fs').createWriteStream(…)`. */
export function fsCallMethod(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === 'MemberExpression' && /^(?:node:)?(?:fs|fs\/promises|fs-extra)$/.test(requiredSpecifier(callee.object) ?? '')) return getMemberName(callee);
  return fsMethodOf(getMemberPath(callee));
}

/** Calls that build a path (`path.join`, `resolve`, `data.joinPath`, `getContentPath`, `getDataDir`), unlike lookups (`config.get('logs')`) whose value is elsewhere. */
const PATH_BUILDER = /(?:^|\.)(?:join|resolve|\w*Path|\w*Dir(?:ectory)?)$/;

export function isPathBuilderCall(node: Node): node is TSESTree.CallExpression {
  return node.type === 'CallExpression' && PATH_BUILDER.test(getCalleeName(node) ?? '');
}
