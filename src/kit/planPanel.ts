// Plans read as documents: one webview panel per plan name (a bulk change, a project file), drawn from
// the plan's rows, with Apply and Cancel on it; while the plan applies, each change's outcome arrives
// in place and Stop ends it before the next write. The same plan as Markdown is a click away.
import * as vscode from 'vscode';
import type { ReadOnlyDocuments } from './documents';
import type { PanelWire } from './panelWire';
import { BASE_CSS, fromWebview, webviewHtml, webviewOptions } from './webviewHtml';
import { FromPlanView, type PlanView, type ToPlanView } from '../webview/planProtocol';

export type PlanContent = Omit<PlanView, 'seq'>;

export interface PlanSession {
  /** True once the person clicked Apply; false for Cancel, a closed panel, or a newer plan in its place. */
  readonly decision: Promise<boolean>;
  /** Stop was clicked (or the panel closed) while the plan applied: no write after the one under way. */
  readonly stopped: boolean;
  update(content: PlanContent): void;
}

export interface PlanShowOptions {
  /** Where a new panel opens (one already open stays where it is). */
  column?: vscode.ViewColumn;
  preserveFocus?: boolean;
  /** A preview's Apply (a comparison's plan): what runs the real thing. */
  onApply?: () => void;
}

interface Entry {
  panel: vscode.WebviewPanel;
  wire: PanelWire;
  view: PlanView;
  markdown: vscode.Uri;
  session?: { resolve(v: boolean): void; stopped: boolean };
  onApply?: () => void;
}

/** Every plan shown in this window, numbered: a click names the one it was on, whichever panel or core showed it. */
let shown = 0;

export class PlanPanels {
  private readonly open = new Map<string, Entry>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly docs: ReadOnlyDocuments,
    private readonly wire: (panel: vscode.WebviewPanel, view: string, key: string) => PanelWire,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The panels open now (another organization is about to be put in use). */
  panels(): vscode.WebviewPanel[] {
    return [...this.open.values()].map((e) => e.panel);
  }

  /** Shows `content` in the plan's panel (opened, or brought forward where it is); `markdown` is the same plan as a document. */
  show(name: string, content: PlanContent, markdown: vscode.Uri, opts: PlanShowOptions = {}): PlanSession {
    const view = { ...content, seq: ++shown };
    let entry = this.open.get(name);
    if (entry) {
      // A plan shown in its place ends the question the older one asked.
      entry.session?.resolve(false);
      entry.view = view;
      entry.markdown = markdown;
    } else entry = this.create(name, opts, view, markdown);
    entry.onApply = opts.onApply;
    entry.panel.reveal(undefined, opts.preserveFocus);
    let answer!: (v: boolean) => void;
    const decision = new Promise<boolean>((resolve) => (answer = resolve));
    // Answered once (a promise settles once); Stop is heard for as long as this plan has the panel.
    const session = { resolve: answer, stopped: false };
    entry.session = session;
    this.post(entry);
    const { seq } = view;
    const shownIn = entry;
    return {
      decision,
      get stopped() {
        return session.stopped;
      },
      update: (c) => {
        if (shownIn.view.seq !== seq) return; // a newer plan has the panel
        shownIn.view = { ...c, seq };
        this.post(shownIn);
      },
    };
  }

  private post(e: Entry): void {
    e.wire.post({ type: 'plan', plan: e.view } satisfies ToPlanView);
  }

  private create(name: string, opts: PlanShowOptions, view: PlanView, markdown: vscode.Uri): Entry {
    const title = vscode.l10n.t('Plan — {0}', name);
    const panel = vscode.window.createWebviewPanel(
      'openaiProjects.plan',
      title,
      { viewColumn: opts.column ?? vscode.ViewColumn.Active, preserveFocus: opts.preserveFocus },
      webviewOptions(this.extensionUri),
    );
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'plan.js', CSS, vscode.l10n.t('Loading the plan…'));
    const entry: Entry = { panel, wire: this.wire(panel, 'plan', name), view, markdown };
    this.open.set(name, entry);
    // Closed unanswered: not applied. Closed while applying: the plan goes on (the progress
    // notification can still cancel it) and its summary says how it went.
    panel.onDidDispose(() => {
      this.open.delete(name);
      entry.session?.resolve(false);
    });
    entry.wire.onMessage((raw) => {
      const m = fromWebview(FromPlanView, raw, this.log, vscode.l10n.t('Plan view'));
      if (!m) return;
      const current = m.type === 'ready' || m.type === 'markdown' || m.seq === entry.view.seq;
      if (!current) return; // a click on a plan no longer shown
      switch (m.type) {
        case 'ready':
          return this.post(entry);
        case 'apply':
          if (entry.view.phase === 'review') entry.session?.resolve(true);
          else if (entry.view.phase === 'preview') entry.onApply?.();
          return;
        case 'cancel':
          if (entry.view.phase === 'review') entry.session?.resolve(false);
          return;
        case 'stop':
          if (entry.view.phase === 'applying' && entry.session) entry.session.stopped = true;
          return;
        case 'markdown':
          return void this.docs.open(entry.markdown, 'markdown', { viewColumn: vscode.ViewColumn.Beside });
      }
    });
    return entry;
  }
}

const CSS = `${BASE_CSS}
#summary { margin: 8px 0 4px; }
tr.outcome-done td:last-child { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
tr.outcome-refused td:last-child { color: var(--vscode-errorForeground); }
tr.outcome-not-run td:last-child { color: var(--vscode-descriptionForeground); }
`;
