// newslint HTML report. Reads the run's data from the JSON block and draws the page. Article text
// is untrusted: every string from the data reaches the page through textContent, a property
// (value, title, id) or an SVG attribute, never parsed as markup and never used as a URL.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("newslint-data").textContent);
  var SEV = D.severities;
  var PAGE = 50;
  var SVGNS = "http://www.w3.org/2000/svg";
  var RULES = {};
  D.rules.forEach(function (r) { RULES[r.code] = r; });

  // -- data ------------------------------------------------------------------------------------
  var F = [];  // every finding: {id, a (article), code, sev, msg, conf, sec, b, e, l, c, el, ec}
  D.articles.forEach(function (art, ai) {
    art.ids = [];
    art.f.forEach(function (x) {
      var f = {id: F.length, a: ai, code: x[0], sev: x[1], msg: x[2], conf: x[3], sec: x[4], b: x[5], e: x[6],
               l: x[7], c: x[8], el: x[9], ec: x[10], fix: x[11] || null};
      F.push(f);
      art.ids.push(f.id);
    });
    art.label = art.path + (art.record != null ? " #" + art.record : "") + (art.id ? " (" + art.id + ")" : "");
    art.heading = headingOf(art);
  });

  function headingOf(art) {
    for (var i = 0; i < art.sections.length; i++) {
      var s = art.sections[i];
      if (s.title === true) return s.text.trim().split("\n")[0];
      if (Array.isArray(s.title)) return s.text.slice(s.title[0], s.title[1]).trim().split("\n")[0];
    }
    return "";
  }
  function family(code) { return RULES[code] ? RULES[code].family : code.slice(0, -2) + "xx"; }
  var FAMILIES = [];
  var famClass = {};
  D.rules.concat(F.map(function (f) { return {code: f.code, family: family(f.code)}; })).forEach(function (r) {
    var fam = r.family || family(r.code);
    if (famClass[fam] === undefined) { FAMILIES.push(fam); }
    famClass[fam] = 0;
  });
  FAMILIES.sort();
  FAMILIES.forEach(function (fam, i) {
    var m = /^NL([1-4])xx$/.exec(fam);
    famClass[fam] = "fam-" + (m ? m[1] : String(5 + (i % 4)));
  });
  function famOf(code) { return famClass[family(code)] || "fam-5"; }

  // -- DOM helpers -----------------------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function button(text, cls, onclick) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onclick);
    return b;
  }
  function countBy(items, key) {
    var m = new Map();
    items.forEach(function (x) { var k = key(x); if (k !== null && k !== undefined) m.set(k, (m.get(k) || 0) + 1); });
    return m;
  }
  function top(map, n) {
    return Array.from(map.entries()).sort(function (x, y) { return y[1] - x[1] || (x[0] < y[0] ? -1 : 1); }).slice(0, n);
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  function table(head, rows, cls) {
    var t = el("table", cls);
    var tr = el("tr");
    head.forEach(function (h) { tr.appendChild(el("th", null, h)); });
    t.appendChild(el("thead")).appendChild(tr);
    var body = t.appendChild(el("tbody"));
    rows.forEach(function (r) {
      var row = body.appendChild(el("tr"));
      r.forEach(function (c) {
        var td = row.appendChild(el("td"));
        if (c instanceof Node) td.appendChild(c); else td.textContent = String(c);
      });
    });
    return t;
  }

  // -- filters ---------------------------------------------------------------------------------
  var S = {rule: "", file: "", q: "", fams: {}, sevs: {}};
  function visible(f) {
    return (!S.rule || f.code === S.rule) && !S.fams[family(f.code)] && !S.sevs[SEV[f.sev]] &&
      (!S.file || D.articles[f.a].path === S.file);
  }
  function lower(art) {
    if (art.lc === undefined) {
      art.lc = [art.label, art.source || "", art.heading].concat(art.sections.map(function (s) { return s.text; }),
        art.f.map(function (x) { return x[0] + " " + x[2]; })).join("\n").toLowerCase();
    }
    return art.lc;
  }
  function listed() {
    var q = S.q.trim().toLowerCase();
    var out = [];
    D.articles.forEach(function (art, ai) {
      if (!art.ids.some(function (id) { return visible(F[id]); })) return;
      if (q && lower(art).indexOf(q) < 0) return;
      out.push(ai);
    });
    return out;
  }

  // -- page skeleton ---------------------------------------------------------------------------
  var header = document.body.appendChild(el("header"));
  header.appendChild(el("h1", null, "newslint report"));
  header.appendChild(el("span", "version", "newslint " + D.version));
  var tabs = header.appendChild(el("nav", "tabs"));
  var views = {};
  ["overview", "articles", "rules"].forEach(function (name) {
    var b = button(name[0].toUpperCase() + name.slice(1), "tab", function () { show(name); });
    b.id = "tab-" + name;
    tabs.appendChild(b);
    views[name] = document.body.appendChild(el("section", "view"));
    views[name].id = name;
    views[name].hidden = true;
  });
  var help = header.appendChild(el("span", "help", "j / n next finding · k / p previous"));
  help.title = "Keyboard: j or n moves to the next finding, k or p to the previous one (across articles).";
  var built = {};
  function show(name) {
    Object.keys(views).forEach(function (k) {
      views[k].hidden = k !== name;
      document.getElementById("tab-" + k).classList.toggle("active", k === name);
    });
    if (!built[name]) { built[name] = true; ({overview: drawOverview, articles: drawArticles, rules: drawRules})[name](); }
  }

  // -- overview --------------------------------------------------------------------------------
  function drawOverview() {
    var v = views.overview;
    var cards = v.appendChild(el("div", "cards"));
    var sev = countBy(F, function (f) { return SEV[f.sev]; });
    [["files checked", D.files], ["articles checked", D.articles_checked], ["articles with findings", D.articles.length],
     ["findings", F.length], ["errors", sev.get("error") || 0], ["warnings", sev.get("warning") || 0],
     ["info", sev.get("info") || 0]].concat(F.some(function (f) { return f.fix; })
      ? [["fixable", F.filter(function (f) { return f.fix; }).length]] : []).forEach(function (c) {
      var card = cards.appendChild(el("div", "card" + (c[0] === "errors" || c[0] === "warnings" || c[0] === "info" ? " sev-" + c[0] : "")));
      card.appendChild(el("div", "num", c[1].toLocaleString("en")));
      card.appendChild(el("div", "lbl", c[0]));
    });
    if (D.error_count) {
      var box = v.appendChild(el("div", "problems"));
      box.appendChild(el("h2", null, plural(D.error_count, "input problem")));
      var ul = box.appendChild(el("ul"));
      D.errors.forEach(function (m) { ul.appendChild(el("li", null, m)); });
    }
    var byRule = countBy(F, function (f) { return f.code; });
    var grid = v.appendChild(el("div", "grid"));
    var chartBox = grid.appendChild(el("div", "panel"));
    chartBox.appendChild(el("h2", null, "Findings per rule"));
    chartBox.appendChild(chart(top(byRule, 40)));
    var famBox = grid.appendChild(el("div", "panel"));
    famBox.appendChild(el("h2", null, "By family"));
    var byFam = countBy(F, function (f) { return family(f.code); });
    var famArts = countBy(D.articles, function () { return null; });
    D.articles.forEach(function (art) {
      new Set(art.f.map(function (x) { return family(x[0]); })).forEach(function (fam) { famArts.set(fam, (famArts.get(fam) || 0) + 1); });
    });
    famBox.appendChild(table(["family", "findings", "articles"], top(byFam, 100).map(function (kv) {
      var chip = el("span", "chip " + famClass[kv[0]], kv[0]);
      return [chip, kv[1], famArts.get(kv[0]) || 0];
    })));
    famBox.appendChild(el("h2", null, "By severity"));
    famBox.appendChild(table(["severity", "findings"], SEV.map(function (s) { return [el("span", "sev sev-" + s, s), sev.get(s) || 0]; })));

    var ruleBox = v.appendChild(el("div", "panel"));
    ruleBox.appendChild(el("h2", null, "By rule"));
    var ruleArts = new Map();
    D.articles.forEach(function (art) {
      new Set(art.f.map(function (x) { return x[0]; })).forEach(function (c) { ruleArts.set(c, (ruleArts.get(c) || 0) + 1); });
    });
    ruleBox.appendChild(table(["rule", "name", "family", "findings", "articles", "summary"], top(byRule, 1000).map(function (kv) {
      var r = RULES[kv[0]] || {};
      var link = button(kv[0], "linkish", function () { setFilter("rule", kv[0]); });
      link.title = "Show the articles with " + kv[0] + " findings";
      return [link, r.name || "", family(kv[0]), kv[1], ruleArts.get(kv[0]) || 0, r.summary || ""];
    }), "rules-table"));

    var dirty = v.appendChild(el("div", "grid"));
    var fileBox = dirty.appendChild(el("div", "panel"));
    fileBox.appendChild(el("h2", null, "Dirtiest files"));
    var byFile = countBy(F, function (f) { return D.articles[f.a].path; });
    var fileArts = countBy(D.articles, function (a) { return a.path; });
    fileBox.appendChild(table(["file", "articles with findings", "findings"], top(byFile, 10).map(function (kv) {
      var link = button(kv[0], "linkish", function () { setFilter("file", kv[0]); });
      return [link, fileArts.get(kv[0]), kv[1]];
    })));
    var bySource = countBy(F, function (f) { return D.articles[f.a].source; });
    if (bySource.size) {
      var srcBox = dirty.appendChild(el("div", "panel"));
      srcBox.appendChild(el("h2", null, "Dirtiest sources"));
      var srcArts = countBy(D.articles, function (a) { return a.source; });
      srcBox.appendChild(table(["source", "articles with findings", "findings"], top(bySource, 10).map(function (kv) {
        var link = button(kv[0], "linkish", function () { setFilter("q", kv[0]); });
        return [link, srcArts.get(kv[0]), kv[1]];
      })));
    }
  }

  function chart(rows) {
    var bar = 18, gap = 6, left = 70, width = 520, right = 60;
    var h = Math.max(1, rows.length) * (bar + gap) + gap;
    var max = rows.reduce(function (m, kv) { return Math.max(m, kv[1]); }, 1);
    var s = svg("svg", {viewBox: "0 0 " + (left + width + right) + " " + h, width: left + width + right, height: h,
                        role: "img", "class": "chart"});
    s.appendChild(svg("title", {}, "Findings per rule"));
    rows.forEach(function (kv, i) {
      var y = gap + i * (bar + gap);
      var w = Math.max(2, Math.round(width * kv[1] / max));
      var g = s.appendChild(svg("g", {"class": "bar"}));
      g.appendChild(svg("text", {x: left - 8, y: y + bar - 5, "text-anchor": "end"}, kv[0]));
      var rect = g.appendChild(svg("rect", {x: left, y: y, width: w, height: bar, rx: 3, "class": famOf(kv[0])}));
      rect.appendChild(svg("title", {}, kv[0] + ": " + kv[1]));
      g.appendChild(svg("text", {x: left + w + 6, y: y + bar - 5}, kv[1].toLocaleString("en")));
    });
    return s;
  }

  // -- articles --------------------------------------------------------------------------------
  var A = {};  // the article tab's parts
  var page = 0, current = -1, cur = -1, rows = [];

  // One chip per name; a click hides or shows that name's findings (``hidden[name]``).
  function toggleChips(bar, names, hidden, classOf, dataKey, titleOf) {
    var chips = bar.appendChild(el("span", "chips"));
    names.forEach(function (name) {
      var b = chips.appendChild(button(name, "chip on " + classOf(name), function () {
        hidden[name] = !hidden[name];
        b.classList.toggle("on", !hidden[name]);
        b.setAttribute("aria-pressed", String(!hidden[name]));
        refresh();
      }));
      b.setAttribute("aria-pressed", "true");
      b.dataset[dataKey] = name;
      if (titleOf) b.title = titleOf(name);
    });
  }

  function drawArticles() {
    var v = views.articles;
    var bar = v.appendChild(el("div", "filters"));
    A.rule = bar.appendChild(el("select"));
    A.rule.id = "filter-rule";
    A.rule.appendChild(option("", "all rules"));
    D.rules.forEach(function (r) {
      if (F.some(function (f) { return f.code === r.code; })) A.rule.appendChild(option(r.code, r.code + " " + r.name));
    });
    A.rule.addEventListener("change", function () { setFilter("rule", A.rule.value); });
    toggleChips(bar, FAMILIES, S.fams, function (fam) { return famClass[fam]; }, "family",
                function (fam) { return "Show or hide " + fam + " findings"; });
    toggleChips(bar, SEV, S.sevs, function (s) { return "sev-" + s; }, "severity", null);
    A.file = bar.appendChild(el("select"));
    A.file.id = "filter-file";
    A.file.appendChild(option("", "all files"));
    Array.from(new Set(D.articles.map(function (a) { return a.path; }))).sort().forEach(function (p) {
      A.file.appendChild(option(p, p));
    });
    A.file.addEventListener("change", function () { setFilter("file", A.file.value); });
    A.q = bar.appendChild(el("input"));
    A.q.type = "search";
    A.q.id = "filter-search";
    A.q.placeholder = "search text, files, messages";
    var timer = 0;
    A.q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { S.q = A.q.value; page = 0; refresh(); }, 200);
    });
    var cols = v.appendChild(el("div", "cols"));
    var nav = cols.appendChild(el("nav", "list"));
    A.count = nav.appendChild(el("div", "count"));
    A.list = nav.appendChild(el("ol", "articles"));
    var pager = nav.appendChild(el("div", "pager"));
    A.prev = pager.appendChild(button("‹ previous", "", function () { page--; drawList(); }));
    A.page = pager.appendChild(el("span", "page"));
    A.next = pager.appendChild(button("next ›", "", function () { page++; drawList(); }));
    A.view = cols.appendChild(el("article", "text"));
    A.side = cols.appendChild(el("aside", "side"));
    A.note = A.side.appendChild(el("div", "note"));
    A.note.id = "note";
    A.findings = A.side.appendChild(el("ol", "findings"));
    A.findings.id = "findings";
    A.view.appendChild(el("p", "empty", "Choose an article on the left."));
    syncFilters();
    refresh();
  }
  function option(value, text) { var o = el("option", null, text); o.value = value; return o; }
  function syncFilters() {
    if (!A.rule) return;
    A.rule.value = S.rule;
    A.file.value = S.file;
    if (A.q.value !== S.q) A.q.value = S.q;
  }
  function setFilter(key, value) {
    S[key] = value;
    page = 0;
    show("articles");
    syncFilters();
    refresh();
  }

  function refresh() {
    rows = listed();
    drawList();
    if (current >= 0) applyVisibility();
    if (rows.length && (current < 0 || rows.indexOf(current) < 0)) open(rows[0]);
    else if (!rows.length) { A.view.textContent = ""; A.view.appendChild(el("p", "empty", "No article matches the filters.")); A.findings.textContent = ""; A.note.textContent = ""; current = -1; }
  }

  function drawList() {
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    page = Math.min(Math.max(0, page), pages - 1);
    A.count.textContent = plural(rows.length, "article") + " with findings shown";
    A.list.textContent = "";
    A.list.start = page * PAGE + 1;
    rows.slice(page * PAGE, page * PAGE + PAGE).forEach(function (ai) {
      var art = D.articles[ai];
      var li = A.list.appendChild(el("li", ai === current ? "current" : ""));
      li.dataset.article = String(ai);
      var b = li.appendChild(button("", "pick", function () { open(ai); }));
      b.appendChild(el("span", "name", art.label));
      if (art.heading) b.appendChild(el("span", "heading", art.heading));
      var n = art.ids.filter(function (id) { return visible(F[id]); }).length;
      b.appendChild(el("span", "badge", n));
    });
    A.page.textContent = "page " + (page + 1) + " of " + pages;
    A.prev.disabled = page === 0;
    A.next.disabled = page >= pages - 1;
  }

  function open(ai, thenId) {
    current = ai;
    cur = -1;
    var art = D.articles[ai];
    Array.prototype.forEach.call(A.list.children, function (li) { li.classList.toggle("current", li.dataset.article === String(ai)); });
    var v = A.view;
    v.textContent = "";
    v.dataset.path = art.path;
    if (art.record != null) v.dataset.record = String(art.record); else delete v.dataset.record;
    v.appendChild(el("h2", "label", art.label));
    var meta = v.appendChild(el("p", "meta"));
    meta.appendChild(el("span", null, art.path));
    if (art.record != null) meta.appendChild(el("span", null, "record " + art.record));
    if (art.id) meta.appendChild(el("span", null, "id " + art.id));
    if (art.source) meta.appendChild(el("span", null, "source " + art.source));
    meta.appendChild(el("span", null, plural(art.ids.length, "finding")));
    var bySec = {}, dels = {};
    art.ids.forEach(function (id) {
      var f = F[id];
      (bySec[f.sec] = bySec[f.sec] || []).push(f);
      // what --fix would remove is struck through (edits with an empty replacement)
      if (f.fix) f.fix.edits.forEach(function (e) {
        if (e[3] === "" && e[1] < e[2]) (dels[e[0]] = dels[e[0]] || []).push({b: e[1], e: e[2], id: id});
      });
    });
    art.sections.forEach(function (sec, si) {
      if (sec.name !== null) {
        var h = v.appendChild(el("h3", "field", sec.name));
        if (sec.title === true) h.appendChild(el("span", "tag title-tag", "title"));
      }
      v.appendChild(drawText(sec, bySec[si] || [], dels[si] || []));
    });
    if (!art.sections.length) v.appendChild(el("p", "empty", "The text of this article was not available to the report."));
    A.findings.textContent = "";
    art.ids.forEach(function (id) {
      var f = F[id];
      var li = A.findings.appendChild(el("li", "finding " + famOf(f.code)));
      li.dataset.id = String(id);
      li.dataset.code = f.code;
      li.dataset.line = String(f.l);
      li.dataset.col = String(f.c);
      li.dataset.endLine = String(f.el);
      li.dataset.endCol = String(f.ec);
      li.dataset.located = String(f.sec >= 0);
      var b = li.appendChild(button("", "pick", function () { select(id); }));
      b.appendChild(el("span", "code", f.code));
      b.appendChild(el("span", "sev sev-" + SEV[f.sev], SEV[f.sev]));
      b.appendChild(el("span", "where", f.l + ":" + f.c));
      b.appendChild(el("span", "msg", f.msg));
      if (f.sec < 0) b.appendChild(el("span", "unlocated", "not located in the text shown"));
      if (f.fix) b.appendChild(el("span", "tag fixable", "fixable" + (f.fix.safety ? " (" + f.fix.safety + ")" : "")));
    });
    applyVisibility();
    var first = thenId !== undefined ? thenId : art.ids.filter(function (id) { return visible(F[id]); })[0];
    if (first !== undefined) select(first, thenId === undefined);
    else A.note.textContent = "";
  }

  function drawText(sec, fs, dels) {
    var text = sec.text;
    var box = el("div", "src" + (sec.title === true ? " title-field" : ""));
    var located = fs.filter(function (f) { return f.b <= f.e; }).sort(function (x, y) { return x.b - y.b || y.e - x.e; });
    var start = 0, line = sec.line, k = 0;
    var active = [];  // findings that may cover the current line, by start
    while (start <= text.length) {
      var end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      while (k < located.length && located[k].b <= end) { active.push(located[k]); k++; }
      active = active.filter(function (f) { return f.e >= start; });
      var row = box.appendChild(el("div", "row"));
      row.dataset.line = String(line);
      if (Array.isArray(sec.title) && sec.title[0] <= end && sec.title[1] > start) row.classList.add("title-line");
      if (sec.title === true) row.classList.add("title-line");
      row.appendChild(el("span", "ln", line));
      var tx = row.appendChild(el("span", "tx"));
      var here = active.filter(function (f) { return f.b <= end && f.e >= start; });
      var cuts = [start, end];
      var struckHere = dels.filter(function (r) { return r.b <= end && r.e > start; });
      here.concat(struckHere).forEach(function (f) {
        if (f.b > start && f.b < end) cuts.push(f.b);
        if (f.e > start && f.e < end) cuts.push(f.e);
      });
      cuts = Array.from(new Set(cuts)).sort(function (x, y) { return x - y; });
      for (var i = 0; i < cuts.length; i++) {
        var x = cuts[i];
        here.forEach(function (f) { if (f.b === f.e && f.b === x) tx.appendChild(mark([f], "")); });
        if (i + 1 >= cuts.length) break;
        var y = cuts[i + 1];
        var cover = here.filter(function (f) { return f.b <= x && f.e >= y && f.b < f.e; });
        var piece = text.slice(x, y);
        var struck = struckHere.filter(function (r) { return r.b <= x && r.e >= y; });
        var node = null;
        if (cover.length) node = tx.appendChild(mark(cover, piece));
        else if (struck.length) node = tx.appendChild(el("s", null, piece));
        else tx.appendChild(document.createTextNode(piece));
        if (node && struck.length) {
          node.classList.add("fix-del");
          if (struck.every(function (r) { return F[r.id].fix.safety === "unsafe"; })) node.classList.add("fix-unsafe");
          node.dataset.fx = struck.map(function (r) { return r.id; }).join(" ");
        }
      }
      if (end < text.length) {
        var nl = here.filter(function (f) { return f.b <= end && f.e > end; });
        if (nl.length) tx.appendChild(mark(nl, "\n", "nl"));
      }
      if (!tx.firstChild) tx.appendChild(document.createTextNode(" "));
      start = end + 1;
      line++;
      if (end >= text.length) break;
    }
    return box;
  }

  function mark(fs, text, extra) {
    var m = el("mark", famOf(fs[0].code) + (fs.length > 1 ? " multi" : "") + (text === "" ? " point" : "") + (extra ? " " + extra : ""), text);
    m.dataset.f = fs.map(function (f) { return f.id; }).join(" ");
    m.title = fs.map(function (f) {
      var r = RULES[f.code] || {};
      return f.code + " " + (r.name || "") + " · " + SEV[f.sev] + " · confidence " + f.conf.toFixed(2) + "\n" + f.msg;
    }).join("\n\n");
    m.addEventListener("click", function () { select(fs[0].id); });
    return m;
  }

  function applyVisibility() {
    var art = D.articles[current];
    if (!art) return;
    A.view.querySelectorAll("mark[data-f]").forEach(function (m) {
      var on = m.dataset.f.split(" ").some(function (id) { return visible(F[+id]); });
      m.classList.toggle("off", !on);
    });
    A.findings.querySelectorAll("li.finding").forEach(function (li) { li.hidden = !visible(F[+li.dataset.id]); });
    A.view.querySelectorAll("[data-fx]").forEach(function (n) {
      n.classList.toggle("fix-off", !n.dataset.fx.split(" ").some(function (id) { return visible(F[+id]); }));
    });
  }

  function select(id, quiet) {
    var f = F[id];
    if (f.a !== current) { open(f.a, id); return; }
    cur = id;
    A.view.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    A.findings.querySelectorAll("li.current").forEach(function (m) { m.classList.remove("current"); });
    var marks = A.view.querySelectorAll('mark[data-f~="' + id + '"]');
    marks.forEach(function (m) { m.classList.add("current"); });
    var li = A.findings.querySelector('li[data-id="' + id + '"]');
    if (li) li.classList.add("current");
    var r = RULES[f.code] || {};
    var n = A.note;
    n.textContent = "";
    var h = n.appendChild(el("h3", famOf(f.code)));
    h.appendChild(el("span", "code", f.code));
    h.appendChild(document.createTextNode(" " + (r.name || "")));
    n.appendChild(el("p", "msg", f.msg));
    var dl = n.appendChild(el("dl"));
    [["severity", SEV[f.sev]], ["confidence", f.conf.toFixed(2)], ["where", "line " + f.l + ", column " + f.c + " to line " + f.el + ", column " + f.ec],
     ["family", family(f.code)]].concat(f.fix ? [["--fix", fixText(f.fix)]] : []).forEach(function (kv) { dl.appendChild(el("dt", null, kv[0])); dl.appendChild(el("dd", null, kv[1])); });
    if (r.summary) n.appendChild(el("p", "summary", r.summary));
    var a = n.appendChild(el("a", "doc", "How to fix: " + f.code + " documentation"));
    a.href = "#rule-" + encodeURIComponent(f.code);
    a.addEventListener("click", function (ev) {  // the same link twice fires no hashchange: route anyway
      if (location.hash === a.hash) { ev.preventDefault(); route(); }
    });
    if (!quiet) {
      var target = marks[0] || li;
      if (target) target.scrollIntoView({block: "center"});
      if (li) li.scrollIntoView({block: "nearest"});
    }
  }

  function fixText(fix) {
    var what = fix.edits.map(function (e) {
      return e[3] === "" ? "remove " + plural(e[2] - e[1], "character") + " (struck through)"
        : (e[1] === e[2] ? "insert " : "replace with ") + JSON.stringify(e[3]);
    }).join("; ");
    return (fix.safety ? fix.safety + " fix: " : "") + (what || "an edit outside the text shown");
  }

  function step(dir) {
    if (!built.articles) show("articles");
    if (current < 0) return;
    var ids = D.articles[current].ids.filter(function (id) { return visible(F[id]); });
    var i = ids.indexOf(cur);
    var j = i < 0 ? (dir > 0 ? 0 : ids.length - 1) : i + dir;
    if (j >= 0 && j < ids.length) { select(ids[j]); return; }
    var r = rows.indexOf(current) + dir;
    if (r < 0 || r >= rows.length) return;
    var ai = rows[r];
    page = Math.floor(r / PAGE);
    drawList();
    var next = D.articles[ai].ids.filter(function (id) { return visible(F[id]); });
    open(ai, dir > 0 ? next[0] : next[next.length - 1]);
  }

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    if (ev.key === "j" || ev.key === "n") { show("articles"); step(1); ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "p") { show("articles"); step(-1); ev.preventDefault(); }
  });

  // -- rules -----------------------------------------------------------------------------------
  function drawRules() {
    var v = views.rules;
    v.appendChild(el("p", "intro", "The documentation of every rule in this run, as `newslint rule CODE` prints it."));
    D.rules.forEach(function (r) {
      var box = v.appendChild(el("div", "rule panel"));
      box.id = "rule-" + r.code;
      var h = box.appendChild(el("h2", famOf(r.code)));
      h.appendChild(el("span", "code", r.code));
      h.appendChild(document.createTextNode(" " + r.name));
      box.appendChild(el("p", "meta", [r.family, r.severity, r.plugin].filter(Boolean).join(" · ")));
      box.appendChild(el("pre", "doc", r.doc || r.summary || "No documentation."));
    });
  }

  function route() {
    var h = decodeURIComponent(location.hash.slice(1));
    if (h.indexOf("rule-") === 0) {
      show("rules");
      var target = document.getElementById(h);
      if (target) target.scrollIntoView({block: "start"});
    }
  }
  window.addEventListener("hashchange", route);

  show("overview");
  route();
  document.documentElement.dataset.renderMs = String(Math.round(performance.now()));
  document.documentElement.dataset.ready = "true";
})();
