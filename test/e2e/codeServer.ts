import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const CODE_SERVER = join(ROOT, '.cache', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const VSIX = join(ROOT, `twelve-factor-lint-${(require(join(ROOT, 'package.json')) as { version: string }).version}.vsix`);

/** Flags for Debian's Chromium on a machine with no display and no network beyond loopback. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const QUIET_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
};

/** A code-server (the real VS Code 1.100 workbench) with fresh profile folders and our .vsix installed. */
export class CodeServer {
  private constructor(
    readonly port: number,
    private readonly process: ChildProcess,
    private readonly home: string,
    readonly log: string[],
  ) {}

  static async start(options: { installVsix: boolean }): Promise<CodeServer> {
    const home = mkdtempSync(join(tmpdir(), 'tfl-code-server-'));
    const userData = join(home, 'user-data');
    const extensions = join(home, 'extensions');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS));
    writeFileSync(join(home, 'config.yaml'), 'auth: none\n');
    const common = ['--user-data-dir', userData, '--extensions-dir', extensions, '--config', join(home, 'config.yaml')];
    if (options.installVsix) {
      const installed = spawnSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', VSIX], { encoding: 'utf8' });
      if (installed.status !== 0) throw new Error(`Installing the .vsix failed: ${installed.stdout}${installed.stderr}`);
    }
    const port = await freePort();
    const log: string[] = [];
    const child = spawn(process.execPath, [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...common], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_CONFIG_HOME: home },
      // Its own process group, so stopping it also stops the server process code-server forks.
      detached: true,
    });
    child.stdout!.on('data', (chunk) => log.push(String(chunk)));
    child.stderr!.on('data', (chunk) => log.push(String(chunk)));
    const server = new CodeServer(port, child, home, log);
    await server.waitUntilServing();
    return server;
  }

  url(folder: string, payload?: unknown): string {
    const query = new URLSearchParams({ folder });
    if (payload) query.set('payload', JSON.stringify(payload));
    return `http://127.0.0.1:${this.port}/?${query.toString()}`;
  }

  private async waitUntilServing(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`code-server did not start:\n${this.log.join('')}`);
  }

  /** What the extension wrote to its "Twelve-Factor" output channel (the server's log), for failure reports. */
  extensionLog(): string {
    const logs = join(this.home, 'user-data', 'logs');
    const files = existsSync(logs) ? readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('Twelve-Factor.log')) : [];
    return files.map((file) => readFileSync(join(logs, file), 'utf8')).join('\n');
  }

  stop(): void {
    // code-server's entry forks the real server; killing only the entry left that running after the tests.
    if (this.process.pid !== undefined) {
      try {
        process.kill(-this.process.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
