// View-level commands: refresh all or one subtree, and the archived-projects toggle.
import * as vscode from 'vscode';
import type { TreeNode } from '../kit/node';
import { SHOW_ARCHIVED } from '../kit/config';
import type { Ctx } from '../kit/context';

export function viewCommands(ctx: Ctx) {
  const setArchived = async (show: boolean) => {
    await vscode.workspace.getConfiguration('openaiProjects').update(SHOW_ARCHIVED, show, vscode.ConfigurationTarget.Global);
  };
  return {
    refresh: () => ctx.tree.refresh(),
    refreshNode: (node?: TreeNode) => ctx.tree.refresh(node),
    showArchived: () => setArchived(true),
    hideArchived: () => setArchived(false),
  };
}
