/** Every way a file names another module, with the specifier's node: for rules that report at it. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Visitors } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { getStaticString } from './ast';

export interface ImportReference {
  /** The string literal (or expression-free template) that names the module. */
  readonly node: Node;
  readonly specifier: string;
  /** The import, export, `import()` or `require()` it belongs to. */
  readonly owner: Node;
  /** `import type`, `export type`: erased at compile time, never loaded. */
  readonly typeOnly: boolean;
}

/** Visitors that call `onImport` for `import`, `export … from`, `import()`, `require()` and `import x = require()`. */
export function importVisitors(onImport: (reference: ImportReference) => void): Visitors {
  const add = (source: Node | null | undefined, owner: Node, typeOnly = false) => {
    const specifier = getStaticString(source);
    if (source && specifier !== undefined) onImport({ node: source, specifier, owner, typeOnly });
  };
  return {
    ImportDeclaration: (node) => {
      const declaration = node as TSESTree.ImportDeclaration;
      const allTypes = declaration.specifiers.length > 0 && declaration.specifiers.every((specifier) => specifier.type === 'ImportSpecifier' && specifier.importKind === 'type');
      add(declaration.source, node, declaration.importKind === 'type' || allTypes);
    },
    ExportAllDeclaration: (node) => add((node as TSESTree.ExportAllDeclaration).source, node, (node as TSESTree.ExportAllDeclaration).exportKind === 'type'),
    ExportNamedDeclaration: (node) => add((node as TSESTree.ExportNamedDeclaration).source, node, (node as TSESTree.ExportNamedDeclaration).exportKind === 'type'),
    ImportExpression: (node) => add((node as TSESTree.ImportExpression).source, node),
    TSImportEqualsDeclaration: (node) => {
      const declaration = node as TSESTree.TSImportEqualsDeclaration;
      if (declaration.moduleReference.type === 'TSExternalModuleReference') add(declaration.moduleReference.expression, node, declaration.importKind === 'type');
    },
    CallExpression: (node) => {
      const call = node as TSESTree.CallExpression;
      if (call.callee.type === 'Identifier' && call.callee.name === 'require' && call.arguments.length === 1) add(call.arguments[0], node);
    },
  };
}
