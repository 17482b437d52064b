// Set and clear the admin key. A key is checked against the API before it is stored.
import * as vscode from 'vscode';
import { ENV_KEY, type AdminKey } from '../kit/adminKey';
import { clientFor } from '../kit/api';
import { ProjectsApiError, redact } from '../client';
import type { Ui } from '../kit/ui';

const SHAPE = /^sk-[A-Za-z0-9_-]{8,}$/;

function validate(value: string): string | undefined {
  const v = value.trim();
  if (!v) return vscode.l10n.t('Paste the admin key.');
  if (/\s/.test(v)) return vscode.l10n.t('The key has spaces or line breaks in it.');
  if (!SHAPE.test(v)) return vscode.l10n.t('An OpenAI admin key starts with "sk-" (usually "sk-admin-").');
  return undefined;
}

/** Answers undefined when the key works, or the reason it does not. */
async function check(key: string, log: vscode.LogOutputChannel): Promise<ProjectsApiError | undefined> {
  const client = clientFor(key, log, { maxRetries: 1 });
  try {
    await client.listProjects({ limit: 1 });
    return undefined;
  } catch (e) {
    if (e instanceof ProjectsApiError) return e;
    throw e;
  }
}

/** `forgetIndex`: deletes what the index holds of a key's organization, on disk too. */
export function adminKeyCommands(adminKey: AdminKey, log: vscode.LogOutputChannel, ui: Ui, forgetIndex: (key: string) => Promise<void>) {
  return {
    /**
     * From the palette or the welcome button the key is asked for. A key passed by a caller (a script,
     * another extension) is checked and stored only once the person has confirmed it.
     */
    async setAdminKey(key?: unknown): Promise<boolean> {
      const scripted = typeof key === 'string';
      let value = scripted ? key : '';
      if (scripted) {
        const invalid = validate(value);
        if (invalid) throw new Error(invalid);
        const tail = value.trim().slice(-4);
        const use = await ui.confirm(
          vscode.l10n.t('Use the admin key ending in …{0} for OpenAI Projects?', tail),
          vscode.l10n.t(
            'A script or another extension asks to set this key; it replaces the one in use, and every request then goes with it. Nothing is stored unless you confirm.',
          ),
          vscode.l10n.t('Use This Key'),
        );
        if (!use) return false;
      }
      let problem: string | undefined;
      for (;;) {
        if (!scripted) {
          const typed = await ui.input({
            title: vscode.l10n.t('OpenAI Projects: Set Admin Key'),
            prompt: problem ?? vscode.l10n.t('An organization admin key (Organization settings → Admin keys). It is kept in VS Code’s secret storage.'),
            placeHolder: vscode.l10n.t('sk-admin-…'),
            password: true,
            ignoreFocusOut: true,
            value,
            validateInput: validate,
          });
          if (typed === undefined) return false;
          value = typed;
        }
        const invalid = validate(value);
        if (invalid) throw new Error(invalid);
        const error = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the admin key…') },
          () => check(value.trim(), log),
        );
        if (!error) break;
        log.warn(`Admin key check failed: ${redact(error.message)}`);
        if (error.status === 401 || error.status === 403) {
          if (scripted) throw error;
          problem = `⚠ ${error.message}`;
          continue;
        }
        // The API could not be asked (network, outage, rate limit): the user decides.
        const save = await ui.confirm(
          vscode.l10n.t('The key could not be checked: {0}', error.message),
          vscode.l10n.t('Save it anyway only if you know it is a valid admin key.'),
          vscode.l10n.t('Save Anyway'),
        );
        if (!save) throw error;
        break;
      }
      await adminKey.store(value);
      log.info('Admin key saved in secret storage.');
      void ui.notify('info', vscode.l10n.t('OpenAI admin key saved in VS Code’s secret storage.'));
      return true;
    },

    async clearAdminKey(): Promise<void> {
      const remove = await ui.confirm(
        vscode.l10n.t('Remove the OpenAI admin key from VS Code’s secret storage?'),
        vscode.l10n.t(
          'The Projects view will be empty until a key is set again, and what was indexed of the organization is deleted. The key itself stays valid at OpenAI.',
        ),
        vscode.l10n.t('Remove Key'),
      );
      if (!remove) return;
      const removed = await adminKey.stored();
      await adminKey.clear();
      if (removed) await forgetIndex(removed);
      log.info('Admin key removed from secret storage, and its organization index with it.');
      const left = adminKey.state === 'none' ? '' : vscode.l10n.t(' The {0} environment variable still provides one.', ENV_KEY);
      void ui.notify('info', vscode.l10n.t('OpenAI admin key removed.{0}', left));
    },
  };
}
