// A tree node builds a fresh TreeItem each call; its id is hierarchical (`projectId/users/userId`)
// so refresh and reveal can target one subtree.
import * as vscode from 'vscode';
import { errorText, type Project } from '../client';
import type { FolderItems, FolderKind } from '../store/store';
import type { OrgItemOf, OrgKind } from '../store/orgKinds';
import { VIEW_ID } from './ids';

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

export interface ProjectNode extends TreeNode {
  readonly project: Project;
}

export interface FolderNode extends TreeNode {
  readonly project: Project;
  readonly kind: FolderKind;
}

export interface LeafNode<T> extends TreeNode {
  readonly project: Project;
  /** The folder it is in: what it is, never read back from its id. */
  readonly kind: FolderKind;
  readonly item: T;
}

export const isProjectNode = (n: unknown): n is ProjectNode => typeof n === 'object' && n !== null && 'project' in n && !('kind' in n) && !('item' in n);
export const isFolderNode = (n: unknown): n is FolderNode => typeof n === 'object' && n !== null && 'kind' in n && 'project' in n && !('item' in n);
export const isLeafNode = (n: unknown): n is LeafNode<unknown> => typeof n === 'object' && n !== null && 'kind' in n && 'project' in n && 'item' in n;

/** Shows the view's progress bar while `task` runs (long lists, mutations). */
export function withViewProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID }, title }, task));
}

/** A change asked for while another change of the same object is still running: not sent. */
export class InFlight extends Error {
  constructor(readonly doing: string) {
    super(vscode.l10n.t('Already {0}: wait for it to finish.', doing.replace(/…$/, '')));
  }
}

/** What the features ask of the Projects view (src/tree/projectsTree.ts is the one). */
export interface TreeView {
  /** Reloads everything (undefined), or one project's or folder's subtree. */
  refresh(node?: TreeNode): void;
  /** Redraws rows whose look depends on settings. */
  redraw(): void;
  /** Runs a mutation with a spinner on its row; a second change of the same row throws InFlight. */
  withNodeProgress<T>(nodeId: string | undefined, title: string, task: () => Promise<T>): Promise<T>;
  /** A project's row, to reveal or to run a command on. */
  projectNode(p: Project): ProjectNode;
  /** The row of an item under a project, as the view itself shows it. */
  leaf<K extends FolderKind>(p: Project, kind: K, item: FolderItems[K][number]): LeafNode<FolderItems[K][number]>;
  /** Loads what a reveal of a row under the project will open. */
  prepareReveal(p: Project, kind?: FolderKind): Promise<void>;
}

/** What the features ask of the Organization view (src/tree/organizationTree.ts is the one). */
export interface OrgTreeView {
  /** An item's row, to reveal or to run a command on. */
  leaf<K extends OrgKind>(kind: K, item: OrgItemOf<K>): Promise<TreeNode>;
  refresh(node?: TreeNode): void;
  /** Redraws every row (what they say of who holds what changed). */
  redraw(): void;
}
