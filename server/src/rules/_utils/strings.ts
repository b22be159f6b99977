import type { Node } from '../../engine/types';

/** Strings that name modules, keys or types: never config values. */
export function isIgnoredStringPosition(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
    case 'TSExternalModuleReference':
    case 'TSLiteralType':
    case 'TSModuleDeclaration':
    case 'ImportAttribute':
    case 'SwitchCase':
      return true;
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
    case 'TSPropertySignature':
      return parent.key === node;
    case 'TSEnumMember':
      return parent.id === node;
    case 'MemberExpression':
      return parent.property === node;
    case 'ExpressionStatement':
      return true;
    case 'CallExpression':
      return parent.callee.type === 'Identifier' && parent.callee.name === 'require';
    case 'BinaryExpression':
      return parent.operator === 'in' || parent.operator === 'instanceof';
    default:
      return false;
  }
}

/** The words of a name or path: `accessoryLayoutPath` → `accessory`, `Layout`, `Path`; `sts-policies.json` → `sts`, `policies`, `json`. */
export function nameWords(text: string): string[] {
  return text.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/);
}

/** `text` as a literal part of a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
