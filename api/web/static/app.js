// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // A form that takes a while (a simulation, an upload) says so and is not sent twice.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.getAttribute('data-sent') === '1') {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-sent', '1');
    var button = event.submitter || form.querySelector('button[type="submit"]');
    if (button && form.hasAttribute('data-busy')) {
      var busy = button.getAttribute('data-busy-text');
      if (busy) button.textContent = busy;
      button.setAttribute('aria-busy', 'true');
    }
  });

  // Back to a page from the history: its forms may be sent again.
  window.addEventListener('pageshow', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-sent]'), function (form) {
      form.removeAttribute('data-sent');
    });
  });

  // Indicator rows: one more row on demand, numbered like the others.
  Array.prototype.forEach.call(document.querySelectorAll('[data-indicators]'), function (set) {
    var add = set.querySelector('[data-add-indicator]');
    if (!add) return;
    add.hidden = false;
    add.addEventListener('click', function () {
      var rows = set.querySelectorAll('.indicator-row');
      var last = rows[rows.length - 1];
      if (!last || rows.length >= 30) return;
      var index = rows.length;
      var copy = last.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll('input'), function (input) {
        input.value = '';
        input.name = input.name.replace(/_\d+$/, '_' + index);
        input.id = input.id.replace(/-\d+$/, '-' + index);
      });
      Array.prototype.forEach.call(copy.querySelectorAll('label'), function (label) {
        label.htmlFor = label.htmlFor.replace(/-\d+$/, '-' + index);
        label.textContent = label.textContent.replace(/\d+$/, String(index + 1));
      });
      set.insertBefore(copy, add);
      copy.querySelector('input').focus();
    });
  });
})();
