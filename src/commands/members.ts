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
import { isDefaultProject, projectName } from '../shared/projectInfo';
import { Cancelled, confirmPassed, done, targetItem, targetProject, withViewProgress, type Ctx } from '../kit/context';
import { itemNodeId } from '../store/kinds';
import { iconless } from '../kit/ui';
import { nameProblem } from '../shared/rules';

const ROLES = ['member', 'owner'] as const;
/** How a key is offered in a pick: its name (or id), its redacted value and owner. */
export const keyPick = { label: (k: ProjectApiKey) => k.name || k.id, detail: (k: ProjectApiKey) => `${k.redacted_value} · ${keyOwner(k)}` };
export const userLabel = (u: { name?: string | null; email?: string | null; id: string }) => u.name || u.email || u.id;

export async function pickRole(ctx: Ctx, title: string, current?: string): Promise<string> {
  const picked = await ctx.ui.pick(
    ROLES.map((r) => ({
      label: r,
      description: r === current ? 'current' : r === 'owner' ? vscode.l10n.t('manages the project') : vscode.l10n.t('uses the project'),
    })),
    { title, placeHolder: vscode.l10n.t('Role in the project') },
  );
  if (!picked) throw new Cancelled();
  return picked.label;
}

function noDefault(p: Project, what: string): void {
  if (isDefaultProject(p))
    throw new Error(vscode.l10n.t('{0}: the default project holds every organization member, with roles that follow the organization.', what));
}

/** A key's value: shown once, in a dialog with Copy Key, and kept nowhere (not the log, not storage). */
export async function showKeyOnce(ctx: Ctx, message: string, key: string): Promise<void> {
  const copy = vscode.l10n.t('Copy Key');
  if ((await ctx.ui.modal(message, key, copy)) === copy) {
    await vscode.env.clipboard.writeText(key);
    done(ctx, vscode.l10n.t('Key copied to the clipboard.'));
  }
}

/** A new service account's key, shown once. */
export async function showNewKey(ctx: Ctx, projectId: string, sa: ProjectServiceAccountCreateResponse): Promise<void> {
  const key = sa.api_key?.value;
  ctx.log.info(`Service account ${sa.id} created in ${projectId}${key ? ' with a key (not logged)' : ''}.`);
  if (!key) {
    done(ctx, vscode.l10n.t('Service account "{0}" created (no key was returned).', sa.name), { unusual: true });
    return;
  }
  await showKeyOnce(
    ctx,
    vscode.l10n.t('Service account "{0}" created. Copy its API key now: it is shown only this once and is not stored by VS Code.', sa.name),
    key,
  );
}

export function memberCommands(ctx: Ctx) {
  return {
    async addUser(node?: unknown, userId?: unknown, role?: unknown): Promise<void> {
      const p = await targetProject(ctx, node, { forChange: true, title: vscode.l10n.t('Add a user to which project?') });
      noDefault(p, vscode.l10n.t('Users cannot be added to the default project'));
      const c = await ctx.client();
      let user: { id: string; label: string };
      if (typeof userId === 'string') {
        user = { id: userId, label: userId };
      } else {
        const [members, org] = await withViewProgress(vscode.l10n.t('Loading the organization’s members…'), () =>
          Promise.all([ctx.store.folder(p.id, 'users'), collect((after) => c.listOrganizationUsers({ limit: 100, after }))]),
        );
        const inProject = new Set(members.map((m) => m.id));
        const candidates = org.filter((u) => !inProject.has(u.id));
        if (!candidates.length) throw new Error(vscode.l10n.t('Every organization member is already in "{0}".', projectName(p)));
        const picked = await ctx.ui.pick(
          candidates.map((u: OrganizationUser) => ({
            label: iconless(userLabel(u)),
            description: u.email ?? undefined,
            detail: vscode.l10n.t('organization {0} · {1}', u.role ?? 'member', u.id),
            u,
          })),
          {
            title: vscode.l10n.t('Add to "{0}"', projectName(p)),
            placeHolder: vscode.l10n.t('Search by name or email'),
            matchOnDescription: true,
            matchOnDetail: true,
          },
        );
        if (!picked) throw new Cancelled();
        user = { id: picked.u.id, label: userLabel(picked.u) };
      }
      const r = typeof role === 'string' ? role : await pickRole(ctx, vscode.l10n.t('Role of {0} in "{1}"', user.label, projectName(p)));
      if (typeof userId === 'string' || typeof role === 'string')
        await confirmPassed(ctx, vscode.l10n.t('Add {0} to "{1}" as {2}?', user.label, projectName(p), r), vscode.l10n.t('Add'));
      const added = await ctx.tree.withNodeProgress(p.id, vscode.l10n.t('adding {0}…', user.label), () =>
        ctx.writer.addMember(p.id, user.id, r, vscode.l10n.t('adding {0} to "{1}"', user.label, projectName(p))),
      );
      done(ctx, vscode.l10n.t('{0} added to "{1}" as {2}.', user.label, projectName(p), r), { lost: added.lost });
    },

    async changeUserRole(node?: unknown, role?: unknown): Promise<void> {
      const { project: p, item: u } = await targetItem(ctx, node, 'users', {
        forChange: true,
        title: vscode.l10n.t('Change whose role?'),
        label: userLabel,
        detail: (u: ProjectUser) => `${u.email ?? ''} · ${u.role}`,
      });
      noDefault(p, vscode.l10n.t('Roles in the default project cannot be changed here'));
      const r = typeof role === 'string' ? role : await pickRole(ctx, vscode.l10n.t('New role of {0} in "{1}"', userLabel(u), projectName(p)), u.role);
      if (r === u.role) return;
      if (typeof role === 'string')
        await confirmPassed(ctx, vscode.l10n.t('Make {0} {1} in "{2}"?', userLabel(u), r, projectName(p)), vscode.l10n.t('Change Role'));
      const changed = await ctx.tree.withNodeProgress(itemNodeId(p, 'users', u.id), vscode.l10n.t('changing role…'), () =>
        ctx.writer.changeRole(p.id, u.id, r, vscode.l10n.t('changing {0}’s role to {1}', userLabel(u), r)),
      );
      done(ctx, vscode.l10n.t('{0} is now {1} in "{2}".', userLabel(u), r, projectName(p)), { lost: changed.lost });
    },

    async removeUser(node?: unknown): Promise<void> {
      const { project: p, item: u } = await targetItem(ctx, node, 'users', {
        forChange: true,
        title: vscode.l10n.t('Remove whom?'),
        label: userLabel,
        detail: (u: ProjectUser) => `${u.email ?? ''} · ${u.role}`,
      });
      noDefault(p, vscode.l10n.t('Users cannot be removed from the default project'));
      if (
        !(await ctx.ui.confirm(
          vscode.l10n.t('Remove {0} from "{1}"?', userLabel(u), projectName(p)),
          vscode.l10n.t('Their API keys for this project stop working. They stay in the organization.'),
          vscode.l10n.t('Remove'),
        ))
      )
        return;
      const removed = await ctx.tree.withNodeProgress(itemNodeId(p, 'users', u.id), vscode.l10n.t('removing…'), () =>
        ctx.writer.removeMember(p.id, u.id, vscode.l10n.t('removing {0} from "{1}"', userLabel(u), projectName(p))),
      );
      done(ctx, vscode.l10n.t('{0} removed from "{1}".', userLabel(u), projectName(p)), { lost: removed.lost });
    },

    async createServiceAccount(node?: unknown, name?: unknown): Promise<string | undefined> {
      const p = await targetProject(ctx, node, { forChange: true, title: vscode.l10n.t('Create a service account in which project?') });
      noDefault(p, vscode.l10n.t('Service accounts cannot be created in the default project'));
      const n =
        typeof name === 'string'
          ? name
          : await ctx.ui.input({
              title: vscode.l10n.t('New service account in "{0}"', projectName(p)),
              prompt: vscode.l10n.t('A name that says what uses it, e.g. "ci-deploy".'),
              validateInput: (v) => nameProblem(v, vscode.l10n.t('A service account needs a name.')),
              ignoreFocusOut: true,
            });
      if (n === undefined) throw new Cancelled();
      const invalid = nameProblem(n, vscode.l10n.t('A service account needs a name.'));
      if (invalid) throw new Error(invalid);
      if (typeof name === 'string')
        await confirmPassed(ctx, vscode.l10n.t('Create the service account "{0}" in "{1}"?', n.trim(), projectName(p)), vscode.l10n.t('Create'));
      const made = await ctx.tree.withNodeProgress(p.id, vscode.l10n.t('creating "{0}"…', n.trim()), () => ctx.writer.createServiceAccount(p.id, n.trim()));
      if (!made.key) {
        // Created, but its key came only in the answer that was lost: it cannot be shown again.
        const message = vscode.l10n.t(
          'Service account "{0}" was created, but the answer with its key was lost on the way, and the key cannot be shown again. Delete the service account and create it again to get a key.',
          n.trim(),
        );
        ctx.log.warn(message);
        void ctx.ui.notify('warning', message);
        return made.account.id;
      }
      await showNewKey(ctx, p.id, made.key);
      return made.account.id;
    },

    async deleteServiceAccount(node?: unknown): Promise<void> {
      const { project: p, item: sa } = await targetItem(ctx, node, 'serviceAccounts', {
        forChange: true,
        title: vscode.l10n.t('Delete which service account?'),
        label: (s: ProjectServiceAccount) => s.name,
        detail: (s) => s.id,
      });
      if (
        !(await ctx.ui.confirm(
          vscode.l10n.t('Delete the service account "{0}" from "{1}"?', sa.name, projectName(p)),
          vscode.l10n.t('Its API keys stop working at once. This cannot be undone.'),
          vscode.l10n.t('Delete'),
        ))
      )
        return;
      const deleted = await ctx.tree.withNodeProgress(itemNodeId(p, 'serviceAccounts', sa.id), vscode.l10n.t('deleting…'), () =>
        ctx.writer.deleteServiceAccount(p.id, sa.id, vscode.l10n.t('deleting the service account "{0}"', sa.name)),
      );
      done(ctx, vscode.l10n.t('Service account "{0}" deleted.', sa.name), { lost: deleted.lost });
    },

    async deleteApiKey(node?: unknown): Promise<void> {
      const { project: p, item: k } = await targetItem(ctx, node, 'apiKeys', {
        forChange: true,
        title: vscode.l10n.t('Delete which API key?'),
        ...keyPick,
      });
      const stops = vscode.l10n.t('Anything using it in "{0}" stops working at once. This cannot be undone.', projectName(p));
      const ok = await ctx.ui.confirm(
        vscode.l10n.t('Delete the API key "{0}" ({1}) owned by {2}?', k.name || k.id, k.redacted_value, keyOwner(k)),
        k.owner.service_account ? `${stops} ${vscode.l10n.t('The service account keeps its other keys.')}` : stops,
        vscode.l10n.t('Delete Key'),
      );
      if (!ok) return;
      const deleted = await ctx.tree.withNodeProgress(itemNodeId(p, 'apiKeys', k.id), vscode.l10n.t('deleting…'), () =>
        ctx.writer.deleteApiKey(p.id, k.id, vscode.l10n.t('deleting the API key "{0}"', k.name || k.id)),
      );
      done(ctx, vscode.l10n.t('API key "{0}" deleted.', k.name || k.id), { lost: deleted.lost });
    },

    async copyApiKeyId(node?: unknown): Promise<void> {
      const { item: k } = await targetItem(ctx, node, 'apiKeys', {
        forChange: false,
        title: vscode.l10n.t('Copy the ID of which key?'),
        label: (k: ProjectApiKey) => k.name || k.id,
        detail: (k) => k.redacted_value,
      });
      await vscode.env.clipboard.writeText(k.id);
      ctx.ui.status(vscode.l10n.t('Copied {0}', k.id));
    },
  };
}
