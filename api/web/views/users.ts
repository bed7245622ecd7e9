// The coordinators' list of coordinators and viewers, with the form that adds one. Pure.
import type { UserList } from '../../../use-cases/manage-users.ts';
import { html } from '../html.ts';
import { csrfField, date, page, table, type Flash, type View } from '../layout.ts';

export function usersPage(v: View, d: UserList & { flash?: Flash | undefined }): string {
  const rows = [
    ...d.configured.map((email) => [email, '', v.t.roles.coordinator, v.t.fromConfig, '']),
    ...d.users.map((u) => [
      u.email,
      u.name,
      v.t.roles[u.role],
      `${u.added_by} (${date(u.added_at)})`,
      html`<form method="post" action="/users/remove" class="inline">
        ${csrfField(v)}
        <input type="hidden" name="email" value="${u.email}" />
        <button type="submit" class="link">
          ${v.t.remove}<span class="visually-hidden"> ${u.email}</span>
        </button>
      </form>`,
    ]),
  ];
  return page(v, {
    title: v.t.usersTitle,
    flash: d.flash,
    body: html`<p>${v.t.usersIntro}</p>
      ${table(v.t.usersTitle, [v.t.email, v.t.name, v.t.role, v.t.addedBy, ''], rows, v.t.nothing, {
        captionHidden: true,
      })}
      <form method="post" action="/users" class="card stack">
        <h2>${v.t.addUser}</h2>
        ${csrfField(v)}
        <label for="user-email">${v.t.email}</label>
        <input id="user-email" name="email" type="email" required autocomplete="off" />
        <label for="user-name">${v.t.name}</label>
        <input id="user-name" name="name" required maxlength="200" />
        <label for="user-role">${v.t.role}</label>
        <select id="user-role" name="role">
          <option value="coordinator">${v.t.roles.coordinator}</option>
          <option value="viewer">${v.t.roles.viewer}</option>
        </select>
        <button type="submit">${v.t.add}</button>
      </form>`,
  });
}
