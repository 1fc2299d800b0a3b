/**
 * The position-bias curve (CTR by displayed slot, control vs treatment) drawn by uPlot. The
 * chart follows its container's width, so it fits a phone and a laptop alike.
 */
import uPlot from 'uplot';
import type { CampaignReport } from '../../../../src/core/report/report';
import { h } from '../dom';
import { count } from '../format';
import { hasCurve, positionSeries } from '../position-series';

export interface Chart {
  el: HTMLElement;
  /** Draws once the element is in the document (uPlot measures fonts there). */
  mount(): void;
  destroy(): void;
}

export const COLORS = { treatment: '#4f46e5', control: '#94a3b8' } as const;

const heightFor = (width: number) => (width < 480 ? 220 : 280);

export function positionChart(report: CampaignReport): Chart {
  const s = positionSeries(report.positions);
  if (!hasCurve(s)) {
    const el = h('p', { class: 'empty' }, 'Not enough data yet: the curve needs impressions in at least two slots.');
    return { el, mount() {}, destroy() {} };
  }
  const host = h('div', { class: 'uplot-host' });
  const el = h('div', { class: 'position-chart' }, host);
  let plot: uPlot | null = null;
  let observer: ResizeObserver | null = null;

  const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);
  const impressionsAt = (arr: number[]) => (_u: uPlot, v: number | null, _si: number, i: number | null) => (i === null ? pct(v) : `${pct(v)} (${count(arr[i] ?? 0)} imp.)`);
  const font = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  const axis = { font, stroke: '#475569', grid: { stroke: '#e2e8f0', width: 1 }, ticks: { stroke: '#cbd5e1', width: 1 } };

  const mount = () => {
    const width = Math.max(240, host.clientWidth);
    const opts: uPlot.Options = {
      width,
      height: heightFor(width),
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(0.5, max * 1.1)] } },
      series: [
        { label: 'Slot', value: (_u, v) => (v === null ? '—' : `#${v}`) },
        { label: 'Control', stroke: COLORS.control, width: 2, points: { show: true, size: 5 }, value: impressionsAt(s.controlImpressions) },
        { label: 'Treatment', stroke: COLORS.treatment, width: 2, points: { show: true, size: 5 }, value: impressionsAt(s.treatmentImpressions) },
      ],
      axes: [
        { ...axis, label: 'Displayed slot (1 = first tile)', labelFont: font, incrs: [1, 2, 5, 10, 20, 50] },
        { ...axis, label: 'Click-through rate', labelFont: font, size: 56, values: (_u, vals) => vals.map((v) => `${+v.toFixed(2)}%`) },
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    };
    plot = new uPlot(opts, [s.slots, s.control, s.treatment], host);
    observer = new ResizeObserver(() => {
      const w = Math.max(240, host.clientWidth);
      if (plot && Math.abs(w - plot.width) > 1) plot.setSize({ width: w, height: heightFor(w) });
    });
    observer.observe(el);
  };
  return {
    el,
    mount,
    destroy() {
      observer?.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}
