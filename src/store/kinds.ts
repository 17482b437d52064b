// The kinds of things a project holds, one entry each: how the kind is listed, how its row reads, how
// it is found by search, where a project file keeps it, and which other lists a change to it touches.
// The tree, the index, search, triage, files and bulk read this table; a kind missing from it is a
// compile error (the table is typed over every kind), never a silent default.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import type { Page, Project, ProjectApiKey, ProjectGroup, ProjectRateLimit, ProjectServiceAccount, ProjectsClient, ProjectUser } from '../client';
import { ProjectGroup as ProjectGroupSchema } from '../client/accessSchemas';
import {
  ProjectApiKey as ApiKeySchema,
  ProjectRateLimit as RateLimitSchema,
  ProjectServiceAccount as AccountSchema,
  ProjectUser as UserSchema,
} from '../client/schemas';
import { day, keyOwner, rateLimitSummary, rateLimitTooltip } from '../shared/format';

/** What each kind's list holds. A new kind is a new line here and an entry in KINDS. */
export interface FolderItems {
  users: ProjectUser[];
  serviceAccounts: ProjectServiceAccount[];
  apiKeys: ProjectApiKey[];
  rateLimits: ProjectRateLimit[];
  groups: ProjectGroupRow[];
}

/** A group with access to a project, as the API lists it, with its group's id as the row's id (the API's item has none of its own). */
export type ProjectGroupRow = ProjectGroup & { id: string };
export const projectGroupRow = (g: ProjectGroup): ProjectGroupRow => ({ ...g, id: g.group_id });
export type FolderKind = keyof FolderItems;
export type ItemOf<K extends FolderKind> = FolderItems[K][number];

/** A row as plain data: the tree turns it into a TreeItem (the project's suffix added to `contextValue`). */
export interface RowLook {
  label: string;
  description?: string;
  tooltip: string;
  /** A codicon id. */
  icon: string;
  contextValue: string;
}

/** What search shows of an item and finds it by (`where` is the project's name). */
export interface SearchLook {
  label: string;
  description: string;
  /** The texts it is found by (lowercased and joined by the index). */
  text: (string | null | undefined)[];
}

export interface KindSpec<K extends FolderKind> {
  /** The folder's row under a project, and what an empty one says. */
  folder(): { label: string; icon: string; empty: string };
  /** "the users": a list of this kind in a sentence. */
  plural(): string;
  /** "the users of project proj_…": what a list that could not be read was. */
  subject(projectId: string): string;
  /** One page of a project's list (100 a page, the API's maximum). */
  page(c: ProjectsClient, projectId: string, after: string | undefined): Promise<Page<ItemOf<K>>>;
  /** One item's shape, for what is read back from disk (the index). */
  schema: z.ZodMiniType<ItemOf<K>>;
  row(item: ItemOf<K>): RowLook;
  search(item: ItemOf<K>, where: string): SearchLook;
  /** Where a project file keeps this kind (by email, by name, by model), or undefined: never in a file. */
  fileSection?: 'members' | 'serviceAccounts' | 'rateLimits';
  /**
   * The other lists of the project a change to this kind makes out of date, when the API's answer does
   * not say how: `reread` ones hold something new (read again if held), `stale` ones only changed
   * state (forgotten, read when next shown).
   */
  touches?: { reread?: FolderKind[]; stale?: FolderKind[] };
  /**
   * Read only when its own folder is opened (or the index asks), not with the project's other lists
   * when the project is expanded: a list most projects leave empty costs no request on every expand.
   */
  whenOpened?: true;
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');
const lines = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');

export const KINDS: { readonly [K in FolderKind]: KindSpec<K> } = {
  users: {
    folder: () => ({ label: l10n.t('Users'), icon: 'organization', empty: l10n.t('No users in this project.') }),
    plural: () => l10n.t('the users'),
    subject: (id) => l10n.t('the users of project {0}', id),
    page: (c, projectId, after) => c.listProjectUsers({ projectId, limit: 100, after }),
    schema: UserSchema,
    row: (u) => ({
      label: u.name || u.email || u.id,
      description: join(u.email, u.role),
      tooltip: lines(u.name, u.email, l10n.t('role: {0}', u.role), l10n.t('added {0}', day(u.added_at)), u.id),
      icon: u.role === 'owner' ? 'account' : 'person',
      contextValue: 'user',
    }),
    search: (u, where) => ({ label: u.name || u.email || u.id, description: join('user', u.email, `${u.role} in ${where}`), text: [u.name, u.email, u.id] }),
    fileSection: 'members',
    // Their keys in the project stop working; the keys are still listed.
    touches: { stale: ['apiKeys'] },
  },
  serviceAccounts: {
    folder: () => ({ label: l10n.t('Service accounts'), icon: 'robot', empty: l10n.t('No service accounts.') }),
    plural: () => l10n.t('the service accounts'),
    subject: (id) => l10n.t('the service accounts of project {0}', id),
    page: (c, projectId, after) => c.listProjectServiceAccounts({ projectId, limit: 100, after }),
    schema: AccountSchema,
    row: (s) => ({
      label: s.name,
      description: l10n.t('{0} · created {1}', s.role, day(s.created_at)),
      tooltip: lines(s.name, l10n.t('role: {0}', s.role), l10n.t('created {0}', day(s.created_at)), s.id),
      icon: 'robot',
      contextValue: 'serviceAccount',
    }),
    search: (s, where) => ({ label: s.name || s.id, description: join('service account', `${s.role} in ${where}`), text: [s.name, s.id] }),
    fileSection: 'serviceAccounts',
    // A new account comes with a key the answer describes only in part (no redacted value).
    touches: { reread: ['apiKeys'] },
  },
  apiKeys: {
    folder: () => ({ label: l10n.t('API keys'), icon: 'key', empty: l10n.t('No API keys.') }),
    plural: () => l10n.t('the API keys'),
    subject: (id) => l10n.t('the API keys of project {0}', id),
    page: (c, projectId, after) => c.listProjectApiKeys({ projectId, limit: 100, after }),
    schema: ApiKeySchema,
    row: (k) => ({
      // Every service account's key is called "Secret Key" by the API: the row says whose it is.
      label: k.owner.service_account ? l10n.t('{0}: {1}', k.owner.service_account.name || k.owner.service_account.id, k.name || k.id) : k.name || k.id,
      description: l10n.t('{0} · {1} · used {2}', k.redacted_value, keyOwner(k), day(k.last_used_at)),
      tooltip: lines(
        k.name || k.id,
        l10n.t('value: {0}', k.redacted_value),
        l10n.t('owner: {0}', keyOwner(k)),
        l10n.t('created {0}, last used {1}', day(k.created_at), day(k.last_used_at)),
        k.owner_project_access ? l10n.t("owner's project access: {0}", k.owner_project_access) : undefined,
        k.id,
      ),
      icon: 'key',
      // A service account's key can be replaced (a new one first) as well as deleted.
      contextValue: k.owner.service_account ? 'apiKey.serviceAccount' : 'apiKey',
    }),
    search: (k, where) => ({
      label: k.name || k.id,
      description: join('API key', k.redacted_value, `${keyOwner(k)} in ${where}`),
      text: [k.name, k.id, k.redacted_value, keyOwner(k)],
    }),
  },
  rateLimits: {
    folder: () => ({ label: l10n.t('Rate limits'), icon: 'dashboard', empty: l10n.t('No rate limits.') }),
    plural: () => l10n.t('the rate limits'),
    subject: (id) => l10n.t('the rate limits of project {0}', id),
    page: (c, projectId, after) => c.listProjectRateLimits({ projectId, limit: 100, after }),
    schema: RateLimitSchema,
    row: (r) => ({ label: r.model, description: rateLimitSummary(r), tooltip: rateLimitTooltip(r), icon: 'dashboard', contextValue: 'rateLimit' }),
    search: (r, where) => ({ label: r.model, description: join('model', `rate limits in ${where}`), text: [r.model] }),
    fileSection: 'rateLimits',
  },
  groups: {
    folder: () => ({ label: l10n.t('Groups'), icon: 'type-hierarchy', empty: l10n.t('No group has access to this project.') }),
    plural: () => l10n.t('the groups'),
    subject: (id) => l10n.t('the groups of project {0}', id),
    page: async (c, projectId, after) => {
      const page = await c.listProjectGroups({ projectId, limit: 100, after });
      return { ...page, data: page.data.map(projectGroupRow) };
    },
    schema: z.looseObject({ ...ProjectGroupSchema.shape, id: z.string() }),
    row: (g) => ({
      label: g.group_name || g.group_id,
      description: join(l10n.t('group'), g.created_at != null ? l10n.t('since {0}', day(g.created_at)) : undefined),
      tooltip: lines(
        g.group_name,
        l10n.t('Every member of the group has access to the project, with the roles the group holds in it.'),
        g.created_at != null ? l10n.t('access granted {0}', day(g.created_at)) : undefined,
        g.group_id,
      ),
      icon: 'type-hierarchy',
      contextValue: 'projectGroup',
    }),
    search: (g, where) => ({ label: g.group_name || g.group_id, description: join('group', `with access to ${where}`), text: [g.group_name, g.group_id] }),
    whenOpened: true,
  },
};

/** Every kind, in the order the tree shows its folders. */
export const FOLDER_KINDS = Object.keys(KINDS) as FolderKind[];
/** The kinds read together when a project is expanded. */
export const EXPAND_KINDS = FOLDER_KINDS.filter((k) => !KINDS[k].whenOpened);

/** The kinds a project file holds (a project's file section for each), in the table's order. */
export type FileKind = 'users' | 'serviceAccounts' | 'rateLimits';
export const FILE_KINDS = FOLDER_KINDS.filter((k) => KINDS[k].fileSection) as FileKind[];

/** A row's hierarchical id: `projectId/kind/itemId`. */
export const itemNodeId = (p: Pick<Project, 'id'>, kind: FolderKind, itemId: string) => `${p.id}/${kind}/${itemId}`;
