// Streetsense technician dashboard. Plain DOM, no libraries; data only via textContent.
(function () {
  'use strict';
  var SPARK_POINTS = 60;
  var state = { channels: {}, series: {}, events: [] };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fmt(v) {
    if (v === null || v === undefined) { return '–'; }
    var a = Math.abs(v);
    return a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(1) : v.toFixed(2);
  }
  function unitLabel(u) {
    return { degC: '°C', '%RH': '% RH', dBA: 'dB(A)', 'ug/m3': 'µg/m³' }[u] || u || '';
  }
  function age(seconds) {
    if (!seconds) { return 'none'; }
    if (seconds < 90) { return Math.round(seconds) + ' s'; }
    if (seconds < 5400) { return Math.round(seconds / 60) + ' min'; }
    return (seconds / 3600).toFixed(1) + ' h';
  }
  function time(ms) { return new Date(ms).toLocaleTimeString(); }

  function readingCard(key) {
    var card = document.querySelector('.reading[data-key="' + CSS.escape(key) + '"]');
    if (card) { return card; }
    var box = $('readings');
    var waiting = box.querySelector('p.muted');
    if (waiting) { waiting.remove(); }
    var info = state.channels[key] || {};
    card = el('div', 'reading');
    card.dataset.key = key;
    var name = el('div', 'name', key + ' ');
    if (info.public === false) { name.appendChild(el('span', 'private', 'private')); }
    var line = el('div');
    line.appendChild(el('span', 'value', '–'));
    line.appendChild(el('span', 'unit', unitLabel(info.unit)));
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', '0 0 100 30');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'recent trend of ' + key);
    svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'polyline'));
    card.appendChild(name);
    card.appendChild(line);
    card.appendChild(svg);
    box.appendChild(card);
    return card;
  }

  function drawSpark(key) {
    var card = readingCard(key);
    var pts = (state.series[key] || []).filter(function (p) { return p[1] !== null; });
    var line = card.querySelector('polyline');
    if (pts.length < 2) { line.setAttribute('points', ''); return; }
    var min = Infinity, max = -Infinity;
    pts.forEach(function (p) { min = Math.min(min, p[1]); max = Math.max(max, p[1]); });
    var span = max - min || 1;
    var t0 = pts[0][0], tspan = (pts[pts.length - 1][0] - t0) || 1;
    line.setAttribute('points', pts.map(function (p) {
      return ((p[0] - t0) / tspan * 100).toFixed(2) + ',' + (28 - (p[1] - min) / span * 26).toFixed(2);
    }).join(' '));
  }

  function showValue(key, value, quality, unit, ts) {
    var card = readingCard(key);
    card.dataset.quality = quality || 'good';
    card.querySelector('.value').textContent = fmt(value);
    if (unit) { card.querySelector('.unit').textContent = unitLabel(unit); }
    card.title = 'updated ' + time(ts) + ' (' + (quality || 'good') + ')';
  }

  function onObservation(o) {
    var key = o.device + '/' + o.channel;
    if (o.kind === 'event') {
      state.events.unshift({ device: o.device, channel: o.channel, type: o.type, value: o.value, ts: o.ts });
      state.events = state.events.slice(0, 30);
      renderEvents();
      return;
    }
    var s = state.series[key] || (state.series[key] = []);
    s.push([o.ts, o.value === undefined ? null : o.value]);
    if (s.length > SPARK_POINTS) { s.splice(0, s.length - SPARK_POINTS); }
    showValue(key, o.value, o.quality, o.unit, o.ts);
    drawSpark(key);
  }

  function renderDevices(devices) {
    var body = $('devices').querySelector('tbody');
    body.textContent = '';
    devices.forEach(function (d) {
      var tr = el('tr');
      tr.dataset.device = d.id;
      tr.dataset.state = d.state;
      var name = el('td', null, d.id);
      name.appendChild(el('span', 'muted', ' ' + d.driver));
      var st = el('td');
      st.appendChild(el('span', 'state state-' + d.state, d.state));
      if (d.lastError) {
        st.appendChild(el('span', 'error-text', d.lastError + (d.lastErrorAt ? ' (' + new Date(d.lastErrorAt).toLocaleTimeString() + ')' : '')));
      }
      tr.appendChild(name);
      tr.appendChild(st);
      tr.appendChild(el('td', null, d.errorCount));
      body.appendChild(tr);
    });
  }

  function renderUplink(u) {
    var c = $('uplink-connected');
    c.dataset.connected = String(u.connected);
    c.textContent = u.connected ? 'connected' : 'disconnected';
    $('uplink-broker').textContent = u.broker;
    $('uplink-backlog').textContent = u.backlog + ' observations';
    $('uplink-oldest').textContent = age(u.oldestUnsentSeconds);
    $('uplink-spool').textContent = Math.round(u.spoolFill * 100) + ' % of cap';
    var reasons = Object.keys(u.drops || {}).map(function (r) { return r + ' ' + u.drops[r]; });
    $('uplink-drops').textContent = u.totalDrops + (reasons.length ? ' (' + reasons.join(', ') + ')' : '');
    $('uplink-reconnects').textContent = u.reconnects;
    var replay = $('replay');
    replay.hidden = !u.replay.inProgress;
    $('replay-progress').value = u.replay.progress;
    $('replay-percent').textContent = Math.round(u.replay.progress * 100) + ' %';
  }

  function renderEvents() {
    var list = $('events');
    list.textContent = '';
    state.events.forEach(function (e) {
      list.appendChild(el('li', null, time(e.ts) + ' · ' + e.device + '/' + e.channel + ' · ' + e.type + (e.value ? ' (' + e.value + ')' : '')));
    });
    if (!state.events.length) { list.appendChild(el('li', 'muted', 'none yet')); }
  }

  function renderActuators(list) {
    var ul = $('actuators');
    ul.textContent = '';
    list.forEach(function (a) {
      var li = el('li', null, a.id + ': ' + a.state + (a.safe ? ' (safe state)' : ''));
      li.dataset.actuator = a.id;
      ul.appendChild(li);
    });
    if (!list.length) { ul.appendChild(el('li', 'muted', 'none configured')); }
  }

  function renderConfig(c) {
    var dl = $('config');
    dl.textContent = '';
    function row(k, v) { dl.appendChild(el('dt', null, k)); dl.appendChild(el('dd', null, v)); }
    row('Source', c.source);
    row('Digest', c.digest);
    row('Loaded', new Date(c.loadedAt).toLocaleString());
    row('Sinks', c.sinks.join(', ') || 'none');
    Object.keys(c.details).forEach(function (k) { row(k, c.details[k]); });
  }

  function renderHealth(h) {
    var pill = $('health');
    pill.dataset.ready = String(h.ready);
    pill.textContent = h.ready ? 'ready' : 'not ready';
    var reasons = $('health-reasons');
    reasons.hidden = h.ready;
    reasons.textContent = h.reasons.join(' · ');
  }

  function onStatus(s) {
    renderDevices(s.devices);
    renderUplink(s.uplink);
    state.events = s.events.slice();
    renderEvents();
    renderActuators(s.actuators);
    renderHealth(s.health);
  }

  function onSnapshot(s) {
    $('site').textContent = s.installation.site;
    $('installation-id').textContent = s.installation.id;
    document.title = s.installation.site + ' · Streetsense dashboard';
    s.channels.forEach(function (c) { state.channels[c.key] = c; });
    s.channels.forEach(function (c) {
      state.series[c.key] = (s.history[c.key] || []).slice(-SPARK_POINTS);
      readingCard(c.key);
    });
    s.latest.forEach(function (v) {
      var key = v.device + '/' + v.channel;
      showValue(key, v.value, v.quality, v.unit, v.ts);
      var series = state.series[key] || (state.series[key] = []);
      if (!series.length || series[series.length - 1][0] < v.ts) { series.push([v.ts, v.value]); }
    });
    Object.keys(state.series).forEach(drawSpark);
    renderConfig(s.config);
    onStatus(s);
  }

  function setStream(label) {
    var st = $('stream-state');
    st.dataset.state = label;
    st.textContent = label;
  }

  function connect() {
    var source = new EventSource('/dash/api/stream');
    source.addEventListener('snapshot', function (e) { onSnapshot(JSON.parse(e.data)); setStream('live'); });
    source.addEventListener('observation', function (e) { onObservation(JSON.parse(e.data)); });
    source.addEventListener('status', function (e) { onStatus(JSON.parse(e.data)); });
    source.onerror = function () {
      setStream('reconnecting');
      fetch('/dash/api/snapshot', { credentials: 'same-origin' }).then(function (r) {
        if (r.status === 401) { window.location.assign('/dash/login'); }
      }).catch(function () { /* offline: EventSource keeps retrying */ });
    };
  }

  document.addEventListener('DOMContentLoaded', connect);
}());
