// Each write the plans send, with the patch its answer allows: the tree's cache and the index follow
// what the API returned, so no list is fetched again. Shared by the bulk changes and project files.
// A write whose answer is lost is never sent again: what happened is read back (as the tree's own
// commands do), a change found done is done (with a note), one found not done is refused.
import * as l10n from '@vscode/l10n';
import { collect, type Project, type ProjectServiceAccount, type ProjectServiceAccountCreateResponse, type ProjectUser, type RateLimitField } from '../client';
import type { Ctx } from '../kit/context';
import { keyOfUnreadable, showNewKey } from '../commands/members';
import { createdByName, gone, limitsSaved, LOST, present, settleWrite } from '../kit/outcome';

/** Said in a plan's outcome: why a change that is done needs a look (undefined: nothing to say). */
export type Note = string | undefined;

export interface Writer {
  createProject(name: string): Promise<Project>;
  renameProject(projectId: string, name: string): Promise<Note>;
  addMember(projectId: string, userId: string, role: string): Promise<Note>;
  changeRole(projectId: string, userId: string, role: string): Promise<Note>;
  /** Their keys in the project stop working: that list is marked stale, read again when next opened. */
  removeMember(projectId: string, userId: string): Promise<Note>;
  /** Its key is shown once, in the usual dialog. */
  createServiceAccount(projectId: string, name: string): Promise<Note>;
  deleteServiceAccount(projectId: string, id: string): Promise<Note>;
  updateLimits(projectId: string, rateLimitId: string, limits: Partial<Record<RateLimitField, number>>): Promise<Note>;
}

const note = (answered: unknown): Note => (answered === undefined ? LOST.trim() : undefined);

export function treeWrites(ctx: Ctx): Writer {
  return {
    async createProject(name) {
      const c = await ctx.client();
      const created = createdByName(name, () => collect((after) => c.listProjects({ limit: 100, after, includeArchived: true })), ctx.store.loadedProjects);
      const p = await settleWrite(ctx, l10n.t('creating the project "{0}"', name), () => c.createProject({ projectCreateRequest: { name } }), created.check);
      ctx.tree.projectChanged((p ?? created.found)!);
      return (p ?? created.found)!;
    },
    async renameProject(projectId, name) {
      const c = await ctx.client();
      let now: Project | undefined;
      const p = await settleWrite(
        ctx,
        l10n.t('renaming project {0} to "{1}"', projectId, name),
        () => c.modifyProject({ projectId, projectUpdateRequest: { name } }),
        () => present(async () => (now = await c.retrieveProject({ projectId })).name === name),
      );
      ctx.tree.projectChanged((p ?? now)!);
      return note(p);
    },
    async addMember(projectId, userId, role) {
      const c = await ctx.client();
      let now: ProjectUser | undefined;
      const added = await settleWrite(
        ctx,
        l10n.t('adding {0} to project {1}', userId, projectId),
        () => c.createProjectUser({ projectId, projectUserCreateRequest: { user_id: userId, role } }),
        () => present(async () => !!(now = await c.retrieveProjectUser({ projectId, userId }))),
      );
      const row = (added ?? now)!;
      ctx.tree.folderPatched(projectId, 'users', (us) => [...us.filter((u) => u.id !== row.id), row]);
      return note(added);
    },
    async changeRole(projectId, userId, role) {
      const c = await ctx.client();
      let now: ProjectUser | undefined;
      const changed = await settleWrite(
        ctx,
        l10n.t('changing the role of {0} in project {1} to {2}', userId, projectId, role),
        () => c.modifyProjectUser({ projectId, userId, projectUserUpdateRequest: { role } }),
        () => present(async () => (now = await c.retrieveProjectUser({ projectId, userId })).role === role),
      );
      const row = (changed ?? now)!;
      ctx.tree.folderPatched(projectId, 'users', (us) => us.map((u) => (u.id === row.id ? row : u)));
      return note(changed);
    },
    async removeMember(projectId, userId) {
      const c = await ctx.client();
      const removed = await settleWrite(
        ctx,
        l10n.t('removing {0} from project {1}', userId, projectId),
        () => c.deleteProjectUser({ projectId, userId }),
        () => gone(() => c.retrieveProjectUser({ projectId, userId })),
      );
      ctx.tree.folderPatched(projectId, 'users', (us) => us.filter((u) => u.id !== userId));
      ctx.tree.folderStale(projectId, 'apiKeys');
      return note(removed);
    },
    async createServiceAccount(projectId, name) {
      const c = await ctx.client();
      const created = createdByName(
        name,
        () => collect((after) => c.listProjectServiceAccounts({ projectId, limit: 100, after })),
        ctx.store.loaded(projectId, 'serviceAccounts'),
      );
      let unreadable: ProjectServiceAccountCreateResponse | undefined;
      const sa = await settleWrite(
        ctx,
        l10n.t('creating the service account "{0}"', name),
        () =>
          c.createProjectServiceAccount({ projectId, projectServiceAccountCreateRequest: { name } }).catch((e: unknown) => {
            unreadable = keyOfUnreadable(e, name);
            throw e;
          }),
        created.check,
      );
      const row: ProjectServiceAccount = sa
        ? { object: 'organization.project.service_account', id: sa.id, name: sa.name, role: sa.role, created_at: sa.created_at }
        : created.found!;
      ctx.tree.folderPatched(projectId, 'serviceAccounts', (ss) => [...ss.filter((s) => s.id !== row.id), row]);
      ctx.tree.folderStale(projectId, 'apiKeys');
      if (sa ?? unreadable) {
        await showNewKey(ctx, projectId, (sa ?? unreadable)!);
        return sa ? undefined : note(undefined);
      }
      // Created, but its key came only in the answer that was lost: it cannot be shown again.
      return l10n.t('created, but the answer with its key was lost on the way: delete it and create it again to get a key');
    },
    async deleteServiceAccount(projectId, id) {
      const c = await ctx.client();
      const deleted = await settleWrite(
        ctx,
        l10n.t('deleting the service account {0}', id),
        () => c.deleteProjectServiceAccount({ projectId, serviceAccountId: id }),
        () => gone(() => c.retrieveProjectServiceAccount({ projectId, serviceAccountId: id })),
      );
      ctx.tree.folderPatched(projectId, 'serviceAccounts', (ss) => ss.filter((s) => s.id !== id));
      ctx.tree.folderPatched(projectId, 'apiKeys', (ks) => ks.filter((k) => k.owner.service_account?.id !== id));
      return note(deleted);
    },
    async updateLimits(projectId, rateLimitId, limits) {
      const c = await ctx.client();
      const listed = limitsSaved(rateLimitId, limits, () => collect((after) => c.listProjectRateLimits({ projectId, limit: 100, after })));
      const saved = await settleWrite(
        ctx,
        l10n.t('saving the rate limit {0} of project {1}', rateLimitId, projectId),
        () => c.updateProjectRateLimits({ projectId, rateLimitId, projectRateLimitUpdateRequest: limits }),
        listed.check,
      );
      const row = (saved ?? listed.now)!;
      ctx.tree.folderPatched(projectId, 'rateLimits', (rs) => rs.map((r) => (r.id === row.id ? row : r)));
      return note(saved);
    },
  };
}
