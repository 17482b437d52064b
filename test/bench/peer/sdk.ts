// The smallest extension that lists an organization's projects with the official `openai` SDK
// (7.x: client.admin.organization.projects, auto-paginating).
import OpenAI from 'openai';
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext) {
  context.subscriptions.push(
    vscode.commands.registerCommand('peer.listProjects', async () => {
      const c = new OpenAI({ apiKey: null, adminAPIKey: (await context.secrets.get('adminKey')) ?? '' });
      let n = 0;
      for await (const _ of c.admin.organization.projects.list({ include_archived: true })) n++;
      void vscode.window.showInformationMessage(`${n} projects`);
    }),
  );
}
