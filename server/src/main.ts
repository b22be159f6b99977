import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { TwelveFactorServer } from './lsp/server';
import { runScanWorker } from './workspace/worker';

if (isMainThread) startServer();
else runScanWorker();

function startServer(): void {
  // The transport (--stdio, --node-ipc, --socket=N) is chosen from the command line by createConnection.
  const connection = createConnection(ProposedFeatures.all);
  // A failed request to the client must cost one feature, not the whole server.
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));
  new TwelveFactorServer(connection).listen();
}
