// A tree node builds a fresh TreeItem each call; its id is hierarchical (`projectId/users/userId`)
// so refresh and reveal can target one subtree.
import * as vscode from 'vscode';
import { errorText } from '../client';

export interface TreeNode {
  readonly id: string;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]>;
}

// Commands can be called by any extension with any arguments. A node counts as one only if the tree
// made it: identity, not shape (a forged `{ project: … }` is no node, and the command asks, as from
// the palette).
const made = new WeakSet<object>();

/** Marks a node as the tree's own. */
export function issue<T extends TreeNode>(n: T): T {
  made.add(n);
  return n;
}

/** True for a node the tree handed out; false for anything else, whatever its shape. */
export const isIssued = (n: unknown): n is TreeNode => typeof n === 'object' && n !== null && made.has(n);

/** A leaf that only says something: an empty folder, or a load that failed (with a retry). */
export function messageNode(id: string, label: string, opts: { error?: boolean; tooltip?: string; retry?: vscode.Command } = {}): TreeNode {
  return issue({
    id,
    getTreeItem() {
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
      item.id = id;
      item.iconPath = new vscode.ThemeIcon(opts.error ? 'error' : 'info', opts.error ? new vscode.ThemeColor('errorForeground') : undefined);
      item.tooltip = opts.tooltip;
      item.contextValue = opts.error ? 'loadError' : 'placeholder';
      if (opts.retry) {
        item.command = opts.retry;
        item.description = vscode.l10n.t('click to retry');
      }
      return item;
    },
  });
}

/**
 * Turns a child load into its children, an "empty" placeholder, or an error row with a retry action.
 * Never pops a message: the tree itself says what went wrong.
 */
export async function makeChildren(
  parentId: string,
  load: () => Promise<TreeNode[]>,
  opts: { empty: string; retry: vscode.Command; onError?: (e: unknown) => TreeNode[] | undefined },
): Promise<TreeNode[]> {
  try {
    const children = await load();
    return children.length ? children : [messageNode(`${parentId}/empty`, opts.empty)];
  } catch (e) {
    const handled = opts.onError?.(e);
    if (handled) return handled;
    const message = errorText(e);
    return [messageNode(`${parentId}/error`, vscode.l10n.t('Could not load: {0}', message), { error: true, tooltip: message, retry: opts.retry })];
  }
}
