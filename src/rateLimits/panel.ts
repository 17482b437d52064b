// The rate-limit form: one webview panel per project. Every message is checked with zod; saving sends
// one update per changed model (only its changed fields), four at a time, after checking that nobody
// changed the same values on the server since the form loaded.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { errorText, collect, ProjectsApiError, type Project, type ProjectRateLimit } from '../client';
import type { Ctx } from '../kit/context';
import { projectName } from '../shared/projectInfo';
import { pool } from '../store/store';
import { PANELS } from '../kit/ids';
import { offerReopen, projectById, restorePanel } from '../kit/restore';
import { BASE_CSS, fromWebview, webviewHtml, webviewOptions } from '../kit/webviewHtml';
import { FIELDS, FromWebview, ToWebview, type Change, type Row } from '../webview/rateLimitProtocol';

type Edits = Extract<FromWebview, { type: 'edits' }>['edits'];

const toRow = (r: ProjectRateLimit): Row => ({
  id: r.id,
  model: r.model,
  // A value that is no finite number (a proxy's 1e400) is not a limit the form can edit: left out.
  values: Object.fromEntries(FIELDS.filter((f) => Number.isFinite(r[f])).map((f) => [f, r[f] as number])),
});

/** What the page keeps for a reload: its project (the edits and filter the page keeps itself). */
const Kept = z.object({ project: z.string() });

export class RateLimitForms {
  private readonly open = new Map<string, { panel: vscode.WebviewPanel; focus(model?: string): void }>();

  constructor(
    private readonly ctx: Ctx,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** The panels open now (another organization is about to be put in use). */
  panels(): vscode.WebviewPanel[] {
    return [...this.open.values()].map((e) => e.panel);
  }

  /** A form VS Code brought back after a reload, with the edits it had not saved (kept by the page). */
  restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return restorePanel(this.ctx, panel, this.extensionUri, state, {
      schema: Kept,
      find: (kept) => projectById(this.ctx, kept.project),
      isOpen: (project) => this.open.has(project.id),
      show: (project) => this.show(project, undefined, undefined, panel),
    });
  }

  /** Opens (or reveals) the project's form, focused on one model if given; `restored` is a panel VS Code brought back. */
  show(project: Project, focusModel?: string, restore?: Edits, restored?: vscode.WebviewPanel): vscode.WebviewPanel {
    const existing = this.open.get(project.id);
    if (existing) {
      existing.panel.reveal();
      existing.focus(focusModel);
      return existing.panel;
    }
    const title = vscode.l10n.t('Rate limits: {0}', projectName(project));
    const panel = restored ?? vscode.window.createWebviewPanel(PANELS.rateLimits, title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    panel.title = title;
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'main.js', CSS, vscode.l10n.t('Loading the rate limits…'), { project: project.id });
    let edits: Edits = restore ?? {};
    const wire = this.ctx.wire(panel, 'rateLimits', project.id);
    const post = (m: ToWebview) => wire.post(m);
    const focus = (model?: string) => model && post({ type: 'focus', model });
    this.open.set(project.id, { panel, focus });

    const load = async (fresh: boolean): Promise<Row[]> => {
      if (fresh) this.ctx.store.invalidate(project.id, 'rateLimits');
      return (await this.ctx.store.folder(project.id, 'rateLimits')).map(toRow);
    };
    const init = async (fresh: boolean) => {
      try {
        post({ type: 'init', projectName: projectName(project), rows: await load(fresh), focusModel, edits });
        focusModel = undefined;
      } catch (e) {
        post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
      }
    };

    // init and save say their own failures to the form.
    wire.onMessage((raw: unknown) => {
      const m = fromWebview(FromWebview, raw, this.ctx.log, vscode.l10n.t('Rate-limit form'));
      if (!m) return;
      switch (m.type) {
        case 'ready':
          return void init(false);
        case 'reload':
          return void init(true);
        case 'edits':
          edits = m.edits;
          return;
        case 'save':
          return void this.save(project, m.changes, m.overwrite, post);
      }
    });
    panel.onDidDispose(() => {
      this.open.delete(project.id);
      const unsaved = Object.values(edits).some((e) => Object.keys(e).length);
      if (!unsaved) return;
      offerReopen(this.ctx, vscode.l10n.t('The rate-limit form of "{0}" was closed with unsaved edits.', projectName(project)), () =>
        this.show(project, undefined, edits),
      );
    });
    return panel;
  }

  /** What the form's Save does: a conflict check, then the writes, each row's outcome told to the form. */
  private async save(project: Project, changes: Change[], overwrite: boolean, post: (m: ToWebview) => void): Promise<void> {
    if (!changes.length) return;
    try {
      const client = await this.ctx.client();
      if (!overwrite) {
        // One list request: has another admin changed what this form is about to overwrite?
        const server = new Map((await collect((after) => client.listProjectRateLimits({ projectId: project.id, limit: 100, after }))).map((r) => [r.id, r]));
        const conflicts = changes.flatMap((c) =>
          (Object.keys(c.fields) as (keyof Change['fields'])[]).flatMap((f) => {
            const now = server.get(c.id)?.[f];
            return now !== c.loaded[f] ? [{ id: c.id, model: c.model, field: f, loaded: c.loaded[f], server: now, mine: c.fields[f]! }] : [];
          }),
        );
        if (conflicts.length) return void post({ type: 'conflict', conflicts });
      }
      // Up to ten at once: a typical save (a few models, ten at most) goes out in one wave after the
      // conflict check, two round trips in all. Larger saves queue; the pacer keeps to the API's limit.
      const run = pool(10);
      const results = await Promise.all(
        changes.map((c) =>
          run(async () => {
            try {
              // An answer lost on the way is not sent again: the list says whether the new values are there.
              const { value: r } = await this.ctx.writer.updateLimits(
                project.id,
                c.id,
                c.fields,
                vscode.l10n.t('saving the {0} limits of "{1}"', c.model, projectName(project)),
              );
              return { id: c.id, ok: true as const, row: toRow(r) };
            } catch (e) {
              // The row shows OpenAI's own words; the log keeps the whole story (endpoint, request id).
              this.ctx.log.error(`Rate limit ${c.model} of ${project.id}: ${errorText(e)}`);
              const short =
                e instanceof ProjectsApiError && e.apiMessage ? vscode.l10n.t('Refused{0}: {1}', e.status ? ` (${e.status})` : '', e.apiMessage) : undefined;
              return { id: c.id, ok: false as const, error: short ?? (e instanceof Error ? e.message : String(e)) };
            }
          }),
        ),
      );
      const failed = results.filter((r) => !r.ok).length;
      this.ctx.log.info(`Rate limits of ${project.id}: ${results.length - failed} saved, ${failed} failed.`);
      post({ type: 'saved', results });
    } catch (e) {
      post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }
}

const CSS = `${BASE_CSS}
vscode-textfield { width: 11em; }
.error, .failed { color: var(--vscode-errorForeground); }
.was { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.saved { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
`;
