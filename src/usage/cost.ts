// The month-to-date cost in each project's row (`openaiProjects.showCost`, off by default): one costs
// request for the whole organization, cached, read again when the tree is refreshed.
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { errorText } from '../client';
import { money } from '../shared/locale';
import type { UsageSource } from './source';

export class MonthToDate {
  private values?: { byProject: Map<string, number>; currency: string };
  private loading = false;
  /** The last load failed: the rows say nothing (not "$0.00") until Refresh. */
  private failed = false;

  constructor(
    private readonly source: UsageSource,
    private readonly enabled: () => boolean,
    private readonly redraw: () => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The row's text, `$12.34 this month`, once the costs have loaded; the first ask starts the load. */
  text(projectId: string): string | undefined {
    if (!this.enabled() || this.failed) return undefined;
    if (!this.values) {
      this.load();
      return undefined;
    }
    return l10n.t('{0} this month', money(this.values.byProject.get(projectId) ?? 0, this.values.currency));
  }

  /** Forget the figures: the next row drawn asks again (the tree's Refresh). */
  refresh(): void {
    this.values = undefined;
    this.failed = false;
  }

  private load(): void {
    if (this.loading) return;
    this.loading = true;
    this.source.monthToDate().then(
      (v) => {
        this.values = v;
        this.loading = false;
        this.redraw();
      },
      (e: unknown) => {
        // The rows stay as they are; the log says why there is no cost. Refresh tries again.
        this.log.warn(`Could not read this month's costs for the project rows: ${errorText(e)}`);
        this.failed = true;
        this.loading = false;
      },
    );
  }
}
