// Set and clear the admin key. A key is checked against the API before it is stored.
import * as vscode from 'vscode';
import { ENV_KEY, organizationName, type AdminKey, type Organization } from '../kit/adminKey';
import { clientFor } from '../kit/api';
import { ProjectsApiError, redact } from '../client';
import type { Ui } from '../kit/ui';
import { Cancelled } from '../kit/context';

const SHAPE = /^sk-[A-Za-z0-9_-]{8,}$/;

function validate(value: string): string | undefined {
  const v = value.trim();
  if (!v) return vscode.l10n.t('Paste the admin key.');
  if (/\s/.test(v)) return vscode.l10n.t('The key has spaces or line breaks in it.');
  if (!SHAPE.test(v)) return vscode.l10n.t('An OpenAI admin key starts with "sk-" (usually "sk-admin-").');
  return undefined;
}

/** Answers undefined when the key works, or the reason it does not; `org`: the organization its answer named. */
async function check(key: string, log: vscode.LogOutputChannel): Promise<{ error?: ProjectsApiError; org?: string }> {
  const client = clientFor(key, log, { maxRetries: 1 });
  try {
    await client.listProjects({ limit: 1 });
    return { org: client.organizationId() };
  } catch (e) {
    if (e instanceof ProjectsApiError) return { error: e };
    throw e;
  }
}

export interface KeyCommandHooks {
  /** Deletes what the index holds of a key's organization, on disk too. */
  forgetIndex(key: string): Promise<void>;
  /** Before another organization is put in use: false keeps the current one (a plan is applying, the person said no). */
  leaving(to: string): Promise<boolean>;
}

export function adminKeyCommands(adminKey: AdminKey, log: vscode.LogOutputChannel, ui: Ui, hooks: KeyCommandHooks) {
  const forgetIndex = hooks.forgetIndex;
  const pickOrganization = async (title: string, orgs = adminKey.organizations()): Promise<Organization> => {
    const active = adminKey.active?.slot;
    const picked = await ui.pick(
      orgs.map((o) => ({ label: organizationName(o), description: o.slot === active ? vscode.l10n.t('in use') : undefined, detail: o.org, o })),
      { title, placeHolder: vscode.l10n.t('Pick an organization') },
    );
    if (!picked) throw new Cancelled();
    return picked.o;
  };
  return {
    /** Another organization's admin key, kept beside the others; the window then uses it. */
    async addOrganization(): Promise<Organization | undefined> {
      const name = await ui.input({
        title: vscode.l10n.t('Add Organization (1/2)'),
        prompt: vscode.l10n.t('A name for the organization, as you call it (e.g. "Acme production").'),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Give it a name.')),
      });
      if (name === undefined) return undefined;
      const key = await ui.input({
        title: vscode.l10n.t('Add Organization (2/2)'),
        prompt: vscode.l10n.t('An admin key of "{0}". It is kept in VS Code’s secret storage.', name.trim()),
        placeHolder: vscode.l10n.t('sk-admin-…'),
        password: true,
        ignoreFocusOut: true,
        validateInput: validate,
      });
      if (key === undefined) return undefined;
      const invalid = validate(key);
      if (invalid) throw new Error(invalid);
      const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the admin key…') }, () =>
        check(key.trim(), log),
      );
      if (r.error) throw r.error;
      const same = r.org && adminKey.organizations().find((o) => o.org === r.org);
      if (same)
        throw new Error(
          vscode.l10n.t(
            'That key is of {0} ({1}), which is already set up here: switch to it, or set its key again with Set Admin Key.',
            organizationName(same),
            r.org!,
          ),
        );
      if (!(await hooks.leaving(name.trim()))) return undefined;
      const added = await adminKey.add(key, name, r.org);
      log.info(`Organization "${organizationName(added)}" (${added.org ?? 'id not reported'}) added; its admin key is in secret storage.`);
      ui.status(vscode.l10n.t('Now using {0}.', organizationName(added)));
      return added;
    },

    /** Puts another organization set up here in use: the views, index, plans, files and usage follow it. */
    async switchOrganization(): Promise<Organization | undefined> {
      const orgs = adminKey.organizations();
      if (orgs.length < 2) throw new Error(vscode.l10n.t('Only one organization is set up here. Add another with "OpenAI Projects: Add Organization…".'));
      // Always the person's pick: a caller's argument does not choose which organization the next change goes to.
      const target = await pickOrganization(
        vscode.l10n.t('Switch to which organization?'),
        orgs.filter((o) => o.slot !== adminKey.active?.slot),
      );
      if (target.slot === adminKey.active?.slot) return target;
      if (!(await hooks.leaving(organizationName(target)))) return undefined;
      await adminKey.switchTo(target.slot);
      log.info(`Switched to the organization "${organizationName(target)}" (${target.org ?? 'id not reported'}).`);
      ui.status(vscode.l10n.t('Now using {0}.', organizationName(target)));
      return target;
    },

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
        const checked = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the admin key…') },
          () => check(value.trim(), log),
        );
        const error = checked.error;
        if (!error) {
          // A key of another organization would put that one's rows under this one's name.
          const active = adminKey.active;
          if (active?.org && checked.org && checked.org !== active.org)
            throw new Error(
              vscode.l10n.t(
                'That key is of the organization {0}, not of {1} ({2}): add it with "OpenAI Projects: Add Organization…".',
                checked.org,
                organizationName(active),
                active.org,
              ),
            );
          break;
        }
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
      const orgs = adminKey.organizations();
      const which = orgs.length > 1 ? await pickOrganization(vscode.l10n.t('Remove the admin key of which organization?')) : adminKey.active;
      const named = which ? organizationName(which) : undefined;
      const remove = await ui.confirm(
        named
          ? vscode.l10n.t('Remove the admin key of {0} from VS Code’s secret storage?', named)
          : vscode.l10n.t('Remove the OpenAI admin key from VS Code’s secret storage?'),
        vscode.l10n.t(
          'The Projects view will be empty until a key is set again, and what was indexed of the organization is deleted. The key itself stays valid at OpenAI.',
        ),
        vscode.l10n.t('Remove Key'),
      );
      if (!remove) return;
      const wasActive = !which || which.slot === adminKey.active?.slot;
      if (wasActive && orgs.length > 1 && !(await hooks.leaving(organizationName(orgs.find((o) => o.slot !== which?.slot)!)))) return;
      const removed = await adminKey.clear(which?.slot);
      if (removed) await forgetIndex(removed);
      log.info('Admin key removed from secret storage, and its organization index with it.');
      const now = adminKey.active;
      const left =
        wasActive && now && orgs.length > 1
          ? vscode.l10n.t(' Now using {0}.', organizationName(now))
          : adminKey.state === 'none' || !wasActive
            ? ''
            : vscode.l10n.t(' The {0} environment variable still provides one.', ENV_KEY);
      void ui.notify('info', named ? vscode.l10n.t('The admin key of {0} was removed.{1}', named, left) : vscode.l10n.t('OpenAI admin key removed.{0}', left));
    },
  };
}
