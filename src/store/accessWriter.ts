// The writes of who can do what: groups (create, rename, delete), their members, and a group's access
// to a project. Part of the one writer (OrgWriter.access): each is sent once, an answer lost on the
// way is settled by reading back what happened, and the store is told what the lists hold now.
import * as l10n from '@vscode/l10n';
import {
  assignedTo,
  collect,
  type AssignedRole,
  type Group,
  type GroupUser,
  type ProjectsClient,
  type Role,
  type RoleCreateRequest,
  type RoleUpdateRequest,
} from '../client';
import { projectGroupRow, type ProjectGroupRow } from './kinds';
import { gone, present, settleWrite, type Outcome, type WriteLog, type Written } from './outcome';
import type { OrgStore, Principal } from './store';

export class AccessWrites {
  /** Roles and who holds them. */
  readonly roles: RoleWrites;

  constructor(
    private readonly client: () => Promise<ProjectsClient>,
    private readonly store: OrgStore,
    private readonly log: WriteLog,
  ) {
    this.roles = new RoleWrites(client, store, log);
  }

  private settle<T>(what: string, write: () => Promise<T>, check: () => Promise<Outcome>): Promise<T | undefined> {
    return settleWrite({ log: this.log }, what, write, check);
  }

  /** A new group. Its read-back is a group of that name that was not in the list before the write. */
  async createGroup(name: string, what = l10n.t('creating the group "{0}"', name)): Promise<Written<Group>> {
    const c = await this.client();
    const all = () => collect((after) => c.listGroups({ limit: 100, after }));
    // Without a list held, the one read before the write is what "before" means (groups have no reliable created_at).
    const before = new Set((this.store.orgLoaded('groups') ?? (await all())).map((g) => g.id));
    let found: Group | undefined;
    const made = await this.settle(
      what,
      () => c.createGroup({ name }),
      () => present(async () => !!(found = (await all()).find((g) => g.name === name && !before.has(g.id)))),
    );
    const value = (made ?? found)!;
    this.store.orgWritten('groups', (gs) => [...gs.filter((g) => g.id !== value.id), value]);
    return { value, lost: !made };
  }

  async renameGroup(groupId: string, name: string, what = l10n.t('renaming the group {0} to "{1}"', groupId, name)): Promise<Written<Group>> {
    const c = await this.client();
    let now: Group | undefined;
    const renamed = await this.settle(
      what,
      () => c.updateGroup({ groupId, name }),
      () => present(async () => (now = await c.retrieveGroup({ groupId })).name === name),
    );
    const old = this.store.orgLoaded('groups')?.find((g) => g.id === groupId);
    const value: Group = { ...old, ...(renamed ?? now)!, id: groupId, name };
    this.store.orgWritten('groups', (gs) => gs.map((g) => (g.id === groupId ? value : g)));
    this.inProjects(groupId, (g) => ({ ...g, group_name: name }));
    return { value, lost: !renamed };
  }

  /** Gone, and with it its access to every project and the roles it held. */
  async deleteGroup(groupId: string, what = l10n.t('deleting the group {0}', groupId)): Promise<Written<string>> {
    const c = await this.client();
    const deleted = await this.settle(
      what,
      () => c.deleteGroup({ groupId }),
      () => gone(() => c.retrieveGroup({ groupId })),
    );
    this.store.orgWritten('groups', (gs) => gs.filter((g) => g.id !== groupId));
    this.inProjects(groupId, () => undefined);
    return { value: groupId, lost: !deleted };
  }

  async addGroupMember(groupId: string, user: GroupUser, what = l10n.t('adding {0} to the group {1}', user.id, groupId)): Promise<Written<GroupUser>> {
    const c = await this.client();
    const added = await this.settle(
      what,
      () => c.addGroupUser({ groupId, userId: user.id }),
      () => present(async () => !!(await c.retrieveGroupUser({ groupId, userId: user.id }))),
    );
    this.store.groupMembersWritten(groupId, (us) => [...us.filter((u) => u.id !== user.id), user]);
    return { value: user, lost: !added };
  }

  async removeGroupMember(groupId: string, userId: string, what = l10n.t('removing {0} from the group {1}', userId, groupId)): Promise<Written<string>> {
    const c = await this.client();
    const removed = await this.settle(
      what,
      () => c.removeGroupUser({ groupId, userId }),
      () => gone(() => c.retrieveGroupUser({ groupId, userId })),
    );
    this.store.groupMembersWritten(groupId, (us) => us.filter((u) => u.id !== userId));
    return { value: userId, lost: !removed };
  }

  /** The group's members get access to the project with `roleId` (a project role). */
  async grantGroup(
    projectId: string,
    groupId: string,
    roleId: string,
    what = l10n.t('granting the group {0} access to project {1}', groupId, projectId),
  ): Promise<Written<ProjectGroupRow>> {
    const c = await this.client();
    let now: ProjectGroupRow | undefined;
    const granted = await this.settle(
      what,
      () => c.addProjectGroup({ projectId, groupId, role: roleId }),
      () => present(async () => !!(now = projectGroupRow(await c.retrieveProjectGroup({ projectId, groupId })))),
    );
    const value = granted ? projectGroupRow(granted) : now!;
    this.store.written(projectId, 'groups', (gs) => [...gs.filter((g) => g.id !== groupId), value]);
    return { value, lost: !granted };
  }

  /** The group's access to the project ends, and the project roles it held there go with it. */
  async revokeGroup(
    projectId: string,
    groupId: string,
    what = l10n.t('revoking the access of group {0} to project {1}', groupId, projectId),
  ): Promise<Written<string>> {
    const c = await this.client();
    const revoked = await this.settle(
      what,
      () => c.removeProjectGroup({ projectId, groupId }),
      () => gone(() => c.retrieveProjectGroup({ projectId, groupId })),
    );
    this.store.written(projectId, 'groups', (gs) => gs.filter((g) => g.id !== groupId));
    return { value: groupId, lost: !revoked };
  }

  /**
   * Every project list held that names the group: changed (or, with undefined, the group dropped). A
   * project whose Groups list is held nowhere (neither here nor in the index) has nothing to change:
   * no change is told for it, so a thousand projects never opened are a thousand events saved.
   */
  private inProjects(groupId: string, change: (g: ProjectGroupRow) => ProjectGroupRow | undefined): void {
    for (const p of this.store.loadedProjects ?? []) {
      const held = this.store.loaded(p.id, 'groups');
      if (held ? !held.some((g) => g.id === groupId) : !this.store.heldAnywhere(p.id, 'groups')) continue;
      this.store.written(p.id, 'groups', (gs) => gs.flatMap((g) => (g.id === groupId ? [change(g)].filter((x) => x !== undefined) : [g])));
    }
  }
}

/** Where a role lives: the organization, or one project. */
export type RoleScope = { projectId?: string };
export type { Principal } from './store';

/** Roles and their assignments (OrgWriter.access.roles): sent once each, a lost answer read back. */
export class RoleWrites {
  constructor(
    private readonly client: () => Promise<ProjectsClient>,
    private readonly store: OrgStore,
    private readonly log: WriteLog,
  ) {}

  private settle<T>(what: string, write: () => Promise<T>, check: () => Promise<Outcome>): Promise<T | undefined> {
    return settleWrite({ log: this.log }, what, write, check);
  }

  /** The scope's roles as the API lists them now (a read-back; the organization's cached list may be old). */
  private async list(scope: RoleScope): Promise<Role[]> {
    if (scope.projectId !== undefined) return this.store.projectRoles(scope.projectId);
    const c = await this.client();
    return collect((after) => c.listRoles({ limit: 100, after }));
  }

  async createRole(scope: RoleScope, request: RoleCreateRequest, what: string): Promise<Written<Role>> {
    const c = await this.client();
    const before = new Set(
      (scope.projectId === undefined ? this.store.orgLoaded('roles') : undefined)?.map((r) => r.id) ?? (await this.list(scope)).map((r) => r.id),
    );
    let found: Role | undefined;
    const { projectId } = scope;
    const made = await this.settle(
      what,
      () => (projectId === undefined ? c.createRole({ request }) : c.createProjectRole({ projectId, request })),
      () => present(async () => !!(found = (await this.list(scope)).find((r) => r.name === request.role_name && !before.has(r.id)))),
    );
    const value = (made ?? found)!;
    if (projectId === undefined) this.store.orgWritten('roles', (rs) => [...rs.filter((r) => r.id !== value.id), value]);
    else this.store.rolesChanged({ projectId });
    return { value, lost: !made };
  }

  async updateRole(scope: RoleScope, roleId: string, request: RoleUpdateRequest, what: string): Promise<Written<Role>> {
    const c = await this.client();
    const { projectId } = scope;
    let now: Role | undefined;
    const same = (r: Role) =>
      (request.role_name == null || r.name === request.role_name) &&
      (request.permissions == null || [...r.permissions].sort().join() === [...request.permissions].sort().join()) &&
      (request.description === undefined || (r.description ?? null) === (request.description ?? null));
    const changed = await this.settle(
      what,
      () => (projectId === undefined ? c.updateRole({ roleId, request }) : c.updateProjectRole({ projectId, roleId, request })),
      () => present(async () => same((now = projectId === undefined ? await c.retrieveRole({ roleId }) : await c.retrieveProjectRole({ projectId, roleId })))),
    );
    const value = (changed ?? now)!;
    if (projectId === undefined) this.store.orgWritten('roles', (rs) => rs.map((r) => (r.id === roleId ? value : r)));
    else this.store.rolesChanged({ projectId });
    return { value, lost: !changed };
  }

  async deleteRole(scope: RoleScope, roleId: string, what: string): Promise<Written<string>> {
    const c = await this.client();
    const { projectId } = scope;
    const deleted = await this.settle(
      what,
      () => (projectId === undefined ? c.deleteRole({ roleId }) : c.deleteProjectRole({ projectId, roleId })),
      () => gone(() => (projectId === undefined ? c.retrieveRole({ roleId }) : c.retrieveProjectRole({ projectId, roleId }))),
    );
    if (projectId === undefined) this.store.orgWritten('roles', (rs) => rs.filter((r) => r.id !== roleId));
    else this.store.rolesChanged({ projectId });
    return { value: roleId, lost: !deleted };
  }

  /** The roles a principal holds, as the API lists them (each with where it comes from). */
  held(p: Principal): Promise<AssignedRole[]> {
    return this.store.rolesHeld(p);
  }

  /** Whether the principal holds the role assigned to itself (not only through a group). */
  private async holdsDirectly(p: Principal, roleId: string): Promise<boolean> {
    const r = (await this.held(p)).find((x) => x.id === roleId);
    return !!r && assignedTo(r, p.id);
  }

  async assign(p: Principal, roleId: string, what: string): Promise<Written<string>> {
    const c = await this.client();
    const { projectId, id } = p;
    const sent = await this.settle(
      what,
      async () => {
        if (projectId === undefined) return p.type === 'user' ? c.assignUserRole({ userId: id, roleId }) : c.assignGroupRole({ groupId: id, roleId });
        return p.type === 'user' ? c.assignProjectUserRole({ projectId, userId: id, roleId }) : c.assignProjectGroupRole({ projectId, groupId: id, roleId });
      },
      async () => ((await this.holdsDirectly(p, roleId)) ? 'done' : 'not done'),
    );
    this.store.rolesChanged(p);
    return { value: roleId, lost: !sent };
  }

  async unassign(p: Principal, roleId: string, what: string): Promise<Written<string>> {
    const c = await this.client();
    const { projectId, id } = p;
    const sent = await this.settle(
      what,
      async () => {
        if (projectId === undefined) return p.type === 'user' ? c.unassignUserRole({ userId: id, roleId }) : c.unassignGroupRole({ groupId: id, roleId });
        return p.type === 'user'
          ? c.unassignProjectUserRole({ projectId, userId: id, roleId })
          : c.unassignProjectGroupRole({ projectId, groupId: id, roleId });
      },
      async () => ((await this.holdsDirectly(p, roleId)) ? 'not done' : 'done'),
    );
    this.store.rolesChanged(p);
    return { value: roleId, lost: !sent };
  }
}
