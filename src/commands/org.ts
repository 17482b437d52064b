// Organization-wide commands over the index: Index Whole Organization, Find in Organization…, and
// Find Leaked Key… (triage: which project and owner, then revoke).
import * as vscode from 'vscode';
import { errorText, type ProjectApiKey } from '../client';
import { fillIndex, type FillResult } from '../index/indexer';
import { cleanFragment, matchKey, MIN_FRAGMENT, tailOf } from '../index/leaked';
import { STALE_MS } from '../index/orgIndex';
import { searchRecords, type IndexRecord } from '../index/records';
import { day } from '../tree/format';
import { keyOwner, keyServiceAccount, leafNode } from '../tree/leaves';
import type { TreeNode } from '../tree/node';
import { projectName } from '../tree/projectInfo';
import { Cancelled, withViewProgress, type Ctx } from './context';
import { COMMANDS } from './ids';
import { reportError } from './register';

const ago = (ms: number | undefined) => {
  if (ms === undefined) return 'never';
  const m = Math.round((Date.now() - ms) / 60_000);
  return m < 1 ? 'just now' : m < 120 ? `${m} min ago` : m < 48 * 60 ? `${Math.round(m / 60)} h ago` : `${Math.round(m / 1440)} days ago`;
};

/** What a record's row offers once found: the commands that take its node. */
function actionsFor(r: IndexRecord): { label: string; command: string; node: 'item' | 'serviceAccount' }[] {
  switch (r.kind) {
    case 'project':
      return [
        { label: 'Edit Rate Limits…', command: COMMANDS.editRateLimits, node: 'item' },
        { label: 'Add User to Project…', command: COMMANDS.addUser, node: 'item' },
        { label: 'Rename Project…', command: COMMANDS.renameProject, node: 'item' },
        { label: 'Archive Project…', command: COMMANDS.archiveProject, node: 'item' },
        { label: 'Copy Project ID', command: COMMANDS.copyProjectId, node: 'item' },
      ];
    case 'users':
      return [
        { label: 'Change User Role…', command: COMMANDS.changeUserRole, node: 'item' },
        { label: 'Remove User from Project…', command: COMMANDS.removeUser, node: 'item' },
        { label: 'Remove User from All Projects…', command: COMMANDS.removeUserEverywhere, node: 'item' },
        { label: 'Add User to Projects…', command: COMMANDS.addUserToProjects, node: 'item' },
      ];
    case 'serviceAccounts':
      return [{ label: 'Delete Service Account…', command: COMMANDS.deleteServiceAccount, node: 'item' }];
    case 'apiKeys':
      return [
        (r.item as ProjectApiKey).owner.service_account
          ? { label: 'Delete Service Account…', command: COMMANDS.deleteServiceAccount, node: 'serviceAccount' }
          : { label: 'Delete API Key…', command: COMMANDS.deleteApiKey, node: 'item' },
        { label: 'Copy API Key ID', command: COMMANDS.copyApiKeyId, node: 'item' },
      ];
    case 'rateLimits':
      return [
        { label: 'Edit Rate Limits…', command: COMMANDS.editRateLimits, node: 'item' },
        { label: 'Copy Rate Limits to Projects…', command: COMMANDS.copyRateLimits, node: 'item' },
      ];
  }
}

function nodeFor(ctx: Ctx, r: IndexRecord, as: 'item' | 'serviceAccount' = 'item'): TreeNode {
  if (r.kind === 'project') return ctx.tree.projectNode(r.project);
  if (as === 'serviceAccount') return leafNode(r.project, 'serviceAccounts', keyServiceAccount(r.item as ProjectApiKey)!);
  return leafNode(r.project, r.kind, r.item as never);
}

export function orgCommands(ctx: Ctx) {
  const fill = (title: string, opts: Parameters<typeof fillIndex>[2]) =>
    ctx.ui.progress(title, (report, token) =>
      fillIndex(ctx.store, ctx.index, {
        ...opts,
        token,
        report: (done, total) => {
          const limit = ctx.pacer()?.state.limit;
          report(`${done} / ${total} projects${limit !== undefined ? ` · paced at ${limit} requests a minute` : ''}`);
        },
      }),
    );

  /** Says how a fill went: failures with the log, a cancel with how to resume. */
  const tell = (what: string, r: FillResult) => {
    for (const f of r.failed) ctx.log.error(`Indexing ${f.kind} of ${f.project.id}: ${errorText(f.error)}`);
    const s = ctx.index.stats();
    const state = `${s.complete} of ${s.projects} projects fully indexed`;
    // Not awaited: a notification's promise settles only when it is dismissed.
    if (r.failed.length)
      return void reportError(new Error(`${what}: ${r.failed.length} list${r.failed.length === 1 ? '' : 's'} could not be read (${state}).`), ctx.log, ctx.ui);
    ctx.log.info(`${what}: ${r.fetched} lists fetched; ${state}.`);
    if (r.cancelled) return void ctx.ui.notify('info', `${what} stopped: ${state}. Run it again to continue where it stopped.`);
    void ctx.ui.notify('info', `${what}: ${state} (${r.fetched} lists fetched).`);
  };

  const indexOrganization = async (): Promise<FillResult> => {
    await ctx.indexReady();
    const r = await fill('Indexing the organization', { maxAgeMs: STALE_MS });
    await ctx.index.flush();
    tell('Index Whole Organization', r);
    return r;
  };

  /** Lists older than an hour, fetched again in the background (the view's progress bar), one run at a time. */
  let revalidating: Promise<unknown> | undefined;
  const revalidate = () => {
    if (revalidating || !ctx.index.stats().stale) return;
    revalidating = withViewProgress('Refreshing the organization index…', () => fillIndex(ctx.store, ctx.index, { staleOnly: true, maxAgeMs: STALE_MS }))
      .then((r) => r.failed.forEach((f) => ctx.log.warn(`Refreshing ${f.kind} of ${f.project.id}: ${errorText(f.error)}`)))
      .finally(() => (revalidating = undefined));
  };

  const reveal = async (r: IndexRecord) => {
    const node = nodeFor(ctx, r);
    await ctx.view()?.reveal(node, { select: true, focus: true, expand: false });
    return node;
  };

  return {
    indexOrganization,

    async findInOrganization(): Promise<IndexRecord | undefined> {
      await ctx.indexReady();
      revalidate();
      const s = ctx.index.stats();
      const partial = s.complete < s.projects;
      const freshness = `${s.complete} of ${s.projects} projects indexed${s.newest ? `, updated ${ago(s.newest)}` : ''}${s.stale ? `, ${s.stale} lists older than an hour` : ''}`;
      type Item = vscode.QuickPickItem & { record?: IndexRecord; indexRest?: true };
      const indexRest: Item = {
        label: `$(sync) Index the remaining ${s.projects - s.complete} projects…`,
        description: 'paced to the API’s rate limit; search again after',
        indexRest: true,
      };
      const picked = await ctx.ui.search<Item>({
        title: `Find in Organization (${freshness})`,
        placeHolder: 'Project, person, email, service account, key name, id or redacted value, model…',
        search: (q) => {
          const { hits, total } = searchRecords(ctx.index.searchGroups(), q);
          const now = Date.now();
          const items: Item[] = hits.map((r) => ({
            label: r.label,
            description: r.at !== undefined && now - r.at > STALE_MS ? `${r.description} · listed ${ago(r.at)}` : r.description,
            record: r,
          }));
          if (total > hits.length) items.push({ label: `$(info) ${total - hits.length} more: type more to narrow`, description: '' });
          if (q.trim() && !hits.length)
            items.push({ label: '$(info) Nothing found in the index', description: partial ? 'part of the organization is not indexed yet' : '' });
          return partial ? [...items, indexRest] : items;
        },
      });
      if (!picked) throw new Cancelled();
      if (picked.indexRest) {
        await indexOrganization();
        return undefined;
      }
      if (!picked.record) return undefined;
      const r = picked.record;
      await reveal(r);
      const action = await ctx.ui.pick(actionsFor(r), {
        title: `${r.label} — ${r.description}`,
        placeHolder: 'Shown in the Projects view. Do something with it? (Esc: nothing)',
      });
      if (action) await vscode.commands.executeCommand(action.command, nodeFor(ctx, r, action.node));
      return r;
    },

    async findLeakedKey(): Promise<void> {
      await ctx.indexReady();
      const pasted = await ctx.ui.input({
        title: 'Find Leaked Key',
        prompt: `Paste the key, or any part of it (${MIN_FRAGMENT} characters or more): its start, its end, or its key id. It is not stored, logged or shown.`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => {
          const f = cleanFragment(v);
          if (f.length < MIN_FRAGMENT) return `At least ${MIN_FRAGMENT} characters.`;
          if (/\s/.test(f)) return 'A key has no spaces or line breaks: paste one key, or one piece of it.';
          return undefined;
        },
      });
      if (pasted === undefined) throw new Cancelled();
      const fragment = cleanFragment(pasted);
      if (fragment.length < MIN_FRAGMENT) throw new Error(`Paste at least ${MIN_FRAGMENT} characters of the key.`);
      const tail = tailOf(fragment);
      ctx.log.info(`Find Leaked Key: searched for a key ending in …${tail}.`);
      const r = await fill('Reading every project’s API keys', { kinds: ['apiKeys'], maxAgeMs: STALE_MS });
      if (r.failed.length || r.cancelled) tell('Reading API keys', r);
      const matches: IndexRecord[] = [];
      for (const group of ctx.index.searchGroups()) {
        for (const rec of group.records) if (rec.kind === 'apiKeys' && matchKey(fragment, rec.item as ProjectApiKey)) matches.push(rec);
      }
      const s = ctx.index.stats();
      const searched = `${s.projects} project${s.projects === 1 ? '' : 's'}`;
      if (!matches.length) {
        void ctx.ui.notify(
          'info',
          `No API key in ${searched} matches the key ending in …${tail}.${r.cancelled || r.failed.length ? ' Some projects’ keys could not be read: see the log.' : ''}`,
        );
        return;
      }
      const picked = await ctx.ui.pick(
        matches.map((m) => {
          const k = m.item as ProjectApiKey;
          return {
            label: k.name || k.id,
            description: `${k.redacted_value} · ${keyOwner(k)}`,
            detail: `${projectName(m.project)} · created ${day(k.created_at)} · last used ${day(k.last_used_at)} · matched by its ${matchKey(fragment, k)} · ${k.id}`,
            m,
          };
        }),
        {
          title: `${matches.length} key${matches.length === 1 ? ' matches' : 's match'} the key ending in …${tail} (of ${searched})`,
          matchOnDescription: true,
          matchOnDetail: true,
        },
      );
      if (!picked) throw new Cancelled();
      await reveal(picked.m);
      const [revoke] = actionsFor(picked.m);
      const k = picked.m.item as ProjectApiKey;
      const why = k.owner.service_account
        ? 'A service account’s key is revoked with its account (the API deletes it no other way).'
        : 'Revoking it stops everything that uses it at once.';
      const go = await ctx.ui.pick(
        [
          { label: revoke!.label, description: why, action: revoke },
          { label: 'Copy API Key ID', description: k.id, action: undefined },
        ],
        { title: `"${k.name || k.id}" in ${projectName(picked.m.project)}, owned by ${keyOwner(k)}` },
      );
      if (!go) throw new Cancelled();
      if (go.action) await vscode.commands.executeCommand(go.action.command, nodeFor(ctx, picked.m, go.action.node));
      else await vscode.commands.executeCommand(COMMANDS.copyApiKeyId, nodeFor(ctx, picked.m));
    },
  };
}
