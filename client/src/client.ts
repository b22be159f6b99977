import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** The documents the server analyses: code, and the project files it reads. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'dotenv' },
  { scheme: 'file', language: 'procfile' },
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', pattern: '**/package.json' },
  { scheme: 'file', pattern: '**/.twelve-factor.json' },
  { scheme: 'file', pattern: '**/{docker-compose,compose}*.{yml,yaml}' },
];

/** Starts the bundled server over IPC. The client never analyses code itself. */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: { configurationSection: 'twelveFactor' },
    // Crashes are restarted by the client; the user hears about it once, in the status bar.
    connectionOptions: { maxRestartCount: 4 },
  };
  return new LanguageClient('twelveFactor', 'Twelve-Factor', serverOptions, clientOptions);
}

export function isRunning(client: LanguageClient): boolean {
  return client.state === State.Running;
}
