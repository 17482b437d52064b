// Activity: the audit log filtered to a project, or to one person, key or service account, newest
// first, a page at a time as the view scrolls, filtered by event type and actor. One webview panel per
// subject; messages are zod-checked both ways.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import {
  errorText,
  redact,
  ProjectsApiError,
  type AuditLog,
  type AuditLogRequest,
  type Project,
  type ProjectApiKey,
  type ProjectServiceAccount,
  type ProjectUser,
} from '../client';
import type { Ctx } from '../kit/context';
import { FOLDER_KINDS } from '../store/store';
import { projectName } from '../shared/projectInfo';
import { FromActivityView, type ActivityFilter, type ActivityRow, type ToActivityView } from '../webview/activityProtocol';
import { PANELS } from '../kit/ids';
import { projectById, restorePanel } from '../kit/restore';
import { BASE_CSS, fromWebview, webviewHtml, webviewOptions } from '../kit/webviewHtml';
import { AuditNames, objectId, type KnownLists } from './auditNames';
import { AuditPager, type AuditQuery } from './auditPager';

export type ActivitySubject =
  | { kind: 'project'; project: Project }
  | { kind: 'user'; project: Project; user: ProjectUser }
  | { kind: 'apiKey'; project: Project; key: ProjectApiKey }
  | { kind: 'serviceAccount'; project: Project; account: ProjectServiceAccount };

/** Where an owner turns audit logging on (the API refuses the log until then). */
export const ENABLE_AUDIT_URL = 'https://platform.openai.com/settings/organization/data-controls/data-retention';
const PAGE = 50;
/** Object ids in one audit-log query (its URL stays short); more make more queries, merged. */
const IDS_PER_QUERY = 50;
/** A project's own lists, for its view's queries, are read again when older than this. */
const OWN_LISTS_MS = 5 * 60_000;

/** The event types an admin of projects looks for; the API has more, and any of them is shown. */
export const EVENT_TYPES = [
  'project.created',
  'project.updated',
  'project.archived',
  'user.added',
  'user.updated',
  'user.deleted',
  'service_account.created',
  'service_account.updated',
  'service_account.deleted',
  'api_key.created',
  'api_key.updated',
  'api_key.deleted',
  'rate_limit.updated',
  'rate_limit.deleted',
  'invite.sent',
  'invite.accepted',
  'login.succeeded',
  'login.failed',
];

const subjectId = (s: ActivitySubject) => (s.kind === 'project' ? s.project.id : s.kind === 'user' ? s.user.id : s.kind === 'apiKey' ? s.key.id : s.account.id);

export function subjectKey(s: ActivitySubject): string {
  return `${s.kind}/${s.project.id}/${subjectId(s)}`;
}

/** What the page keeps for a reload: whose activity (the filter the page keeps itself). */
const Kept = z.object({ kind: z.enum(['project', 'user', 'apiKey', 'serviceAccount']), project: z.string(), id: z.string() });
type Kept = z.infer<typeof Kept>;

/** The subject a kept page was about, from the (cached) lists; undefined when it is gone. */
async function subjectOf(ctx: Ctx, k: Kept): Promise<ActivitySubject | undefined> {
  const project = await projectById(ctx, k.project);
  if (!project) return undefined;
  switch (k.kind) {
    case 'project':
      return { kind: 'project', project };
    case 'user': {
      const user = (await ctx.store.folder(project.id, 'users')).find((x) => x.id === k.id);
      return user && { kind: 'user', project, user };
    }
    case 'apiKey': {
      const key = (await ctx.store.folder(project.id, 'apiKeys')).find((x) => x.id === k.id);
      return key && { kind: 'apiKey', project, key };
    }
    case 'serviceAccount': {
      const account = (await ctx.store.folder(project.id, 'serviceAccounts')).find((x) => x.id === k.id);
      return account && { kind: 'serviceAccount', project, account };
    }
  }
}

function subjectTitle(s: ActivitySubject): string {
  switch (s.kind) {
    case 'project':
      return projectName(s.project);
    case 'user':
      return s.user.name || s.user.email || s.user.id;
    case 'apiKey':
      return s.key.name || s.key.id;
    case 'serviceAccount':
      return s.account.name || s.account.id;
  }
}

export class ActivityPanels {
  private readonly open = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly ctx: Ctx,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** The panels open now (another organization is about to be put in use). */
  panels(): vscode.WebviewPanel[] {
    return [...this.open.values()];
  }

  /** A panel VS Code brought back after a reload, drawn again for its subject and filter. */
  restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return restorePanel(this.ctx, panel, this.extensionUri, state, {
      schema: Kept,
      find: (kept) => subjectOf(this.ctx, kept),
      isOpen: (subject) => this.open.has(subjectKey(subject)),
      show: (subject) => this.show(subject, panel),
    });
  }

  /** Opens (or reveals) a subject's activity; `restored` is a panel VS Code brought back. */
  show(subject: ActivitySubject, restored?: vscode.WebviewPanel): vscode.WebviewPanel {
    const key = subjectKey(subject);
    const existing = this.open.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const title = vscode.l10n.t('Activity: {0}', subjectTitle(subject));
    const panel = restored ?? vscode.window.createWebviewPanel(PANELS.activity, title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    panel.title = title;
    const kept: Kept = { kind: subject.kind, project: subject.project.id, id: subjectId(subject) };
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'activity.js', CSS, vscode.l10n.t('Loading the activity…'), kept);
    this.open.set(key, panel);
    const wire = this.ctx.wire(panel, 'activity', key);
    const post = (m: ToActivityView) => wire.post(m);
    let filter: ActivityFilter = {};
    let pager: AuditPager | undefined;
    let names: AuditNames | undefined;
    let rows: ActivityRow[] = [];
    let loading: Promise<void> = Promise.resolve();

    const load = (reset: boolean) =>
      (loading = loading.then(async () => {
        try {
          if (reset || !pager) {
            // Names (and, for a project, the ids its queries ask for) once per reset, not per page.
            names = await this.names(subject.kind === 'project' ? subject.project : undefined);
            pager = new AuditPager(await this.queries(subject, filter, names));
            rows = [];
          }
          const events = await pager.next(PAGE);
          // A project's view: an event whose ids say it is another project's is left out.
          const scope = subject.kind === 'project' ? subject.project : undefined;
          const added = events.flatMap((e) => {
            const about = names!.about(e, scope);
            return scope && !about ? [] : [row(e, names!, about)];
          });
          rows = [...rows, ...added];
          post({ type: 'rows', rows: added, hasMore: pager.hasMore, reset });
        } catch (e) {
          this.ctx.log.error(`${title}: ${errorText(e)}`);
          // An organization without audit logging: the API's own words, and where to turn it on.
          const api = e instanceof ProjectsApiError ? e : undefined;
          const disabled = api?.status === 403 && /audit log/i.test(api.apiMessage ?? '');
          const failure = { message: disabled && api.apiMessage ? api.apiMessage : errorText(e), enableUrl: disabled ? ENABLE_AUDIT_URL : undefined };
          post({ type: 'failed', ...failure });
        }
      }));

    panel.onDidDispose(() => this.open.delete(key));
    wire.onMessage((raw: unknown) => {
      const m = fromWebview(FromActivityView, raw, this.ctx.log, vscode.l10n.t('Activity view'));
      if (!m) return;
      switch (m.type) {
        case 'ready':
          filter = clean(m.filter);
          post({ type: 'init', title, scope: scopeText(subject), eventTypes: EVENT_TYPES, filter });
          return void load(true);
        case 'more':
          return void load(false);
        case 'filter':
          filter = clean(m.filter);
          return void load(true);
        case 'refresh':
          return void load(true);
        case 'openEnable':
          return void vscode.env.openExternal(vscode.Uri.parse(ENABLE_AUDIT_URL));
      }
    });
    return panel;
  }

  /** The queries whose merged pages are the subject's activity. */
  private async queries(s: ActivitySubject, f: ActivityFilter, names: AuditNames): Promise<AuditQuery[]> {
    const client = await this.ctx.client();
    const base: AuditLogRequest = { eventTypes: f.eventType ? [f.eventType] : undefined, actorEmails: f.actor ? [f.actor] : undefined, limit: PAGE };
    const q =
      (r: AuditLogRequest): AuditQuery =>
      (after) =>
        client.listAuditLogs({ ...base, ...r, after });
    switch (s.kind) {
      case 'project': {
        // Events filed under it, and events about it or its objects wherever they were filed: changes
        // made with an admin key (this extension's) are filed under the default project.
        const ids = names.idsOf(s.project);
        const chunks = Array.from({ length: Math.ceil(ids.length / IDS_PER_QUERY) }, (_, i) => ids.slice(i * IDS_PER_QUERY, (i + 1) * IDS_PER_QUERY));
        return [q({ projectIds: [s.project.id] }), ...chunks.map((resourceIds) => q({ resourceIds }))];
      }
      case 'user': {
        // What was done to them, and what they did.
        const email = s.user.email ?? undefined;
        const byThem = email && (!f.actor || f.actor.toLowerCase() === email.toLowerCase()) ? [q({ actorEmails: [email] })] : [];
        return [q({ resourceIds: [s.user.id] }), ...byThem];
      }
      case 'apiKey':
        return [q({ resourceIds: [s.key.id] })];
      case 'serviceAccount': {
        const keys = (this.ctx.store.loaded(s.project.id, 'apiKeys') ?? []).filter((k) => k.owner.service_account?.id === s.account.id);
        return [q({ resourceIds: [s.account.id, ...keys.map((k) => k.id)] })];
      }
    }
  }

  /**
   * Names for the ids events carry, from what the tree and the index hold. For a project's view its
   * own four lists are read first if neither has them (what expanding it would read).
   */
  private async names(own?: Project): Promise<AuditNames> {
    const { store, index } = this.ctx;
    await this.ctx.indexReady();
    await index.loadFolders();
    const lists: KnownLists = (p, kind) => store.loaded(p.id, kind) ?? index.folder(p.id, kind)?.items;
    if (own) {
      // An object made elsewhere since its list was read would be missed: lists older than a few
      // minutes are read again. One that cannot be read leaves its ids out; the events filed under
      // the project still show.
      const now = Date.now();
      const missing = FOLDER_KINDS.filter((k) => !store.loaded(own.id, k) && now - (index.folder(own.id, k)?.at ?? 0) > OWN_LISTS_MS);
      await Promise.allSettled(missing.map((k) => store.folder(own.id, k)));
    }
    const projects = store.loadedProjects ?? index.projects?.items ?? [];
    return new AuditNames(projects.some((p) => p.id === own?.id) || !own ? projects : [...projects, own], lists);
  }
}

const clean = (f: ActivityFilter): ActivityFilter => ({ eventType: f.eventType || undefined, actor: f.actor?.trim() || undefined });

function scopeText(s: ActivitySubject): string {
  const where = projectName(s.project);
  switch (s.kind) {
    case 'project':
      return vscode.l10n.t('Events in or about the project "{0}".', where);
    case 'user':
      return vscode.l10n.t('Events about {0}, and events they performed.', s.user.email ?? s.user.id);
    case 'apiKey':
      return vscode.l10n.t('Events about the key "{0}" of "{1}".', s.key.name || s.key.id, where);
    case 'serviceAccount':
      return vscode.l10n.t('Events about the service account "{0}" of "{1}" and its key.', s.account.name, where);
  }
}

function actorText(e: AuditLog): string {
  const a = e.actor;
  if (!a) return 'unknown';
  if (a.session)
    return [a.session.user?.email ?? a.session.user?.id ?? vscode.l10n.t('a person'), 'dashboard', a.session.ip_address].filter(Boolean).join(' · ');
  if (a.api_key) {
    const who = a.api_key.user?.email ?? (a.api_key.service_account?.id ? vscode.l10n.t('service account {0}', a.api_key.service_account.id) : undefined);
    return [who, vscode.l10n.t('API key {0}', a.api_key.id ?? '').trim()].filter(Boolean).join(' · ');
  }
  return a.type ?? 'unknown';
}

/** The changed values of an event (`data` or `changes_requested`), as `role: owner, name: x`. */
function detailsText(d: Record<string, unknown> | undefined): string | undefined {
  const changes = (d?.changes_requested ?? d?.data) as Record<string, unknown> | undefined;
  if (!changes || typeof changes !== 'object') return undefined;
  const parts = Object.entries(changes)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)}`);
  return parts.length ? parts.join(', ') : undefined;
}

function row(e: AuditLog, names: AuditNames, about: ReturnType<AuditNames['about']>): ActivityRow {
  const d = (e as Record<string, unknown>)[e.type] as Record<string, unknown> | undefined;
  const id = objectId(e);
  const what = e.type.split('.')[0]!.replace(/_/g, ' ');
  // The audit log quotes what was sent and by whom; anything key-shaped in it is masked like a log line.
  const details = detailsText(d);
  const project = names.projectText(e, about);
  return {
    id: redact(e.id),
    at: e.effective_at,
    type: redact(e.type),
    actor: redact(actorText(e)),
    object: redact(id ? (names.label(id) ?? `${what} ${id}`) : what),
    project: project === undefined ? undefined : redact(project),
    details: details === undefined ? undefined : redact(details),
  };
}

const CSS = `${BASE_CSS}
.filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
select, input { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; font: inherit; }
td.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
code { font-family: var(--vscode-editor-font-family); }
#more { margin: 12px 0; }
`;
