// Commands on the organization itself: invite people, cancel an invite, change an organization role,
// remove someone from the organization, create, delete and rotate admin keys.
import * as vscode from 'vscode';
import type { AdminApiKey, Invite, OrganizationUser, Project } from '../client';
import { fillIndex } from '../index/indexer';
import { Cancelled, confirmPassed, done, type Ctx } from '../kit/context';
import { ORG_VIEW_ID } from '../kit/ids';
import { iconless } from '../kit/ui';
import { day } from '../shared/format';
import { isArchived, isDefaultProject, projectName, sortProjects } from '../shared/projectInfo';
import { daysLeft, EXPIRY_WARNING_DAYS, inviteStatus, memberLabel, type OrgItemOf, type OrgKind } from '../store/orgKinds';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ORG_ROLES = ['reader', 'owner'] as const;
const YEAR_DAYS = 365;
const nowS = () => Date.now() / 1000;

/** The organization item a row holds, or one picked from its list (filtered to what the command can act on). */
async function targetOrgItem<K extends OrgKind>(
  ctx: Ctx,
  node: unknown,
  kind: K,
  opts: { title: string; label(i: OrgItemOf<K>): string; detail?(i: OrgItemOf<K>): string; only?(i: OrgItemOf<K>): boolean; none: string },
): Promise<OrgItemOf<K>> {
  if (node && typeof node === 'object' && 'orgItem' in node && 'orgKind' in node && (node as { orgKind: unknown }).orgKind === kind)
    return (node as { orgItem: OrgItemOf<K> }).orgItem;
  const items = (await inOrgView(vscode.l10n.t('Loading…'), () => ctx.store.orgList(kind))) as OrgItemOf<K>[];
  const choices = items.filter((i) => opts.only?.(i) ?? true);
  if (!choices.length) throw new Error(opts.none);
  const picked = await ctx.ui.pick(
    choices.map((i) => ({ label: iconless(opts.label(i)), detail: opts.detail?.(i), i })),
    { title: opts.title, matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return picked.i;
}

/** The Organization view's progress bar while `task` runs. */
function inOrgView<T>(title: string, task: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: { viewId: ORG_VIEW_ID }, title }, task));
}

/** Emails as typed (commas, spaces, semicolons or lines between them), each checked, each once. */
export function parseEmails(text: string): { emails: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const p of parts) {
    if (!EMAIL.test(p)) invalid.push(p);
    else if (!seen.has(p.toLowerCase())) {
      seen.add(p.toLowerCase());
      emails.push(p);
    }
  }
  return { emails, invalid };
}

async function pickOrgRole(ctx: Ctx, title: string, current?: string | null): Promise<string> {
  const picked = await ctx.ui.pick(
    ORG_ROLES.map((r) => ({
      label: r,
      description: r === current ? 'current' : r === 'owner' ? vscode.l10n.t('manages the organization') : vscode.l10n.t('reads the organization'),
    })),
    { title, placeHolder: vscode.l10n.t('Role in the organization') },
  );
  if (!picked) throw new Cancelled();
  return picked.label;
}

/** Projects (with a role each) an invite grants on acceptance: none, or picked with one role for all, or a role each. */
async function pickInviteProjects(ctx: Ctx): Promise<{ id: string; role: string; name: string }[]> {
  const none = { label: vscode.l10n.t('No project'), description: vscode.l10n.t('they join no project, not even the default one'), way: 'none' as const };
  const some = { label: vscode.l10n.t('Pick projects…'), description: vscode.l10n.t('they join them on accepting'), way: 'some' as const };
  const way = await ctx.ui.pick([some, none], { title: vscode.l10n.t('Projects they join'), placeHolder: vscode.l10n.t('Which projects they join') });
  if (!way) throw new Cancelled();
  if (way.way === 'none') return [];
  const all = sortProjects(await ctx.store.projects(false)).filter((p) => !isDefaultProject(p));
  const picked = await ctx.ui.pickMany(
    all.map((p) => ({ label: iconless(projectName(p)), detail: p.id, p })),
    { title: vscode.l10n.t('Projects they join'), placeHolder: vscode.l10n.t('Pick the projects (Space to tick, Enter when done)'), matchOnDetail: true },
  );
  if (!picked?.length) throw new Cancelled();
  const each = vscode.l10n.t('A role for each project…');
  const roles = await ctx.ui.pick(
    [{ label: 'member' }, { label: 'owner' }, { label: each }].map((x) => ({ ...x })),
    { title: vscode.l10n.t('Their role in the {0} projects', picked.length) },
  );
  if (!roles) throw new Cancelled();
  const out: { id: string; role: string; name: string }[] = [];
  for (const { p } of picked) {
    let role = roles.label;
    if (role === each) {
      const r = await ctx.ui.pick([{ label: 'member' }, { label: 'owner' }], { title: vscode.l10n.t('Role in "{0}"', projectName(p)) });
      if (!r) throw new Cancelled();
      role = r.label;
    }
    out.push({ id: p.id, role, name: projectName(p) });
  }
  return out;
}

export interface Footprint {
  memberships: { project: Project; role: string }[];
  keys: { project: Project; name: string; redacted: string }[];
  /** Projects whose members or keys could not be read, with why. */
  unread: { project: Project; error: string }[];
}

/**
 * Where a person is, and which keys of theirs go with them: every active project's members and keys,
 * read where missing. With `partial`, a project that could not be read is returned in `unread`;
 * without, it refuses (what goes would not be known).
 */
export async function footprint(ctx: Ctx, userId: string, partial = false): Promise<Footprint> {
  const projects = (await ctx.store.projects(true)).filter((p) => !isArchived(p) && !isDefaultProject(p));
  const r = await ctx.ui.progress(vscode.l10n.t('Reading where they are'), (report, token) =>
    fillIndex(ctx.store, ctx.index, {
      kinds: ['users', 'apiKeys'],
      projects,
      token,
      report: (d, t) => report(vscode.l10n.t('{0} of {1} projects', d, t)),
    }),
  );
  if (r.cancelled) throw new Cancelled();
  if (r.failed.length && !partial)
    throw new Error(
      vscode.l10n.t('Could not read where they are in {0} project(s), so what goes with them is not known; nothing was changed. Try again.', r.failed.length),
    );
  const out: Footprint = { memberships: [], keys: [], unread: [] };
  for (const p of projects) {
    const failed = r.failed.find((f) => f.project.id === p.id);
    if (failed) {
      out.unread.push({ project: p, error: failed.error instanceof Error ? failed.error.message : String(failed.error) });
      continue;
    }
    const users = ctx.store.loaded(p.id, 'users') ?? ctx.index.folder(p.id, 'users')?.items ?? [];
    const m = users.find((u) => u.id === userId);
    if (m) out.memberships.push({ project: p, role: m.role });
    const ks = ctx.store.loaded(p.id, 'apiKeys') ?? ctx.index.folder(p.id, 'apiKeys')?.items ?? [];
    for (const k of ks) if (k.owner.user?.id === userId) out.keys.push({ project: p, name: k.name || k.id, redacted: k.redacted_value });
  }
  return out;
}

/** The member a row holds, or one picked from the organization's members. */
export function targetMember(ctx: Ctx, node: unknown, title: string): Promise<OrganizationUser> {
  return targetOrgItem(ctx, node, 'members', {
    title,
    label: memberLabel,
    detail: (x: OrganizationUser) => `${x.email ?? ''} · ${x.role ?? ''}`,
    none: vscode.l10n.t('The organization has no members.'),
  });
}

/** Whether `u` is the organization's only owner (which it must keep). */
async function isLastOwner(ctx: Ctx, u: OrganizationUser): Promise<boolean> {
  return u.role === 'owner' && (await ctx.store.orgList('members')).filter((m) => m.role === 'owner').length <= 1;
}

/** The admin key this window sends, as the organization lists it (undefined: not among them, e.g. another organization's). */
async function currentAdminKey(ctx: Ctx): Promise<AdminApiKey | undefined> {
  const keys = await ctx.store.orgList('adminKeys');
  for (const k of keys) if (await ctx.keys.isCurrent(k.redacted_value)) return k;
  return undefined;
}

/** Refuses, with the reason, to remove the organization's last owner or the owner of the key this window uses. */
export async function refuseRemoval(ctx: Ctx, u: OrganizationUser): Promise<void> {
  if (await isLastOwner(ctx, u))
    throw new Error(vscode.l10n.t('{0} is the last owner of the organization, which must keep one: make someone else an owner first.', memberLabel(u)));
  const mine = await currentAdminKey(ctx);
  if (mine?.owner?.id === u.id)
    throw new Error(
      vscode.l10n.t(
        '{0} owns the admin key this window uses ("{1}"): removing them would revoke it mid-way. Set an admin key of another owner first.',
        memberLabel(u),
        mine.name || mine.id,
      ),
    );
}

export function organizationCommands(ctx: Ctx) {
  return {
    async inviteToOrganization(_node?: unknown, emails?: unknown, role?: unknown): Promise<string[]> {
      const passed = typeof emails === 'string' || typeof role === 'string';
      const text =
        typeof emails === 'string'
          ? emails
          : await ctx.ui.input({
              title: vscode.l10n.t('Invite to the organization'),
              prompt: vscode.l10n.t('One or more email addresses, separated by commas or spaces.'),
              placeHolder: 'name@example.com, other@example.com',
              ignoreFocusOut: true,
              validateInput: (v) => {
                const { emails: ok, invalid } = parseEmails(v);
                if (invalid.length) return vscode.l10n.t('Not an email address: {0}', invalid.join(', '));
                return ok.length ? undefined : vscode.l10n.t('Type at least one email address.');
              },
            });
      if (text === undefined) throw new Cancelled();
      const parsed = parseEmails(text);
      if (parsed.invalid.length) throw new Error(vscode.l10n.t('Not an email address: {0}', parsed.invalid.join(', ')));
      if (!parsed.emails.length) throw new Error(vscode.l10n.t('Type at least one email address.'));
      const [members, invites] = await inOrgView(vscode.l10n.t('Loading the members and invites…'), () =>
        Promise.all([ctx.store.orgList('members'), ctx.store.orgList('invites')]),
      );
      const memberOf = new Map(members.filter((u) => u.email).map((u) => [u.email!.toLowerCase(), u]));
      const pendingFor = new Set(invites.filter((i) => inviteStatus(i, nowS()) === 'pending').map((i) => i.email.toLowerCase()));
      const already = parsed.emails.filter((e) => memberOf.has(e.toLowerCase()));
      const invited = parsed.emails.filter((e) => !memberOf.has(e.toLowerCase()) && pendingFor.has(e.toLowerCase()));
      const toSend = parsed.emails.filter((e) => !memberOf.has(e.toLowerCase()) && !pendingFor.has(e.toLowerCase()));
      const notSent = [
        already.length ? vscode.l10n.t('Already members: {0}.', already.join(', ')) : '',
        invited.length ? vscode.l10n.t('Already invited: {0}.', invited.join(', ')) : '',
      ]
        .filter(Boolean)
        .join(' ');
      if (!toSend.length) throw new Error(vscode.l10n.t('Nobody to invite. {0}', notSent));
      const r = typeof role === 'string' ? role : await pickOrgRole(ctx, vscode.l10n.t('Organization role of {0}', toSend.join(', ')));
      if (!(ORG_ROLES as readonly string[]).includes(r)) throw new Error(vscode.l10n.t('"{0}" is not an organization role (owner or reader).', r));
      const projects = passed ? [] : await pickInviteProjects(ctx);
      if (passed) await confirmPassed(ctx, vscode.l10n.t('Invite {0} to the organization as {1}?', toSend.join(', '), r), vscode.l10n.t('Invite'));
      const sent: string[] = [];
      const failed: string[] = [];
      let lost = false;
      await inOrgView(vscode.l10n.t('Inviting…'), async () => {
        // One at a time: each invite is a write, sent once.
        for (const email of toSend) {
          try {
            const w = await ctx.writer.invite({ email, role: r, projects: projects.map(({ id, role: pr }) => ({ id, role: pr })) });
            lost ||= w.lost;
            sent.push(email);
          } catch (e) {
            failed.push(`${email}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      });
      const joins = projects.length ? vscode.l10n.t(' They join {0} on accepting.', projects.map((p) => `"${p.name}" (${p.role})`).join(', ')) : '';
      const message = sent.length
        ? vscode.l10n.t('Invited {0} as {1}.{2}', sent.join(', '), r, joins) + (notSent ? ` ${notSent}` : '')
        : vscode.l10n.t('No invite was sent.');
      if (failed.length) throw new Error(`${message} ${vscode.l10n.t('Not sent: {0}', failed.join('; '))}`);
      done(ctx, message, { lost, unusual: toSend.length > 1 || !!notSent });
      return sent;
    },

    async cancelInvite(node?: unknown): Promise<void> {
      const i = await targetOrgItem(ctx, node, 'invites', {
        title: vscode.l10n.t('Cancel which invite?'),
        label: (x: Invite) => x.email,
        detail: (x) => `${x.role} · ${inviteStatus(x, nowS())}`,
        only: (x) => inviteStatus(x, nowS()) !== 'accepted',
        none: vscode.l10n.t('There is no invite to cancel.'),
      });
      if (inviteStatus(i, nowS()) === 'accepted')
        throw new Error(vscode.l10n.t('{0} has accepted the invite: they are a member now (remove them from the organization instead).', i.email));
      if (
        !(await ctx.ui.confirm(
          vscode.l10n.t('Cancel the invite for {0}?', i.email),
          vscode.l10n.t('The link in their email stops working. You can invite them again later.'),
          vscode.l10n.t('Cancel Invite'),
        ))
      )
        return;
      const w = await inOrgView(vscode.l10n.t('Cancelling the invite…'), () =>
        ctx.writer.cancelInvite(i.id, vscode.l10n.t('cancelling the invite for {0}', i.email)),
      );
      done(ctx, vscode.l10n.t('Invite for {0} cancelled.', i.email), { lost: w.lost });
    },

    async changeOrganizationRole(node?: unknown, role?: unknown): Promise<void> {
      const u = await targetMember(ctx, node, vscode.l10n.t('Change whose organization role?'));
      const r = typeof role === 'string' ? role : await pickOrgRole(ctx, vscode.l10n.t('New organization role of {0}', memberLabel(u)), u.role);
      if (!(ORG_ROLES as readonly string[]).includes(r)) throw new Error(vscode.l10n.t('"{0}" is not an organization role (owner or reader).', r));
      if (r === u.role) return;
      if (await isLastOwner(ctx, u))
        throw new Error(vscode.l10n.t('{0} is the last owner of the organization: make someone else an owner first.', memberLabel(u)));
      if (typeof role === 'string')
        await confirmPassed(ctx, vscode.l10n.t('Make {0} {1} of the organization?', memberLabel(u), r), vscode.l10n.t('Change Role'));
      const w = await inOrgView(vscode.l10n.t('Changing the role…'), () =>
        ctx.writer.changeOrgRole(u.id, r, vscode.l10n.t('changing the organization role of {0} to {1}', memberLabel(u), r)),
      );
      done(ctx, vscode.l10n.t('{0} is now {1} of the organization.', memberLabel(u), r), { lost: w.lost });
    },

    /** Out of the organization, and so out of every project; their keys stop working. */
    async removeFromOrganization(node?: unknown): Promise<void> {
      const u = await targetMember(ctx, node, vscode.l10n.t('Remove whom from the organization?'));
      await refuseRemoval(ctx, u);
      const where = await footprint(ctx, u.id);
      const list = (xs: string[]) => (xs.length > 6 ? `${xs.slice(0, 6).join(', ')}, … (${xs.length})` : xs.join(', '));
      const detail = [
        where.memberships.length
          ? vscode.l10n.t(
              'They leave {0} project(s) besides the default one: {1}.',
              where.memberships.length,
              list(where.memberships.map((m) => `${projectName(m.project)} (${m.role})`)),
            )
          : vscode.l10n.t('They are in no project besides the default one.'),
        where.keys.length
          ? vscode.l10n.t('Their {0} API key(s) stop working: {1}.', where.keys.length, list(where.keys.map((k) => `${k.name} (${projectName(k.project)})`)))
          : vscode.l10n.t('They have no API keys in those projects.'),
        u.is_scim_managed
          ? vscode.l10n.t('They are managed by your identity provider (SCIM): unless they are removed there too, the next sync brings them back.')
          : '',
        vscode.l10n.t('They can no longer sign in to the organization. This cannot be undone (they can be invited again).'),
      ]
        .filter(Boolean)
        .join('\n\n');
      if (!(await ctx.ui.confirm(vscode.l10n.t('Remove {0} from the organization?', memberLabel(u)), detail, vscode.l10n.t('Remove from Organization'))))
        return;
      const w = await inOrgView(vscode.l10n.t('Removing…'), () =>
        ctx.writer.removeFromOrganization(u.id, vscode.l10n.t('removing {0} from the organization', memberLabel(u))),
      );
      done(ctx, vscode.l10n.t('{0} removed from the organization and {1} project(s).', memberLabel(u), where.memberships.length), { lost: w.lost });
    },

    async createAdminKey(_node?: unknown, name?: unknown, days?: unknown): Promise<string | undefined> {
      const n =
        typeof name === 'string'
          ? name
          : await ctx.ui.input({
              title: vscode.l10n.t('New admin key'),
              prompt: vscode.l10n.t('A name that says who or what uses it, e.g. "ci-provisioning".'),
              validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('An admin key needs a name.')),
              ignoreFocusOut: true,
            });
      if (n === undefined) throw new Cancelled();
      if (!n.trim()) throw new Error(vscode.l10n.t('An admin key needs a name.'));
      const ttl = typeof days === 'number' ? days : await pickExpiry(ctx);
      if (ttl !== 0 && (!Number.isInteger(ttl) || ttl < 1 || ttl > YEAR_DAYS))
        throw new Error(vscode.l10n.t('An admin key expires in 1 to {0} days (or never).', YEAR_DAYS));
      if (typeof name === 'string' || typeof days === 'number')
        await confirmPassed(ctx, vscode.l10n.t('Create the admin key "{0}"?', n.trim()), vscode.l10n.t('Create'));
      // The list as it is before: a lost answer is then settled by what is new in it, not by the clock.
      await inOrgView(vscode.l10n.t('Loading the admin keys…'), () => ctx.store.orgList('adminKeys'));
      const made = await inOrgView(vscode.l10n.t('Creating the admin key…'), () => ctx.writer.createAdminKey(n.trim(), ttl ? ttl * 86_400 : undefined));
      if (!made.key) {
        const message = vscode.l10n.t(
          'The admin key "{0}" was created, but the answer with its key was lost on the way, and the key cannot be shown again. Delete it and create another.',
          n.trim(),
        );
        ctx.log.warn(message);
        void ctx.ui.notify('warning', message);
        return made.row.id;
      }
      ctx.log.info(`Admin key ${made.row.id} created (its value is not logged).`);
      const copy = vscode.l10n.t('Copy Key');
      const choice = await ctx.ui.modal(
        vscode.l10n.t('Admin key "{0}" created. Copy it now: it is shown only this once and is not stored by VS Code.', n.trim()),
        made.key.value,
        copy,
      );
      if (choice === copy) {
        await vscode.env.clipboard.writeText(made.key.value);
        done(ctx, vscode.l10n.t('Key copied to the clipboard.'));
      }
      return made.row.id;
    },

    async deleteAdminKey(node?: unknown): Promise<void> {
      const k = await targetOrgItem(ctx, node, 'adminKeys', {
        title: vscode.l10n.t('Delete which admin key?'),
        label: (x: AdminApiKey) => x.name || x.id,
        detail: (x) => x.redacted_value,
        none: vscode.l10n.t('The organization has no admin keys.'),
      });
      const current = await ctx.keys.isCurrent(k.redacted_value);
      if (current) {
        const word = k.name || k.id;
        const typed = await ctx.ui.input({
          title: vscode.l10n.t('Delete the admin key this window uses?'),
          prompt: vscode.l10n.t(
            '"{0}" is the key this window uses: once deleted, nothing here works until another key is set. Type its name to delete it.',
            word,
          ),
          validateInput: (v) => (v.trim() === word ? undefined : vscode.l10n.t('Type "{0}" to confirm.', word)),
          ignoreFocusOut: true,
        });
        if (typed?.trim() !== word) throw new Cancelled();
      } else if (
        !(await ctx.ui.confirm(
          vscode.l10n.t('Delete the admin key "{0}" ({1})?', k.name || k.id, k.redacted_value),
          vscode.l10n.t('Whatever uses it stops working at once. This cannot be undone.'),
          vscode.l10n.t('Delete Key'),
        ))
      )
        return;
      const w = await inOrgView(vscode.l10n.t('Deleting the admin key…'), () =>
        ctx.writer.deleteAdminKey(k.id, vscode.l10n.t('deleting the admin key "{0}"', k.name || k.id)),
      );
      done(ctx, vscode.l10n.t('Admin key "{0}" deleted.', k.name || k.id), { lost: w.lost });
      // The key in use is gone: the views say so (no key) instead of failing on every row.
      if (current) await ctx.keys.forgetCurrent();
    },

    /**
     * A new key for this window, in an order that never leaves it without a working one: create, verify
     * the new key with a read, store it, then delete the old with the new key (and read that back).
     */
    async rotateAdminKey(): Promise<void> {
      const old = await inOrgView(vscode.l10n.t('Loading the admin keys…'), () => currentAdminKey(ctx));
      if (!old) throw new Error(vscode.l10n.t('The key this window uses is not among the organization’s admin keys, so it cannot be rotated here.'));
      const left = daysLeft(old, nowS());
      const when = old.expires_at == null ? vscode.l10n.t('does not expire') : vscode.l10n.t('expires {0}', day(old.expires_at));
      if (
        !(await ctx.ui.confirm(
          vscode.l10n.t('Rotate the admin key "{0}" ({1})?', old.name || old.id, when),
          vscode.l10n.t(
            'A new admin key is created with the same name and expiry period, checked, and stored in VS Code’s secret storage; then the old key is deleted. Anything else that uses the old key stops working.',
          ),
          vscode.l10n.t('Rotate'),
        ))
      )
        return;
      const period = old.expires_at != null ? Math.min(YEAR_DAYS * 86_400, Math.max(86_400, old.expires_at - old.created_at)) : undefined;
      await ctx.ui.progress(vscode.l10n.t('Rotating the admin key'), async (report) => {
        report(vscode.l10n.t('creating the new key…'));
        const made = await ctx.writer.createAdminKey(old.name || vscode.l10n.t('Admin key'), period);
        if (!made.key)
          throw new Error(
            vscode.l10n.t('The new key was created, but its value was lost on the way: the old key stays in use. Delete the new one ("{0}").', made.row.id),
          );
        report(vscode.l10n.t('checking the new key…'));
        await ctx.keys.verify(made.key.value);
        report(vscode.l10n.t('storing the new key…'));
        await ctx.keys.replace(made.key.value);
        report(vscode.l10n.t('deleting the old key…'));
        await ctx.writer.deleteAdminKey(old.id, vscode.l10n.t('deleting the old admin key "{0}"', old.name || old.id));
      });
      done(ctx, vscode.l10n.t('Admin key rotated: this window uses the new key, and the old one is deleted.'), { unusual: left !== undefined && left < 0 });
    },
  };
}

async function pickExpiry(ctx: Ctx): Promise<number> {
  const choices = [30, 90, 180, YEAR_DAYS].map((d) => ({ label: vscode.l10n.t('{0} days', d), days: d }));
  const picked = await ctx.ui.pick([...choices, { label: vscode.l10n.t('Never'), days: 0, description: vscode.l10n.t('not recommended') }], {
    title: vscode.l10n.t('When the key expires'),
  });
  if (!picked) throw new Cancelled();
  return picked.days;
}

/** Warns once a session when the key in use is within 14 days of its expiry, with Rotate. */
export function expiryWarning(ctx: Ctx, rotate: () => Promise<unknown>) {
  let warned = false;
  return async (keys: AdminApiKey[]) => {
    if (warned) return;
    for (const k of keys) {
      const left = daysLeft(k, nowS());
      if (left === undefined || left >= EXPIRY_WARNING_DAYS || !(await ctx.keys.isCurrent(k.redacted_value))) continue;
      warned = true;
      const action = vscode.l10n.t('Rotate…');
      const text =
        left < 0
          ? vscode.l10n.t('The admin key this window uses ("{0}") has expired.', k.name || k.id)
          : vscode.l10n.t('The admin key this window uses ("{0}") expires in {1} day(s), on {2}.', k.name || k.id, left, day(k.expires_at));
      if ((await ctx.ui.notify('warning', text, action)) === action) await rotate();
      return;
    }
  };
}
