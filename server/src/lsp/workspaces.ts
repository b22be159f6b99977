import { dirname, sep } from 'node:path';
import type { ServerSettings } from '../../../common/protocol';
import { Workspace } from '../workspace/workspace';
import { projectRootOf } from '../project/root';

interface Entry {
  readonly workspace: Workspace;
  /** Folders the client opened are scanned whole; a stray file's project is not. */
  readonly scanned: boolean;
}

/** One Workspace per folder the client opened, plus one per project of files opened outside them. */
export class WorkspaceRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly settingsFor: (root: string) => Promise<ServerSettings>) {}

  async openFolder(root: string): Promise<Workspace> {
    const workspace = await this.create(root);
    this.entries.set(root, { workspace, scanned: true });
    return workspace;
  }

  closeFolder(root: string): Workspace | undefined {
    const entry = this.entries.get(root);
    this.entries.delete(root);
    return entry?.workspace;
  }

  /** The workspace that owns a file: the innermost open folder, or the file's own project. */
  async forFile(path: string): Promise<Workspace> {
    const owner = this.owner(path);
    if (owner) return owner;
    const root = projectRootOf(dirname(path));
    const workspace = await this.create(root);
    this.entries.set(root, { workspace, scanned: false });
    return workspace;
  }

  owner(path: string): Workspace | undefined {
    let best: Workspace | undefined;
    for (const [root, entry] of this.entries) {
      if ((path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)) && (!best || root.length > best.root.length)) best = entry.workspace;
    }
    return best;
  }

  get folders(): Workspace[] {
    return [...this.entries.values()].filter((entry) => entry.scanned).map((entry) => entry.workspace);
  }

  get all(): Workspace[] {
    return [...this.entries.values()].map((entry) => entry.workspace);
  }

  /** Settings changed: every workspace is rebuilt with its new options; returns the roots to rescan. */
  async rebuild(): Promise<Workspace[]> {
    const rebuilt: Workspace[] = [];
    for (const [root, entry] of this.entries) {
      const workspace = await this.create(root);
      this.entries.set(root, { workspace, scanned: entry.scanned });
      rebuilt.push(workspace);
    }
    return rebuilt;
  }

  private async create(root: string): Promise<Workspace> {
    const settings = await this.settingsFor(root);
    return Workspace.open(root, { layer: { severities: settings.rules }, ignore: settings.ignore });
  }
}
