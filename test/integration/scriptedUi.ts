// The extension-host tests' stand-in for a person: prompts take answers scripted in advance, and
// what was asked is recorded, so a test can check the wording a person would have read. It wraps the
// product's own Ui (installed through the test surface, which exists only in Development and Test
// mode): an unscripted prompt is shown for real, and every text shown passes `watch`.
import * as vscode from 'vscode';
import type { SearchOptions, Ui } from '../../src/kit/ui';

export interface Prompt {
  kind: 'confirm' | 'pick' | 'input' | 'modal' | 'info' | 'error' | 'warning' | 'status' | 'search' | 'progress';
  message: string;
  detail?: string;
  items?: string[];
}

/** A scripted answer: a label / text / button, or undefined for "dismissed". */
export type Answer = string | undefined;

const itemText = (i: vscode.QuickPickItem) => [i.label, i.description, i.detail].filter(Boolean).join(' · ');

export class ScriptedUi implements Ui {
  private script: Answer[] = [];
  private recording = false;
  readonly asked: Prompt[] = [];
  private readonly watchers: ((p: Prompt) => void)[] = [];
  private cancelRunning?: vscode.CancellationTokenSource;

  private realUi?: Ui;

  /** The product's Ui of the current core (a restarted core brings a new one; the script goes on). */
  bind(real: Ui): this {
    this.realUi = real;
    return this;
  }

  private get real(): Ui {
    if (!this.realUi) throw new Error('The ScriptedUi is bound to no core yet.');
    return this.realUi;
  }

  /** The next prompts take these answers, in order, instead of being shown; records from now on. */
  answer(...answers: Answer[]): void {
    this.recording = true;
    this.script.push(...answers);
  }

  private readonly resets: (() => Answer[])[] = [];

  /** Forget unused answers and what was asked, and stop recording. */
  reset(): Answer[] {
    this.recording = false;
    this.asked.length = 0;
    return [...this.script.splice(0), ...this.resets.flatMap((r) => r())];
  }

  /** Answers kept elsewhere (a plan's Apply) that `reset` reports and drops with its own. */
  alsoReset(r: () => Answer[]): void {
    this.resets.push(r);
  }

  /** Sees every text put in front of the person, scripted or not. */
  watch(w: (p: Prompt) => void): void {
    this.watchers.push(w);
  }

  /** Presses Cancel on the running progress notification. */
  cancelProgress(): boolean {
    if (!this.cancelRunning) return false;
    this.cancelRunning.cancel();
    return true;
  }

  private seen(p: Prompt): void {
    for (const w of this.watchers) w(p);
  }

  /** `shown` is what the person reads, when it says more than the prompt recorded (a pick's descriptions). */
  private scripted(p: Prompt, shown: Prompt = p): { answer: Answer } | undefined {
    this.seen(shown);
    if (!this.recording) return undefined;
    this.asked.push(p);
    return this.script.length ? { answer: this.script.shift() } : undefined;
  }

  notify(kind: 'info' | 'warning' | 'error', message: string, ...buttons: string[]): Promise<string | undefined> {
    this.seen({ kind, message, items: buttons });
    if (this.recording) this.asked.push({ kind, message });
    return this.real.notify(kind, message, ...buttons);
  }

  status(message: string): void {
    this.seen({ kind: 'status', message });
    if (this.recording) this.asked.push({ kind: 'status', message });
    this.real.status(message);
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    const s = this.scripted({ kind: 'confirm', message, detail, items: [action] });
    return s ? s.answer === action : this.real.confirm(message, detail, action);
  }

  async modal(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
    const s = this.scripted({ kind: 'modal', message, detail, items: buttons });
    return s ? s.answer : this.real.modal(message, detail, ...buttons);
  }

  private find<T extends vscode.QuickPickItem>(items: T[], label: string): T {
    const found = items.find((i) => i.label === label);
    if (!found) throw new Error(`Scripted pick "${label}" is not among: ${items.map((i) => i.label).join(', ')}`);
    return found;
  }

  async pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T | undefined> {
    const s = this.scripted(
      { kind: 'pick', message: options.title, items: items.map((i) => i.label) },
      { kind: 'pick', message: options.title, items: items.map(itemText) },
    );
    if (!s) return this.real.pick(items, options);
    return s.answer === undefined ? undefined : this.find(items, s.answer);
  }

  /** Scripted, the answer is the labels, one a line ('' for none). */
  async pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T[] | undefined> {
    const s = this.scripted(
      { kind: 'pick', message: options.title, items: items.map((i) => i.label) },
      { kind: 'pick', message: options.title, items: items.map(itemText) },
    );
    if (!s) return this.real.pickMany(items, options);
    if (s.answer === undefined) return undefined;
    return s.answer
      .split('\n')
      .filter(Boolean)
      .map((l) => this.find(items, l));
  }

  /** Scripted, two answers: what is typed, then the label picked. */
  async search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined> {
    const s = this.scripted({ kind: 'search', message: options.title });
    if (!s) {
      return this.real.search({
        ...options,
        search: (q) => {
          const items = options.search(q);
          this.seen({ kind: 'pick', message: options.title, items: items.map(itemText) });
          return items;
        },
      });
    }
    if (s.answer === undefined) return undefined;
    const items = options.search(s.answer);
    const pick = this.scripted(
      { kind: 'pick', message: `${options.title}: ${s.answer}`, items: items.map((i) => i.label) },
      { kind: 'pick', message: options.title, items: items.map(itemText) },
    );
    if (!pick || pick.answer === undefined) return undefined;
    return this.find(items, pick.answer);
  }

  async progress<T>(title: string, task: (report: (message: string) => void, token: vscode.CancellationToken) => Promise<T>): Promise<T> {
    this.seen({ kind: 'progress', message: title });
    if (this.recording) this.asked.push({ kind: 'progress', message: title });
    const source = new vscode.CancellationTokenSource();
    this.cancelRunning = source;
    try {
      return await this.real.progress(title, (report, token) => {
        token.onCancellationRequested(() => source.cancel());
        return task(report, source.token);
      });
    } finally {
      if (this.cancelRunning === source) this.cancelRunning = undefined;
      source.dispose();
    }
  }

  /** Scripted, the answer is the file's path (undefined: cancelled). */
  async saveAs(options: { title: string; defaultUri?: vscode.Uri; filters?: Record<string, string[]> }): Promise<vscode.Uri | undefined> {
    const s = this.scripted({ kind: 'input', message: options.title, detail: options.defaultUri?.fsPath });
    if (!s) return this.real.saveAs(options);
    return s.answer === undefined ? undefined : vscode.Uri.file(s.answer);
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined> {
    const s = this.scripted({ kind: 'input', message: options.title, detail: options.prompt });
    if (!s) return this.real.input(options);
    if (s.answer === undefined) return undefined;
    // The real box would not accept an invalid value; a scripted one is refused the same way.
    const invalid = await options.validateInput?.(s.answer);
    // A password box's value (a pasted key) is not repeated back.
    const what = options.password ? '…' : s.answer;
    if (invalid) throw new Error(`The input box refuses "${what}": ${typeof invalid === 'string' ? invalid : invalid.message}`);
    return s.answer;
  }
}
