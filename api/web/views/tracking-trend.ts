// The trend of the on-time rate as a server-rendered SVG: no script and no style element (the
// pages' CSP allows neither), so colours and sizes are SVG attributes. Readable without
// colour: a dot per period with its percentage written above it, the periods named below,
// a legend in words, and the same figures in a table.
import {
  chartLayout,
  percentText,
  type ChartBox,
  type TrendPoint,
} from '../../../domain/tracking-trend.ts';
import { html, type Html } from '../html.ts';
import { say, table, type View } from '../layout.ts';

const INK = '#1b1b1b';
const LINE = '#0b4f8a';
const GUIDE = '#c9c9c9';

/** One chart: the points, each named by `label`, drawn at a width that keeps labels legible. */
export function trendChart(
  v: View,
  opts: {
    id: string;
    title: string;
    points: readonly TrendPoint[];
    label: (key: string) => string;
  },
): Html {
  const slot = 76;
  const box: ChartBox = {
    width: 52 + slot * Math.max(1, opts.points.length) + 8,
    height: 220,
    left: 52,
    right: 8,
    top: 28,
    bottom: 44,
  };
  const layout = chartLayout(opts.points, box);
  const baseline = box.height - box.bottom;
  const summary = layout.points
    .map(
      (p) =>
        `${opts.label(p.key)}: ${p.rate === null ? say(v, 'tracking.trend.no-data', {}) : percentText(p.rate, v.lang)}`,
    )
    .join('; ');
  const svg = html`<svg
    xmlns="http://www.w3.org/2000/svg"
    class="trend-chart"
    width="${box.width}"
    height="${box.height}"
    viewBox="0 0 ${box.width} ${box.height}"
    role="img"
    aria-labelledby="${opts.id}-t ${opts.id}-d"
    font-family="sans-serif"
    font-size="13"
  >
    <title id="${opts.id}-t">${say(v, 'tracking.trend.chart-label', { what: opts.title })}</title>
    <desc id="${opts.id}-d">${summary}</desc>
    ${layout.ticks.map(
      (t) =>
        html`<line
            x1="${box.left}"
            x2="${box.width - box.right}"
            y1="${t.y}"
            y2="${t.y}"
            stroke="${GUIDE}"
            stroke-width="1"
          />
          <text x="${box.left - 6}" y="${t.y + 4}" text-anchor="end" fill="${INK}"
            >${percentText(t.value, v.lang)}</text
          >`,
    )}
    ${layout.segments.map(
      (s) =>
        html`<line
          x1="${s.x1}"
          y1="${s.y1}"
          x2="${s.x2}"
          y2="${s.y2}"
          stroke="${LINE}"
          stroke-width="2.5"
        />`,
    )}
    ${layout.points.map(
      (p) =>
        html`<g data-key="${p.key}" data-rate="${p.rate === null ? '' : p.rate}">
          ${
            p.y === null
              ? html`<text x="${p.x}" y="${baseline - 6}" text-anchor="middle" fill="${INK}"
                  >–</text
                >`
              : html`<circle
                    cx="${p.x}"
                    cy="${p.y}"
                    r="5"
                    fill="${LINE}"
                    stroke="#ffffff"
                    stroke-width="2"
                  />
                  <text
                    x="${p.x}"
                    y="${p.y - 10}"
                    text-anchor="middle"
                    font-weight="bold"
                    fill="${INK}"
                    >${percentText(p.rate, v.lang)}</text
                  >`
          }
          <text x="${p.x}" y="${baseline + 20}" text-anchor="middle" fill="${INK}"
            >${opts.label(p.key)}</text
          >
        </g>`,
    )}
  </svg>`;
  return html`<figure class="trend">
    <figcaption>${opts.title}</figcaption>
    <div class="chart-wrap">${svg}</div>
    <details>
      <summary>${say(v, 'tracking.trend.table', { what: opts.title })}</summary>
      ${table(
        say(v, 'tracking.trend.table', { what: opts.title }),
        [
          v.t.period,
          v.t.expected,
          say(v, 'tracking.trend.on-time', {}),
          say(v, 'tracking.grid.row-rate', {}),
        ],
        opts.points.map((p) => [
          opts.label(p.key),
          String(p.expected),
          String(p.onTime),
          p.rate === null ? say(v, 'tracking.trend.no-data', {}) : percentText(p.rate, v.lang),
        ]),
        v.t.nothing,
        { captionHidden: true },
      )}
    </details>
  </figure>`;
}

/** The section: the trend within the year and across the years, with the legend in words. */
export function trendSection(
  v: View,
  data: {
    year: number;
    periods: readonly TrendPoint[];
    years: readonly TrendPoint[];
    label: (key: string) => string;
  },
): Html {
  return html`<section aria-labelledby="h-trend" class="trend-section">
    <h2 id="h-trend">${say(v, 'tracking.trend.heading', {})}</h2>
    <p class="note">${say(v, 'tracking.trend.legend', {})}</p>
    ${trendChart(v, {
      id: 'trend-periods',
      title: say(v, 'tracking.trend.periods', { year: data.year }),
      points: data.periods,
      label: data.label,
    })}
    ${trendChart(v, {
      id: 'trend-years',
      title: say(v, 'tracking.trend.years', {}),
      points: data.years,
      label: data.label,
    })}
  </section>`;
}
