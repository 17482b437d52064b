// Usage & Cost and Activity: from a project, a person, a key or a service account, or the palette.
import * as l10n from '@vscode/l10n';
import type { ProjectApiKey, ProjectServiceAccount, ProjectUser } from '../client';
import { targetProject, type Ctx } from '../kit/context';
import { isFolderNode, isLeafNode, isProjectNode } from '../kit/node';
import type { ActivityPanels, ActivitySubject } from '../activity/panel';
import type { UsagePanels } from './panel';

/** The subject a tree row stands for: a project (or one of its folders), a person, a key, a service account. */
function subjectOf(node: unknown): ActivitySubject | undefined {
  if (isProjectNode(node) || isFolderNode(node)) return { kind: 'project', project: node.project };
  if (!isLeafNode(node)) return undefined;
  const leaf = node;
  const kind = leaf.kind;
  if (kind === 'users') return { kind: 'user', project: leaf.project, user: leaf.item as ProjectUser };
  if (kind === 'apiKeys') return { kind: 'apiKey', project: leaf.project, key: leaf.item as ProjectApiKey };
  if (kind === 'serviceAccounts') return { kind: 'serviceAccount', project: leaf.project, account: leaf.item as ProjectServiceAccount };
  return { kind: 'project', project: leaf.project };
}

export function usageCommands(ctx: Ctx, usage: UsagePanels, activity: ActivityPanels) {
  return {
    async showUsage(node?: unknown) {
      usage.show(await targetProject(ctx, node, { forChange: false, title: l10n.t('Usage & Cost') }));
    },
    showOrganizationUsage() {
      usage.show();
    },
    async showActivity(node?: unknown) {
      const subject = subjectOf(node) ?? {
        kind: 'project' as const,
        project: await targetProject(ctx, undefined, { forChange: false, title: l10n.t('Show Activity') }),
      };
      activity.show(subject);
    },
  };
}
