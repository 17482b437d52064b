// What the commands share: the tree, its cache, a client, the log, and the target pickers that let
// every node command also run from the palette.
import * as vscode from 'vscode';
import type { Pacer, Project, ProjectsClient } from '../client';
import type { ReadOnlyDocuments } from './documents';
import type { OrgIndex } from '../index/orgIndex';
import { isFolderNode, isProjectNode, type LeafNode, type OrgTreeView, type TreeNode, type TreeView } from './node';
import { isArchived, isDefaultProject, projectName, sortProjects } from '../shared/projectInfo';
import type { FolderItems, FolderKind, OrgStore } from '../store/store';
import { LOST } from '../store/outcome';
import type { OrgWriter } from '../store/writer';
import type { PanelWire } from './panelWire';
import type { PlanPanels } from './planPanel';
import type { Ui } from './ui';
import { iconless } from './ui';

export interface Ctx {
  ui: Ui;
  tree: TreeView;
  store: OrgStore;
  /** Every write goes through it: sent once, a lost answer read back, the store told. */
  writer: OrgWriter;
  client(): Promise<ProjectsClient>;
  log: vscode.LogOutputChannel;
  /** What is known of the whole organization; `indexReady` binds it to the key and reads it from disk. */
  index: OrgIndex;
  indexReady(): Promise<void>;
  docs: ReadOnlyDocuments;
  /** The Projects view, to reveal a node in. */
  view(): vscode.TreeView<TreeNode> | undefined;
  /** The Organization view and its rows (members, invites, admin keys). */
  orgView(): vscode.TreeView<TreeNode> | undefined;
  orgTree: OrgTreeView;
  /** The wire a webview panel talks through (its messages, both ways). */
  wire(panel: vscode.WebviewPanel, view: string, key: string): PanelWire;
  /** Plans shown rendered, with Apply on them. */
  plans: PlanPanels;
  /** The current key's rate-limit pacer, once a request has been made. */
  pacer(): Pacer | undefined;
  /** The admin key in use, as far as commands may know it: compared, checked, replaced; never handed out. */
  keys: KeyAccess;
  /** The id of the organization in use, as the API reported it (undefined until it has). */
  organization(): Promise<string | undefined>;
}

export interface KeyAccess {
  /** Whether a redacted value (`sk-admin...wxyz`) is the key this window sends. */
  isCurrent(redacted: string): Promise<boolean>;
  /** Throws unless `key` is accepted by the API (one read). */
  verify(key: string): Promise<void>;
  /** Makes `key` the one this window uses (SecretStorage; the demo's stays in memory). */
  replace(key: string): Promise<void>;
  /** The key in use was deleted: let go of it, so the views show the no-key welcome. */
  forgetCurrent(): Promise<void>;
}

/** A command was cancelled by the user: nothing to report. */
export class Cancelled extends Error {}

export { withViewProgress } from './node';

/** Archived projects take no changes: refused here, before any request. */
function refuseArchived(p: Project, forChange: boolean): void {
  if (forChange && isArchived(p)) throw new Error(vscode.l10n.t('"{0}" is archived: it can no longer be changed.', projectName(p)));
}

/** The project a node belongs to, or one picked from the list (active ones only for changes). */
export async function targetProject(ctx: Ctx, node: unknown, opts: { forChange: boolean; title: string }): Promise<Project> {
  const p = node && typeof node === 'object' && 'project' in node ? (node as { project: Project }).project : await pickProject(ctx, opts);
  refuseArchived(p, opts.forChange);
  return p;
}

async function pickProject(ctx: Ctx, opts: { forChange: boolean; title: string }): Promise<Project> {
  const all = sortProjects(await ctx.store.projects(!opts.forChange));
  const picked = await ctx.ui.pick(
    all.map((p) => ({
      label: iconless(projectName(p)),
      description: isDefaultProject(p) ? 'default' : isArchived(p) ? 'archived' : undefined,
      detail: p.id,
      p,
    })),
    { title: opts.title, placeHolder: vscode.l10n.t('Pick a project'), matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return picked.p;
}

/** The item a leaf node holds, or one picked from the project's folder. */
export async function targetItem<K extends FolderKind>(
  ctx: Ctx,
  node: unknown,
  kind: K,
  opts: { forChange: boolean; title: string; label(i: FolderItems[K][number]): string; detail?(i: FolderItems[K][number]): string },
): Promise<{ project: Project; item: FolderItems[K][number] }> {
  if (node && typeof node === 'object' && 'item' in node && !isFolderNode(node) && !isProjectNode(node)) {
    const leaf = node as LeafNode<FolderItems[K][number]>;
    refuseArchived(leaf.project, opts.forChange);
    return { project: leaf.project, item: leaf.item };
  }
  const project = await targetProject(ctx, node, opts);
  const items = (await ctx.store.folder(project.id, kind)) as FolderItems[K][number][];
  if (!items.length) throw new Error(vscode.l10n.t('"{0}" has none to choose from.', projectName(project)));
  const picked = await ctx.ui.pick(
    items.map((i) => ({ label: iconless(opts.label(i)), detail: opts.detail?.(i), i })),
    { title: opts.title, matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return { project, item: picked.i };
}

/**
 * A decisive value a caller passed (a script, another extension: menus pass only the row) is used only
 * once the person confirms what it will do. Refused, nothing is sent.
 */
export async function confirmPassed(ctx: Ctx, message: string, action: string): Promise<void> {
  const detail = vscode.l10n.t('This was asked for by a script or another extension, not chosen here. Nothing is sent unless you confirm.');
  if (!(await ctx.ui.confirm(message, detail, action))) throw new Cancelled();
}

/**
 * A change went through: the log and the status bar say so. A write whose answer was `lost` (settled
 * by reading it back, which the message then says) or anything `unusual` (a key that did not come) is
 * a notification instead, which stays until read.
 */
export function done(ctx: Ctx, message: string, how: { lost?: boolean; unusual?: boolean } = {}): void {
  const text = how.lost ? message + LOST : message;
  ctx.log.info(text);
  if (how.lost || how.unusual) void ctx.ui.notify('info', text);
  else ctx.ui.status(text);
}
