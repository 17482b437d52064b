// "This month": spend so far as a line from the first of the month, the forecast to the month's end
// at this month's daily rate (dashed), the hard spend limit and the alerts' thresholds as level lines.
// Read out as text like the daily charts: arrow keys move from day to day, a live line says the day.
import * as l10n from '@vscode/l10n';
import uPlot from 'uplot';
import { bucketDay } from '../shared/locale';
import { cssVar, live, opaque, type Chart } from './chart';
import type { Outlook } from './usageProtocol';

const DAY = 86_400;

/** The forecast line: null before today, today's spend at today, then straight on at the daily rate. */
export function forecastLine(o: Outlook, now: number): (number | null)[] {
  const todayIndex = o.spent.reduce<number>((last, v, i) => (v === null ? last : i), -1);
  if (todayIndex < 0) return o.days.map(() => null);
  const sofar = o.spent[todayIndex]!;
  return o.days.map((d, i) => (i < todayIndex ? null : i === todayIndex ? sofar : sofar + o.dailyRate * Math.max(0, (d + DAY - now) / DAY)));
}

export function monthChart(label: string, o: Outlook, now: number, format: (v: number) => string): Chart {
  const forecast = forecastLine(o, now);
  const wrap = document.createElement('div');
  wrap.className = 'chart month';
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'img');
  wrap.setAttribute('aria-label', l10n.t('{0}: {1} forecast for the month. Arrow keys read one day at a time.', label, format(o.forecast)));
  const readout = document.createElement('div');
  readout.className = 'readout muted';
  readout.setAttribute('aria-live', 'polite');
  const legend = document.createElement('div');
  legend.className = 'legend';
  const names = [l10n.t('Spent'), l10n.t('Forecast'), ...(o.limit ? [l10n.t('Hard limit')] : []), ...(o.alerts.length ? [l10n.t('Alerts')] : [])];
  const swatches = names.map((n) => {
    const item = document.createElement('span');
    item.textContent = n;
    legend.append(item);
    return item;
  });
  const element = document.createElement('div');
  element.append(legend, wrap, readout);

  const say = (i: number | null | undefined) => {
    if (i === null || i === undefined || i < 0 || i >= o.days.length) return;
    const spent = o.spent[i];
    const day = bucketDay(o.days[i]!);
    readout.textContent =
      spent !== null && spent !== undefined
        ? l10n.t('{0}: {1} spent by the end of the day', day, format(spent))
        : l10n.t('{0}: {1} forecast', day, format(forecast[i] ?? 0));
  };

  let plot: uPlot | undefined;
  const draw = () => {
    plot?.destroy();
    const c = (v: string, f: string) => opaque(cssVar(v, f));
    const colors = [
      c('--vscode-charts-blue', '#3794ff'),
      c('--vscode-charts-blue', '#3794ff'),
      c('--vscode-charts-red', '#f14c4c'),
      c('--vscode-charts-yellow', '#cca700'),
    ];
    const shown = [0, 1, ...(o.limit ? [2] : []), ...(o.alerts.length ? [3] : [])];
    swatches.forEach((item, k) => item.style.setProperty('--swatch', colors[shown[k]!]!));
    const axisColor = cssVar('--vscode-descriptionForeground', '#888');
    const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
    const font = `11px ${cssVar('--vscode-font-family', 'sans-serif')}`;
    const level = (v: number) => o.days.map(() => v);
    const top = Math.max(1, o.forecast, o.limit?.amount ?? 0, ...o.alerts, ...o.spent.map((v) => v ?? 0));
    const lines: uPlot.Series[] = [
      { label: names[0], stroke: colors[0], width: 2, points: { show: false } },
      { label: names[1], stroke: colors[1], width: 2, dash: [6, 4], points: { show: false } },
      ...(o.limit ? [{ label: names[2], stroke: colors[2], width: 2, points: { show: false } }] : []),
      ...o.alerts.map(() => ({ stroke: colors[3], width: 1, dash: [2, 3], points: { show: false } })),
    ];
    plot = new uPlot(
      {
        width: Math.max(280, wrap.clientWidth || element.clientWidth || 600),
        height: 200,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false }, y: false },
        scales: { x: { time: true }, y: { range: () => [0, top * 1.08] } },
        axes: [
          { stroke: axisColor, font, grid: { show: false }, ticks: { stroke: grid }, values: (_u, ticks) => ticks.map(bucketDay) },
          { stroke: axisColor, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 60, values: (_u, ticks) => ticks.map(format) },
        ],
        series: [{}, ...lines],
        hooks: { setCursor: [(u) => say(u.cursor.idx)] },
      },
      [o.days, o.spent, forecast, ...(o.limit ? [level(o.limit.amount)] : []), ...o.alerts.map(level)] as uPlot.AlignedData,
      wrap,
    );
  };

  return live(
    wrap,
    element,
    o.days,
    Math.max(0, o.spent.filter((v) => v !== null).length - 1),
    () => plot,
    say,
    draw,
    () => plot?.destroy(),
  );
}
