// Activation registers and nothing more: the view (through a stand-in provider), the commands, the key
// state. No network, no webview; the client, the tree and the forms live in dist/core.js, which is
// required the first time the view has rows to show or a command runs.
import * as vscode from 'vscode';
import { AdminKey } from './adminKey';
import { COMMANDS, VIEW_ID } from './commands/ids';
import { showArchived } from './config';
import type { Core } from './core';

export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const adminKey = new AdminKey(context.secrets);
  const changed = new vscode.EventEmitter<any>();
  let core: Core | undefined;
  const load = (): Core => {
    if (core) return core;
    // A path esbuild cannot follow, so core.js stays a bundle of its own.
    const { createCore } = require(`${__dirname}/core.js`) as typeof import('./core');
    // The log too waits for first use: nothing writes to it before.
    const log = vscode.window.createOutputChannel('OpenAI Projects', { log: true });
    context.subscriptions.push(log);
    core = createCore({ context, log, adminKey });
    context.subscriptions.push(core.tree.onDidChangeTreeData((n) => changed.fire(n)));
    return core;
  };
  const syncArchived = () => vscode.commands.executeCommand('setContext', 'openaiProjects.showingArchived', showArchived());
  context.subscriptions.push(
    adminKey,
    changed,
    adminKey.watch(),
    adminKey.onDidChange(() => (core ? core.tree.refresh() : changed.fire(undefined))),
    vscode.window.createTreeView(VIEW_ID, {
      showCollapseAll: true,
      treeDataProvider: {
        onDidChangeTreeData: changed.event,
        getTreeItem: (n) => load().tree.getTreeItem(n),
        // With no key the view shows its welcome: nothing needs loading for that.
        getChildren: async (n) => (n || core || (await adminKey.get()) ? load().tree.getChildren(n) : []),
        getParent: (n) => load().tree.getParent(n),
      },
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('openaiProjects.showArchived')) {
        void syncArchived();
        core?.tree.redraw();
      } else if (e.affectsConfiguration('openaiProjects')) {
        core?.tree.refresh();
      }
    }),
    ...Object.values(COMMANDS).map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => load().commands[id](...args))),
  );
  void adminKey.refreshState();
  void syncArchived();
  const activateMs = performance.now() - started;
  // For the extension-host tests and the benchmark: the very tree, cache and prompts the view uses
  // (loading them on first access), the secret storage another window would write to, and what
  // activation cost.
  return {
    get tree() {
      return load().tree;
    },
    get store() {
      return load().store;
    },
    get ui() {
      return load().ui;
    },
    /** The rate-limit pacer of the current key, once a request has been made. */
    get pacer() {
      return load().pacer();
    },
    adminKey,
    secrets: context.secrets,
    activateMs,
    get coreLoaded() {
      return core !== undefined;
    },
  };
}

export function deactivate(): void {}
