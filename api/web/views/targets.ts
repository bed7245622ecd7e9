// The plan's per-locality targets pages: the targets of a year as imported (with, for
// coordinators, the upload form), the dry run of an upload with its "confirm", the refusal, and
// the confirmed import. Pure: data in, HTML out.
import { formatNumber } from '../../../i18n/targets.ts';
import { localizeIssue, type ImportIssue } from '../../../plans/errors.ts';
import type { TargetColumn, TargetRow, TargetTotal, TargetValues } from '../../../plans/targets.ts';
import type {
  PlanScope,
  StoredTargets,
  TargetsImportResult,
} from '../../../use-cases/import-targets.ts';
import { html, path, type Html, type HtmlValue } from '../html.ts';
import { csrfField, dateTime, facts, page, table, type View } from '../layout.ts';

const WORDS = {
  vi: {
    title: 'Chỉ tiêu giảm nghèo theo địa bàn',
    ofYear: (year: number) => `Chỉ tiêu giảm nghèo theo địa bàn năm ${year}`,
    link: 'Chỉ tiêu giảm nghèo theo địa bàn (xã, thị trấn)',
    none: (year: number) => `Chưa nhập bảng chỉ tiêu năm ${year}.`,
    uploadTitle: 'Nhập bảng chỉ tiêu',
    uploadIntro:
      'Tải lên bảng chỉ tiêu theo xã, thị trấn (Excel .xlsx, CSV hoặc Word .docx). Bản xem trước cho thấy các dòng, dòng tổng và các cảnh báo; chỉ khi xác nhận mới ghi, thay thế chỉ tiêu của năm đó.',
    fileName: 'Tệp',
    importedAt: 'Nhập lúc',
    locality: 'Địa bàn',
    asWritten: 'Tên trong bảng',
    row: 'Hàng',
    stated: (label: string) => `${label} (theo bảng)`,
    summed: 'Tổng các dòng (tính lại)',
    warnings: 'Cảnh báo',
    noWarnings: 'Không có cảnh báo: dòng tổng khớp với tổng các dòng.',
    rows: (n: number) => `${n} địa bàn`,
    done: {
      created: 'Đã nhập bảng chỉ tiêu.',
      updated: 'Đã thay thế bảng chỉ tiêu của năm.',
      unchanged: 'Bảng chỉ tiêu này đã được nhập, không có gì thay đổi.',
      'dry-run': '',
    },
    columns: {
      households: 'Tổng số hộ',
      poor: 'Số hộ nghèo',
      poorRate: 'Tỷ lệ hộ nghèo (%)',
      nearPoor: 'Số hộ cận nghèo',
      nearPoorRate: 'Tỷ lệ hộ cận nghèo (%)',
      reductionTarget: 'Chỉ tiêu giảm tỷ lệ hộ nghèo (%)',
      liftOut: 'Số hộ thoát nghèo',
    },
  },
  en: {
    title: 'Poverty-reduction targets by locality',
    ofYear: (year: number) => `Poverty-reduction targets by locality, ${year}`,
    link: 'Poverty-reduction targets by locality (communes)',
    none: (year: number) => `No targets table imported for ${year}.`,
    uploadTitle: 'Import a targets table',
    uploadIntro:
      'Upload the targets table by commune (Excel .xlsx, CSV or Word .docx). The dry run shows the rows, the total row and any warnings; only the confirmation writes, replacing that year’s targets.',
    fileName: 'File',
    importedAt: 'Imported at',
    locality: 'Locality',
    asWritten: 'Name in the table',
    row: 'Row',
    stated: (label: string) => `${label} (as stated)`,
    summed: 'Sum of the rows (recomputed)',
    warnings: 'Warnings',
    noWarnings: 'No warnings: the total row matches the rows.',
    rows: (n: number) => `${n} localities`,
    done: {
      created: 'The targets table was imported.',
      updated: 'The year’s targets table was replaced.',
      unchanged: 'This targets table was imported before; nothing changed.',
      'dry-run': '',
    },
    columns: {
      households: 'Households',
      poor: 'Poor households',
      poorRate: 'Poverty rate (%)',
      nearPoor: 'Near-poor households',
      nearPoorRate: 'Near-poverty rate (%)',
      reductionTarget: 'Target reduction of the poverty rate (%)',
      liftOut: 'Households to lift out of poverty',
    },
  },
} as const;

/** A link to the plan's targets page, for the plan's page. */
export const targetsLink = (v: View, planId: string): Html =>
  html`<p><a href="${path('/plans', planId, 'targets')}">${WORDS[v.lang].link}</a></p>`;

function issuesTable(v: View, caption: string, issues: ImportIssue[]): Html {
  return table(
    caption,
    [v.t.where, v.t.problem],
    issues.map((i) => localizeIssue(i, v.lang)).map((i) => [i.at, i.message]),
    '',
  );
}

function targetsTable(
  v: View,
  shown: {
    columns: { key: TargetColumn }[];
    rows: TargetRow[];
    total: TargetTotal | null;
    sums: TargetValues;
  },
): Html {
  const w = WORDS[v.lang];
  const keys = shown.columns.map((c) => c.key);
  const figures = (values: TargetValues) => keys.map((k) => formatNumber(values[k], v.lang));
  const rows: HtmlValue[][] = shown.rows.map((r) => [
    String(r.row),
    r.localityName,
    r.name,
    ...figures(r.values),
  ]);
  if (shown.total) {
    rows.push([
      String(shown.total.row),
      html`<strong>${w.stated(shown.total.label)}</strong>`,
      '',
      ...figures(shown.total.values),
    ]);
  }
  rows.push(['', html`<em>${w.summed}</em>`, '', ...figures(shown.sums)]);
  // Wider than a phone: it scrolls in its box, the row's number fixed at the left.
  return html`<div class="wide-table sticky-first">
    ${table(w.title, [w.row, w.locality, w.asWritten, ...keys.map((k) => w.columns[k])], rows, '', {
      captionHidden: true,
    })}
  </div>`;
}

function warningsBlock(v: View, warnings: ImportIssue[]): Html {
  const w = WORDS[v.lang];
  return warnings.length === 0
    ? html`<p class="flash flash-ok" role="status">${w.noWarnings}</p>`
    : html`<div class="flash flash-error" role="alert">
        <p>${w.warnings}</p>
        <ul>
          ${warnings
            .map((i) => localizeIssue(i, v.lang))
            .map((i) => html`<li>${i.at}: ${i.message}</li>`)}
        </ul>
      </div>`;
}

export interface TargetsPageData {
  plan: PlanScope;
  year: number;
  years: number[];
  stored: StoredTargets | undefined;
  coordinator: boolean;
}

function uploadForm(v: View, d: TargetsPageData): Html {
  const w = WORDS[v.lang];
  return html`<section aria-labelledby="h-targets-upload">
    <h2 id="h-targets-upload">${w.uploadTitle}</h2>
    <p>${w.uploadIntro}</p>
    <form
      method="post"
      action="${path('/plans', d.plan.id, 'targets', 'import')}"
      enctype="multipart/form-data"
      class="card stack"
    >
      ${csrfField(v)}
      <label for="targets-year">${v.t.year}</label>
      <select id="targets-year" name="year">
        ${d.years.map(
          (y) => html`<option value="${y}" ${y === d.year ? 'selected' : ''}>${y}</option>`,
        )}
      </select>
      <label for="targets-file">${v.t.file}</label>
      <input id="targets-file" name="file" type="file" required accept=".xlsx,.csv,.docx" />
      <button type="submit">${v.t.check}</button>
    </form>
  </section>`;
}

/** The targets of a year as imported, the other years as links. */
export function targetsPage(v: View, d: TargetsPageData): string {
  const w = WORDS[v.lang];
  const here = path('/plans', d.plan.id, 'targets');
  const { stored } = d;
  return page(v, {
    title: `${w.title} – ${d.plan.number}`,
    crumbs: [
      ['/plans', v.t.navPlans],
      [path('/plans', d.plan.id), d.plan.number],
    ],
    body: html`<nav aria-label="${v.t.year}">
        <ul class="plain inline">
          ${d.years.map((y) =>
            y === d.year
              ? html`<li><strong aria-current="page">${y}</strong></li>`
              : html`<li><a href="${here}?year=${y}">${y}</a></li>`,
          )}
        </ul>
      </nav>
      <h2>${v.t.year} ${d.year}</h2>
      ${
        stored
          ? html`${facts([
              [w.fileName, stored.fileName],
              [w.importedAt, dateTime(stored.importedAt)],
              [w.locality, w.rows(stored.rows.length)],
            ])}
            ${warningsBlock(v, stored.warnings)} ${targetsTable(v, stored)}`
          : html`<p class="empty">${w.none(d.year)}</p>`
      }
      ${d.coordinator ? uploadForm(v, d) : ''}`,
  });
}

const preview = (v: View, result: TargetsImportResult): Html =>
  html`<p>${WORDS[v.lang].rows(result.rows.length)}</p>
    ${warningsBlock(v, result.warnings)} ${targetsTable(v, result)}`;

/** The dry run of an upload, with its "confirm" and "cancel". */
export function targetsDryRunPage(
  v: View,
  d: { plan: PlanScope; stagedId: string; fileName: string; result: TargetsImportResult },
): string {
  const year = d.result.year;
  return page(v, {
    title: `${v.t.dryRunTitle} – ${WORDS[v.lang].ofYear(year)}`,
    crumbs: [
      ['/plans', v.t.navPlans],
      [path('/plans', d.plan.id, 'targets'), WORDS[v.lang].title],
    ],
    body: html`<p><strong>${d.fileName}</strong></p>
      <form
        method="post"
        action="${path('/plans', d.plan.id, 'targets', 'import', d.stagedId)}"
        class="buttons"
      >
        ${csrfField(v)}
        <button type="submit">${v.t.confirmImport}</button>
        <a href="${path('/plans', d.plan.id, 'targets')}?year=${year}" class="button secondary"
          >${v.t.cancel}</a
        >
      </form>
      ${preview(v, d.result)}`,
  });
}

/** A refused table: every problem, where it is. */
export function targetsRefusedPage(v: View, planId: string, issues: ImportIssue[]): string {
  return page(v, {
    title: v.t.dryRunTitle,
    flash: { kind: 'error', text: v.t.importErrors },
    crumbs: [
      ['/plans', v.t.navPlans],
      [path('/plans', planId, 'targets'), WORDS[v.lang].title],
    ],
    body: html`${issuesTable(v, v.t.importErrors, issues)}
      <p><a href="${path('/plans', planId, 'targets')}">${v.t.cancel}</a></p>`,
  });
}

/** Nothing of this person's staged under that id any more (410). */
export function targetsGonePage(v: View, planId: string): string {
  return page(v, {
    title: WORDS[v.lang].title,
    flash: { kind: 'error', text: v.t.stagedGone },
    body: html`<p><a href="${path('/plans', planId, 'targets')}">${v.t.open}</a></p>`,
  });
}

/** The confirmed import: what it did, and the table as imported. */
export function targetsDonePage(
  v: View,
  d: { plan: PlanScope; fileName: string; result: TargetsImportResult },
): string {
  const w = WORDS[v.lang];
  const year = d.result.year;
  return page(v, {
    title: w.ofYear(year),
    flash: { kind: 'ok', text: w.done[d.result.outcome] },
    crumbs: [
      ['/plans', v.t.navPlans],
      [path('/plans', d.plan.id), d.plan.number],
    ],
    body: html`<p>
        <a href="${path('/plans', d.plan.id, 'targets')}?year=${year}"
          >${v.t.open}: ${d.fileName}</a
        >
      </p>
      ${preview(v, d.result)}`,
  });
}
