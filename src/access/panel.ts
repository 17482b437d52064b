// The access view: one webview panel per person or project asked about (Show Access…, Who Has
// Access…), drawn from a report read by ./read.ts. A line's jump names a target the report itself
// made; anything else the page sends is dropped. Refresh reads the lists and the roles again.
import * as vscode from 'vscode';
import type { Ctx } from '../kit/context';
import { BASE_CSS, fromWebview, webviewHtml, webviewOptions } from '../kit/webviewHtml';
import { revealOrg } from '../commands/orgSearch';
import { revealInProjects } from '../commands/search';
import { FromAccessView, type ToAccessView } from '../webview/accessProtocol';
import type { PanelWire } from '../kit/panelWire';
import type { AccessReport, Target } from './read';

interface Entry {
  panel: vscode.WebviewPanel;
  wire: PanelWire;
  report?: AccessReport;
  read: () => Promise<AccessReport>;
}

export class AccessPanels {
  private readonly open = new Map<string, Entry>();

  constructor(
    private readonly ctx: Ctx,
    private readonly extensionUri: vscode.Uri,
  ) {}

  panels(): vscode.WebviewPanel[] {
    return [...this.open.values()].map((e) => e.panel);
  }

  /** Reads `read` and shows it in the panel of `key` (opened, or brought forward and redrawn). */
  async show(key: string, title: string, read: () => Promise<AccessReport>): Promise<AccessReport> {
    const report = await read();
    let entry = this.open.get(key);
    if (!entry) entry = this.create(key, title, read);
    entry.read = read;
    entry.report = report;
    entry.panel.title = report.view.title;
    entry.panel.reveal();
    this.post(entry);
    return report;
  }

  private post(e: Entry): void {
    if (e.report) e.wire.post({ type: 'access', view: e.report.view } satisfies ToAccessView);
  }

  private create(key: string, title: string, read: () => Promise<AccessReport>): Entry {
    const panel = vscode.window.createWebviewPanel('openaiProjects.access', title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'access.js', CSS, vscode.l10n.t('Reading access…'));
    const entry: Entry = { panel, wire: this.ctx.wire(panel, 'access', key), read };
    this.open.set(key, entry);
    panel.onDidDispose(() => this.open.delete(key));
    entry.wire.onMessage((raw) => {
      const m = fromWebview(FromAccessView, raw, this.ctx.log, vscode.l10n.t('Access view'));
      if (!m) return;
      switch (m.type) {
        case 'ready':
          return this.post(entry);
        case 'refresh':
          return void entry.read().then(
            (r) => {
              entry.report = r;
              this.post(entry);
            },
            (e: unknown) => void this.ctx.ui.notify('error', e instanceof Error ? e.message : String(e)),
          );
        case 'reveal': {
          const t = entry.report?.targets.get(m.target);
          if (t) void this.reveal(t).catch((e: unknown) => this.ctx.log.warn(`Showing ${m.target}: ${e instanceof Error ? e.message : String(e)}`));
          return;
        }
      }
    });
    return entry;
  }

  /** Shows a target's row: the item is taken from the list it is in (read if it is not held). */
  async reveal(t: Target): Promise<void> {
    if (t.view === 'org') {
      const items = await this.ctx.store.orgList(t.kind);
      const item = items.find((i) => i.id === t.itemId);
      if (!item) throw new Error(vscode.l10n.t('{0} is no longer in the list.', t.itemId));
      await revealOrg(this.ctx, t.kind, item);
      return;
    }
    if (!t.kind || !t.itemId) {
      await revealInProjects(this.ctx, this.ctx.tree.projectNode(t.project), t.project);
      return;
    }
    const items = await this.ctx.store.folder(t.project.id, t.kind);
    const item = items.find((i) => i.id === t.itemId);
    if (!item) {
      // A role through a group, for a person not in the project's users: the project is what there is to show.
      await revealInProjects(this.ctx, this.ctx.tree.projectNode(t.project), t.project);
      return;
    }
    await revealInProjects(this.ctx, this.ctx.tree.leaf(t.project, t.kind, item), t.project, t.kind);
  }
}

const CSS = `${BASE_CSS}
section { margin-bottom: 12px; }
td:first-child { width: 40%; }
`;
