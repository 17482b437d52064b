// The admin key: SecretStorage first, then the OPENAI_ADMIN_KEY environment variable (the demo and
// scripted setups). It is never written to settings, globalState, logs or files.
import * as vscode from 'vscode';

const SECRET = 'openaiProjects.adminKey';
export const ENV_KEY = 'OPENAI_ADMIN_KEY';

/** What the views show: the welcome for `none`, the tree otherwise. */
export type KeyState = 'none' | 'set' | 'invalid';

export class AdminKey {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: KeyState = 'none';
  /** The key last seen, to tell a real change from the echo of our own store(). */
  private known: string | undefined;
  private cached: Promise<string | undefined> | undefined;
  /** The demo organization's key and address while it runs: in memory only, never stored. */
  private demo?: { key: string; baseUrl: string };

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The demo's base URL while it runs (it overrides the setting), else undefined. */
  get demoBaseUrl(): string | undefined {
    return this.demo?.baseUrl;
  }

  /**
   * Switches to the demo organization (a key and address for this session only) or, with undefined,
   * back to the person's own key and settings exactly as they were: neither is touched.
   */
  async useDemo(demo: { key: string; baseUrl: string } | undefined): Promise<void> {
    await this.setDemo(demo);
    await this.update();
  }

  private async setDemo(demo: { key: string; baseUrl: string } | undefined): Promise<void> {
    this.demo = demo;
    await vscode.commands.executeCommand('setContext', 'openaiProjects.demo', !!demo);
  }

  /** The one place the `openaiProjects.keyState` context key is set. */
  async refreshState(invalid = false): Promise<boolean> {
    const key = await this.get();
    const changed = key !== this.known;
    this.known = key;
    this.current = !key ? 'none' : invalid ? 'invalid' : 'set';
    await vscode.commands.executeCommand('setContext', 'openaiProjects.keyState', this.current);
    return changed;
  }

  get state(): KeyState {
    return this.current;
  }

  /** Read once and kept in memory (every request needs it; a secret read is a round trip to the window). */
  get(): Promise<string | undefined> {
    if (this.demo) return Promise.resolve(this.demo.key);
    return this.stored().then((v) => v || process.env[ENV_KEY]?.trim() || undefined);
  }

  /** The key in secret storage only (not the environment's). */
  stored(): Promise<string | undefined> {
    return (this.cached ??= Promise.resolve(this.secrets.get(SECRET)).then(
      (v) => v?.trim() || undefined,
      (e: unknown) => {
        this.cached = undefined;
        throw e;
      },
    ));
  }

  async store(key: string): Promise<void> {
    // A key of one's own ends the demo: it is what the person asked to see.
    await this.setDemo(undefined);
    await this.secrets.store(SECRET, key.trim());
    this.cached = undefined;
    await this.update();
  }

  /** A rotated key takes the place of the one in use: the demo's in memory, else in secret storage. */
  async replace(key: string): Promise<void> {
    if (this.demo) {
      this.demo = { ...this.demo, key: key.trim() };
      await this.update();
      return;
    }
    await this.store(key);
  }

  /** Whether the key in use is the demo's (session only). */
  get inDemo(): boolean {
    return !!this.demo;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET);
    this.cached = undefined;
    await this.update();
  }

  private async update(): Promise<void> {
    if (await this.refreshState()) this.changed.fire();
  }

  /** Another window changed the stored key. */
  watch(): vscode.Disposable {
    return this.secrets.onDidChange(async (e) => {
      if (e.key !== SECRET) return;
      this.cached = undefined;
      await this.update();
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
