// Commands are plain async functions; this wrapper handles their errors once: logged (redacted) and
// shown with a way to the log. A cancelled prompt is not an error.
import * as vscode from 'vscode';
import { redact } from '../client';
import { Cancelled } from './context';
import type { Ui } from '../ui';
import { COMMANDS, type CommandId } from './ids';

export type CommandFn = (...args: any[]) => Promise<unknown> | unknown;

export function registerCommands(commands: Record<CommandId, CommandFn>, log: vscode.LogOutputChannel, ui: Ui): vscode.Disposable[] {
  return Object.entries(commands).map(([id, fn]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        if (!(e instanceof Cancelled)) void reportError(e, log, ui);
        return undefined;
      }
    }),
  );
}

export async function reportError(e: unknown, log: vscode.LogOutputChannel, ui: Ui): Promise<void> {
  const message = redact(e instanceof Error ? e.message : String(e));
  log.error(message);
  const choice = await ui.notify('error', message, 'Show Log');
  if (choice === 'Show Log') await vscode.commands.executeCommand(COMMANDS.showLog);
}
