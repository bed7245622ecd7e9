// A project's cumulative disbursement against its commitment curve, drawn on the server as SVG
// (no script; only SVG attributes, which the pages' CSP allows), readable without colour: the
// plan is a solid line with square points, the actual a dashed line with round points, the
// warning threshold dotted, and a lagging month a triangle with "!". A legend in words, the
// figures as a table and the lag alerts as sentences say the same for a screen reader.
import {
  fractionOf,
  formatDong,
  formatUnits,
  MONTHS,
  type DisbursementChart,
} from '../../../domain/disbursement-chart.ts';
import { html, type Html } from '../html.ts';
import { say, table, type View } from '../layout.ts';

const W = 560;
const H = 360;
const LEFT = 76;
const RIGHT = 20;
const TOP = 24;
const BOTTOM = 70;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;
const INK = '#1b1b1b';
const PLAN = '#0b4f8a';
const LAG = '#a1120f';

const px = (n: number): string => String(Math.round(n * 10) / 10);
const xOf = (month: number): number => LEFT + (month / MONTHS) * PLOT_W;
const yOf = (fraction: number): number => TOP + (1 - fraction) * PLOT_H;

/** "T3" in Vietnamese, "M3" in English: a month under the axis. */
const monthTick = (v: View, m: number): string => `${v.lang === 'vi' ? 'T' : 'M'}${m}`;

const percent = (n: number | undefined, lang: View['lang']): string =>
  n === undefined ? '' : `${formatUnits(n, lang)}%`;

function points(chart: DisbursementChart, pick: (i: number) => bigint | undefined): string {
  const out = [`${px(xOf(0))},${px(yOf(0))}`];
  for (const row of chart.rows) {
    const value = pick(row.month - 1);
    if (value === undefined) break;
    out.push(`${px(xOf(row.month))},${px(yOf(fractionOf(value, chart.scale)))}`);
  }
  return out.join(' ');
}

function svg(v: View, chart: DisbursementChart, ids: { title: string; desc: string }): Html {
  const unit = say(v, `cycle-pages.chart.unit.${chart.scale.unit}`, {});
  const hasPlan = chart.plannedTotal !== undefined;
  const thousandths = BigInt(Math.round(chart.thresholdPercent * 10));
  const planned = points(chart, (i) => chart.rows[i]?.plannedCum);
  const threshold = points(chart, (i) => {
    const p = chart.rows[i]?.plannedCum;
    return p === undefined ? undefined : (p * thousandths) / 1000n;
  });
  const actual = points(chart, (i) => chart.rows[i]?.actualCum);
  const reported = chart.rows.filter((r) => r.actualCum !== undefined);
  return html`<svg
    class="disb-svg"
    viewBox="0 0 ${W} ${H}"
    role="img"
    aria-labelledby="${ids.title} ${ids.desc}"
    font-family="inherit"
    font-size="18"
    data-unit="${chart.scale.unit}"
  >
    <title id="${ids.title}">${say(v, 'cycle-pages.chart.heading', {})}</title>
    <desc id="${ids.desc}">
      ${say(v, 'cycle-pages.chart.desc', {
        planned: formatDong(chart.plannedTotal ?? 0n),
        actual: formatDong(chart.actualTotal),
        through: chart.reportedThrough,
      })}
    </desc>
    <g class="grid">
      ${chart.scale.ticks.map((t) => {
        const y = px(yOf(t / chart.scale.top));
        return html`<line
            x1="${LEFT}"
            x2="${LEFT + PLOT_W}"
            y1="${y}"
            y2="${y}"
            stroke="#c9c9c9"
            stroke-width="1"
          />
          <text x="${LEFT - 8}" y="${y}" dy="4" text-anchor="end" fill="${INK}"
            >${formatUnits(t, v.lang)}</text
          >`;
      })}
    </g>
    <line
      x1="${LEFT}"
      x2="${LEFT}"
      y1="${TOP}"
      y2="${TOP + PLOT_H}"
      stroke="${INK}"
      stroke-width="1.5"
    />
    <line
      x1="${LEFT}"
      x2="${LEFT + PLOT_W}"
      y1="${TOP + PLOT_H}"
      y2="${TOP + PLOT_H}"
      stroke="${INK}"
      stroke-width="1.5"
    />
    <text
      transform="rotate(-90)"
      x="${-(TOP + PLOT_H / 2)}"
      y="20"
      text-anchor="middle"
      fill="${INK}"
      data-axis="y"
    >
      ${unit}
    </text>
    ${Array.from({ length: MONTHS }, (_, i) => i + 1).map(
      (m) =>
        html`<text
          x="${px(xOf(m))}"
          y="${TOP + PLOT_H + 24}"
          text-anchor="middle"
          fill="${INK}"
          class="${m % 2 === 0 ? 'minor' : ''}"
          >${monthTick(v, m)}</text
        >`,
    )}
    <text x="${LEFT + PLOT_W / 2}" y="${H - 12}" text-anchor="middle" fill="${INK}" data-axis="x">
      ${say(v, 'cycle-pages.chart.x-axis', {})}
    </text>
    ${
      hasPlan
        ? html`<polyline
              data-series="threshold"
              points="${threshold}"
              fill="none"
              stroke="${INK}"
              stroke-width="1.5"
              stroke-dasharray="2 5"
            />
            <polyline
              data-series="planned"
              points="${planned}"
              fill="none"
              stroke="${PLAN}"
              stroke-width="3"
            />
            ${chart.rows.map((r) => {
              const x = xOf(r.month);
              const y = yOf(fractionOf(r.plannedCum ?? 0n, chart.scale));
              return html`<rect
                x="${px(x - 5)}"
                y="${px(y - 5)}"
                width="10"
                height="10"
                fill="${PLAN}"
              />`;
            })}`
        : ''
    }
    ${
      reported.length > 0
        ? html`<polyline
              data-series="actual"
              points="${actual}"
              fill="none"
              stroke="${INK}"
              stroke-width="3"
              stroke-dasharray="9 6"
            />
            ${reported.map((r) => {
              const x = xOf(r.month);
              const y = yOf(fractionOf(r.actualCum ?? 0n, chart.scale));
              return html`<circle
                cx="${px(x)}"
                cy="${px(y)}"
                r="5.5"
                fill="#ffffff"
                stroke="${INK}"
                stroke-width="2.5"
              />`;
            })}`
        : ''
    }
    ${chart.rows
      .filter((r) => r.lag)
      .map((r) => {
        const x = xOf(r.month);
        const y = yOf(fractionOf(r.actualCum ?? 0n, chart.scale)) - 14;
        return html`<g data-lag-month="${r.month}">
          <path
            d="M ${px(x)} ${px(y - 14)} L ${px(x + 9)} ${px(y + 2)} L ${px(x - 9)} ${px(y + 2)} Z"
            fill="${LAG}"
            stroke="${INK}"
            stroke-width="1"
          />
          <text
            x="${px(x)}"
            y="${px(y)}"
            text-anchor="middle"
            font-weight="700"
            font-size="12"
            fill="#ffffff"
            >!</text
          >
        </g>`;
      })}
  </svg>`;
}

/** A line sample for the legend: the same stroke and marker as on the chart. */
function sample(kind: 'planned' | 'actual' | 'threshold' | 'lag'): Html {
  const line = {
    planned: html`<line x1="2" x2="42" y1="9" y2="9" stroke="${PLAN}" stroke-width="3" />
      <rect x="17" y="4" width="10" height="10" fill="${PLAN}" />`,
    actual: html`<line
        x1="2"
        x2="42"
        y1="9"
        y2="9"
        stroke="${INK}"
        stroke-width="3"
        stroke-dasharray="9 6"
      />
      <circle cx="22" cy="9" r="5" fill="#ffffff" stroke="${INK}" stroke-width="2.5" />`,
    threshold: html`<line
      x1="2"
      x2="42"
      y1="9"
      y2="9"
      stroke="${INK}"
      stroke-width="1.5"
      stroke-dasharray="2 5"
    />`,
    lag: html`<path d="M 22 1 L 31 17 L 13 17 Z" fill="${LAG}" stroke="${INK}" stroke-width="1" />
      <text x="22" y="15" text-anchor="middle" font-weight="700" font-size="11" fill="#ffffff"
        >!</text
      >`,
  }[kind];
  return html`<svg width="44" height="18" viewBox="0 0 44 18" aria-hidden="true" focusable="false">
    ${line}
  </svg>`;
}

/** The month-by-month figures behind the chart. */
export function disbursementTable(v: View, chart: DisbursementChart): Html {
  const money = (n: bigint | undefined) => (n === undefined ? '' : formatDong(n));
  return html`<div class="money-table">
    ${table(
      say(v, 'cycle-pages.table.caption', {}),
      [
        say(v, 'cycle-pages.col.month', {}),
        say(v, 'cycle-pages.col.plan-month', {}),
        say(v, 'cycle-pages.col.plan-cum', {}),
        say(v, 'cycle-pages.col.actual-month', {}),
        say(v, 'cycle-pages.col.actual-cum', {}),
        say(v, 'cycle-pages.col.share', {}),
      ],
      chart.rows.map((r) => [
        say(v, 'cycle-pages.commitment.month', { month: r.month }),
        money(r.planned),
        money(r.plannedCum),
        r.actualCum === undefined ? '' : money(r.actual),
        money(r.actualCum),
        r.lag
          ? html`<strong data-lag="${r.month}"
              >${percent(r.sharePercent, v.lang)} – ${say(v, 'cycle-pages.lag.cell', {})}</strong
            >`
          : percent(r.sharePercent, v.lang),
      ]),
      '',
    )}
  </div>`;
}

/** The lag alerts in words, one per lagging month. */
export function lagList(v: View, chart: DisbursementChart): Html {
  if (chart.lags.length === 0) {
    return chart.plannedTotal !== undefined && chart.reportedThrough > 0
      ? html`<p class="note">${say(v, 'cycle-pages.lags.none', {})}</p>`
      : html``;
  }
  return html`<div class="lag-alerts" role="note">
    <h3>${say(v, 'cycle-pages.lags.heading', {})}</h3>
    <ul>
      ${chart.lags.map(
        (l) =>
          html`<li data-lag-month="${l.month}">
            ${say(v, 'cycle-pages.lags.item', {
              month: l.month,
              actual: formatDong(l.actual),
              planned: formatDong(l.planned),
              share: formatUnits(l.sharePercent, v.lang),
              threshold: formatUnits(chart.thresholdPercent, v.lang),
            })}
          </li>`,
      )}
    </ul>
  </div>`;
}

/** The chart with its legend, the lag alerts and the table of figures. */
export function disbursementFigure(v: View, chart: DisbursementChart): Html {
  const hasPlan = chart.plannedTotal !== undefined;
  if (!hasPlan && chart.reportedThrough === 0) {
    return html`<p class="empty">${say(v, 'cycle-pages.chart.no-data', {})}</p>`;
  }
  return html`<figure class="disb-chart">
      ${svg(v, chart, { title: 'disb-chart-title', desc: 'disb-chart-desc' })}
      <figcaption>
        <span class="visually-hidden">${say(v, 'cycle-pages.chart.legend', {})}</span>
        ${hasPlan ? '' : html`<p class="note">${say(v, 'cycle-pages.chart.no-plan', {})}</p>`}
        <ul class="chart-legend">
          ${hasPlan ? html`<li>${sample('planned')} ${say(v, 'cycle-pages.chart.planned', {})}</li>` : ''}
          <li>${sample('actual')} ${say(v, 'cycle-pages.chart.actual', {})}</li>
          ${
            hasPlan
              ? html`<li>
                    ${sample('threshold')}
                    ${say(v, 'cycle-pages.chart.threshold', { percent: formatUnits(chart.thresholdPercent, v.lang) })}
                  </li>
                  <li>${sample('lag')} ${say(v, 'cycle-pages.chart.lag-mark', {})}</li>`
              : ''
          }
        </ul>
      </figcaption>
    </figure>
    ${lagList(v, chart)} ${disbursementTable(v, chart)}`;
}
