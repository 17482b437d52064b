// Each write the plans send, with the patch its answer allows: the tree's cache and the index follow
// what the API returned, so no list is fetched again. Shared by the bulk changes and project files.
import type { Project, ProjectServiceAccount, RateLimitField } from '../client';
import type { Ctx } from '../commands/context';
import { showNewKey } from '../commands/members';

export interface Writer {
  createProject(name: string): Promise<Project>;
  renameProject(projectId: string, name: string): Promise<void>;
  addMember(projectId: string, userId: string, role: string): Promise<void>;
  changeRole(projectId: string, userId: string, role: string): Promise<void>;
  /** Their keys in the project stop working: that list is marked stale, read again when next opened. */
  removeMember(projectId: string, userId: string): Promise<void>;
  /** Its key is shown once, in the usual dialog. */
  createServiceAccount(projectId: string, name: string): Promise<void>;
  deleteServiceAccount(projectId: string, id: string): Promise<void>;
  updateLimits(projectId: string, rateLimitId: string, limits: Partial<Record<RateLimitField, number>>): Promise<void>;
}

export function treeWrites(ctx: Ctx): Writer {
  return {
    async createProject(name) {
      const p = await (await ctx.client()).createProject({ projectCreateRequest: { name } });
      ctx.tree.projectChanged(p);
      return p;
    },
    async renameProject(projectId, name) {
      ctx.tree.projectChanged(await (await ctx.client()).modifyProject({ projectId, projectUpdateRequest: { name } }));
    },
    async addMember(projectId, userId, role) {
      const added = await (await ctx.client()).createProjectUser({ projectId, projectUserCreateRequest: { user_id: userId, role } });
      ctx.tree.folderPatched(projectId, 'users', (us) => [...us.filter((u) => u.id !== added.id), added]);
    },
    async changeRole(projectId, userId, role) {
      const changed = await (await ctx.client()).modifyProjectUser({ projectId, userId, projectUserUpdateRequest: { role } });
      ctx.tree.folderPatched(projectId, 'users', (us) => us.map((u) => (u.id === changed.id ? changed : u)));
    },
    async removeMember(projectId, userId) {
      await (await ctx.client()).deleteProjectUser({ projectId, userId });
      ctx.tree.folderPatched(projectId, 'users', (us) => us.filter((u) => u.id !== userId));
      ctx.tree.folderStale(projectId, 'apiKeys');
    },
    async createServiceAccount(projectId, name) {
      const sa = await (await ctx.client()).createProjectServiceAccount({ projectId, projectServiceAccountCreateRequest: { name } });
      const row: ProjectServiceAccount = { object: 'organization.project.service_account', id: sa.id, name: sa.name, role: sa.role, created_at: sa.created_at };
      ctx.tree.folderPatched(projectId, 'serviceAccounts', (ss) => [...ss, row]);
      ctx.tree.folderStale(projectId, 'apiKeys');
      await showNewKey(ctx, projectId, sa);
    },
    async deleteServiceAccount(projectId, id) {
      await (await ctx.client()).deleteProjectServiceAccount({ projectId, serviceAccountId: id });
      ctx.tree.folderPatched(projectId, 'serviceAccounts', (ss) => ss.filter((s) => s.id !== id));
      ctx.tree.folderPatched(projectId, 'apiKeys', (ks) => ks.filter((k) => k.owner.service_account?.id !== id));
    },
    async updateLimits(projectId, rateLimitId, limits) {
      const saved = await (await ctx.client()).updateProjectRateLimits({ projectId, rateLimitId, projectRateLimitUpdateRequest: limits });
      ctx.tree.folderPatched(projectId, 'rateLimits', (rs) => rs.map((r) => (r.id === saved.id ? saved : r)));
    },
  };
}
