import * as vscode from 'vscode';

// Activation only registers: no network, no webview, nothing heavy is evaluated here.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('OpenAI Projects', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('openaiProjects.showLog', () => log.show()),
  );
}

export function deactivate(): void {}
