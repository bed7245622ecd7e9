// The ad hoc request form's agency list: typing filters it by name or locality (accents and
// case ignored, so "ho" finds "Hồ"), and a group's "choose all" ticks what the filter shows.
// Progressive enhancement only: without this file every agency is listed and chosen by hand.
(function () {
  'use strict';

  var fold = function (text) {
    return text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase();
  };

  Array.prototype.forEach.call(document.querySelectorAll('[data-filter-list]'), function (list) {
    var input = list.querySelector('[data-filter-input]');
    var items = list.querySelectorAll('[data-filter-item]');
    var keys = Array.prototype.map.call(items, function (item) {
      return fold(item.getAttribute('data-filter-item') || '');
    });
    if (input) {
      input.addEventListener('input', function () {
        var words = fold(input.value).split(/\s+/).filter(Boolean);
        Array.prototype.forEach.call(items, function (item, i) {
          item.hidden = !words.every(function (w) {
            return keys[i].indexOf(w) >= 0;
          });
        });
        Array.prototype.forEach.call(list.querySelectorAll('[data-filter-group]'), function (g) {
          g.hidden = g.querySelectorAll('[data-filter-item]:not([hidden])').length === 0;
        });
      });
    }
    Array.prototype.forEach.call(list.querySelectorAll('[data-select-all]'), function (all) {
      var group = all.closest('[data-filter-group]');
      if (!group) return;
      var label = all.closest('label');
      if (label) label.hidden = false;
      all.addEventListener('change', function () {
        Array.prototype.forEach.call(group.querySelectorAll('[data-filter-item]'), function (item) {
          var box = item.querySelector('input[type="checkbox"]');
          if (box && !item.hidden) box.checked = all.checked;
        });
      });
    });
  });
})();
