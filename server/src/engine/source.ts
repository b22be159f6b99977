import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { LineIndex } from './lineIndex';
import { walkSubtree } from './traverse';
import type { Node } from './types';

/** Read-only view of a parsed file that rules use instead of touching text offsets by hand. */
export class SourceCode {
  constructor(
    readonly path: string,
    readonly text: string,
    readonly ast: TSESTree.Program,
    readonly lines: LineIndex,
  ) {}

  get isTypeScript(): boolean {
    return /\.(?:ts|mts|cts|tsx)$/i.test(this.path);
  }

  getText(node: Node): string {
    return this.text.slice(node.range[0], node.range[1]);
  }

  /** The indentation of the line a node starts on. */
  indentOf(node: Node): string {
    const line = this.lines.positionAt(node.range[0]).line;
    return /^[ \t]*/.exec(this.lines.lineText(line))?.[0] ?? '';
  }

  /**
   * True when `name` at `node` refers to the global of that name, not a local binding.
   * Scopes are looked up lazily along the parent chain: queries are rare, files are large.
   */
  isGlobal(node: Node, name: string): boolean {
    for (let scope: Node | undefined = node.parent; scope; scope = scope.parent) {
      if (declaresInScope(scope, name)) return false;
    }
    return true;
  }

  /** The initialiser of a `const` binding of `name` visible from `node`, when there is exactly one. */
  constInitializer(node: Node, name: string): Node | undefined {
    return this.initializer(node, name, false);
  }

  /**
   * Like `constInitializer`, and also the value of a `let`/`var` that its scope never assigns again,
   * or the one value given to a `let`/`var` declared without one (`var args; … args = ['install']`).
   */
  stableInitializer(node: Node, name: string): Node | undefined {
    return this.initializer(node, name, true);
  }

  /**
   * The initial value of the field `name` (`exec = 'mariadbd'`) of the class `this` refers to at
   * `node`, when no code in the class assigns `this.name` again.
   */
  fieldInitializer(node: Node, name: string): Node | undefined {
    for (let scope: Node | undefined = node.parent; scope; scope = scope.parent) {
      // A plain function has its own `this`; a method's `this` is the instance.
      if (scope.type === 'FunctionDeclaration' || (scope.type === 'FunctionExpression' && scope.parent?.type !== 'MethodDefinition')) return undefined;
      if (scope.type !== 'ClassBody') continue;
      const field = scope.body.find((member) => member.type === 'PropertyDefinition' && !member.static && !member.computed && member.key.type === 'Identifier' && member.key.name === name);
      return field?.type === 'PropertyDefinition' && field.value && !assignsField(scope, name) ? field.value : undefined;
    }
    return undefined;
  }

  /**
   * Every value a `let`/`var` is given: its initialiser and each plain `=` assignment in its scope
   * (`var gitCommand = 'git daemon …'; if (!host) gitCommand = 'git daemon …'`). Undefined when it is
   * not such a variable, is updated in place (`+=`, `++`), or is given more than `limit` values.
   */
  assignedValues(node: Node, name: string, limit = 4): Node[] | undefined {
    const binding = this.binding(node, name);
    if (binding?.kind !== 'variable' || binding.declaration.kind === 'const') return undefined;
    const assignments = assignmentsOf(binding.scope, name, limit + 1);
    if (assignments.some((assignment) => assignment.type !== 'AssignmentExpression' || assignment.operator !== '=')) return undefined;
    const values = [...(binding.declarator.init ? [binding.declarator.init] : []), ...assignments.map((assignment) => (assignment as TSESTree.AssignmentExpression).right)];
    return values.length > 0 && values.length <= limit ? values : undefined;
  }

  private initializer(node: Node, name: string, allowUnassigned: boolean): Node | undefined {
    const binding = this.binding(node, name);
    if (binding?.kind === 'parameter') return allowUnassigned ? replacedParameter(binding.fn, name, node) : undefined;
    if (!binding) return undefined;
    const { declaration, declarator, scope } = binding;
    if (declaration.kind === 'const') return declarator.init ?? undefined;
    if (!allowUnassigned) return undefined;
    const assignments = assignmentsOf(scope, name);
    if (!declarator.init) return assignments.length === 1 && assignments[0].type === 'AssignmentExpression' && assignments[0].operator === '=' ? assignments[0].right : undefined;
    return assignments.length === 0 ? declarator.init : undefined;
  }

  /** The declaration `name` refers to at `node`: a variable's declarator, or a function's parameter; undefined for anything else. */
  private binding(node: Node, name: string): Binding | undefined {
    for (let scope: Node | undefined = node.parent; scope; scope = scope.parent) {
      const declared = statementScopeIndex(scope)?.variables.get(name);
      if (declared) return { kind: 'variable', ...declared, scope };
      if ((scope.type === 'FunctionDeclaration' || scope.type === 'FunctionExpression' || scope.type === 'ArrowFunctionExpression') && scope.params.some((param) => param.type === 'Identifier' && param.name === name)) {
        return { kind: 'parameter', fn: scope };
      }
      if (declaresInScope(scope, name)) return undefined;
    }
    return undefined;
  }
}

interface ScopeIndex {
  /** The first plain `name` declarator of each variable declared by the scope's own statements. */
  readonly variables: ReadonlyMap<string, { readonly declaration: TSESTree.VariableDeclaration; readonly declarator: TSESTree.VariableDeclarator }>;
  /** Every name those statements bind: variables (destructured too), functions, classes, imports. */
  readonly names: ReadonlySet<string>;
}

/** What the statements of a block-like scope declare, read once per scope: lookups climb through the same scopes again and again. */
function statementScopeIndex(scope: Node): ScopeIndex | undefined {
  const statements = scopeStatements(scope);
  if (statements.length === 0) return undefined;
  let index = scopeIndexes.get(scope);
  if (!index) {
    const variables = new Map<string, { declaration: TSESTree.VariableDeclaration; declarator: TSESTree.VariableDeclarator }>();
    const names = new Set<string>();
    for (const statement of statements) {
      const declaration = unwrapExport(statement);
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === 'Identifier' && !variables.has(declarator.id.name)) variables.set(declarator.id.name, { declaration, declarator });
        }
      }
      if (declaration) collectStatementNames(declaration, names);
    }
    scopeIndexes.set(scope, (index = { variables, names }));
  }
  return index;
}

const scopeIndexes = new WeakMap<Node, ScopeIndex>();

type Binding =
  | { readonly kind: 'variable'; readonly declaration: TSESTree.VariableDeclaration; readonly declarator: TSESTree.VariableDeclarator; readonly scope: Node }
  | { readonly kind: 'parameter'; readonly fn: TSESTree.FunctionLike };

/**
 * `function gitExec(commands) { commands = gitBin + ' ' + commands.join(' '); exec(commands) }`: a
 * parameter the function replaces once, in a statement of its own body, read after that statement.
 */
function replacedParameter(fn: TSESTree.FunctionLike, name: string, node: Node): Node | undefined {
  if (fn.body?.type !== 'BlockStatement') return undefined;
  const assignments = assignmentsOf(fn.body, name);
  const only = assignments.length === 1 ? assignments[0] : undefined;
  const statement = only?.parent;
  if (only?.type !== 'AssignmentExpression' || only.operator !== '=' || statement?.type !== 'ExpressionStatement' || statement.parent !== fn.body) return undefined;
  return node.range[0] >= statement.range[1] ? only.right : undefined;
}

/** Whether `this.name = …` (or `+=`, `++`) appears anywhere below `scope`. */
function assignsField(scope: Node, name: string): boolean {
  let found = false;
  walkSubtree(scope, (node) => {
    const target = node.type === 'AssignmentExpression' ? node.left : node.type === 'UpdateExpression' ? node.argument : undefined;
    if (target?.type === 'MemberExpression' && target.object.type === 'ThisExpression' && !target.computed && target.property.type === 'Identifier' && target.property.name === name) found = true;
    return !found;
  });
  return found;
}

type Assignment = TSESTree.AssignmentExpression | TSESTree.UpdateExpression;

/**
 * The `name = …`, `name += …` and `name++` below `scope`, up to `limit` of them: most callers only
 * tell none, one and several apart. One walk of a scope indexes every name's, since rules ask about
 * many names of the same scope (a module's top level above all).
 */
function assignmentsOf(scope: Node, name: string, limit = 2): Assignment[] {
  return (assignmentsByName(scope).get(name) ?? []).slice(0, limit);
}

/** Every `name = …`, `name += …` and `name++` below `scope`, by the name assigned. */
export function assignmentsByName(scope: Node): ReadonlyMap<string, readonly Assignment[]> {
  return namedNodesBelow(scope, assignmentsByScope, (node) => {
    const target = node.type === 'AssignmentExpression' ? node.left : node.type === 'UpdateExpression' ? node.argument : undefined;
    return target?.type === 'Identifier' ? [target.name, node as Assignment] : undefined;
  });
}

/** Every identifier below `root`, by name: rules that follow a variable to each of its uses ask for many names of one tree. */
export function identifiersByName(root: Node): ReadonlyMap<string, readonly TSESTree.Identifier[]> {
  return namedNodesBelow(root, identifiersByRoot, (node) => (node.type === 'Identifier' ? [node.name, node] : undefined));
}

// A parsed tree never changes, so what a scope assigns, and where each name stands in it, is read once.
const assignmentsByScope = new WeakMap<Node, ReadonlyMap<string, readonly Assignment[]>>();
const identifiersByRoot = new WeakMap<Node, ReadonlyMap<string, readonly TSESTree.Identifier[]>>();

/** The nodes below `root` that `entryOf` names, by that name, from one walk kept in `cache`. */
function namedNodesBelow<T>(root: Node, cache: WeakMap<Node, ReadonlyMap<string, readonly T[]>>, entryOf: (node: Node) => [name: string, item: T] | undefined): ReadonlyMap<string, readonly T[]> {
  let byName = cache.get(root);
  if (!byName) {
    const index = new Map<string, T[]>();
    walkSubtree(root, (node) => {
      const entry = entryOf(node);
      if (entry) {
        const found = index.get(entry[0]);
        if (found) found.push(entry[1]);
        else index.set(entry[0], [entry[1]]);
      }
      return true;
    });
    cache.set(root, (byName = index));
  }
  return byName;
}

/** The first plain `name` declarator among the statements of a block-like scope (a module's top level, a block). */
export function declaredVariable(scope: Node, name: string): TSESTree.VariableDeclarator | undefined {
  return statementScopeIndex(scope)?.variables.get(name)?.declarator;
}

function scopeStatements(scope: Node): readonly Node[] {
  switch (scope.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      return scope.body;
    case 'SwitchCase':
      return scope.consequent;
    default:
      return [];
  }
}

function unwrapExport(statement: Node): Node | undefined {
  if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
    return statement.declaration ?? undefined;
  }
  return statement;
}

function declaresInScope(scope: Node, name: string): boolean {
  return scopeNames(scope).has(name);
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** Every name a scope binds: a function's name and parameters, a catch or loop head's, or what a block's statements declare. */
function scopeNames(scope: Node): ReadonlySet<string> {
  switch (scope.type) {
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'CatchClause':
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement': {
      let names = headNames.get(scope);
      if (!names) headNames.set(scope, (names = namesInHead(scope)));
      return names;
    }
    default:
      return statementScopeIndex(scope)?.names ?? NO_NAMES;
  }
}

// Lookups climb through the same functions again and again: what their heads bind is read once.
const headNames = new WeakMap<Node, ReadonlySet<string>>();

function namesInHead(scope: Node): Set<string> {
  const names = new Set<string>();
  if (scope.type === 'FunctionDeclaration' || scope.type === 'FunctionExpression') {
    if (scope.id) names.add(scope.id.name);
  }
  if (scope.type === 'FunctionDeclaration' || scope.type === 'FunctionExpression' || scope.type === 'ArrowFunctionExpression') {
    for (const param of scope.params) collectPatternNames(param, names);
  } else if (scope.type === 'CatchClause') {
    if (scope.param) collectPatternNames(scope.param, names);
  } else {
    const head = scope.type === 'ForStatement' ? scope.init : scope.type === 'ForInStatement' || scope.type === 'ForOfStatement' ? scope.left : undefined;
    if (head?.type === 'VariableDeclaration') collectStatementNames(head, names);
  }
  return names;
}

function collectStatementNames(declaration: Node, names: Set<string>): void {
  switch (declaration.type) {
    case 'VariableDeclaration':
      for (const declarator of declaration.declarations) collectPatternNames(declarator.id, names);
      return;
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      if (declaration.id) names.add(declaration.id.name);
      return;
    case 'ImportDeclaration':
      for (const specifier of declaration.specifiers) names.add(specifier.local.name);
      return;
    default:
      return;
  }
}

function collectPatternNames(pattern: Node, names: Set<string>): void {
  switch (pattern.type) {
    case 'Identifier':
      names.add(pattern.name);
      return;
    case 'AssignmentPattern':
      return collectPatternNames(pattern.left, names);
    case 'RestElement':
      return collectPatternNames(pattern.argument, names);
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) collectPatternNames(element, names);
      return;
    case 'ObjectPattern':
      for (const property of pattern.properties) collectPatternNames(property.type === 'RestElement' ? property : property.value, names);
      return;
    case 'TSParameterProperty':
      return collectPatternNames(pattern.parameter, names);
    default:
      return;
  }
}
