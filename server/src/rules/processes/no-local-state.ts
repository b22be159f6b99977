/**
 * Factor VI: processes share nothing. Anything kept in one process's memory or on its disk is
 * invisible to the other instances and lost on restart, so sessions, uploads and data belong in
 * backing services. Request-scoped buffers and in-memory test databases are fine.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import { assignmentsInFunction, enclosingClass, enclosingFunction, fallbackOf, findProperty, findSpreadProperty, getCalleeName, getCalleeProperty, getMemberName, getMemberPath, getPropertyName, getStaticString, isFunctionNode, prototypeMethodOf, isNullish, requiredSpecifier, resolveConst, unwrapExpression } from '../_utils/ast';
import { isBootFunctionName } from '../_utils/callGraph';
import { cliCommandOf } from '../_utils/cliCommands';
import { schemaEntryOf, schemaSetting } from '../_utils/configSchema';
import { amongDefaults } from '../_utils/defaultSettings';
import { isEnvDefault, readsEnvironment } from '../_utils/env';
import { fsMethodOf, isPathBuilderCall } from '../_utils/fs';
import { bindingsByLocalName, findModuleBindings, modulesByLocalName, type ModuleBinding, type ModuleBindings } from '../_utils/imports';
import { projectPath } from '../_utils/modules';
import { enclosingRequestHandler } from '../_utils/requestHandlers';
import { isHttpServerModule } from '../_utils/servers';
import { serviceKindOfModule } from '../_utils/serviceKinds';
import { howAssigned, inDevelopmentOnlyBranch } from '../_utils/branches';
import { isBrowserFile, isDevOnlyFile, isScaffolder } from '../_utils/sourceRoles';
import { newStoreFileUse, noteStoreFileUse, savedRecordFile, storeFileName, storeFileWrites } from '../_utils/storeFiles';
import { nameWords } from '../_utils/strings';
import { someInSubtree, walkSubtree } from '../../engine/traverse';

type MessageId = 'memoryDatabaseFallback' | 'acmeCertificates' | 'checkedUploadFolder' | 'installedCode' | 'loggedState' | 'loggedStateRecovery' | 'memorySession' | 'diskUploads' | 'localDatabase' | 'localDatabaseKind' | 'localStorageKind' | 'appDirectoryWrite' | 'localStoreAdapter' | 'keptScreenshot' | 'dataFolderStore' | 'stateFile' | 'storeFile' | 'savedRecord';

const SQLITE_MODULES = ['sqlite3', 'better-sqlite3', 'node:sqlite', 'sqlite', 'level', 'levelup', 'classic-level', 'lowdb', 'lowdb/node', 'lowdb/adapters/FileSync', 'lowdb/adapters/FileAsync', 'nedb', '@seald-io/nedb', 'nedb-promises', 'nedb-promise'];
const FILE_DATABASE_CONSTRUCTORS = /(?:^|\.)(?:Database|DatabaseSync|JSONFile|JSONFileSync|FileSync|FileAsync|Datastore)$/;
const LOWDB_FILE_ADAPTER = /(?:^|\.)(?:JSONFile|JSONFileSync|FileSync|FileAsync)$/;
const SQLITE_CLIENTS = new Set(['sqlite', 'sqlite3', 'better-sqlite3']);
const FS_WRITES = new Set(['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'outputFile', 'outputFileSync']);
/** Calls that put a file somewhere, by the index of the argument saying where (`-1`: any argument). */
const FILE_PLACERS: ReadonlyMap<string, number> = new Map([
  ...['writeFile', 'writeFileSync', 'createWriteStream', 'toFile'].map((name) => [name, 0] as const),
  ...['rename', 'renameSync', 'copyFile', 'copyFileSync', 'move', 'moveSync', 'mv', 'copy', 'copySync'].map((name) => [name, 1] as const),
  // fs-extra's `outputFile(path, data)`, image-data-uri's `outputFile(dataUri, path)`.
  ...['outputFile', 'outputFileSync'].map((name) => [name, -1] as const),
]);
/** Names of a file the upload middleware received: `file`, `uploadedFile`, `image`. */
const UPLOADED_FILE = /^(?:file|files|upload|uploaded\w*|\w*File|image|img|media|attachment|avatar|picture|photo)$/i;
/** Names of an upload folder: `uploadDir`, `upload_path`, `pathToUpload`, `'public/uploads'`. */
const UPLOAD_NAME = /upload/i;
const TEMPORARY_NAME = /te?mp(?:dir|orary)?(?:[^a-z]|$)|^te?mp/i;
/** The app's own helpers that keep a file on local disk: `saveFileToLocal()`, `storeImageOnDisk()`. */
const LOCAL_SAVE_HELPER = /(?:file|upload|image|img|avatar|picture|photo|attachment|media)\w*(?:To|On|In)(?:Local|Disk)\w*$/i;
/** Settings that name the upload folder: `upload_path`, `uploadDir`, `UPLOADS_FOLDER`, a local storage driver's `STORAGE_LOCAL_ROOT`. */
const UPLOAD_FOLDER_KEY = /^(?:uploads?|(?:storage|files?)[_-]?local|local[_-]?(?:storage|files?))[_-]?(?:path|dir|directory|folder|root|location)$/i;

interface Bindings {
  readonly session: ModuleBindings;
  /** Express 3 and connect, whose own `session()` is the middleware express-session became. */
  readonly bundledSession: ModuleBindings;
  readonly multer: ModuleBindings;
  readonly fileDatabases: ModuleBindings;
  readonly memoryStores: ModuleBindings;
  readonly diskStores: ReadonlyMap<string, ModuleBinding>;
}

/** Store modules that keep what they store in local files: `session-file-store`, `connect-sqlite3`, `@verdaccio/local-storage`, `node-persist`, PouchDB's disk adapters. */
const DISK_STORE_MODULE = /(?:^|[/-])(?:local-?storage(?:-legacy)?|session-file-store|file-?store|fs-?store|disk-?store|node-persist|localfilesystem)$|^(?:connect-sqlite3|connect-loki|connect-nedb-session|nedb-session-store|better-sqlite3-session-store|pouchdb-adapter-(?:leveldb|node-websql|fs))$/;

export default defineRule<MessageId>({
  id: 'processes/no-local-state',
  severity: 'warning',
  description: 'Sessions, uploads and data kept in process memory or on the local disk.',
  triggers: /\b(?:Disk|Local|Fs|File(?:System)?)\w*(?:Store|Storage)\b|\|\|\s*['"`](?:fs|files?|filesystem|local|disk|localfs)['"`]|connector['"]?\s*:\s*['"]memory|['"`](?:classic-)?level(?:up)?['"`]|new\s+PouchDB\b|PouchDB\.defaults\s*\(|pouchdb-adapter-|greenlock|express-session|(?:express|connect)\.session\s*\(|HTPasswd|createInterface|[lL]ogWriter\b|memorystore|multer|screenshot\s*\(|local-?storage|file-store|fs-store|disk-store|node-persist|localfilesystem|sqlite|lowdb|nedb|lokijs|class\s+Local(?:FS|Fs|Database|Db|DB)\b|class\s+(?:Local\w*|\w*File(?:System)?|\w*Files|\w*Fs|\w*Disk)(?:Store|Storage|Backend|Adapter|Repository)\b|extends\s+[\w.]*(?:Local|File|Fs|Disk)\w*(?:Store|Storage|Backend|Adapter|Repository)|(?:[fF]s|[dD]isk|[fF]ile[sS]ystem|[lL]ocalFiles?)(?:Store|Storage)\s*\.\s*\w+\s*\(|(?:[wW]riteFile|appendFile|createWriteStream|outputFile|[wW]riteJson|writeJSON|outputJson)\w*\s*\(|\b(?:rename|copyFile|move|mv|copy|toFile)(?:Sync)?\s*\(|\bfs\.(?:mkdir|open)(?:Sync)?\s*\(|(?:To|On|In)(?:Local|Disk)\w*\s*\(|[uU]ploads?[_-]?(?:[pP]ath|[dD]ir|[fF]older|[rR]oot|[lL]ocation|PATH|DIR|FOLDER|ROOT|LOCATION)|STORAGE_LOCAL_|[sS]torage[_-]?[lL]ocal|[lL]ocal[_-]?[sS]torage[_-]?(?:[pP]ath|[dD]ir|[rR]oot)|(?:[dD]b|DB|[dD]ata(?:base)?|DATA(?:BASE)?|[sS]tore|STORE|[sS]torage|[fF]lows?|[sS]tate)[_-]?(?:[fF]ile|FILE|[pP]ath|PATH)|\bstorage['"]?\s*:\s*\{[^{}]{0,300}?\bdefault['"]?\s*:\s*['"`](?:fs|files?|filesystem|local|disk|localfs|local-fs)['"`]|(?:db|database|DB|DATABASE|Database)[_-]?(?:[tT]ype|[dD]ialect|[dD]river|[eE]ngine|[kK]ind|[aA]dapter|TYPE|DIALECT|DRIVER|ENGINE|KIND|ADAPTER)\b/,
  messages: {
    memorySession:
      'Sessions are kept in this process\'s memory (the default store). Another instance never sees them and a restart logs everyone out: give express-session a store backed by Redis or a database.',
    diskUploads:
      'Uploads are written to this process\'s disk. Other instances cannot serve them and they vanish with the container: stream them to object storage or a database.',
    acmeCertificates:
      '{{module}} keeps the certificates it obtains and its ACME account keys in files on this process\'s disk (its default store). Another instance never sees them, and a new container starts without them and asks Let\'s Encrypt again, which rate-limits it: give it a store in a shared backing service, or terminate TLS at the platform\'s router.',
    checkedUploadFolder:
      'Uploads are kept in a folder on this process\'s disk (`{{setting}}`), which the app checks it can write to. Other instances cannot serve them and they vanish with the container: make object storage the default, and the local folder a choice for development.',
    localDatabase:
      'The app keeps its data in a local file ({{file}}). Each instance gets its own copy and a redeploy can lose it: use a database server attached through config.',
    memoryDatabaseFallback:
      'When no database is configured, the app falls back to an in-memory SQLite database: its data lives in this process only, other instances never see it and a restart loses it. Require a database server to be configured instead of falling back.',
    localDatabaseKind:
      'The database defaults to {{kind}}, which keeps the data in a file on this process\'s disk. Each instance gets its own copy and a redeploy can lose it: default to a database server attached through config.',
    localStorageKind:
      'Storage defaults to `{{kind}}`: files on this process\'s disk. Each instance keeps its own and a new container starts without them: default to object storage or a database attached through config, and keep the local disk a choice for development.',
    localStoreAdapter:
      '{{name}} keeps what it stores in files on this process\'s disk. Other instances never see them and a new container starts without them: when it is the default store, make a shared backing service (object storage, a database) the default.',
    appDirectoryWrite:
      'A request handler writes a file to this process\'s disk (or request data into the app\'s own folders). That disk belongs to one disposable process: other instances never see the file and the next deploy loses it. Store it in a backing service.',
    dataFolderStore:
      'This writes into the app\'s data folder, which the same module reads its data back from. That folder is on one instance\'s disk: another instance cannot read what this one wrote, and a new container starts without it. Keep the data in a database or object storage.',
    stateFile:
      'This saves the app\'s {{what}} as a file on this process\'s disk. Another instance never sees the file and a new container starts without it, so logins and changes made on one instance vanish on the next: keep it in a database or another backing service.',
    storeFile:
      'The app keeps data in a file on this process\'s disk ({{file}}): this module writes it and reads it back. Another instance never sees the changes and a new container starts without them: keep the data in a database or another backing service.',
    savedRecord:
      'Saving this record writes it to a file on this process\'s disk ({{file}}). Another instance never sees it and a new container starts without it: save records to a database or another backing service.',
    installedCode:
      'Code downloaded at run time is moved into `{{folder}}` on this instance\'s disk. Other instances never get it and a new container starts without it, though the app may record it as installed: keep installed extensions in shared storage (or build them into the release).',
    loggedState:
      'This module keeps records in log files named from `{{path}}` on this process\'s disk and reads them back as state (what is still unsent, what was running). Another instance never sees them and a new container starts without them, so that work is lost or done twice: keep it in a database or a durable queue.',
    loggedStateRecovery:
      'At startup this recovers state from records the app logged to files on this process\'s disk (`{{call}}` reads them back through the log writer): what was unsent or running is found only by the instance that wrote it, and a new container starts without it. Keep such state in a database or a durable queue.',
    keptScreenshot:
      'Screenshots are kept in files on this process\'s disk. Other instances cannot serve them and a new container starts without them: upload them to object storage, or keep them only for the request.',
  },
  create(context) {
    // Developer scripts, tool configuration and browser bundles never run in a deploy's server.
    if (isDevOnlyFile(context.project, context.source.path) || isBrowserFile(context.project.root, context.source.path, context.source.text)) return {};
    let bindings: Bindings | undefined;
    const dataFolder: DataFolderUse = { writes: [], read: false };
    const storeFiles = newStoreFileUse();
    // A record's `save` that is also read back is reported as the store file it is.
    const savedRecords: [Node, string][] = [];
    const reported = new Set<Node>();
    // Operator commands and project generators write the files the server reads (`adduser` saving credentials); they run once, by hand.
    const reportOnce = (node: Node, messageId: MessageId, data?: Record<string, string>): void => {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ at: node, messageId, data });
    };
    const readsBackRecords = READS_BACK_RECORDS.every((pattern) => pattern.test(context.source.text));
    // An installer (`src/install.js` saving the config the setup asked for) is such a command too.
    const isCommandFile = /(?:^|\/)(?:cli|commands?|command-line|bin)(?:\/|\.[cm]?[jt]s$)|(?:^|\/)install(?:er)?\.[cm]?[jt]s$/.test(projectPath(context.project.root, context.source.path)) || isScaffolder(context.source.path, context.source.text);
    return {
      Program: (node) => {
        const program = node as TSESTree.Program;
        bindings = {
          session: findModuleBindings(program, (module) => module === 'express-session'),
          bundledSession: findModuleBindings(program, (module) => module === 'express' || module === 'connect'),
          multer: findModuleBindings(program, (module) => module === 'multer'),
          fileDatabases: withAssignedRequires(context.source, findModuleBindings(program, (module) => SQLITE_MODULES.includes(module)), SQLITE_MODULES),
          memoryStores: findModuleBindings(program, (module) => module === 'memorystore'),
          diskStores: bindingsByLocalName(program, (module) => DISK_STORE_MODULE.test(module)),
        };
      },
      CallExpression: (node) => {
        checkCall(context, node as TSESTree.CallExpression, bindings!);
        noteDataFolderUse(context.source, node as TSESTree.CallExpression, dataFolder);
        if (isCommandFile || cliCommandOf(node)) return;
        if (checkStateFileWrite(context, node as TSESTree.CallExpression)) reported.add(node);
        noteStoreFileUse(context.source, node as TSESTree.CallExpression, storeFiles);
        const saved = savedRecordFile(context.source, node as TSESTree.CallExpression);
        if (saved) savedRecords.push([node, saved]);
      },
      // Written there and read back: the folder, or the file, is where the app keeps data between requests.
      'Program:exit': () => {
        if (dataFolder.read) for (const write of dataFolder.writes) reportOnce(write, 'dataFolderStore');
        for (const [key, write] of storeFileWrites(storeFiles)) reportOnce(write, 'storeFile', { file: storeFileName(key) });
        for (const [write, key] of savedRecords) reportOnce(write, 'savedRecord', { file: storeFileName(key) });
      },
      NewExpression: (node) => checkConstructor(context, node as TSESTree.NewExpression, bindings!),
      ClassBody: (node) => checkLogRecovery(context, node as TSESTree.ClassBody),
      ObjectExpression: (node) => checkOrmConfig(context, node as TSESTree.ObjectExpression),
      VariableDeclarator: (node) => {
        const declarator = node as TSESTree.VariableDeclarator;
        checkDatabaseFilePath(context, declarator, bindings!);
        if (declarator.id.type === 'Identifier' && declarator.init) checkStorageKind(context, declarator.id.name, declarator.init, false);
      },
      Property: (node) => {
        const property = node as TSESTree.Property;
        checkSetting(context, settingNames(property), property.value as Node, schemaEntryOf(property) !== undefined);
        checkDefaultFileDatabase(context, property);
        if (readsBackRecords && isLogFilesPath(property)) context.report({ at: property, messageId: 'loggedState', data: { path: getPropertyName(property.key)! } });
      },
      AssignmentExpression: (node) => {
        const assignment = node as TSESTree.AssignmentExpression;
        checkSetting(context, getMemberPath(assignment.left)?.slice(-1) ?? [], assignment.right);
      },
    };
  },
});

/**
 * `try { Datastore = require('@seald-io/nedb') } catch {}` in the function that opens the database:
 * a module assigned to a variable wherever it is, besides the bindings of the module's top level.
 */
function withAssignedRequires(source: SourceCode, bindings: ModuleBindings, modules: readonly string[]): ModuleBindings {
  // Most files require none of these modules: no need to walk them.
  if (!modules.some((module) => source.text.includes(`'${module}'`) || source.text.includes(`"${module}"`))) return bindings;
  const namespaces = new Set(bindings.namespaces);
  walkSubtree(source.ast, (node) => {
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && modules.includes(requiredSpecifier(unwrapExpression(node.right)) ?? '')) namespaces.add(node.left.name);
    return true;
  });
  return { namespaces, named: bindings.named };
}

function checkCall(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression, bindings: Bindings): void {
  if (node.callee.type === 'Super') return checkDiskStoreSubclass(context, node);
  const path = getMemberPath(node.callee);
  // `var expressSession = require('express-session')` inside the function that sets the app up is followed too.
  const local = node.callee.type === 'Identifier' ? context.source.stableInitializer(node.callee, node.callee.name) : undefined;
  if ((path?.length === 1 && bindings.session.namespaces.has(path[0])) || requiredSpecifier(unwrapExpression(local ?? node.callee)) === 'express-session') return checkSession(context, node, bindings);
  // `express.session({ secret })` of Express 3 (and connect's): the same middleware, on the same memory store by default.
  if (path?.length === 2 && path[1] === 'session' && bindings.bundledSession.namespaces.has(path[0])) return checkSession(context, node, bindings);
  if (path && bindings.multer.namespaces.has(path[0])) return checkMulter(context, node, path);
  const name = path?.join('.') ?? '';
  if (name === 'sqlite.open' || name === 'open') return checkSqliteOpen(context, node, bindings);
  if (path?.length === 1 && bindings.fileDatabases.namespaces.has(path[0])) return checkFileDatabaseFactory(context, node);
  const method = path?.at(-1) ?? '';
  const setting = method === 'set' && node.arguments.length === 2 ? getStaticString(node.arguments[0]) : undefined;
  if (setting) checkSetting(context, [setting], node.arguments[1] as Node);
  const pouchFolder = localPouchPrefix(node);
  if (pouchFolder) return context.report({ at: node, messageId: 'localDatabase', data: { file: `LevelDB folders under \`${context.source.getText(pouchFolder)}\`` } });
  const fallback = defaultDiskStoreModule(node) ?? defaultDiskStoreClass(node);
  if (fallback) return context.report({ at: node, messageId: 'localStoreAdapter', data: { name: fallback } });
  const store = (isStoreWrite(node) ? localStoreOperation(node) : undefined) ?? diskStoreWrite(path);
  if (store) context.report({ at: node, messageId: 'localStoreAdapter', data: { name: store } });
  const fsMethod = fsMethodOf(path) ?? '';
  if (FS_WRITES.has(fsMethod) && writesRequestIntoApp(context.source, node)) return context.report({ at: node, messageId: 'appDirectoryWrite' });
  if (method === 'screenshot' && keepsScreenshot(context.source, node)) return context.report({ at: node, messageId: 'keptScreenshot' });
  if (isUploadKept(node, method)) return context.report({ at: node, messageId: 'diskUploads' });
  if (changesDiskInHandler(node, fsMethod) && writesRequestIntoApp(context.source, node)) return context.report({ at: node, messageId: 'appDirectoryWrite' });
  const acme = acmeClientWithDiskStore(context.source, node);
  if (acme) return context.report({ at: node, messageId: 'acmeCertificates', data: { module: acme } });
  const uploadSetting = checkedUploadFolder(context.source, node, fsMethod);
  if (uploadSetting) return context.report({ at: node, messageId: 'checkedUploadFolder', data: { setting: uploadSetting } });
  const folder = installedCodeFolder(node, method);
  if (folder) context.report({ at: node, messageId: 'installedCode', data: { folder } });
}

/** A folder of installable code: `this.extensionPath`, `pluginsDir`, `EXTENSIONS_PATH`. */
const CODE_FOLDER = /^(?:\w*[eE]xtensions?|\w*[pP]lugins?|EXTENSIONS?|PLUGINS?)(?:_?(?:[pP]ath|[dD]ir|[fF]older|PATH|DIR))?$/;
/** Calls that fetch or unpack a package: `download(versionId)`, `extract({ file })`. */
const FETCHES_CODE = /^(?:download|extract|unpack|untar|unzip)\w*$/;

/**
 * `await move(join(tempDir, 'package'), join(this.extensionPath, '.registry', versionId))` in a function
 * that downloads or extracts it: an extension installed into a folder of this disk.
 */
function installedCodeFolder(node: TSESTree.CallExpression, method: string): string | undefined {
  if (FILE_PLACERS.get(method) !== 1 || !node.arguments[1]) return undefined;
  const names = withAssignedValues(node.arguments[1] as Node).flatMap((part) => pathNames(part));
  const folder = names.find((name) => CODE_FOLDER.test(name));
  const owner = enclosingFunction(node);
  if (!folder || !owner || isTemporary(names)) return undefined;
  return callsMethod(owner, (method) => FETCHES_CODE.test(method)) ? folder : undefined;
}

/** Whether a call below `scope` names a method `matches` accepts (`download(…)`, `fs.writeFile(…)`). */
function callsMethod(scope: Node, matches: (method: string) => boolean): boolean {
  return someInSubtree(scope, (child) => child.type === 'CallExpression' && matches(getCalleeProperty(child) ?? ''));
}

/** A file put into the upload folder (`fs.rename(tmp, path.join(uploadDir, name))`), or handed to a helper that keeps it on local disk. */
function isUploadKept(node: TSESTree.CallExpression, method: string): boolean {
  if (LOCAL_SAVE_HELPER.test(method)) return true;
  const index = FILE_PLACERS.get(method);
  if (index === undefined) return false;
  const destinations = index === -1 ? node.arguments : node.arguments.slice(index, index + 1);
  if (destinations.some((argument) => namesUploadFolder(withAssignedValues(argument as Node)))) return true;
  // `fs.copy(file.path, target)`: a storage adapter keeping the uploaded file (multer's temp path) on this disk.
  return index === 1 && isUploadedFilePath(node.arguments[0] as Node | undefined) && !namesTemporaryFolder(node.arguments[1] as Node);
}

const ACME_CLIENTS: ReadonlySet<string> = new Set(['greenlock', 'greenlock-express', '@root/greenlock', '@root/greenlock-express']);

/** `Greenlock.create({ packageRoot, configDir })`, `letsencrypt.create({ server, email })`: an ACME client left on its default store of files. */
function acmeClientWithDiskStore(source: SourceCode, call: TSESTree.CallExpression): string | undefined {
  if (call.callee.type !== 'MemberExpression' || !/^(?:create|init)$/.test(getMemberName(call.callee) ?? '')) return undefined;
  const receiver = unwrapExpression(call.callee.object);
  const bound = receiver.type === 'Identifier' ? (source.constInitializer(receiver, receiver.name) ?? receiver) : receiver;
  const module = requiredSpecifier(bound) ?? (receiver.type === 'Identifier' ? modulesByLocalName(source.ast).get(receiver.name) : undefined);
  if (!module || !ACME_CLIENTS.has(module)) return undefined;
  const [options] = call.arguments;
  return options?.type === 'ObjectExpression' && (findProperty(options, 'store') || findProperty(options, 'manager')) ? undefined : module;
}

/** `access(env.STORAGE_LOCAL_ROOT, W_OK)`: the setting naming the upload folder the app makes sure it can write to. */
function checkedUploadFolder(source: SourceCode, node: TSESTree.CallExpression, fsMethod: string): string | undefined {
  if ((fsMethod !== 'access' && fsMethod !== 'accessSync') || node.arguments.length < 2) return undefined;
  const setting = getMemberPath(node.arguments[0] as Node)?.at(-1);
  return setting && UPLOAD_FOLDER_KEY.test(setting) && /\bW_OK\b/.test(source.getText(node.arguments[1] as Node)) ? setting : undefined;
}

/** `file.path`, `req.file.path`, `uploadedFile.path`: where the upload middleware left the file. */
function isUploadedFilePath(node: Node | undefined): boolean {
  const path = node && getMemberPath(node);
  return path !== undefined && path.length >= 2 && path[path.length - 1] === 'path' && UPLOADED_FILE.test(path[path.length - 2]);
}

/** Whether a path expression names an upload folder and no temporary one. */
function namesUploadFolder(node: Node | readonly Node[]): boolean {
  const names = (Array.isArray(node) ? node : [node]).flatMap((part: Node) => pathNames(part));
  return names.some((name) => UPLOAD_NAME.test(name)) && !isTemporary(names);
}

function namesTemporaryFolder(node: Node): boolean {
  return isTemporary(pathNames(node));
}

function isTemporary(names: readonly string[]): boolean {
  return names.some((name) => TEMPORARY_NAME.test(name) || name === 'tmpdir');
}

/**
 * A path with what its local variables were set to, two steps deep: `destPath` after
 * `destDir = path.join(config.getFileUploadPath(), …); destPath = path.join(destDir, name)`.
 */
function withAssignedValues(node: Node, depth = 2): Node[] {
  const value = unwrapExpression(node);
  if (value.type !== 'Identifier' || depth === 0) return [value];
  const scope = enclosingFunction(value);
  if (!scope) return [value];
  const assigned: Node[] = [];
  walkSubtree(scope, (child) => {
    if (child.type === 'AssignmentExpression' && child.left.type === 'Identifier' && child.left.name === value.name) assigned.push(child.right);
    if (child.type === 'VariableDeclarator' && child.id.type === 'Identifier' && child.id.name === value.name && child.init) assigned.push(child.init);
    return true;
  });
  return [value, ...assigned.filter(isBuiltPath).flatMap((item) => pathParts(item).flatMap((part) => withAssignedValues(part, depth - 1)))];
}

/** `path.join(dir, name)`, `getFileUploadPath()`, `` `${dir}/${name}` ``, `dir + '/' + name`: an expression that builds a path, not any value. */
function isBuiltPath(node: Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === 'CallExpression') return isPathBuilderCall(value);
  return value.type === 'TemplateLiteral' || value.type === 'Identifier' || (value.type === 'BinaryExpression' && value.operator === '+') || getStaticString(value) !== undefined;
}

/** The pieces of a built path that may be variables: the arguments of `path.join(…)`, or the expression itself. */
function pathParts(node: Node): Node[] {
  const value = unwrapExpression(node);
  return value.type === 'CallExpression' ? [value, ...(value.arguments as Node[])] : [value];
}

/** The identifiers and strings a path is built from: `path.join(os.tmpdir(), 'upload-' + id)`. */
function pathNames(node: Node): string[] {
  const names: string[] = [];
  walkSubtree(node, (child) => {
    if (child.type === 'Identifier') names.push(child.name);
    const text = getStaticString(child);
    if (text !== undefined) names.push(text);
    return true;
  });
  return names;
}

/** Adapters named for the local disk: `FileStore`, `FsStore`, `LocalFilesStorage`, `DiskBackend`, `LocalFS`, `LocalDatabase`. */
const LOCAL_STORE_CLASS = /^(?:Local\w*|\w*File(?:System)?|\w*Files|\w*Fs|\w*Disk)(?:Store|Storage|Backend|Adapter|Repository)$|^Local(?:FS|Fs|Database|Db|DB)$/;
/** Calls that write a file: fs and fs-extra writes, moves and copies, and the class's own `writeAtomic()`. */
const FILE_WRITE_CALL = /^(?:_?write\w*|outputFile\w*|outputJson\w*|createWriteStream|copy(?:File)?(?:Sync)?|rename(?:Sync)?|move(?:Sync)?)$/;
/** Methods that are helpers of the store's operations (`_writeAtomic`, `writeAtomic`): the operation calling them is reported; `writeTarball` is an operation. */
const HELPER_METHOD = /^_|^write(?:Atomic|File|Json|Sync|Data)?(?:Sync)?$|Atomic/i;

/**
 * `class FileStore { async replace(settings) { await this.writeAtomic(path, settings) } }`: the
 * adapter that stores on local disk whose public operation a write runs in. Writes in helpers,
 * constructors and private methods are left to the operations that call them.
 */
function localStoreOperation(call: Node): string | undefined {
  for (let node = call.parent; node; node = node.parent) {
    const prototypeMethod = prototypeMethodOf(node);
    if (prototypeMethod) {
      const [owner, method] = prototypeMethod;
      if (!HELPER_METHOD.test(method) && LOCAL_STORE_CLASS.test(owner)) return owner;
      continue;
    }
    if (node.type !== 'MethodDefinition' || node.kind !== 'method' || node.key.type === 'PrivateIdentifier') continue;
    if (HELPER_METHOD.test(getPropertyName(node.key) ?? '_')) continue;
    const owner = node.parent.parent;
    // Decorated classes compile to `let FsStore = class FsStore { … }`.
    if ((owner.type === 'ClassDeclaration' || owner.type === 'ClassExpression') && owner.id && LOCAL_STORE_CLASS.test(owner.id.name)) return owner.id.name;
  }
  return undefined;
}

/** Options naming where a store keeps its files: `storagePath`, `dir`, `rootFolder`. */
const STORE_LOCATION_KEY = /(?:path|dir|directory|folder|root|location)$/i;

/**
 * `class ThemeStorage extends LocalStorageBase { constructor() { super({ storagePath: contentPath('themes') }) } }`:
 * a new store on the local disk, in a folder of its own.
 */
function checkDiskStoreSubclass(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const owner = enclosingClass(call);
  const base = owner?.superClass ? getMemberPath(owner.superClass)?.at(-1) : undefined;
  if (!owner?.id || !base || !LOCAL_STORE_CLASS.test(base.replace(/Base$/, ''))) return;
  const [options] = call.arguments;
  const location = options?.type === 'ObjectExpression'
    ? options.properties.find((property) => property.type === 'Property' && STORE_LOCATION_KEY.test(getPropertyName(property.key) ?? ''))
    : undefined;
  if (location) context.report({ at: location, messageId: 'localStoreAdapter', data: { name: owner.id.name } });
}

/** Instances named for a store on the local disk: `this.fsStore`, `diskStorage`, `localFileStore` (not a `fileStore` service, which may be S3). */
const DISK_STORE_INSTANCE = /^(?:local)?(?:fs|disk|file[sS]ystem)(?:Store|Storage)$|^localFiles?(?:Store|Storage)$/i;
const STORE_WRITE_METHOD = /^(?:write|save|put|store|set|upsert|append)(?:[A-Z]\w*)?$/;

/** `await this.fsStore.write(ref, data)`: data handed to a store on the local disk. */
function diskStoreWrite(path: readonly string[] | undefined): string | undefined {
  if (!path || path.length < 2 || !STORE_WRITE_METHOD.test(path[path.length - 1])) return undefined;
  const receiver = path[path.length - 2];
  return DISK_STORE_INSTANCE.test(receiver) ? receiver : undefined;
}

/** A field holding the writer of the app's own log files: `this.logWriter`, `this.eventLogWriter`. */
const LOG_WRITER_FIELD = /^_?(?:\w*[lL]og)Writer$/;
/** Reads of what was logged, not of where it goes (`getLogFileName()`). */
const READ_METHOD = /^(?:get|read|load)[A-Z](?!\w*(?:Name|Path)$)/;

/**
 * `async initialize() { const unsent = await this.getUnsentAndUnfinishedExecutions(); … }` where that method
 * returns `this.logWriter.getUnsentAndUnfinishedExecutions()`: a boot step that takes its state from log files.
 */
function checkLogRecovery(context: FileRuleContext<MessageId>, body: TSESTree.ClassBody): void {
  const methods = body.body.filter((member): member is TSESTree.MethodDefinition => member.type === 'MethodDefinition' && member.kind === 'method');
  const readers = new Set(methods.filter((method) => callsThis(method, (path) => path.length === 3 && LOG_WRITER_FIELD.test(path[1]) && READ_METHOD.test(path[2]))).map((method) => getPropertyName(method.key)));
  if (readers.size === 0) return;
  for (const method of methods.filter((candidate) => isStartupStep(getPropertyName(candidate.key) ?? ''))) {
    walkSubtree(method.value, (node) => {
      const path = node.type === 'CallExpression' ? getMemberPath(node.callee) : undefined;
      if (path?.length === 2 && path[0] === 'this' && readers.has(path[1])) context.report({ at: node, messageId: 'loggedStateRecovery', data: { call: `this.${path[1]}()` } });
    });
  }
}

/** `initialize()`, and the recovery it hands over to: `performStartupRecovery()`. */
function isStartupStep(name: string): boolean {
  return isBootFunctionName(name) || /Startup|Recovery|^recover[A-Z]/.test(name);
}

/**
 * Whether the method calls `this.…` on a path `matches` accepts, also through the temporary that compiled
 * optional chaining reads it into: `(_a = this.logWriter) === null || _a === void 0 ? void 0 : _a.getUnsent()`.
 */
function callsThis(method: TSESTree.MethodDefinition, matches: (path: readonly string[]) => boolean): boolean {
  const aliases = new Map<string, string[]>();
  let found = false;
  walkSubtree(method.value, (node) => {
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') aliases.set(node.left.name, getMemberPath(node.right) ?? []);
    const written = node.type === 'CallExpression' ? getMemberPath(node.callee) : undefined;
    const path = written && aliases.has(written[0]) ? [...aliases.get(written[0])!, ...written.slice(1)] : written;
    found ||= path?.[0] === 'this' && matches(path);
    return !found;
  });
  return found;
}

/** Reading lines of a file as JSON records: `readline.createInterface({ input: createReadStream(logFileName) })`, `jsonParse(line)`. */
const READS_BACK_RECORDS = [/\bcreateReadStream\b/, /\bcreateInterface\b/, /[jJ][sS][oO][nN]\.?[pP]arse\)?\s*\(\s*line\b/];

/** `logFullBasePath: path.join(n8nFolder, logBaseName)`: the local folder the module's log files are named under. */
function isLogFilesPath(property: TSESTree.Property): boolean {
  return /^log\w*Path$/i.test(getPropertyName(property.key) ?? '') && isPathBuilderCall(unwrapExpression(property.value as Node));
}

function isStoreWrite(call: TSESTree.CallExpression): boolean {
  if (!FILE_WRITE_CALL.test(getMemberPath(call.callee)?.at(-1) ?? '')) return false;
  const names = call.arguments.flatMap((argument) => pathNames(argument as Node));
  return (!isTemporary(names) || isRenamedIntoPlace(call)) && !names.some((name) => /backup/i.test(name));
}

/** `fs.createWriteStream(temporalName)` and later `renameTmp(temporalName, pathName)` in the same method: an atomic write of the stored file. */
function isRenamedIntoPlace(call: TSESTree.CallExpression): boolean {
  const written = call.arguments[0];
  let method: Node | undefined = call.parent;
  while (method && method.type !== 'MethodDefinition') method = method.parent;
  if (written?.type !== 'Identifier' || !method) return false;
  let renamed = false;
  walkSubtree(method, (node) => {
    if (node.type === 'CallExpression' && /(?:^|\.)_?rename\w*$/i.test(getCalleeName(node) ?? '')) {
      const renamedFrom = node.arguments[0];
      renamed ||= renamedFrom?.type === 'Identifier' && renamedFrom.name === written.name;
    }
    return !renamed;
  });
  return renamed;
}

/**
 * The names of the setting a property gives a value for: its key, or, for the `default` of a convict
 * schema entry (`localStoragePath: { default: 'sqlite', env: 'DB_TYPE' }`), the variable that overrides
 * it and the entry's key, which name the setting. Overridable or not, the shipped default is what runs
 * when nobody sets it.
 */
function settingNames(property: TSESTree.Property): string[] {
  const key = getPropertyName(property.key);
  const entry = schemaEntryOf(property);
  if (!entry) return key ? [key] : [];
  const env = getStaticString(findProperty(entry, 'env')?.value as Node | undefined);
  const setting = schemaSetting(entry)?.name;
  return [...(env ? [env] : []), ...(setting ? [setting] : [])];
}

/** Settings whose shipped value keeps data on local disk: a file database kind, or a local upload folder. */
function checkSetting(context: FileRuleContext<MessageId>, names: readonly string[], value: Node, schemaDefault = false): void {
  if (names.some((name) => UPLOAD_FOLDER_KEY.test(name))) {
    // `path.join(instanceSettings.n8nFolder, 'binaryData')`: a folder the app names under its own.
    const folder = getStaticString(value) ?? folderUnderRoot(value) ?? (isPathBuilderCall(unwrapExpression(value)) ? fileNameOf(value) : undefined);
    if (folder && !folder.includes('://') && !TEMPORARY_NAME.test(context.source.getText(value))) context.report({ at: value, messageId: 'diskUploads' });
    return;
  }
  checkDatabaseKind(context, names[0], value);
  checkStorageKind(context, names.at(-1), value, schemaDefault);
  if (names.some((name) => DATA_FILE_KEY.test(name)) && DATA_FILE.test(fileNameOf(value) ?? '')) reportLocalFile(context, value, value);
}

/** The file a setting names: `'flows.json'`, `data.joinPath('database.db')`, `` `${dir}/app.sqlite` ``. */
function fileNameOf(value: Node): string | undefined {
  const node = unwrapExpression(value);
  if (node.type === 'CallExpression') {
    const last = node.arguments.at(-1);
    return isPathBuilderCall(node) && last && last.type !== 'SpreadElement' ? fileNameOf(last) : undefined;
  }
  if (node.type === 'TemplateLiteral') return node.quasis.at(-1)?.value.cooked ?? undefined;
  return getStaticString(node);
}

/** `self.apos.rootDir + '/public/uploads'`, `` `${root}/uploads` ``: a fixed folder under a root the app computes. */
function folderUnderRoot(value: Node): string | undefined {
  const node = unwrapExpression(value);
  const tail = node.type === 'BinaryExpression' && node.operator === '+' ? getStaticString(node.right) : node.type === 'TemplateLiteral' ? node.quasis.at(-1)?.value.cooked : undefined;
  return tail && /^\/\w/.test(tail) ? tail : undefined;
}

/** Settings naming the file the app keeps its data in: `flowFile`, `dbFile`, `DATA_FILE`, `store_filename`, `databasePath`. */
const DATA_FILE_KEY = /^(?:db|database|data|store|storage|flows?|state)[_-]?(?:file(?:_?name)?|path)$/i;
const DATA_FILE = /\.(?:json|db|sqlite3?|dat|nedb)$/i;

/** `session({ … })` with no store, or with a memory store. */
function checkSession(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression, bindings: Bindings): void {
  const given = node.arguments[0] && unwrapExpression(node.arguments[0]);
  // `session(config.session || { secret, resave })`: the options the app falls back to are its default.
  const fallback = given && fallbackOf(given);
  const argument = fallback ? unwrapExpression(fallback) : given;
  const options = argument && onlyAssignedObject(resolveConst(context.source, argument));
  // Options from elsewhere (`this.get('session options')`) that get a store only in some branches: memory in the others.
  if (argument?.type === 'Identifier' && options?.type === 'Identifier' && howAssigned(context.source, `${argument.name}.store`) === 'conditionally') context.report({ at: node, messageId: 'memorySession' });
  if (options?.type !== 'ObjectExpression' || options.properties.some((property) => property.type === 'SpreadElement')) return;
  const store = findProperty(options, 'store');
  // `store: null` leaves express-session on its memory store, as no store does.
  const storeValue = store && !isNullish(store.value as Node) ? (store.value as Node) : undefined;
  if (!storeValue) {
    // An explicit `store: null` is where the choice was made: reported there.
    if (!storeSetLater(context.source, argument!)) context.report({ at: store ?? node, messageId: 'memorySession' });
    return;
  }
  // A memory store made elsewhere (`const memoryStore = getMemoryStore(app)`, `store = new session.MemoryStore()` in a branch) is reported where it is made.
  const made = isMemoryStore(storeValue, bindings) ? node : memoryStoreMadeFor(context.source, storeValue, bindings);
  if (made) context.report({ at: made, messageId: 'memorySession' });
}

/**
 * Where the memory store a variable holds is made: its `const` value (`const memoryStore = memstoreConfig.getMemoryStore(app)`),
 * or one branch's (`let store; if (db) store = new KnexSessionStore(…); else store = new session.MemoryStore();`).
 */
function memoryStoreMadeFor(source: SourceCode, value: Node, bindings: Bindings): Node | undefined {
  const variable = unwrapExpression(value);
  if (variable.type !== 'Identifier') return undefined;
  const constant = resolveConst(source, variable);
  if (constant !== variable) return isMemoryStore(constant, bindings) ? constant : undefined;
  return assignmentsInFunction(variable).find((assignment) => isMemoryStore(assignment.right, bindings))?.right;
}

/**
 * `sessionOpts = { …, store: null }` assigned once in the function, as TypeScript's ES5 output hoists
 * `var sessionOpts;` and assigns it later: the object, when that is the variable's only value.
 */
function onlyAssignedObject(resolved: Node): Node {
  if (resolved.type !== 'Identifier') return resolved;
  const values = assignmentsInFunction(resolved).filter((assignment) => assignment.operator === '=').map((assignment) => unwrapExpression(assignment.right));
  return values.length === 1 && values[0].type === 'ObjectExpression' ? values[0] : resolved;
}

/**
 * `sessionConfig.store = new RedisStore(…)` before `session(sessionConfig)`. Set only inside an `if`
 * (`if (cookieSessionStore) sessionConfig.store = cookieSessionStore`), the default is still memory.
 */
function storeSetLater(source: SourceCode, options: Node): boolean {
  return options.type === 'Identifier' && howAssigned(source, `${options.name}.store`) === 'always';
}

/** A factory named for a memory store: `memstoreConfig.getMemoryStore(app)`, `createMemStore()`. */
const MEMORY_STORE_FACTORY = /^(?:get|create|make|build)\w*Mem(?:ory)?Store$/;

function isMemoryStore(value: Node, bindings: Bindings): boolean {
  const store = unwrapExpression(value);
  if (store.type === 'CallExpression') return MEMORY_STORE_FACTORY.test(getCalleeProperty(store) ?? '');
  if (store.type !== 'NewExpression') return false;
  const callee = store.callee;
  const path = getMemberPath(callee);
  if (path?.[path.length - 1] === 'MemoryStore') return true;
  // `new (require('memorystore')(session))(…)` or `const MemoryStore = require('memorystore')(session)`.
  return path?.length === 1 && bindings.memoryStores.namespaces.has(path[0]);
}

/**
 * `app.config.session.store = new MemoryStore()` with express-session's `MemoryStore`: the session
 * store set as a setting, outside development. Handed straight to `session(…)` it is reported there.
 */
function isSessionStoreSetting(source: SourceCode, node: TSESTree.NewExpression, bindings: Bindings): boolean {
  const assignment = node.parent;
  if (assignment?.type !== 'AssignmentExpression' || assignment.right !== node || assignment.left.type !== 'MemberExpression' || getMemberName(assignment.left) !== 'store') return false;
  const callee = unwrapExpression(node.callee);
  const held = callee.type === 'Identifier' ? source.stableInitializer(callee, callee.name) : undefined;
  // `new session.MemoryStore()`, or `var MemoryStore = require('express-session').MemoryStore`.
  const store = held ? unwrapExpression(held) : callee;
  if (store.type !== 'MemberExpression' || getMemberName(store) !== 'MemoryStore') return false;
  const module = unwrapExpression(store.object);
  const fromSession = requiredSpecifier(module) === 'express-session' || (module.type === 'Identifier' && bindings.session.namespaces.has(module.name));
  return fromSession && !inDevelopmentOnlyBranch(source, node);
}

/** `multer.diskStorage(…)` and `multer({ dest })`; `memoryStorage()` keeps uploads per request and is fine. */
function checkMulter(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression, path: readonly string[]): void {
  if (path.length === 2 && path[1] === 'diskStorage') {
    // `diskStorage({})` with no destination writes to os.tmpdir(): a scratch file for the request.
    const options = node.arguments[0] && unwrapExpression(node.arguments[0]);
    const destination = options?.type === 'ObjectExpression' ? findProperty(options, 'destination') : undefined;
    if (options?.type !== 'ObjectExpression' || (destination && !namesTemporaryFolder(destination.value as Node))) context.report({ at: node, messageId: 'diskUploads' });
    return;
  }
  const options = path.length === 1 && node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
  const dest = options?.type === 'ObjectExpression' ? findProperty(options, 'dest') : undefined;
  // `multer({ dest: os.tmpdir() })`: a scratch file for the request, handed on to a store.
  if (dest && !findProperty(options as TSESTree.ObjectExpression, 'storage') && !namesTemporaryFolder(dest.value as Node)) {
    context.report({ at: node, messageId: 'diskUploads' });
  }
}

/**
 * The dotted name of what `new` makes, a module bound under another name standing for its last
 * segment: `_FileAsync.FileAsync` for `new _FileAsync.default(path)` after Babel's
 * `_interopRequireDefault(require('lowdb/adapters/FileAsync'))`.
 */
function constructorName(source: SourceCode, node: TSESTree.NewExpression): string {
  const name = getCalleeName(node) ?? '';
  const module = FILE_DATABASE_CONSTRUCTORS.test(name) || name.includes('.') ? undefined : modulesByLocalName(source.ast).get(name);
  return module ? `${name}.${module.split('/').pop()}` : name;
}

/** `new HTPasswd({ file: './htpasswd' }, …)`: registered users and their password hashes in a file of this disk. */
function isHtpasswdFileStore(node: TSESTree.NewExpression): boolean {
  const options = node.arguments[0] && unwrapExpression(node.arguments[0]);
  const file = options?.type === 'ObjectExpression' ? findProperty(options, 'file')?.value : undefined;
  return /(?:^|\.)HTPasswd$/i.test(getCalleeName(node) ?? '') && getStaticString(file as Node | undefined) !== undefined;
}

/** `new sqlite3.Database('./data.db')`, `new Database('app.db')`, `new JSONFile('db.json')`, `new Datastore({ filename })`. */
function checkConstructor(context: FileRuleContext<MessageId>, node: TSESTree.NewExpression, bindings: Bindings): void {
  if (isHtpasswdFileStore(node)) return context.report({ at: node, messageId: 'stateFile', data: { what: 'user accounts (an htpasswd file)' } });
  if (isSessionStoreSetting(context.source, node, bindings)) return context.report({ at: node, messageId: 'memorySession' });
  if (isLocalPouchDatabase(node)) return context.report({ at: node, messageId: 'localDatabase', data: { file: `\`${getStaticString(node.arguments[0])}\`, a LevelDB folder` } });
  if (isLokiFileDatabase(context.source, node)) return context.report({ at: node, messageId: 'localDatabase', data: { file: `\`${context.source.getText(node.arguments[0])}\`, a LokiJS file` } });
  const diskStore = diskStoreModule(context.source, node.callee, bindings) ?? defaultDiskStoreClass(node);
  // `new SQLiteStore({ db: new sqlite3.Database('sessions.sqlite') })`: the database file it is handed is the finding.
  if (diskStore && !handsDatabaseIn(node)) return context.report({ at: node, messageId: 'localStoreAdapter', data: { name: diskStore } });
  const name = constructorName(context.source, node);
  // `import { Level } from 'level'; new Level(chainDataDir)`: level's class opens a LevelDB folder, as its factory did.
  if (node.callee.type === 'Identifier' && LEVEL_CLASSES.has(bindings.fileDatabases.named.get(node.callee.name) ?? '')) return optInPersistence(context.source, node) ? undefined : checkFileDatabaseFactory(context, node);
  // `const NeDB = require('nedb'); new NeDB({ filename })`: the module itself is the database class.
  const moduleItself = node.callee.type === 'Identifier' && bindings.fileDatabases.namespaces.has(node.callee.name);
  if (!FILE_DATABASE_CONSTRUCTORS.test(name) && !moduleItself) return;
  const head = name.split('.')[0];
  const [first] = node.arguments;
  // `new sqlite3.Database('sessions.sqlite')` with sqlite3 required where it is used: the file names the kind.
  const namesDatabaseFile = /(?:^|\.)Database$/.test(name) && /\.sqlite3?$/i.test(getStaticString(first) ?? '');
  if (!bindings.fileDatabases.namespaces.has(head) && !bindings.fileDatabases.named.has(head) && !namesDatabaseFile) return;
  // `var datastoreOptions = { filename: …, autoload: true }; new Datastore(datastoreOptions)`.
  const options = first && (first.type === 'Identifier' ? context.source.stableInitializer(first, first.name) ?? first : unwrapExpression(first));
  const file = options?.type === 'ObjectExpression' ? findProperty(options, 'filename')?.value : first;
  // Options kept in a variable are reported where the database is opened, not where the setting sits.
  const at = first?.type === 'Identifier' ? node : namingSetting(file as Node | undefined, node);
  // lowdb's file adapters keep a JSON file whatever its path: `new FileAsync(source)` with the path a parameter;
  // so does a SQLite client in an app that declares no database server to use instead (`new SqliteDB(location)`).
  const pathHandedIn = file !== undefined && resolveConst(context.source, file as Node).type === 'Identifier';
  if (pathHandedIn && (LOWDB_FILE_ADAPTER.test(name) || (moduleItself && !opensReadOnly(node) && onlyFileDatabases(context.project)))) return context.report({ at, messageId: 'localDatabase', data: { file: `\`${context.source.getText(file as Node)}\`` } });
  reportLocalFile(context, at, file as Node | undefined);
}

/**
 * `new Loki(dbPath, { autosave: true })`, `new lokijs_1.default(path, inMemory ? { persistenceMethod: 'memory' } : { persistenceMethod: 'fs' })`:
 * LokiJS holds its collections in memory and, with file persistence on any path, saves them to a JSON file on this disk.
 */
function isLokiFileDatabase(source: SourceCode, node: TSESTree.NewExpression): boolean {
  const constructor = getMemberPath(node.callee);
  if (constructor?.length !== 1 || modulesByLocalName(source.ast).get(constructor[0]) !== 'lokijs' || !node.arguments[0]) return false;
  const options = node.arguments[1] && unwrapExpression(node.arguments[1]);
  const choices = options?.type === 'ConditionalExpression' ? [options.consequent, options.alternate] : options ? [options] : [];
  return choices.some((choice) => choice.type === 'ObjectExpression' && persistsToFile(choice));
}

function persistsToFile(options: TSESTree.ObjectExpression): boolean {
  return isTrueOption(options, 'autosave') || isTrueOption(options, 'autoload') || getStaticString(findProperty(options, 'persistenceMethod')?.value as Node | undefined) === 'fs';
}

function isTrueOption(options: TSESTree.ObjectExpression, name: string): boolean {
  const value = findProperty(options, name)?.value;
  return value?.type === 'Literal' && value.value === true;
}

/** `new Database(dbPath, { readonly: true })`: reference data shipped or built apart, which the service only reads. */
function opensReadOnly(node: TSESTree.NewExpression): boolean {
  const options = node.arguments[1];
  const readonly = options?.type === 'ObjectExpression' ? findProperty(options, 'readonly')?.value : undefined;
  return readonly?.type === 'Literal' && readonly.value === true;
}

/**
 * A service (it declares a server framework) whose database clients all keep their data in a file (SQLite, NeDB,
 * lowdb): no server can replace it. A command-line tool's file database is its own cache (thumbsup's index).
 */
function onlyFileDatabases(project: ProjectFacts): boolean {
  const manifest = project.packageJson;
  const declared = manifest ? [manifest.dependencies, manifest.optionalDependencies, manifest.peerDependencies].flatMap(Object.keys) : [];
  const databases = declared.map(serviceKindOfModule).filter((kind) => kind?.role === 'database');
  return declared.some(isHttpServerModule) && databases.length > 0 && databases.every((kind) => kind!.kind === 'SQLite' || kind!.kind === 'a local file database');
}

/** `PouchDB.defaults({ prefix: directory + '/' })`: every database it opens is a LevelDB folder under a local path (not a CouchDB URL, not an in-memory adapter). */
function localPouchPrefix(node: TSESTree.CallExpression): Node | undefined {
  const path = getMemberPath(node.callee);
  const [options] = node.arguments;
  if (path?.at(-1) !== 'defaults' || !/PouchDB$/.test(path.at(-2) ?? '') || options?.type !== 'ObjectExpression' || findProperty(options, 'adapter')) return undefined;
  const prefix = findProperty(options, 'prefix')?.value as Node | undefined;
  return prefix && !(getStaticString(prefix) ?? '').includes('://') ? prefix : undefined;
}

/** `new PouchDB('skimdb')`: a database named, not addressed by URL, lives in a LevelDB folder of this disk. */
function isLocalPouchDatabase(node: TSESTree.NewExpression): boolean {
  const name = getStaticString(node.arguments[0]);
  return /(?:^|\.)PouchDB$/.test(getCalleeName(node) ?? '') && name !== undefined && !name.includes('://');
}

/**
 * `if (settings.storageModule) { … } else { storage = require('./localfilesystem'); }`,
 * `options.store || require('./fs-store')`: a disk store loaded as the default when nothing is configured.
 */
function defaultDiskStoreModule(call: TSESTree.CallExpression): string | undefined {
  const module = requiredSpecifier(call);
  return module && DISK_STORE_MODULE.test(module) && isFallbackBranch(call) ? module : undefined;
}

/** Store classes named for this disk: `DiskBlobStore`, `LocalFileStorage`, `FsBlobStore`. */
const DISK_STORE_CLASS = /^(?:Disk|Local|Fs|File(?:System)?)\w*(?:Store|Storage)$/;

/**
 * `cfg.blobstore.bucket ? S3BlobStore.creator(…) : DiskBlobStore.creator(location)`, `options.store || new DiskStore(dir)`:
 * a store of this disk's files made when no other is configured.
 */
function defaultDiskStoreClass(node: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const maker = node.type === 'NewExpression' ? node.callee : /^(?:create|creator)$/.test(getCalleeProperty(node) ?? '') && node.callee.type === 'MemberExpression' ? node.callee.object : undefined;
  const name = maker?.type === 'Identifier' ? maker.name : undefined;
  return name && DISK_STORE_CLASS.test(name) && isFallbackBranch(node) ? name : undefined;
}

/** Whether `node` is what its function falls back to: the right of `||`/`??`, or the final `else` (an `else if (options.sqlite)` branch is an option someone chose). */
function isFallbackBranch(node: Node): boolean {
  let child: Node = node;
  for (let parent: Node | undefined = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (fallbackOf(parent) === child) return true;
    if (parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') return parent.alternate === child;
  }
  return false;
}

/**
 * The disk store module a constructor comes from: `new FileStore()` after
 * `const FileStore = require('session-file-store')(session)` (at the top or in the function that
 * builds the app), or compiled `new (local_storage_1.default.default ?? local_storage_1.default)(config)`.
 */
function diskStoreModule(source: SourceCode, callee: Node, bindings: Bindings): string | undefined {
  // `var FileStore = (0, _sessionFileStore.default)(session)` inside the function that builds the app.
  const made = callee.type === 'Identifier' ? source.stableInitializer(callee, callee.name) : undefined;
  let module: string | undefined;
  for (const expression of made ? [callee, made] : [callee]) {
    walkSubtree(expression, (child) => {
      if (child.type === 'Identifier') module ??= bindings.diskStores.get(child.name)?.module;
      const required = requiredSpecifier(child);
      if (required !== undefined && DISK_STORE_MODULE.test(required)) module ??= required;
      return module === undefined;
    });
  }
  return module;
}

function handsDatabaseIn(node: TSESTree.NewExpression): boolean {
  return node.arguments.some((argument) => someInSubtree(argument, (child) => child.type === 'NewExpression' && /(?:^|\.)Database$/.test(getCalleeName(child) ?? '')));
}

/** `sqlite.open({ filename: './db.sqlite', driver })`. */
function checkSqliteOpen(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression, bindings: Bindings): void {
  const options = node.arguments[0] && unwrapExpression(node.arguments[0]);
  const ownModule = bindings.fileDatabases.namespaces.has('sqlite') || bindings.fileDatabases.named.get('open') === 'open';
  if (!ownModule || options?.type !== 'ObjectExpression') return;
  reportLocalFile(context, node, findProperty(options, 'filename')?.value as Node | undefined);
}

/** `options.path ? new Level(options.path) : new MemoryLevel()` (dynalite's `--path`): kept on disk only when someone asks for it. */
function optInPersistence(source: SourceCode, created: TSESTree.NewExpression): boolean {
  const choice = created.parent;
  const [path] = created.arguments;
  return choice?.type === 'ConditionalExpression' && choice.consequent === created && path !== undefined && source.getText(choice.test) === source.getText(path as Node);
}

/** level's classes (level 8 and classic-level), which open the LevelDB folder they are given. */
const LEVEL_CLASSES = new Set(['Level', 'ClassicLevel']);

/**
 * `datastore({ filename: path.join(dbPath, 'users.db') })`: nedb-promise's export opens the file it is given;
 * `low(options.path)`: lowdb 0.x keeps a JSON file at whatever path it is given.
 */
function checkFileDatabaseFactory(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression | TSESTree.NewExpression): void {
  const options = node.arguments[0] && unwrapExpression(node.arguments[0]);
  if (options?.type !== 'ObjectExpression') {
    if (options && isPathValue(options) && !inMemoryBackend(node.arguments[1] as Node | undefined)) context.report({ at: node, messageId: 'localDatabase', data: { file: `\`${context.source.getText(options)}\`` } });
    return;
  }
  const file = findProperty(options, 'filename')?.value;
  if (file) reportLocalFile(context, namingSetting(file as Node, node), file as Node);
}

/** `levelup(location, { db: memdown })`: a LevelDB front on a store that keeps everything in memory. */
function inMemoryBackend(options: Node | undefined): boolean {
  const backend = options?.type === 'ObjectExpression' ? findProperty(options, 'db')?.value : undefined;
  return backend !== undefined && /mem(?:ory)?-?down|memory/i.test(getMemberPath(backend as Node)?.join('.') ?? '');
}

/** A file's or folder's path: a string, a path built from parts, or a name for one (`options.path`, `dbFile`, `chainDataDir`), not options kept in a variable. */
function isPathValue(node: Node): boolean {
  if (node.type === 'Identifier' || node.type === 'MemberExpression') return /(?:path|file|filename|location|dir|directory|folder)$/i.test(getMemberPath(node)?.at(-1) ?? '');
  return node.type === 'TemplateLiteral' || typeof (node.type === 'Literal' && node.value) === 'string' || isPathBuilderCall(node);
}

/** Settings that name where a server keeps its data. */
const DATABASE_SETTING = /^(?:db|database|datastore|store|storage)$/i;
/** A module of the app named for a database kept in a file: `./db/lowdb`, `../stores/nedb-store`, `./sqlite`. */
const FILE_DATABASE_MODULE = /(?:^|[/_-])(?:lowdb|nedb|sqlite3?|leveldb|dirty(?:db)?|json-?db|file-?db)(?:[-_][\w-]*)?(?:\.[cm]?js)?$/i;

/**
 * `var defaultConfig = { db: lowDb() }` with `lowDb = require('../src/db/lowdb')`: the default settings
 * pick a driver of the app's own that keeps its data in a file, until someone configures another.
 */
function checkDefaultFileDatabase(context: FileRuleContext<MessageId>, property: TSESTree.Property): void {
  if (!DATABASE_SETTING.test(getPropertyName(property.key) ?? '') || !amongDefaults(context.source, property.parent)) return;
  const value = unwrapExpression(property.value as Node);
  const driver = value.type === 'CallExpression' ? unwrapExpression(value.callee) : value;
  const held = driver.type === 'Identifier' ? context.source.stableInitializer(driver, driver.name) : undefined;
  const module = requiredSpecifier(unwrapExpression(held ?? driver));
  if (module?.startsWith('.') && FILE_DATABASE_MODULE.test(module)) context.report({ at: property, messageId: 'localDatabase', data: { file: `the \`${module}\` driver the default settings pick` } });
}

/** The name of a database file: `app.sqlite`, `${user}.sqlite3`, `data.db`. */
const DATABASE_FILE = /\.(?:sqlite3?|db)$/i;

/**
 * `const sqlitePath = path.join(logsPath, `${this.userName}.sqlite3`)` in a module that opens SQLite
 * files: the path is built here and handed to the constructor elsewhere (`this._enable(sqlitePath)`).
 */
function checkDatabaseFilePath(context: FileRuleContext<MessageId>, declarator: TSESTree.VariableDeclarator, bindings: Bindings): void {
  const init = declarator.init && unwrapExpression(declarator.init);
  if (!init || (bindings.fileDatabases.namespaces.size === 0 && bindings.fileDatabases.named.size === 0)) return;
  const built = init.type === 'TemplateLiteral' || init.type === 'CallExpression';
  if (built && DATABASE_FILE.test(fileNameOf(init) ?? '')) reportLocalFile(context, declarator, init);
}

/** Sequelize `{ dialect: 'sqlite', storage }`, knex `{ client: 'sqlite3', connection: { filename } }`, TypeORM `{ type: 'sqlite', database }`. */
/** Settings that name the kind of database: `dbType`, `databaseType`, `DB_DIALECT`. */
const DATABASE_KIND_KEY = /^(?:db|database)[_-]?(?:type|dialect|driver|engine|kind|adapter)$/i;
const ORM_KIND_KEY = /^(?:dialect|client)$/;
/** Databases that live in a file beside the process. */
const FILE_DATABASE_KINDS = new Set(['sqlite', 'sqlite3', 'better-sqlite3', 'dirty', 'dirtydb', 'nedb', 'lowdb', 'leveldb', 'level', 'leveldown', 'pouchdb-adapter-fs', 'pouchdb-adapter-leveldb', 'pouchdb-adapter-node-websql']);

/** `exports.dbType = 'dirty'`, `{ databaseType: 'sqlite' }`: a file database as the shipped default. */
function checkDatabaseKind(context: FileRuleContext<MessageId>, key: string | undefined, value: Node): void {
  // `process.env.DB_TYPE || 'sqlite'`: the fallback is what runs when nobody sets the variable.
  const unwrapped = unwrapExpression(value);
  const fallback = fallbackOf(unwrapped);
  // An ORM's own `dialect: 'sqlite'` is its connection options' to report; `dialect: config.db.type || 'sqlite'` is a default.
  if (!key || !(DATABASE_KIND_KEY.test(key) || (ORM_KIND_KEY.test(key) && fallback))) return;
  const kind = getStaticString(fallback ?? unwrapped);
  if (kind && FILE_DATABASE_KINDS.has(kind.toLowerCase())) context.report({ at: value, messageId: 'localDatabaseKind', data: { kind } });
}

/** Settings that choose where the app stores its files and data: `storage`, `storageType`, `STORAGE_DRIVER`. */
const STORAGE_KIND_KEY = /^storage(?:[_-]?(?:type|driver|backend|adapter|engine|kind))?$/i;
/** Storage kinds that mean this process's own disk. */
const LOCAL_STORAGE_KINDS = new Set(['fs', 'file', 'files', 'filesystem', 'local', 'disk', 'localfs', 'local-fs']);

/**
 * `storageType = process.env.STORAGE || 'fs'`, or a schema's `storage: { format: ['disk', 's3'], default: 'disk' }`: the storage
 * the app falls back to when nobody configures one.
 */
function checkStorageKind(context: FileRuleContext<MessageId>, key: string | undefined, value: Node, schemaDefault: boolean): void {
  const unwrapped = unwrapExpression(value);
  const fallback = fallbackOf(unwrapped) ?? (schemaDefault ? unwrapped : undefined);
  if (!key || !STORAGE_KIND_KEY.test(key) || !fallback) return;
  const kind = getStaticString(fallback);
  if (kind && LOCAL_STORAGE_KINDS.has(kind.toLowerCase())) context.report({ at: fallback, messageId: 'localStorageKind', data: { kind } });
}

function checkOrmConfig(context: FileRuleContext<MessageId>, node: TSESTree.ObjectExpression): void {
  // A LoopBack datasource on the memory connector saves everything to its `file` (`./data/db.json`), on the SQLite one keeps the database there.
  if (LOCAL_FILE_CONNECTOR.test(loopbackConnector(findProperty(node, 'connector')?.value as Node | undefined) ?? '')) {
    const file = findProperty(node, 'file')?.value as Node | undefined;
    if (file) reportLocalFile(context, namingSetting(file, node), file);
    return;
  }
  const connection = findProperty(node, 'connection')?.value;
  // knex reads `connection.filename` only for SQLite, whatever form the client takes (a string, a dialect class).
  const knexSqlite = findProperty(node, 'client') !== undefined && connection?.type === 'ObjectExpression' && findProperty(connection, 'filename') !== undefined;
  const fixedKind = ['dialect', 'client', 'type'].map((key) => getStaticString(findProperty(node, key)?.value as Node | undefined)).find((value) => value !== undefined);
  const kind = fixedKind ?? sqliteBranchKind(node);
  if (!knexSqlite && (!kind || !SQLITE_CLIENTS.has(kind))) return;
  const file =
    findProperty(node, 'storage')?.value ??
    findSpreadProperty(context.source, node, 'database')?.value ??
    (connection?.type === 'ObjectExpression' ? findProperty(connection, 'filename')?.value : connection);
  // `config.has('database') ? fromConfig(config) : fromConfig({ database: { client: 'better-sqlite3', connection: ':memory:' } })` (Backstage).
  if (file && getStaticString(file as Node) === ':memory:') {
    if (isFallbackBranch(node) && !inDevelopmentOnlyBranch(context.source, node)) context.report({ at: node, messageId: 'memoryDatabaseFallback' });
    return;
  }
  // `client: 'sqlite3', connection: process.env.DB_PATH || 'sqlite.db'`: the variable moves the file, but the data stays in one.
  const onlyPathConfigurable = fixedKind !== undefined && SQLITE_CLIENTS.has(fixedKind);
  reportLocalFile(context, namingSetting(file as Node | undefined, node), file as Node | undefined, onlyPathConfigurable);
}

const LOCAL_FILE_CONNECTOR = /^(?:memory|sqlite3?|loopback-connector-sqlite3)$/;

/** `connector: 'memory'`, or the connector module required in place: `connector: require('loopback-connector-sqlite3')`. */
function loopbackConnector(value: Node | undefined): string | undefined {
  return value && (getStaticString(value) ?? requiredSpecifier(value));
}

/** `dbType === 'sqlite' ? { database: path.resolve(folder, file) } : { … }`: the options of the branch taken for SQLite. */
function sqliteBranchKind(node: TSESTree.ObjectExpression): string | undefined {
  const branch = node.parent;
  if (branch?.type !== 'ConditionalExpression' || branch.test.type !== 'BinaryExpression') return undefined;
  const { operator, left, right } = branch.test;
  const kind = getStaticString(right as Node) ?? getStaticString(left as Node);
  const taken = operator === '===' || operator === '==' ? branch.consequent : operator === '!==' || operator === '!=' ? branch.alternate : undefined;
  return taken === node ? kind : undefined;
}

/** The setting that names the file (`storage: './db.sqlite'`), else `whole`: in a long config the object starts far from it. */
function namingSetting(file: Node | undefined, whole: Node): Node {
  return file?.parent?.type === 'Property' ? file.parent : whole;
}

/** `evenFromEnvironment`: the setting only moves the file, when nothing can swap the file database for a server. */
function reportLocalFile(context: FileRuleContext<MessageId>, node: Node, file: Node | undefined, evenFromEnvironment = false): void {
  // `path.resolve(userFolder, config.getEnv('database.sqlite.database'))`: the folder decides where the data lives, not the file's name.
  const unwrapped = file && unwrapExpression(file);
  const where = unwrapped && isPathBuilderCall(unwrapped) && unwrapped.arguments[0] ? unwrapped.arguments[0] : file;
  if (!file || (!evenFromEnvironment && readsEnvironment(context.source, where as Node))) return;
  const resolved = resolveConst(context.source, file);
  if (!evenFromEnvironment && isEnvDefault(context.source, resolved)) return;
  // `config.access_log || 'access_logs.db'`: the file opened when nothing is configured.
  const fallback = fallbackOf(resolved);
  const value = fallback ? unwrapExpression(fallback) : resolved;
  const built = value.type === 'CallExpression' ? fileNameOf(value) : undefined;
  const path = getStaticString(value) ?? built ?? (value.type === 'TemplateLiteral' || value.type === 'CallExpression' || value.type === 'MemberExpression' ? context.source.getText(value) : undefined);
  if (!path || path === ':memory:' || path === '') return;
  context.report({ at: node, messageId: 'localDatabase', data: { file: path.length > 60 ? `${path.slice(0, 57)}…` : path } });
}

/**
 * A request handler writing into the app's own directory (`fs.writeFile(path.join(__dirname,
 * 'uploads', name), req.body)`) or its data folder (`fs.writeFileSync(DATA_FILE, JSON.stringify(db))`
 * with `DATA_FILE` under `./data`): the handler keeps what it was sent on this disk.
 */
function writesRequestIntoApp(source: SourceCode, node: TSESTree.CallExpression): boolean {
  const [target, ...rest] = node.arguments;
  if (!target) return false;
  const names = withAssignedValues(target as Node).flatMap(pathNames);
  if (isTemporary(names) || names.some(namesUnkeptFile)) return false;
  const handler = enclosingRequestHandler(node);
  // Anywhere on the process disk from a request handler, unless the client names the place (a file of the user's
  // own project) or the route exists only in development; elsewhere, request data written into the app's folders.
  // An upload folder outside the app's own is the upload check's to report.
  const inApp = pointsIntoApp(source, target) || namesDataFolder(source, target);
  if (handler !== undefined && (inApp || !names.some((name) => UPLOAD_NAME.test(name)))) return !startsAtRequestPath(source, target as Node) && !inDevelopmentOnlyBranch(source, node);
  return inApp && (rest.some((argument) => mentionsRequest(argument)) || (node.arguments.length === 1 && mentionsRequest(target)));
}

/** Calls that change the disk without writing contents: a handler making a folder, renaming a file, opening one to create it. */
const DISK_CHANGES = new Set(['mkdir', 'mkdirSync', 'rename', 'renameSync', 'open', 'openSync']);

/**
 * raneto's editor: `fs.mkdir(categoryPath)`, `fs.open(pagePath, 'a')`, `fs.rename(pagePath, pagePath + '.del')` in
 * request handlers. A folder made for a file the same function then writes is that write's, reported there.
 */
function changesDiskInHandler(node: TSESTree.CallExpression, method: string): boolean {
  const handler = DISK_CHANGES.has(method) ? enclosingRequestHandler(node) : undefined;
  if (!handler) return false;
  if (method.startsWith('mkdir')) return !callsMethod(enclosingFunction(node) ?? handler, (called) => FILLS_FOLDER.has(called));
  // `fs.rename(srcFile, path.join(os.tmpdir(), …))`: a file moved into the temporary folder is on its way out.
  const destination = node.arguments[1];
  if (method.startsWith('rename') && destination && isTemporary(withAssignedValues(destination as Node).flatMap(pathNames))) return false;
  return !method.startsWith('open') || /[wa]/.test(getStaticString(node.arguments[1] as Node | undefined) ?? '');
}

/** What fills a folder a handler has just made: the writes, and files opened, moved, copied or unpacked into it. */
const FILLS_FOLDER = new Set([...FS_WRITES, 'open', 'openSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'extract', 'pipe']);

/** Words of files a handler writes that are not kept: logs (another factor), caches, exports streamed back, locks. */
const UNKEPT_FILE_WORD = new Set(['log', 'logs', 'cache', 'caches', 'lock', 'pid', 'export', 'exports', 'download', 'downloads']);

function namesUnkeptFile(name: string): boolean {
  return /\.log$|(?:log|errors?)\.txt$/i.test(name) || nameWords(name).some((word) => UNKEPT_FILE_WORD.has(word.toLowerCase()));
}

/** `path.join(req.body.path, '.gitignore')`, `req.body.file`: a place the client chose, such as a file of the user's own repository. */
function startsAtRequestPath(source: SourceCode, target: Node, depth = 0): boolean {
  const value = resolveConst(source, target);
  const root = isPathBuilderCall(value) ? value.arguments[0] : value.type === 'TemplateLiteral' ? value.expressions[0] : value;
  if (!root || root.type === 'SpreadElement') return false;
  if (root !== value && depth < 2) return startsAtRequestPath(source, root as Node, depth + 1);
  // `req.body.path`, also cleaned up: `req.body.path.trim()`.
  const data = root.type === 'CallExpression' && root.callee.type === 'MemberExpression' ? root.callee.object : root;
  return data.type === 'MemberExpression' && mentionsRequest(data);
}

interface DataFolderUse {
  /** Writes into the data folder outside request handlers (those are reported as they happen). */
  readonly writes: Node[];
  read: boolean;
}

const FS_READS = new Set(['readFile', 'readFileSync', 'createReadStream', 'readJson', 'readJsonSync', 'readJSON', 'readJSONSync']);

/** `fs.writeFile(join(contentPath, 'data', name), …)` and `fs.readFile(join(contentPath, 'data', name))` in the same module. */
function noteDataFolderUse(source: SourceCode, call: TSESTree.CallExpression, use: DataFolderUse): void {
  const method = fsMethodOf(getMemberPath(call.callee)) ?? '';
  const [target] = call.arguments;
  if (!target || (!FS_WRITES.has(method) && !FS_READS.has(method)) || !namesDataFolder(source, target) || isTemporary(pathNames(resolveConst(source, target)))) return;
  if (FS_READS.has(method)) use.read = true;
  else if (!writesRequestIntoApp(source, call)) use.writes.push(call);
}

/** Names of folders where an app keeps its data: `dataDir`, `'data'`, `storagePath`, `'db'`. */
const DATA_FOLDER = /^(?:data|storage|db|database)(?:[_-]?(?:dir|directory|path|folder|root))?$/i;

function namesDataFolder(source: SourceCode, node: Node): boolean {
  return pathNames(resolveConst(source, node)).some((name) => DATA_FOLDER.test(name.replace(/^\.?\/+|\/+$/g, '')));
}

/** Writes of serialised data: `writeFile(path, JSON.stringify(x))`, and fs-extra's `writeJson(path, x)`. */
const JSON_WRITES = new Set(['writeJson', 'writeJsonSync', 'writeJSON', 'writeJSONSync', 'outputJson', 'outputJsonSync']);
/** Words of a file name that say what the app keeps in it: `authPath`, `sessionsFile`, `userConfigPath`. */
const STATE_FILE_WORD = /^(?:auth|users?|accounts?|sessions?|security)$/i;
/** Words that say the file is not the store itself. */
const NOT_STATE_FILE_WORD = /^(?:te?mp|tmpdir|backups?|cache|caches|logs?|lock|pid|export|exports|sample|example|test|package)$/i;

/**
 * `writeJson(this.configService.authPath, users)`, `fs.writeFile(userConfigPath, JSON.stringify(config))`:
 * the app's users, sessions or auth data saved as a file. Operator commands (a CLI's `adduser`) are left alone.
 */
function checkStateFileWrite(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression): boolean {
  const method = getCalleeProperty(call) ?? '';
  const [target, data] = call.arguments;
  if (!target || !data) return false;
  const serialised = JSON_WRITES.has(method) || (FS_WRITES.has(method) && data.type === 'CallExpression' && getCalleeName(data) === 'JSON.stringify');
  if (!serialised) return false;
  const words = withAssignedValues(target as Node).flatMap(pathNames).flatMap(nameWords);
  // `userDir` is the app's home folder, not a file of users.
  const what = words.find((word, index) => STATE_FILE_WORD.test(word) && !/^(?:dir|home|data)$/i.test(words[index + 1] ?? ''));
  if (!what || words.some((word) => NOT_STATE_FILE_WORD.test(word))) return false;
  context.report({ at: call, messageId: 'stateFile', data: { what: `${what.toLowerCase()} data` } });
  return true;
}

/** `page.screenshot({ path })` to a folder that is not a temporary one. */
function keepsScreenshot(source: SourceCode, node: TSESTree.CallExpression): boolean {
  const options = node.arguments[0] && unwrapExpression(node.arguments[0]);
  const target = options?.type === 'ObjectExpression' ? findProperty(options, 'path')?.value : undefined;
  return target !== undefined && !isTemporary(pathNames(resolveConst(source, target as Node)));
}

function pointsIntoApp(source: SourceCode, node: Node): boolean {
  const value = resolveConst(source, node);
  const literal = getStaticString(value);
  if (literal !== undefined) return /^\.{1,2}\//.test(literal);
  let found = false;
  walkSubtree(value, (child) => {
    if ((child.type === 'Identifier' && child.name === '__dirname') || getMemberPath(child)?.join('.') === 'process.cwd') found = true;
    return !found;
  });
  return found;
}

function mentionsRequest(node: Node): boolean {
  let found = false;
  walkSubtree(node, (child) => {
    if (child.type === 'MemberExpression' && child.object.type === 'Identifier' && (child.object.name === 'req' || child.object.name === 'request')) found = true;
    return !found;
  });
  return found;
}

