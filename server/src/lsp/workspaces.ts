import { dirname, sep } from 'node:path';
import type { ServerSettings } from '../../../common/protocol';
import { Workspace } from '../workspace/workspace';
import { projectRootOf } from '../project/root';

interface Entry {
  readonly workspace: Workspace;
  /** Folders the client opened are scanned whole; a stray file's project is not. */
  readonly scanned: boolean;
}

/**
 * One Workspace per folder the client opened, plus one per project of files opened outside them.
 * Editors open documents while folders are still being set up, so creation is asynchronous and
 * guarded: a document waits for the folder that will own it, and a folder replaces any project
 * that was set up for its documents in the meantime.
 */
export class WorkspaceRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly openingFolders = new Map<string, Promise<Workspace>>();
  private readonly openingProjects = new Map<string, Promise<Workspace>>();

  constructor(private readonly settingsFor: (root: string) => Promise<ServerSettings>) {}

  openFolder(root: string): Promise<Workspace> {
    const opening = this.create(root).then((workspace) => {
      for (const [other, entry] of this.entries) if (!entry.scanned && isInside(root, other)) this.entries.delete(other);
      this.entries.set(root, { workspace, scanned: true });
      return workspace;
    });
    this.openingFolders.set(root, opening);
    return opening.finally(() => {
      if (this.openingFolders.get(root) === opening) this.openingFolders.delete(root);
    });
  }

  closeFolder(root: string): Workspace | undefined {
    const entry = this.entries.get(root);
    this.entries.delete(root);
    return entry?.workspace;
  }

  /** The workspace that owns a file: the innermost open folder, or the file's own project. */
  async forFile(path: string): Promise<Workspace> {
    await Promise.allSettled([...this.openingFolders].filter(([root]) => isInside(root, path)).map(([, opening]) => opening));
    const owner = this.owner(path);
    if (owner) return owner;
    const root = projectRootOf(dirname(path));
    let opening = this.openingProjects.get(root);
    if (!opening) {
      opening = this.create(root).finally(() => this.openingProjects.delete(root));
      this.openingProjects.set(root, opening);
    }
    const workspace = await opening;
    // A folder may have opened meanwhile; the first caller registers the project, the others find it.
    const ownerNow = this.owner(path);
    if (ownerNow) return ownerNow;
    this.entries.set(root, { workspace, scanned: false });
    return workspace;
  }

  owner(path: string): Workspace | undefined {
    let best: Workspace | undefined;
    for (const [root, entry] of this.entries) {
      if (isInside(root, path) && (!best || root.length > best.root.length)) best = entry.workspace;
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

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
