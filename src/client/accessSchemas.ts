// Who can do what: groups, roles and role assignments (test/fixtures/openai-access-openapi.json and the
// SDK's types, which add a role's `description` to its create and update bodies). Loose like the rest.
// These lists page with `next` (`{data, has_more, next}`), not `last_id`.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { maybe } from './schemas';

const str = z.string();
const num = z.custom<number>((v) => typeof v === 'number', { error: () => l10n.t('expected {0}', 'number') });

/** A list paged by its `next` cursor. */
export function nextListOf<T extends z.core.SomeType>(item: T) {
  return z.looseObject({ object: str, data: z.array(item), has_more: z.boolean(), next: maybe(str) });
}

export const Group = z.looseObject({
  id: str,
  name: str,
  created_at: maybe(num),
  /** Synced from an identity provider: its name and members are the provider's. */
  is_scim_managed: maybe(z.boolean()),
  /** `group` or `tenant_group`; others may appear. */
  group_type: maybe(str),
});
export const GroupList = nextListOf(Group);
export const GroupUpdated = z.looseObject({ id: str, name: str, created_at: maybe(num), is_scim_managed: maybe(z.boolean()) });
export const GroupDeleted = z.looseObject({ object: str, id: str, deleted: z.boolean() });

export const GroupUser = z.looseObject({ id: str, name: maybe(str), email: maybe(str), is_service_account: maybe(z.boolean()), user_type: maybe(str) });
export const GroupUserList = nextListOf(GroupUser);
export const GroupUserAdded = z.looseObject({ object: str, user_id: str, group_id: str });

export const Role = z.looseObject({
  id: str,
  name: str,
  description: maybe(str),
  permissions: z.array(str),
  /** `api.organization` or `api.project`; others may appear. */
  resource_type: maybe(str),
  predefined_role: z.boolean(),
});
export const RoleList = nextListOf(Role);
export const RoleDeleted = z.looseObject({ object: str, id: str, deleted: z.boolean() });

/** A role as held by a user or a group, with where it comes from when the API says. */
export const AssignedRole = z.looseObject({
  ...Role.shape,
  created_at: maybe(num),
  updated_at: maybe(num),
  created_by: maybe(str),
  assignment_sources: maybe(z.array(z.looseObject({ principal_id: str, principal_type: str }))),
});
export const AssignedRoleList = nextListOf(AssignedRole);
export const AssignmentDeleted = z.looseObject({ object: str, deleted: z.boolean() });
export const GroupRoleAssigned = z.looseObject({ object: str, group: z.looseObject({ id: str, name: maybe(str) }), role: Role });
export const UserRoleAssigned = z.looseObject({ object: str, user: z.looseObject({ id: str, name: maybe(str), email: maybe(str) }), role: Role });

export const ProjectGroup = z.looseObject({
  object: str,
  project_id: str,
  group_id: str,
  group_name: maybe(str),
  group_type: maybe(str),
  created_at: maybe(num),
});
export const ProjectGroupList = nextListOf(ProjectGroup);
export const ProjectGroupDeleted = z.looseObject({ object: str, deleted: z.boolean() });

// Request bodies, checked before they are sent.
const nonEmpty = z.string().check(z.trim(), z.minLength(1, l10n.t('must not be empty')));
const groupName = nonEmpty.check(z.maxLength(255, l10n.t('must be at most {0} characters', 255)));
export const GroupRequest = z.object({ name: groupName });
export const GroupUserRequest = z.object({ user_id: nonEmpty });
export const RoleAssignRequest = z.object({ role_id: nonEmpty });
export const ProjectGroupRequest = z.object({ group_id: nonEmpty, role: nonEmpty });
const permissions = z.array(nonEmpty).check(z.minLength(1, l10n.t('needs at least one permission')));
export const RoleCreateRequest = z.object({ role_name: nonEmpty, permissions, description: maybe(str) });
export const RoleUpdateRequest = z.object({ role_name: maybe(nonEmpty), permissions: maybe(permissions), description: maybe(str) }).check(
  z.refine((r) => r.role_name != null || r.permissions != null || r.description !== undefined, {
    message: l10n.t('a name, permissions or a description is required'),
    path: ['role_name'],
  }),
);

export type Group = z.infer<typeof Group>;
export type GroupUser = z.infer<typeof GroupUser>;
export type Role = z.infer<typeof Role>;
export type AssignedRole = z.infer<typeof AssignedRole>;

/** Whether a held role is assigned to the principal itself, not only through a group (an answer without sources says it is). */
export const assignedTo = (r: Pick<AssignedRole, 'assignment_sources'>, principalId: string): boolean =>
  (r.assignment_sources ?? [{ principal_id: principalId, principal_type: '' }]).some((s) => s.principal_id === principalId);
export type ProjectGroup = z.infer<typeof ProjectGroup>;
export type RoleCreateRequest = z.input<typeof RoleCreateRequest>;
export type RoleUpdateRequest = z.input<typeof RoleUpdateRequest>;
