// Bulk changes: offboard a person from every project, add a person to many, copy rate limits or
// policy settings to many. Each builds a plan (src/bulk/) that is shown, confirmed once and applied.
import * as l10n from '@vscode/l10n';
import type { OrganizationUser, Project, ProjectRateLimit, ProjectUser } from '../client';
import { showAndApply, type ApplyResult } from '../bulk/plan';
import { planOffboard } from '../bulk/offboard';
import { targetMember } from './organization';
import { planAddToProjects, planCopyRateLimits, planRemoveEverywhere, type UserRef } from '../bulk/planners';
import { copyable, planCopySettings, readSections } from '../bulk/copySettings';
import { SECTIONS, sectionLabel, wantedText } from '../webview/settingsProtocol';
import { isArchived, isDefaultProject, projectName, sortProjects } from '../shared/projectInfo';
import { isFolderNode, isProjectNode } from '../kit/node';
import { Cancelled, targetProject, withViewProgress, type Ctx } from '../kit/context';
import { pickRole, userLabel } from './members';
import { iconless } from '../kit/ui';

const isLeaf = (n: unknown): n is { id: string; project: Project; item: unknown } => !!n && typeof n === 'object' && 'item' in n && 'project' in n;

/** The person a user row names, or one picked from the organization's members. */
async function targetUser(ctx: Ctx, node: unknown, title: string): Promise<UserRef> {
  if (isLeaf(node) && node.id.includes('/users/')) {
    const u = node.item as ProjectUser;
    return { id: u.id, label: userLabel(u), email: u.email };
  }
  const org = await withViewProgress(l10n.t('Loading the organization’s members…'), () => ctx.store.orgUsers());
  const picked = await ctx.ui.pick(
    org.map((u: OrganizationUser) => ({
      label: iconless(userLabel(u)),
      description: u.email ?? undefined,
      detail: l10n.t('organization {0} · {1}', u.role ?? 'member', u.id),
      u,
    })),
    { title, placeHolder: l10n.t('Search by name or email'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return { id: picked.u.id, label: userLabel(picked.u), email: picked.u.email };
}

export async function pickProjects(ctx: Ctx, title: string, except?: Project): Promise<Project[]> {
  const all = sortProjects(await ctx.store.projects(false)).filter((p) => p.id !== except?.id);
  const picked = await ctx.ui.pickMany(
    all.map((p) => ({ label: iconless(projectName(p)), description: isDefaultProject(p) ? 'default' : undefined, detail: p.id, p })),
    { title, placeHolder: l10n.t('Pick the projects (Space to tick, Enter when done)'), matchOnDetail: true },
  );
  if (!picked?.length) throw new Cancelled();
  return picked.map((x) => x.p);
}

export function bulkCommands(ctx: Ctx) {
  return {
    async removeUserEverywhere(node?: unknown): Promise<ApplyResult | undefined> {
      const user = await targetUser(ctx, node, l10n.t('Remove whom from every project?'));
      const plan = await planRemoveEverywhere(ctx, user);
      return showAndApply(ctx, plan, l10n.t('remove {0} from all projects', user.label));
    },

    /** Out of the organization, with everything that goes with it, as one plan. */
    async offboardPerson(node?: unknown): Promise<ApplyResult | undefined> {
      const title = l10n.t('Offboard whom?');
      let member: OrganizationUser;
      if (isLeaf(node) && node.id.includes('/users/')) {
        const id = (node.item as ProjectUser).id;
        const found = (await ctx.store.orgList('members')).find((u) => u.id === id);
        if (!found) throw new Error(l10n.t('{0} is not a member of the organization (any more).', userLabel(node.item as ProjectUser)));
        member = found;
      } else member = await targetMember(ctx, node, title);
      const plan = await withViewProgress(l10n.t('Planning the offboarding…'), () => planOffboard(ctx, member));
      return showAndApply(ctx, plan, l10n.t('offboard {0}', userLabel(member)));
    },

    async addUserToProjects(node?: unknown): Promise<ApplyResult | undefined> {
      const user = await targetUser(ctx, node, l10n.t('Add whom to projects?'));
      const targets = await pickProjects(ctx, l10n.t('Add {0} to which projects?', user.label));
      const role = await pickRole(ctx, l10n.t('Role of {0} in the {1} projects', user.label, targets.length));
      const plan = await planAddToProjects(ctx, user, targets, role);
      return showAndApply(ctx, plan, l10n.t('add {0} to projects', user.label));
    },

    /** From a project (all its models), its Rate limits folder, or one model's row. */
    async copyRateLimits(node?: unknown): Promise<ApplyResult | undefined> {
      const model = isLeaf(node) && !isFolderNode(node) && !isProjectNode(node) ? (node.item as ProjectRateLimit).model : undefined;
      const source = await targetProject(ctx, node, { forChange: false, title: l10n.t('Copy the rate limits of which project?') });
      if (isArchived(source)) throw new Error(l10n.t('"{0}" is archived: copy from an active project.', projectName(source)));
      const targets = await pickProjects(
        ctx,
        l10n.t('Copy {0} of "{1}" to which projects?', model ? l10n.t("{0}'s limits", model) : l10n.t('the rate limits'), projectName(source)),
        source,
      );
      const plan = await planCopyRateLimits(ctx, source, targets, model);
      return showAndApply(ctx, plan, l10n.t('copy rate limits from {0}', projectName(source)));
    },

    /** The policy sections a person picks (each shown as the source holds it), to projects they pick. */
    async copySettings(node?: unknown): Promise<ApplyResult | undefined> {
      const source = await targetProject(ctx, node, { forChange: false, title: l10n.t('Copy the settings of which project?') });
      if (isArchived(source)) throw new Error(l10n.t('"{0}" is archived: copy from an active project.', projectName(source)));
      const from = await withViewProgress(l10n.t('Reading the settings of "{0}"…', projectName(source)), () => readSections(ctx, source.id, SECTIONS));
      const items = SECTIONS.map((s) => {
        const c = copyable(s, from[s]);
        return { label: sectionLabel(s), description: 'want' in c ? wantedText(s, c.want) : l10n.t('cannot be copied: {0}', c.why), s };
      });
      const picked = await ctx.ui.pickMany(items, {
        title: l10n.t('Copy which settings of "{0}"?', projectName(source)),
        placeHolder: l10n.t('Pick the sections (Space to tick, Enter when done)'),
        matchOnDescription: true,
      });
      if (!picked?.length) throw new Cancelled();
      const sections = picked.map((x) => x.s);
      const targets = await pickProjects(
        ctx,
        l10n.t('Copy {0} of "{1}" to which projects?', sections.map(sectionLabel).join(', '), projectName(source)),
        source,
      );
      const plan = await planCopySettings(ctx, source, from, sections, targets);
      return showAndApply(ctx, plan, l10n.t('copy settings from {0}', projectName(source)));
    },
  };
}
