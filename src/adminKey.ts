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

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The one place the `openaiProjects.keyState` context key is set. */
  async refreshState(invalid = false): Promise<KeyState> {
    const key = await this.get();
    this.current = !key ? 'none' : invalid ? 'invalid' : 'set';
    await vscode.commands.executeCommand('setContext', 'openaiProjects.keyState', this.current);
    return this.current;
  }

  get state(): KeyState {
    return this.current;
  }

  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET);
    return stored?.trim() || process.env[ENV_KEY]?.trim() || undefined;
  }

  async store(key: string): Promise<void> {
    await this.secrets.store(SECRET, key.trim());
    await this.refreshState();
    this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET);
    await this.refreshState();
    this.changed.fire();
  }

  /** Another window changed the stored key. */
  watch(): vscode.Disposable {
    return this.secrets.onDidChange(async (e) => {
      if (e.key !== SECRET) return;
      await this.refreshState();
      this.changed.fire();
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
