// Commands on a project row.
import * as vscode from 'vscode';
import { isProjectNode } from '../tree/projectsTree';

export const projectCommands = {
  async copyProjectId(node?: unknown): Promise<void> {
    if (!isProjectNode(node)) throw new Error('Pick a project in the OpenAI Projects view first.');
    await vscode.env.clipboard.writeText(node.project.id);
    void vscode.window.setStatusBarMessage(`Copied ${node.project.id}`, 3000);
  },
};
