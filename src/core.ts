// Everything but registration: the client, the cache, the tree, the commands and the rate-limit form.
// Bundled apart as dist/core.js and required on first use (the view asks for rows with a key set, or a
// command runs), so activation evaluates none of it.
import * as vscode from 'vscode';
import type { AdminKey } from './adminKey';
import { clientFor } from './api';
import type { Pacer } from './client';
import { adminKeyCommands } from './commands/adminKey';
import type { Ctx } from './commands/context';
import { COMMANDS, type CommandId } from './commands/ids';
import { memberCommands } from './commands/members';
import { DetailsDocuments, projectCommands } from './commands/projects';
import { rateLimitCommands } from './commands/rateLimits';
import { wrapCommands, type CommandFn } from './commands/register';
import { viewCommands } from './commands/view';
import { showArchived } from './config';
import { visiblePacer } from './pacing';
import { RateLimitForms } from './rateLimits/panel';
import { ArchivedDecorations, ProjectsTree } from './tree/projectsTree';
import { OrgStore } from './tree/store';
import { Ui } from './ui';

export interface CoreDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  adminKey: AdminKey;
}

export type Core = ReturnType<typeof createCore>;

export function createCore({ context, log, adminKey }: CoreDeps) {
  const ui = new Ui();
  // One pacer per key: the API's rate limit is the key's.
  let paced: { key: string; pacer: Pacer } | undefined;
  const client = async () => {
    const key = await adminKey.get();
    if (!key) throw new Error('No admin key is set. Run "OpenAI Projects: Set Admin Key…".');
    if (paced?.key !== key) paced = { key, pacer: visiblePacer(log) };
    return clientFor(key, log, { pacer: paced.pacer });
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
  context.subscriptions.push(
    tree,
    vscode.window.registerFileDecorationProvider(new ArchivedDecorations()),
    vscode.workspace.registerTextDocumentContentProvider(DetailsDocuments.scheme, details),
  );
  const commands: Record<CommandId, CommandFn> = wrapCommands(
    {
      [COMMANDS.showLog]: () => log.show(),
      [COMMANDS.setAdminKey]: keys.setAdminKey,
      [COMMANDS.clearAdminKey]: keys.clearAdminKey,
      // Refresh starts over, what was learned about the API's rate limit included.
      [COMMANDS.refresh]: () => {
        paced?.pacer.forget();
        view.refresh();
      },
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
  );
  return { tree, store, ui, commands, pacer: () => paced?.pacer };
}
