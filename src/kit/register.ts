// Commands are plain async functions; this wrapper handles their errors once: logged (redacted) and
// shown with a way to the log. A cancelled prompt is not an error.
import * as vscode from 'vscode';
import { errorText } from '../client';
import { isIssued } from './node';
import { InFlight } from './node';
import { Cancelled } from './context';
import type { Ui } from './ui';
import { COMMANDS, type CommandId } from './ids';

/** A command as written: its own parameters (a tree node, mostly). */
export type CommandFn = (...args: never[]) => unknown;
/** A command as VS Code calls it: with whatever the menu or the caller passes. */
export type RegisteredFn = (...args: unknown[]) => Promise<unknown>;

/** The same commands, each reporting its own error instead of throwing it. */
export function wrapCommands(commands: Record<CommandId, CommandFn>, log: vscode.LogOutputChannel, ui: Ui): Record<CommandId, RegisteredFn> {
  const wrapped = {} as Record<CommandId, RegisteredFn>;
  for (const [id, fn] of Object.entries(commands) as [CommandId, CommandFn][]) {
    wrapped[id] = async (first?: unknown, ...rest: unknown[]) => {
      try {
        // Any extension can run a command with any arguments. An object the tree did not hand out (a
        // forged node; a URI is kept, for the file commands) counts as no target: the command asks,
        // as from the palette. What else a caller passes (a name, a role, a key) each command takes
        // only once the person has confirmed it (`confirmPassed`).
        const target = first === undefined || typeof first !== 'object' || isIssued(first) || first instanceof vscode.Uri ? first : undefined;
        return await (fn as (...a: unknown[]) => unknown)(target, ...rest);
      } catch (e) {
        // A second click on a row that is already changing: the spinner says so; nothing is sent twice.
        if (e instanceof InFlight) log.info(`${id}: ${e.message}`);
        else if (!(e instanceof Cancelled)) void reportError(e, log, ui);
        return undefined;
      }
    };
  }
  return wrapped;
}

export async function reportError(e: unknown, log: vscode.LogOutputChannel, ui: Ui): Promise<void> {
  const message = errorText(e);
  log.error(message);
  const showLog = vscode.l10n.t('Show Log');
  const choice = await ui.notify('error', message, showLog);
  if (choice === showLog) await vscode.commands.executeCommand(COMMANDS.showLog);
}
