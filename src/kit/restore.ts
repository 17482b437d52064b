// Panels VS Code brings back after a reload: the page kept what it showed (the project, the range, the
// filters, unsaved edits) in its webview state; the extension checks that state like any message and
// opens the panel again in place. A panel whose project or row is gone says so instead of staying blank.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { errorText, type Project } from '../client';
import type { Ctx } from './context';
import { messageHtml, webviewOptions } from './webviewHtml';

/** What a page keeps for its restore (written by webviewHtml's `restore`, kept by the page's state). */
function restoreState<T>(schema: z.ZodMiniType<T>, state: unknown): T | undefined {
  const parsed = z.object({ restore: schema }).safeParse(state);
  return parsed.success ? parsed.data.restore : undefined;
}

/** How a kind of panel comes back: what its page kept, what that is about now, and how it is drawn. */
export interface Restoring<K, T> {
  schema: z.ZodMiniType<K>;
  /** What the kept ids stand for now (from the cached lists); undefined when it is gone. */
  find(kept: K): Promise<T | undefined>;
  /** Already open (VS Code restored a panel beside one opened since): the restored one goes. */
  isOpen(subject: T): boolean;
  /** Draws `subject` in the restored panel. */
  show(subject: T): void;
}

/**
 * Fills a restored panel with what its state says it was about; when that cannot be (nothing kept,
 * no key, a project no longer in this organization), the panel says why.
 */
export async function restorePanel<K, T>(ctx: Ctx, panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: unknown, how: Restoring<K, T>): Promise<void> {
  panel.webview.options = webviewOptions(extensionUri);
  let why = vscode.l10n.t(
    'What this view showed is no longer in this organization (or it was the demo organization). Open it again from the OpenAI Projects view.',
  );
  try {
    const kept = restoreState(how.schema, state);
    const subject = kept === undefined ? undefined : await how.find(kept);
    if (subject !== undefined) {
      if (how.isOpen(subject)) panel.dispose();
      else how.show(subject);
      return;
    }
  } catch (e) {
    ctx.log.warn(`Could not restore "${panel.title}": ${errorText(e)}`);
    why = vscode.l10n.t('This view could not be restored: {0}', errorText(e));
  }
  panel.webview.html = messageHtml(panel.webview, panel.title, why);
}

/** A project by id from the (cached) list, archived ones included; undefined when it is not there. */
export async function projectById(ctx: Ctx, id: string): Promise<Project | undefined> {
  return (await ctx.store.projects(true)).find((p) => p.id === id);
}

/**
 * A form closed with unsaved edits: a panel cannot refuse to close, so what was typed is kept and
 * offered back instead (one notification, its one button opening the form again with the edits).
 */
export function offerReopen(ctx: Ctx, message: string, reopen: () => void): void {
  const label = vscode.l10n.t('Reopen with My Edits');
  void ctx.ui.notify('info', message, label).then((choice) => {
    if (choice === label) reopen();
  });
}
