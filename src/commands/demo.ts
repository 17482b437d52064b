// Try a Demo Organization: the emulator started inside the extension host, on 127.0.0.1 and a free port,
// from its own bundle (dist/demo.js, required only here), its organization kept in the extension's
// storage. Its key and address live in memory for this session: the person's key and settings are
// not touched, and Stop Demo (or closing the window) returns to them exactly as they were.
import { randomInt } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Emulator, startEmulator } from '../../tools/emulator/server';
import { fingerprint } from '../index/files';
import type { AdminKey } from '../kit/adminKey';
import { Cancelled, done, type Ctx } from '../kit/context';
import { COMMANDS, VIEW_ID } from '../kit/ids';

export class DemoOrganization {
  private running?: Promise<Emulator>;
  private status?: vscode.StatusBarItem;
  private readonly dir: string;
  private readonly unwatch: vscode.Disposable;
  /** "Demo organization" while it runs: the Projects view's description (composed in core.ts with the month's money). */
  label?: string;
  /** The label changed. */
  onLabel?: () => void;

  constructor(
    private readonly ctx: Ctx,
    private readonly adminKey: AdminKey,
    storage: vscode.Uri,
  ) {
    this.dir = join(storage.fsPath, 'demo');
    // Set Admin Key while the demo runs switches to that key: the demo stops.
    this.unwatch = adminKey.onDidChange(() => {
      if (this.running && !adminKey.demoBaseUrl) void this.stopDemo();
    });
  }

  /** Starts the demo (or, running, shows it): the view lists its projects. */
  async tryDemo(): Promise<void> {
    if (!this.running) {
      const started = (this.running = this.start());
      // A start that failed leaves nothing behind: the next try starts afresh.
      started.catch(() => this.running === started && (this.running = undefined));
      const emu = await started;
      await this.adminKey.useDemo({ key: emu.adminKey, baseUrl: emu.baseUrl });
      this.show();
      this.ctx.log.info(`Demo organization started on 127.0.0.1:${emu.port}; its data: ${this.dir}.`);
    }
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  /** Back to the person's own organization; the demo's data stays for next time. */
  async stopDemo(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    this.hide();
    await this.adminKey.useDemo(undefined);
    await (await running.catch(() => undefined))?.close();
    this.ctx.log.info('Demo organization stopped.');
  }

  /** Forgets every change made in the demo: it starts again from its first state. */
  async resetDemo(): Promise<void> {
    const reset = vscode.l10n.t('Reset');
    if (!(await this.ctx.ui.confirm(vscode.l10n.t('Reset the demo organization?'), vscode.l10n.t('Every change made in it is forgotten.'), reset)))
      throw new Cancelled();
    const wasRunning = !!this.running;
    const key = await this.demoKey();
    await this.stopDemo();
    // Its index goes too: Find must not offer what the reset took away.
    if (key) await this.ctx.index.forget(fingerprint(key));
    await rm(this.dir, { recursive: true, force: true });
    if (wasRunning) await this.tryDemo();
    done(this.ctx, vscode.l10n.t('The demo organization starts again from its first state.'));
  }

  /** The window closes (or the core is let go): the demo stops, nothing of it is left in the person's settings. */
  dispose(): void {
    this.unwatch.dispose();
    void this.stopDemo();
  }

  /** Whether the demo is what the view shows. */
  get active(): boolean {
    return !!this.running;
  }

  /** The demo's key: the running one's, else the one its file keeps (none before a first start). */
  private async demoKey(): Promise<string | undefined> {
    if (this.running) return (await this.running).adminKey;
    try {
      return (JSON.parse(await readFile(this.file, 'utf8')) as { admin_keys?: string[] }).admin_keys?.[0];
    } catch {
      return undefined;
    }
  }

  private get file(): string {
    return join(this.dir, 'organization.json');
  }

  private async start(): Promise<Emulator> {
    await mkdir(this.dir, { recursive: true });
    // A path esbuild cannot follow: the emulator is a bundle of its own, loaded on first use only.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load on first use, by path
    const { startEmulator: start } = require(`${__dirname}/demo.js`) as { startEmulator: typeof startEmulator };
    // A seed of its own (kept in the file from then on): its key and ids are this installation's alone.
    return start({ seed: 'demo', seedValue: randomInt(1, 2 ** 31), dataFile: this.file, control: false });
  }

  private show(): void {
    const view = this.ctx.view();
    this.label = vscode.l10n.t('Demo organization');
    this.onLabel?.();
    // The description is cut off in a narrow sidebar: the message above the rows always shows.
    if (view) view.message = vscode.l10n.t('A demo organization on this machine: nothing you do here reaches OpenAI.');
    this.status ??= vscode.window.createStatusBarItem('openaiProjects.demo', vscode.StatusBarAlignment.Left);
    this.status.name = vscode.l10n.t('OpenAI Projects demo');
    this.status.text = vscode.l10n.t('$(beaker) OpenAI demo');
    this.status.tooltip = vscode.l10n.t('The Projects view shows a demo organization on this machine. Click to stop it and return to your own.');
    this.status.command = COMMANDS.stopDemo;
    this.status.show();
  }

  private hide(): void {
    const view = this.ctx.view();
    this.label = undefined;
    this.onLabel?.();
    if (view) view.message = undefined;
    this.status?.dispose();
    this.status = undefined;
  }
}
