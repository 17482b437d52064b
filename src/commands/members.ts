// Commands on a project's users, service accounts and API keys.
import * as vscode from 'vscode';
import {
  collect,
  type OrganizationUser,
  type Project,
  type ProjectApiKey,
  type ProjectServiceAccount,
  type ProjectServiceAccountCreateResponse,
  type ProjectUser,
} from '../client';
import { keyOwner } from '../tree/leaves';
import { isDefaultProject, projectName } from '../tree/projectInfo';
import { Cancelled, done, targetItem, targetProject, withViewProgress, type Ctx } from './context';
import { gone, LOST, present, settleWrite } from './outcome';

const ROLES = ['member', 'owner'] as const;
export const userLabel = (u: { name?: string | null; email?: string | null; id: string }) => u.name || u.email || u.id;

export async function pickRole(ctx: Ctx, title: string, current?: string): Promise<string> {
  const picked = await ctx.ui.pick(
    ROLES.map((r) => ({ label: r, description: r === current ? 'current' : r === 'owner' ? 'manages the project' : 'uses the project' })),
    { title, placeHolder: 'Role in the project' },
  );
  if (!picked) throw new Cancelled();
  return picked.label;
}

function noDefault(p: Project, what: string): void {
  if (isDefaultProject(p)) throw new Error(`${what}: the default project holds every organization member, with roles that follow the organization.`);
}

/** A new service account's key: shown once, in a dialog with Copy Key, and kept nowhere (not the log, not storage). */
export async function showNewKey(ctx: Ctx, projectId: string, sa: ProjectServiceAccountCreateResponse): Promise<void> {
  const key = sa.api_key?.value;
  ctx.log.info(`Service account ${sa.id} created in ${projectId}${key ? ' with a key (not logged)' : ''}.`);
  if (!key) {
    done(ctx, `Service account "${sa.name}" created (no key was returned).`);
    return;
  }
  const choice = await ctx.ui.modal(
    `Service account "${sa.name}" created. Copy its API key now: it is shown only this once and is not stored by VS Code.`,
    key,
    'Copy Key',
  );
  if (choice === 'Copy Key') {
    await vscode.env.clipboard.writeText(key);
    done(ctx, 'Key copied to the clipboard.');
  }
}

export function memberCommands(ctx: Ctx) {
  return {
    async addUser(node?: unknown, userId?: unknown, role?: unknown): Promise<void> {
      const p = await targetProject(ctx, node, { forChange: true, title: 'Add a user to which project?' });
      noDefault(p, 'Users cannot be added to the default project');
      const c = await ctx.client();
      let user: { id: string; label: string };
      if (typeof userId === 'string') {
        user = { id: userId, label: userId };
      } else {
        const [members, org] = await withViewProgress('Loading the organization’s members…', () =>
          Promise.all([ctx.store.folder(p.id, 'users'), collect((after) => c.listOrganizationUsers({ limit: 100, after }))]),
        );
        const inProject = new Set(members.map((m) => m.id));
        const candidates = org.filter((u) => !inProject.has(u.id));
        if (!candidates.length) throw new Error(`Every organization member is already in "${projectName(p)}".`);
        const picked = await ctx.ui.pick(
          candidates.map((u: OrganizationUser) => ({
            label: userLabel(u),
            description: u.email ?? undefined,
            detail: `organization ${u.role ?? 'member'} · ${u.id}`,
            u,
          })),
          { title: `Add to "${projectName(p)}"`, placeHolder: 'Search by name or email', matchOnDescription: true, matchOnDetail: true },
        );
        if (!picked) throw new Cancelled();
        user = { id: picked.u.id, label: userLabel(picked.u) };
      }
      const r = typeof role === 'string' ? role : await pickRole(ctx, `Role of ${user.label} in "${projectName(p)}"`);
      const added = await ctx.tree.withNodeProgress(p.id, `adding ${user.label}…`, () =>
        settleWrite(
          ctx,
          `adding ${user.label} to "${projectName(p)}"`,
          () => c.createProjectUser({ projectId: p.id, projectUserCreateRequest: { user_id: user.id, role: r } }),
          () => present(async () => !!(await c.retrieveProjectUser({ projectId: p.id, userId: user.id }))),
        ),
      );
      if (added) ctx.tree.folderPatched(p.id, 'users', (users) => [...users.filter((x) => x.id !== added.id), added]);
      else ctx.tree.folderChanged(p.id, 'users');
      done(ctx, `${user.label} added to "${projectName(p)}" as ${r}.${added ? '' : LOST}`);
    },

    async changeUserRole(node?: unknown, role?: unknown): Promise<void> {
      const { project: p, item: u } = await targetItem(ctx, node, 'users', {
        forChange: true,
        title: 'Change whose role?',
        label: userLabel,
        detail: (u: ProjectUser) => `${u.email ?? ''} · ${u.role}`,
      });
      noDefault(p, 'Roles in the default project cannot be changed here');
      const r = typeof role === 'string' ? role : await pickRole(ctx, `New role of ${userLabel(u)} in "${projectName(p)}"`, u.role);
      if (r === u.role) return;
      const c = await ctx.client();
      const changed = await ctx.tree.withNodeProgress(`${p.id}/users/${u.id}`, 'changing role…', () =>
        settleWrite(
          ctx,
          `changing ${userLabel(u)}’s role to ${r}`,
          () => c.modifyProjectUser({ projectId: p.id, userId: u.id, projectUserUpdateRequest: { role: r } }),
          () => present(async () => (await c.retrieveProjectUser({ projectId: p.id, userId: u.id })).role === r),
        ),
      );
      if (changed) ctx.tree.folderPatched(p.id, 'users', (users) => users.map((x) => (x.id === changed.id ? changed : x)));
      else ctx.tree.folderChanged(p.id, 'users');
      done(ctx, `${userLabel(u)} is now ${r} in "${projectName(p)}".${changed ? '' : LOST}`);
    },

    async removeUser(node?: unknown): Promise<void> {
      const { project: p, item: u } = await targetItem(ctx, node, 'users', {
        forChange: true,
        title: 'Remove whom?',
        label: userLabel,
        detail: (u: ProjectUser) => `${u.email ?? ''} · ${u.role}`,
      });
      noDefault(p, 'Users cannot be removed from the default project');
      if (
        !(await ctx.ui.confirm(
          `Remove ${userLabel(u)} from "${projectName(p)}"?`,
          'Their API keys for this project stop working. They stay in the organization.',
          'Remove',
        ))
      )
        return;
      const c = await ctx.client();
      const removed = await ctx.tree.withNodeProgress(`${p.id}/users/${u.id}`, 'removing…', () =>
        settleWrite(
          ctx,
          `removing ${userLabel(u)} from "${projectName(p)}"`,
          () => c.deleteProjectUser({ projectId: p.id, userId: u.id }),
          () => gone(() => c.retrieveProjectUser({ projectId: p.id, userId: u.id })),
        ),
      );
      ctx.tree.folderChanged(p.id, 'users');
      ctx.tree.folderChanged(p.id, 'apiKeys');
      done(ctx, `${userLabel(u)} removed from "${projectName(p)}".${removed ? '' : LOST}`);
    },

    async createServiceAccount(node?: unknown, name?: unknown): Promise<string | undefined> {
      const p = await targetProject(ctx, node, { forChange: true, title: 'Create a service account in which project?' });
      noDefault(p, 'Service accounts cannot be created in the default project');
      const n =
        typeof name === 'string'
          ? name
          : await ctx.ui.input({
              title: `New service account in "${projectName(p)}"`,
              prompt: 'A name that says what uses it, e.g. "ci-deploy".',
              validateInput: (v) => (v.trim() ? (v.trim().length > 128 ? 'At most 128 characters.' : undefined) : 'A service account needs a name.'),
              ignoreFocusOut: true,
            });
      if (n === undefined) throw new Cancelled();
      if (!n.trim()) throw new Error('A service account needs a name.');
      const c = await ctx.client();
      const since = Math.floor(Date.now() / 1000) - 5;
      let found: ProjectServiceAccount | undefined;
      const sa = await ctx.tree.withNodeProgress(p.id, `creating "${n.trim()}"…`, () =>
        settleWrite(
          ctx,
          `creating the service account "${n.trim()}"`,
          () => c.createProjectServiceAccount({ projectId: p.id, projectServiceAccountCreateRequest: { name: n.trim() } }),
          () =>
            present(
              async () =>
                !!(found = (await collect((after) => c.listProjectServiceAccounts({ projectId: p.id, limit: 100, after }))).find(
                  (x) => x.name === n.trim() && x.created_at >= since,
                )),
            ),
        ),
      );
      ctx.tree.folderChanged(p.id, 'serviceAccounts');
      ctx.tree.folderChanged(p.id, 'apiKeys');
      if (!sa) {
        // Created, but its key came only in the answer that was lost: it cannot be shown again.
        const message = `Service account "${n.trim()}" was created, but the answer with its key was lost on the way, and the key cannot be shown again. Delete the service account and create it again to get a key.`;
        ctx.log.warn(message);
        void ctx.ui.notify('warning', message);
        return found?.id;
      }
      await showNewKey(ctx, p.id, sa);
      return sa.id;
    },

    async deleteServiceAccount(node?: unknown): Promise<void> {
      const { project: p, item: sa } = await targetItem(ctx, node, 'serviceAccounts', {
        forChange: true,
        title: 'Delete which service account?',
        label: (s: ProjectServiceAccount) => s.name,
        detail: (s) => s.id,
      });
      if (
        !(await ctx.ui.confirm(
          `Delete the service account "${sa.name}" from "${projectName(p)}"?`,
          'Its API keys stop working at once. This cannot be undone.',
          'Delete',
        ))
      )
        return;
      const c = await ctx.client();
      const deleted = await ctx.tree.withNodeProgress(`${p.id}/serviceAccounts/${sa.id}`, 'deleting…', () =>
        settleWrite(
          ctx,
          `deleting the service account "${sa.name}"`,
          () => c.deleteProjectServiceAccount({ projectId: p.id, serviceAccountId: sa.id }),
          () => gone(() => c.retrieveProjectServiceAccount({ projectId: p.id, serviceAccountId: sa.id })),
        ),
      );
      ctx.tree.folderChanged(p.id, 'serviceAccounts');
      ctx.tree.folderChanged(p.id, 'apiKeys');
      done(ctx, `Service account "${sa.name}" deleted.${deleted ? '' : LOST}`);
    },

    async deleteApiKey(node?: unknown): Promise<void> {
      const { project: p, item: k } = await targetItem(ctx, node, 'apiKeys', {
        forChange: true,
        title: 'Delete which API key?',
        label: (k: ProjectApiKey) => k.name || k.id,
        detail: (k) => `${k.redacted_value} · ${keyOwner(k)}`,
      });
      if (k.owner.service_account)
        throw new Error(`"${k.name || k.id}" belongs to the service account ${keyOwner(k)}: delete the service account to revoke it.`);
      const ok = await ctx.ui.confirm(
        `Delete the API key "${k.name || k.id}" (${k.redacted_value}) owned by ${keyOwner(k)}?`,
        `Anything using it in "${projectName(p)}" stops working at once. This cannot be undone.`,
        'Delete Key',
      );
      if (!ok) return;
      const c = await ctx.client();
      const deleted = await ctx.tree.withNodeProgress(`${p.id}/apiKeys/${k.id}`, 'deleting…', () =>
        settleWrite(
          ctx,
          `deleting the API key "${k.name || k.id}"`,
          () => c.deleteProjectApiKey({ projectId: p.id, keyId: k.id }),
          () => gone(() => c.retrieveProjectApiKey({ projectId: p.id, keyId: k.id })),
        ),
      );
      ctx.tree.folderPatched(p.id, 'apiKeys', (keys) => keys.filter((x) => x.id !== k.id));
      done(ctx, `API key "${k.name || k.id}" deleted.${deleted ? '' : LOST}`);
    },

    async copyApiKeyId(node?: unknown): Promise<void> {
      const { item: k } = await targetItem(ctx, node, 'apiKeys', {
        forChange: false,
        title: 'Copy the ID of which key?',
        label: (k: ProjectApiKey) => k.name || k.id,
        detail: (k) => k.redacted_value,
      });
      await vscode.env.clipboard.writeText(k.id);
      vscode.window.setStatusBarMessage(`Copied ${k.id}`, 3000);
    },
  };
}
