import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';

/** The value of a string literal or of a template literal without expressions. */
export function getStaticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

export function isStringLiteral(node: Node | null | undefined): node is TSESTree.StringLiteral | TSESTree.TemplateLiteral {
  return getStaticString(node) !== undefined;
}

/** The name of a property key, identifier or string, when it is static. */
export function getPropertyName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'PrivateIdentifier') return node.name;
  return getStaticString(node);
}

/** The static name of a member's property: `a.b` and `a['b']` give `b`. */
export function getMemberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return getPropertyName(node.property);
  return getStaticString(node.property);
}

/** `a.b.c` as `['a', 'b', 'c']`; undefined when any link is dynamic. */
export function getMemberPath(node: Node): string[] | undefined {
  if (node.type === 'Identifier') return [node.name];
  if (node.type === 'ThisExpression') return ['this'];
  if (node.type === 'MemberExpression') {
    const head = getMemberPath(node.object);
    const name = getMemberName(node);
    return head && name !== undefined ? [...head, name] : undefined;
  }
  if (node.type === 'ChainExpression') return getMemberPath(node.expression);
  if (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression') return getMemberPath(node.expression);
  return undefined;
}

/** The callee of a call or `new` as a dotted name, `express.static` or `createServer`. */
export function getCalleeName(node: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  return getMemberPath(node.callee)?.join('.');
}

/** The last segment of a callee: `listen` for `app.listen(...)`. */
export function getCalleeProperty(node: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = node.callee.type === 'ChainExpression' ? node.callee.expression : node.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return getMemberName(callee);
  return undefined;
}

export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const property of object.properties) {
    if (property.type === 'Property' && getPropertyName(property.key) === name) return property;
  }
  return undefined;
}

export function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === 'SpreadElement');
}

/** Skips wrappers that do not change a value: parentheses are already gone, these remain. */
export function unwrapExpression(node: Node): Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'ChainExpression'
  ) {
    current = current.expression;
  }
  return current;
}

/** Follows an identifier to the literal-ish initialiser of its `const`, one hop. */
export function resolveConst(source: SourceCode, node: Node): Node {
  const unwrapped = unwrapExpression(node);
  if (unwrapped.type !== 'Identifier') return unwrapped;
  const init = source.constInitializer(unwrapped, unwrapped.name);
  return init ? unwrapExpression(init) : unwrapped;
}

/** The name a value is bound to: the variable, property or assignment target it is written into. */
export function getBindingName(node: Node): string | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'Property':
      return parent.value === node ? getPropertyName(parent.key) : undefined;
    case 'PropertyDefinition':
      return parent.value === node ? getPropertyName(parent.key) : undefined;
    case 'AssignmentExpression':
      if (parent.right !== node) return undefined;
      if (parent.left.type === 'Identifier') return parent.left.name;
      return parent.left.type === 'MemberExpression' ? getMemberName(parent.left) : undefined;
    case 'AssignmentPattern':
      return parent.right === node && parent.left.type === 'Identifier' ? parent.left.name : undefined;
    default:
      return undefined;
  }
}
