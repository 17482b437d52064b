// Who can do what (39 operations): the organization's groups and their members and roles, roles at the
// organization and in a project, a user's and a group's role assignments at both levels. Each is named
// as its operation id in OpenAI's spec; shapes in ./accessSchemas.ts. The project-level role endpoints
// live under `/projects/…`, not `/organization/projects/…`, in the spec and the SDK alike.
import * as l10n from '@vscode/l10n';
import * as A from './accessSchemas';
import type { CallOptions, ListRequest, Read, Write } from './http';

const GROUP = '/organization/groups/{group_id}';
const USER = '/organization/users/{user_id}';
const PGROUPS = '/organization/projects/{project_id}/groups';
const PROJECT = '/projects/{project_id}';

type InProject = { projectId: string };
type OfGroup = { groupId: string };
type OfUser = { userId: string };
type OfRole = { roleId: string };
type Paged = ListRequest & { order?: 'asc' | 'desc' };

export function accessOperations(syncRead: Read, syncWrite: Write) {
  // A body refused before sending is a rejected promise, as for every other operation, never a throw.
  const read: Read = async (...a) => syncRead(...a);
  const write: Write = async (...a) => syncWrite(...a);
  const q = (r: Paged) => ({ limit: r.limit, after: r.after, order: r.order });
  const group = (id: string) => l10n.t('group {0}', id);
  const role = (id: string) => l10n.t('role {0}', id);
  const inProject = (what: string, r: InProject) => l10n.t('{0} in project {1}', what, r.projectId);
  const gp = (r: OfGroup) => ({ group_id: r.groupId });
  const rp = (r: OfRole) => ({ role_id: r.roleId });
  const up = (r: OfUser) => ({ user_id: r.userId });
  const pp = (r: InProject) => ({ project_id: r.projectId });

  /** A principal's role assignments at `base` (`…/users/{user_id}/roles` or `…/groups/{group_id}/roles`). */
  const assignments = <R extends object>(
    base: string,
    params: (r: R) => Record<string, string>,
    subject: (r: R) => string,
    assigned: typeof A.UserRoleAssigned | typeof A.GroupRoleAssigned,
  ) => ({
    list: (r: R & Paged, o?: CallOptions) => read(base, params(r), l10n.t('the roles of {0}', subject(r)), A.AssignedRoleList, q(r), o),
    assign: (r: R & { roleId: string }, o?: CallOptions) =>
      write(
        'POST',
        base,
        params(r),
        l10n.t('role {0} for {1}', r.roleId, subject(r)),
        assigned,
        { schema: A.RoleAssignRequest, value: { role_id: r.roleId } },
        o,
      ),
    retrieve: (r: R & OfRole, o?: CallOptions) =>
      read(`${base}/{role_id}`, { ...params(r), ...rp(r) }, l10n.t('role {0} for {1}', r.roleId, subject(r)), A.AssignedRole, undefined, o),
    unassign: (r: R & OfRole, o?: CallOptions) =>
      write('DELETE', `${base}/{role_id}`, { ...params(r), ...rp(r) }, l10n.t('role {0} for {1}', r.roleId, subject(r)), A.AssignmentDeleted, undefined, o),
  });

  /** The custom roles at `base` (`/organization/roles` or `/projects/{project_id}/roles`). */
  const roles = <R extends object>(base: string, params: (r: R) => Record<string, string>, where: (what: string, r: R) => string) => ({
    list: (r: R & Paged, o?: CallOptions) => read(base, params(r), where(l10n.t('the roles'), r), A.RoleList, q(r), o),
    create: (r: R & { request: A.RoleCreateRequest }, o?: CallOptions) =>
      write('POST', base, params(r), where(l10n.t('the new role "{0}"', r.request.role_name), r), A.Role, { schema: A.RoleCreateRequest, value: r.request }, o),
    retrieve: (r: R & OfRole, o?: CallOptions) => read(`${base}/{role_id}`, { ...params(r), ...rp(r) }, where(role(r.roleId), r), A.Role, undefined, o),
    update: (r: R & OfRole & { request: A.RoleUpdateRequest }, o?: CallOptions) =>
      write('POST', `${base}/{role_id}`, { ...params(r), ...rp(r) }, where(role(r.roleId), r), A.Role, { schema: A.RoleUpdateRequest, value: r.request }, o),
    delete: (r: R & OfRole, o?: CallOptions) =>
      write('DELETE', `${base}/{role_id}`, { ...params(r), ...rp(r) }, where(role(r.roleId), r), A.RoleDeleted, undefined, o),
  });

  const orgRoles = roles<object>(
    '/organization/roles',
    () => ({}),
    (what) => what,
  );
  const projectRoles = roles<InProject>(`${PROJECT}/roles`, pp, inProject);
  const groupRoles = assignments<OfGroup>(`${GROUP}/roles`, gp, (r) => group(r.groupId), A.GroupRoleAssigned);
  const userRoles = assignments<OfUser>(`${USER}/roles`, up, (r) => l10n.t('organization member {0}', r.userId), A.UserRoleAssigned);
  const projectGroupRoles = assignments<InProject & OfGroup>(
    `${PROJECT}/groups/{group_id}/roles`,
    (r) => ({ ...pp(r), ...gp(r) }),
    (r) => inProject(group(r.groupId), r),
    A.GroupRoleAssigned,
  );
  const projectUserRoles = assignments<InProject & OfUser>(
    `${PROJECT}/users/{user_id}/roles`,
    (r) => ({ ...pp(r), ...up(r) }),
    (r) => inProject(l10n.t('user {0}', r.userId), r),
    A.UserRoleAssigned,
  );

  return {
    listGroups: (r: Paged = {}, o?: CallOptions) => read('/organization/groups', {}, l10n.t('the groups'), A.GroupList, q(r), o),
    createGroup: (r: { name: string }, o?: CallOptions) =>
      write('POST', '/organization/groups', {}, l10n.t('the new group "{0}"', r.name), A.Group, { schema: A.GroupRequest, value: { name: r.name } }, o),
    retrieveGroup: (r: OfGroup, o?: CallOptions) => read(GROUP, gp(r), group(r.groupId), A.Group, undefined, o),
    updateGroup: (r: OfGroup & { name: string }, o?: CallOptions) =>
      write('POST', GROUP, gp(r), group(r.groupId), A.GroupUpdated, { schema: A.GroupRequest, value: { name: r.name } }, o),
    deleteGroup: (r: OfGroup, o?: CallOptions) => write('DELETE', GROUP, gp(r), group(r.groupId), A.GroupDeleted, undefined, o),

    listGroupUsers: (r: OfGroup & Paged, o?: CallOptions) =>
      read(`${GROUP}/users`, gp(r), l10n.t('the members of {0}', group(r.groupId)), A.GroupUserList, q(r), o),
    addGroupUser: (r: OfGroup & OfUser, o?: CallOptions) =>
      write(
        'POST',
        `${GROUP}/users`,
        gp(r),
        l10n.t('user {0} in {1}', r.userId, group(r.groupId)),
        A.GroupUserAdded,
        { schema: A.GroupUserRequest, value: up(r) },
        o,
      ),
    retrieveGroupUser: (r: OfGroup & OfUser, o?: CallOptions) =>
      read(`${GROUP}/users/{user_id}`, { ...gp(r), ...up(r) }, l10n.t('user {0} in {1}', r.userId, group(r.groupId)), A.GroupUser, undefined, o),
    removeGroupUser: (r: OfGroup & OfUser, o?: CallOptions) =>
      write(
        'DELETE',
        `${GROUP}/users/{user_id}`,
        { ...gp(r), ...up(r) },
        l10n.t('user {0} in {1}', r.userId, group(r.groupId)),
        A.AssignmentDeleted,
        undefined,
        o,
      ),

    listGroupRoleAssignments: groupRoles.list,
    assignGroupRole: groupRoles.assign,
    retrieveGroupRole: groupRoles.retrieve,
    unassignGroupRole: groupRoles.unassign,

    listRoles: (r: Paged = {}, o?: CallOptions) => orgRoles.list(r, o),
    createRole: orgRoles.create,
    retrieveRole: orgRoles.retrieve,
    updateRole: orgRoles.update,
    deleteRole: orgRoles.delete,

    listUserRoleAssignments: userRoles.list,
    assignUserRole: userRoles.assign,
    retrieveUserRole: userRoles.retrieve,
    unassignUserRole: userRoles.unassign,

    listProjectGroups: (r: InProject & Paged, o?: CallOptions) => read(PGROUPS, pp(r), inProject(l10n.t('the groups'), r), A.ProjectGroupList, q(r), o),
    addProjectGroup: (r: InProject & OfGroup & { role: string }, o?: CallOptions) =>
      write(
        'POST',
        PGROUPS,
        pp(r),
        inProject(group(r.groupId), r),
        A.ProjectGroup,
        { schema: A.ProjectGroupRequest, value: { group_id: r.groupId, role: r.role } },
        o,
      ),
    retrieveProjectGroup: (r: InProject & OfGroup, o?: CallOptions) =>
      read(`${PGROUPS}/{group_id}`, { ...pp(r), ...gp(r) }, inProject(group(r.groupId), r), A.ProjectGroup, undefined, o),
    removeProjectGroup: (r: InProject & OfGroup, o?: CallOptions) =>
      write('DELETE', `${PGROUPS}/{group_id}`, { ...pp(r), ...gp(r) }, inProject(group(r.groupId), r), A.ProjectGroupDeleted, undefined, o),

    listProjectRoles: projectRoles.list,
    createProjectRole: projectRoles.create,
    retrieveProjectRole: projectRoles.retrieve,
    updateProjectRole: projectRoles.update,
    deleteProjectRole: projectRoles.delete,

    listProjectGroupRoleAssignments: projectGroupRoles.list,
    assignProjectGroupRole: projectGroupRoles.assign,
    retrieveProjectGroupRole: projectGroupRoles.retrieve,
    unassignProjectGroupRole: projectGroupRoles.unassign,

    listProjectUserRoleAssignments: projectUserRoles.list,
    assignProjectUserRole: projectUserRoles.assign,
    retrieveProjectUserRole: projectUserRoles.retrieve,
    unassignProjectUserRole: projectUserRoles.unassign,
  };
}
