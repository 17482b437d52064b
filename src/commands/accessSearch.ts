// Access questions in Find in Organization ("who has role Viewer", "groups with access to Data
// Platform"), answered from the index alone, and Index Role Assignments…, which reads who holds what
// in the organization and every active project once the person has seen how many requests that is.
import * as vscode from 'vscode';
import { errorText, type Project } from '../client';
import { fillRoles, roleTasks, type RolesFillResult } from '../index/indexer';
import { buildRecords, type IndexRecord } from '../index/records';
import { ORG_SCOPE, parseRoleQuestion, whoHolds, type Holder } from '../index/roles';
import { Cancelled, type Ctx } from '../kit/context';
import { iconless } from '../kit/ui';
import { isArchived, projectName } from '../shared/projectInfo';
import { memberLabel } from '../store/orgKinds';
import type { FolderKind } from '../store/kinds';
import type { OrgHit } from './orgSearch';
import { estimate, tellIndexed } from './policySearch';

const INFO = new vscode.ThemeIcon('info');

export type AccessItem = vscode.QuickPickItem & { record?: IndexRecord; orgHit?: OrgHit; indexRoles?: true };

/** A project list as the tree's cache or the index holds it: no request. */
function listOf<K extends 'users' | 'groups'>(ctx: Ctx, projectId: string, kind: K) {
  return ctx.store.loaded(projectId, kind) ?? ctx.index.folder(projectId, kind)?.items;
}

/** The row of a project's user or group, found as Find finds it. */
function recordOf(ctx: Ctx, p: Project, kind: Extract<FolderKind, 'users' | 'groups'>, id: string): IndexRecord {
  const item = listOf(ctx, p.id, kind)?.find((x) => x.id === id);
  return item ? buildRecords.folder(p, { kind, items: [item], at: Date.now() } as never)[0]! : buildRecords.project(p);
}

/**
 * Find's rows for a query that is an access question, else undefined: a line saying what was asked
 * and how much of the organization it rests on, a row per holder (each jumps to its row), and, when
 * some scopes were never read, a row that reads them.
 */
export function accessItems(ctx: Ctx, query: string): AccessItem[] | undefined {
  const q = parseRoleQuestion(query);
  if (!q) return undefined;
  const projects = ctx.index.activeProjects();
  if (q.kind === 'groups') return groupItems(ctx, q.project, projects);
  const members = ctx.store.orgLoaded('members');
  const groups = ctx.store.orgLoaded('groups');
  const a = whoHolds(
    q.role,
    projects,
    (s) => ctx.index.rolesOf(s),
    (id) => listOf(ctx, id, 'users'),
    members,
  );
  const known = projects.length - a.unknown.length;
  const rows = a.holders.map((h) => holderItem(ctx, h, members, groups));
  const items: AccessItem[] = [
    {
      label: vscode.l10n.t('{0} holding the role "{1}"', a.holders.length, q.role),
      description: vscode.l10n.t(
        'in {0}{1} of {2} projects whose role assignments are known',
        a.orgKnown ? vscode.l10n.t('the organization and ') : '',
        known,
        projects.length,
      ),
      iconPath: INFO,
    },
    ...rows,
  ];
  const left = a.unknown.length + (a.orgKnown ? 0 : 1);
  if (left)
    items.push({
      label: a.orgKnown
        ? vscode.l10n.t('Read the role assignments of the other {0} project{1}…', a.unknown.length, a.unknown.length === 1 ? '' : 's')
        : vscode.l10n.t('Read the role assignments of the organization and {0} project{1}…', a.unknown.length, a.unknown.length === 1 ? '' : 's'),
      iconPath: new vscode.ThemeIcon('sync'),
      description: vscode.l10n.t('paced to the API’s rate limit; ask again after'),
      indexRoles: true,
    });
  return items;
}

function holderItem(ctx: Ctx, h: Holder, members: ReturnType<Ctx['store']['orgLoaded']>, groups: ReturnType<Ctx['store']['orgLoaded']>): AccessItem {
  const how = h.via === 'member' ? vscode.l10n.t('their membership') : vscode.l10n.t('assigned');
  if (h.scope === ORG_SCOPE) {
    const list = (h.principal === 'user' ? members : groups) as { id: string; name?: string | null; email?: string | null }[] | undefined;
    const item = list?.find((x) => x.id === h.id);
    const label = item ? memberLabel(item) : h.id;
    return {
      label: iconless(label),
      description: vscode.l10n.t(
        '{0} {1} in the organization · {2}',
        h.principal === 'user' ? vscode.l10n.t('person') : vscode.l10n.t('group'),
        h.role.name,
        how,
      ),
      ...(item ? { orgHit: { kind: h.principal === 'user' ? 'members' : 'groups', item: item as never, label, description: h.role.name } } : {}),
    };
  }
  const r = recordOf(ctx, h.scope, h.principal === 'user' ? 'users' : 'groups', h.id);
  return {
    label: iconless(r.kind === 'project' ? h.id : r.label),
    description: vscode.l10n.t(
      '{0} {1} in {2} · {3}',
      h.principal === 'user' ? vscode.l10n.t('person') : vscode.l10n.t('group'),
      h.role.name,
      projectName(h.scope),
      how,
    ),
    record: r,
  };
}

/** The groups with access to the project a query names (by name, ignoring case; else the one whose name contains it). */
function groupItems(ctx: Ctx, name: string, projects: Project[]): AccessItem[] {
  const n = name.toLowerCase();
  const exact = projects.filter((p) => projectName(p).toLowerCase() === n || p.id === name);
  const matches = exact.length ? exact : projects.filter((p) => projectName(p).toLowerCase().includes(n));
  if (matches.length !== 1)
    return [
      {
        label: matches.length
          ? vscode.l10n.t('{0} projects match "{1}": type more of its name', matches.length, name)
          : vscode.l10n.t('No active project is named "{0}"', name),
        iconPath: INFO,
      },
    ];
  const p = matches[0]!;
  const held = listOf(ctx, p.id, 'groups');
  if (!held)
    return [
      { label: vscode.l10n.t('The groups of "{0}" are not indexed yet', projectName(p)), iconPath: INFO },
      {
        label: vscode.l10n.t('Read them now…'),
        description: vscode.l10n.t('with the role assignments'),
        iconPath: new vscode.ThemeIcon('sync'),
        indexRoles: true,
      },
    ];
  const roles = ctx.index.rolesOf(p.id)?.items;
  const roleNames = (id: string) =>
    roles?.groups
      .find((g) => g.id === id)
      ?.roleIds.map((r) => roles.roles.find((x) => x.id === r)?.name ?? r)
      .join(', ');
  return [
    { label: vscode.l10n.t('{0} group{1} with access to "{2}"', held.length, held.length === 1 ? '' : 's', projectName(p)), iconPath: INFO },
    ...held.map((g) => ({
      label: iconless(g.group_name || g.group_id),
      description: roleNames(g.id) ?? vscode.l10n.t('roles not indexed'),
      record: recordOf(ctx, p, 'groups', g.id),
    })),
  ];
}

export function roleIndexCommands(ctx: Ctx) {
  return {
    /** Who holds which role in the organization and every active project, where the index lacks it or holds it from over an hour ago. */
    async indexRoleAssignments(): Promise<RolesFillResult | undefined> {
      await ctx.indexReady();
      await ctx.index.loadFolders();
      const projects = (await ctx.store.projects(false)).filter((p) => !isArchived(p));
      const tasks = await roleTasks(ctx.store, ctx.index, projects);
      const what = vscode.l10n.t('Index Role Assignments');
      if (!tasks.length) {
        void ctx.ui.notify(
          'info',
          vscode.l10n.t('{0}: the role assignments of the organization and its {1} projects were read within the hour.', what, projects.length),
        );
        return undefined;
      }
      const requests = tasks.reduce((n, t) => n + t.requests, 0);
      const unlisted = tasks.filter((t) => t.unlisted).length;
      const go = await ctx.ui.confirm(
        vscode.l10n.t('Read who holds which role in {0} place{1}: about {2} requests?', tasks.length, tasks.length === 1 ? '' : 's', requests),
        vscode.l10n.t(
          'The roles of the organization and each project, and one request for each group and each person in each, for Find’s questions ("who has role …").{0} {1}',
          unlisted ? vscode.l10n.t(' More for the {0} project(s) whose users and groups are not indexed yet: those lists are read first.', unlisted) : '',
          estimate(ctx, requests),
        ),
        vscode.l10n.t('Read Role Assignments'),
      );
      if (!go) throw new Cancelled();
      const r = await ctx.ui.progress(vscode.l10n.t('Reading role assignments'), (report, token) =>
        fillRoles(ctx.store, ctx.index, { tasks, token, report: (done, total) => report(vscode.l10n.t('{0} / {1} requests', done, total)) }),
      );
      await ctx.index.flush();
      // Rows that say who holds what (a role's Held by, a user's assigned roles) now can.
      ctx.orgTree.redraw();
      ctx.tree.redraw();
      const name = (scope: string) => (scope === ORG_SCOPE ? vscode.l10n.t('the organization') : projectName(projects.find((p) => p.id === scope)!));
      for (const f of r.failed) ctx.log.error(`Indexing role assignments of ${f.scope}: ${errorText(f.error)}`);
      tellIndexed(
        ctx,
        what,
        r.fetched,
        r.cancelled,
        r.failed.map((f) => ({ where: name(f.scope), error: f.error })),
      );
      return r;
    },
  };
}
