// Every question a command asks goes through here: the real input box, quick pick and modal dialogs,
// or (in the extension-host tests, where nobody can click) answers scripted in advance. What was
// asked is recorded either way, so a test can check the wording a person would have read.
import * as vscode from 'vscode';

export interface Prompt {
  kind: 'confirm' | 'pick' | 'input' | 'modal' | 'info' | 'error' | 'warning' | 'search' | 'progress';
  message: string;
  detail?: string;
  items?: string[];
}

/** A scripted answer: a label / text / button, or undefined for "dismissed". */
export type Answer = string | undefined;

export class Ui {
  private script: Answer[] = [];
  /** Off outside tests: nothing a person is shown (a new key, say) is kept here. */
  private recording = false;
  readonly asked: Prompt[] = [];
  /** Tests only (the leak test): sees every text put in front of the person, scripted or not. Unset, nothing is kept. */
  watch?: (p: Prompt) => void;

  /** Tests only: the next prompts take these answers, in order, instead of being shown; records from now on. */
  answer(...answers: Answer[]): void {
    this.recording = true;
    this.script.push(...answers);
  }

  /** Tests only: forget unused answers and what was asked, and stop recording. */
  reset(): Answer[] {
    this.recording = false;
    this.asked.length = 0;
    return this.script.splice(0);
  }

  /** `shown` is what the person reads, when it says more than the prompt recorded (a pick's descriptions). */
  private scripted(p: Prompt, shown: Prompt = p): { answer: Answer } | undefined {
    this.watch?.(shown);
    if (!this.recording) return undefined;
    this.asked.push(p);
    return this.script.length ? { answer: this.script.shift() } : undefined;
  }

  /** A non-modal message; it is always shown, and recorded too while a test is scripting. */
  async notify(kind: 'info' | 'warning' | 'error', message: string, ...buttons: string[]): Promise<string | undefined> {
    this.watch?.({ kind, message, items: buttons });
    if (this.recording) this.asked.push({ kind, message });
    const show =
      kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return show(linkless(message), ...buttons);
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    const s = this.scripted({ kind: 'confirm', message, detail, items: [action] });
    const answer = s ? s.answer : await vscode.window.showWarningMessage(linkless(message), { modal: true, detail: linkless(detail) }, action);
    return answer === action;
  }

  async modal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
    const s = this.scripted({ kind: 'modal', message, detail, items: buttons });
    return s ? s.answer : vscode.window.showInformationMessage(linkless(message), { modal: true, detail }, ...buttons);
  }

  async pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T | undefined> {
    const s = this.scripted(
      { kind: 'pick', message: options.title, items: items.map((i) => i.label) },
      { kind: 'pick', message: options.title, items: items.map(itemText) },
    );
    if (!s) return vscode.window.showQuickPick(items, options);
    if (s.answer === undefined) return undefined;
    const found = items.find((i) => i.label === s.answer);
    if (!found) throw new Error(vscode.l10n.t('Scripted pick "{0}" is not among: {1}', s.answer, items.map((i) => i.label).join(', ')));
    return found;
  }

  /** Several items; scripted, the answer is their labels, one a line ('' for none). */
  async pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T[] | undefined> {
    const s = this.scripted(
      { kind: 'pick', message: options.title, items: items.map((i) => i.label) },
      { kind: 'pick', message: options.title, items: items.map(itemText) },
    );
    if (!s) return vscode.window.showQuickPick(items, { ...options, canPickMany: true });
    if (s.answer === undefined) return undefined;
    const labels = s.answer.split('\n').filter(Boolean);
    const missing = labels.filter((l) => !items.some((i) => i.label === l));
    if (missing.length) throw new Error(vscode.l10n.t('Scripted picks {0} are not among: {1}', missing.join(', '), items.map((i) => i.label).join(', ')));
    return items.filter((i) => labels.includes(i.label));
  }

  /**
   * A quick pick whose items come from `search` as the person types (the list is ours, not filtered
   * again by VS Code). Scripted, two answers: what is typed, then the label picked.
   */
  async search<T extends vscode.QuickPickItem>(options: {
    title: string;
    placeHolder: string;
    value?: string;
    search(query: string): T[];
  }): Promise<T | undefined> {
    const s = this.scripted({ kind: 'search', message: options.title });
    if (s) {
      if (s.answer === undefined) return undefined;
      const items = options.search(s.answer);
      const pick = this.scripted(
        { kind: 'pick', message: `${options.title}: ${s.answer}`, items: items.map((i) => i.label) },
        { kind: 'pick', message: options.title, items: items.map(itemText) },
      );
      if (!pick || pick.answer === undefined) return undefined;
      const found = items.find((i) => i.label === pick.answer);
      if (!found) throw new Error(vscode.l10n.t('Scripted pick "{0}" is not among: {1}', pick.answer, items.map((i) => i.label).join(', ')));
      return found;
    }
    const qp = vscode.window.createQuickPick<T>();
    qp.title = options.title;
    qp.placeholder = options.placeHolder;
    qp.matchOnDescription = qp.matchOnDetail = true;
    const show = (q: string) => {
      const items = options.search(q);
      this.watch?.({ kind: 'pick', message: options.title, items: items.map(itemText) });
      qp.items = items.map((i) => ({ ...i, alwaysShow: true }));
    };
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

  /** The cancel button of the progress notification now running (tests press it through here). */
  private cancelRunning?: vscode.CancellationTokenSource;

  /**
   * A cancellable progress notification around `task`. The task reads the token between steps: a
   * cancel stops it before its next step, never in the middle of one.
   */
  async progress<T>(title: string, task: (report: (message: string) => void, token: vscode.CancellationToken) => Promise<T>): Promise<T> {
    this.watch?.({ kind: 'progress', message: title });
    if (this.recording) this.asked.push({ kind: 'progress', message: title });
    const source = new vscode.CancellationTokenSource();
    this.cancelRunning = source;
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (p, token) => {
        token.onCancellationRequested(() => source.cancel());
        return task((message) => p.report({ message }), source.token);
      });
    } finally {
      if (this.cancelRunning === source) this.cancelRunning = undefined;
      source.dispose();
    }
  }

  /** Tests only: presses Cancel on the running progress notification. */
  cancelProgress(): boolean {
    if (!this.cancelRunning) return false;
    this.cancelRunning.cancel();
    return true;
  }

  /** Where to save a new file; scripted, the answer is its path (undefined: cancelled). */
  async saveAs(options: { title: string; defaultUri?: vscode.Uri; filters?: Record<string, string[]> }): Promise<vscode.Uri | undefined> {
    const s = this.scripted({ kind: 'input', message: options.title, detail: options.defaultUri?.fsPath });
    if (!s)
      return vscode.window.showSaveDialog({
        title: options.title,
        defaultUri: options.defaultUri,
        filters: options.filters,
        saveLabel: vscode.l10n.t('Export'),
      });
    return s.answer === undefined ? undefined : vscode.Uri.file(s.answer);
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined> {
    const s = this.scripted({ kind: 'input', message: options.title, detail: options.prompt });
    if (!s) return vscode.window.showInputBox(options);
    if (s.answer === undefined) return undefined;
    // The real box would not accept an invalid value; a scripted one is refused the same way.
    const invalid = await options.validateInput?.(s.answer);
    // A password box's value (a pasted key) is not repeated back.
    const what = options.password ? '…' : s.answer;
    if (invalid) throw new Error(vscode.l10n.t('The input box refuses "{0}": {1}', what, typeof invalid === 'string' ? invalid : invalid.message));
    return s.answer;
  }
}

const itemText = (i: vscode.QuickPickItem) => [i.label, i.description, i.detail].filter(Boolean).join(' · ');

// Names come from the API, and anyone in the organization can choose them. Where VS Code reads syntax
// in a text, an invisible joiner breaks the syntax and the name reads the same: `$(icon)` in quick-pick
// labels, and `[text](command:…)` links in notifications, which would run a command when clicked.
const JOINER = '\u2060';
export const iconless = (s: string) => s.replace(/\$\(/g, `$${JOINER}(`);
export const linkless = (s: string) => s.replace(/\]\(/g, `]${JOINER}(`);
