// The import's pages: the dry run of a plan, table or directory file with its "confirm", a
// refused file with every problem where it is, and the confirmed import. Pure.
import type { Directory, DirectoryAgency } from '../../../common/plan-schema.ts';
import { viCollator } from '../../../domain/vi-order.ts';
import { localizeIssue, type ImportIssue } from '../../../plans/errors.ts';
import type { ImportPreview, ImportResult } from '../../../use-cases/import-plan.ts';
import { html, path, type Html } from '../html.ts';
import {
  csrfField,
  facts,
  levelName,
  levelRank,
  page,
  table,
  type Flash,
  type View,
} from '../layout.ts';
import { dutiesTable } from './plan-duties.ts';

/**
 * A file's issues in the page's language, each with where it is (row and column as the table
 * heads them, or the path in a plan file): the errors that refused it, and apart from them
 * the warnings, which do not.
 */
export function issuesTable(v: View, issues: readonly ImportIssue[]): Html {
  const local = issues.map((i) => localizeIssue(i, v.lang));
  const errors = local.filter((i) => i.severity !== 'warning');
  const warnings = local.filter((i) => i.severity === 'warning');
  const part = (caption: string, kind: string, list: ImportIssue[]) =>
    list.length === 0
      ? ''
      : table(
          caption,
          [v.t.where, kind],
          list.map((i) => [i.at, i.message]),
          '',
        );
  return html`${part(v.t.importErrors, v.t.problem, errors)}
  ${part(v.t.importWarnings, v.t.warning, warnings)}`;
}

/** The directory's agencies from the top down, then in Vietnamese alphabetical order. */
function agenciesTable(v: View, directory: Directory): Html {
  const localities = new Map(directory.localities.map((l) => [l.id, l.name]));
  const localityOf = (a: DirectoryAgency) => localities.get(a.localityId) ?? '';
  const ordered = [...directory.agencies].sort(
    (a, b) =>
      levelRank(a.level) - levelRank(b.level) ||
      viCollator.compare(localityOf(a), localityOf(b)) ||
      viCollator.compare(a.name, b.name),
  );
  return table(
    v.t.directoryTitle,
    [v.t.agency, v.t.locality, v.t.level, v.t.head, v.t.focalPoints],
    ordered.map((a) => [
      html`${a.name}${a.isCommune ? html` <span class="tag">${v.t.commune}</span>` : ''}`,
      localityOf(a),
      levelName(v, a.level),
      html`${a.head.name}<br /><small>${a.head.email}</small>`,
      html`<ul class="plain">
        ${a.focalPoints.map((c) => html`<li>${c.name}<br /><small>${c.email}</small></li>`)}
      </ul>`,
    ]),
    v.t.emptyDirectory,
    { captionHidden: true },
  );
}

/** What an import would do: the counts, the standing agency, the warnings and the duties. */
export function resultBody(v: View, result: ImportResult): Html {
  const warnings = result.warnings.map((i) => ({ ...i, severity: 'warning' as const }));
  return html`<p>
      ${v.t.dryRunSummary(result.summary.duties, result.summary.instances, result.summary.agencies)}
    </p>
    ${facts([[v.t.standingAgency, result.standing.name]])} ${issuesTable(v, warnings)}
    ${dutiesTable(v, v.t.planDuties, result.duties)}`;
}

const crumbs = (v: View): [string, string][] => [['/plans', v.t.navPlans]];

/** The dry run, with "confirm" (the staged file) and "cancel". */
export function dryRunPage(
  v: View,
  d: { fileName: string; stagedId: string; allowUndated: boolean; preview: ImportPreview },
): string {
  const preview =
    d.preview.kind === 'directory'
      ? html`<p>
            ${v.t.directorySummary(
              d.preview.directory.localities.length,
              d.preview.directory.agencies.length,
            )}
          </p>
          ${agenciesTable(v, d.preview.directory)}`
      : resultBody(v, d.preview.result);
  return page(v, {
    title: v.t.dryRunTitle,
    crumbs: crumbs(v),
    body: html`<p><strong>${d.fileName}</strong></p>
      <form method="post" action="${path('/plans/import', d.stagedId)}" class="buttons">
        ${csrfField(v)}
        ${d.allowUndated ? html`<input type="hidden" name="allowUndated" value="1" />` : ''}
        <button type="submit">${v.t.confirmImport}</button>
        <a href="/plans" class="button secondary">${v.t.cancel}</a>
      </form>
      ${preview}`,
  });
}

/** A refused file (422): every problem, where it is. */
export function refusedPage(v: View, issues: readonly ImportIssue[], fileName?: string): string {
  return page(v, {
    title: v.t.dryRunTitle,
    flash: { kind: 'error', text: v.t.importErrors },
    crumbs: crumbs(v),
    body: html`${fileName ? html`<p>${fileName}</p>` : ''} ${issuesTable(v, issues)}
      <p><a href="/plans">${v.t.backHome}</a></p>`,
  });
}

/** The confirmed import: what it did and a link to what it changed. */
export function importedPage(v: View, d: { flash: Flash; link: string; fileName: string }) {
  return page(v, {
    title: v.t.importTitle,
    flash: d.flash,
    crumbs: crumbs(v),
    body: html`<p><a href="${d.link}">${v.t.open}: ${d.fileName}</a></p>`,
  });
}
