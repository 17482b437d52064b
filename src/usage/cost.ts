// The month-to-date cost in each project's row (`openaiProjects.showCost`, off by default): one costs
// request for the whole organization, cached, read again when the tree is refreshed. With it, each
// row's hard spend limit ("$42 of $100") and the organization's at the top: a limit is one request per
// project under the admin API's low rate limit, so they are read only while costs are shown, two at a
// time, once per refresh; a limit already read (a settings form, a write) is used as it is.
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { errorText, type SpendLimit } from '../client';
import { money, percent } from '../shared/locale';
import { ORG_SCOPE, scopeKey, type Scope } from '../store/facets';
import { pool, type OrgStore } from '../store/store';
import type { UsageSource } from './source';

/** What a row says about its money, and how loudly. */
export interface Money {
  text: string;
  /** `warning` from 80 % of the limit; `error` while the API is enforcing it. */
  level?: 'warning' | 'error';
  tooltip: string;
}

/** From this share of its limit a project's row warns. */
export const WARN_AT = 0.8;

export class MonthToDate {
  private values?: { byProject: Map<string, number>; total: number; currency: string };
  private loading = false;
  /** The last load failed: the rows say nothing (not "$0.00") until Refresh. */
  private failed = false;
  /** Scopes whose limit has been asked for since the last refresh (asked once, even if it failed). */
  private readonly asked = new Set<string>();
  private readonly limits = pool(2);
  /** Bumped by each Refresh: limit reads still queued from before are dropped. */
  private round = 0;
  private redrawTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly source: UsageSource,
    private readonly store: OrgStore,
    private readonly enabled: () => boolean,
    private readonly redraw: () => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * A project row's money once the costs have loaded (the first ask starts the load). `readLimit`:
   * the row may set off a read of its limit (not for an archived project, which spends nothing).
   */
  project(projectId: string, readLimit = true): Money | undefined {
    const v = this.costs();
    if (!v) return undefined;
    // Only a project of the list now held: a row of the list before a Refresh or another key, still
    // drawn for a moment, would read a limit that is not this organization's (or not there at all).
    return look(v.byProject.get(projectId) ?? 0, this.limit({ projectId }, readLimit && this.current(projectId)), v.currency);
  }

  private currentIds?: { list: readonly { id: string }[]; ids: Set<string> };
  private current(projectId: string): boolean {
    const list = this.store.loadedProjects;
    if (!list) return false;
    if (this.currentIds?.list !== list) this.currentIds = { list, ids: new Set(list.map((p) => p.id)) };
    return this.currentIds.ids.has(projectId);
  }

  /** The organization's month so far and its own limit, for the top of the view. */
  organization(): Money | undefined {
    const v = this.costs();
    if (!v) return undefined;
    const m = look(v.total, this.limit(ORG_SCOPE, true), v.currency);
    return { ...m, text: l10n.t('Organization: {0}', m.text) };
  }

  /** Forget the figures: the next row drawn asks again (the tree's Refresh; the store forgets the limits). */
  refresh(): void {
    this.values = undefined;
    this.failed = false;
    this.asked.clear();
    this.round++;
  }

  private costs() {
    if (!this.enabled() || this.failed) return undefined;
    if (!this.values) this.load();
    return this.values;
  }

  /** The limit if known (`null`: none set); else undefined, and a read started if allowed. */
  private limit(scope: Scope, read: boolean): SpendLimit | null | undefined {
    const known = this.store.facetLoaded(scope, 'spendLimit');
    if (known !== undefined || !read) return known;
    const key = scopeKey(scope);
    if (this.asked.has(key)) return undefined;
    this.asked.add(key);
    // Queued behind others: after a Refresh (or another key) it is not sent at all, as the rows that
    // asked for it are gone; the new rows ask again.
    const round = this.round;
    void this.limits(async () => (round === this.round ? this.store.facet(scope, 'spendLimit') : undefined)).then(
      () => this.soon(),
      // The row keeps its cost without "of …"; the log says why. Refresh tries again.
      (e: unknown) => this.log.warn(`Could not read the hard spend limit of ${key} for the tree: ${errorText(e)}`),
    );
    return undefined;
  }

  /** Limits land one by one: the rows are drawn again once for a burst of them. */
  private soon(): void {
    this.redrawTimer ??= setTimeout(() => {
      this.redrawTimer = undefined;
      this.redraw();
    }, 150);
  }

  private load(): void {
    if (this.loading) return;
    this.loading = true;
    this.source.monthToDate().then(
      (v) => {
        this.values = { ...v, total: [...v.byProject.values()].reduce((a, b) => a + b, 0) };
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

/** The words and level for `spent` (dollars) against a limit (cents), `null` for none, undefined while unknown. */
export function look(spent: number, limit: SpendLimit | null | undefined, currency: string): Money {
  const cents = limit?.threshold_amount;
  if (typeof cents !== 'number' || cents <= 0) {
    const text = l10n.t('{0} this month', money(spent, currency));
    return { text, tooltip: limit === null ? l10n.t('{0}; no hard spend limit', text) : text };
  }
  const cap = cents / 100;
  const unit = limit?.currency ?? currency;
  const text = l10n.t('{0} of {1} this month', money(spent, unit), money(cap, unit));
  const share = spent / cap;
  // Rounded down: 79.99 % must not read as the 80 % that warns.
  const shown = percent(Math.floor(share * 100) / 100);
  if (limit?.enforcement?.status === 'enforcing')
    return { text, level: 'error', tooltip: l10n.t('{0}: the hard spend limit is reached, and the API refuses requests until next month.', text) };
  if (share >= WARN_AT) return { text, level: 'warning', tooltip: l10n.t('{0}: {1} of the hard spend limit is spent.', text, shown) };
  return { text, tooltip: l10n.t('{0} ({1} of the hard spend limit)', text, shown) };
}
