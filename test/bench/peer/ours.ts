// The smallest extension that lists an organization's projects with our client: the peer comparison's
// bundle-size counterpart of sdk.ts.
import * as vscode from 'vscode';
import { collect, createProjectsClient } from '../../../src/client';

export function activate(context: vscode.ExtensionContext) {
  context.subscriptions.push(
    vscode.commands.registerCommand('peer.listProjects', async () => {
      const c = createProjectsClient({ baseUrl: 'https://api.openai.com/v1', apiKey: (await context.secrets.get('adminKey')) ?? '' });
      const all = await collect((after) => c.listProjects({ limit: 100, after, includeArchived: true }));
      void vscode.window.showInformationMessage(`${all.length} projects`);
    }),
  );
}
