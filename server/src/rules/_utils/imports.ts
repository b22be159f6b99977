import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../engine/types';
import { getPropertyName, getStaticString } from './ast';

/** How a file binds a module: whole-module names (`winston`) and named imports (`transports`). */
export interface ModuleBindings {
  /** Local names bound to the whole module: default, namespace or `require`. */
  readonly namespaces: ReadonlySet<string>;
  /** Local name → exported name, for `import { a as b }` and `const { a: b } = require()`. */
  readonly named: ReadonlyMap<string, string>;
}

/**
 * Reads the top-level imports and requires of a program for modules matching `matches`.
 * Only top-level bindings count: that is where services wire their loggers and stores.
 */
export function findModuleBindings(program: TSESTree.Program, matches: (module: string) => boolean): ModuleBindings {
  const namespaces = new Set<string>();
  const named = new Map<string, string>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && matches(statement.source.value)) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportSpecifier') named.set(specifier.local.name, getPropertyName(specifier.imported) ?? specifier.local.name);
        else namespaces.add(specifier.local.name);
      }
    }
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      if (!declarator.init || !requiresModule(declarator.init, matches)) continue;
      if (declarator.id.type === 'Identifier') namespaces.add(declarator.id.name);
      else if (declarator.id.type === 'ObjectPattern') {
        for (const property of declarator.id.properties) {
          if (property.type === 'Property' && property.value.type === 'Identifier') named.set(property.value.name, getPropertyName(property.key) ?? property.value.name);
        }
      }
    }
  }
  return { namespaces, named };
}

/** `require('x')`, `require('x').default`, `require('x')(arg)`, `require('x').verbose()`, `await import('x')`. */
function requiresModule(init: Node, matches: (module: string) => boolean): boolean {
  let node: Node = init;
  while (node.type === 'MemberExpression' || node.type === 'AwaitExpression' || (node.type === 'CallExpression' && !isRequire(node))) {
    node = node.type === 'MemberExpression' ? node.object : node.type === 'AwaitExpression' ? node.argument : node.callee;
  }
  if (node.type === 'ImportExpression') return matches(getStaticString(node.source) ?? '');
  return node.type === 'CallExpression' && matches(getStaticString(node.arguments[0]) ?? '');
}

function isRequire(node: TSESTree.CallExpression): boolean {
  return node.callee.type === 'Identifier' && node.callee.name === 'require';
}

export function isBoundTo(bindings: ModuleBindings, name: string | undefined, exported?: string): boolean {
  if (name === undefined) return false;
  return exported === undefined ? bindings.namespaces.has(name) : bindings.named.get(name) === exported;
}
