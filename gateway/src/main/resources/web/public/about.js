// Citizens' page: refreshes the "Right now" table from the public API every 15 s.
// Times are shown in the installation's zone (data-zone); no external resources.
(function () {
  'use strict';
  var table = document.getElementById('now-table');
  if (!table || !window.fetch) { return; }
  var lang = document.documentElement.lang;
  var zone = table.getAttribute('data-zone');
  var format = new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeStyle: 'medium', timeZone: zone});
  // one decimal with the page language's separator (21,3 in Slovak), as the server renders it
  var number = new Intl.NumberFormat(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false});
  function show(row, ch) {
    var valueCell = row.querySelector('.value');
    var timeCell = row.querySelector('.time');
    var on = row.getAttribute('data-on');
    var text = '–';
    if (ch.value !== null && ch.value !== undefined) {
      text = on !== null ? (ch.value >= 0.5 ? on : row.getAttribute('data-off'))
        : (number.format(ch.value) + ' ' + row.getAttribute('data-unit')).trim();
    }
    if (valueCell.textContent !== text) { valueCell.textContent = text; }
    var time = document.createElement('time');
    time.setAttribute('datetime', ch.time);
    time.textContent = format.format(new Date(ch.time));
    timeCell.replaceChildren(time);
  }
  function refresh() {
    fetch('/public/api/current', {headers: {Accept: 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body) { return; }
        body.channels.forEach(function (ch) {
          var row = table.querySelector('tr[data-channel="' + CSS.escape(ch.channel) + '"]');
          if (row) { show(row, ch); }
        });
      })
      .catch(function () { /* keep the last values; try again on the next tick */ });
  }
  refresh();
  setInterval(refresh, 15000);
})();
