// Projects as files: Export Project as File…, Compare with Organization (a diff editor and the plan),
// Apply to Organization (the plan, confirmed once, applied paced). Everything reads through the store.
import * as vscode from 'vscode';
import type { Group, OrganizationUser, Project, ProjectRateLimit } from '../client';
import { planContent, planDocument, showAndApply, type ApplyResult, type Plan } from '../bulk/plan';
import { Cancelled, targetProject, withViewProgress, type Ctx } from '../kit/context';
import { COMMANDS } from '../kit/ids';
import { STALE_MS } from '../index/orgIndex';
import { isDefaultProject, projectName } from '../shared/projectInfo';
import { FILE_KINDS, type FolderItems, type FolderKind } from '../store/store';
import { planWrites } from '../bulk/writes';
import { loadedOf } from '../settings/sections';
import { SECTIONS, type Section } from '../webview/settingsProtocol';
import { countDifferences, diffFile, planFile, REMOVALS, type Difference } from './diff';
import type { LiveAccess } from './accessFile';
import { directRoles, MEMBER_ROLES } from '../index/access';
import { readHeldRoles } from '../index/indexer';
import { findProject, type Match } from './match';

export { findProject } from './match';
import { FILE_GLOB, isProjectFile, parseProjectFile, renderProjectFile, toProjectFile, type LiveProject, type ProjectFile } from './projectFile';

const base = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** A project's lists as the cache has them, or as the index has them if fresh: no request. Undefined if any is not known. */
export function cachedLive(ctx: Ctx, p: Project): LiveProject | undefined {
  const get = <K extends FolderKind>(k: K): FolderItems[K] | undefined => {
    const fromStore = ctx.store.loaded(p.id, k);
    if (fromStore) return fromStore;
    const indexed = ctx.index.folder(p.id, k);
    return indexed && Date.now() - indexed.at <= STALE_MS ? indexed.items : undefined;
  };
  const lists = FILE_KINDS.map((k) => [k, get(k)] as const);
  if (!lists.every(([, l]) => l)) return undefined;
  // The policy sections the store has read; a file that sets another is "not compared yet" (see `unread`).
  const policy = SECTIONS.flatMap((sec) => {
    const v = ctx.store.facetLoaded({ projectId: p.id }, sec);
    return v === undefined ? [] : [[sec, loadedOf(sec, v)] as const];
  });
  const access = cachedAccess(ctx, p, get('groups'), get('users'));
  return { ...(Object.fromEntries([['project', p], ...lists]) as LiveProject), policy: Object.fromEntries(policy), ...(access ? { access } : {}) };
}

/** Who can do what in a project as last read (its roles, each group's and member's roles), or undefined if any is not known. */
function cachedAccess(ctx: Ctx, p: Project, groups: FolderItems['groups'] | undefined, users: FolderItems['users'] | undefined): LiveAccess | undefined {
  const roles = ctx.store.projectRolesLoaded(p.id);
  if (!roles || !groups || !users) return undefined;
  const ofGroups: LiveAccess['groups'] = [];
  for (const g of groups) {
    const held = ctx.store.rolesHeldLoaded({ type: 'group', id: g.id, projectId: p.id });
    if (!held) return undefined;
    ofGroups.push({ id: g.id, name: g.group_name || g.id, roleIds: held.map((r) => r.id) });
  }
  const ofUsers = new Map<string, string[]>();
  for (const u of users) {
    const held = ctx.store.rolesHeldLoaded({ type: 'user', id: u.id, projectId: p.id });
    if (!held) return undefined;
    ofUsers.set(u.id, directRoles(held, u.id, MEMBER_ROLES[`project:${u.role}`]));
  }
  return { roles, groups: ofGroups, users: ofUsers };
}

/** The policy sections a file sets that `live` has not read: without them a file cannot be said to be in sync. */
export const unread = (file: ProjectFile, live: LiveProject): string[] => [
  ...SECTIONS.filter((sec) => file.policy?.[sec] && !live.policy?.[sec]),
  ...(file.access && !live.access ? ['access'] : []),
];

export function fileCommands(ctx: Ctx, onApplied: () => void) {
  /**
   * A project's lists, the policy sections asked for (an export: all; a file: those it sets), and who
   * can do what if asked (the project's roles and groups, then each group's and member's roles), read at once.
   */
  const readLive = async (p: Project, sections: readonly Section[], access: boolean): Promise<LiveProject> => {
    const scope = { projectId: p.id };
    const [lists, policy, held] = await withViewProgress(vscode.l10n.t('Reading "{0}"…', projectName(p)), () =>
      Promise.all([
        Promise.all(FILE_KINDS.map(async (k) => [k, await ctx.store.folder(p.id, k)] as const)),
        Promise.all(sections.map(async (sec) => [sec, loadedOf(sec, await ctx.store.facet(scope, sec))] as const)),
        access ? readAccess(p) : Promise.resolve(undefined),
      ]),
    );
    return {
      ...(Object.fromEntries([['project', p], ...lists]) as LiveProject),
      ...(sections.length ? { policy: Object.fromEntries(policy) } : {}),
      ...(held ? { access: held } : {}),
    };
  };

  /** Who can do what in a project (the read Index Role Assignments makes), with its groups' names. */
  const readAccess = async (p: Project): Promise<LiveAccess> => {
    const held = await readHeldRoles(ctx.store, p);
    const names = new Map((await ctx.store.folder(p.id, 'groups')).map((g) => [g.id, g.group_name || g.id]));
    return {
      roles: held.roles,
      groups: held.groups.map((g) => ({ ...g, name: names.get(g.id) ?? g.id })),
      users: new Map(held.users.map((u) => [u.id, u.roleIds])),
    };
  };

  /** The default project's limits: what a project has unless changed, and the organization's ceiling. */
  const defaults = async (): Promise<ProjectRateLimit[] | undefined> => {
    const d = (await ctx.store.projects(true)).find(isDefaultProject);
    return d ? ctx.store.folder(d.id, 'rateLimits') : undefined;
  };

  /** The file a command is for: the one it was run on (editor title, explorer), the active editor's, or one picked. */
  const fileFor = async (arg: unknown): Promise<{ uri: vscode.Uri; file: ProjectFile }> => {
    let uri = arg instanceof vscode.Uri ? arg : undefined;
    const active = vscode.window.activeTextEditor?.document.uri;
    if (!uri && active && isProjectFile(active.path)) uri = active;
    if (!uri) {
      const found = await vscode.workspace.findFiles(FILE_GLOB, '**/node_modules/**', 200);
      if (!found.length) throw new Error(vscode.l10n.t('No project file (*.openai-project.json) in this workspace: export a project first.'));
      const picked = await ctx.ui.pick(
        found.map((u) => ({ label: base(u), description: vscode.workspace.asRelativePath(u), u })),
        { title: vscode.l10n.t('Which project file?') },
      );
      if (!picked) throw new Cancelled();
      uri = picked.u;
    }
    // Unsaved edits are what the person means; otherwise the disk's text, as an open document can lag a
    // file another program has just written (it is synced from the disk a moment later).
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.isDirty || uri.scheme === 'untitled' ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const parsed = parseProjectFile(text);
    if (parsed.problems.length) {
      const n = parsed.problems.length;
      throw new Error(
        vscode.l10n.t(
          '{0} is not a valid project file ({1} problem{2}): {3}{4}. The editor marks them.',
          base(uri),
          n,
          n === 1 ? '' : 's',
          parsed.problems.slice(0, 3).join('; '),
          n > 3 ? '; …' : '',
        ),
      );
    }
    return { uri, file: parsed.file! };
  };

  const write = planWrites(ctx);

  /** The file, the project it names (if any), its live state and every difference. */
  const compare = async (arg: unknown) => {
    const { uri, file } = await fileFor(arg);
    // A file of another organization is not compared with this one, let alone applied to it.
    const here = file.organization && (await ctx.organization());
    if (file.organization && here && here !== file.organization)
      throw new Error(
        vscode.l10n.t(
          '{0} is of the organization {1}, and this window uses {2}: nothing was read or changed. Switch Organization to compare or apply it.',
          base(uri),
          file.organization,
          here,
        ),
      );
    const match = findProject(await ctx.store.projects(true), file);
    const live = match.project
      ? await readLive(
          match.project,
          SECTIONS.filter((sec) => file.policy?.[sec]),
          !!file.access,
        )
      : undefined;
    return { uri, file, live, match, diffs: match.blocked ? [] : diffFile(file, live) };
  };

  const plan = async (file: ProjectFile, live: LiveProject | undefined, match: Match, diffs: Difference[], removals: boolean): Promise<Plan> => {
    if (match.blocked) {
      const placeholder: Project = { object: 'organization.project', id: file.id ?? '(none)', name: file.project, created_at: 0, status: 'active' };
      return {
        title: vscode.l10n.t('Apply "{0}" to the organization', file.project),
        changes: [],
        skipped: [{ project: placeholder, object: vscode.l10n.t('project {0}', file.project), why: match.blocked }],
        notes: [match.blocked],
      };
    }
    const needs = (k: Difference['kind']) => diffs.some((d) => d.kind === k);
    const newUser = diffs.some((d) => d.kind === 'assign role' && d.who === 'user' && !d.id);
    const [orgUsers, orgGroups, ceilings]: [OrganizationUser[], Group[], ProjectRateLimit[] | undefined] = await Promise.all([
      needs('add member') || newUser ? ctx.store.orgUsers() : Promise.resolve([]),
      needs('grant group') ? ctx.store.orgList('groups') : Promise.resolve([]),
      needs('change limit') ? defaults() : Promise.resolve(undefined),
    ]);
    const rolesOf = (projectId: string) => ctx.store.projectRoles(projectId);
    const p = planFile({ file, live, diffs, orgUsers, orgGroups, rolesOf, ceilings, removals, write });
    if (match.note) p.notes.unshift(match.note);
    return p;
  };

  return {
    async exportProject(node?: unknown): Promise<vscode.Uri | undefined> {
      const p = await targetProject(ctx, node, { forChange: false, title: vscode.l10n.t('Export which project?') });
      const live = await readLive(p, SECTIONS, true);
      const mode = await ctx.ui.pick(
        [
          {
            label: vscode.l10n.t('Only limits that differ from the default project’s'),
            description: vscode.l10n.t('a short file: what this project changes'),
            all: false,
          },
          { label: vscode.l10n.t('Every model’s limits'), description: vscode.l10n.t('the whole table'), all: true },
        ],
        { title: vscode.l10n.t('Rate limits in the file of "{0}"', projectName(p)) },
      );
      if (!mode) throw new Cancelled();
      const d = mode.all ? undefined : await defaults();
      const text = renderProjectFile(toProjectFile(live, d ? { defaults: d } : { all: true }, await ctx.organization()));
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const slug =
        projectName(p)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || p.id;
      const uri = await ctx.ui.saveAs({
        title: vscode.l10n.t('Export "{0}" as a file', projectName(p)),
        defaultUri: folder ? vscode.Uri.joinPath(folder, `${slug}.openai-project.json`) : undefined,
        filters: { 'OpenAI project file': ['json'] },
      });
      if (!uri) throw new Cancelled();
      if (!isProjectFile(uri.path))
        throw new Error(vscode.l10n.t('A project file\'s name ends in ".openai-project.json" (so VS Code checks it): "{0}" does not.', base(uri)));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      await vscode.window.showTextDocument(uri);
      ctx.log.info(`Exported ${p.id} to ${uri.fsPath}.`);
      return uri;
    },

    async compareWithOrganization(arg?: unknown): Promise<{ differences: number; plan: Plan }> {
      const { uri, file, live, match, diffs } = await compare(arg);
      const left = ctx.docs.putText(
        vscode.l10n.t('Organization — {0}', base(uri)),
        live
          ? renderProjectFile(toProjectFile(live, { like: file }, file.organization && (await ctx.organization())))
          : `// ${vscode.l10n.t('No project named "{0}" in the organization: Apply to Organization creates it.', file.project)}\n{}\n`,
      );
      await vscode.commands.executeCommand('vscode.diff', left, uri, vscode.l10n.t('{0}: organization ↔ {1}', file.project, base(uri)));
      const p = await plan(file, live, match, diffs, false);
      // Beside the diff, rendered; its Apply runs Apply to Organization on the file, whose plan takes its place.
      ctx.plans.show(base(uri), planContent(p, 'preview'), planDocument(ctx, base(uri), p), {
        column: vscode.ViewColumn.Beside,
        preserveFocus: true,
        onApply: () => void vscode.commands.executeCommand(COMMANDS.applyToOrganization, uri),
      });
      return { differences: countDifferences(diffs), plan: p };
    },

    async applyToOrganization(arg?: unknown): Promise<ApplyResult | undefined> {
      const { uri, file, live, match, diffs } = await compare(arg);
      const removable = diffs.filter((d) => REMOVALS.includes(d.kind)).length;
      let removals = false;
      if (removable) {
        const choice = await ctx.ui.pick(
          [
            {
              label: vscode.l10n.t('Keep what the file does not list'),
              description: vscode.l10n.t('{0} member(s), service account(s), group(s) or role(s) stay', removable),
              removals: false,
            },
            {
              label: vscode.l10n.t('Also remove what the file does not list ({0})', removable),
              description: vscode.l10n.t('members are removed from the project; service accounts are deleted; groups lose their access; roles are taken back'),
              removals: true,
            },
          ],
          { title: vscode.l10n.t('Apply {0}', base(uri)) },
        );
        if (!choice) throw new Cancelled();
        removals = choice.removals;
      }
      const r = await showAndApply(ctx, await plan(file, live, match, diffs, removals), base(uri));
      onApplied();
      return r;
    },
  };
}
