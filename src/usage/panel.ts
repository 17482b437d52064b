// The Usage & Cost view: one webview panel per project, and one for the whole organization. The
// extension reads and adds up; the webview draws. Messages are zod-checked both ways.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import UPLOT_CSS from 'uplot/dist/uPlot.min.css';
import { errorText, type Project } from '../client';
import type { Ctx } from '../kit/context';
import { projectName } from '../shared/projectInfo';
import { PANELS } from '../kit/ids';
import { projectById, restorePanel } from '../kit/restore';
import { BASE_CSS, fromWebview, webviewHtml, webviewOptions } from '../kit/webviewHtml';
import { FromUsageView, type Range, type ToUsageView } from '../webview/usageProtocol';
import type { UsageSource } from './source';

export interface UsageViewHooks {
  /** Opens a project's own view (a row of the organization overview). */
  openProject(id: string): void;
  /** Opens the project's activity (the view's "Activity" button). */
  openActivity(project: Project): void;
}

const ORG = '(organization)';
/** What the page keeps for a reload: the project it is about, none for the organization (the range the page keeps itself). */
const Kept = z.object({ project: z.optional(z.string()) });

export class UsagePanels {
  private readonly open = new Map<string, { panel: vscode.WebviewPanel; range: Range; post(m: ToUsageView): void; load(fresh: boolean): Promise<void> }>();

  constructor(
    private readonly ctx: Ctx,
    private readonly extensionUri: vscode.Uri,
    private readonly source: UsageSource,
    private readonly hooks: UsageViewHooks,
  ) {}

  /** The panels open now (another organization is about to be put in use). */
  panels(): vscode.WebviewPanel[] {
    return [...this.open.values()].map((e) => e.panel);
  }

  /** A panel VS Code brought back after a reload, drawn again for its project and range. */
  restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The subject is `{ project }`, the project undefined for the organization's view.
    return restorePanel(this.ctx, panel, this.extensionUri, state, {
      schema: Kept,
      find: async (kept) => {
        if (kept.project === undefined) return {};
        const project = await projectById(this.ctx, kept.project);
        return project && { project };
      },
      isOpen: ({ project }) => this.open.has(project?.id ?? ORG),
      show: ({ project }) => this.show(project, panel),
    });
  }

  /** Opens (or reveals) the view of a project, or of the organization without one; `restored` is a panel VS Code brought back. */
  show(project?: Project, restored?: vscode.WebviewPanel): vscode.WebviewPanel {
    const key = project?.id ?? ORG;
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const title = project ? vscode.l10n.t('Usage & Cost: {0}', projectName(project)) : vscode.l10n.t('Usage & Cost: Organization');
    const panel = restored ?? vscode.window.createWebviewPanel(PANELS.usage, title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    panel.title = title;
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'usage.js', CSS, vscode.l10n.t('Loading usage and costs…'), { project: project?.id });
    const wire = this.ctx.wire(panel, 'usage', key);
    const post = (m: ToUsageView) => wire.post(m);
    const entry = {
      panel,
      range: 30 as Range,
      post,
      load: async (fresh: boolean) => {
        if (fresh) this.source.clear();
        const range = entry.range;
        post({ type: 'loading', range });
        try {
          const report = project
            ? await this.source.projectReport(project, range, fresh)
            : await this.source.organizationReport(range, this.knownProjects(), fresh);
          if (entry.range !== range || !this.open.has(key)) return; // another range was asked for meanwhile
          post({ type: 'report', report });
          for (const p of report.problems) this.ctx.log.warn(`${title}: ${p}`);
        } catch (e) {
          this.ctx.log.error(`${title}: ${errorText(e)}`);
          post({ type: 'failed', message: errorText(e) });
        }
      },
    };
    this.open.set(key, entry);
    panel.onDidDispose(() => this.open.delete(key));
    wire.onMessage((raw: unknown) => {
      const m = fromWebview(FromUsageView, raw, this.ctx.log, vscode.l10n.t('Usage view'));
      if (!m) return;
      switch (m.type) {
        case 'ready':
          entry.range = m.range;
          return void entry.load(false);
        case 'drawn':
          // The charts are on screen: nothing more to do (Development and Test mode watch for it).
          return;
        case 'range':
          entry.range = m.range;
          return void entry.load(false);
        case 'refresh':
          return void entry.load(true);
        case 'openProject':
          return void this.hooks.openProject(m.id);
        case 'activity':
          if (project) this.hooks.openActivity(project);
          return;
      }
    });
    return panel;
  }

  /** Projects known without a request: the tree's list, else the index's. A cold overview lists them after drawing. */
  private knownProjects(): Project[] {
    const loaded = this.ctx.store.loadedProjects ?? this.ctx.index.projects?.items;
    if (loaded) return loaded;
    // Nothing known yet: list them in the background; the next draw has the names.
    void this.ctx.store.projects(true).then(
      () => {
        const org = this.open.get(ORG);
        if (org) void org.load(false);
      },
      () => undefined,
    );
    return [];
  }
}

const CSS = `${UPLOT_CSS}${BASE_CSS}
.range { display: flex; gap: 4px; }
.totals { display: flex; gap: 24px; flex-wrap: wrap; margin: 8px 0; }
.totals div { display: flex; flex-direction: column; }
.totals strong { font-size: 1.4em; font-variant-numeric: tabular-nums; }
figure { margin: 12px 0; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.chart { width: 100%; }
.chart:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 4px 0; font-size: 0.9em; }
.legend span::before { content: ''; display: inline-block; width: 10px; height: 10px; margin-right: 4px; background: var(--swatch); border: 1px solid var(--vscode-contrastBorder, transparent); vertical-align: -1px; }
.readout { min-height: 1.4em; font-variant-numeric: tabular-nums; }
details { margin: 4px 0 12px; }
.bar { display: inline-block; height: 8px; background: var(--vscode-charts-blue); vertical-align: middle; min-width: 1px; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.u-legend { display: none; }
.u-hz .u-cursor-x { border-right-color: var(--vscode-editorCursor-foreground, currentColor); }
`;
