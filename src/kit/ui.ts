// Every question a command asks, and every message it shows, goes through a `Ui`: one place that
// says what a person is asked and how. `VsCodeUi` is the real one (input box, quick pick, modal
// dialogs, notifications); nothing else in the product implements it.
import * as vscode from 'vscode';
import { redact } from '../client/redact';

/** A quick pick whose items come from `search` as the person types. */
export interface SearchOptions<T> {
  title: string;
  placeHolder: string;
  value?: string;
  search(query: string): T[];
}

export interface Ui {
  /** A non-modal message; its text is redacted (it may quote an error that quotes a proxy). */
  notify(kind: 'info' | 'warning' | 'error', message: string, ...buttons: string[]): Promise<string | undefined>;
  /**
   * A routine success (a rename, an add, a copy), said in the status bar for a few seconds instead of
   * a notification (VS Code's UX guidelines keep those for what needs attention); redacted like notify.
   */
  status(message: string): void;
  /** A modal question with one action besides Cancel: true when the person chose it. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A modal message with buttons (a new key is shown in one: its detail is not redacted). */
  modal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T[] | undefined>;
  /** A quick pick whose items come from `search` as the person types (the list is ours, not filtered again by VS Code). */
  search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined>;
  /**
   * A cancellable progress notification around `task`. The task reads the token between steps: a
   * cancel stops it before its next step, never in the middle of one.
   */
  progress<T>(title: string, task: (report: (message: string) => void, token: vscode.CancellationToken) => Promise<T>): Promise<T>;
  /** Where to save a new file (undefined: cancelled). */
  saveAs(options: { title: string; defaultUri?: vscode.Uri; filters?: Record<string, string[]> }): Promise<vscode.Uri | undefined>;
  input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined>;
}

export class VsCodeUi implements Ui {
  notify(kind: 'info' | 'warning' | 'error', message: string, ...buttons: string[]): Promise<string | undefined> {
    const show =
      kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return Promise.resolve(show(linkless(redact(message)), ...buttons));
  }

  status(message: string): void {
    vscode.window.setStatusBarMessage(`$(check) ${iconless(redact(message))}`, STATUS_MS);
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    return (await vscode.window.showWarningMessage(linkless(message), { modal: true, detail: linkless(detail) }, action)) === action;
  }

  modal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
    return Promise.resolve(vscode.window.showInformationMessage(linkless(message), { modal: true, detail }, ...buttons));
  }

  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T | undefined> {
    return Promise.resolve(vscode.window.showQuickPick(items.map(textOnly), options));
  }

  async pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T[] | undefined> {
    return vscode.window.showQuickPick(items.map(textOnly), { ...options, canPickMany: true });
  }

  async search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined> {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = options.title;
    qp.placeholder = options.placeHolder;
    qp.matchOnDescription = qp.matchOnDetail = true;
    const show = (q: string) => (qp.items = options.search(q).map((i) => ({ ...textOnly(i), alwaysShow: true })));
    try {
      return await new Promise<T | undefined>((resolve) => {
        qp.onDidChangeValue(show);
        qp.onDidAccept(() => resolve(qp.selectedItems[0]));
        qp.onDidHide(() => resolve(undefined));
        qp.value = options.value ?? '';
        show(qp.value);
        qp.show();
      });
    } finally {
      qp.dispose();
    }
  }

  async progress<T>(title: string, task: (report: (message: string) => void, token: vscode.CancellationToken) => Promise<T>): Promise<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (p, token) =>
      task((message) => p.report({ message }), token),
    );
  }

  async saveAs(options: { title: string; defaultUri?: vscode.Uri; filters?: Record<string, string[]> }): Promise<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog({ title: options.title, defaultUri: options.defaultUri, filters: options.filters, saveLabel: vscode.l10n.t('Export') });
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined> {
    return vscode.window.showInputBox(options);
  }
}

// Names come from the API, and anyone in the organization can choose them. Where VS Code reads syntax
// in a text, an invisible joiner breaks the syntax and the name reads the same: `$(icon)` in quick-pick
// labels, descriptions and details, and `[text](command:…)` links in notifications, which would run a
// command when clicked.
const JOINER = '\u2060';
/** Long enough to read a project's name twice. */
const STATUS_MS = 6000;
export const iconless = (s: string) => s.replace(/\$\(/g, `$${JOINER}(`);
export const linkless = (s: string) => s.replace(/\]\(/g, `]${JOINER}(`);

/**
 * A pick item's texts as text, whoever built it: `$(icon)` syntax is broken in label, description
 * and detail alike (the extension's own icons go in `iconPath`). The item keeps its identity for
 * the caller: the same object comes back, its texts made safe.
 */
function textOnly<T extends vscode.QuickPickItem>(i: T): T {
  if (i.kind === vscode.QuickPickItemKind.Separator) return i;
  i.label = iconless(i.label);
  if (i.description) i.description = iconless(i.description);
  if (i.detail) i.detail = iconless(i.detail);
  return i;
}
