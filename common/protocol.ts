/**
 * Custom LSP messages between the twelve-factor server and its clients. Plain types only:
 * no vscode or server imports, so both sides (and other editors) can use them.
 */
import type { FactorNumber } from './factors';

export type FactorStatus = 'pass' | 'findings' | 'not-checked';

export interface ChecklistFinding {
  readonly uri: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly message: string;
  readonly rule: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly fixable: boolean;
}

export interface ChecklistFactor {
  readonly number: FactorNumber;
  readonly roman: string;
  readonly title: string;
  /** The factor's one-line rule, in our words. */
  readonly summary: string;
  readonly docsUrl: string;
  readonly status: FactorStatus;
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  readonly findings: readonly ChecklistFinding[];
}

export interface ChecklistParams {
  /** Only findings of this document; omitted for the whole workspace. */
  readonly uri?: string;
}

export interface ChecklistResult {
  readonly factors: readonly ChecklistFactor[];
  /** True while the first workspace scan is still running. */
  readonly scanning: boolean;
}

/** Client → server request: the twelve factors with their status and findings. */
export namespace ChecklistRequest {
  export const method = 'twelveFactor/checklist';
}

/** Server → client notification: findings changed, ask for the checklist again. */
export namespace ChecklistChangedNotification {
  export const method = 'twelveFactor/checklistChanged';
}

/** Commands the server executes through `workspace/executeCommand`. */
export namespace ServerCommands {
  /** Rescans every file of the workspace. */
  export const scanWorkspace = 'twelveFactor.server.scanWorkspace';
  /** Applies every safe fix in a document: arguments `[uri]`. */
  export const fixAll = 'twelveFactor.server.fixAll';
  /** Asks the client to open a rule's documentation: arguments `[url]`. */
  export const showDocumentation = 'twelveFactor.server.showDocumentation';
}

/** Settings under `twelveFactor.*`, as the client sends them per resource. */
export interface ServerSettings {
  readonly enable: boolean;
  readonly run: 'onType' | 'onSave';
  /** Rule id → severity override. */
  readonly rules: Readonly<Record<string, 'off' | 'info' | 'warning' | 'error'>>;
  /** Extra glob patterns of files not to analyse. */
  readonly ignore: readonly string[];
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, run: 'onType', rules: {}, ignore: [] };
