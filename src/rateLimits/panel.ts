// The rate-limit form: one webview panel per project. Every message is checked with zod; saving sends
// one update per changed model (only its changed fields), four at a time, after checking that nobody
// changed the same values on the server since the form loaded.
import * as vscode from 'vscode';
import { errorText, collect, ProjectsApiError, type Project, type ProjectRateLimit } from '../client';
import type { Ctx } from '../commands/context';
import { projectName } from '../tree/projectInfo';
import { pool } from '../tree/store';
import { FIELDS, FromWebview, ToWebview, type Change, type Row } from '../webview/protocol';

type Edits = Extract<FromWebview, { type: 'edits' }>['edits'];

const toRow = (r: ProjectRateLimit): Row => ({
  id: r.id,
  model: r.model,
  values: Object.fromEntries(FIELDS.filter((f) => typeof r[f] === 'number').map((f) => [f, r[f] as number])),
});

export class RateLimitForms {
  private readonly open = new Map<string, { panel: vscode.WebviewPanel; focus(model?: string): void }>();

  constructor(
    private readonly ctx: Ctx,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** Opens (or reveals) the project's form, focused on one model if given. */
  show(project: Project, focusModel?: string, restore?: Edits): vscode.WebviewPanel {
    const existing = this.open.get(project.id);
    if (existing) {
      existing.panel.reveal();
      existing.focus(focusModel);
      return existing.panel;
    }
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel('openaiProjects.rateLimits', `Rate limits: ${projectName(project)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [root],
    });
    panel.webview.html = html(panel.webview, vscode.Uri.joinPath(root, 'main.js'));
    let edits: Edits = restore ?? {};
    const post = (m: ToWebview) => void panel.webview.postMessage(m);
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

    panel.webview.onDidReceiveMessage(async (raw: unknown) => {
      const parsed = FromWebview.safeParse(raw);
      if (!parsed.success) {
        this.ctx.log.warn(`Rate-limit form: ignored a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
        return;
      }
      const m = parsed.data;
      switch (m.type) {
        case 'ready':
          return init(false);
        case 'reload':
          return init(true);
        case 'edits':
          edits = m.edits;
          return;
        case 'save':
          return this.save(project, m.changes, m.overwrite, post);
      }
    });
    panel.onDidDispose(() => {
      this.open.delete(project.id);
      const unsaved = Object.values(edits).some((e) => Object.keys(e).length);
      if (!unsaved) return;
      // A panel cannot refuse to close; what was typed is kept and offered back instead.
      void this.ctx.ui
        .notify('info', `The rate-limit form of "${projectName(project)}" was closed with unsaved edits.`, 'Reopen with My Edits')
        .then((choice) => {
          if (choice === 'Reopen with My Edits') this.show(project, undefined, edits);
        });
    });
    return panel;
  }

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
      const saved = new Map<string, ProjectRateLimit>();
      const results = await Promise.all(
        changes.map((c) =>
          run(async () => {
            try {
              const r = await client.updateProjectRateLimits({ projectId: project.id, rateLimitId: c.id, projectRateLimitUpdateRequest: c.fields });
              saved.set(c.id, r);
              return { id: c.id, ok: true as const, row: toRow(r) };
            } catch (e) {
              // The row shows OpenAI's own words; the log keeps the whole story (endpoint, request id).
              this.ctx.log.error(`Rate limit ${c.model} of ${project.id}: ${errorText(e)}`);
              const short = e instanceof ProjectsApiError && e.apiMessage ? `Refused${e.status ? ` (${e.status})` : ''}: ${e.apiMessage}` : undefined;
              return { id: c.id, ok: false as const, error: short ?? (e instanceof Error ? e.message : String(e)) };
            }
          }),
        ),
      );
      const failed = results.filter((r) => !r.ok).length;
      this.ctx.log.info(`Rate limits of ${project.id}: ${results.length - failed} saved, ${failed} failed.`);
      // The API returned each saved limit: the tree's copy is patched, no list request.
      if (saved.size) this.ctx.tree.folderPatched(project.id, 'rateLimits', (all) => all.map((x) => saved.get(x.id) ?? x));
      post({ type: 'saved', results });
    } catch (e) {
      post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }
}

function html(webview: vscode.Webview, script: vscode.Uri): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource} 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join(
    '; ',
  );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
body { color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
header { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; z-index: 1; }
h1 { font-size: 1.2em; margin: 0 auto 0 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, transparent); vertical-align: top; }
th { font-weight: 600; }
vscode-textfield { width: 11em; }
.error, .failed { color: var(--vscode-errorForeground); }
.was { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.saved { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
.banner { border: 1px solid var(--vscode-inputValidation-warningBorder); background: var(--vscode-inputValidation-warningBackground); padding: 8px; margin: 8px 0; }
[hidden] { display: none !important; }
</style></head>
<body><main id="app"><p>Loading the rate limits…</p></main>
<script nonce="${nonce}" type="module" src="${webview.asWebviewUri(script).toString()}"></script></body></html>`;
}
