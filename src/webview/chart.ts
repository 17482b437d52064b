// A stacked daily bar chart on uPlot, in the theme's own chart colours, read out as text: arrow keys
// move a cursor from day to day and a live line says that day's figures, so the chart works without a
// mouse and with a screen reader; the same numbers are in a table beside it.
import * as l10n from '@vscode/l10n';
import uPlot from 'uplot';
import type { Series } from './usageProtocol';
import { bucketDay } from '../shared/locale';

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

export function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

let probe: CanvasRenderingContext2D | null | undefined;
/**
 * A colour at full strength: the Modern themes' chart colours are translucent
 * (`rgba(234, 92, 0, 0.33)`), which blends where bars meet into colours no legend shows, and makes
 * a pale swatch on white. The canvas reads any CSS colour back as `#rrggbb` or `rgba(…)`.
 */
export function opaque(color: string): string {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return color;
  probe.fillStyle = '#000';
  probe.fillStyle = color;
  const read = probe.fillStyle;
  const m = /^rgba\((\d+),\s*(\d+),\s*(\d+),/.exec(read);
  return m ? `rgb(${m[1]}, ${m[2]}, ${m[3]})` : read;
}

/** Series `i`'s colour, the same in its bars and its legend swatch. */
export const seriesColor = (i: number) => opaque(cssVar(PALETTE[i % PALETTE.length]!, FALLBACK[i % FALLBACK.length]!));

/**
 * Bars from `below` (each day's base; zero if none) up to the series' own data, on whole canvas
 * pixels: 70% of a day's width, at most 40 CSS pixels.
 */
function segments(below: number[] | undefined): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const xs = u.data[0];
    const ys = u.data[seriesIdx]!;
    const at = (v: number, scale: string) => Math.round(u.valToPos(v, scale, true));
    const day = xs.length > 1 ? Math.abs(u.valToPos(xs[1]!, 'x', true) - u.valToPos(xs[0]!, 'x', true)) : u.bbox.width / 2;
    const width = Math.max(1, Math.round(Math.min(day * 0.7, 40 * uPlot.pxRatio)));
    const fill = new Path2D();
    for (let i = idx0; i <= idx1; i++) {
      const top = at(ys[i] ?? 0, 'y');
      const bottom = at(below?.[i] ?? 0, 'y');
      if (bottom > top) fill.rect(Math.round(u.valToPos(xs[i]!, 'x', true) - width / 2), top, width, bottom - top);
    }
    return { fill };
  };
}

const dayLabel = (t: number) => bucketDay(t);

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
  const swatches = series.map((s) => {
    const item = document.createElement('span');
    item.textContent = s.name;
    legend.append(item);
    return item;
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
    // Read at each draw: a theme change redraws. Opaque, and each day's bar cut into segments that
    // do not overlap, on whole pixels: every pixel of a segment is its series' colour, the one its
    // swatch shows (bars drawn over each other, or on fractional pixels, blend into colours none shows).
    const colors = series.map((_, k) => seriesColor(k));
    swatches.forEach((item, k) => item.style.setProperty('--swatch', colors[k]!));
    // Stacked: segment k runs from the sum of the series below it to that sum plus its own value.
    const sums: number[][] = [];
    series.forEach((s, k) => sums.push(s.values.map((v, i) => v + (k ? sums[k - 1]![i]! : 0))));
    const axisColor = cssVar('--vscode-descriptionForeground', '#888');
    const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
    const font = `11px ${cssVar('--vscode-font-family', 'sans-serif')}`;
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
          ...series.map((s, k) => ({ label: s.name, fill: colors[k]!, width: 0, paths: segments(k ? sums[k - 1] : undefined), points: { show: false } })),
        ],
        hooks: { setCursor: [(u) => say(u.cursor.idx)] },
      },
      [days, ...sums],
      wrap,
    );
  };

  return live(
    wrap,
    element,
    days,
    days.length - 1,
    () => plot,
    say,
    draw,
    () => plot?.destroy(),
  );
}

/**
 * What every chart here does around its plot: arrow keys move a cursor from day to day (Home, End
 * to the ends) and `say` reads it out; drawn once attached (it needs a width), again on resize and
 * on a theme change (colours are read at each draw).
 */
export function live(
  wrap: HTMLElement,
  element: HTMLElement,
  days: number[],
  start: number,
  plot: () => uPlot | undefined,
  say: (i: number) => void,
  draw: () => void,
  destroy: () => void,
): Chart {
  let cursor = start;
  wrap.addEventListener('keydown', (e) => {
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, Home: -days.length, End: days.length };
    const p = plot();
    if (!(e.key in step) || !p) return;
    e.preventDefault();
    cursor = Math.max(0, Math.min(days.length - 1, cursor + step[e.key]!));
    p.setCursor({ left: p.valToPos(days[cursor]!, 'x'), top: 10 });
    say(cursor);
  });
  wrap.addEventListener('focus', () => say(cursor));
  requestAnimationFrame(draw);
  const resize = new ResizeObserver(() => {
    const p = plot();
    if (p && Math.abs(p.width - wrap.clientWidth) > 8) draw();
  });
  resize.observe(wrap);
  const theme = new MutationObserver(draw);
  theme.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return {
    element,
    destroy() {
      resize.disconnect();
      theme.disconnect();
      destroy();
    },
  };
}
