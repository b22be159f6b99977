import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export const SERVER_BUNDLE = join(__dirname, '..', '..', 'dist', 'server.js');

export interface ClientOptions {
  readonly rootPath: string;
  readonly settings?: Record<string, unknown>;
  /** Advertise workDoneProgress and watched-file registration like VS Code does. */
  readonly vscodeLike?: boolean;
  /** Answer client/registerCapability with an error, as some clients do. */
  readonly refuseRegistrations?: boolean;
  /** Milliseconds to wait before answering the n-th workspace/configuration request, to reproduce slow clients. */
  readonly configurationDelays?: readonly number[];
}

/** A minimal LSP client that starts the real bundled server over stdio and records what it sends. */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  checklistChanges = 0;
  /** What the client answers to workspace/configuration; tests may change it and notify the server. */
  settings: Record<string, unknown> = {};
  private readonly waiters: (() => void)[] = [];
  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
    readonly stderr: string[],
  ) {}

  static async start(options: ClientOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    child.stderr!.on('data', (chunk) => stderr.push(String(chunk)));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(connection, child, stderr);
    client.settings = options.settings ?? {};
    client.wire(options.refuseRegistrations === true, options.configurationDelays ?? []);
    connection.listen();
    const rootUri = `file://${options.rootPath}`;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      capabilities: {
        workspace: {
          configuration: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
          didChangeWatchedFiles: { dynamicRegistration: options.vscodeLike === true || options.refuseRegistrations === true },
          didChangeConfiguration: { dynamicRegistration: options.vscodeLike === true || options.refuseRegistrations === true },
        },
        window: { workDoneProgress: options.vscodeLike === true, showDocument: { support: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wire(refuseRegistrations: boolean, configurationDelays: readonly number[]): void {
    const { connection } = this;
    let configurationRequests = 0;
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.wake();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.wake();
    });
    connection.onNotification('twelveFactor/checklistChanged', () => {
      this.checklistChanges++;
      this.wake();
    });
    connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
      const delay = configurationDelays[configurationRequests++] ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      return params.items.map(() => this.settings);
    });
    connection.onRequest('client/registerCapability', () => {
      if (refuseRegistrations) throw new Error('registrations are not supported here');
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showDocument', () => ({ success: true }));
    connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params.edit);
      this.wake();
      return { applied: true };
    });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `predicate` holds, re-checking whenever the server sends something. */
  async until<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Server stderr: ${this.stderr.join('')}\nLogs: ${this.logs.join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  diagnosticsFor(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri)?.diagnostics;
  }

  /** The diagnostics of a document once there are some, for use with `until`. */
  someDiagnostics(uri: string, version?: number): Diagnostic[] | undefined {
    const published = this.diagnostics.get(uri);
    if (!published || (version !== undefined && published.version !== version)) return undefined;
    return published.diagnostics.length > 0 ? published.diagnostics : undefined;
  }

  open(uri: string, text: string, languageId = 'javascript', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  save(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  /** The document version the last diagnostics were published for. */
  publishedVersion(uri: string): number | undefined {
    return this.diagnostics.get(uri)?.version;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; killing it below is enough.
    }
    this.connection.dispose();
    this.child.kill();
  }
}
