// govkg graph page: draws the data of #gkg-data with vis-network and wires the search,
// the filters, the side panel and the neighbourhood view. Every text from the graph is
// put in the page with textContent (or as a vis-network title string, set as innerText),
// so a label is always shown as text and never parsed as HTML.
(function () {
  "use strict";
  var status = document.getElementById("gkg-status");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Links to a report ("mentions") are many and alike: their names are drawn in no colour,
  // and coloured in while the edge is selected (or hovered). Changing the edges' data
  // instead would cost a rebuild of the network's data on every click.
  var UNNAMED = {color: "rgba(0,0,0,0)", strokeWidth: 0};
  function named(values) {
    values.color = "#555555";
    values.strokeWidth = 3;
    values.strokeColor = "#ffffff";
  }

  function norm(text) {
    return String(text).normalize("NFKC").toLowerCase();
  }

  function main() {
    var data = JSON.parse(document.getElementById("gkg-data").textContent);
    var options = data.options;
    var faint = options.faintEdge;
    delete options.faintEdge;
    var kinds = data.kinds.map(function (k) { return k[0]; });
    var zh = data.kinds.map(function (k) { return k[1]; });
    var colours = kinds.map(function (k) { return options.groups[k].color.background; });
    var relations = data.relations;
    var count = data.nodes.length;
    var kindOf = data.nodes.map(function (n) { return n[1]; });

    var nodeSet = new vis.DataSet(data.nodes.map(function (n, i) {
      var size = n[4];
      return {
        id: i, label: n[0], group: kinds[n[1]], x: n[2], y: n[3], size: size,
        font: {size: n[5]},
        title: data.info[i].label + "\n" + kinds[n[1]] + " · " + zh[n[1]]
      };
    }));

    // Links between the same two nodes are drawn as one edge naming every relation.
    var pairs = new Map();
    var out = [], into = [], adjacent = [];
    for (var i = 0; i < count; i++) { out.push([]); into.push([]); adjacent.push([]); }
    data.edges.forEach(function (e) {
      var s = e[0], t = e[1], rel = e[2];
      out[s].push([rel, t]); into[t].push([rel, s]);
      adjacent[s].push(t); adjacent[t].push(s);
      var key = s < t ? s + "-" + t : t + "-" + s;
      var pair = pairs.get(key);
      if (!pair) { pair = {from: s, to: t, names: [], fwd: false, back: false, strong: false}; pairs.set(key, pair); }
      if (s === pair.from) pair.fwd = true; else pair.back = true;
      var name = relations[rel][0];
      if (pair.names.indexOf(name) < 0) pair.names.push(name);
      if (!relations[rel][1]) pair.strong = true;
    });
    var edgeList = [];
    pairs.forEach(function (p) {
      var edge = {id: edgeList.length, from: p.from, to: p.to, label: p.names.join(" · "),
                  arrows: p.fwd && p.back ? "to, from" : "to"};
      if (!p.fwd) { edge.from = p.to; edge.to = p.from; }
      if (!p.strong) {
        edge.color = {color: faint};
        edge.font = {color: UNNAMED.color, strokeWidth: UNNAMED.strokeWidth};
        edge.chosen = {edge: true, label: named};
      }
      edgeList.push(edge);
    });
    var edgeSet = new vis.DataSet(edgeList);

    var state = {kinds: new Set(), reports: null, ego: null, pinned: new Set()};
    var boxes = Array.prototype.slice.call(document.querySelectorAll("#gkg-legend input[data-kind]"));
    boxes.forEach(function (box) { if (box.checked) state.kinds.add(box.getAttribute("data-kind")); });
    var visible = new Array(count);

    function isVisible(i) {
      if (state.pinned.has(i)) return true;
      if (state.ego && !state.ego.has(i)) return false;
      if (!state.kinds.has(kinds[kindOf[i]])) return false;
      if (state.reports) {
        return data.info[i].reports.some(function (r) { return state.reports.has(r); });
      }
      return true;
    }
    function recompute() { for (var i = 0; i < count; i++) visible[i] = isVisible(i); }
    recompute();
    var nodeView = new vis.DataView(nodeSet, {filter: function (n) { return visible[n.id]; }});
    var edgeView = new vis.DataView(edgeSet, {
      filter: function (e) { return visible[e.from] && visible[e.to]; }
    });

    var network = new vis.Network(document.getElementById("gkg-graph"),
                                  {nodes: nodeView, edges: edgeView}, options);

    function report() {
      var hidden = count - nodeView.length;
      var text = "drawn " + nodeView.length + " nodes, " + edgeView.length + " edges";
      if (hidden) text += " · " + hidden + " hidden by filters";
      if (state.ego) text += " · neighbourhood view (Show all to leave it)";
      status.textContent = text;
    }
    function refresh(refit) {
      recompute();
      nodeView.refresh();
      edgeView.refresh();
      network.once("afterDrawing", report);
      if (refit) fit();
    }
    var readable = 1;  // the zoom from which every label is drawn
    // Only the big labels are readable in a fitted view; the others show once the
    // reader zooms in, instead of covering the picture from the start.
    function fitLabels() {
      var scaling = options.nodes.scaling.label;
      var threshold = Math.max(scaling.drawThreshold, 13 * network.getScale() * 1.4);
      readable = (threshold - 1) / 13 + 0.05;
      network.setOptions({nodes: {scaling: {label: {drawThreshold: threshold,
                                                    maxVisible: scaling.maxVisible}}}});
    }
    function fit() {
      network.fit({animation: false});
      fitLabels();
    }
    network.once("afterDrawing", function () {
      fitLabels();
      report();
    });

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var kind = box.getAttribute("data-kind");
        if (box.checked) state.kinds.add(kind); else state.kinds.delete(kind);
        refresh(false);
      });
    });

    var picker = document.getElementById("gkg-report");
    picker.addEventListener("change", function () {
      var value = picker.value;
      state.reports = null;
      if (value.indexOf("r:") === 0) {
        state.reports = new Set([Number(value.slice(2))]);
      } else if (value.indexOf("y:") === 0) {
        state.reports = new Set();
        data.reports.forEach(function (r, k) { if (String(r[2]) === value.slice(2)) state.reports.add(k); });
      }
      state.pinned.clear();
      refresh(true);
    });

    function showAll() {
      state.ego = null; state.reports = null; state.pinned.clear();
      picker.value = "";
      refresh(true);
    }
    document.getElementById("gkg-all").addEventListener("click", showAll);
    document.getElementById("gkg-fit").addEventListener("click", fit);

    function neighbourhood(start, depth) {
      var seen = new Map([[start, 0]]);
      var queue = [start];
      while (queue.length) {
        var node = queue.shift();
        if (seen.get(node) >= depth) continue;
        adjacent[node].forEach(function (other) {
          if (!seen.has(other)) { seen.set(other, seen.get(node) + 1); queue.push(other); }
        });
      }
      state.ego = new Set(seen.keys());
      state.reports = null; picker.value = "";
      state.pinned = new Set([start]);
      refresh(true);
      select(start);
    }

    function select(i) {
      network.selectNodes([i]);
    }

    var panel = document.getElementById("gkg-panel");
    function go(i) {
      if (!visible[i]) { state.pinned.add(i); refresh(false); }
      select(i);
      showPanel(i);
      network.focus(i, {scale: Math.max(network.getScale(), readable), animation: false});
    }
    // Opening the panel narrows the canvas: keep the scale, and what is on screen where it was.
    function showSide(open) {
      if (panel.hidden !== open) return;
      var scale = network.getScale(), at = network.getViewPosition();
      var width = open ? 0 : panel.offsetWidth;
      panel.hidden = !open;
      if (open) width = panel.offsetWidth;
      network.setSize("100%", "100%");
      at.x -= (open ? width : -width) / 2 / scale;
      network.moveTo({position: at, scale: scale, animation: false});
    }

    function button(text, onClick) {
      var b = el("button", "go", text);
      b.type = "button";
      b.addEventListener("click", onClick);
      return b;
    }
    function section(title) { panel.appendChild(el("h3", null, title)); }
    function openPanel(title) {
      panel.replaceChildren();
      showSide(true);
      var close = el("button", "close", "×");
      close.type = "button";
      close.setAttribute("aria-label", "Close");
      close.addEventListener("click", function () {
        showSide(false); network.unselectAll();
      });
      panel.appendChild(close);
      panel.appendChild(el("h2", null, title));
    }

    function showPanel(i) {
      var info = data.info[i], kind = kindOf[i];
      openPanel(info.label);
      var types = info.types.filter(function (t) { return t !== kinds[kind]; });
      panel.appendChild(el("div", "kind", kinds[kind] + " · " + zh[kind] +
                           (types.length ? " (" + types.join(", ") + ")" : "")));
      panel.appendChild(el("div", "iri", info.iri));
      if (info.aliases.length) {
        section("Also called · 别名");
        panel.appendChild(el("div", null, info.aliases.join("；")));
      }
      if (info.facts.length) {
        section("Facts");
        var dl = el("dl");
        info.facts.forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
        panel.appendChild(dl);
      }
      links(i);
      mentions(info);
      var actions = el("div", "actions");
      var depth = el("select");
      [1, 2, 3].forEach(function (d) { var o = el("option", null, "depth " + d); o.value = String(d); depth.appendChild(o); });
      var ego = el("button", null, "Neighbourhood");
      ego.type = "button";
      ego.addEventListener("click", function () { neighbourhood(i, Number(depth.value)); });
      actions.appendChild(ego); actions.appendChild(depth);
      panel.appendChild(actions);
    }

    function links(i) {
      var groups = new Map();
      out[i].forEach(function (l) { add(relations[l[0]][0] + " →", l[1]); });
      into[i].forEach(function (l) { add("← " + relations[l[0]][0], l[1]); });
      function add(name, j) { if (!groups.has(name)) groups.set(name, []); groups.get(name).push(j); }
      if (!groups.size) return;
      section("Links · 关系");
      var names = Array.from(groups.keys()).sort();
      names.forEach(function (name) {
        var targets = groups.get(name);
        panel.appendChild(el("div", "muted", name + " (" + targets.length + ")"));
        var ul = el("ul");
        targets.slice(0, 25).forEach(function (j) {
          var li = el("li");
          li.appendChild(button(data.info[j].label, function () { go(j); }));
          li.appendChild(el("span", "muted", " " + kinds[kindOf[j]]));
          ul.appendChild(li);
        });
        if (targets.length > 25) ul.appendChild(el("li", "muted", "… " + (targets.length - 25) + " more"));
        panel.appendChild(ul);
      });
    }

    function mentions(info) {
      var quotes = new Map();
      info.evidence.forEach(function (q) { quotes.set(q[0], q); });
      var sources = info.reports.slice();
      info.evidence.forEach(function (q) { if (sources.indexOf(q[0]) < 0) sources.push(q[0]); });
      if (!sources.length) return;
      section("In reports · 所见报告 (" + sources.length + ")");
      sources.forEach(function (r) {
        var line = el("div");
        if (r >= 0) {
          var rep = data.reports[r];
          line.appendChild(button(rep[1], function () { go(rep[0]); }));
          if (rep[3]) line.appendChild(el("span", "muted", " " + rep[3]));
        } else {
          line.appendChild(el("span", null, data.sources[-1 - r]));
        }
        var q = quotes.get(r);
        if (q && q[4] > 1) line.appendChild(el("span", "muted", " · " + q[4] + " mentions"));
        panel.appendChild(line);
        if (q && q[1]) {
          var quote = el("blockquote");
          quote.appendChild(document.createTextNode(q[1].slice(0, q[2])));
          quote.appendChild(el("mark", null, q[1].slice(q[2], q[3])));
          quote.appendChild(document.createTextNode(q[1].slice(q[3])));
          panel.appendChild(quote);
        }
      });
    }

    function showOmitted(entry) {
      openPanel(entry[0]);
      panel.appendChild(el("div", "kind", entry[1]));
      panel.appendChild(el("p", null, "Not drawn in this overview. To see it and its neighbourhood:"));
      panel.appendChild(el("pre", null, "kg viz --focus '" + entry[0].replace(/'/g, "'\\''") + "'"));
    }

    network.on("click", function (params) {
      if (params.nodes.length) showPanel(params.nodes[0]); else showSide(false);
    });
    network.on("doubleClick", function (params) {
      if (params.nodes.length) neighbourhood(params.nodes[0], 1);
    });

    // Search: labels and aliases, Chinese or Latin, full- or half-width alike.
    var keys = data.info.map(function (info) { return [info.label].concat(info.aliases).map(norm); });
    var away = data.omitted.map(function (o) { return [o[0]].concat(o[2]).map(norm); });
    var input = document.getElementById("gkg-search");
    var results = document.getElementById("gkg-results");
    function score(names, q) {
      var best = 3;
      names.forEach(function (n) {
        if (n === q) best = 0; else if (best > 1 && n.indexOf(q) === 0) best = 1;
        else if (best > 2 && n.indexOf(q) > 0) best = 2;
      });
      return best;
    }
    function find(q) {
      var hits = [];
      keys.forEach(function (names, i) { var s = score(names, q); if (s < 3) hits.push([s, data.info[i].label, i, false]); });
      away.forEach(function (names, k) { var s = score(names, q); if (s < 3) hits.push([s + 0.5, data.omitted[k][0], k, true]); });
      hits.sort(function (a, b) { return a[0] - b[0] || a[1].length - b[1].length || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
      return hits.slice(0, 15);
    }
    function pick(hit) {
      results.hidden = true;
      if (hit[3]) showOmitted(data.omitted[hit[2]]); else go(hit[2]);
    }
    var current = [];
    input.addEventListener("input", function () {
      var q = norm(input.value.trim());
      results.replaceChildren();
      current = q ? find(q) : [];
      current.forEach(function (hit) {
        var li = el("li"), b = el("button");
        b.type = "button";
        var kind = hit[3] ? kinds.indexOf(data.omitted[hit[2]][1]) : kindOf[hit[2]];
        var dot = el("span", "dot");
        dot.style.background = kind >= 0 ? colours[kind] : "#7f7f7f";
        b.appendChild(dot);
        b.appendChild(el("span", null, hit[1]));
        b.appendChild(el("span", "kind", hit[3] ? data.omitted[hit[2]][1] : kinds[kindOf[hit[2]]]));
        if (hit[3]) b.appendChild(el("span", "away", "not drawn"));
        b.addEventListener("click", function () { pick(hit); });
        li.appendChild(b);
        results.appendChild(li);
      });
      if (q && !current.length) results.appendChild(el("li", "muted", "  no match"));
      results.hidden = !q;
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && current.length) pick(current[0]);
      if (event.key === "Escape") results.hidden = true;
    });

    // For scripts driving the page (the tests, bench/viz_scale.py): the network and views.
    window.govkg = {network: network, nodes: nodeView, edges: edgeView, data: data};

    if (data.focus !== null && data.focus !== undefined) {
      network.once("afterDrawing", function () {
        select(data.focus);
        showPanel(data.focus);
      });
    }
  }

  try {
    main();
  } catch (err) {
    status.textContent = "failed: " + err;
    throw err;
  }
})();
