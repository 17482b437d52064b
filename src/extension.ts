import * as vscode from 'vscode';
import { AdminKey } from './adminKey';
import { clientFor } from './api';
import { adminKeyCommands } from './commands/adminKey';
import { COMMANDS } from './commands/ids';
import { projectCommands } from './commands/projects';
import { registerCommands } from './commands/register';
import { ProjectsTree } from './tree/projectsTree';

// Activation only registers: no network, no webview, nothing heavy is evaluated here.
export function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('OpenAI Projects', { log: true });
  const adminKey = new AdminKey(context.secrets);
  const tree = new ProjectsTree(
    async () => !!(await adminKey.get()),
    async () => {
      const key = await adminKey.get();
      if (!key) throw new Error('No admin key is set. Run "OpenAI Projects: Set Admin Key…".');
      return clientFor(key, log);
    },
  );
  const keyCommands = adminKeyCommands(adminKey, log);
  context.subscriptions.push(
    log,
    adminKey,
    adminKey.watch(),
    adminKey.onDidChange(() => tree.refresh()),
    tree,
    vscode.window.createTreeView('openaiProjects.projects', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('openaiProjects') && tree.refresh()),
    ...registerCommands(
      {
        [COMMANDS.showLog]: () => log.show(),
        [COMMANDS.setAdminKey]: keyCommands.setAdminKey,
        [COMMANDS.clearAdminKey]: keyCommands.clearAdminKey,
        [COMMANDS.refresh]: () => tree.refresh(),
        [COMMANDS.copyProjectId]: projectCommands.copyProjectId,
      },
      log,
    ),
  );
  void adminKey.refreshState();
  // For the extension-host tests: the tree they read is the one the view shows.
  return { tree, adminKey };
}

export function deactivate(): void {}
