// Why a person has the access they have, and who has access to a project, as the API says it: each
// role a person holds comes with its `assignment_sources` (assigned to them, through a group); an
// organization owner owns every project through that role. The lists it needs (members, groups and
// their members, each project's users and groups) come from the tree's cache and the index, read only
// where missing; then one read of the person's roles in the organization and in each project where
// they can have any (a member, or a group of theirs has access), not in every project.
import * as vscode from 'vscode';
import { collect, errorText, type AssignedRole, type Group, type GroupUser, type OrganizationUser, type Project } from '../client';
import { fillIndex } from '../index/indexer';
import { MEMBER_ROLES } from '../index/access';
import type { Ctx } from '../kit/context';
import { pool } from '../store/store';
import { isArchived, isDefaultProject, projectName, sortProjects } from '../shared/projectInfo';
import { memberLabel } from '../store/orgKinds';
import type { AccessLine, AccessSection, AccessView } from '../webview/accessProtocol';

/** A row a line can jump to: in the Projects view (a project, or a user or group row under it) or the Organization view. */
export type Target =
  { view: 'projects'; project: Project; kind?: 'users' | 'groups'; itemId?: string } | { view: 'org'; kind: 'members' | 'groups'; itemId: string };

export interface AccessReport {
  view: AccessView;
  /** What each line's `target` names. */
  targets: Map<string, Target>;
}

/** Reads at once of a person's roles: the admin API's own rate limit is low. */
const AT_ONCE = 4;

class Builder {
  readonly targets = new Map<string, Target>();
  target(t: Target): string {
    const id = t.view === 'org' ? `org/${t.kind}/${t.itemId}` : [t.project.id, t.kind, t.itemId].filter(Boolean).join('/');
    this.targets.set(id, t);
    return id;
  }
}

interface Lists {
  members: OrganizationUser[];
  groups: Group[];
  membersOf: Map<string, GroupUser[]>;
  projects: Project[];
  /** Each project's users and groups, as the cache or the index holds them (undefined: could not be read). */
  of(p: Project): { users?: { id: string; role: string }[]; groups?: { id: string }[] };
  notes: string[];
}

async function lists(ctx: Ctx, projects: Project[] | undefined, report: (m: string) => void, token: vscode.CancellationToken): Promise<Lists> {
  report(vscode.l10n.t('the members and groups'));
  const [members, groups] = await Promise.all([ctx.store.orgList('members'), ctx.store.orgList('groups')]);
  const membersOf = new Map<string, GroupUser[]>();
  const notes: string[] = [];
  await Promise.all(
    groups.map(async (g) => {
      try {
        membersOf.set(g.id, await ctx.store.groupMembers(g.id));
      } catch (e) {
        notes.push(vscode.l10n.t('The members of the group "{0}" could not be read: {1}', g.name || g.id, errorText(e)));
      }
    }),
  );
  const all = projects ?? sortProjects(await ctx.store.projects(false)).filter((p) => !isArchived(p) && !isDefaultProject(p));
  const filled = await fillIndex(ctx.store, ctx.index, {
    kinds: ['users', 'groups'],
    projects: all,
    token,
    report: (done, total) => report(vscode.l10n.t('{0} / {1} projects', done, total)),
  });
  for (const f of filled.failed)
    notes.push(
      vscode.l10n.t(
        '{0} of "{1}" could not be read: {2}',
        f.kind === 'users' ? vscode.l10n.t('The users') : vscode.l10n.t('The groups'),
        projectName(f.project),
        errorText(f.error),
      ),
    );
  if (filled.cancelled) notes.push(vscode.l10n.t('Stopped before every project was read: the projects not read are left out.'));
  const held = <K extends 'users' | 'groups'>(p: Project, k: K) => ctx.store.loaded(p.id, k) ?? ctx.index.folder(p.id, k)?.items;
  return { members, groups, membersOf, projects: all, of: (p) => ({ users: held(p, 'users'), groups: held(p, 'groups') }), notes };
}

/** Where an assigned role comes from, in words, with the row it comes from. */
function sourcesOf(
  r: AssignedRole,
  userId: string,
  memberRole: string | undefined,
  groups: Group[],
  b: Builder,
  at?: Project,
): { via: string; target?: string }[] {
  const out: { via: string; target?: string }[] = [];
  for (const s of r.assignment_sources ?? [{ principal_type: 'user', principal_id: userId }]) {
    if (s.principal_type === 'group') {
      const g = groups.find((x) => x.id === s.principal_id);
      const name = g?.name || s.principal_id;
      out.push({
        via: vscode.l10n.t('through the group "{0}"', name),
        target: at
          ? b.target({ view: 'projects', project: at, kind: 'groups', itemId: s.principal_id })
          : b.target({ view: 'org', kind: 'groups', itemId: s.principal_id }),
      });
    } else if (s.principal_id === userId && r.id === memberRole) {
      out.push({
        via: at ? vscode.l10n.t('their membership of the project') : vscode.l10n.t('their organization role'),
        target: at ? b.target({ view: 'projects', project: at, kind: 'users', itemId: userId }) : b.target({ view: 'org', kind: 'members', itemId: userId }),
      });
    } else if (s.principal_id === userId) out.push({ via: vscode.l10n.t('assigned to them') });
    else out.push({ via: vscode.l10n.t('through {0} {1}', s.principal_type, s.principal_id) });
  }
  return out;
}

/** An organization owner's hold on every project. */
const ownerLine = (b: Builder, userId: string): AccessLine => ({
  text: vscode.l10n.t('Owner'),
  via: vscode.l10n.t('their organization role (Owner)'),
  target: b.target({ view: 'org', kind: 'members', itemId: userId }),
});

const lineOf = (role: string, sources: { via: string; target?: string }[]): AccessLine[] => sources.map((s) => ({ text: role, via: s.via, target: s.target }));

/** Everything one person holds: in the organization, then in each project where they hold anything. */
export async function personAccess(ctx: Ctx, userId: string): Promise<AccessReport> {
  return ctx.ui.progress(vscode.l10n.t('Reading access'), async (report, token) => {
    const l = await lists(ctx, undefined, report, token);
    const u = l.members.find((m) => m.id === userId);
    if (!u) throw new Error(vscode.l10n.t('{0} is not a member of the organization.', userId));
    const who = memberLabel(u);
    const b = new Builder();
    const c = await ctx.client();
    const mine = l.groups.filter((g) => l.membersOf.get(g.id)?.some((m) => m.id === userId));
    const sections: AccessSection[] = [];

    const orgRoles = await collect((after) => c.listUserRoleAssignments({ userId, limit: 100, after }));
    const orgLines = orgRoles.flatMap((r) => lineOf(r.name || r.id, sourcesOf(r, userId, MEMBER_ROLES[`org:${u.role ?? ''}`], l.groups, b)));
    if (u.role === 'owner')
      orgLines.push({
        text: vscode.l10n.t('Owner of every project'),
        via: vscode.l10n.t('their organization role'),
        target: b.target({ view: 'org', kind: 'members', itemId: userId }),
      });
    sections.push({ heading: vscode.l10n.t('The organization'), target: b.target({ view: 'org', kind: 'members', itemId: userId }), lines: orgLines });

    // Only where they can hold anything: a member, or a group of theirs has access.
    const candidates = l.projects.filter((p) => {
      const { users, groups } = l.of(p);
      return users?.some((x) => x.id === userId) || groups?.some((g) => mine.some((m) => m.id === g.id));
    });
    const run = pool(AT_ONCE);
    let read = 0;
    const perProject = await Promise.all(
      candidates.map((p) =>
        run(async () => {
          if (token.isCancellationRequested) return { p, state: 'skipped' as const };
          try {
            const roles = await collect((after) => c.listProjectUserRoleAssignments({ projectId: p.id, userId, limit: 100, after }));
            return { p, state: 'read' as const, roles };
          } catch (e) {
            return { p, state: 'failed' as const, error: errorText(e) };
          } finally {
            report(vscode.l10n.t('their roles: {0} / {1} projects', ++read, candidates.length));
          }
        }),
      ),
    );
    const owner = u.role === 'owner';
    for (const r of perProject) {
      const heading = projectName(r.p);
      const target = b.target({ view: 'projects', project: r.p });
      if (r.state === 'skipped') continue;
      if (r.state === 'failed') {
        sections.push({ heading, target, lines: [], error: vscode.l10n.t('Their roles could not be read: {0}', r.error) });
        continue;
      }
      const memberRole = MEMBER_ROLES[`project:${l.of(r.p).users?.find((x) => x.id === userId)?.role ?? ''}`];
      const lines = r.roles.flatMap((x) => lineOf(x.name || x.id, sourcesOf(x, userId, memberRole, l.groups, b, r.p)));
      sections.push({ heading, target, lines });
    }
    if (token.isCancellationRequested && perProject.some((r) => r.state === 'skipped')) l.notes.push(vscode.l10n.t('Stopped: some projects were not read.'));
    const summary = [
      vscode.l10n.t('{0} ({1}) is {2} of the organization.', who, u.email ?? u.id, u.role ?? vscode.l10n.t('no role')),
      owner ? vscode.l10n.t('As an organization owner they own every project, whatever else they hold there.') : '',
      mine.length ? vscode.l10n.t('Groups: {0}.', mine.map((g) => g.name || g.id).join(', ')) : vscode.l10n.t('In no group.'),
      vscode.l10n.t('Roles in {0} of {1} projects.', sections.length - 1, l.projects.length),
    ]
      .filter(Boolean)
      .join(' ');
    return { view: { title: vscode.l10n.t('Access of {0}', who), summary, sections, notes: l.notes }, targets: b.targets };
  });
}

/** Everyone with access to one project, each with what they hold there and through what. */
export async function projectAccess(ctx: Ctx, p: Project): Promise<AccessReport> {
  return ctx.ui.progress(vscode.l10n.t('Reading who has access to {0}', projectName(p)), async (report, token) => {
    const l = await lists(ctx, [p], report, token);
    const { users, groups } = l.of(p);
    const b = new Builder();
    const c = await ctx.client();
    const ids = new Set([...(users ?? []).map((x) => x.id), ...(groups ?? []).flatMap((g) => (l.membersOf.get(g.id) ?? []).map((m) => m.id))]);
    const run = pool(AT_ONCE);
    let read = 0;
    const rows = await Promise.all(
      [...ids].map((userId) =>
        run(async () => {
          const u = l.members.find((m) => m.id === userId);
          const name = u ? memberLabel(u) : userId;
          if (token.isCancellationRequested) return undefined;
          try {
            const roles = await collect((after) => c.listProjectUserRoleAssignments({ projectId: p.id, userId, limit: 100, after }));
            const memberRole = MEMBER_ROLES[`project:${users?.find((x) => x.id === userId)?.role ?? ''}`];
            const lines = roles.flatMap((x) => lineOf(x.name || x.id, sourcesOf(x, userId, memberRole, l.groups, b, p)));
            if (u?.role === 'owner') lines.push(ownerLine(b, userId));
            return { heading: name, target: b.target({ view: 'org', kind: 'members', itemId: userId }), lines } satisfies AccessSection;
          } catch (e) {
            return { heading: name, lines: [], error: vscode.l10n.t('Their roles could not be read: {0}', errorText(e)) } satisfies AccessSection;
          } finally {
            report(vscode.l10n.t('{0} / {1} people', ++read, ids.size));
          }
        }),
      ),
    );
    const owners = l.members.filter((m) => m.role === 'owner' && !ids.has(m.id));
    const sections = [
      ...rows.filter((x) => x !== undefined),
      ...owners.map((o) => ({
        heading: memberLabel(o),
        target: b.target({ view: 'org', kind: 'members', itemId: o.id }),
        lines: [ownerLine(b, o.id)],
      })),
    ].sort((a, b2) => a.heading.localeCompare(b2.heading));
    if (rows.includes(undefined)) l.notes.push(vscode.l10n.t('Stopped: some people were not read.'));
    const granted = (groups ?? []).map((g) => l.groups.find((x) => x.id === g.id)?.name || g.id);
    const summary = [
      vscode.l10n.t('{0} people have access to "{1}".', sections.length, projectName(p)),
      granted.length ? vscode.l10n.t('Groups with access: {0}.', granted.join(', ')) : vscode.l10n.t('No group has access.'),
      owners.length ? vscode.l10n.t('Organization owners have access to every project.') : '',
    ]
      .filter(Boolean)
      .join(' ');
    return { view: { title: vscode.l10n.t('Who has access to {0}', projectName(p)), summary, sections, notes: l.notes }, targets: b.targets };
  });
}

/** Everything one group holds: its organization roles, then its roles in each project it has access to; its members listed. */
export async function groupAccess(ctx: Ctx, groupId: string): Promise<AccessReport> {
  return ctx.ui.progress(vscode.l10n.t('Reading access'), async (report, token) => {
    const l = await lists(ctx, undefined, report, token);
    const g = l.groups.find((x) => x.id === groupId);
    if (!g) throw new Error(vscode.l10n.t('{0} is not a group of the organization.', groupId));
    const name = g.name || g.id;
    const b = new Builder();
    const self = b.target({ view: 'org', kind: 'groups', itemId: groupId });
    const orgRoles = await ctx.store.rolesHeld({ type: 'group', id: groupId });
    const sections: AccessSection[] = [
      {
        heading: vscode.l10n.t('The organization'),
        target: self,
        lines: orgRoles.map((r) => ({ text: r.name || r.id, via: vscode.l10n.t('assigned to the group'), target: self })),
      },
    ];
    const granted = l.projects.filter((p) => l.of(p).groups?.some((x) => x.id === groupId));
    const run = pool(AT_ONCE);
    let read = 0;
    const perProject = await Promise.all(
      granted.map((p) =>
        run(async (): Promise<AccessSection | undefined> => {
          if (token.isCancellationRequested) return undefined;
          const row = b.target({ view: 'projects', project: p, kind: 'groups', itemId: groupId });
          try {
            const roles = await ctx.store.rolesHeld({ type: 'group', id: groupId, projectId: p.id });
            return {
              heading: projectName(p),
              target: row,
              lines: roles.map((r) => ({ text: r.name || r.id, via: vscode.l10n.t('the group’s access to the project'), target: row })),
            };
          } catch (e) {
            return { heading: projectName(p), target: row, lines: [], error: vscode.l10n.t('Its roles could not be read: {0}', errorText(e)) };
          } finally {
            report(vscode.l10n.t('its roles: {0} / {1} projects', ++read, granted.length));
          }
        }),
      ),
    );
    if (perProject.includes(undefined)) l.notes.push(vscode.l10n.t('Stopped: some projects were not read.'));
    sections.push(...perProject.filter((x) => x !== undefined));
    const members = l.membersOf.get(groupId);
    const summary = [
      g.is_scim_managed ? vscode.l10n.t('"{0}" is synced from the identity provider (SCIM).', name) : '',
      members
        ? vscode.l10n.t(
            'Its {0} member(s) hold everything below through it: {1}.',
            members.length,
            members.map((m) => m.name || m.email || m.id).join(', ') || '—',
          )
        : '',
      vscode.l10n.t('Access to {0} of {1} projects.', granted.length, l.projects.length),
    ]
      .filter(Boolean)
      .join(' ');
    return { view: { title: vscode.l10n.t('Access of the group {0}', name), summary, sections, notes: l.notes }, targets: b.targets };
  });
}
