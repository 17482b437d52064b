// Bulk changes: offboard a person from every project, add a person to many, copy rate limits to
// many. Each builds a plan (src/bulk/) that is shown, confirmed once and applied.
import type { OrganizationUser, Project, ProjectRateLimit, ProjectUser } from '../client';
import { showAndApply, type ApplyResult } from '../bulk/plan';
import { planAddToProjects, planCopyRateLimits, planRemoveEverywhere, type UserRef } from '../bulk/planners';
import { isArchived, isDefaultProject, projectName, sortProjects } from '../tree/projectInfo';
import { isFolderNode, isProjectNode } from '../tree/projectsTree';
import { Cancelled, targetProject, withViewProgress, type Ctx } from './context';
import { pickRole, userLabel } from './members';

const isLeaf = (n: unknown): n is { id: string; project: Project; item: unknown } => !!n && typeof n === 'object' && 'item' in n && 'project' in n;

/** The person a user row names, or one picked from the organization's members. */
async function targetUser(ctx: Ctx, node: unknown, title: string): Promise<UserRef> {
  if (isLeaf(node) && node.id.includes('/users/')) {
    const u = node.item as ProjectUser;
    return { id: u.id, label: userLabel(u), email: u.email };
  }
  const org = await withViewProgress('Loading the organization’s members…', () => ctx.store.orgUsers());
  const picked = await ctx.ui.pick(
    org.map((u: OrganizationUser) => ({ label: userLabel(u), description: u.email ?? undefined, detail: `organization ${u.role ?? 'member'} · ${u.id}`, u })),
    { title, placeHolder: 'Search by name or email', matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return { id: picked.u.id, label: userLabel(picked.u), email: picked.u.email };
}

async function pickProjects(ctx: Ctx, title: string, except?: Project): Promise<Project[]> {
  const all = sortProjects(await ctx.store.projects(false)).filter((p) => p.id !== except?.id);
  const picked = await ctx.ui.pickMany(
    all.map((p) => ({ label: projectName(p), description: isDefaultProject(p) ? 'default' : undefined, detail: p.id, p })),
    { title, placeHolder: 'Pick the projects (Space to tick, Enter when done)', matchOnDetail: true },
  );
  if (!picked?.length) throw new Cancelled();
  return picked.map((x) => x.p);
}

export function bulkCommands(ctx: Ctx) {
  return {
    async removeUserEverywhere(node?: unknown): Promise<ApplyResult | undefined> {
      const user = await targetUser(ctx, node, 'Remove whom from every project?');
      const plan = await planRemoveEverywhere(ctx, user);
      return showAndApply(ctx, plan, `remove ${user.label} from all projects`);
    },

    async addUserToProjects(node?: unknown): Promise<ApplyResult | undefined> {
      const user = await targetUser(ctx, node, 'Add whom to projects?');
      const targets = await pickProjects(ctx, `Add ${user.label} to which projects?`);
      const role = await pickRole(ctx, `Role of ${user.label} in the ${targets.length} projects`);
      const plan = await planAddToProjects(ctx, user, targets, role);
      return showAndApply(ctx, plan, `add ${user.label} to projects`);
    },

    /** From a project (all its models), its Rate limits folder, or one model's row. */
    async copyRateLimits(node?: unknown): Promise<ApplyResult | undefined> {
      const model = isLeaf(node) && !isFolderNode(node) && !isProjectNode(node) ? (node.item as ProjectRateLimit).model : undefined;
      const source = await targetProject(ctx, node, { forChange: false, title: 'Copy the rate limits of which project?' });
      if (isArchived(source)) throw new Error(`"${projectName(source)}" is archived: copy from an active project.`);
      const targets = await pickProjects(ctx, `Copy ${model ? `${model}'s limits` : 'the rate limits'} of "${projectName(source)}" to which projects?`, source);
      const plan = await planCopyRateLimits(ctx, source, targets, model);
      return showAndApply(ctx, plan, `copy rate limits from ${projectName(source)}`);
    },
  };
}
