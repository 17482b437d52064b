// The settings form: a project's (or the organization's) policy in one webview panel, one section per
// facet. The sections are read at once (one round trip) and drawn as each arrives; Save reads the
// changed sections again (one round trip, to catch another admin's change) and writes each changed
// section once. What is typed is kept by the page, and offered back if the panel is closed unsaved.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { errorText, type Project } from '../client';
import type { Ctx } from '../kit/context';
import { PANELS } from '../kit/ids';
import { offerReopen, projectById, restorePanel } from '../kit/restore';
import { BASE_CSS, fromWebview, webviewHtml, webviewOptions } from '../kit/webviewHtml';
import { projectName } from '../shared/projectInfo';
import { facetsOf, ORG_SCOPE, scopeKey, type Scope } from '../store/facets';
import {
  checkDraft,
  draftAs,
  draftOf,
  FromWebview,
  sameDraft,
  SECTIONS,
  type Drafts,
  type Loaded,
  type Section,
  type ToWebview,
} from '../webview/settingsProtocol';
import { PartlySaved, writeSection } from './save';
import { loadedOf, sectionLabel, summary } from './sections';

/** Whose settings: a project, or the organization. */
export type Subject = Project | 'organization';
const scopeOf = (s: Subject): Scope => (s === 'organization' ? ORG_SCOPE : { projectId: s.id });

/** What the page keeps for a reload: whose settings (the edits the page keeps itself). */
const Kept = z.object({ scope: z.string() });
const ORG_KEY = scopeKey(ORG_SCOPE);

export class SettingsForms {
  private readonly open = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly ctx: Ctx,
    private readonly extensionUri: vscode.Uri,
  ) {}

  panels(): vscode.WebviewPanel[] {
    return [...this.open.values()];
  }

  restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return restorePanel<z.infer<typeof Kept>, Subject>(this.ctx, panel, this.extensionUri, state, {
      schema: Kept,
      find: async (kept) => (kept.scope === ORG_KEY ? 'organization' : projectById(this.ctx, kept.scope)),
      isOpen: (subject) => this.open.has(scopeKey(scopeOf(subject))),
      show: (subject) => this.show(subject, undefined, panel),
    });
  }

  show(subject: Subject, restore?: Drafts, restored?: vscode.WebviewPanel): vscode.WebviewPanel {
    const scope = scopeOf(subject);
    const key = scopeKey(scope);
    const existing = this.open.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const name = subject === 'organization' ? vscode.l10n.t('Organization settings') : vscode.l10n.t('Settings: {0}', projectName(subject));
    const panel = restored ?? vscode.window.createWebviewPanel(PANELS.settings, name, vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    panel.title = name;
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'settings.js', CSS, vscode.l10n.t('Loading the settings…'), { scope: key });
    const sections = SECTIONS.filter((s) => facetsOf(scope).includes(s));
    let edits: Drafts = restore ?? {};
    /** Each section as this form last showed it: what a conflict is measured against. */
    const shown: Partial<Loaded> = {};
    const wire = this.ctx.wire(panel, 'settings', key);
    const post = (m: ToWebview) => wire.post(m);
    this.open.set(key, panel);

    const read = (s: Section, fresh: boolean) =>
      this.ctx.store.facet(scope, s, fresh).then(
        (v) => {
          const loaded = loadedOf(s, v);
          (shown as Record<Section, unknown>)[s] = loaded;
          post({ type: 'section', section: s, loaded });
        },
        (e: unknown) => post({ type: 'sectionFailed', section: s, message: e instanceof Error ? e.message : String(e) }),
      );
    const init = (fresh: boolean) => {
      post({ type: 'init', title: name, scope: subject === 'organization' ? 'organization' : 'project', sections, edits });
      return Promise.all(sections.map((s) => read(s, fresh)));
    };

    wire.onMessage((raw: unknown) => {
      const m = fromWebview(FromWebview, raw, this.ctx.log, vscode.l10n.t('Settings form'));
      if (!m) return;
      switch (m.type) {
        case 'ready':
          return void init(false);
        case 'reload':
          return void (m.section && sections.includes(m.section) ? read(m.section, true) : init(true));
        case 'edits':
          edits = m.edits as Drafts;
          return;
        case 'save':
          return void this.save(scope, sections, m.drafts as Drafts, m.overwrite, shown, post);
      }
    });
    panel.onDidDispose(() => {
      this.open.delete(key);
      const unsaved = sections.filter((s) => {
        const d = draftAs(s, edits[s]);
        const loaded = shown[s];
        return d && (!loaded || !sameDraft(s, d, draftOf(s, loaded)));
      });
      if (!unsaved.length) return;
      offerReopen(this.ctx, vscode.l10n.t('{0} was closed with unsaved edits ({1}).', name, unsaved.map(sectionLabel).join(', ')), () =>
        this.show(subject, edits),
      );
    });
    return panel;
  }

  /** Save: each changed section checked again here, read fresh, compared with what the form showed, written. */
  private async save(
    scope: Scope,
    sections: Section[],
    drafts: Drafts,
    overwrite: boolean,
    shown: Partial<Loaded>,
    post: (m: ToWebview) => void,
  ): Promise<void> {
    type Result = Extract<ToWebview, { type: 'saved' }>['results'][number];
    try {
      const asked = sections.flatMap((s) => {
        const d = draftAs(s, drafts[s]);
        return d ? [{ s, d, checked: checkDraft(s, d) }] : [];
      });
      const refused: Result[] = asked.flatMap(({ s, checked }) =>
        'errors' in checked ? [{ section: s, ok: false as const, error: Object.values(checked.errors).join(' ') }] : [],
      );
      const valid = asked.filter((a) => 'ok' in a.checked);
      // One round trip: what each section holds on the server now.
      const now = await Promise.all(valid.map(async ({ s }) => loadedOf(s, await this.ctx.store.facet(scope, s, true))));
      if (!overwrite) {
        const conflicts = valid.flatMap(({ s }, i) => {
          const before = shown[s];
          const server = now[i]!;
          return before && !sameDraft(s, draftOf(s, before), draftOf(s, server))
            ? [{ section: s, text: vscode.l10n.t('{0}: loaded {1}, server now {2}', sectionLabel(s), summary(s, before), summary(s, server)) }]
            : [];
        });
        if (conflicts.length) return void post({ type: 'conflict', conflicts });
      }
      const results = await Promise.all(
        valid.map(async ({ s, d, checked }, i): Promise<Result> => {
          try {
            // What the server holds already (another admin made the same change, or Overwrite of a
            // section back to its value) is not written again: one check here, for every section.
            if (sameDraft(s, d, draftOf(s, now[i]!))) {
              (shown as Record<Section, unknown>)[s] = now[i];
              return { section: s, ok: true, loaded: now[i] };
            }
            const want = (checked as { ok: never }).ok;
            const loaded = await writeSection(this.ctx, scope, s, want, now[i]!, d);
            (shown as Record<Section, unknown>)[s] = loaded;
            return { section: s, ok: true, loaded };
          } catch (e) {
            this.ctx.log.error(`Settings ${sectionLabel(s)} of ${scopeKey(scope)}: ${errorText(e)}`);
            const held = this.ctx.store.facetLoaded(scope, s);
            const loaded = held === undefined ? undefined : loadedOf(s, held);
            if (loaded) (shown as Record<Section, unknown>)[s] = loaded;
            return {
              section: s,
              ok: false,
              error: e instanceof Error ? e.message : String(e),
              ...(e instanceof PartlySaved ? { draft: e.draft } : {}),
              ...(loaded ? { loaded } : {}),
            };
          }
        }),
      );
      const all = [...refused, ...results];
      this.ctx.log.info(`Settings of ${scopeKey(scope)}: ${all.filter((r) => r.ok).length} sections saved, ${all.filter((r) => !r.ok).length} not.`);
      post({ type: 'saved', results: all });
    } catch (e) {
      post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }
}

const CSS = `${BASE_CSS}
/* Sections side by side where the editor is wide, one under another where it is not. */
.sections { display: grid; grid-template-columns: repeat(auto-fill, minmax(30em, 1fr)); gap: 0.8em; align-items: start; }
section { padding: 0.6em 0.8em; border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
h2 { font-size: 1.1em; margin: 0 0 0.5em; }
.row { display: flex; gap: 0.6em; align-items: flex-start; margin: 0.3em 0; flex-wrap: wrap; }
vscode-textfield { width: 12em; }
vscode-textarea { width: 100%; max-width: 28em; }
.wide { flex: 1; min-width: 14em; }
.wide vscode-textfield { width: 100%; }
.alert vscode-button { margin-top: 1.3em; }
.error, .failed { color: var(--vscode-errorForeground); }
.note, .was { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.saved { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
`;
