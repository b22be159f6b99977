import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { TwelveFactorServer } from './lsp/server';

// The transport (--stdio, --node-ipc, --socket=N) is chosen from the command line by createConnection.
new TwelveFactorServer(createConnection(ProposedFeatures.all)).listen();
