// A test's eyes on the webview panels: every message a panel is sent or sends back, through the wire
// the extension lets Development and Test mode wrap (src/kit/panelWire.ts). What a panel shows is read
// from what it was sent, as its webview reads it; a test "clicks" by sending what the webview would.
import * as vscode from 'vscode';
import type { PanelWire } from '../../src/kit/panelWire';
import type { ActivityRow } from '../../src/webview/activityProtocol';
import type { PlanView } from '../../src/webview/planProtocol';
import type { Report } from '../../src/webview/usageProtocol';

type Failure = { message: string; enableUrl?: string };

export class PanelTap {
  private readonly handlers = new Map<string, (raw: unknown) => void>();
  private readonly rowsOf = new Map<string, ActivityRow[]>();
  private readonly failures = new Map<string, Failure>();
  private readonly reports = new Map<string, Report>();
  private readonly drawnAtOf = new Map<string, number>();
  private readonly plans = new Map<string, PlanView>();
  /** What the person clicks on the next plans offered for review, in order (see answerPlans). */
  private readonly planAnswers: ('apply' | 'cancel')[] = [];
  private readonly answeredSeq = new Set<number>();
  private readonly updates = new vscode.EventEmitter<{ view: string; key: string }>();
  private readonly posts = new vscode.EventEmitter<{ view: string; key: string; message: { type: string } }>();
  /** Fires when a panel has been sent rows, a report or a failure. */
  readonly onDidUpdate = this.updates.event;

  readonly bind = (real: PanelWire): PanelWire => {
    const id = `${real.view}:${real.key}`;
    // A new panel: it shows nothing yet, whatever an earlier one for the same key was sent.
    for (const m of [this.rowsOf, this.failures, this.reports, this.drawnAtOf, this.plans]) m.delete(id);
    return {
      view: real.view,
      key: real.key,
      post: (m) => {
        real.post(m);
        this.sent(id, real, m as { type: string });
      },
      onMessage: (handle) => {
        this.handlers.set(id, handle);
        real.onMessage((raw) => {
          if ((raw as { type?: unknown } | undefined)?.type === 'drawn') this.drawnAtOf.set(id, Date.now());
          handle(raw);
        });
      },
    };
  };

  private sent(id: string, w: PanelWire, m: { type: string; [k: string]: unknown }): void {
    this.posts.fire({ view: w.view, key: w.key, message: m });
    if (m.type === 'rows') {
      const rows = m.rows as ActivityRow[];
      this.rowsOf.set(id, m.reset ? rows : [...(this.rowsOf.get(id) ?? []), ...rows]);
      this.failures.delete(id);
    } else if (m.type === 'failed') {
      this.failures.set(id, { message: m.message as string, enableUrl: m.enableUrl as string | undefined });
    } else if (m.type === 'report') {
      this.reports.set(id, m.report as Report);
    } else if (m.type === 'plan') {
      const plan = m.plan as PlanView;
      this.plans.set(id, plan);
      // A plan offered for review, once per showing: the next scripted click, as the webview sends it.
      if (plan.phase === 'review' && !this.answeredSeq.has(plan.seq) && this.planAnswers.length) {
        this.answeredSeq.add(plan.seq);
        const type = this.planAnswers.shift()!;
        setTimeout(() => this.send('plan', w.key, { type, seq: plan.seq }));
      }
    } else return;
    this.updates.fire({ view: w.view, key: w.key });
  }

  /** Clicks Apply (or Cancel) on the next plans offered for review, one answer a plan, in order. */
  answerPlans(...answers: ('apply' | 'cancel')[]): void {
    this.planAnswers.push(...answers);
  }

  /** Forgets unused plan answers (a test that left one), and returns them. */
  resetPlans(): string[] {
    return this.planAnswers.splice(0);
  }

  /** What a plan panel (by the plan's name) last drew. */
  plan(name: string): PlanView | undefined {
    return this.plans.get(`plan:${name}`);
  }

  /** The rows an Activity view has been sent, in order (what it lists). */
  rows(key: string): ActivityRow[] | undefined {
    return this.rowsOf.get(`activity:${key}`);
  }

  /** The failure an Activity view was last sent, if rows have not come since. */
  failed(key: string): Failure | undefined {
    return this.failures.get(`activity:${key}`);
  }

  /** The last report a Usage & Cost view was sent. */
  report(key: string): Report | undefined {
    return this.reports.get(`usage:${key}`);
  }

  /** When a Usage & Cost view last said its charts were on screen (0: never). */
  drawnAt(key: string): number {
    return this.drawnAtOf.get(`usage:${key}`) ?? 0;
  }

  /** Sends what the panel's webview would (a filter chosen, a range clicked). */
  send(view: string, key: string, message: unknown): void {
    const handle = this.handlers.get(`${view}:${key}`);
    if (!handle) throw new Error(`no ${view} panel is open for ${key}`);
    handle(message);
  }

  /** The next message of one of `types` the panel `view`/`key` is sent (listening from now on). */
  nextPost<T extends { type: string }>(view: string, key: string, types: T['type'][]): Promise<T> {
    return new Promise((resolve) => {
      const d = this.posts.event((p) => {
        if (p.view !== view || p.key !== key || !types.includes(p.message.type)) return;
        d.dispose();
        resolve(p.message as T);
      });
    });
  }

  /** The next `count` messages of `types` the panel `view`/`key` is sent (listening from now on). */
  nextPosts<T extends { type: string }>(view: string, key: string, types: T['type'][], count: number): Promise<T[]> {
    const got: T[] = [];
    return new Promise((resolve) => {
      const d = this.posts.event((p) => {
        if (p.view !== view || p.key !== key || !types.includes(p.message.type)) return;
        got.push(p.message as T);
        if (got.length < count) return;
        d.dispose();
        resolve(got);
      });
    });
  }

  /** Resolves when the panel `view`/`key` is next sent rows, a report or a failure (listening from now on). */
  next(view: string, key: string): Promise<void> {
    return new Promise((resolve) => {
      const d = this.onDidUpdate((u) => {
        if (u.view !== view || u.key !== key) return;
        d.dispose();
        resolve();
      });
    });
  }
}
