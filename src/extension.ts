import * as vscode from 'vscode';
import { AdminKey } from './adminKey';
import { clientFor } from './api';
import { adminKeyCommands } from './commands/adminKey';
import type { Ctx } from './commands/context';
import { COMMANDS } from './commands/ids';
import { memberCommands } from './commands/members';
import { DetailsDocuments, projectCommands } from './commands/projects';
import { rateLimitCommands } from './commands/rateLimits';
import { registerCommands } from './commands/register';
import { viewCommands } from './commands/view';
import { showArchived } from './config';
import { RateLimitForms } from './rateLimits/panel';
import { ArchivedDecorations, ProjectsTree, VIEW_ID } from './tree/projectsTree';
import { OrgStore } from './tree/store';
import { Ui } from './ui';

// Activation only registers: no network, no webview, nothing heavy is evaluated here.
export function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('OpenAI Projects', { log: true });
  const adminKey = new AdminKey(context.secrets);
  const ui = new Ui();
  const client = async () => {
    const key = await adminKey.get();
    if (!key) throw new Error('No admin key is set. Run "OpenAI Projects: Set Admin Key…".');
    return clientFor(key, log);
  };
  const store = new OrgStore(client);
  const tree = new ProjectsTree(store, async () => !!(await adminKey.get()), showArchived, () => void adminKey.refreshState(true));
  const ctx: Ctx = { ui, tree, store, client, log };
  const details = new DetailsDocuments();
  const keys = adminKeyCommands(adminKey, log, ui);
  const view = viewCommands(ctx);
  const projects = projectCommands(ctx, details);
  const members = memberCommands(ctx);
  const rateLimits = rateLimitCommands(ctx, new RateLimitForms(ctx, context.extensionUri));
  const syncArchived = () => vscode.commands.executeCommand('setContext', 'openaiProjects.showingArchived', showArchived());
  context.subscriptions.push(
    log,
    adminKey,
    adminKey.watch(),
    adminKey.onDidChange(() => tree.refresh()),
    tree,
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.window.registerFileDecorationProvider(new ArchivedDecorations()),
    vscode.workspace.registerTextDocumentContentProvider(DetailsDocuments.scheme, details),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('openaiProjects.showArchived')) {
        void syncArchived();
        tree.redraw();
      } else if (e.affectsConfiguration('openaiProjects')) {
        tree.refresh();
      }
    }),
    ...registerCommands(
      {
        [COMMANDS.showLog]: () => log.show(),
        [COMMANDS.setAdminKey]: keys.setAdminKey,
        [COMMANDS.clearAdminKey]: keys.clearAdminKey,
        [COMMANDS.refresh]: view.refresh,
        [COMMANDS.refreshNode]: view.refreshNode,
        [COMMANDS.showArchived]: view.showArchived,
        [COMMANDS.hideArchived]: view.hideArchived,
        [COMMANDS.createProject]: projects.createProject,
        [COMMANDS.renameProject]: projects.renameProject,
        [COMMANDS.archiveProject]: projects.archiveProject,
        [COMMANDS.copyProjectId]: projects.copyProjectId,
        [COMMANDS.showProjectDetails]: projects.showProjectDetails,
        [COMMANDS.openInDashboard]: projects.openInDashboard,
        [COMMANDS.addUser]: members.addUser,
        [COMMANDS.changeUserRole]: members.changeUserRole,
        [COMMANDS.removeUser]: members.removeUser,
        [COMMANDS.createServiceAccount]: members.createServiceAccount,
        [COMMANDS.deleteServiceAccount]: members.deleteServiceAccount,
        [COMMANDS.deleteApiKey]: members.deleteApiKey,
        [COMMANDS.copyApiKeyId]: members.copyApiKeyId,
        [COMMANDS.editRateLimits]: rateLimits.editRateLimits,
      },
      log,
      ui,
    ),
  );
  void adminKey.refreshState();
  void syncArchived();
  // For the extension-host tests: the very tree, cache and prompts the view uses, and the secret
  // storage another window would write to.
  return { tree, store, adminKey, ui, secrets: context.secrets };
}

export function deactivate(): void {}
