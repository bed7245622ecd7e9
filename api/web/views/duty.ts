// A duty's page: its facts (product, plan, agencies, status, deadline), the forms this person
// may use, what was submitted and contributed, and, folded so a phone's page stays short, the
// reminders sent and to come and the duty's history.
import { dueLine } from '../../../domain/email.ts';
import type { DutyPage } from '../../../use-cases/duty-view.ts';
import { html, path, type Html } from '../html.ts';
import {
  dateTime,
  deadlineCell,
  dueText,
  facts,
  page,
  say,
  statusBadge,
  table,
  type Flash,
  type View,
} from '../layout.ts';
import { actionForms } from './duty-forms.ts';
import { indicatorList, recipientList, submissionsSection } from './duty-parts.ts';

/** A long section folded under its heading; its summary says what it holds and how many. */
const folded = (summary: string, count: number, body: Html): Html =>
  html`<details class="fold">
    <summary>${summary} (${count})</summary>
    ${body}
  </details>`;

function ladderSection(v: View, data: DutyPage): Html {
  const { ladder } = data;
  return html`<section aria-labelledby="h-ladder">
    <h2 id="h-ladder">${v.t.ladder}</h2>
    ${folded(
      say(v, 'duty-pages.show-ladder', {}),
      ladder.next.length + ladder.sent.length,
      html`${table(
        v.t.upcoming,
        [v.t.when, v.t.kind, v.t.recipients],
        ladder.next.map((n) => [
          dateTime(n.at),
          v.t.kinds[n.kind] ?? n.kind,
          recipientList(v, n.recipients),
        ]),
        v.t.noNextStep,
      )}
      ${table(
        v.t.sent,
        [v.t.when, v.t.kind, v.t.recipients],
        ladder.sent.map((n) => [
          dateTime(n.sentAt),
          v.t.kinds[n.kind] ?? n.kind,
          recipientList(v, n.recipients),
        ]),
        v.t.noneSent,
      )}`,
    )}
  </section>`;
}

function timelineSection(v: View, data: DutyPage): Html {
  const { history } = data.duty;
  return html`<section aria-labelledby="h-timeline">
    <h2 id="h-timeline">${v.t.timeline}</h2>
    ${folded(
      say(v, 'duty-pages.show-timeline', {}),
      history.length,
      table(
        v.t.timeline,
        [v.t.when, v.t.who, v.t.what, v.t.comment],
        history.map((h) => [
          dateTime(h.at),
          h.actor.name,
          v.t.actions[h.action] ?? h.action,
          h.comment ?? '',
        ]),
        v.t.nothing,
        { captionHidden: true },
      ),
    )}
  </section>`;
}

/** The body of the duty's page, without the frame (tested on its own). */
/**
 * Where a cycle's duty leads on: a commitment to its project's disbursement page, the labour
 * office's own report to the draft that consolidates the agencies' reports.
 */
function cycleLinks(v: View, data: DutyPage): Html | string {
  const { duty, rights } = data;
  const cycle = duty.cycle;
  if (!cycle) return '';
  if (cycle.phase === 'disbursement-commitment' && cycle.projectRef !== undefined) {
    return html`<p>
      <a href="${path('/cycles', cycle.id, 'projects', cycle.projectRef)}"
        >${say(v, 'cycle-pages.project-link', {})}</a
      >
    </p>`;
  }
  if (
    cycle.phase === 'reports' &&
    duty.lead.id === duty.standing.id &&
    (rights.standing || data.coordinator)
  ) {
    return html`<p>
      <a href="${path('/duties', duty.workflowId, 'consolidation')}"
        >${say(v, 'consolidation.link', {})}</a
      >
    </p>`;
  }
  return '';
}

export function dutyBody(v: View, data: DutyPage): Html {
  const { duty, rights } = data;
  const forms = actionForms(v, data);
  const ext = duty.extensionRequest;
  const pendingExt =
    ext && !rights.standing
      ? html`<p class="note">
          ${v.t.pendingExtension(dueLine(Date.parse(ext.newDueAt), v.lang), ext.by.name, ext.reason)}
        </p>`
      : '';
  const mayAct = rights.lead || rights.standing || rights.coordinatingIds.length > 0;
  return html`${facts([
      [v.t.product, duty.product],
      [v.t.plan, data.planName],
      [v.t.period, v.t.periodName(duty.period)],
      [v.t.lead, duty.lead.name],
      [v.t.coordinating, duty.coordinating.map((a) => a.name).join('; ')],
      [v.t.standing, duty.standing.name],
      [v.t.status, statusBadge(v, duty.status)],
      [v.t.deadline, deadlineCell(v, duty)],
    ])}
    ${pendingExt} ${cycleLinks(v, data)}
    <section aria-labelledby="h-actions" class="duty-actions">
      <h2 id="h-actions">${v.t.actionsTitle}</h2>
      ${
        forms.length > 0
          ? html`<div class="cards">${forms}</div>`
          : html`<p class="note">${mayAct || data.coordinator ? v.t.nothingToDo : v.t.readOnly}</p>`
      }
    </section>
    ${submissionsSection(v, duty)}
    <section aria-labelledby="h-contrib">
      <h2 id="h-contrib">${v.t.contributions}</h2>
      ${table(
        v.t.contributions,
        [v.t.agency, v.t.contributionDue, v.t.contributedAt, v.t.contributeText, v.t.indicators],
        duty.contributions.map((c) => [
          c.agencyName,
          dueText(v, c.dueAt),
          c.contributedAt ? dateTime(c.contributedAt) : v.t.notYet,
          c.text ?? '',
          indicatorList(c.indicators ?? {}),
        ]),
        v.t.nothing,
        { captionHidden: true },
      )}
    </section>
    ${ladderSection(v, data)} ${timelineSection(v, data)}`;
}

export function dutyView(v: View, data: DutyPage, flash?: Flash): string {
  return page(v, {
    title: data.duty.title,
    body: dutyBody(v, data),
    flash,
    crumbs: [['/', v.t.navHome]],
  });
}
