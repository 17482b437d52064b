// Commands on a service account itself (its name, its role, more keys) and on a key's scopes and expiry.
// A new key's value is shown once, in a dialog, and kept nowhere.
import * as vscode from 'vscode';
import type { Project, ProjectServiceAccount } from '../client';
import { projectName } from '../shared/projectInfo';
import { nameProblem } from '../shared/rules';
import { Cancelled, confirmPassed, done, targetItem, type Ctx } from '../kit/context';
import { itemNodeId } from '../store/kinds';
import { keyPick, pickRole, showKeyOnce } from './members';

const DAY = 86_400;
const saPick = {
  label: (s: ProjectServiceAccount) => s.name,
  detail: (s: ProjectServiceAccount) => `${s.role} · ${s.id}`,
};
const keyLabel = keyPick.label;

/** Scopes typed as a list ("api.all.read, api.files.read"); empty means none given. */
export function parseScopes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
const scopesProblem = (text: string) =>
  parseScopes(text).some((s) => !/^[a-z][a-z0-9_.:-]*$/i.test(s))
    ? vscode.l10n.t('Scopes are identifiers such as api.all.read or api.files.read, separated by commas.')
    : undefined;

async function askScopes(ctx: Ctx, title: string, prompt: string): Promise<string[] | undefined> {
  const text = await ctx.ui.input({ title, prompt, placeHolder: 'api.all.read', validateInput: scopesProblem, ignoreFocusOut: true });
  if (text === undefined) throw new Cancelled();
  const problem = scopesProblem(text);
  if (problem) throw new Error(problem);
  const scopes = parseScopes(text);
  return scopes.length ? scopes : undefined;
}

export function serviceAccountCommands(ctx: Ctx) {
  /** Mints a key and shows it once; undefined when the answer with its value was lost (said, with what to do). */
  async function mintKey(p: Project, sa: { id: string; name: string }, name: string, scopes?: string[]): Promise<string | undefined> {
    const made = await ctx.tree.withNodeProgress(itemNodeId(p, 'serviceAccounts', sa.id), vscode.l10n.t('creating a key…'), () =>
      ctx.writer.policy.createServiceAccountKey(p.id, sa.id, name, scopes),
    );
    if (!made.key?.value) {
      const message = vscode.l10n.t(
        'A key "{0}" was created for "{1}", but the answer with its key was lost on the way, and it cannot be shown again. Delete that key ({2}) and create another.',
        name,
        sa.name,
        made.id,
      );
      ctx.log.warn(message);
      void ctx.ui.notify('warning', message);
      return undefined;
    }
    ctx.log.info(`Key ${made.id} created for the service account ${sa.id} in ${p.id} (value not logged).`);
    await showKeyOnce(
      ctx,
      vscode.l10n.t('New key "{0}" for "{1}". Copy it now: it is shown only this once and is not stored by VS Code.', name, sa.name),
      made.key.value,
    );
    return made.id;
  }

  return {
    async renameServiceAccount(node?: unknown, name?: unknown): Promise<void> {
      const { project: p, item: sa } = await targetItem(ctx, node, 'serviceAccounts', {
        forChange: true,
        title: vscode.l10n.t('Rename which service account?'),
        ...saPick,
      });
      const problem = (v: string) => nameProblem(v, vscode.l10n.t('A service account needs a name.'));
      const n =
        typeof name === 'string'
          ? name
          : await ctx.ui.input({ title: vscode.l10n.t('Rename "{0}"', sa.name), value: sa.name, validateInput: problem, ignoreFocusOut: true });
      if (n === undefined) throw new Cancelled();
      const invalid = problem(n);
      if (invalid) throw new Error(invalid);
      if (n.trim() === sa.name) return;
      if (typeof name === 'string')
        await confirmPassed(ctx, vscode.l10n.t('Rename the service account "{0}" to "{1}"?', sa.name, n.trim()), vscode.l10n.t('Rename'));
      const renamed = await ctx.tree.withNodeProgress(itemNodeId(p, 'serviceAccounts', sa.id), vscode.l10n.t('renaming…'), () =>
        ctx.writer.policy.updateServiceAccount(
          p.id,
          sa.id,
          { name: n.trim() },
          vscode.l10n.t('renaming the service account "{0}" to "{1}"', sa.name, n.trim()),
        ),
      );
      done(ctx, vscode.l10n.t('Service account renamed to "{0}".', n.trim()), { lost: renamed.lost });
    },

    async changeServiceAccountRole(node?: unknown, role?: unknown): Promise<void> {
      const { project: p, item: sa } = await targetItem(ctx, node, 'serviceAccounts', {
        forChange: true,
        title: vscode.l10n.t('Change the role of which service account?'),
        ...saPick,
      });
      const r = typeof role === 'string' ? role : await pickRole(ctx, vscode.l10n.t('New role of "{0}" in "{1}"', sa.name, projectName(p)), sa.role);
      if (r !== 'member' && r !== 'owner') throw new Error(vscode.l10n.t('A service account’s role is member or owner, not "{0}".', r));
      if (r === sa.role) return;
      if (typeof role === 'string')
        await confirmPassed(ctx, vscode.l10n.t('Make the service account "{0}" {1} in "{2}"?', sa.name, r, projectName(p)), vscode.l10n.t('Change Role'));
      const changed = await ctx.tree.withNodeProgress(itemNodeId(p, 'serviceAccounts', sa.id), vscode.l10n.t('changing role…'), () =>
        ctx.writer.policy.updateServiceAccount(p.id, sa.id, { role: r }, vscode.l10n.t('changing the role of "{0}" to {1}', sa.name, r)),
      );
      done(ctx, vscode.l10n.t('"{0}" is now {1} in "{2}".', sa.name, r, projectName(p)), { lost: changed.lost });
    },

    async createServiceAccountKey(node?: unknown): Promise<string | undefined> {
      const { project: p, item: sa } = await targetItem(ctx, node, 'serviceAccounts', {
        forChange: true,
        title: vscode.l10n.t('Add a key to which service account?'),
        ...saPick,
      });
      const problem = (v: string) => nameProblem(v, vscode.l10n.t('A key needs a name.'));
      const name = await ctx.ui.input({
        title: vscode.l10n.t('New key for "{0}"', sa.name),
        prompt: vscode.l10n.t('A name that says what uses it, e.g. "ci-deploy 2026".'),
        validateInput: problem,
        ignoreFocusOut: true,
      });
      if (name === undefined) throw new Cancelled();
      const invalid = problem(name);
      if (invalid) throw new Error(invalid);
      const scopes = await askScopes(
        ctx,
        vscode.l10n.t('Scopes of the new key for "{0}"', sa.name),
        vscode.l10n.t('Separated by commas, e.g. api.all.read; leave empty for the service account’s full access.'),
      );
      return mintKey(p, sa, name.trim(), scopes);
    },

    /** Leaked-key triage for a service account's key: a replacement first (shown once), then the old one goes. */
    async replaceServiceAccountKey(node?: unknown): Promise<void> {
      const { project: p, item: k } = await targetItem(ctx, node, 'apiKeys', {
        forChange: true,
        title: vscode.l10n.t('Replace which service account key?'),
        ...keyPick,
      });
      const sa = k.owner.service_account;
      if (!sa) throw new Error(vscode.l10n.t('"{0}" is not a service account’s key: delete it, and its owner makes another.', keyLabel(k)));
      const account = { id: sa.id, name: sa.name || sa.id };
      const go = await ctx.ui.confirm(
        vscode.l10n.t('Replace the key "{0}" ({1}) of "{2}"?', keyLabel(k), k.redacted_value, account.name),
        vscode.l10n.t('A new key is made first and shown once, for you to put where the old one is used; then the old one is deleted, when you say so.'),
        vscode.l10n.t('Make a New Key'),
      );
      if (!go) return;
      const made = await mintKey(p, account, k.name || account.name);
      if (!made) {
        done(ctx, vscode.l10n.t('The old key "{0}" was kept: delete it once a replacement is in place.', keyLabel(k)), { unusual: true });
        return;
      }
      const remove = await ctx.ui.confirm(
        vscode.l10n.t('Delete the old key "{0}" ({1}) now?', keyLabel(k), k.redacted_value),
        vscode.l10n.t('Anything still using it in "{0}" stops working at once. This cannot be undone.', projectName(p)),
        vscode.l10n.t('Delete Old Key'),
      );
      if (!remove) {
        done(ctx, vscode.l10n.t('New key made; the old key "{0}" still works. Delete it once nothing uses it.', keyLabel(k)), { unusual: true });
        return;
      }
      const deleted = await ctx.tree.withNodeProgress(itemNodeId(p, 'apiKeys', k.id), vscode.l10n.t('deleting…'), () =>
        ctx.writer.deleteApiKey(p.id, k.id, vscode.l10n.t('deleting the API key "{0}"', keyLabel(k))),
      );
      done(ctx, vscode.l10n.t('Key "{0}" replaced: the old one is deleted.', keyLabel(k)), { lost: deleted.lost });
    },

    async editApiKey(node?: unknown): Promise<void> {
      const { project: p, item: k } = await targetItem(ctx, node, 'apiKeys', {
        forChange: true,
        title: vscode.l10n.t('Change which API key?'),
        ...keyPick,
      });
      const now = k.expires_at ? new Date(k.expires_at * 1000).toISOString().slice(0, 10) : vscode.l10n.t('does not expire');
      const expiries = [
        { label: vscode.l10n.t('Keep the expiry'), description: now, secs: undefined },
        ...[1, 7, 30, 90, 365].map((d) => ({ label: vscode.l10n.t('Expire in {0} days', d), description: '', secs: d * DAY })),
      ];
      const expiry = await ctx.ui.pick(expiries, { title: vscode.l10n.t('Expiry of "{0}"', keyLabel(k)) });
      if (!expiry) throw new Cancelled();
      const scopes = await askScopes(
        ctx,
        vscode.l10n.t('Scopes of "{0}"', keyLabel(k)),
        vscode.l10n.t('Separated by commas, e.g. api.all.read; leave empty to keep them as they are (the API does not show them).'),
      );
      if (!scopes && expiry.secs === undefined) return;
      const changed = await ctx.tree.withNodeProgress(itemNodeId(p, 'apiKeys', k.id), vscode.l10n.t('changing…'), () =>
        ctx.writer.policy.updateApiKey(
          p.id,
          k.id,
          { ...(scopes ? { scopes } : {}), ...(expiry.secs !== undefined ? { expires_in_seconds: expiry.secs } : {}) },
          vscode.l10n.t('changing the API key "{0}"', keyLabel(k)),
        ),
      );
      done(ctx, vscode.l10n.t('API key "{0}" changed.', keyLabel(k)), { lost: changed.lost });
    },
  };
}
