// The Usage & Cost view, inside the webview: totals, three stacked daily charts, the biggest keys and
// users, and for the organization one line per project. Everything from the extension is checked with
// zod and written as text, never as HTML.
import './l10n';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { stackedBars, type Chart } from './chart';
import { monthChart } from './monthChart';
import { el, onMessages, vscodeApi } from './dom';
import { bucketDay, compactNumber, dateTime, money as formatMoney, whole } from '../shared/locale';
import { FromUsageView, RANGES, ToUsageView, type Outlook, type Range, type Ranked, type Report, type Series } from './usageProtocol';

const vscode = vscodeApi<FromUsageView, { range?: Range }>();
const app = document.getElementById('app')!;
let range: Range = vscode.getState()?.range ?? 30;
let charts: Chart[] = [];
let last: Report | undefined;

/** Money in the report's currency, in the display language. */
const money =
  (currency: string, short = false) =>
  (v: number) =>
    formatMoney(v, currency, short);
const dayLabel = bucketDay;
const sum = (s: Series[]) => s.reduce((n, x) => n + x.values.reduce((a, b) => a + b, 0), 0);

function header(title: string, busy: boolean): HTMLElement {
  const buttons = RANGES.map((r) => {
    const b = el('vscode-button', { textContent: l10n.t('{0} days', r) });
    if (r !== range) b.setAttribute('secondary', '');
    b.setAttribute('aria-pressed', String(r === range));
    b.addEventListener('click', () => {
      range = r;
      vscode.setState({ range });
      vscode.postMessage({ type: 'range', range: r });
    });
    return b;
  });
  const refresh = el('vscode-button', { textContent: l10n.t('Refresh') });
  refresh.setAttribute('secondary', '');
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  const parts: HTMLElement[] = [el('h1', { textContent: title }), el('div', { className: 'range' }, ...buttons), refresh];
  if (last?.scope === 'project') {
    const activity = el('vscode-button', { textContent: l10n.t('Activity') });
    activity.setAttribute('secondary', '');
    activity.addEventListener('click', () => vscode.postMessage({ type: 'activity' }));
    parts.push(activity);
  }
  if (busy) parts.push(el('span', { className: 'muted', textContent: l10n.t('Loading…') }));
  return el('header', {}, ...parts);
}

/** The numbers behind a chart: a row a day, a column a series, and the day's total (built when opened). */
function table(days: number[], series: Series[], format: (v: number) => string): HTMLElement {
  const details = el('details', {}, el('summary', { textContent: l10n.t('Show the numbers') }));
  details.addEventListener(
    'toggle',
    () => {
      const head = el(
        'tr',
        {},
        el('th', { textContent: l10n.t('Day') }),
        ...series.map((s) => el('th', { className: 'num', textContent: s.name })),
        el('th', { className: 'num', textContent: l10n.t('Total') }),
      );
      const rows = days.map((d, i) =>
        el(
          'tr',
          {},
          el('td', { textContent: dayLabel(d) }),
          ...series.map((s) => el('td', { className: 'num', textContent: format(s.values[i]!) })),
          el('td', { className: 'num', textContent: format(series.reduce((n, s) => n + s.values[i]!, 0)) }),
        ),
      );
      details.append(el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
    },
    { once: true },
  );
  return details;
}

function figure(title: string, days: number[], series: Series[], axis: (v: number) => string, exact: (v: number) => string): HTMLElement {
  const chart = stackedBars(title, days, series, axis);
  charts.push(chart);
  return el(
    'figure',
    {},
    el('figcaption', { textContent: title }),
    series.length ? chart.element : el('p', { className: 'muted', textContent: l10n.t('Nothing in this range.') }),
    table(days, series, exact),
  );
}

/** A bar as long as its share; its width set through the CSSOM, which the CSP allows (style attributes it does not). */
function bar(share: number): HTMLElement {
  const b = el('span', { className: 'bar' });
  b.style.width = `${Math.round(share * 100)}px`;
  return b;
}

function ranked(title: string, items: Ranked[], empty: string): HTMLElement {
  const max = Math.max(1, ...items.map((i) => i.tokens));
  const rows = items.map((i) =>
    el(
      'tr',
      {},
      el('td', {}, el('div', { textContent: i.label }), ...(i.detail ? [el('div', { className: 'muted', textContent: i.detail })] : [])),
      el('td', { className: 'num', textContent: compactNumber(i.tokens) }, el('br'), bar(i.tokens / max)),
      el('td', { className: 'num', textContent: whole(i.requests) }),
    ),
  );
  const body = items.length
    ? el(
        'table',
        {},
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { textContent: l10n.t('Name') }),
            el('th', { className: 'num', textContent: l10n.t('Tokens') }),
            el('th', { className: 'num', textContent: l10n.t('Requests') }),
          ),
        ),
        el('tbody', {}, ...rows),
      )
    : el('p', { className: 'muted', textContent: empty });
  return el('section', {}, el('h2', { textContent: title }), body);
}

function projectsTable(r: Report, cost: (v: number) => string): HTMLElement {
  const rows = (r.projects ?? []).map((p) => {
    const open = el('button', { className: 'link', textContent: p.name, title: p.id });
    open.addEventListener('click', () => vscode.postMessage({ type: 'openProject', id: p.id }));
    return el(
      'tr',
      {},
      el('td', {}, open, ...(p.archived ? [el('span', { className: 'muted', textContent: l10n.t(' archived') })] : [])),
      el('td', { className: 'num', textContent: cost(p.cost) }),
      el('td', { className: 'num', textContent: cost(p.monthToDate) }),
    );
  });
  return el(
    'section',
    {},
    el('h2', { textContent: l10n.t('Projects by cost ({0})', rows.length) }),
    el(
      'table',
      {},
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { textContent: l10n.t('Project') }),
          el('th', { className: 'num', textContent: l10n.t('Last {0} days', r.range) }),
          el('th', { className: 'num', textContent: l10n.t('Month to date') }),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}

/** This month against its hard spend limit and alerts, and where this month's rate ends it. */
function monthSection(r: Report, o: Outlook, cost: (v: number) => string, axis: (v: number) => string): HTMLElement {
  const title = l10n.t('This month');
  const chart = monthChart(title, o, r.fetchedAt, axis);
  charts.push(chart);
  const lines = [
    l10n.t('Forecast for the month: {0}, at this month’s rate so far of {1} a day.', cost(o.forecast), cost(o.dailyRate)),
    o.limit?.enforcing
      ? l10n.t('The hard spend limit of {0} is reached: the API refuses requests until next month.', cost(o.limit.amount))
      : o.limit && o.limitDay !== undefined
        ? l10n.t('At this rate the hard spend limit of {0} is reached about {1}.', cost(o.limit.amount), bucketDay(o.limitDay))
        : o.limit
          ? l10n.t('Hard spend limit: {0} ({1} left).', cost(o.limit.amount), cost(Math.max(0, o.limit.amount - r.monthToDate)))
          : l10n.t('No hard spend limit.'),
    o.alerts.length ? l10n.t('Spend alerts at {0}.', o.alerts.map(cost).join(', ')) : l10n.t('No spend alerts.'),
  ];
  return el(
    'figure',
    { className: 'month' },
    el('figcaption', { textContent: title }),
    ...lines.map((t, i) => el('p', { className: i === 1 && o.limit?.enforcing ? 'error' : 'muted', textContent: t })),
    chart.element,
  );
}

function draw(r: Report): void {
  charts.forEach((c) => c.destroy());
  charts = [];
  last = r;
  const cost = money(r.currency);
  const costAxis = money(r.currency, true);
  const totals = el(
    'div',
    { className: 'totals' },
    ...[
      [l10n.t('Last {0} days', r.range), cost(r.costTotal)],
      [l10n.t('Month to date'), cost(r.monthToDate)],
      ...(r.month ? [[l10n.t('Month forecast'), cost(r.month.forecast)]] : []),
      [l10n.t('Requests'), whole(sum(r.requests))],
      [l10n.t('Tokens'), compactNumber(sum(r.tokens))],
    ].map(([k, v]) => el('div', {}, el('span', { className: 'muted', textContent: k! }), el('strong', { textContent: v! }))),
  );
  const problems = r.problems.map((p) => el('div', { className: 'banner', textContent: p }));
  const empty =
    !sum(r.cost) && !sum(r.tokens) ? [el('p', { className: 'muted', textContent: l10n.t('No usage and no cost in the last {0} days.', r.range) })] : [];
  app.replaceChildren(
    header(r.scope === 'project' ? l10n.t('Usage & Cost: {0}', r.title) : l10n.t('Usage & Cost: Organization'), false),
    ...problems,
    totals,
    ...empty,
    ...(r.month ? [monthSection(r, r.month, cost, costAxis)] : []),
    figure(r.scope === 'project' ? l10n.t('Cost per day, by line item') : l10n.t('Cost per day, by project'), r.days, r.cost, costAxis, cost),
    ...(r.projects ? [projectsTable(r, cost)] : []),
    el(
      'div',
      { className: 'columns' },
      figure(
        l10n.t('Tokens per day, by model'),
        r.days,
        r.tokens,
        (v) => compactNumber(v),
        (v) => whole(v),
      ),
      figure(
        l10n.t('Requests per day, by model'),
        r.days,
        r.requests,
        (v) => compactNumber(v),
        (v) => whole(v),
      ),
    ),
    el(
      'div',
      { className: 'columns' },
      ...(r.scope === 'project' ? [ranked(l10n.t('Top API keys'), r.topKeys, l10n.t('No key was used in this range.'))] : []),
      ranked(l10n.t('Top users'), r.topUsers, l10n.t('No usage by a person in this range.')),
    ),
    el('p', {
      className: 'muted',
      textContent: l10n.t("As of {0}. Costs and usage come from OpenAI's costs and usage endpoints; today's figures are partial.", dateTime(r.fetchedAt)),
    }),
  );
  // The charts draw on the next frame; after it, the report is on screen.
  requestAnimationFrame(() => requestAnimationFrame(() => vscode.postMessage({ type: 'drawn', fetchedAt: r.fetchedAt })));
}

onMessages(ToUsageView, (m) => {
  if (m.type === 'report') {
    range = m.report.range;
    vscode.setState({ range });
    draw(m.report);
  } else if (m.type === 'loading') {
    range = m.range;
    // What is on screen stays; the header says another range is on its way.
    if (last)
      app
        .querySelector('header')
        ?.replaceWith(header(last.scope === 'project' ? l10n.t('Usage & Cost: {0}', last.title) : l10n.t('Usage & Cost: Organization'), true));
    else app.replaceChildren(el('p', { textContent: l10n.t('Loading usage and costs…') }));
  } else {
    app.replaceChildren(header(l10n.t('Usage & Cost'), false), el('p', { className: 'error', textContent: l10n.t('Could not load: {0}', m.message) }));
  }
});

vscode.postMessage({ type: 'ready', range });
