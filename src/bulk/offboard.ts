// Offboarding as a plan: one change, out of the organization (and so out of every project, the
// default one included), with what goes with it listed by project: each membership, each API key of
// theirs (which stops working), each admin key they own. Read from the index, missing lists fetched.
import * as l10n from '@vscode/l10n';
import type { OrganizationUser, Project } from '../client';
import type { Ctx } from '../kit/context';
import { footprint, refuseRemoval } from '../commands/organization';
import { isDefaultProject } from '../shared/projectInfo';
import { memberLabel } from '../store/orgKinds';
import { LOST } from '../store/outcome';
import type { Consequence, Plan } from './plan';

/** The organization as the place of a plan row (plans name a project per row). */
export const organizationPlace = (): Project => ({
  object: 'organization.project',
  id: 'organization',
  name: l10n.t('(the organization)'),
  created_at: 0,
  status: 'active',
});

export async function planOffboard(ctx: Ctx, u: OrganizationUser): Promise<Plan> {
  await refuseRemoval(ctx, u);
  const where = await footprint(ctx, u.id, true);
  const adminKeys = (await ctx.store.orgList('adminKeys')).filter((k) => k.owner?.id === u.id);
  const defaultProject = (await ctx.store.projects(false)).find(isDefaultProject);
  const org = organizationPlace();
  const label = memberLabel(u);
  const consequences: Consequence[] = [
    ...(defaultProject
      ? [{ project: defaultProject, object: l10n.t('membership'), what: l10n.t('removed (the default project follows the organization)') }]
      : []),
    ...where.memberships.map((m) => ({ project: m.project, object: l10n.t('membership ({0})', m.role), what: l10n.t('removed') })),
    ...where.keys.map((k) => ({ project: k.project, object: l10n.t('API key "{0}" ({1})', k.name, k.redacted), what: l10n.t('deleted: stops working') })),
    ...adminKeys.map((k) => ({
      project: org,
      object: l10n.t('admin key "{0}" ({1})', k.name || k.id, k.redacted_value),
      what: l10n.t('deleted: stops working'),
    })),
    ...where.unread.map((x) => ({
      project: x.project,
      object: l10n.t('members and API keys'),
      what: l10n.t('could not be read ({0}): whatever they have here goes too', x.error),
    })),
  ];
  const n = where.memberships.length;
  return {
    title: l10n.t('Offboard {0}', label),
    changes: [
      {
        project: org,
        object: l10n.t('user {0}', u.email ? `${label} <${u.email}>` : label),
        before: l10n.t('organization {0}', u.role ?? 'reader'),
        after: l10n.t('removed from the organization'),
        apply: async () => {
          const w = await ctx.writer.removeFromOrganization(u.id, l10n.t('removing {0} from the organization', label));
          return w.lost ? LOST.trim() : undefined;
        },
      },
    ],
    skipped: [],
    consequences,
    notes: [
      l10n.t(
        'They leave {0} project{1} besides the default one, and {2} API key{3} and {4} admin key{5} of theirs stop working.',
        n,
        n === 1 ? '' : 's',
        where.keys.length,
        where.keys.length === 1 ? '' : 's',
        adminKeys.length,
        adminKeys.length === 1 ? '' : 's',
      ),
      ...(u.is_scim_managed
        ? [l10n.t('They are managed by your identity provider (SCIM): unless they are removed there too, the next sync brings them back.')]
        : []),
      l10n.t('They can no longer sign in to the organization. This cannot be undone (they can be invited again).'),
      ...(where.unread.length ? [l10n.t('{0} project(s) could not be read: the table says which.', where.unread.length)] : []),
      l10n.t('To keep them in the organization, use Remove User from All Projects instead.'),
    ],
  };
}
