// The labour office's consolidated draft for one of its report duties: the combined
// indicators from the reports received, who sent them (on time or late), who is missing, and
// the downloads: the table for Excel and the draft report to send up, in Word.
import { formatNumber } from '../../../i18n/targets.ts';
import { viCollator } from '../../../domain/vi-order.ts';
import { indicatorName } from '../../../i18n/year-end.ts';
import type { ConsolidationView } from '../../../use-cases/consolidation.ts';
import { html, path, type Html } from '../html.ts';
import { date, dueText, facts, page, say, statusBadge, table, type View } from '../layout.ts';

/** The draft's indicators in a stable order: as named, in Vietnamese order. */
export const indicatorRows = (
  indicators: Record<string, number>,
  lang: View['lang'],
): { name: string; value: number }[] =>
  Object.entries(indicators)
    .map(([key, value]) => ({ name: indicatorName(key, lang), value }))
    .sort((a, b) => viCollator.compare(a.name, b.name));

function received(v: View, d: ConsolidationView): Html {
  const rows = [
    ...d.draft.submittedOnTime.map((r) => ({ ...r, late: false })),
    ...d.draft.submittedLate.map((r) => ({ ...r, late: true })),
  ];
  return table(
    say(v, 'consolidation.received-heading', {}),
    [
      say(v, 'consolidation.col-agency', {}),
      say(v, 'consolidation.col-at', {}),
      say(v, 'consolidation.col-timeliness', {}),
    ],
    rows.map((r) => [
      r.agency,
      date(r.at),
      r.late
        ? html`<span class="ye-bad">${say(v, 'consolidation.late', {})}</span>`
        : say(v, 'consolidation.on-time', {}),
    ]),
    say(v, 'consolidation.none-received', {}),
    { captionHidden: true },
  );
}

export function consolidationPage(v: View, d: ConsolidationView): string {
  const { draft, duty } = d;
  const base = path('/duties', duty.id, 'consolidation');
  const indicators = indicatorRows(draft.indicators, v.lang);
  return page(v, {
    title: say(v, 'consolidation.title', {}),
    crumbs: [
      ['/', v.t.navHome],
      [path('/duties', duty.id), duty.title],
    ],
    body: html`<div class="year-end sticky-first">
      <p>${say(v, 'consolidation.intro', {})}</p>
      ${facts([
        [say(v, 'consolidation.report', {}), duty.title],
        [say(v, 'consolidation.period', {}), v.t.periodName(duty.period)],
        [say(v, 'consolidation.deadline', {}), dueText(v, draft.dueAt)],
        [say(v, 'consolidation.expected', {}), String(draft.expected)],
        [say(v, 'consolidation.on-time', {}), String(draft.submittedOnTime.length)],
        [say(v, 'consolidation.late', {}), String(draft.submittedLate.length)],
        [
          say(v, 'consolidation.missing', {}),
          html`<span data-missing="${draft.missing.length}">${String(draft.missing.length)}</span>`,
        ],
      ])}
      ${
        draft.expected === 0
          ? html`<p class="note">${say(v, 'consolidation.no-contributors', {})}</p>`
          : ''
      }
      <p class="exports ye-exports">
        <span>${say(v, 'consolidation.exports', {})}:</span>
        <a class="button secondary" href="${base}.xlsx" download
          >${say(v, 'consolidation.export-xlsx', {})}</a
        >
        <a class="button secondary" href="${base}.docx" download
          >${say(v, 'consolidation.export-docx', {})}</a
        >
      </p>
      <section aria-labelledby="h-indicators">
        <h2 id="h-indicators">${say(v, 'consolidation.indicators-heading', {})}</h2>
        ${table(
          say(v, 'consolidation.indicators-heading', {}),
          [say(v, 'consolidation.col-indicator', {}), say(v, 'consolidation.col-total', {})],
          indicators.map((i) => [i.name, formatNumber(i.value, v.lang)]),
          say(v, 'consolidation.no-indicators', {}),
          { captionHidden: true },
        )}
      </section>
      <section aria-labelledby="h-missing">
        <h2 id="h-missing">${say(v, 'consolidation.missing-heading', {})}</h2>
        ${table(
          say(v, 'consolidation.missing-heading', {}),
          [say(v, 'consolidation.col-agency', {}), say(v, 'consolidation.col-status', {})],
          draft.missing.map((m) => [m.agency, statusBadge(v, m.status)]),
          say(v, 'consolidation.none-missing', {}),
          { captionHidden: true },
        )}
      </section>
      <section aria-labelledby="h-received">
        <h2 id="h-received">${say(v, 'consolidation.received-heading', {})}</h2>
        ${received(v, d)}
      </section>
      <p><a href="${path('/duties', duty.id)}">${say(v, 'consolidation.back', {})}</a></p>
    </div>`,
  });
}
