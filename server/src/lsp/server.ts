import { readFileSync } from 'node:fs';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { basename, sep } from 'node:path';
import {
  ChecklistChangedNotification,
  ChecklistRequest,
  DEFAULT_SETTINGS,
  ServerCommands,
  type ChecklistParams,
  type ServerSettings,
} from '../../../common/protocol';
import { LineIndex } from '../engine/lineIndex';
import type { Finding } from '../engine/types';
import { contentSkipReason, MAX_FILE_BYTES, MAX_FILE_SIZE } from '../project/files';
import { isProjectFileName } from '../project/gather';
import { isBinScript } from '../engine/parse';
import type { Workspace } from '../workspace/workspace';
import { buildChecklist } from './checklist';
import { FIX_ALL_KIND, fixAllEdit, quickFixes, type EditContext } from './codeActions';
import { noticeDiagnostic, toDiagnostic, toDirectiveDiagnostic, toPath, toUri } from './convert';
import { WorkspaceRegistry } from './workspaces';

/** Quiet time after a keystroke before a document is analysed again. */
export const DEBOUNCE_MS = 75;
/**
 * Above this many characters (1 MB of ASCII) an open document is analysed when it is opened and saved,
 * not after every keystroke: a 2.4 MB bundle takes seconds to analyse, and the server answers nothing else meanwhile.
 */
export const LIVE_ANALYSIS_MAX_CHARACTERS = 1024 * 1024;
const WATCHED_PROJECT_FILES =
  '**/{.twelve-factor.json,package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,Procfile,.gitignore,.env,.env.*,*.env,Dockerfile,Dockerfile.*,*.Dockerfile,docker-compose*.yml,docker-compose*.yaml,compose*.yml,compose*.yaml,config.json,*-config.json,*_config.json,*.pem,*.key}';

/**
 * Wires the engine to LSP: documents in, diagnostics, code actions and the checklist out.
 * Every finding comes from a Workspace; this class only decides when to analyse and what to send.
 */
export class TwelveFactorServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly registry = new WorkspaceRegistry((root) => this.settingsFor(root));
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Open documents too large to analyse after every keystroke. */
  private readonly largeDocuments = new Set<string>();
  /** What was last sent per URI, so unchanged diagnostics are not sent again. */
  private readonly published = new Map<string, string>();
  private readonly projectFindingFiles = new Set<string>();
  /** Per workspace root, project files that had a problem (broken JSON or YAML) when last published. */
  private readonly problemFiles = new Map<string, Set<string>>();
  private capabilities = { configuration: false, configurationChanges: false, watchedFiles: false, progress: false, showDocument: false, workspaceFolders: false };
  private folders: string[] = [];
  private scanning = 0;
  private checklistTimer: NodeJS.Timeout | undefined;
  private settingsCache = new Map<string, ServerSettings>();

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration(() => void this.settingsChanged());
    connection.onDidChangeWatchedFiles((params) => void this.filesChanged(params.changes));
    connection.onCodeAction((params, token) => {
      if (token.isCancellationRequested) return null;
      const path = toPath(params.textDocument.uri);
      if (!path) return null;
      const findings = this.currentFindings(path);
      const only = params.context.only;
      if (only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind !== CodeActionKind.QuickFix)) {
        const edit = fixAllEdit(path, findings, this.editContext);
        return edit ? [{ title: 'Fix all twelve-factor problems', kind: FIX_ALL_KIND, edit }] : [];
      }
      return quickFixes(path, findings, params.context.diagnostics, this.editContext);
    });
    connection.onExecuteCommand((params) => this.executeCommand(params.command, params.arguments ?? []));
    connection.onRequest(ChecklistRequest.method, (params: ChecklistParams | undefined) =>
      buildChecklist(this.registry.all, this.scanning > 0, params?.uri),
    );
    documents.onDidOpen((event) => this.schedule(event.document.uri, 0));
    documents.onDidChangeContent((event) => {
      if (this.settingsCache.get(this.rootFor(event.document.uri))?.run !== 'onSave' && !this.tooLargeToFollowTyping(event.document)) this.schedule(event.document.uri, DEBOUNCE_MS);
    });
    documents.onDidSave((event) => this.schedule(event.document.uri, 0));
    documents.onDidClose((event) => void this.documentClosed(event.document.uri));
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const client = params.capabilities;
    this.capabilities = {
      configuration: client.workspace?.configuration === true,
      configurationChanges: client.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      watchedFiles: client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      progress: client.window?.workDoneProgress === true,
      showDocument: client.window?.showDocument?.support === true,
      workspaceFolders: client.workspace?.workspaceFolders === true,
    };
    const folders = params.workspaceFolders?.map((folder) => toPath(folder.uri)) ?? [params.rootUri ? toPath(params.rootUri) : undefined];
    this.folders = folders.filter((folder): folder is string => folder !== undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'twelve-factor-language-server' },
    };
  }

  private async initialized(): Promise<void> {
    // A client may refuse a registration; that costs a feature, never the server.
    const refused = (what: string) => (error: unknown) => this.connection.console.warn(`The client refused ${what}: ${(error as Error).message}`);
    if (this.capabilities.configurationChanges) {
      this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'twelveFactor' }).catch(refused('configuration change notifications'));
    }
    if (this.capabilities.watchedFiles) {
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: WATCHED_PROJECT_FILES }, { globPattern: '**/config/**' }, { globPattern: '**/bin/*' }, { globPattern: '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}' }],
        })
        .catch(refused('file watching'));
    }
    if (this.capabilities.workspaceFolders) this.watchWorkspaceFolders();
    for (const folder of this.folders) await this.scan(await this.registry.openFolder(folder));
  }

  private watchWorkspaceFolders(): void {
    this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const removed of event.removed) {
        const path = toPath(removed.uri);
        const workspace = path ? this.registry.closeFolder(path) : undefined;
        if (workspace) this.clearWorkspace(workspace);
      }
      for (const added of event.added) {
        const path = toPath(added.uri);
        if (path) void this.registry.openFolder(path).then((workspace) => this.scan(workspace));
      }
    });
  }

  /** Analyses every file of a folder with progress, then publishes them all at once. */
  private async scan(workspace: Workspace): Promise<void> {
    this.scanning++;
    const progress = this.capabilities.progress ? await this.connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Twelve-factor: scanning', 0, workspace.root, true);
    try {
      const started = Date.now();
      await workspace.scan(
        ({ done, total }) => progress?.report(Math.round((done / total) * 100), `${done}/${total} files`),
        () => progress?.token.isCancellationRequested === true,
      );
      for (const document of this.documents.all()) {
        const path = toPath(document.uri);
        if (path && this.registry.owner(path) === workspace && workspace.accepts(path)) workspace.update(path, document.getText());
      }
      for (const file of workspace.skipped) this.connection.console.info(`Skipped ${file.path}: ${file.reason}`);
      for (const problem of workspace.projectProblems) this.connection.console.warn(`${problem.file}: ${problem.message}`);
      for (const failure of workspace.failures()) this.connection.console.error(`Rule ${failure.ruleId} crashed on ${failure.file}: ${failure.message}`);
      this.connection.console.info(`Scanned ${workspace.files.length} files in ${workspace.root} in ${Date.now() - started} ms (${workspace.skipped.length} skipped).`);
    } finally {
      this.scanning--;
      progress?.done();
    }
    this.publishWorkspace(workspace);
    // The checklist's "scanning" state changed even when no diagnostic did.
    this.checklistChanged();
  }

  /** Says so once per document, so a user who sees stale squiggles in a huge file knows why. */
  private tooLargeToFollowTyping(document: TextDocument): boolean {
    if (document.getText().length <= LIVE_ANALYSIS_MAX_CHARACTERS) {
      this.largeDocuments.delete(document.uri);
      return false;
    }
    if (!this.largeDocuments.has(document.uri)) {
      this.largeDocuments.add(document.uri);
      this.connection.console.info(`${toPath(document.uri) ?? document.uri} is larger than 1 MB: it is analysed when saved, not while typing.`);
    }
    return true;
  }

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validateOpen(uri);
      }, delay),
    );
  }

  /**
   * Analyses the document's text as it is now. The text is read after the debounce and the work is
   * synchronous, so the result always matches the version it is published with.
   */
  private async validateOpen(uri: string): Promise<void> {
    const path = toPath(uri);
    if (!path) return;
    const workspace = await this.registry.forFile(path);
    const document = this.documents.get(uri);
    if (!document) return;
    if (isProjectFileName(basename(path))) {
      await this.reloadProject(workspace);
      return;
    }
    if (!(await this.settingsFor(workspace.root)).enable || !workspace.accepts(path)) {
      this.send(uri, [], document.version);
      return;
    }
    const text = document.getText();
    const skipReason = Buffer.byteLength(text) > MAX_FILE_BYTES ? `larger than ${MAX_FILE_SIZE}` : contentSkipReason(text);
    if (skipReason) {
      workspace.skip(path, skipReason);
    } else {
      workspace.update(path, text);
      this.reportFailures(workspace, path);
    }
    this.publishFile(workspace, path);
    this.publishProjectChanges(workspace);
  }

  private async documentClosed(uri: string): Promise<void> {
    const path = toPath(uri);
    clearTimeout(this.timers.get(uri));
    this.largeDocuments.delete(uri);
    if (!path) return;
    const workspace = this.registry.owner(path);
    if (workspace && isProjectFileName(basename(path))) {
      await this.reloadProject(workspace);
      return;
    }
    if (!workspace || !this.registry.folders.includes(workspace)) {
      workspace?.remove(path);
      this.send(uri, []);
      return;
    }
    // The editor's unsaved text is gone: what is on disk is the truth again.
    await workspace.analyzeFromDisk(path);
    this.publishFile(workspace, path);
    this.publishProjectChanges(workspace);
  }

  private async filesChanged(changes: readonly { uri: string; type: FileChangeType }[]): Promise<void> {
    const reloads = new Set<Workspace>();
    for (const change of changes) {
      const path = toPath(change.uri);
      const workspace = path ? this.registry.owner(path) : undefined;
      if (!path || !workspace) continue;
      const gathered = isProjectFileName(basename(path)) || path.includes(`${sep}config${sep}`);
      // Control scripts in bin/ are both: gathered when their shebang names a shell, analysed when it names node.
      if (gathered || isBinScript(path)) reloads.add(workspace);
      if (!gathered && !this.documents.get(change.uri)) {
        if (change.type === FileChangeType.Deleted || !workspace.accepts(path)) workspace.remove(path);
        else await workspace.analyzeFromDisk(path);
        this.publishFile(workspace, path);
      }
    }
    for (const workspace of reloads) await this.reloadProject(workspace);
    for (const workspace of this.registry.all) this.publishProjectChanges(workspace);
  }

  /** Project files changed (on disk or in an editor): gather the facts again, with unsaved editor text winning. */
  private async reloadProject(workspace: Workspace): Promise<void> {
    await workspace.reloadProject((path) => this.documents.get(toUri(path))?.getText());
    this.publishWorkspace(workspace);
  }

  /** Rebuilds and rescans only when the settings really changed: clients announce them at start too. */
  private async settingsChanged(): Promise<void> {
    const previous = new Map(this.settingsCache);
    this.settingsCache.clear();
    const roots = this.registry.all.map((workspace) => workspace.root);
    const current = await Promise.all(roots.map((root) => this.settingsFor(root)));
    if (roots.every((root, index) => JSON.stringify(previous.get(root)) === JSON.stringify(current[index]))) return;
    for (const workspace of await this.registry.rebuild()) {
      if (this.registry.folders.includes(workspace)) await this.scan(workspace);
    }
    for (const document of this.documents.all()) this.schedule(document.uri, 0);
  }

  private async settingsFor(root: string): Promise<ServerSettings> {
    const cached = this.settingsCache.get(root);
    if (cached) return cached;
    let settings = DEFAULT_SETTINGS;
    if (this.capabilities.configuration) {
      const value = (await this.connection.workspace.getConfiguration({ scopeUri: toUri(root), section: 'twelveFactor' })) as Partial<ServerSettings> | null;
      settings = { ...DEFAULT_SETTINGS, ...(value ?? {}) };
    }
    this.settingsCache.set(root, settings);
    return settings;
  }

  private rootFor(uri: string): string {
    const path = toPath(uri);
    return (path && this.registry.owner(path)?.root) ?? '';
  }

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    if (command === ServerCommands.scanWorkspace) {
      for (const workspace of this.registry.folders) {
        await workspace.reloadProject((path) => this.documents.get(toUri(path))?.getText());
        await this.scan(workspace);
      }
      return null;
    }
    if (command === ServerCommands.fixAll && typeof args[0] === 'string') {
      const path = toPath(args[0]);
      const edit = path ? fixAllEdit(path, this.currentFindings(path), this.editContext) : undefined;
      if (edit) await this.connection.workspace.applyEdit({ label: 'Fix all twelve-factor problems', edit });
      return null;
    }
    if (command === ServerCommands.showDocumentation && typeof args[0] === 'string') {
      if (this.capabilities.showDocument) await this.connection.window.showDocument({ uri: args[0], external: true });
      else this.connection.window.showInformationMessage(`Twelve-factor rule documentation: ${args[0]}`);
      return null;
    }
    return null;
  }

  private readonly editContext: EditContext = {
    textOf: (path) => {
      const document = this.documents.get(toUri(path));
      if (document) return document.getText();
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    versionOf: (path) => this.documents.get(toUri(path))?.version ?? null,
  };

  private currentFindings(path: string): Finding[] {
    return this.registry.owner(path)?.findings(path) ?? [];
  }

  private publishWorkspace(workspace: Workspace): void {
    for (const path of workspace.files) this.publishFile(workspace, path);
    const hadProblems = this.problemFiles.get(workspace.root) ?? new Set();
    const hasProblems = new Set(workspace.projectProblems.map((problem) => problem.file));
    this.problemFiles.set(workspace.root, hasProblems);
    for (const path of new Set([...hadProblems, ...hasProblems])) this.publishFile(workspace, path);
    for (const file of workspace.skipped) {
      if (this.documents.get(toUri(file.path))) this.publishFile(workspace, file.path);
    }
    this.publishProjectChanges(workspace);
  }

  /** Project rules can move a finding into another file (an entry point): republish those files. */
  private publishProjectChanges(workspace: Workspace): void {
    const nowAffected = workspace.projectFindingFiles();
    for (const path of new Set([...this.projectFindingFiles, ...nowAffected])) {
      if (this.registry.owner(path) === workspace) this.publishFile(workspace, path);
    }
    for (const path of [...this.projectFindingFiles]) if (this.registry.owner(path) === workspace) this.projectFindingFiles.delete(path);
    for (const path of nowAffected) this.projectFindingFiles.add(path);
  }

  private publishFile(workspace: Workspace, path: string): void {
    const uri = toUri(path);
    const version = this.documents.get(uri)?.version;
    const analysis = workspace.analysis(path);
    const skipped = workspace.skipped.find((file) => file.path === path);
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const diagnostics: Diagnostic[] = workspace.findings(path).map(toDiagnostic);
    if (analysis?.parseError) diagnostics.push(noticeDiagnostic(analysis.parseError.range, `Twelve-factor checks are paused until this file parses again: ${analysis.parseError.message}`));
    if (skipped) diagnostics.push(noticeDiagnostic(zero, `Twelve-factor checks skipped this file: ${skipped.reason}.`));
    for (const problem of workspace.projectProblems.filter((item) => item.file === path)) {
      const at = new LineIndex(this.editContext.textOf(path) ?? '').rangeOf([problem.offset ?? 0, problem.end ?? problem.offset ?? 0]);
      diagnostics.push(noticeDiagnostic(at, problem.message, DiagnosticSeverity.Warning));
    }
    diagnostics.push(...workspace.directiveProblems(path, true).map(toDirectiveDiagnostic));
    this.send(uri, diagnostics, version);
  }

  private send(uri: string, diagnostics: Diagnostic[], version?: number): void {
    const signature = JSON.stringify(diagnostics);
    if (this.published.get(uri) === signature) return;
    this.published.set(uri, signature);
    void this.connection.sendDiagnostics({ uri, diagnostics, version });
    this.checklistChanged();
  }

  private clearWorkspace(workspace: Workspace): void {
    for (const path of workspace.files) this.send(toUri(path), []);
  }

  /** At most one notification per 100 ms, and never postponed indefinitely by a stream of edits. */
  private checklistChanged(): void {
    if (this.checklistTimer) return;
    this.checklistTimer = setTimeout(() => {
      this.checklistTimer = undefined;
      void this.connection.sendNotification(ChecklistChangedNotification.method);
    }, 100);
  }

  private reportFailures(workspace: Workspace, path: string): void {
    for (const failure of workspace.analysis(path)?.failures ?? []) {
      this.connection.console.error(`Rule ${failure.ruleId} crashed on ${failure.file}: ${failure.message}`);
    }
  }
}
