/**
 * Finds calls that start another program: `child_process` (`exec`, `execSync`, `spawn`,
 * `execFile`, `fork`…, also promisified), execa, cross-spawn, shelljs `exec`, zx's `$`, runscript, @npmcli/promise-spawn and nano-spawn,
 * however the module is bound (`import`, `require`, destructuring, or inline
 * `require('child_process').execSync(…)`), and reads what they run as shell words.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import type { Visitors } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { findProperty, getMemberName, getMemberPath, getPropertyName, getStaticString, isNullish, isWithin, memberOfObjectLiteral, mentionsIdentifier, resolveFunction, unwrapCompiledImport, unwrapExpression } from './ast';
import { requiresDesktopPlatform } from './branches';
import { unwrapInteropHelper } from './imports';
import { ownValue } from './records';
import { DYNAMIC, parseShell, programName, type ShellWord, type SimpleCommand } from './shell';
import { mergeVisitors } from './visitors';

type ProcessModule = 'child_process' | 'execa' | 'cross-spawn' | 'shelljs' | 'zx' | 'runscript' | 'promise-spawn';

const MODULES: Readonly<Record<string, ProcessModule>> = {
  child_process: 'child_process', 'node:child_process': 'child_process', execa: 'execa', 'cross-spawn': 'cross-spawn',
  shelljs: 'shelljs', zx: 'zx', 'zx/core': 'zx', runscript: 'runscript', '@npmcli/promise-spawn': 'promise-spawn', 'nano-spawn': 'promise-spawn',
  // child-process-promise mirrors child_process's exec and spawn.
  'child-process-promise': 'child_process',
};

/** How a call runs its program. */
export type ProcessCallKind = 'shell' | 'file' | 'fork';

export interface ProcessCall {
  readonly node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** `exec`, `execSync`, `spawn`, `spawnSync`, `execFile`, `execFileSync`, `fork`, `execa`, `execaSync`, `execaCommand`, `shell`. */
  readonly method: string;
  readonly kind: ProcessCallKind;
  /** The argument that says what runs: the command line, the program, or the module to fork. */
  readonly target: Node;
  /** The argument list of spawn-style calls. */
  readonly args?: Node;
  readonly options?: TSESTree.ObjectExpression;
}

interface Binding {
  readonly module: ProcessModule;
  /** The export bound; undefined when the local name holds the whole module. */
  readonly name?: string;
}

const SHELL_METHODS = new Set(['exec', 'execSync', 'execaCommand', 'execaCommandSync', 'shell']);
const FILE_METHODS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'execa', 'execaSync']);

/**
 * Visitors that report every process call of a file once the walk is done, so that bindings
 * declared after their use (function bodies above the requires) still count.
 */
export function processCallVisitors(onCall: (call: ProcessCall) => void): Visitors {
  const bindings = new Map<string, Binding>();
  const promisified: { name: string; argument: Node }[] = [];
  const candidates: (TSESTree.CallExpression | TSESTree.TaggedTemplateExpression)[] = [];
  return {
    ImportDeclaration: (node) => {
      const declaration = node as TSESTree.ImportDeclaration;
      const module = ownValue(MODULES, declaration.source.value);
      if (!module || declaration.importKind === 'type') return;
      for (const specifier of declaration.specifiers) {
        if (specifier.type === 'ImportSpecifier') bindings.set(specifier.local.name, { module, name: getPropertyName(specifier.imported) });
        else bindings.set(specifier.local.name, { module });
      }
    },
    TSImportEqualsDeclaration: (node) => {
      const declaration = node as TSESTree.TSImportEqualsDeclaration;
      const reference = declaration.moduleReference;
      const module = reference.type === 'TSExternalModuleReference' ? MODULES[getStaticString(reference.expression) ?? ''] : undefined;
      if (module) bindings.set(declaration.id.name, { module });
    },
    VariableDeclarator: (node) => {
      const declarator = node as TSESTree.VariableDeclarator;
      if (!declarator.init) return;
      const init = unwrapExpression(declarator.init);
      const required = requiredModule(init);
      if (required) {
        if (declarator.id.type === 'Identifier') bindings.set(declarator.id.name, required);
        else if (declarator.id.type === 'ObjectPattern' && !required.name) {
          for (const property of declarator.id.properties) {
            const local = property.type === 'Property' ? (property.value.type === 'AssignmentPattern' ? property.value.left : property.value) : undefined;
            if (property.type === 'Property' && local?.type === 'Identifier') bindings.set(local.name, { module: required.module, name: getPropertyName(property.key) });
          }
        }
        return;
      }
      // `var cp = require('child_process'); var spawn = cp.spawn;`
      const whole = init.type === 'MemberExpression' && !init.computed && init.object.type === 'Identifier' && init.property.type === 'Identifier' ? bindings.get(init.object.name) : undefined;
      if (whole && !whole.name && declarator.id.type === 'Identifier') {
        bindings.set(declarator.id.name, { module: whole.module, name: (init as TSESTree.MemberExpression & { property: TSESTree.Identifier }).property.name });
        return;
      }
      if (declarator.id.type === 'Identifier' && init.type === 'CallExpression' && /(?:^|\.)promisify$/.test(getMemberPath(init.callee)?.join('.') ?? '') && init.arguments[0]) {
        promisified.push({ name: declarator.id.name, argument: init.arguments[0] });
      }
    },
    // `var cp; cp = require('child_process');`, as CoffeeScript compiles its requires.
    AssignmentExpression: (node) => {
      const assignment = node as TSESTree.AssignmentExpression;
      const required = assignment.operator === '=' && assignment.left.type === 'Identifier' ? requiredModule(unwrapExpression(assignment.right)) : undefined;
      if (required) bindings.set((assignment.left as TSESTree.Identifier).name, required);
    },
    CallExpression: (node) => {
      if ((node as TSESTree.CallExpression).arguments.length > 0) candidates.push(node as TSESTree.CallExpression);
    },
    TaggedTemplateExpression: (node) => candidates.push(node as TSESTree.TaggedTemplateExpression),
    'Program:exit': () => {
      if (bindings.size === 0 && !candidates.some((call) => call.type === 'CallExpression' && inlineRequire(call.callee))) return;
      for (const { name, argument } of promisified) {
        const method = processMethodOf(bindings, argument);
        if (method) bindings.set(name, { module: 'child_process', name: method });
      }
      for (const node of candidates) {
        const call = toProcessCall(bindings, node);
        if (call) onCall(call);
      }
    },
  };
}

/** Names of an app's own helpers that run a command: `executeCommand('npm install x')`, `runCmd(['npm', …])`, `this.run(…)`. */
const COMMAND_HELPER = /^(?:exec|execute|run|spawn|shell|sh|command|cmd)(?:[A-Z]\w*|Sync|Async)?$|(?:Command|Cmd|Shell)(?:Sync|Async)?$/;

/** A call to one of the app's own command helpers, with what its first argument says it runs. */
export interface HelperCall {
  readonly node: TSESTree.CallExpression;
  /** The argument that holds the command: an argv array or a command line. */
  readonly target: Node;
  readonly commands: SimpleCommand[];
  /** True when the command came as an argv array (`['npm', 'install', name]`), not a line to parse. */
  readonly isArgv: boolean;
  /** True when the helper is a function of this file that starts a process itself: its name is no guess then. */
  readonly startsProcess: boolean;
}

/**
 * Like `processCallVisitors`, and also hands over calls to the app's own command helpers
 * (`runCmd(['npm', 'install', name])`) that are not process calls themselves. Helper names are
 * generic (`db.run(sql)` is one), so callers judge the commands before trusting them.
 */
export function commandVisitors(source: SourceCode, onProcessCall: (call: ProcessCall) => void, onHelperCall: (call: HelperCall) => void): Visitors {
  const processCalls = new Set<Node>();
  const helperCalls: TSESTree.CallExpression[] = [];
  const processVisitors = processCallVisitors((call) => {
    processCalls.add(call.node);
    onProcessCall(call);
  });
  return mergeVisitors(processVisitors, {
    CallExpression: (node) => {
      const call = node as TSESTree.CallExpression;
      if (COMMAND_HELPER.test(helperName(call))) helperCalls.push(call);
    },
    // Runs after the process-call visitors' own exit, so the process calls are known and a call is judged once.
    'Program:exit': () => {
      for (const call of helperCalls) {
        const helper = processCalls.has(call) ? undefined : helperCall(source, call);
        if (helper) onHelperCall({ ...helper, startsProcess: startsProcess(source, call, processCalls) });
      }
    },
  });
}

/** `runCommand('pm2', args)` where this file has `function runCommand(command, args) { … spawn(command, args) … }`. */
function startsProcess(source: SourceCode, call: TSESTree.CallExpression, processCalls: ReadonlySet<Node>): boolean {
  const helper = call.callee.type === 'Identifier' ? resolveFunction(source, call.callee) : undefined;
  return helper !== undefined && [...processCalls].some((node) => isWithin(node, helper));
}

/** `runCmd`, `this.execute`, and compiled `(0, utils_1.executeNpmCommand)`. */
function helperName(call: TSESTree.CallExpression): string {
  return getMemberPath(call.callee)?.at(-1) ?? '';
}

function helperCall(source: SourceCode, call: TSESTree.CallExpression): Omit<HelperCall, 'startsProcess'> | undefined {
  const first = call.arguments[0];
  if (!first || first.type === 'SpreadElement') return undefined;
  const target = unwrapExpression(first);
  // A helper named for its program takes only the arguments: `executeNpmCommand(['install', name])`.
  const program = /(npm|yarn|pnpm|git)/i.exec(helperName(call))?.[1].toLowerCase();
  const withProgram = (words: readonly ShellWord[]): readonly ShellWord[] =>
    !program || (words[0] && !words[0].dynamic && programName(words[0].text) === program) ? words : [{ text: program, start: target.range[0], end: target.range[0], dynamic: false }, ...words];
  if (target.type === 'ArrayExpression') {
    // `runNpmCommand([...this.npm, 'install', name])`: the spread is the program the helper is named for.
    const head = target.elements[0];
    const spreadProgram = program !== undefined && head?.type === 'SpreadElement' && new RegExp(program, 'i').test(getMemberPath(head.argument)?.at(-1) ?? '');
    const words = arrayWords(source, target);
    return { node: call, target, commands: [{ words: withProgram(spreadProgram ? words.slice(1) : words), terminator: '' }], isArgv: true };
  }
  const text = staticText(source, target);
  if (text === undefined) return undefined;
  // `exec.run(process.execPath, [npmCli, 'install', name])`: the program, then its arguments.
  const given = call.arguments[1] && unwrapExpression(call.arguments[1]);
  const args = given?.type === 'Identifier' ? unwrapExpression(source.stableInitializer(given, given.name) ?? given) : given;
  if (args?.type === 'ArrayExpression' && /^\S+$/.test(text)) {
    return { node: call, target, commands: [{ words: [{ text, start: target.range[0], end: target.range[1], dynamic: false }, ...arrayWords(source, args)], terminator: '' }], isArgv: true };
  }
  const commands = parseShell(text);
  if (commands[0]) commands[0] = { ...commands[0], words: withProgram(commands[0].words) };
  return { node: call, target, commands, isArgv: false };
}

/**
 * `require('child_process')`, `require('child_process').exec`, `await import('execa')`, compiled `__toESM(require('child_process'))`,
 * and tsc's `yield Promise.resolve().then(() => __importStar(require('cross-spawn')))`.
 */
function requiredModule(init: Node): Binding | undefined {
  if (init.type === 'MemberExpression') {
    const inner = requiredModule(unwrapExpression(init.object));
    const name = getMemberName(init);
    if (!inner || inner.name || !name) return undefined;
    return name === 'default' ? inner : { module: inner.module, name };
  }
  const target = unwrapInteropHelper(unwrapCompiledImport(init));
  if (target.type === 'ImportExpression') {
    const module = MODULES[getStaticString(target.source) ?? ''];
    return module ? { module } : undefined;
  }
  if (target.type === 'CallExpression' && target.callee.type === 'Identifier' && target.callee.name === 'require') {
    const module = MODULES[getStaticString(target.arguments[0]) ?? ''];
    return module ? { module } : undefined;
  }
  return undefined;
}

function inlineRequire(callee: Node): Binding | undefined {
  const target = unwrapExpression(callee);
  return target.type === 'MemberExpression' ? requiredModule(unwrapExpression(target.object)) : undefined;
}

/** The normalised method a callee names, or undefined when it does not start a program. */
function processMethodOf(bindings: ReadonlyMap<string, Binding>, calleeNode: Node): string | undefined {
  const unwrapped = unwrapExpression(calleeNode);
  // `(0, child_process_1.execSync)(…)`: how tsc and Babel call an imported function.
  const callee = unwrapped.type === 'SequenceExpression' ? unwrapExpression(unwrapped.expressions[unwrapped.expressions.length - 1]) : unwrapped;
  if (callee.type === 'Identifier') {
    const binding = bindings.get(callee.name);
    return binding && methodOf(binding.module, binding.name);
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const property = getMemberName(callee);
  const object = unwrapExpression(callee.object);
  const binding = object.type === 'Identifier' ? bindings.get(object.name) : requiredModule(object);
  if (!binding || !property) return undefined;
  if (!binding.name) return methodOf(binding.module, property);
  // `execa.sync`, `spawn.sync` on a default export bound by name.
  return methodOf(binding.module, `${binding.name}.${property}`);
}

function methodOf(module: ProcessModule, name: string | undefined): string | undefined {
  switch (module) {
    case 'child_process':
      return name && /^(?:exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)$/.test(name) ? name : undefined;
    case 'execa': {
      const table: Record<string, string> = {
        '': 'execa', default: 'execa', execa: 'execa', execaSync: 'execaSync', sync: 'execaSync', 'execa.sync': 'execaSync',
        execaCommand: 'execaCommand', command: 'execaCommand', 'execa.command': 'execaCommand',
        execaCommandSync: 'execaCommandSync', commandSync: 'execaCommandSync', 'execa.commandSync': 'execaCommandSync',
        execaNode: 'fork', node: 'fork', $: 'shell',
      };
      return table[name ?? ''];
    }
    case 'cross-spawn':
      return name === undefined || name === 'spawn' || name === 'default' ? 'spawn' : name === 'sync' || name.endsWith('.sync') ? 'spawnSync' : undefined;
    case 'shelljs':
      return name === 'exec' ? 'shell' : undefined;
    case 'zx':
      return name === '$' ? 'shell' : undefined;
    // `runScript('ps -wweo "pid,args"')` (egg-scripts): a shell command line.
    case 'runscript':
      return name === undefined || name === 'default' || name === 'runScript' || name === 'runscript' ? 'shell' : undefined;
    // `promiseSpawn('git', ['status'])`, `spawn('ls', ['-l'])`: a program and its arguments.
    case 'promise-spawn':
      return name === undefined || name === 'default' ? 'spawn' : undefined;
  }
}

function toProcessCall(bindings: ReadonlyMap<string, Binding>, node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): ProcessCall | undefined {
  if (node.type === 'TaggedTemplateExpression') {
    const method = processMethodOf(bindings, node.tag);
    return method === 'shell' ? { node, method, kind: 'shell', target: node.quasi } : undefined;
  }
  const method = processMethodOf(bindings, node.callee);
  if (!method) return undefined;
  const [target, second, third] = node.arguments.map((argument) => unwrapExpression(argument));
  if (!target || target.type === 'SpreadElement') return undefined;
  const options = [second, third].find((argument): argument is TSESTree.ObjectExpression => argument?.type === 'ObjectExpression');
  if (SHELL_METHODS.has(method)) return { node, method, kind: 'shell', target, options };
  const args = second && second.type !== 'ObjectExpression' && second.type !== 'SpreadElement' ? second : undefined;
  if (FILE_METHODS.has(method)) return { node, method, kind: 'file', target, args, options };
  return { node, method, kind: 'fork', target, args, options };
}

/**
 * The simple commands a call runs. Shell calls are parsed as shell; spawn-style calls give one
 * command of program and arguments, unless they go through `sh -c` or `{ shell: true }`.
 */
export function processCommands(source: SourceCode, call: ProcessCall): SimpleCommand[] {
  if (call.kind === 'shell') {
    const text = staticText(source, call.target);
    return text === undefined ? [] : [...parseShell(text), ...substitutedCommands(text)];
  }
  const program = call.kind === 'fork' ? { text: 'node', start: call.target.range[0], end: call.target.range[0], dynamic: false } : wordOf(source, call.target);
  if (call.kind !== 'fork') {
    const choices = argumentChoices(source, call.args);
    if (choices) return choices.map((args) => ({ words: [program, ...args], terminator: '' }));
  }
  const args = call.kind === 'fork' ? [wordOf(source, call.target), ...arrayWords(source, call.args)] : arrayWords(source, call.args);
  const shellOption = call.options && findProperty(call.options, 'shell');
  if (shellOption && isTruthyLiteral(shellOption.value as Node) && !program.dynamic) {
    return parseShell([program, ...args].map((word) => word.text).join(' '));
  }
  const flagIndex = args.findIndex((word) => word.text === '-c' || word.text === '/c' || word.text === '/C');
  if (/^(?:sh|bash|zsh|dash|ash|cmd)$/.test(programName(program.text)) && flagIndex >= 0 && args[flagIndex + 1]) {
    return parseShell(args[flagIndex + 1].text);
  }
  return [{ words: [program, ...args], terminator: '' }];
}

/** `const npmArgs = global ? [command, '-g'] : ['--save', command]`: argument lists chosen by a condition, each a command of its own. */
function argumentChoices(source: SourceCode, node: Node | undefined): ShellWord[][] | undefined {
  const value = node && unwrapExpression(node);
  const init = value?.type === 'Identifier' ? source.constInitializer(value, value.name) : undefined;
  const choice = init && unwrapExpression(init);
  if (choice?.type !== 'ConditionalExpression') return undefined;
  const branches = [choice.consequent, choice.alternate].map(unwrapExpression);
  return branches.every((branch) => branch.type === 'ArrayExpression') ? branches.map((branch) => arrayWords(source, branch)) : undefined;
}

/** The commands of `$(npm -g prefix)` and `` `git rev-parse HEAD` ``: they run too, though their words stay dynamic in the outer command. */
function substitutedCommands(text: string): SimpleCommand[] {
  return [...text.matchAll(/\$\(([^()]+)\)|`([^`]+)`/g)].flatMap((match) => parseShell(match[1] ?? match[2]));
}

function isTruthyLiteral(node: Node): boolean {
  return node.type === 'Literal' && (node.value === true || typeof node.value === 'string');
}

/** `process.execPath`, `process.argv[0]` and `process.argv0` are this Node binary. */
export function isNodeBinary(node: Node): boolean {
  const value = unwrapExpression(node);
  // `process.argv[0]`: a numeric index, which member paths do not spell.
  if (value.type === 'MemberExpression' && value.computed && value.property.type === 'Literal' && value.property.value === 0) return getMemberPath(value.object)?.join('.') === 'process.argv';
  // `spawn(process.argv.shift(), process.argv, …)`: the node binary taken off the front, the script left as the first argument.
  if (value.type === 'CallExpression' && value.arguments.length === 0) return getMemberPath(value.callee)?.join('.') === 'process.argv.shift';
  const path = getMemberPath(value)?.join('.');
  return path === 'process.execPath' || path === 'process.argv0';
}

/** `npmpath + ' install ' + names`: a variable named for the package manager it holds the path of. */
const MANAGER_PATH_NAME = /^(npm|yarn|pnpm)(?:[_-]?(?:path|bin|binary|cmd|command|exec|executable|cli))?$/i;

function managerNamed(node: Node): string | undefined {
  const value = unwrapExpression(node);
  const name = value.type === 'Identifier' ? value.name : value.type === 'MemberExpression' ? getMemberName(value) : undefined;
  return name === undefined ? undefined : MANAGER_PATH_NAME.exec(name)?.[1].toLowerCase();
}

/** Names that say a dynamic program is a package manager: `npmPath`, `this.yarnBin`, `packageManager`. */
const MANAGER_HINT = /(?:^|[^a-z])(npm|yarn|pnpm)|(packagemanager)/i;

function wordOf(source: SourceCode, node: Node): ShellWord {
  const range = { start: node.range[0], end: node.range[1] };
  if (isNodeBinary(node)) return { text: 'node', ...range, dynamic: false };
  const unwrapped = unwrapExpression(node);
  if (unwrapped.type === 'ConditionalExpression') {
    // `process.platform === 'win32' ? 'npm.cmd' : 'npm'`
    const [a, b] = [staticText(source, unwrapped.consequent), staticText(source, unwrapped.alternate)];
    if (a !== undefined && b !== undefined && !a.includes(DYNAMIC) && programName(a) === programName(b)) return { text: a, ...range, dynamic: false };
  }
  const text = staticText(source, node) ?? programFromTable(source, unwrapped);
  if (text !== undefined) return { text, ...range, dynamic: text.includes(DYNAMIC) };
  const hint = unwrapped.type === 'Identifier' || unwrapped.type === 'MemberExpression' ? MANAGER_HINT.exec(source.getText(unwrapped)) : null;
  return { text: DYNAMIC, ...range, dynamic: true, ...(hint ? { hint: (hint[1] ?? 'npm').toLowerCase() } : {}) };
}

/**
 * `CMD_CONVERT[self.cmdarg]` with `const CMD_CONVERT = { gm: 'gm', im: 'convert', magick: 'magick' }`: a program
 * picked from a table of programs, read as its first entry (all of them are programs the machine must have).
 */
function programFromTable(source: SourceCode, lookup: Node): string | undefined {
  if (lookup.type !== 'MemberExpression' || !lookup.computed || lookup.object.type !== 'Identifier') return undefined;
  const table = source.stableInitializer(lookup.object, lookup.object.name);
  const entries = table && unwrapExpression(table);
  if (entries?.type !== 'ObjectExpression' || entries.properties.length === 0) return undefined;
  const programs = entries.properties.map((property) => (property.type === 'Property' ? getStaticString(property.value as Node) : undefined));
  return programs.every((program) => program !== undefined && /^[\w.-]+$/.test(program)) ? programs[0] : undefined;
}

/** The words of an argv array (`['npm', 'install', name]`); unknown elements become dynamic words. */
export function arrayWords(source: SourceCode, node: Node | undefined): ShellWord[] {
  if (!node) return [];
  let array = unwrapExpression(node);
  if (array.type === 'Identifier') array = source.stableInitializer(array, array.name) ?? array;
  if (array.type !== 'ArrayExpression') return [{ text: DYNAMIC, start: node.range[0], end: node.range[1], dynamic: true }];
  return array.elements.map((element) =>
    !element || element.type === 'SpreadElement' ? { text: DYNAMIC, start: (element ?? node).range[0], end: (element ?? node).range[1], dynamic: true } : wordOf(source, element),
  );
}

/**
 * The text of a string built in code: literals, templates, `+` concatenation, `[…].join(' ')`
 * and `const` names are followed; anything else becomes `DYNAMIC`. Undefined when nothing of it is known.
 * `depth` counts the names followed, so long concatenations are read whole.
 */
export function staticText(source: SourceCode, node: Node, depth = 0): string | undefined {
  const target = unwrapExpression(node);
  if (depth > 4) return undefined;
  const part = (child: Node) => staticText(source, child, depth) ?? DYNAMIC;
  switch (target.type) {
    case 'Literal':
      return typeof target.value === 'string' ? target.value : typeof target.value === 'number' ? String(target.value) : undefined;
    case 'TemplateLiteral':
      return target.quasis.map((quasi, index) => (quasi.value.cooked ?? '') + (target.expressions[index] ? part(target.expressions[index]) : '')).join('');
    case 'BinaryExpression':
      if (target.operator !== '+') return undefined;
      return (staticText(source, target.left, depth) ?? managerNamed(target.left) ?? DYNAMIC) + part(target.right);
    case 'Identifier': {
      const init = source.stableInitializer(target, target.name);
      return init ? staticText(source, init, depth + 1) : agreedText(source, target, depth);
    }
    case 'MemberExpression': {
      if (isNodeBinary(target)) return 'node';
      const element = serverArrayElement(source, target);
      if (element) return staticText(source, element, depth + 1);
      const classField = target.object.type === 'ThisExpression' && !target.computed && target.property.type === 'Identifier' ? source.fieldInitializer(target, target.property.name) : undefined;
      const field = classField ?? memberOfObjectLiteral(source, target);
      return field ? staticText(source, field, depth + 1) : undefined;
    }
    case 'ConditionalExpression': {
      // `installed ? 'npm uninstall ' + id : 'npm install ' + id`, `win32 ? 'npm.cmd' : 'npm'`: either branch runs the same program.
      const [whenTrue, whenFalse] = [staticText(source, target.consequent, depth), staticText(source, target.alternate, depth)];
      const program = (text: string) => programName(text.trim().split(/\s+/)[0]);
      return whenTrue !== undefined && whenFalse !== undefined && program(whenTrue) === program(whenFalse) ? whenTrue : undefined;
    }
    case 'CallExpression': {
      const callee = target.callee;
      if (callee.type === 'ArrowFunctionExpression' || callee.type === 'FunctionExpression') return iifeResult(source, callee, depth);
      const formatted = formattedText(source, target, depth);
      if (formatted !== undefined) return formatted;
      if (callee.type !== 'MemberExpression' || getMemberName(callee) !== 'join') return undefined;
      const array = unwrapExpression(callee.object);
      const separator = target.arguments[0] ? getStaticString(target.arguments[0]) : ',';
      if (array.type !== 'ArrayExpression' || separator === undefined) return undefined;
      return array.elements.map((element) => (element && element.type !== 'SpreadElement' ? part(element) : DYNAMIC)).join(separator);
    }
    default:
      return undefined;
  }
}

/**
 * `cmd[0]` with `const cmd = os.platform() == 'win32' ? ['git', service, …] : ['git-' + service, …]`: an element of a
 * `const` array, of the one a server's platform takes when the array is chosen by a desktop platform check.
 */
function serverArrayElement(source: SourceCode, member: TSESTree.MemberExpression): Node | undefined {
  if (!member.computed || member.object.type !== 'Identifier' || member.property.type !== 'Literal' || typeof member.property.value !== 'number') return undefined;
  const held = source.stableInitializer(member.object, member.object.name);
  let array = held && unwrapExpression(held);
  if (array?.type === 'ConditionalExpression' && requiresDesktopPlatform(source, array.test)) array = unwrapExpression(array.alternate);
  const element = array?.type === 'ArrayExpression' ? array.elements[member.property.value] : undefined;
  return element && element.type !== 'SpreadElement' ? element : undefined;
}

/**
 * `var gitCommand = 'git daemon --listen={1} …'; if (!host) gitCommand = 'git daemon …'; gitCommand = gitCommand.format(…)`:
 * a variable given several commands, all of one program, reads as the first of them. A value
 * built from the variable itself keeps its program, and `null` is no value yet.
 */
function agreedText(source: SourceCode, variable: TSESTree.Identifier, depth: number): string | undefined {
  // `var systemdConf = null` before the branches that set it: no value yet, not another one.
  const values = source.assignedValues(variable, variable.name)?.filter((value) => !mentionsIdentifier(value, variable.name) && !isNullish(value));
  const texts = values?.map((value) => staticText(source, value, depth + 1));
  if (!texts || texts.length === 0 || texts.some((text) => text === undefined)) return undefined;
  const programs = new Set(texts.map((text) => programName(text!.trim().split(/\s+/)[0])));
  return programs.size === 1 && !texts[0]!.trim().startsWith(DYNAMIC) ? texts[0] : undefined;
}

/**
 * A template filled in by a format call: `'git clone {0} {1}'.format(url, dir)` (a String.prototype
 * extension), `util.format('git clone %s', url)`. Placeholders become `DYNAMIC`.
 */
function formattedText(source: SourceCode, call: TSESTree.CallExpression, depth: number): string | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || getMemberName(callee) !== 'format') return undefined;
  const template = getMemberPath(callee.object)?.join('.') === 'util' ? call.arguments[0] : callee.object;
  const text = template && template.type !== 'SpreadElement' ? staticText(source, template, depth) : undefined;
  return text?.replace(/\{\d+\}|%[sdifjoO]/g, DYNAMIC);
}

/** `(() => { if (config.gitBinPath) return …; return 'git'; })()`: what the function returns when nothing is configured. */
function iifeResult(source: SourceCode, fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, depth: number): string | undefined {
  if (fn.body.type !== 'BlockStatement') return staticText(source, fn.body, depth + 1);
  const last = fn.body.body.at(-1);
  return last?.type === 'ReturnStatement' && last.argument ? staticText(source, last.argument, depth + 1) : undefined;
}

/** Whether the call works in the app's own folder: no `cwd`, or `__dirname`, `process.cwd()`, `.`. */
export function runsInOwnFolder(call: ProcessCall): boolean {
  const cwd = call.options && findProperty(call.options, 'cwd');
  if (!cwd) return !call.options || !call.options.properties.some((property) => property.type === 'SpreadElement');
  const value = unwrapExpression(cwd.value as Node);
  const text = getStaticString(value);
  if (text !== undefined) return /^\.{0,2}\/?$/.test(text);
  if (value.type === 'Identifier') return value.name === '__dirname';
  const path = value.type === 'CallExpression' ? getMemberPath(value.callee)?.join('.') : undefined;
  if (path === 'process.cwd') return true;
  if (value.type === 'CallExpression' && /^path\.(?:join|resolve)$|^(?:join|resolve)$/.test(path ?? '')) {
    const first = value.arguments[0] && unwrapExpression(value.arguments[0]);
    return first?.type === 'Identifier' && first.name === '__dirname' && value.arguments.slice(1).every((argument) => /^(?:\.\.?\/?)+$/.test(getStaticString(argument) ?? 'x'));
  }
  return false;
}
