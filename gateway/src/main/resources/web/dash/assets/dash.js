// Streetsense technician dashboard. Plain DOM, no libraries; data only via textContent.
(function () {
  'use strict';
  var SPARK_POINTS = 60;
  var state = { channels: {}, series: {}, events: [], actuators: {}, controls: null };
  var TIMELINE_MS = 60 * 60 * 1000;
  var commandCount = 0;

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
    if (seconds < 90) { return Math.max(1, Math.round(seconds)) + ' s'; }
    if (seconds < 5400) { return Math.round(seconds / 60) + ' min'; }
    return (seconds / 3600).toFixed(1) + ' h';
  }
  function time(ms) { return new Date(ms).toLocaleTimeString(); }
  function duration(ms) {
    if (ms < 1000) { return Math.round(ms) + ' ms'; }
    return (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + ' s';
  }
  // What an event's value means: a duration (ms) for the end of a touch, press or presence, a count otherwise.
  function eventValue(e) {
    if (!e.value) { return ''; }
    if (/_end$|_leave$|^release$|_press$|^press$|_ms$|stuck/.test(e.type)) { return ' · ' + duration(e.value); }
    return ' · ' + e.value;
  }
  function isBoolean(info) {
    return info.unit === 'bool' || info.kind === 'touch' || info.kind === 'presence';
  }
  // The actuator a channel shows (an LED's or relay's device, a PWM chip's channel), if any.
  function actuatorOf(key) {
    if (state.actuators[key]) { return key; }
    var device = key.split('/')[0];
    return state.actuators[device] ? device : null;
  }
  // An output's level: a percentage where levels can be set, on/off for a switch.
  function level(a) {
    if (a.level === null || a.level === undefined) { return a.state; }
    var allowed = a.id && state.controls && state.controls[a.id];
    if (allowed && allowed.operations.indexOf('set') < 0 && (a.level === 0 || a.level === 1)) {
      return a.level === 1 ? 'on' : 'off';
    }
    return a.level <= 1 ? Math.round(a.level * 100) + ' %' : a.level.toFixed(0);
  }

  function readingCard(key) {
    var card = document.querySelector('.reading[data-key="' + CSS.escape(key) + '"]');
    if (card) { return card; }
    var box = $('readings');
    var waiting = box.querySelector('p.muted');
    if (waiting) { waiting.remove(); }
    var info = state.channels[key] || {};
    card = el('div', 'reading');
    card.dataset.key = key;
    var bool = isBoolean(info);
    card.dataset.type = actuatorOf(key) ? 'actuator' : bool ? 'boolean' : 'number';
    var name = el('div', 'name', key + ' ');
    if (info.public === false) { name.appendChild(el('span', 'private', 'private')); }
    var line = el('div');
    line.appendChild(el('span', 'value', '–'));
    line.appendChild(el('span', 'unit', bool ? '' : unitLabel(info.unit)));
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', bool ? 'timeline' : 'spark');
    svg.setAttribute('viewBox', '0 0 100 30');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', (bool ? 'on/off in the last hour of ' : 'recent trend of ') + key);
    if (!bool) { svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'polyline')); }
    card.appendChild(name);
    card.appendChild(line);
    card.appendChild(svg);
    if (bool) { card.appendChild(el('div', 'axis', 'last 60 min')); }
    box.appendChild(card);
    return card;
  }

  // On/off periods of the last hour as bars: a value of 1 lasts until the next value or now.
  function drawTimeline(card, key) {
    var svg = card.querySelector('svg.timeline');
    var ns = 'http://www.w3.org/2000/svg';
    svg.textContent = '';
    var now = Date.now(), t0 = now - TIMELINE_MS;
    var pts = (state.series[key] || []).filter(function (p) { return p[1] !== null; });
    var base = document.createElementNS(ns, 'rect');
    base.setAttribute('class', 'off'); base.setAttribute('x', '0'); base.setAttribute('y', '12');
    base.setAttribute('width', '100'); base.setAttribute('height', '6');
    svg.appendChild(base);
    var periods = 0;
    pts.forEach(function (p, i) {
      if (p[1] < 0.5) { return; }
      var end = i + 1 < pts.length ? pts[i + 1][0] : now;
      if (end < t0) { return; }
      var x0 = Math.max(0, (p[0] - t0) / TIMELINE_MS * 100), x1 = Math.min(100, (end - t0) / TIMELINE_MS * 100);
      var width = Math.max(1.5, x1 - x0);
      x0 = Math.min(x0, 100 - width);  // a period that just began stays visible at the right edge
      var bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('class', 'on'); bar.setAttribute('x', x0.toFixed(2)); bar.setAttribute('y', '4');
      bar.setAttribute('width', width.toFixed(2)); bar.setAttribute('height', '22');
      svg.appendChild(bar);
      periods++;
    });
    svg.setAttribute('aria-label', key + ': on ' + periods + (periods === 1 ? ' time' : ' times') + ' in the last hour');
  }

  function drawSpark(key) {
    var card = readingCard(key);
    if (card.dataset.type === 'boolean') { drawTimeline(card, key); return; }
    if (card.dataset.type === 'actuator') { return; }
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
    if (card.dataset.type === 'actuator') { showActuatorLevel(card); return; }
    if (card.dataset.type === 'boolean') {
      var on = value !== null && value !== undefined && value >= 0.5;
      card.dataset.on = String(on);
      card.querySelector('.value').textContent = value === null || value === undefined ? '–' : on ? 'on' : 'off';
    } else {
      card.querySelector('.value').textContent = fmt(value);
      if (unit) { card.querySelector('.unit').textContent = unitLabel(unit); }
    }
    card.title = 'updated ' + time(ts) + ' (' + (quality || 'good') + ')';
  }

  function showActuatorLevel(card) {
    var a = state.actuators[actuatorOf(card.dataset.key)];
    if (!a) { return; }
    card.querySelector('.value').textContent = level(a);
    card.querySelector('.unit').textContent = '';
    card.title = 'output level' + (a.safe ? ' (safe state)' : '');
  }

  function onObservation(o) {
    var key = o.device + '/' + o.channel;
    if (o.kind === 'event') {
      state.events.push({ device: o.device, channel: o.channel, type: o.type, value: o.value, ts: o.ts });
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
        // kept after recovery, so a fault that has passed still leaves a trace
        st.appendChild(el('span', 'error-text', 'last error ' + d.lastError
            + (d.lastErrorAt ? ' at ' + new Date(d.lastErrorAt).toLocaleString() : '')));
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
    $('uplink-backlog').textContent = u.backlog + (u.backlog === 1 ? ' observation' : ' observations');
    $('uplink-oldest').textContent = u.backlog ? age(Math.max(u.oldestUnsentSeconds, 0.5)) : 'none';
    $('uplink-spool').textContent = Math.round(u.spoolFill * 100) + ' % of cap';
    var reasons = Object.keys(u.drops || {}).map(function (r) { return r + ' ' + u.drops[r]; });
    $('uplink-drops').textContent = u.totalDrops + (reasons.length ? ' (' + reasons.join(', ') + ')' : '');
    $('uplink-reconnects').textContent = u.reconnects;
    var replay = $('replay');
    replay.hidden = !(u.connected && u.replay.inProgress);
    $('replay-progress').value = u.replay.progress;
    $('replay-percent').textContent = Math.round(u.replay.progress * 100) + ' %';
  }

  function renderEvents() {
    var list = $('events');
    list.textContent = '';
    // newest first, by the time each happened, whichever way it arrived (snapshot or stream)
    var seen = {};
    state.events = state.events.filter(function (e) {
      var id = e.ts + '|' + e.device + '|' + e.channel + '|' + e.type;
      if (seen[id]) { return false; }
      seen[id] = true;
      return true;
    }).sort(function (a, b) { return b.ts - a.ts; }).slice(0, 30);
    state.events.forEach(function (e) {
      var li = el('li', null, time(e.ts) + ' · ' + e.device + '/' + e.channel + ' · ' + e.type + eventValue(e));
      li.dataset.ts = e.ts;
      list.appendChild(li);
    });
    if (!state.events.length) { list.appendChild(el('li', 'muted', 'none yet')); }
  }

  function renderActuators(list) {
    var box = $('actuators');
    var waiting = box.querySelector('.none');
    if (list.length && waiting) { waiting.remove(); }
    list.forEach(function (a) {
      state.actuators[a.id] = a;
      var tile = actuatorTile(a.id);
      tile.querySelector('.level').textContent = level(a);
      tile.querySelector('.safe').hidden = !a.safe;
      tile.dataset.level = a.level === null || a.level === undefined ? '' : String(a.level);
    });
    if (!list.length && !box.querySelector('.none')) { box.appendChild(el('p', 'muted none', 'none configured')); }
    document.querySelectorAll('.reading[data-type="actuator"]').forEach(showActuatorLevel);
  }

  function actuatorTile(id) {
    var tile = document.querySelector('.actuator[data-actuator="' + CSS.escape(id) + '"]');
    if (tile) { return tile; }
    tile = el('div', 'actuator');
    tile.dataset.actuator = id;
    var head = el('div', 'actuator-head');
    var name = el('h3', 'name', id);
    name.id = 'act-' + id.replace(/[^A-Za-z0-9_-]/g, '-');
    head.appendChild(name);
    var lv = el('span', 'level', '–');
    head.appendChild(lv);
    head.appendChild(el('span', 'safe', 'safe state'));
    tile.appendChild(head);
    tile.setAttribute('role', 'group');
    tile.setAttribute('aria-labelledby', name.id);
    $('actuators').appendChild(tile);
    if (state.controls) { addControls(tile, state.controls[id]); }
    return tile;
  }

  // Buttons for what the safety policy allows the actuator; each calls the command endpoint.
  function addControls(tile, allowed) {
    if (tile.querySelector('.controls, .no-controls')) { return; }
    var id = tile.dataset.actuator;
    var ops = allowed ? allowed.operations : [];
    var has = function (op) { return ops.indexOf(op) >= 0; };
    if (!has('on') && !has('off') && !has('pulse') && !has('set')) {
      tile.appendChild(el('p', 'muted no-controls', 'not in the safety allow-list: no tests'));
      return;
    }
    var max = allowed.max, min = allowed.min;
    var controls = el('div', 'controls');
    var answer = el('output', 'answer');
    answer.setAttribute('role', 'status');
    answer.setAttribute('aria-live', 'polite');
    function button(op, label, body) {
      var b = el('button', 'cmd', label);
      b.type = 'button';
      b.dataset.op = op;
      b.setAttribute('aria-label', label + ' ' + id);
      b.addEventListener('click', function () { send(id, body(), answer); });
      controls.appendChild(b);
    }
    if (has('on')) { button('on', 'On', function () { return { op: 'on' }; }); }
    if (has('off')) { button('off', 'Off', function () { return { op: 'off' }; }); }
    if (has('pulse')) { button('pulse', 'Pulse 1 s', function () { return { op: 'pulse', value: Math.min(1, max), duration_ms: 1000 }; }); }
    if (has('set')) {
      var wrap = el('div', 'set');
      var sliderId = 'set-' + id.replace(/[^A-Za-z0-9_-]/g, '-');
      var label = el('label', null, 'Level');
      label.htmlFor = sliderId;
      var slider = el('input');
      slider.type = 'range'; slider.id = sliderId; slider.min = String(min); slider.max = String(max);
      // an on/off output takes 0 or 1 only: the slider snaps to its ends
      slider.step = allowed.onOff ? '1' : String((max - min) / 100);
      slider.value = String(allowed.onOff ? min : min + (max - min) / 2);
      var shown = el('output', 'set-value');
      shown.htmlFor = sliderId;
      var show = function () { shown.textContent = level({ level: Number(slider.value) }); };
      slider.addEventListener('input', show);
      show();
      wrap.appendChild(label); wrap.appendChild(slider); wrap.appendChild(shown);
      controls.appendChild(wrap);
      button('set', 'Set', function () { return { op: 'set', value: Number(slider.value) }; });
    }
    tile.appendChild(controls);
    tile.appendChild(answer);
  }

  function send(id, body, answer) {
    commandCount++;
    body.id = 'dash-' + Date.now().toString(36) + '-' + commandCount;
    answer.dataset.status = 'sending';
    answer.textContent = 'sending ' + body.op + '…';
    fetch('/dash/api/actuators/' + id.split('/').map(encodeURIComponent).join('/') + '/command', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Streetsense-Request': 'dashboard' },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) { return { http: r.status, json: j }; });
    }).then(function (r) {
      var j = r.json;
      answer.dataset.status = j.status || 'error';
      answer.textContent = j.status
        ? body.op + ': ' + j.status + (j.reason ? ' (' + j.reason + ')' : '') + (j.detail ? ' – ' + j.detail : '')
        : body.op + ': ' + (j.error || 'HTTP ' + r.http);
    }).catch(function (e) {
      answer.dataset.status = 'error';
      answer.textContent = body.op + ': not sent (' + e.message + ')';
    });
  }

  function loadControls() {
    fetch('/dash/api/actuators', { credentials: 'same-origin' }).then(function (r) {
      return r.ok ? r.json() : { actuators: [] };
    }).then(function (j) {
      state.controls = {};
      j.actuators.forEach(function (a) { state.controls[a.id] = a; });
      document.querySelectorAll('.actuator').forEach(function (tile) {
        addControls(tile, state.controls[tile.dataset.actuator]);
      });
      renderActuators(Object.keys(state.actuators).map(function (id) { return state.actuators[id]; }));
    }).catch(function () { /* offline: tiles keep their levels, no buttons */ });
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
    s.actuators.forEach(function (a) { state.actuators[a.id] = a; });
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

  document.addEventListener('DOMContentLoaded', function () { loadControls(); connect(); });
  setInterval(function () {
    document.querySelectorAll('.reading[data-type="boolean"]').forEach(function (card) { drawTimeline(card, card.dataset.key); });
  }, 30000);
}());
