// Every write the extension sends, in one place: tree commands, bulk plans, project files and the
// rate-limit form all come here. Each write is sent once; an answer lost on the way is settled by
// reading back what happened (never by sending it again); the store is then told what the answer (or
// the read-back) says, and its cache policy does the rest.
import * as l10n from '@vscode/l10n';
import {
  collect,
  ProjectsApiError,
  type AdminApiKey,
  type AdminApiKeyCreated,
  type Invite,
  type InviteRequest,
  type OrganizationUser,
  type Project,
  type ProjectRateLimit,
  type ProjectServiceAccount,
  type ProjectServiceAccountCreateResponse,
  type ProjectsClient,
  type ProjectUser,
  type RateLimitField,
} from '../client';
import { createdByName, gone, limitsSaved, present, settleWrite, type WriteLog, type Written } from './outcome';
import { isDefaultProject } from '../shared/projectInfo';
import type { OrgStore } from './store';
import { PolicyWrites } from './policyWriter';
import { AccessWrites } from './accessWriter';

/** What a write did. `lost`: its answer was lost on the way, and reading it back showed it done. */
export type { Written } from './outcome';

/** A new service account: its row, its key if one came back (shown once, kept nowhere), and whether the answer was lost. */
export interface NewAccount {
  account: ProjectServiceAccount;
  /** Undefined when the key came only in an answer that was lost: it cannot be shown again. */
  key?: ProjectServiceAccountCreateResponse;
  lost: boolean;
}

export type Limits = Partial<Record<RateLimitField, number>>;

/**
 * A new service account's answer that failed the shape check but carries its key: the account was
 * created, and its key exists only in this answer, so it is kept to be shown once like any other.
 */
export function keyOfUnreadable(e: unknown, name: string): ProjectServiceAccountCreateResponse | undefined {
  if (!(e instanceof ProjectsApiError) || e.kind !== 'invalid_response' || !e.answer || typeof e.answer !== 'object') return undefined;
  const a = e.answer as { id?: unknown; name?: unknown; api_key?: { value?: unknown } | null };
  const value = a.api_key && typeof a.api_key === 'object' ? a.api_key.value : undefined;
  if (typeof value !== 'string' || !value.startsWith('sk-')) return undefined;
  return {
    object: 'organization.project.service_account',
    id: typeof a.id === 'string' ? a.id : '',
    name: typeof a.name === 'string' ? a.name : name,
    role: 'member',
    created_at: 0,
    api_key: { object: 'organization.project.service_account.api_key', value, name: '', created_at: 0, id: '' },
  };
}

const written = <T>(answered: T | undefined, readBack: T | undefined): Written<T> => ({ value: (answered ?? readBack)!, lost: answered === undefined });

/** `what`, where a write takes it, is how the log and a failure name it ("renaming "Mobile App" to …"); each has a plain default. */
export class OrgWriter {
  /** A project's and the organization's policy, and the service-account and key changes beside it. */
  readonly policy: PolicyWrites;
  /** Groups, their members, and their access to projects. */
  readonly access: AccessWrites;

  constructor(
    private readonly client: () => Promise<ProjectsClient>,
    private readonly store: OrgStore,
    private readonly log: WriteLog,
  ) {
    this.policy = new PolicyWrites(client, store, log);
    this.access = new AccessWrites(client, store, log);
  }

  private settle<T>(what: string, write: () => Promise<T>, check: Parameters<typeof settleWrite>[3]): Promise<T | undefined> {
    return settleWrite({ log: this.log }, what, write, check);
  }

  async createProject(name: string): Promise<Written<Project>> {
    const c = await this.client();
    const created = createdByName(name, () => collect((after) => c.listProjects({ limit: 100, after, includeArchived: true })), this.store.loadedProjects);
    const p = await this.settle(l10n.t('creating the project "{0}"', name), () => c.createProject({ projectCreateRequest: { name } }), created.check);
    const w = written(p, created.found);
    this.store.projectWritten(w.value);
    return w;
  }

  async renameProject(projectId: string, name: string, what = l10n.t('renaming project {0} to "{1}"', projectId, name)): Promise<Written<Project>> {
    const c = await this.client();
    let now: Project | undefined;
    const p = await this.settle(
      what,
      () => c.modifyProject({ projectId, projectUpdateRequest: { name } }),
      () => present(async () => (now = await c.retrieveProject({ projectId })).name === name),
    );
    const w = written(p, now);
    this.store.projectWritten(w.value);
    return w;
  }

  async archiveProject(projectId: string, what = l10n.t('archiving project {0}', projectId)): Promise<Written<Project>> {
    const c = await this.client();
    let now: Project | undefined;
    const p = await this.settle(
      what,
      () => c.archiveProject({ projectId }),
      () => present(async () => (now = await c.retrieveProject({ projectId })).status === 'archived'),
    );
    const w = written(p, now);
    this.store.projectWritten(w.value);
    return w;
  }

  async addMember(
    projectId: string,
    userId: string,
    role: string,
    what = l10n.t('adding {0} to project {1}', userId, projectId),
  ): Promise<Written<ProjectUser>> {
    const c = await this.client();
    let now: ProjectUser | undefined;
    const added = await this.settle(
      what,
      () => c.createProjectUser({ projectId, projectUserCreateRequest: { user_id: userId, role } }),
      () => present(async () => !!(now = await c.retrieveProjectUser({ projectId, userId }))),
    );
    const w = written(added, now);
    this.store.written(projectId, 'users', (us) => [...us.filter((u) => u.id !== w.value.id), w.value]);
    return w;
  }

  async changeRole(
    projectId: string,
    userId: string,
    role: string,
    what = l10n.t('changing the role of {0} in project {1} to {2}', userId, projectId, role),
  ): Promise<Written<ProjectUser>> {
    const c = await this.client();
    let now: ProjectUser | undefined;
    const changed = await this.settle(
      what,
      () => c.modifyProjectUser({ projectId, userId, projectUserUpdateRequest: { role } }),
      () => present(async () => (now = await c.retrieveProjectUser({ projectId, userId })).role === role),
    );
    const w = written(changed, now);
    this.store.written(projectId, 'users', (us) => us.map((u) => (u.id === w.value.id ? w.value : u)));
    return w;
  }

  async removeMember(projectId: string, userId: string, what = l10n.t('removing {0} from project {1}', userId, projectId)): Promise<Written<string>> {
    const c = await this.client();
    const removed = await this.settle(
      what,
      () => c.deleteProjectUser({ projectId, userId }),
      () => gone(() => c.retrieveProjectUser({ projectId, userId })),
    );
    this.store.written(projectId, 'users', (us) => us.filter((u) => u.id !== userId));
    this.store.touched(projectId, 'users');
    return { value: userId, lost: removed === undefined };
  }

  async createServiceAccount(projectId: string, name: string): Promise<NewAccount> {
    const c = await this.client();
    const created = createdByName(
      name,
      () => collect((after) => c.listProjectServiceAccounts({ projectId, limit: 100, after })),
      this.store.loaded(projectId, 'serviceAccounts'),
    );
    let unreadable: ProjectServiceAccountCreateResponse | undefined;
    const sa = await this.settle(
      l10n.t('creating the service account "{0}"', name),
      () =>
        c.createProjectServiceAccount({ projectId, projectServiceAccountCreateRequest: { name } }).catch((e: unknown) => {
          unreadable = keyOfUnreadable(e, name);
          throw e;
        }),
      created.check,
    );
    const account: ProjectServiceAccount = sa
      ? { object: 'organization.project.service_account', id: sa.id, name: sa.name, role: sa.role, created_at: sa.created_at }
      : created.found!;
    this.store.written(projectId, 'serviceAccounts', (ss) => [...ss.filter((s) => s.id !== account.id), account]);
    this.store.touched(projectId, 'serviceAccounts');
    const key = sa ?? (unreadable && { ...unreadable, id: unreadable.id || account.id });
    return { account, key, lost: !sa };
  }

  async deleteServiceAccount(projectId: string, id: string, what = l10n.t('deleting the service account {0}', id)): Promise<Written<string>> {
    const c = await this.client();
    const deleted = await this.settle(
      what,
      () => c.deleteProjectServiceAccount({ projectId, serviceAccountId: id }),
      () => gone(() => c.retrieveProjectServiceAccount({ projectId, serviceAccountId: id })),
    );
    // Its keys go with it: the answer says exactly what left both lists.
    this.store.written(projectId, 'serviceAccounts', (ss) => ss.filter((s) => s.id !== id));
    this.store.written(projectId, 'apiKeys', (ks) => ks.filter((k) => k.owner.service_account?.id !== id));
    return { value: id, lost: deleted === undefined };
  }

  async deleteApiKey(projectId: string, keyId: string, what = l10n.t('deleting the API key {0}', keyId)): Promise<Written<string>> {
    const c = await this.client();
    const deleted = await this.settle(
      what,
      () => c.deleteProjectApiKey({ projectId, keyId }),
      () => gone(() => c.retrieveProjectApiKey({ projectId, keyId })),
    );
    this.store.written(projectId, 'apiKeys', (ks) => ks.filter((k) => k.id !== keyId));
    return { value: keyId, lost: deleted === undefined };
  }

  async updateLimits(
    projectId: string,
    rateLimitId: string,
    limits: Limits,
    what = l10n.t('saving the rate limit {0} of project {1}', rateLimitId, projectId),
  ): Promise<Written<ProjectRateLimit>> {
    const c = await this.client();
    const listed = limitsSaved(rateLimitId, limits, () => collect((after) => c.listProjectRateLimits({ projectId, limit: 100, after })));
    const saved = await this.settle(what, () => c.updateProjectRateLimits({ projectId, rateLimitId, projectRateLimitUpdateRequest: limits }), listed.check);
    const w = written(saved, listed.now);
    this.store.written(projectId, 'rateLimits', (rs) => rs.map((r) => (r.id === w.value.id ? w.value : r)));
    return w;
  }

  // The organization's own lists: members, invites, admin keys.

  async invite(request: InviteRequest, what = l10n.t('inviting {0}', request.email)): Promise<Written<Invite>> {
    const c = await this.client();
    const email = request.email.trim().toLowerCase();
    const before = new Set((this.store.orgLoaded('invites') ?? []).map((i) => i.id));
    let found: Invite | undefined;
    const sent = await this.settle(
      what,
      () => c.createInvite({ inviteRequest: request }),
      () =>
        present(
          async () =>
            !!(found = (await collect((after) => c.listInvites({ limit: 100, after }))).find(
              (i) => i.email.toLowerCase() === email && i.status === 'pending' && !before.has(i.id),
            )),
        ),
    );
    const w = written(sent, found);
    this.store.orgWritten('invites', (is) => [...is.filter((i) => i.id !== w.value.id), w.value]);
    return w;
  }

  async cancelInvite(inviteId: string, what = l10n.t('cancelling the invite {0}', inviteId)): Promise<Written<string>> {
    const c = await this.client();
    const deleted = await this.settle(
      what,
      () => c.deleteInvite({ inviteId }),
      () => gone(() => c.retrieveInvite({ inviteId })),
    );
    this.store.orgWritten('invites', (is) => is.filter((i) => i.id !== inviteId));
    return { value: inviteId, lost: deleted === undefined };
  }

  async changeOrgRole(
    userId: string,
    role: string,
    what = l10n.t('changing the organization role of {0} to {1}', userId, role),
  ): Promise<Written<OrganizationUser>> {
    const c = await this.client();
    let now: OrganizationUser | undefined;
    const changed = await this.settle(
      what,
      () => c.modifyOrganizationUser({ userId, userRoleUpdateRequest: { role } }),
      () => present(async () => (now = await c.retrieveOrganizationUser({ userId })).role === role),
    );
    const w = written(changed, now);
    this.store.orgWritten('members', (us) => us.map((u) => (u.id === userId ? w.value : u)));
    // The default project's roles follow the organization's.
    for (const p of (this.store.loadedProjects ?? []).filter(isDefaultProject)) this.store.stale(p.id, 'users');
    return w;
  }

  /** Out of the organization, and so out of every project: their memberships and keys go from every list held. */
  async removeFromOrganization(userId: string, what = l10n.t('removing {0} from the organization', userId)): Promise<Written<string>> {
    const c = await this.client();
    const removed = await this.settle(
      what,
      () => c.deleteOrganizationUser({ userId }),
      () => gone(() => c.retrieveOrganizationUser({ userId })),
    );
    this.store.orgWritten('members', (us) => us.filter((u) => u.id !== userId));
    for (const p of this.store.loadedProjects ?? []) {
      this.store.written(p.id, 'users', (us) => us.filter((u) => u.id !== userId));
      this.store.written(p.id, 'apiKeys', (ks) => ks.filter((k) => k.owner.user?.id !== userId));
    }
    // Admin keys they owned stop working; which ones, only the list says.
    this.store.orgStale('adminKeys');
    return { value: userId, lost: removed === undefined };
  }

  /** A new admin key: its value comes only in the answer (shown once, kept nowhere); `key` is undefined when that answer was lost. */
  async createAdminKey(name: string, expiresInSeconds: number | undefined): Promise<{ row: AdminApiKey; key?: AdminApiKeyCreated; lost: boolean }> {
    const c = await this.client();
    const created = createdByName(name, () => collect((after) => c.listAdminApiKeys({ limit: 100, after })), this.store.orgLoaded('adminKeys'));
    const made = await this.settle(
      l10n.t('creating the admin key "{0}"', name),
      () => c.createAdminApiKey({ adminApiKeyCreateRequest: { name, ...(expiresInSeconds ? { expires_in_seconds: expiresInSeconds } : {}) } }),
      created.check,
    );
    const row: AdminApiKey = made ? withoutValue(made) : created.found!;
    this.store.orgWritten('adminKeys', (ks) => [...ks.filter((k) => k.id !== row.id), row]);
    return { row, key: made, lost: !made };
  }

  async deleteAdminKey(keyId: string, what = l10n.t('deleting the admin key {0}', keyId)): Promise<Written<string>> {
    const c = await this.client();
    const deleted = await this.settle(
      what,
      () => c.deleteAdminApiKey({ keyId }),
      () => gone(() => c.retrieveAdminApiKey({ keyId })),
    );
    this.store.orgWritten('adminKeys', (ks) => ks.filter((k) => k.id !== keyId));
    return { value: keyId, lost: deleted === undefined };
  }
}

/** The row of a new admin key: everything but its value, which is never kept. */
function withoutValue(k: AdminApiKeyCreated): AdminApiKey {
  const { value: _value, ...row } = k;
  return row;
}
