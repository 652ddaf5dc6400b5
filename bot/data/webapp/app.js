// Retret Mini App: a participant's day as a timeline, the organisers' live dashboard.
// No framework. Every word comes from the API (bot/texts/webapp.py); text is set with
// textContent only, never as HTML. The initData Telegram gives the page is its only login.
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var hash = new URLSearchParams(location.hash.slice(1));
  var T = {};
  var state = { view: null, me: null, day: null, said: {}, timer: null };

  function tg() { return window.Telegram && window.Telegram.WebApp; }

  // Telegram passes initData in the URL's hash (tgWebAppData); telegram-web-app.js reads
  // the same, so the page works before (or without) that script.
  function initData() {
    var w = tg();
    return (w && w.initData) || hash.get("tgWebAppData") || "";
  }

  function guessLang() {
    try {
      var user = JSON.parse(new URLSearchParams(initData()).get("user") || "{}");
      if (user.language_code) return user.language_code;
    } catch (e) { /* unsigned guess only picks the language of an error page */ }
    return navigator.language || "";
  }

  function applyTheme() {
    var w = tg();
    var params = (w && w.themeParams) || null;
    if (!params) {
      try { params = JSON.parse(hash.get("tgWebAppThemeParams") || "null"); } catch (e) { params = null; }
    }
    if (!params) return;
    Object.keys(params).forEach(function (k) {
      document.documentElement.style.setProperty("--tg-theme-" + k.replace(/_/g, "-"), params[k]);
    });
  }

  function telegramReady() {
    var w = tg();
    if (!w) return;
    w.ready();
    w.expand();
    applyTheme();
    if (w.onEvent) w.onEvent("themeChanged", applyTheme);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  function fmt(key, values) {
    var text = T[key] || key;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return values && name in values ? String(values[name]) : m;
    });
  }

  function api(path, options) {
    var opts = options || {};
    var headers = { Authorization: "tma " + initData() };
    if (opts.body) headers["Content-Type"] = "application/json";
    return fetch("api/" + path, {
      method: opts.method || "GET",
      headers: headers,
      body: opts.body ? JSON.stringify(opts.body) : undefined,
      cache: "no-store",
      credentials: "omit",
    }).then(answer);
  }

  function answer(r) {
    return r.json().catch(function () { return {}; }).then(function (data) {
      return { status: r.status, data: data };
    });
  }

  // The first answer, asked for by early.js while the page was still arriving.
  function first(path) {
    var early = window.retretFirst;
    window.retretFirst = null;
    return early ? early.then(answer) : api(path);
  }

  function show(nodes) {
    var main = document.getElementById("main");
    main.replaceChildren.apply(main, nodes);
  }

  function message(text, cls) {
    show([el("p", cls || "note", text)]);
  }

  function header(title, sub) {
    document.getElementById("title").textContent = title;
    document.getElementById("sub").textContent = sub || "";
    document.title = title;
  }

  function switcher() {
    var nav = document.getElementById("switch");
    nav.replaceChildren();
    var me = state.me;
    if (!me.organiser || !me.registered) return;
    [["timeline", "to_timeline"], ["dashboard", "to_dashboard"]].forEach(function (v) {
      var b = el("button", "", T[v[1]]);
      b.setAttribute("aria-pressed", String(state.view === v[0]));
      b.dataset.view = v[0];
      b.onclick = function () { go(v[0]); };
      nav.appendChild(b);
    });
  }

  function failed(res) {
    if (res.status === 401) message(T.unauthorised, "err");
    else if (res.status === 403 && res.data.error === "not_registered") message(T.not_registered);
    else if (res.status === 403) message(T.forbidden, "err");
    else message(T.error, "err");
  }

  function offline() {
    document.getElementById("foot").textContent = T.offline || "…";
  }

  function schedule(fn, ms) {
    clearTimeout(state.timer);
    state.timer = setTimeout(fn, ms);
  }

  // ------------------------------------------------------------------ the timeline

  function loadTimeline() {
    var q = state.day ? "?day=" + encodeURIComponent(state.day) : "";
    return api("timeline" + q).then(function (res) {
      if (res.status !== 200) return failed(res);
      renderTimeline(res.data);
    }, offline).then(function () {
      // a code being typed is not wiped by a refresh
      var typing = document.activeElement && document.activeElement.tagName === "INPUT";
      schedule(typing ? function () { schedule(loadTimeline, 1000); } : loadTimeline, 30000);
    });
  }

  function nowLine(tl) {
    var line = el("div", "now-line");
    line.dataset.testid = "now";
    line.appendChild(el("span", "", fmt("now", { time: tl.now_label })));
    return line;
  }

  function renderTimeline(tl) {
    header(fmt("timeline_title", { name: tl.name }), [tl.group, tl.day_label].filter(Boolean).join(" · "));
    switcher();
    var nodes = [];
    var days = el("nav", "days");
    tl.days.forEach(function (d, i) {
      var b = el("button", "", d.label);
      b.title = fmt("day_n", { n: i + 1 });
      b.setAttribute("aria-pressed", String(d.date === tl.day));
      b.onclick = function () { state.day = d.date; loadTimeline(); };
      days.appendChild(b);
    });
    nodes.push(days);
    if (tl.reflection) {
      var r = tl.reflection;
      var card = el("section", "card reflection");
      card.appendChild(el("h2", "", fmt("refl_head", { date: r.day_label })));
      card.appendChild(el("p", r.state === "done" ? "att done" : "",
        fmt("refl_" + r.state, { answered: r.answered, total: r.questions })));
      nodes.push(card);
    }
    var list = el("ol", "timeline");
    var placed = tl.now_min === null;
    tl.items.forEach(function (it) {
      if (!placed && it.start_min > tl.now_min) {
        list.appendChild(nowLine(tl));
        placed = true;
      }
      list.appendChild(item(it, tl));
      if (!placed && it.state === "current") placed = true;
    });
    if (!placed) list.appendChild(nowLine(tl));
    if (!tl.items.length) nodes.push(el("p", "note", T.no_sessions));
    nodes.push(list);
    show(nodes);
    document.getElementById("foot").textContent = fmt("updated", { time: tl.now_label });
  }

  function item(it, tl) {
    var li = el("li", "item " + it.state);
    li.dataset.session = it.id;
    var head = el("div", "time", it.start + "–" + it.end + " " + tl.zone);
    if (it.state === "current" || it.state === "next") head.appendChild(el("span", "tag", T[it.state]));
    li.appendChild(head);
    if (it.state === "current") li.appendChild(nowLine(tl));
    li.appendChild(el("div", "title", it.title));
    if (it.location) li.appendChild(el("div", "meta", T.location + ": " + it.location));
    if (it.speaker) li.appendChild(el("div", "meta", T.speaker + ": " + it.speaker));
    if (it.description) li.appendChild(el("div", "desc", it.description));
    if (it.attendance) {
      var key = "att_" + it.attendance;
      var att = el("div", "att " + it.attendance, fmt(key, { open: it.checkin_from, close: it.checkin_until }));
      li.appendChild(att);
      if (it.attendance === "open") li.appendChild(checkinForm(it));
    }
    var said = state.said[it.id];
    if (said) li.appendChild(el("div", "said" + (said.ok ? "" : " err"), said.text));
    return li;
  }

  function checkinForm(it) {
    var box = el("div", "checkin");
    var asked = state.said[it.id] && /code/.test(state.said[it.id].status);
    var input = null;
    if (it.needs_code || asked) {
      input = el("input");
      input.inputMode = "numeric";
      input.autocomplete = "one-time-code";
      input.maxLength = 8;
      input.placeholder = T.code_label;
      input.setAttribute("aria-label", T.code_label);
      box.appendChild(input);
    }
    var b = el("button", "primary", input ? T.btn_send : T.btn_checkin);
    b.dataset.checkin = it.id;
    b.onclick = function () {
      b.disabled = true;
      var body = { session: it.id };
      if (input && input.value.trim()) body.code = input.value.trim();
      api("checkin", { method: "POST", body: body }).then(function (res) {
        if (res.status !== 200) return failed(res);
        var ok = res.data.status === "done" || res.data.status === "already";
        state.said[it.id] = { text: res.data.message, status: res.data.status, ok: ok };
        var w = tg();
        if (w && w.HapticFeedback) w.HapticFeedback.notificationOccurred(ok ? "success" : "error");
        renderTimeline(res.data.timeline);
      }, function () { b.disabled = false; offline(); });
    };
    box.appendChild(b);
    return box;
  }

  // ------------------------------------------------------------------ the dashboard

  // Horizontal bars: a label, the share of the total, "value/total". A row without a
  // label is a plain progress bar across the width.
  function hbars(rows) {
    var h = 22;
    var s = svg("svg", { viewBox: "0 0 320 " + Math.max(h, rows.length * h), role: "img" });
    rows.forEach(function (r, i) {
      var y = i * h;
      var x = r.label ? 130 : 0;
      var w = 260 - x;
      var share = r.total ? Math.min(1, r.value / r.total) : 0;
      if (r.label) s.appendChild(svg("text", { x: 0, y: y + 15 }, r.label.slice(0, 22)));
      s.appendChild(svg("rect", { x: x, y: y + 4, width: w, height: 14, rx: 3, class: "rest" }));
      s.appendChild(svg("rect", { x: x, y: y + 4, width: Math.round(w * share), height: 14, rx: 3, class: "bar" }));
      s.appendChild(svg("text", { x: 266, y: y + 15 }, r.total ? r.value + "/" + r.total : r.value));
    });
    return s;
  }

  function columns(counts) {
    var max = Math.max.apply(null, counts.concat([1]));
    var s = svg("svg", { viewBox: "0 0 320 130", role: "img" });
    counts.forEach(function (n, i) {
      var x = 20 + i * 58;
      var hgt = Math.round(90 * n / max);
      s.appendChild(svg("rect", { x: x, y: 105 - hgt, width: 40, height: hgt, rx: 3, class: "bar" }));
      s.appendChild(svg("text", { x: x + 20, y: 100 - hgt, "text-anchor": "middle" }, n));
      s.appendChild(svg("text", { x: x + 20, y: 122, "text-anchor": "middle", class: "hint" }, i + 1));
    });
    return s;
  }

  function card(title, figure) {
    var c = el("section", "card");
    if (figure) c.dataset.figure = figure;
    c.appendChild(el("h2", "", title));
    return c;
  }

  function loadDashboard() {
    if (document.hidden) {  // not looked at: no traffic; visibilitychange reloads at once
      schedule(loadDashboard, 5000);
      return Promise.resolve();
    }
    return api("dashboard").then(function (res) {
      if (res.status !== 200) return failed(res);
      renderDashboard(res.data);
    }, offline).then(function () {
      if (state.view === "dashboard") schedule(loadDashboard, 5000);
    });
  }

  function renderDashboard(d) {
    header(T.dashboard_title, d.day_label);
    switcher();
    var grid = el("div", "grid");

    var reg = card(T.registrations, "registrations");
    reg.appendChild(el("p", "big", fmt("registered_of", { registered: d.registered, roster: d.roster })));
    if (d.off_roster) reg.appendChild(el("p", "muted", fmt("off_roster", { count: d.off_roster })));
    reg.appendChild(el("p", "muted", T.by_position));
    reg.appendChild(hbars(d.by_position));
    reg.appendChild(el("p", "muted", T.by_group));
    reg.appendChild(hbars(d.by_group.map(function (g) {
      return { label: g.label || T.no_group, value: g.value, total: g.total };
    })));
    grid.appendChild(reg);

    var att = card(fmt("attendance", { date: d.day_label }), "attendance");
    if (!d.assemblies.length) att.appendChild(el("p", "note", T.no_assembly));
    d.assemblies.forEach(function (a) {
      var box = el("div", "assembly");
      box.dataset.session = a.id;
      box.appendChild(el("p", "", a.time + " · " + a.title));
      box.appendChild(el("p", "muted", T["state_" + a.state] + (a.location ? " · " + a.location : "")));
      box.appendChild(el("p", "big", fmt("present_of", { present: a.present, expected: a.expected })));
      box.appendChild(hbars([{ label: "", value: a.present, total: a.expected }]));
      if (!a.missing.length) box.appendChild(el("p", "att done", T.all_present));
      // before check-in opens everyone is "missing": no list yet
      if (a.state !== "upcoming") a.missing.forEach(function (m) {
        box.appendChild(el("p", "muted", T.missing + " · " + (m.group === "-" ? T.no_group : m.group) + " (" + m.names.length + ")"));
        var ul = el("ul", "missing");
        m.names.forEach(function (n) { ul.appendChild(el("li", "", n)); });
        box.appendChild(ul);
      });
      att.appendChild(box);
    });
    grid.appendChild(att);

    var r = d.reflections;
    var refl = card(r ? fmt("refl_head", { date: r.day_label }) : T.no_reflection, "reflections");
    if (r) {
      refl.appendChild(el("p", "big", r.rate));
      refl.appendChild(el("p", "", fmt("response", r)));
      refl.appendChild(hbars(r.groups.map(function (g) {
        return { label: g.label || T.no_group, value: g.value, total: g.total };
      })));
      r.ratings.forEach(function (q) {
        refl.appendChild(el("p", "muted", q.question));
        refl.appendChild(el("p", "", fmt("average", q)));
        refl.appendChild(columns(q.counts));
      });
      r.choices.forEach(function (c) {
        refl.appendChild(el("p", "muted", c.question));
        var total = c.counts.reduce(function (a, x) { return a + x.value; }, 0);
        refl.appendChild(hbars(c.counts.map(function (x) { return { label: x.label, value: x.value, total: total }; })));
      });
    }
    grid.appendChild(refl);

    var q = card(T.queue, "queue");
    var row = el("div", "queue");
    ["pending", "sent", "failed", "expired", "uncertain"].forEach(function (k) {
      var cell = el("div");
      cell.dataset.queue = k;
      cell.appendChild(el("b", "", d.outbox[k]));
      cell.appendChild(el("span", "muted", T["q_" + k]));
      row.appendChild(cell);
    });
    q.appendChild(row);
    grid.appendChild(q);

    var bc = card(d.running.length ? T.broadcast_running : T.broadcast_last, "broadcast");
    d.running.forEach(function (b) { bc.appendChild(el("p", "", fmt("broadcast_line", b))); });
    if (d.last_broadcast) {
      if (d.running.length) bc.appendChild(el("p", "muted", T.broadcast_last));
      bc.appendChild(el("p", "", fmt("broadcast_line", d.last_broadcast)));
    } else if (!d.running.length) {
      bc.appendChild(el("p", "note", T.no_broadcast));
    }
    grid.appendChild(bc);

    show([grid]);
    document.getElementById("foot").textContent = fmt("updated", { time: d.now_label });
  }

  // ------------------------------------------------------------------ start

  function go(view) {
    state.view = view;
    clearTimeout(state.timer);
    message(T.loading);
    return view === "dashboard" ? loadDashboard() : loadTimeline();
  }

  function start() {
    applyTheme();
    var wanted = hash.get("view") || "";
    first("me?view=" + encodeURIComponent(wanted)).then(function (res) {
      if (res.status === 200) {
        state.me = res.data;
        T = res.data.texts;
        document.documentElement.lang = res.data.lang;
        if (state.me.dashboard) {
          state.view = "dashboard";
          renderDashboard(state.me.dashboard);
          schedule(loadDashboard, 5000);
          return;
        }
        if (!state.me.registered) return message(T.not_registered);
        state.view = "timeline";
        renderTimeline(state.me.timeline);
        schedule(loadTimeline, 30000);
        return;
      }
      return api("texts?lang=" + encodeURIComponent(guessLang())).then(function (t) {
        T = t.data.texts || {};
        failed(res);
      });
    }, function () {
      offline();
      setTimeout(start, 5000);
    });
  }

  var script = document.querySelector('script[src*="telegram-web-app"]');
  if (tg()) telegramReady();
  else if (script) script.addEventListener("load", telegramReady);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && state.view) go(state.view);
  });
  start();
})();
