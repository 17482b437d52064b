// Organization-wide commands over the index: Index Whole Organization, Find in Organization… (its
// policy questions in ./policySearch.ts), and Find Leaked Key… (triage: which project and owner, then revoke).
import * as vscode from 'vscode';
import { errorText, type Project, type ProjectApiKey } from '../client';
import { fillIndex, type FillResult } from '../index/indexer';
import { cleanFragment, matchKey, MIN_FRAGMENT, tailOf, type MatchBasis } from '../index/leaked';
import { STALE_MS } from '../index/orgIndex';
import { searchRecords, type IndexRecord } from '../index/records';
import { day } from '../shared/format';
import { keyOwner, keyServiceAccount, leafNode } from '../tree/leaves';
import type { TreeNode } from '../kit/node';
import { projectName } from '../shared/projectInfo';
import { KINDS, type FolderKind } from '../store/store';
import { ORG_KIND_LIST, ORG_KINDS } from '../store/orgKinds';
import { policyItems } from './policySearch';
import { accessItems } from './accessSearch';
import { orgActions, orgHits, revealOrg, shown, triageAdminKeys, type OrgHit } from './orgSearch';
import { Cancelled, withViewProgress, type Ctx } from '../kit/context';
import { COMMANDS, VIEW_ID } from '../kit/ids';
import { reportError } from '../kit/register';
import { iconless } from '../kit/ui';

const INFO = new vscode.ThemeIcon('info');
/** Find Leaked Key reads a key list again unless it was read this recently. */
const TRIAGE_FRESH_MS = 10_000;
const READ_AGAIN = 'read again';
const ago = (ms: number | undefined) => {
  if (ms === undefined) return 'never';
  const m = Math.round((Date.now() - ms) / 60_000);
  return m < 1
    ? vscode.l10n.t('just now')
    : m < 120
      ? vscode.l10n.t('{0} min ago', m)
      : m < 48 * 60
        ? vscode.l10n.t('{0} h ago', Math.round(m / 60))
        : vscode.l10n.t('{0} days ago', Math.round(m / 1440));
};

/** What a record's row offers once found: the commands that take its node. */
function actionsFor(r: IndexRecord): { label: string; command: string; node: 'item' | 'serviceAccount' }[] {
  switch (r.kind) {
    case 'project':
      return [
        { label: vscode.l10n.t('Edit Rate Limits…'), command: COMMANDS.editRateLimits, node: 'item' },
        { label: vscode.l10n.t('Edit Project Settings…'), command: COMMANDS.projectSettings, node: 'item' },
        { label: vscode.l10n.t('Copy Settings to Projects…'), command: COMMANDS.copySettings, node: 'item' },
        { label: vscode.l10n.t('Add User to Project…'), command: COMMANDS.addUser, node: 'item' },
        { label: vscode.l10n.t('Rename Project…'), command: COMMANDS.renameProject, node: 'item' },
        { label: vscode.l10n.t('Archive Project…'), command: COMMANDS.archiveProject, node: 'item' },
        { label: vscode.l10n.t('Copy Project ID'), command: COMMANDS.copyProjectId, node: 'item' },
      ];
    case 'users':
      return [
        { label: vscode.l10n.t('Change User Role…'), command: COMMANDS.changeUserRole, node: 'item' },
        { label: vscode.l10n.t('Remove User from Project…'), command: COMMANDS.removeUser, node: 'item' },
        { label: vscode.l10n.t('Remove User from All Projects…'), command: COMMANDS.removeUserEverywhere, node: 'item' },
        { label: vscode.l10n.t('Add User to Projects…'), command: COMMANDS.addUserToProjects, node: 'item' },
        { label: vscode.l10n.t('Offboard Person…'), command: COMMANDS.offboardPerson, node: 'item' },
      ];
    case 'serviceAccounts':
      return [
        { label: vscode.l10n.t('Add Key to Service Account…'), command: COMMANDS.createServiceAccountKey, node: 'item' },
        { label: vscode.l10n.t('Rename Service Account…'), command: COMMANDS.renameServiceAccount, node: 'item' },
        { label: vscode.l10n.t('Change Service Account Role…'), command: COMMANDS.changeServiceAccountRole, node: 'item' },
        { label: vscode.l10n.t('Delete Service Account…'), command: COMMANDS.deleteServiceAccount, node: 'item' },
      ];
    case 'groups':
      return [
        { label: vscode.l10n.t('Revoke Group Access…'), command: COMMANDS.revokeGroupAccess, node: 'item' },
        { label: vscode.l10n.t('Who Has Access…'), command: COMMANDS.whoHasAccess, node: 'item' },
      ];
    case 'apiKeys': {
      // A service account's key is replaced first (a new one, shown once), so what uses it keeps working.
      const owned = !!(r.item as ProjectApiKey).owner.service_account;
      return [
        ...(owned ? [{ label: vscode.l10n.t('Replace Service Account Key…'), command: COMMANDS.replaceServiceAccountKey, node: 'item' as const }] : []),
        { label: vscode.l10n.t('Delete API Key…'), command: COMMANDS.deleteApiKey, node: 'item' },
        ...(owned ? [{ label: vscode.l10n.t('Delete Service Account…'), command: COMMANDS.deleteServiceAccount, node: 'serviceAccount' as const }] : []),
        { label: vscode.l10n.t('Change API Key Expiry and Scopes…'), command: COMMANDS.editApiKey, node: 'item' },
        { label: vscode.l10n.t('Copy API Key ID'), command: COMMANDS.copyApiKeyId, node: 'item' },
      ];
    }
    case 'rateLimits':
      return [
        { label: vscode.l10n.t('Edit Rate Limits…'), command: COMMANDS.editRateLimits, node: 'item' },
        { label: vscode.l10n.t('Copy Rate Limits to Projects…'), command: COMMANDS.copyRateLimits, node: 'item' },
      ];
  }
}

function nodeFor(ctx: Ctx, r: IndexRecord, as: 'item' | 'serviceAccount' = 'item'): TreeNode {
  if (r.kind === 'project') return ctx.tree.projectNode(r.project);
  if (as === 'serviceAccount') return leafNode(r.project, 'serviceAccounts', keyServiceAccount(r.item as ProjectApiKey)!);
  return ctx.tree.leaf(r.project, r.kind, r.item as never);
}

/** Shows a row of the Projects view (a project's, or one under it of `kind`), the view opened first if hidden. */
export async function revealInProjects(ctx: Ctx, node: TreeNode, project: Project, kind?: FolderKind): Promise<TreeNode> {
  if (kind) await ctx.tree.prepareReveal(project, kind);
  const view = ctx.view();
  if (!view) return node;
  // A hidden view is shown first, and its own root load let land: a reveal racing that load can
  // open and select nothing. If it still selected nothing, once more (the rows are loaded by then).
  if (!view.visible) await shown(view, VIEW_ID);
  await view.reveal(node, { select: true, focus: true, expand: false });
  if (!view.selection.some((n) => n.id === node.id)) {
    await new Promise((res) => setTimeout(res, 250));
    await view.reveal(node, { select: true, focus: true, expand: false });
  }
  return node;
}

export function orgCommands(ctx: Ctx) {
  const fill = (title: string, opts: Parameters<typeof fillIndex>[2]) =>
    ctx.ui.progress(title, (report, token) =>
      fillIndex(ctx.store, ctx.index, {
        ...opts,
        token,
        report: (done, total) => {
          const limit = ctx.pacer()?.state.limit;
          report(vscode.l10n.t('{0} / {1} projects{2}', done, total, limit !== undefined ? vscode.l10n.t(' · paced at {0} requests a minute', limit) : ''));
        },
      }),
    );

  const listName = (k: FolderKind) => KINDS[k].plural();

  /** Says how a fill went: failures with the log, a cancel with how to resume. */
  const tell = (what: string, r: FillResult, then?: { label: string; command: string }) => {
    for (const f of r.failed) ctx.log.error(`Indexing ${f.kind} of ${f.project.id}: ${errorText(f.error)}`);
    const s = ctx.index.stats();
    const state = vscode.l10n.t('{0} of {1} projects fully indexed', s.complete, s.projects);
    // Not awaited: a notification's promise settles only when it is dismissed.
    if (r.failed.length)
      return void reportError(
        new Error(
          vscode.l10n.t(
            '{0}: {1} list{2} could not be read ({3}), first {4} of "{5}": {6}',
            what,
            r.failed.length,
            r.failed.length === 1 ? '' : 's',
            state,
            listName(r.failed[0]!.kind),
            projectName(r.failed[0]!.project),
            errorText(r.failed[0]!.error),
          ),
        ),
        ctx.log,
        ctx.ui,
      );
    ctx.log.info(`${what}: ${r.fetched} lists fetched; ${state}.`);
    if (r.cancelled) return void ctx.ui.notify('info', vscode.l10n.t('{0} stopped: {1}. Run it again to continue where it stopped.', what, state));
    const buttons = then ? [then.label] : [];
    void ctx.ui
      .notify('info', vscode.l10n.t('{0}: {1} ({2} lists fetched).', what, state, r.fetched), ...buttons)
      .then((c) => then && c === then.label && vscode.commands.executeCommand(then.command));
  };

  const indexOrganization = async (): Promise<FillResult> => {
    await ctx.indexReady();
    const r = await fill(vscode.l10n.t('Indexing the organization'), { maxAgeMs: STALE_MS });
    await ctx.index.flush();
    // The projects' policy is more requests again (three a project): offered, never read unasked.
    tell(vscode.l10n.t('Index Whole Organization'), r, { label: vscode.l10n.t('Read Policy Too…'), command: COMMANDS.indexOrganizationPolicy });
    return r;
  };

  /** Lists older than an hour, fetched again in the background (the view's progress bar), one run at a time. */
  let revalidating: Promise<unknown> | undefined;
  const revalidate = () => {
    if (revalidating || !ctx.index.stats().stale) return;
    revalidating = withViewProgress(vscode.l10n.t('Refreshing the organization index…'), () =>
      fillIndex(ctx.store, ctx.index, { staleOnly: true, maxAgeMs: STALE_MS }),
    )
      .then((r) => r.failed.forEach((f) => ctx.log.warn(`Refreshing ${f.kind} of ${f.project.id}: ${errorText(f.error)}`)))
      .finally(() => (revalidating = undefined));
  };

  const reveal = (r: IndexRecord) => revealInProjects(ctx, nodeFor(ctx, r), r.project, r.kind === 'project' ? undefined : r.kind);

  return {
    indexOrganization,

    async findInOrganization(): Promise<IndexRecord | OrgHit | undefined> {
      await ctx.indexReady();
      // The organization's own lists (one request each, once: the store keeps them). One that cannot
      // be read leaves its kind out of the search, and the log says why.
      const org = await Promise.allSettled(ORG_KIND_LIST.map((k) => ctx.store.orgList(k)));
      org.forEach((r, i) => r.status === 'rejected' && ctx.log.warn(`Find in Organization: ${ORG_KINDS[ORG_KIND_LIST[i]!].subject()}: ${errorText(r.reason)}`));
      revalidate();
      const s = ctx.index.stats();
      const partial = s.complete < s.projects;
      const freshness = vscode.l10n.t(
        '{0} of {1} projects indexed{2}{3}',
        s.complete,
        s.projects,
        s.newest ? vscode.l10n.t(', updated {0}', ago(s.newest)) : '',
        s.stale ? vscode.l10n.t(', {0} lists older than an hour', s.stale) : '',
      );
      type Item = vscode.QuickPickItem & { record?: IndexRecord; orgHit?: OrgHit; indexRest?: true; indexPolicy?: true; indexRoles?: true };
      const indexRest: Item = {
        label: vscode.l10n.t('Index the remaining {0} projects…', s.projects - s.complete),
        iconPath: new vscode.ThemeIcon('sync'),
        description: vscode.l10n.t('paced to the API’s rate limit; search again after'),
        indexRest: true,
      };
      const picked = await ctx.ui.search<Item>({
        title: vscode.l10n.t('Find in Organization ({0})', freshness),
        placeHolder: vscode.l10n.t(
          'Project, person, email, service account, key name, id or redacted value, model… or ask: no spend limit, allows gpt-5, web_search on, who has role Viewer, groups with access to …',
        ),
        search: (q) => {
          const policy = policyItems(ctx, q, ago) ?? accessItems(ctx, q);
          if (policy) return policy;
          const { hits, total, exact } = searchRecords(ctx.index.searchGroups(), q);
          const now = Date.now();
          const orgItems: Item[] = orgHits(ctx, q).map((h) => ({ label: iconless(h.label), description: h.description, orgHit: h }));
          const items: Item[] = [
            ...orgItems,
            ...hits.map((r) => ({
              label: iconless(r.label),
              description: r.at !== undefined && now - r.at > STALE_MS ? vscode.l10n.t('{0} · listed {1}', r.description, ago(r.at)) : r.description,
              record: r,
            })),
          ];
          if (!exact) items.push({ label: vscode.l10n.t('More match: type more to narrow'), description: '', iconPath: INFO });
          else if (total > hits.length)
            items.push({ label: vscode.l10n.t('{0} more: type more to narrow', total - hits.length), description: '', iconPath: INFO });
          if (q.trim() && !hits.length && !orgItems.length)
            items.push({
              label: vscode.l10n.t('Nothing found in the index'),
              iconPath: INFO,
              description: partial ? vscode.l10n.t('part of the organization is not indexed yet') : '',
            });
          return partial ? [...items, indexRest] : items;
        },
      });
      if (!picked) throw new Cancelled();
      if (picked.indexRest) {
        await indexOrganization();
        return undefined;
      }
      if (picked.indexPolicy) {
        await vscode.commands.executeCommand(COMMANDS.indexOrganizationPolicy);
        return undefined;
      }
      if (picked.indexRoles) {
        await vscode.commands.executeCommand(COMMANDS.indexRoleAssignments);
        return undefined;
      }
      if (picked.orgHit) {
        const h = picked.orgHit;
        const node = await revealOrg(ctx, h.kind, h.item);
        const actions = orgActions(h);
        if (!actions.length) return h;
        const action = await ctx.ui.pick(actions, {
          title: `${h.label} — ${h.description}`,
          placeHolder: vscode.l10n.t('Shown in the Organization view. Do something with it? (Esc: nothing)'),
        });
        if (action) await vscode.commands.executeCommand(action.command, node);
        return h;
      }
      if (!picked.record) return undefined;
      const r = picked.record;
      await reveal(r);
      const action = await ctx.ui.pick(actionsFor(r), {
        title: `${r.label} — ${r.description}`,
        placeHolder: vscode.l10n.t('Shown in the Projects view. Do something with it? (Esc: nothing)'),
      });
      if (action) await vscode.commands.executeCommand(action.command, nodeFor(ctx, r, action.node));
      return r;
    },

    /** `readAgain`: the no-match message's button, which reads every key list again whatever its age. */
    async findLeakedKey(readAgain?: unknown): Promise<void> {
      await ctx.indexReady();
      const pasted = await ctx.ui.input({
        title: vscode.l10n.t('Find Leaked Key'),
        prompt: vscode.l10n.t(
          'Paste the key, or any part of it ({0} characters or more): its start, its end, or its key id. It is not stored, logged or shown.',
          MIN_FRAGMENT,
        ),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => {
          const f = cleanFragment(v);
          if (f.length < MIN_FRAGMENT) return vscode.l10n.t('At least {0} characters.', MIN_FRAGMENT);
          if (/\s/.test(f)) return vscode.l10n.t('A key has no spaces or line breaks: paste one key, or one piece of it.');
          return undefined;
        },
      });
      if (pasted === undefined) throw new Cancelled();
      const fragment = cleanFragment(pasted);
      if (fragment.length < MIN_FRAGMENT) throw new Error(vscode.l10n.t('Paste at least {0} characters of the key.', MIN_FRAGMENT));
      const tail = tailOf(fragment);
      ctx.log.info(`Find Leaked Key: searched for a key ending in …${tail}.`);
      // An admin key (`sk-admin-…`, or a piece that is no key's start): the organization's admin keys,
      // read afresh (one request). A whole admin key is looked for nowhere else.
      if (fragment.startsWith('sk-admin-') || !fragment.startsWith('sk-')) {
        ctx.store.invalidateOrg('adminKeys');
        const admin = (await withViewProgress(vscode.l10n.t('Reading the admin keys…'), () => ctx.store.orgList('adminKeys'))).filter((k) =>
          matchKey(fragment, k),
        );
        if (admin.length) return triageAdminKeys(ctx, admin, tail);
        if (fragment.startsWith('sk-admin-')) {
          void ctx.ui.notify('info', vscode.l10n.t('No admin key of this organization matches the key ending in …{0}.', tail));
          return;
        }
      }
      // A leak is the one moment the answer must be current: a key minted a minute ago is in no
      // older list. A whole key or key id matched in a list is confirmed by reading that project's
      // keys again (it may be revoked since); anything else, or no match, reads every list again,
      // except those read moments ago.
      const maxAgeMs = readAgain === READ_AGAIN ? 0 : TRIAGE_FRESH_MS;
      const read = async (projects?: Project[], age = maxAgeMs) => {
        const r = await fill(vscode.l10n.t('Reading every project’s API keys'), { kinds: ['apiKeys'], maxAgeMs: age, fresh: true, projects });
        if (r.fetched) ctx.tree.redraw();
        if (r.failed.length || r.cancelled) tell(vscode.l10n.t('Reading API keys'), r);
        return r;
      };
      const search = () => {
        const found: { rec: IndexRecord; basis: MatchBasis }[] = [];
        for (const group of ctx.index.searchGroups()) {
          for (const rec of group.records) {
            const basis = rec.kind === 'apiKeys' ? matchKey(fragment, rec.item as ProjectApiKey) : undefined;
            if (basis) found.push({ rec, basis });
          }
        }
        return found;
      };
      let found = maxAgeMs ? search() : [];
      const unique = found.length > 0 && found.every((f) => f.basis === 'full key' || (f.basis === 'id' && (f.rec.item as ProjectApiKey).id === fragment));
      const started = Date.now();
      let r = await read(unique ? [...new Map(found.map((f) => [f.rec.project.id, f.rec.project])).values()] : undefined);
      found = search();
      if (unique && !found.length) {
        r = await read();
        found = search();
      }
      // No match is an answer only when every list is newer than the leak could be: lists skipped as
      // read moments ago (an index run just before a key was minted) are read too, the ones this search
      // read are not read twice.
      if (!found.length && maxAgeMs && !r.cancelled) {
        // A list that failed was tried already: its reason is shown, and it is not sent again.
        const failed = new Set(r.failed.map((f) => f.project.id));
        const again = await read(
          (await ctx.store.projects(false)).filter((p) => !failed.has(p.id)),
          Date.now() - started,
        );
        r = { ...again, failed: [...r.failed, ...again.failed] };
        found = search();
      }
      const matches = found.map((f) => f.rec);
      const s = ctx.index.stats();
      const searched = vscode.l10n.t('{0} project{1}', s.projects, s.projects === 1 ? '' : 's');
      if (!matches.length) {
        // How current the lists were that it searched: the oldest of them.
        const ats = ctx.index
          .activeProjects()
          .map((p) => ctx.index.folder(p.id, 'apiKeys')?.at)
          .filter((t): t is number => t !== undefined);
        const again = vscode.l10n.t('Read Them Again');
        void ctx.ui
          .notify(
            'info',
            vscode.l10n.t(
              'No API key in {0} matches the key ending in …{1} (the key lists searched were read {2}).{3}',
              searched,
              tail,
              ats.length ? ago(Math.min(...ats)) : ago(undefined),
              r.cancelled || r.failed.length ? vscode.l10n.t(' Some projects’ keys could not be read: see the log.') : '',
            ),
            again,
          )
          // The pasted key is not kept: asked for again, and every list read again before the search.
          .then((choice) => choice === again && vscode.commands.executeCommand(COMMANDS.findLeakedKey, READ_AGAIN));
        return;
      }
      const picked = await ctx.ui.pick(
        matches.map((m) => {
          const k = m.item as ProjectApiKey;
          return {
            label: iconless(k.name || k.id),
            description: `${k.redacted_value} · ${keyOwner(k)}`,
            detail: vscode.l10n.t(
              '{0} · created {1} · last used {2} · matched by its {3} · {4}',
              projectName(m.project),
              day(k.created_at),
              day(k.last_used_at),
              matchKey(fragment, k) ?? '',
              k.id,
            ),
            m,
          };
        }),
        {
          title: vscode.l10n.t(
            '{0} key{1} the key ending in …{2} (of {3})',
            matches.length,
            matches.length === 1 ? vscode.l10n.t(' matches') : vscode.l10n.t('s match'),
            tail,
            searched,
          ),
          matchOnDescription: true,
          matchOnDetail: true,
        },
      );
      if (!picked) throw new Cancelled();
      await reveal(picked.m);
      const k = picked.m.item as ProjectApiKey;
      const why: Record<string, string> = {
        [COMMANDS.replaceServiceAccountKey]: vscode.l10n.t(
          'A new key first, shown once, then the leaked one is deleted: what uses it keeps working once moved.',
        ),
        [COMMANDS.deleteServiceAccount]: vscode.l10n.t('The account and every key it has.'),
        [COMMANDS.deleteApiKey]: vscode.l10n.t('Revoking it stops everything that uses it at once.'),
        [COMMANDS.copyApiKeyId]: k.id,
      };
      const go = await ctx.ui.pick(
        actionsFor(picked.m).map((a) => ({ label: a.label, description: why[a.command], action: a })),
        { title: vscode.l10n.t('"{0}" in {1}, owned by {2}', k.name || k.id, projectName(picked.m.project), keyOwner(k)) },
      );
      if (!go) throw new Cancelled();
      await vscode.commands.executeCommand(go.action.command, nodeFor(ctx, picked.m, go.action.node));
    },
  };
}
