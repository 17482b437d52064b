// What differs between a project file and the live project, and the plan that makes the organization
// hold what the file says. Removals (members and service accounts the file does not list) are planned
// only when asked for; everything that cannot be done is in the plan with the reason.
import * as l10n from '@vscode/l10n';
import type { Group, OrganizationUser, Project, ProjectRateLimit, RateLimitField, Role } from '../client';
import type { Change, Plan, Skip } from '../bulk/plan';
import type { Note, Writer } from '../bulk/writes';
import { RATE_LIMIT_LABELS, compact } from '../shared/format';
import { isArchived, isDefaultProject, projectName } from '../shared/projectInfo';
import { SECTIONS, sectionLabel, type Loaded, type Section, type Wanted } from '../webview/settingsProtocol';
import { holds, wantedOf, wantedText } from './policyFile';
import { isUserId, MEMBER_ROLES, type LiveProject, type ProjectFile } from './projectFile';
import { diffAccess, groupNamed, roleNamed, type AccessDifference } from './accessFile';

export type Difference =
  | { kind: 'create project'; name: string }
  | { kind: 'rename project'; from: string; to: string }
  | { kind: 'add member'; email: string; role: string }
  | { kind: 'change role'; email: string; userId: string; from: string; to: string }
  | { kind: 'remove member'; email: string; userId: string; role: string }
  | { kind: 'create service account'; name: string; role: string }
  | { kind: 'service account role'; name: string; id: string; from: string; to: string }
  | { kind: 'delete service account'; name: string; id: string }
  | { kind: 'ambiguous service account'; name: string; ids: string[] }
  | { kind: 'change limit'; model: string; id: string; fields: RateLimitField[]; from: ProjectRateLimit; to: Partial<Record<RateLimitField, number>> }
  | { kind: 'missing model'; model: string }
  /** A policy section the file sets that the project does not hold (`now` undefined: a project to create). */
  | { kind: 'policy'; section: Section; now?: Loaded[Section]; want: Wanted[Section] }
  | AccessDifference;

/** Differences that take something away: planned only when applying with removals. */
export const REMOVALS: readonly Difference['kind'][] = ['remove member', 'delete service account', 'revoke group', 'unassign role'];
const isRemoval = (d: Difference) => REMOVALS.includes(d.kind);

const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();

/** Items grouped by a key, in order: several may share it (names), and any text is a key (`Map`s, not objects). */
function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const g = m.get(k);
    if (g) g.push(i);
    else m.set(k, [i]);
  }
  return m;
}

/** Every difference, removals included (the plan decides what to do with them). `live` undefined: no such project. Linear in the sizes. */
export function diffFile(file: ProjectFile, live: LiveProject | undefined): Difference[] {
  if (!live) {
    const d: Difference[] = [{ kind: 'create project', name: file.project }];
    for (const [email, role] of file.members ?? []) d.push({ kind: 'add member', email, role });
    for (const [name, role] of file.serviceAccounts ?? []) d.push({ kind: 'create service account', name, role });
    for (const model of file.rateLimits?.keys() ?? []) d.push({ kind: 'missing model', model });
    for (const section of SECTIONS) {
      const want = file.policy?.[section];
      if (want) d.push({ kind: 'policy', section, want });
    }
    if (file.access) d.push(...diffAccess(file.access, undefined, []));
    return d;
  }
  const d: Difference[] = [];
  if (file.id && file.project !== projectName(live.project)) d.push({ kind: 'rename project', from: projectName(live.project), to: file.project });
  if (file.members) {
    // A member is named by email, or by user id where the API gives no email.
    const byId = new Map(live.users.map((u) => [u.id, u]));
    const byEmail = new Map(live.users.filter((u) => u.email).map((u) => [lower(u.email), u]));
    const matched = new Set<string>();
    for (const [key, role] of file.members) {
      const u = (isUserId(key) ? byId.get(key) : undefined) ?? byEmail.get(lower(key));
      if (!u) d.push({ kind: 'add member', email: key, role });
      else {
        matched.add(u.id);
        if (u.role !== role) d.push({ kind: 'change role', email: key, userId: u.id, from: u.role, to: role });
      }
    }
    for (const u of live.users) if (!matched.has(u.id)) d.push({ kind: 'remove member', email: u.email || u.id, userId: u.id, role: u.role });
  }
  if (file.serviceAccounts) {
    // A service account is named by name, or by id where several share a name.
    const byId = new Map(live.serviceAccounts.map((s) => [s.id, s]));
    const byName = groupBy(live.serviceAccounts, (s) => s.name);
    const matched = new Set<string>();
    for (const [key, role] of file.serviceAccounts) {
      const one = byId.get(key);
      const group = one ? [one] : (byName.get(key) ?? []);
      for (const s of group) matched.add(s.id);
      if (!group.length) d.push({ kind: 'create service account', name: key, role });
      else if (group.length > 1) {
        if (group.some((s) => s.role !== role)) d.push({ kind: 'ambiguous service account', name: key, ids: group.map((s) => s.id) });
      } else if (group[0]!.role !== role) d.push({ kind: 'service account role', name: key, id: group[0]!.id, from: group[0]!.role, to: role });
    }
    for (const s of live.serviceAccounts) if (!matched.has(s.id)) d.push({ kind: 'delete service account', name: s.name, id: s.id });
  }
  const models = new Map(live.rateLimits.map((r) => [r.model, r]));
  for (const [model, limits] of file.rateLimits ?? []) {
    const r = models.get(model);
    if (!r) {
      d.push({ kind: 'missing model', model });
      continue;
    }
    const fields = (Object.keys(limits) as RateLimitField[]).filter((f) => r[f] !== limits[f]);
    if (fields.length) d.push({ kind: 'change limit', model, id: r.id, fields, from: r, to: limits });
  }
  for (const section of SECTIONS) {
    const want = file.policy?.[section];
    const now = live.policy?.[section];
    if (want && now && !holds(section, want, now)) d.push({ kind: 'policy', section, now, want });
  }
  if (file.access && live.access) d.push(...diffAccess(file.access, live.access, live.users));
  return d;
}

/** What a project holds of a section, in the words of the plan (only the tools the file names). */
function heldText(d: Extract<Difference, { kind: 'policy' }>): string {
  if (!d.now) return l10n.t('as a new project has it');
  if (d.section === 'hostedTools') {
    const held = (d.now as Loaded['hostedTools']).tools;
    const named = Object.keys((d.want as Wanted['hostedTools']).tools);
    return wantedText('hostedTools', { tools: Object.fromEntries(named.map((k) => [k, held[k] ?? false])) });
  }
  return wantedText(d.section, wantedOf(d.section, d.now as never));
}

/** Differences that the plan would change (not the removals it is not asked for, nor what cannot be done). */
export const countDifferences = (d: Difference[]) => d.filter((x) => !isRemoval(x)).length;

const text = (l: Partial<Record<RateLimitField, number>>, fields: RateLimitField[]) =>
  fields.map((f) => `${compact(l[f] as number)} ${RATE_LIMIT_LABELS[f].short}`).join(' · ');

export interface PlanInput {
  file: ProjectFile;
  live: LiveProject | undefined;
  diffs: Difference[];
  orgUsers: OrganizationUser[];
  /** The organization's groups (read when the file grants one). */
  orgGroups: Group[];
  /** A project's roles now: for a project the plan creates, read when its changes run. */
  rolesOf: (projectId: string) => Promise<Role[]>;
  /** The default project's limits: a project may not go above them (the organization's own). */
  ceilings: ProjectRateLimit[] | undefined;
  removals: boolean;
  write: Writer;
}

export function planFile({ file, live, diffs, orgUsers, orgGroups, rolesOf, ceilings, removals, write }: PlanInput): Plan {
  const changes: Change[] = [];
  const skipped: Skip[] = [];
  const placeholder: Project = live?.project ?? { object: 'organization.project', id: '(new)', name: file.project, created_at: 0, status: 'active' };
  // A project the plan creates gets its id when that change runs; the changes after it use it then.
  let projectId = live?.project.id;
  const target = () => {
    if (!projectId) throw new Error(l10n.t('the project "{0}" was not created', file.project));
    return projectId;
  };
  const change = (object: string, before: string, after: string, apply: () => Promise<Note>) =>
    changes.push({ project: placeholder, object, before, after, apply });
  const skip = (object: string, why: string) => skipped.push({ project: placeholder, object, why });
  let kept = 0;
  const access = accessPlanner({ live, orgUsers, orgGroups, rolesOf, diffs, target, change, skip, write });
  const orgByEmail = new Map(orgUsers.filter((u) => u.email).map((u) => [lower(u.email), u]));
  const orgById = new Map(orgUsers.map((u) => [u.id, u]));
  const archived = live && isArchived(live.project);
  const isDefault = live && isDefaultProject(live.project);
  for (const d of diffs) {
    if (archived && !isRemoval(d)) {
      skip(describe(d), l10n.t('archived project: it takes no changes'));
      continue;
    }
    switch (d.kind) {
      case 'create project':
        change(l10n.t('project {0}', d.name), l10n.t('does not exist'), 'created', async () => {
          projectId = (await write.createProject(d.name)).id;
          return undefined;
        });
        break;
      case 'rename project':
        if (isDefault) skip(l10n.t('project {0}', d.from), l10n.t('the default project cannot be renamed'));
        else change(l10n.t('project {0}', d.from), d.from, d.to, () => write.renameProject(target(), d.to));
        break;
      case 'add member': {
        const u = (isUserId(d.email) ? orgById.get(d.email) : undefined) ?? orgByEmail.get(lower(d.email));
        if (isDefault) skip(l10n.t('user {0}', d.email), l10n.t('default project: its members follow the organization'));
        else if (!u) skip(l10n.t('user {0}', d.email), l10n.t('not a member of the organization (invite them first)'));
        else if (!MEMBER_ROLES.includes(d.role)) skip(l10n.t('user {0}', d.email), unknownRole(d.role));
        else change(l10n.t('user {0}', d.email), l10n.t('not a member'), d.role, () => write.addMember(target(), u.id, d.role));
        break;
      }
      case 'change role':
        if (isDefault) skip(l10n.t('user {0}', d.email), l10n.t('default project: roles follow the organization'));
        else if (!MEMBER_ROLES.includes(d.to)) skip(l10n.t('user {0}', d.email), unknownRole(d.to));
        else change(l10n.t('user {0}', d.email), d.from, d.to, () => write.changeRole(target(), d.userId, d.to));
        break;
      case 'remove member':
        if (!removals) kept++;
        else if (isDefault) skip(l10n.t('user {0}', d.email), l10n.t('default project: its members follow the organization'));
        else if (archived) skip(l10n.t('user {0}', d.email), l10n.t('archived project: it takes no changes'));
        else change(l10n.t('user {0}', d.email), d.role, 'removed', () => write.removeMember(target(), d.userId));
        break;
      case 'create service account':
        if (isDefault) skip(l10n.t('service account {0}', d.name), l10n.t('the default project has no service accounts'));
        else
          change(l10n.t('service account {0}', d.name), l10n.t('does not exist'), l10n.t('created ({0}; its key is shown once)', d.role), () =>
            write.createServiceAccount(target(), d.name),
          );
        break;
      case 'ambiguous service account':
        skip(
          l10n.t('service account {0}', d.name),
          l10n.t('{0} service accounts have this name ({1}): name the one you mean by its id in the file', d.ids.length, d.ids.join(', ')),
        );
        break;
      case 'service account role':
        if (!MEMBER_ROLES.includes(d.to)) skip(l10n.t('service account {0}', d.name), unknownRole(d.to));
        else change(l10n.t('service account {0}', d.name), d.from, d.to, () => write.serviceAccountRole(target(), d.id, d.to as 'member' | 'owner'));
        break;
      case 'delete service account':
        if (!removals) kept++;
        else if (archived) skip(l10n.t('service account {0}', d.name), l10n.t('archived project: it takes no changes'));
        else
          change(l10n.t('service account {0}', d.name), 'exists', l10n.t('deleted (its keys stop working)'), () => write.deleteServiceAccount(target(), d.id));
        break;
      case 'missing model':
        skip(
          l10n.t('model {0}', d.model),
          live ? l10n.t('the project has no limits for this model') : l10n.t('a new project’s models are known only once it exists: apply again after'),
        );
        break;
      case 'policy':
        change(sectionLabel(d.section), heldText(d), wantedText(d.section, d.want), () => write.policySection(target(), d.section, d.want));
        break;
      case 'grant group':
      case 'assign role':
      case 'unassign role':
      case 'revoke group':
        if (isRemoval(d) && !removals) kept++;
        else access.plan(d);
        break;
      case 'change limit': {
        const ceiling = ceilings?.find((c) => c.model === d.model);
        const over = ceiling ? d.fields.filter((f) => typeof ceiling[f] === 'number' && (d.to[f] as number) > ceiling[f]) : [];
        if (over.length && !isDefault) {
          skip(
            l10n.t('model {0}', d.model),
            l10n.t(
              'above the organization’s limit: {0} (as the default project has it)',
              over.map((f) => `${RATE_LIMIT_LABELS[f].short} ${compact(ceiling![f] as number)}`).join(', '),
            ),
          );
        } else {
          change(l10n.t('model {0}', d.model), text(d.from, d.fields), text(d.to, d.fields), () =>
            write.updateLimits(target(), d.id, Object.fromEntries(d.fields.map((f) => [f, d.to[f]]))),
          );
        }
        break;
      }
    }
  }
  const notes = [
    live
      ? l10n.t('The live project: {0} ({1}).', projectName(live.project), live.project.id)
      : l10n.t('No project named "{0}" exists: applying creates it.', file.project),
  ];
  if (kept)
    notes.push(
      l10n.t(
        '{0} member{1}, service account{2}, group or role the file does not list {3} kept; apply with removals to remove them.',
        kept,
        kept === 1 ? '' : 's',
        kept === 1 ? '' : 's',
        kept === 1 ? 'is' : 'are',
      ),
    );
  return { title: l10n.t('Apply {0} to the organization', fileName(file)), changes, skipped, notes };
}

const fileName = (f: ProjectFile) => `"${f.project}"`;

const unknownRole = (role: string) => l10n.t('"{0}" is not a role a person can be given here ({1})', role, MEMBER_ROLES.join(', '));

function describe(d: Difference): string {
  switch (d.kind) {
    case 'create project':
      return l10n.t('project {0}', d.name);
    case 'rename project':
      return l10n.t('project {0}', d.from);
    case 'add member':
    case 'change role':
    case 'remove member':
      return l10n.t('user {0}', d.email);
    case 'create service account':
    case 'service account role':
    case 'delete service account':
    case 'ambiguous service account':
      return l10n.t('service account {0}', d.name);
    case 'change limit':
    case 'missing model':
      return l10n.t('model {0}', d.model);
    case 'policy':
      return sectionLabel(d.section);
    case 'grant group':
    case 'revoke group':
      return l10n.t('group {0}', d.group);
    case 'assign role':
    case 'unassign role':
      return d.who === 'group' ? l10n.t('group {0}', d.name) : l10n.t('user {0}', d.name);
  }
}

/** The plan's changes of who can do what: groups found by name, roles by name, each one write. */
function accessPlanner(a: {
  live: LiveProject | undefined;
  orgUsers: OrganizationUser[];
  orgGroups: Group[];
  rolesOf: (projectId: string) => Promise<Role[]>;
  diffs: Difference[];
  target: () => string;
  change: (object: string, before: string, after: string, apply: () => Promise<Note>) => void;
  skip: (object: string, why: string) => void;
  write: Writer;
}) {
  const { live, target, change, skip, write } = a;
  const roles = live?.access?.roles;
  /** Groups the plan grants, by the file's name for them. */
  const granted = new Map<string, string>();
  const added = new Set(a.diffs.flatMap((d) => (d.kind === 'add member' ? [lower(d.email)] : [])));
  /** A role's id: known now for a project that exists; for one the plan creates, read when it runs. */
  const roleId = (name: string, object: string): (() => Promise<string>) | undefined => {
    if (!roles)
      return async () => {
        const r = roleNamed(await a.rolesOf(target()), name);
        if (!r) throw new Error(l10n.t('the project has no role named "{0}"', name));
        return r.id;
      };
    const r = roleNamed(roles, name);
    if (r) return () => Promise.resolve(r.id);
    skip(object, l10n.t('the project has no role named "{0}" (its roles: {1})', name, roles.map((x) => x.name).join(', ')));
    return undefined;
  };
  const userOf = (key: string) => a.orgUsers.find((u) => u.id === key) ?? a.orgUsers.find((u) => u.email && lower(u.email) === lower(key));
  return {
    plan(d: AccessDifference): void {
      const object = d.kind === 'assign role' || d.kind === 'unassign role' ? describe(d) : l10n.t('group {0}', d.group);
      switch (d.kind) {
        case 'grant group': {
          const g = groupNamed(a.orgGroups, d.group);
          if (!g) return skip(object, l10n.t('the organization has no group of this name (create it first)'));
          const id = roleId(d.role, object);
          if (!id) return;
          granted.set(d.group, g.id);
          return change(object, l10n.t('no access'), l10n.t('access as {0}', d.role), async () => write.grantGroup(target(), g.id, await id()));
        }
        case 'revoke group':
          return change(object, l10n.t('has access'), l10n.t('no access (its roles here go with it)'), () => write.revokeGroup(target(), d.id));
        case 'assign role': {
          let principal = d.id;
          if (!principal && d.who === 'group') {
            principal = granted.get(d.name);
            if (!principal) return skip(object, l10n.t('role {0}: the group is not given access', d.role));
          }
          if (!principal && d.who === 'user') {
            const u = userOf(d.name);
            if (!u) return skip(object, l10n.t('role {0}: not a member of the organization (invite them first)', d.role));
            if (!added.has(lower(d.name)) && !added.has(lower(u.email ?? '')))
              return skip(object, l10n.t('role {0}: not a member of the project (list them under "members" too)', d.role));
            principal = u.id;
          }
          const id = roleId(d.role, object);
          if (!id) return;
          const who = { type: d.who, id: principal! };
          return change(object, l10n.t('without the role {0}', d.role), l10n.t('holds {0}', d.role), async () => write.assignRole(target(), who, await id()));
        }
        case 'unassign role':
          return change(object, l10n.t('holds {0}', d.role.name), l10n.t('without it'), () =>
            write.unassignRole(target(), { type: d.who, id: d.id }, d.role.id),
          );
      }
    },
  };
}
