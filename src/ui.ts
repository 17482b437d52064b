// Every question a command asks goes through here: the real input box, quick pick and modal dialogs,
// or (in the extension-host tests, where nobody can click) answers scripted in advance. What was
// asked is recorded either way, so a test can check the wording a person would have read.
import * as vscode from 'vscode';

export interface Prompt {
  kind: 'confirm' | 'pick' | 'input' | 'modal' | 'info' | 'error';
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

  private scripted(p: Prompt): { answer: Answer } | undefined {
    if (!this.recording) return undefined;
    this.asked.push(p);
    return this.script.length ? { answer: this.script.shift() } : undefined;
  }

  /** A non-modal message; it is always shown, and recorded too while a test is scripting. */
  async notify(kind: 'info' | 'error', message: string, ...buttons: string[]): Promise<string | undefined> {
    if (this.recording) this.asked.push({ kind, message });
    return kind === 'error' ? vscode.window.showErrorMessage(message, ...buttons) : vscode.window.showInformationMessage(message, ...buttons);
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    const s = this.scripted({ kind: 'confirm', message, detail, items: [action] });
    const answer = s ? s.answer : await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return answer === action;
  }

  async modal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
    const s = this.scripted({ kind: 'modal', message, detail, items: buttons });
    return s ? s.answer : vscode.window.showInformationMessage(message, { modal: true, detail }, ...buttons);
  }

  async pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T | undefined> {
    const s = this.scripted({ kind: 'pick', message: options.title, items: items.map((i) => i.label) });
    if (!s) return vscode.window.showQuickPick(items, options);
    if (s.answer === undefined) return undefined;
    const found = items.find((i) => i.label === s.answer);
    if (!found) throw new Error(`Scripted pick "${s.answer}" is not among: ${items.map((i) => i.label).join(', ')}`);
    return found;
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined> {
    const s = this.scripted({ kind: 'input', message: options.title, detail: options.prompt });
    if (!s) return vscode.window.showInputBox(options);
    if (s.answer === undefined) return undefined;
    // The real box would not accept an invalid value; a scripted one is refused the same way.
    const invalid = await options.validateInput?.(s.answer);
    if (invalid) throw new Error(`The input box refuses "${s.answer}": ${typeof invalid === 'string' ? invalid : invalid.message}`);
    return s.answer;
  }
}
