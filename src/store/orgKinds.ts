// The kinds the organization itself holds (members, invites, admin keys, groups, roles), one entry each, as kinds.ts does for a project's: how the
// list is read, how its row reads, how search finds it. The Organization view, the index and search
// read this table.
import * as l10n from '@vscode/l10n';
import type * as z from 'zod/mini';
import type { AdminApiKey, Group, Invite, OrganizationUser, Page, ProjectsClient, Role } from '../client';
import { Group as GroupSchema, Role as RoleSchema } from '../client/accessSchemas';
import { AdminApiKey as AdminKeySchema, Invite as InviteSchema, OrganizationUser as MemberSchema } from '../client/schemas';
import { day } from '../shared/format';

export interface OrgItems {
  members: OrganizationUser[];
  invites: Invite[];
  adminKeys: AdminApiKey[];
  groups: Group[];
  roles: Role[];
}
export type OrgKind = keyof OrgItems;
export type OrgItemOf<K extends OrgKind> = OrgItems[K][number];

/** What a row needs to know beyond its item: the key this window uses, where a member is. */
export interface OrgRowContext {
  /** Whether an admin key's redacted value is the one this window sends. */
  isCurrentKey(k: AdminApiKey): boolean;
  /** The projects a member is in, as the index knows them (undefined: not indexed). */
  projectsOf(userId: string): string[] | undefined;
  /** Now, in seconds (expiry). */
  now: number;
}

export interface OrgRowLook {
  label: string;
  description?: string;
  tooltip: string;
  icon: string;
  /** A warning colour on the icon (an admin key near its expiry, an expired invite). */
  warn?: boolean;
  contextValue: string;
}

export interface OrgKindSpec<K extends OrgKind> {
  folder(): { label: string; icon: string; empty: string };
  subject(): string;
  page(c: ProjectsClient, after: string | undefined): Promise<Page<OrgItemOf<K>>>;
  schema: z.ZodMiniType<OrgItemOf<K>>;
  row(item: OrgItemOf<K>, ctx: OrgRowContext): OrgRowLook;
  search(item: OrgItemOf<K>): { label: string; description: string; text: (string | null | undefined)[] };
}

const join = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' · ');
const lines = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join('\n');
const DAY_S = 86_400;
/** Within this many days of its expiry, an admin key warns (and offers Rotate). */
export const EXPIRY_WARNING_DAYS = 14;

export const memberLabel = (u: { name?: string | null; email?: string | null; id: string }) => u.name || u.email || u.id;

/** An invite's status as it stands: a pending one past its expiry is expired, whatever the list said. */
export function inviteStatus(i: Invite, now: number): string {
  return i.status === 'pending' && i.expires_at != null && i.expires_at <= now ? 'expired' : i.status;
}

/** Days until an admin key expires (negative: expired), or undefined for one that does not expire. */
export function daysLeft(k: AdminApiKey, now: number): number | undefined {
  return k.expires_at == null ? undefined : Math.floor((k.expires_at - now) / DAY_S);
}

export const ORG_KINDS: { readonly [K in OrgKind]: OrgKindSpec<K> } = {
  members: {
    folder: () => ({ label: l10n.t('Members'), icon: 'organization', empty: l10n.t('No members.') }),
    subject: () => l10n.t('the organization members'),
    page: (c, after) => c.listOrganizationUsers({ limit: 100, after }),
    schema: MemberSchema,
    row: (u, ctx) => {
      const projects = ctx.projectsOf(u.id);
      const marks = [u.is_scim_managed && l10n.t('SCIM'), u.is_service_account && l10n.t('service account')];
      return {
        label: memberLabel(u),
        description: join(u.email !== memberLabel(u) && u.email, u.role ?? l10n.t('no role'), ...marks),
        tooltip: lines(
          u.name,
          u.email,
          l10n.t('organization role: {0}', u.role ?? l10n.t('none')),
          l10n.t('added {0}', day(u.added_at)),
          u.api_key_last_used_at !== undefined && l10n.t('an API key last used {0}', day(u.api_key_last_used_at)),
          u.is_scim_managed && l10n.t('Managed by the identity provider (SCIM): removed here, the next sync brings them back.'),
          u.is_service_account && l10n.t('A service account’s user.'),
          projects === undefined
            ? l10n.t('Projects: run Index Whole Organization to see them.')
            : projects.length
              ? l10n.t('Projects: {0}', projects.join(', '))
              : l10n.t('In no project besides the default one.'),
          u.id,
        ),
        icon: u.is_service_account ? 'robot' : u.role === 'owner' ? 'account' : 'person',
        contextValue: `orgMember${u.role === 'owner' ? '.owner' : ''}${u.is_scim_managed ? '.scim' : ''}`,
      };
    },
    search: (u) => ({
      label: memberLabel(u),
      description: join('member', u.email, `${u.role ?? '-'} in the organization`),
      text: [u.name, u.email, u.id],
    }),
  },
  invites: {
    folder: () => ({ label: l10n.t('Pending invites'), icon: 'mail', empty: l10n.t('No invites.') }),
    subject: () => l10n.t('the pending invites'),
    page: (c, after) => c.listInvites({ limit: 100, after }),
    schema: InviteSchema,
    row: (i, ctx) => {
      const status = inviteStatus(i, ctx.now);
      const projects = i.projects ?? [];
      return {
        label: i.email,
        description: join(i.role, status !== 'pending' && status, status === 'pending' && i.expires_at != null && l10n.t('expires {0}', day(i.expires_at))),
        tooltip: lines(
          i.email,
          l10n.t('organization role: {0}', i.role),
          l10n.t('status: {0}', status),
          l10n.t('sent {0}', day(i.created_at)),
          i.expires_at != null && l10n.t('expires {0}', day(i.expires_at)),
          i.accepted_at != null && l10n.t('accepted {0}', day(i.accepted_at)),
          projects.length ? l10n.t('Joins: {0}', projects.map((p) => `${p.id} (${p.role})`).join(', ')) : l10n.t('Joins no project.'),
          i.id,
        ),
        icon: status === 'pending' ? 'mail' : status === 'accepted' ? 'pass' : 'circle-slash',
        warn: status === 'expired',
        contextValue: `invite.${status === 'pending' ? 'pending' : 'settled'}`,
      };
    },
    search: (i) => ({ label: i.email, description: join('invite', i.role, i.status), text: [i.email, i.id] }),
  },
  adminKeys: {
    folder: () => ({ label: l10n.t('Admin keys'), icon: 'key', empty: l10n.t('No admin keys.') }),
    subject: () => l10n.t('the admin keys'),
    page: (c, after) => c.listAdminApiKeys({ limit: 100, after }),
    schema: AdminKeySchema,
    row: (k, ctx) => {
      const current = ctx.isCurrentKey(k);
      const left = daysLeft(k, ctx.now);
      const soon = left !== undefined && left < EXPIRY_WARNING_DAYS;
      const expiry = left === undefined ? undefined : left < 0 ? l10n.t('expired') : left === 0 ? l10n.t('expires today') : l10n.t('expires in {0} days', left);
      return {
        label: k.name || k.id,
        description: join(current && l10n.t('this window'), k.redacted_value, expiry),
        tooltip: lines(
          k.name || k.id,
          l10n.t('value: {0}', k.redacted_value),
          k.owner && l10n.t('owner: {0}', k.owner.name || k.owner.id || '?'),
          l10n.t('created {0}, last used {1}', day(k.created_at), day(k.last_used_at)),
          k.expires_at != null ? l10n.t('expires {0}', day(k.expires_at)) : l10n.t('does not expire'),
          current && l10n.t('The key this window uses.'),
          k.id,
        ),
        icon: current ? 'star-full' : 'key',
        warn: soon,
        contextValue: `adminKey${current ? '.current' : ''}`,
      };
    },
    search: (k) => ({ label: k.name || k.id, description: join('admin key', k.redacted_value), text: [k.name, k.id, k.redacted_value] }),
  },
  groups: {
    folder: () => ({ label: l10n.t('Groups'), icon: 'type-hierarchy', empty: l10n.t('No groups.') }),
    subject: () => l10n.t('the groups'),
    page: (c, after) => c.listGroups({ limit: 100, after }),
    schema: GroupSchema,
    row: (g) => ({
      label: g.name || g.id,
      description: join(g.is_scim_managed && l10n.t('SCIM'), g.created_at != null && l10n.t('created {0}', day(g.created_at))),
      tooltip: lines(
        g.name,
        g.is_scim_managed
          ? l10n.t('Synced from the identity provider (SCIM): its name and members are changed there; its roles and project access here.')
          : undefined,
        g.created_at != null && l10n.t('created {0}', day(g.created_at)),
        g.id,
      ),
      icon: 'type-hierarchy',
      contextValue: `orgGroup${g.is_scim_managed ? '.scim' : ''}`,
    }),
    search: (g) => ({ label: g.name || g.id, description: join('group', g.is_scim_managed && 'SCIM'), text: [g.name, g.id] }),
  },
  roles: {
    folder: () => ({ label: l10n.t('Roles'), icon: 'shield', empty: l10n.t('No roles.') }),
    subject: () => l10n.t('the roles'),
    page: (c, after) => c.listRoles({ limit: 100, after }),
    schema: RoleSchema,
    row: (r) => ({
      label: r.name || r.id,
      description: join(
        r.predefined_role ? l10n.t('predefined') : l10n.t('custom'),
        r.permissions.length === 1 ? l10n.t('1 permission') : l10n.t('{0} permissions', r.permissions.length),
      ),
      tooltip: lines(
        r.name,
        r.description,
        r.predefined_role && l10n.t('Predefined: it cannot be changed or deleted.'),
        r.permissions.length ? l10n.t('Permissions: {0}', r.permissions.join(', ')) : l10n.t('No permissions.'),
        r.id,
      ),
      icon: r.predefined_role ? 'shield' : 'law',
      contextValue: `orgRole.${r.predefined_role ? 'predefined' : 'custom'}`,
    }),
    search: (r) => ({
      label: r.name || r.id,
      description: join('role', r.predefined_role ? 'predefined' : 'custom', r.description),
      text: [r.name, r.id, r.description, ...r.permissions],
    }),
  },
};

export const ORG_KIND_LIST = Object.keys(ORG_KINDS) as OrgKind[];

/** A row's id in the Organization view: `org/kind/itemId`. */
export const orgNodeId = (kind: OrgKind, itemId: string) => `org/${kind}/${itemId}`;

/**
 * Whether a redacted value (`sk-admin...wxyz`, the start and the end around a hidden middle) can be
 * this key: its start and end match. Compared, never stored.
 */
export function redactedMatches(redacted: string, key: string): boolean {
  const m = /^(.*?)\.{3,}(.*)$/.exec(redacted) ?? /^(.*?)\*{3,}(.*)$/.exec(redacted);
  if (!m) return false;
  const [, start, end] = m as unknown as [string, string, string];
  return start.length >= 3 && end.length >= 2 && key.length > start.length + end.length && key.startsWith(start) && key.endsWith(end);
}
