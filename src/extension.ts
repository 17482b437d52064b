// Activation registers and nothing more: the view (through a stand-in provider), the commands, the key
// state. No network, no webview; the client, the tree and the forms live in dist/core.js, which is
// required the first time the view has rows to show or a command runs.
import * as vscode from 'vscode';
import { AdminKey } from './kit/adminKey';
import { organizationStatus } from './kit/orgStatus';
import { COMMANDS, ORG_VIEW_ID, PANELS, PROJECT_FILE_GLOB, VIEW_ID } from './kit/ids';
import { showArchived } from './kit/config';
import type { Core } from './core';
import type { TreeNode } from './kit/node';
import type { Ui } from './kit/ui';
import type { WrapWire } from './kit/panelWire';

export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const adminKey = new AdminKey(context.secrets, context.globalState);
  const changed = new vscode.EventEmitter<TreeNode | undefined>();
  const orgChanged = new vscode.EventEmitter<TreeNode | undefined>();
  const lensChanged = new vscode.EventEmitter<void>();
  let core: Core | undefined;
  /** Development and Test mode only: what wraps the product's Ui (a test's scripted person). */
  let wrapUi: ((real: Ui) => Ui) | undefined;
  /** Development and Test mode only: what watches each webview panel's messages (a test's eyes). */
  let wrapWire: WrapWire | undefined;
  let log: vscode.LogOutputChannel | undefined;
  const load = (): Core => {
    if (core) return core;
    // A path esbuild cannot follow, so core.js stays a bundle of its own.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load on first use, by path
    const { createCore } = require(`${__dirname}/core.js`) as typeof import('./core');
    // The log too waits for first use: nothing writes to it before.
    if (!log) {
      log = vscode.window.createOutputChannel(vscode.l10n.t('OpenAI Projects'), { log: true });
      context.subscriptions.push(log);
    }
    core = createCore({ context, log, adminKey, view: () => view, orgView: () => orgView, wrapUi, wrapWire });
    context.subscriptions.push(
      core.tree.onDidChangeTreeData((n) => changed.fire(n)),
      core.orgTree.onDidChangeTreeData((n) => orgChanged.fire(n)),
      core.lens.onDidChangeCodeLenses(() => lensChanged.fire()),
    );
    return core;
  };
  const view = vscode.window.createTreeView(VIEW_ID, {
    showCollapseAll: true,
    treeDataProvider: {
      onDidChangeTreeData: changed.event,
      getTreeItem: (n: TreeNode) => load().tree.getTreeItem(n),
      // With no key the view shows its welcome: nothing needs loading for that.
      getChildren: async (n?: TreeNode) => (n || core || (await adminKey.get()) ? load().tree.getChildren(n) : []),
      getParent: (n: TreeNode) => load().tree.getParent(n),
    },
  });
  // The Organization view, collapsed until opened: nothing is read for it before then.
  const orgView = vscode.window.createTreeView(ORG_VIEW_ID, {
    showCollapseAll: true,
    treeDataProvider: {
      onDidChangeTreeData: orgChanged.event,
      getTreeItem: (n: TreeNode) => load().orgTree.getTreeItem(n),
      getChildren: async (n?: TreeNode) => (n || core || (await adminKey.get()) ? load().orgTree.getChildren(n) : []),
      getParent: (n: TreeNode) => load().orgTree.getParent(n),
    },
  });
  stopCore = async () => {
    const c = core;
    core = undefined;
    await c?.dispose();
  };
  const syncArchived = () => vscode.commands.executeCommand('setContext', 'openaiProjects.showingArchived', showArchived());
  context.subscriptions.push(
    adminKey,
    changed,
    adminKey.watch(),
    organizationStatus(adminKey),
    orgChanged,
    adminKey.onDidChange(() => (core ? core.tree.refresh() : changed.fire(undefined))),
    adminKey.onDidChange(() => core || orgChanged.fire(undefined)),
    view,
    orgView,
    lensChanged,
    // A project file's status line; the core is loaded only when such a file is open.
    vscode.languages.registerCodeLensProvider(
      { pattern: PROJECT_FILE_GLOB },
      { onDidChangeCodeLenses: lensChanged.event, provideCodeLenses: (doc) => load().lens.provideCodeLenses(doc) },
    ),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('openaiProjects.showArchived')) {
        void syncArchived();
        core?.tree.redraw();
      } else if (e.affectsConfiguration('openaiProjects.showCost')) {
        core?.tree.redraw();
      } else if (e.affectsConfiguration('openaiProjects')) {
        core?.tree.refresh();
      }
    }),
    // Usage & Cost, Activity and the rate-limit form come back after a reload (the core loads then).
    ...Object.values(PANELS).map((type) =>
      vscode.window.registerWebviewPanelSerializer(type, { deserializeWebviewPanel: (panel, state: unknown) => load().restorePanel(type, panel, state) }),
    ),
    ...Object.values(COMMANDS).map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => load().commands[id](...args))),
  );
  void adminKey.refreshState();
  void syncArchived();
  const activateMs = performance.now() - started;
  // Another extension can call this extension's exports and commands. Installed from the Marketplace
  // (Production), it exports nothing: no tree, store, key, secrets or prompts to read or answer.
  if (context.extensionMode === vscode.ExtensionMode.Production) return undefined;
  // Development and Test mode: the extension-host tests and the benchmark drive the very tree, cache
  // and prompts the view uses (loading them on first access), and see what activation cost.
  return {
    get tree() {
      return load().tree;
    },
    get store() {
      return load().store;
    },
    /** The product's Ui, as wrapped by `useUi`. */
    get ui() {
      return load().ui;
    },
    /** Wraps the Ui of this and every later core (a core already made is let go first). */
    async useUi(wrap: (real: Ui) => Ui) {
      wrapUi = wrap;
      if (core) await stopCore();
    },
    /** Wraps every webview panel's wire in this and every later core (a core already made is let go first). */
    async useWire(wrap: WrapWire) {
      wrapWire = wrap;
      if (core) await stopCore();
    },
    /** The rate-limit pacer of the current key, once a request has been made. */
    get pacer() {
      return load().pacer();
    },
    get index() {
      return load().index;
    },
    /** The Usage & Cost and Activity panels. */
    get usage() {
      return load().usage;
    },
    get activity() {
      return load().activity;
    },
    get orgTree() {
      return load().orgTree;
    },
    get rateLimitForms() {
      return load().rateLimitForms;
    },
    get settingsForms() {
      return load().settingsForms;
    },
    setPacerWindow: (ms: number) => load().setPacerWindow(ms),
    view,
    orgView,
    /** What a new window finds: the core let go (its index saved), then made afresh on next use. */
    async restartCore() {
      await stopCore();
      changed.fire(undefined);
      orgChanged.fire(undefined);
    },
    adminKey,
    secrets: context.secrets,
    globalStorageUri: context.globalStorageUri,
    activateMs,
    get coreLoaded() {
      return core !== undefined;
    },
  };
}

let stopCore: () => Promise<void> = () => Promise.resolve();

/** Saves the organization index (VS Code waits for this). */
export function deactivate(): Promise<void> {
  return stopCore();
}
