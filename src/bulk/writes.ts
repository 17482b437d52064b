// The writes a plan's changes run, in the words a plan's outcome uses: each goes through the one
// writer (src/store/writer.ts), which sends it once, settles a lost answer by reading back, and tells
// the store. Shared by the bulk changes and project files.
import * as l10n from '@vscode/l10n';
import type { Project } from '../client';
import type { Ctx } from '../kit/context';
import { showNewKey } from '../commands/members';
import { LOST } from '../store/outcome';
import type { Limits, Written } from '../store/writer';
import { holds } from '../files/policyFile';
import { writeSection } from '../settings/save';
import { loadedOf } from '../settings/sections';
import type { Draft, Loaded, Section, Wanted } from '../webview/settingsProtocol';

/** Said in a plan's outcome: why a change that is done needs a look (undefined: nothing to say). */
export type Note = string | undefined;

export interface Writer {
  createProject(name: string): Promise<Project>;
  renameProject(projectId: string, name: string): Promise<Note>;
  addMember(projectId: string, userId: string, role: string): Promise<Note>;
  changeRole(projectId: string, userId: string, role: string): Promise<Note>;
  removeMember(projectId: string, userId: string): Promise<Note>;
  /** Its key is shown once, in the usual dialog. */
  createServiceAccount(projectId: string, name: string): Promise<Note>;
  deleteServiceAccount(projectId: string, id: string): Promise<Note>;
  serviceAccountRole(projectId: string, id: string, role: 'member' | 'owner'): Promise<Note>;
  updateLimits(projectId: string, rateLimitId: string, limits: Limits): Promise<Note>;
  /** A policy section as a file asks, from what the server holds when it runs (read then, fresh). */
  policySection<S extends Section>(projectId: string, section: S, want: Wanted[S]): Promise<Note>;
  grantGroup(projectId: string, groupId: string, roleId: string): Promise<Note>;
  revokeGroup(projectId: string, groupId: string): Promise<Note>;
  assignRole(projectId: string, who: { type: 'user' | 'group'; id: string }, roleId: string): Promise<Note>;
  unassignRole(projectId: string, who: { type: 'user' | 'group'; id: string }, roleId: string): Promise<Note>;
}

const note = (w: Written<unknown>): Note => (w.lost ? LOST.trim() : undefined);

export function planWrites(ctx: Ctx): Writer {
  const writer = ctx.writer;
  return {
    createProject: async (name) => (await writer.createProject(name)).value,
    renameProject: async (projectId, name) => note(await writer.renameProject(projectId, name)),
    addMember: async (projectId, userId, role) => note(await writer.addMember(projectId, userId, role)),
    changeRole: async (projectId, userId, role) => note(await writer.changeRole(projectId, userId, role)),
    removeMember: async (projectId, userId) => note(await writer.removeMember(projectId, userId)),
    async createServiceAccount(projectId, name) {
      const made = await writer.createServiceAccount(projectId, name);
      // Created, but its key came only in the answer that was lost: it cannot be shown again.
      if (!made.key) return l10n.t('created, but the answer with its key was lost on the way: delete it and create it again to get a key');
      await showNewKey(ctx, projectId, made.key);
      return made.lost ? LOST.trim() : undefined;
    },
    deleteServiceAccount: async (projectId, id) => note(await writer.deleteServiceAccount(projectId, id)),
    serviceAccountRole: async (projectId, id, role) => note(await writer.policy.updateServiceAccount(projectId, id, { role })),
    updateLimits: async (projectId, rateLimitId, limits) => note(await writer.updateLimits(projectId, rateLimitId, limits)),
    grantGroup: async (projectId, groupId, roleId) => note(await writer.access.grantGroup(projectId, groupId, roleId)),
    revokeGroup: async (projectId, groupId) => note(await writer.access.revokeGroup(projectId, groupId)),
    assignRole: async (projectId, who, roleId) =>
      note(await writer.access.roles.assign({ ...who, projectId }, roleId, l10n.t('giving {0} the role {1} in project {2}', who.id, roleId, projectId))),
    unassignRole: async (projectId, who, roleId) =>
      note(await writer.access.roles.unassign({ ...who, projectId }, roleId, l10n.t('taking the role {0} from {1} in project {2}', roleId, who.id, projectId))),
    async policySection(projectId, section, want) {
      const scope = { projectId };
      const now = loadedOf(section, await ctx.store.facet(scope, section, true));
      if (holds(section, want, now)) return l10n.t('already so (changed meanwhile)');
      let w: Wanted[Section] = want;
      if (section === 'spendAlerts') {
        // A file names alerts by amount: one the project has at that amount is changed, not made again.
        const held = (now as Loaded['spendAlerts']).alerts;
        w = { alerts: (want as Wanted['spendAlerts']).alerts.map((a) => ({ ...a, id: held.find((h) => h.cents === a.cents)?.id })) };
      }
      const draft = {
        alerts:
          section === 'spendAlerts'
            ? (w as Wanted['spendAlerts']).alerts.map((a) => ({ id: a.id, amount: String(a.cents / 100), recipients: a.recipients.join(', ') }))
            : [],
      };
      await writeSection(ctx, scope, section, w as Wanted[typeof section], now, draft as unknown as Draft[typeof section]);
      return undefined;
    },
  };
}
