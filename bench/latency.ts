import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

/**
 * Times didChange → publishDiagnostics over stdio with the bundled server, one edit at a time,
 * each waiting for the diagnostics of its own version. Returns milliseconds per edit.
 */
export async function measureLatency(serverPath: string, serviceText: string, edits: number): Promise<number[]> {
  const text = `${serviceText}\napp.listen(8080);\n`;
  const root = mkdtempSync(join(tmpdir(), 'tfl-latency-'));
  writeFileSync(join(root, 'package.json'), '{"name":"latency"}');
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<number, (at: bigint) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    if (params.version !== undefined) waiting.get(params.version)?.(process.hrtime.bigint());
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.listen();
  const uri = `file://${join(root, 'service.js')}`;
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: `file://${root}`, capabilities: { workspace: { configuration: true } } });
    await connection.sendNotification('initialized', {});
    const opened = published(waiting, 1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: `//\n${text}` } });
    await opened;
    const latencies: number[] = [];
    for (let version = 2; version < edits + 2; version++) {
      const arrived = published(waiting, version);
      const sent = process.hrtime.bigint();
      // Lines added at the top move every finding, so every version publishes new diagnostics.
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: `${'//\n'.repeat(version)}${text}` }] });
      latencies.push(Number((await arrived) - sent) / 1e6);
    }
    return latencies;
  } finally {
    connection.dispose();
    child.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

function published(waiting: Map<number, (at: bigint) => void>, version: number): Promise<bigint> {
  return new Promise((resolve) => waiting.set(version, resolve));
}
