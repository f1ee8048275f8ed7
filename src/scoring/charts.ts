/**
 * Validation charts as self-contained SVG strings, written by hand so they render anywhere
 * (browser, report, e-mail) without a charting library. Colours: bads red, goods green.
 */
import { ksCurve, type RankingOptions, type RocCurve } from './metrics.js';

const WIDTH = 640;
const HEIGHT = 420;
const MARGIN = { top: 44, right: 24, bottom: 56, left: 68 } as const;
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const COLOURS = { bad: '#c0392b', good: '#27ae60', curve: '#1f5fa8', grid: '#e3e3e3' } as const;

export interface HistogramOptions {
  /** Equal-width score bins; default 20. */
  readonly bins?: number;
}

/** ROC curve with the chance diagonal and the area under the curve in the legend. */
export function rocSvg(curve: Pick<RocCurve, 'fpr' | 'tpr'>, title: string): string {
  const points = curve.fpr.map((x, i) => [x, curve.tpr[i] ?? 0] as const);
  const body = [
    line(0, 0, 1, 1, 'stroke="#999" stroke-width="1.5" stroke-dasharray="6 4"'),
    polyline(points, COLOURS.curve),
    legend([[COLOURS.curve, `ROC (AUC ${trapezoidArea(points).toFixed(3)})`]], 'bottom-right'),
  ];
  const axes = unitAxes('False positive rate (goods flagged)', 'True positive rate (bads flagged)');
  return svg(title, [...axes, ...body]);
}

/**
 * Cumulative shares of bads and goods against the share of the population flagged, riskiest
 * first, with the KS gap marked. Scores as in {@link ksCurve}.
 */
export function ksSvg(
  riskScores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  title: string,
  options: RankingOptions = {},
): string {
  const curve = ksCurve(riskScores, target, options);
  const at = curve.population[curve.ksIndex]!;
  const body = [
    polyline(
      curve.population.map((x, i) => [x, curve.cumBad[i]!] as const),
      COLOURS.bad,
    ),
    polyline(
      curve.population.map((x, i) => [x, curve.cumGood[i]!] as const),
      COLOURS.good,
    ),
    line(
      at,
      curve.cumGood[curve.ksIndex]!,
      at,
      curve.cumBad[curve.ksIndex]!,
      'stroke="#333" stroke-width="1.5" stroke-dasharray="4 3"',
    ),
    legend(
      [
        [COLOURS.bad, 'Bads (cumulative)'],
        [COLOURS.good, 'Goods (cumulative)'],
        ['#333', `KS ${curve.ks.toFixed(3)} at ${percent(at)} of population`],
      ],
      'bottom-right',
    ),
  ];
  return svg(title, [
    ...unitAxes('Population flagged, riskiest first', 'Cumulative share'),
    ...body,
  ]);
}

/**
 * Histograms of goods and bads side by side in equal-width score bins. Each class is shown
 * as a share of itself, so the rarer bads stay visible next to the goods.
 */
export function scoreDistributionSvg(
  scores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  title: string,
  options: HistogramOptions = {},
): string {
  const histogram = classHistogram(scores, target, options.bins ?? 20);
  const top = niceTicks(0, Math.max(...histogram.bad, ...histogram.good, 0.01));
  const yMax = top[top.length - 1]!;
  const xTicks = niceTicks(histogram.min, histogram.max, 8);
  const toX = (value: number) => (value - histogram.min) / (histogram.max - histogram.min);
  const body = [
    ...bars(histogram.bad, yMax, 0, COLOURS.bad, 'bad'),
    ...bars(histogram.good, yMax, 0.5, COLOURS.good, 'good'),
    legend(
      [
        [COLOURS.bad, 'Bads (share of bads)'],
        [COLOURS.good, 'Goods (share of goods)'],
      ],
      'top-right',
    ),
  ];
  const axes = [
    ...xAxis(
      xTicks.filter((tick) => tick >= histogram.min && tick <= histogram.max),
      toX,
      (tick) => String(tick),
    ),
    ...yAxis(top, (tick) => tick / yMax, percent),
    ...axisLabels('Score', 'Share of class'),
  ];
  return svg(title, [...axes, ...body]);
}

interface ClassHistogram {
  readonly min: number;
  readonly max: number;
  /** Share of each class per bin. */
  readonly bad: number[];
  readonly good: number[];
}

function classHistogram(
  scores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  bins: number,
): ClassHistogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be ≥ 1, got ${bins}`);
  if (scores.length !== target.length || scores.length === 0) {
    throw new RangeError('scoreDistributionSvg needs one target per score and at least one score');
  }
  const values = Float64Array.from(scores);
  if (values.some((value) => !Number.isFinite(value)))
    throw new RangeError('scores must be finite');
  // A single distinct score still gets a visible bin around it.
  const low = values.reduce((a, b) => Math.min(a, b));
  const high = values.reduce((a, b) => Math.max(a, b));
  const [min, max] = low === high ? [low - 0.5, high + 0.5] : [low, high];
  const counts = { bad: new Array<number>(bins).fill(0), good: new Array<number>(bins).fill(0) };
  values.forEach((value, i) => {
    const bin = Math.min(bins - 1, Math.floor(((value - min) / (max - min)) * bins));
    counts[target[i] === 1 ? 'bad' : 'good'][bin]! += 1;
  });
  return { min, max, bad: asShares(counts.bad), good: asShares(counts.good) };
}

function asShares(counts: number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total === 0 ? 0 : count / total));
}

/** One bar per bin, in the left (offset 0) or right (offset 0.5) half of the bin. */
function bars(
  shares: readonly number[],
  yMax: number,
  offset: number,
  colour: string,
  kind: string,
) {
  const width = PLOT_WIDTH / shares.length;
  return shares.map((share, bin) => {
    const height = (share / yMax) * PLOT_HEIGHT;
    const x = MARGIN.left + (bin + offset) * width;
    const y = MARGIN.top + PLOT_HEIGHT - height;
    return `<rect class="bar ${kind}" x="${num(x)}" y="${num(y)}" width="${num(width / 2)}" height="${num(height)}" fill="${colour}" fill-opacity="0.8"/>`;
  });
}

function svg(title: string, content: readonly string[]): string {
  const text = escapeXml(title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${text}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="26" text-anchor="middle" font-size="16" font-weight="600">${text}</text>`,
    ...content,
    '</svg>',
  ].join('\n');
}

/** Both axes from 0 % to 100 %, as for ROC and KS. */
function unitAxes(xLabel: string, yLabel: string): string[] {
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  return [
    ...xAxis(ticks, (tick) => tick, percent),
    ...yAxis(ticks, (tick) => tick, percent),
    ...axisLabels(xLabel, yLabel),
  ];
}

/** Ticks with grid lines; `position` maps a tick to [0, 1] across the plot. */
function xAxis(
  ticks: readonly number[],
  position: (tick: number) => number,
  label: (tick: number) => string,
) {
  const bottom = MARGIN.top + PLOT_HEIGHT;
  return [
    `<line x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + PLOT_WIDTH}" y2="${bottom}" stroke="#333"/>`,
    ...ticks.map((tick) => {
      const x = num(MARGIN.left + position(tick) * PLOT_WIDTH);
      return `<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 5}" stroke="#333"/><text x="${x}" y="${bottom + 19}" text-anchor="middle">${escapeXml(label(tick))}</text>`;
    }),
  ];
}

function yAxis(
  ticks: readonly number[],
  position: (tick: number) => number,
  label: (tick: number) => string,
) {
  return [
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + PLOT_HEIGHT}" stroke="#333"/>`,
    ...ticks.map((tick) => {
      const y = num(MARGIN.top + (1 - position(tick)) * PLOT_HEIGHT);
      return `<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + PLOT_WIDTH}" y2="${y}" stroke="${COLOURS.grid}"/><text x="${MARGIN.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(label(tick))}</text>`;
    }),
  ];
}

function axisLabels(xLabel: string, yLabel: string): string[] {
  const middleY = MARGIN.top + PLOT_HEIGHT / 2;
  return [
    `<text x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 14}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text x="18" y="${middleY}" text-anchor="middle" transform="rotate(-90 18 ${middleY})">${escapeXml(yLabel)}</text>`,
  ];
}

type Corner = 'top-right' | 'bottom-right';

/** Boxed key in a corner the chart's data usually leaves empty. */
function legend(entries: readonly (readonly [colour: string, label: string])[], corner: Corner) {
  // Text is not measured in a string; about 6.6 px per character at 12 px is close enough.
  const width = 40 + 6.6 * Math.max(...entries.map(([, label]) => label.length));
  const height = 10 + entries.length * 18;
  const left = MARGIN.left + PLOT_WIDTH - width - 8;
  const top = corner === 'top-right' ? MARGIN.top + 8 : MARGIN.top + PLOT_HEIGHT - height - 8;
  const box = `<rect class="legend" x="${num(left)}" y="${num(top)}" width="${num(width)}" height="${height}" fill="#fff" fill-opacity="0.9" stroke="#ccc"/>`;
  const rows = entries.map(([colour, label], i) => {
    const y = top + 14 + i * 18;
    const x = left + 8;
    return `<line x1="${num(x)}" y1="${y}" x2="${num(x + 18)}" y2="${y}" stroke="${colour}" stroke-width="3"/><text x="${num(x + 24)}" y="${y}" dominant-baseline="middle">${escapeXml(label)}</text>`;
  });
  return [box, ...rows].join('\n');
}

/** Points in unit coordinates; consecutive points on the same 0.1 px are merged. */
function polyline(points: readonly (readonly [number, number])[], colour: string): string {
  const coordinates: string[] = [];
  for (const [x, y] of points) {
    const pair = `${num(MARGIN.left + x * PLOT_WIDTH)},${num(MARGIN.top + (1 - y) * PLOT_HEIGHT)}`;
    if (coordinates[coordinates.length - 1] !== pair) coordinates.push(pair);
  }
  return `<polyline points="${coordinates.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, style: string): string {
  const px = (x: number) => num(MARGIN.left + x * PLOT_WIDTH);
  const py = (y: number) => num(MARGIN.top + (1 - y) * PLOT_HEIGHT);
  return `<line x1="${px(x1)}" y1="${py(y1)}" x2="${px(x2)}" y2="${py(y2)}" ${style}/>`;
}

function trapezoidArea(points: readonly (readonly [number, number])[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    area += ((x1 - x0) * (y0 + y1)) / 2;
  }
  return area;
}

/** About five round ticks (steps of 1, 2 or 5 × 10^k) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = Math.floor(min / step) * step; tick < max + step * 0.999; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const num = (value: number) => String(Math.round(value * 10) / 10);

const percent = (share: number) => `${Number((share * 100).toPrecision(3))}%`;
