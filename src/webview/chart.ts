// A stacked daily bar chart on uPlot, in the theme's own chart colours, read out as text: arrow keys
// move a cursor from day to day and a live line says that day's figures, so the chart works without a
// mouse and with a screen reader; the same numbers are in a table beside it.
import * as l10n from '@vscode/l10n';
import uPlot from 'uplot';
import type { Series } from './usageProtocol';

const PALETTE = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
  '--vscode-charts-foreground',
  '--vscode-charts-lines',
];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700', '#cccccc', '#808080'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}
export const seriesColor = (i: number) => cssVar(PALETTE[i % PALETTE.length]!, FALLBACK[i % FALLBACK.length]!);

const dayLabel = (t: number) => new Date(t * 1000).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export interface Chart {
  readonly element: HTMLElement;
  destroy(): void;
}

/** Draws `series` stacked, one bar a day; `format` writes a value (axis, readout). */
export function stackedBars(label: string, days: number[], series: Series[], format: (v: number) => string): Chart {
  const wrap = document.createElement('div');
  wrap.className = 'chart';
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'img');
  const total = (i: number) => series.reduce((n, s) => n + s.values[i]!, 0);
  wrap.setAttribute(
    'aria-label',
    l10n.t('{0}: {1} days, {2} in all. Arrow keys read one day at a time.', label, days.length, format(days.reduce((n, _d, i) => n + total(i), 0))),
  );
  const readout = document.createElement('div');
  readout.className = 'readout muted';
  readout.setAttribute('aria-live', 'polite');
  const legend = document.createElement('div');
  legend.className = 'legend';
  series.forEach((s, i) => {
    const item = document.createElement('span');
    item.textContent = s.name;
    item.style.setProperty('--swatch', `var(${PALETTE[i % PALETTE.length]}, ${FALLBACK[i % FALLBACK.length]})`);
    legend.append(item);
  });
  const element = document.createElement('div');
  element.append(legend, wrap, readout);

  const say = (i: number | null | undefined) => {
    if (i === null || i === undefined || i < 0 || i >= days.length) return;
    const parts = series.filter((s) => s.values[i]).map((s) => `${s.name} ${format(s.values[i]!)}`);
    readout.textContent = `${dayLabel(days[i]!)}: ${format(total(i))}${parts.length ? ` (${parts.join(', ')})` : ''}`;
  };

  let plot: uPlot | undefined;
  const draw = () => {
    plot?.destroy();
    if (!series.length) {
      readout.textContent = l10n.t('Nothing in this range.');
      return;
    }
    // Stacked: each drawn series is the sum of itself and those below it, drawn tallest first.
    const sums: number[][] = [];
    series.forEach((s, k) => sums.push(s.values.map((v, i) => v + (k ? sums[k - 1]![i]! : 0))));
    const order = series.map((_, k) => series.length - 1 - k);
    const axisColor = cssVar('--vscode-descriptionForeground', '#888');
    const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
    const font = `11px ${cssVar('--vscode-font-family', 'sans-serif')}`;
    const bars = uPlot.paths.bars!({ size: [0.7, 40], gap: 1 });
    plot = new uPlot(
      {
        width: Math.max(280, wrap.clientWidth || element.clientWidth || 600),
        height: 200,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false }, y: false },
        scales: { x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
        axes: [
          { stroke: axisColor, font, grid: { show: false }, ticks: { stroke: grid }, values: (_u, ticks) => ticks.map(dayLabel) },
          { stroke: axisColor, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 60, values: (_u, ticks) => ticks.map(format) },
        ],
        series: [
          {},
          ...order.map((k) => ({ label: series[k]!.name, fill: seriesColor(k), stroke: seriesColor(k), width: 0, paths: bars, points: { show: false } })),
        ],
        hooks: { setCursor: [(u) => say(u.cursor.idx)] },
      },
      [days, ...order.map((k) => sums[k]!)],
      wrap,
    );
  };

  let cursor = days.length - 1;
  wrap.addEventListener('keydown', (e) => {
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, Home: -days.length, End: days.length };
    if (!(e.key in step) || !plot) return;
    e.preventDefault();
    cursor = Math.max(0, Math.min(days.length - 1, cursor + step[e.key]!));
    plot.setCursor({ left: plot.valToPos(days[cursor]!, 'x'), top: 10 });
    say(cursor);
  });
  wrap.addEventListener('focus', () => say(cursor));

  // Drawn once attached (it needs a width), again on resize and on a theme change (colours are read then).
  requestAnimationFrame(draw);
  const resize = new ResizeObserver(() => plot && Math.abs(plot.width - wrap.clientWidth) > 8 && draw());
  resize.observe(wrap);
  const theme = new MutationObserver(draw);
  theme.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return {
    element,
    destroy() {
      resize.disconnect();
      theme.disconnect();
      plot?.destroy();
    },
  };
}
