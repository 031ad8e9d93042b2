{% raw %}
// The network view of /viz/graph and /viz/explorer, drawn in SVG from the server's NetworkView (api/models.py).
// Dots stand where the server placed them; a click on a group (or on "n more") asks the server for the view with
// that group open; names are placed so that none overlaps another name or a dot at the zoom shown: the most
// important first (groups, then bigger dots), the rest appear as the reader zooms in. Everything is built from
// text nodes, so names can never become markup.
"use strict";
const texts = JSON.parse(document.getElementById("view-texts").textContent);
const NS = "http://www.w3.org/2000/svg";
const svg = document.getElementById("network");
const params = new URLSearchParams(window.location.search);
let view = JSON.parse(document.getElementById("view-data").textContent);
let transform = {k: 1, x: 0, y: 0};
let byId = new Map();
const measure = document.createElement("canvas").getContext("2d");
measure.font = "12px system-ui, sans-serif";
const LABEL_CHARS = 34;

function element(name, attributes, parent) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

function short(label) {
  return label.length > LABEL_CHARS ? label.slice(0, LABEL_CHARS - 1).trimEnd() + "…" : label;
}

function tooltip(node) {
  const lines = [node.label, ...node.facts.map(([key, value]) => key ? key + ": " + value : value)];
  return lines.join("\n");
}

function draw() {
  svg.replaceChildren();
  byId = new Map(view.nodes.map(n => [n.id, n]));
  const viewport = element("g", {id: "viewport"}, svg);
  const lines = element("g", {class: "lines"}, viewport);
  const dots = element("g", {class: "dots"}, viewport);
  element("g", {id: "labels"}, svg);
  for (const edge of view.edges) {
    const a = byId.get(edge.source), b = byId.get(edge.target);
    const line = element("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y,
      class: edge.synergy ? "synergy" : "link", "stroke-width": edge.synergy ? 2 : 1 + 1.3 * Math.log2(edge.weight),
      "data-source": edge.source, "data-target": edge.target}, lines);
    element("title", {}, line).textContent = byId.get(edge.source).label + " — " + byId.get(edge.target).label + "\n" + edge.text;
  }
  for (const node of view.nodes) {
    const dot = element("g", {class: "dot " + node.kind + (node.pinned ? " pinned" : ""), "data-id": node.id,
      transform: `translate(${node.x},${node.y})`, tabindex: "0", role: "button"}, dots);
    dot.setAttribute("aria-label", node.label + (node.kind === "entity" ? "" : " (" + node.count + ")"));
    element("circle", {r: node.radius, fill: node.colour}, dot);
    if (node.kind === "group") element("circle", {r: Math.max(node.radius - 4, 2), class: "ring"}, dot);
    if (node.kind !== "entity" && node.radius >= 14) {
      const count = element("text", {class: "count", "text-anchor": "middle", dy: "0.35em"}, dot);
      count.textContent = node.kind === "more" ? "+" : String(node.count);
    }
    element("title", {}, dot).textContent = tooltip(node);
  }
  drawLegend();
  fit();
  document.body.dataset.ready = "true";
}

function apply() {
  document.getElementById("viewport").setAttribute("transform", `translate(${transform.x},${transform.y}) scale(${transform.k})`);
  placeLabels();
}

// Names: greedy, most important first; a name is shown only where it overlaps no shown name and no dot.
function placeLabels() {
  const layer = document.getElementById("labels");
  layer.replaceChildren();
  const width = svg.clientWidth, height = svg.clientHeight;
  const circles = view.nodes.map(n => ({id: n.id, x: n.x * transform.k + transform.x, y: n.y * transform.k + transform.y,
                                        r: n.radius * transform.k}));
  const order = [...view.nodes].sort((a, b) => (b.pinned - a.pinned) || ((b.kind !== "entity") - (a.kind !== "entity"))
                                              || (b.radius - a.radius) || a.label.localeCompare(b.label));
  const placed = [];
  const hits = (a, o) => a.x < o.x + o.w && o.x < a.x + a.w && a.y < o.y + o.h && o.y < a.y + a.h;
  const dots = circles.map(o => ({id: o.id, x: o.x - o.r, y: o.y - o.r, w: 2 * o.r, h: 2 * o.r}));
  const byDot = new Map(circles.map(c => [c.id, c]));
  for (const node of order) {
    const text = short(node.label);
    const w = measure.measureText(text).width + 4, h = 15;
    const c = byDot.get(node.id);
    // below, above, right, left of the dot: the first place that is free
    const spots = [[c.x - w / 2, c.y + c.r + 2, "middle", c.x], [c.x - w / 2, c.y - c.r - 2 - h, "middle", c.x],
                   [c.x + c.r + 3, c.y - h / 2, "start", c.x + c.r + 5], [c.x - c.r - 3 - w, c.y - h / 2, "end", c.x - c.r - 5]];
    for (const [x, y, anchor, tx] of spots) {
      const box = {x: x, y: y, w: w, h: h};
      if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + h > height) continue;
      if (placed.some(o => hits(box, o))) continue;
      if (dots.some(o => o.id !== node.id && hits(box, o))) continue;
      placed.push(box);
      const label = element("text", {x: tx, y: y + 11, "text-anchor": anchor, class: "label " + node.kind,
                                     "data-id": node.id}, layer);
      label.textContent = text;
      break;
    }
  }
  document.getElementById("hidden-names").textContent =
    placed.length < view.nodes.length ? texts.hidden.replace("{n}", view.nodes.length - placed.length) : "";
}

function fit() {
  const width = svg.clientWidth || 800, height = svg.clientHeight || 600;
  const xs = view.nodes.map(n => n.x), ys = view.nodes.map(n => n.y);
  const pad = 60;
  const left = Math.min(...xs) - pad, right = Math.max(...xs) + pad, top = Math.min(...ys) - pad, bottom = Math.max(...ys) + pad + 20;
  const k = Math.min(2.5, width / (right - left), height / (bottom - top));
  transform = {k: k, x: width / 2 - k * (left + right) / 2, y: height / 2 - k * (top + bottom) / 2};
  apply();
}

function zoom(factor, cx, cy) {
  const k = Math.min(12, Math.max(0.1, transform.k * factor));
  const f = k / transform.k;
  transform = {k: k, x: cx - f * (cx - transform.x), y: cy - f * (cy - transform.y)};
  apply();
}

function drawLegend() {
  const list = document.getElementById("legend");
  list.replaceChildren();
  for (const entry of view.legend) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch " + entry.shape;
    swatch.style.setProperty("--colour", entry.colour);
    item.append(swatch, entry.label);
    list.append(item);
  }
  document.getElementById("sizes").textContent = view.sizes;
  document.getElementById("note").textContent = view.note || "";
  const opened = document.getElementById("opened");
  opened.replaceChildren();
  for (const id of view.open.filter(id => !id.includes("~"))) {
    const item = document.createElement("li");
    const close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.dataset.id = id;
    close.textContent = "×";
    close.setAttribute("aria-label", texts.close + " " + (names.get(id) || id));
    close.addEventListener("click", () => shut(id));
    item.append(close, " ", names.get(id) || id);
    opened.append(item);
  }
  document.getElementById("opened-box").hidden = opened.children.length === 0;
}

// Group names stay known after a group opens (its dot is gone), for the list of open groups.
const names = new Map();
function remember() { for (const n of view.nodes) if (n.kind === "group") names.set(n.id, n.label); }

function state() {
  const query = new URLSearchParams(params);
  const open = view.open;
  if (open.length) query.set("open", open.join(",")); else query.delete("open");
  return query;
}

async function load(query) {
  svg.setAttribute("aria-busy", "true");
  query.set("lang", document.documentElement.lang);
  const response = await fetch("/api/overview?" + query, {headers: {Accept: "application/json"}});
  svg.removeAttribute("aria-busy");
  if (!response.ok) {
    document.getElementById("note").textContent = (await response.json()).detail;
    return;
  }
  view = await response.json();
  query.delete("lang");
  for (const [key, value] of [...params]) params.delete(key);
  for (const [key, value] of query) params.set(key, value);
  if (view.open.length) params.set("open", view.open.join(",")); else params.delete("open");
  history.replaceState(null, "", "?" + params);
  remember();
  draw();
  document.dispatchEvent(new CustomEvent("view-loaded"));
  document.body.dataset.views = String(Number(document.body.dataset.views || 0) + 1);  // tests wait for it
}

function open(id) {
  const query = state();
  query.set("open", [...view.open, id].join(","));
  return load(query);
}

function shut(id) {
  const query = state();
  const kept = view.open.filter(o => o !== id && !o.startsWith(id + "~"));
  if (kept.length) query.set("open", kept.join(",")); else query.delete("open");
  return load(query);
}

function showInfo(node) {
  const box = document.getElementById("info");
  const heading = document.createElement("h2");
  heading.textContent = node.label;
  const facts = document.createElement("dl");
  for (const [key, value] of node.facts) {
    if (!key) continue;
    const term = document.createElement("dt"), detail = document.createElement("dd");
    term.textContent = key;
    detail.textContent = value;
    facts.append(term, detail);
  }
  const actions = document.createElement("p");
  const links = [[node.href, texts.page], ["/viz/paths?from=" + encodeURIComponent(node.id), texts.paths]];
  if (!document.getElementById("controls")) links.push(["/viz/explorer?focus=" + encodeURIComponent(node.id), texts.explore]);
  for (const [href, text] of links) {
    const link = document.createElement("a");
    link.href = href;
    link.textContent = text;
    actions.append(link, " ");
  }
  if (document.getElementById("controls")) {
    const focus = document.createElement("button");
    focus.type = "button";
    focus.id = "focus-this";
    focus.textContent = texts.focus;
    focus.addEventListener("click", () => document.dispatchEvent(new CustomEvent("focus-on", {detail: node})));
    actions.prepend(focus, " ");
  }
  box.replaceChildren(heading, facts, actions);
}

function activate(id) {
  const node = byId.get(id);
  if (!node) return;
  if (node.kind === "entity") showInfo(node); else open(id);
}

svg.addEventListener("click", event => {
  const dot = event.target.closest(".dot");
  if (dot && !dragged) activate(dot.dataset.id);
});
svg.addEventListener("dblclick", event => {
  const dot = event.target.closest(".dot");
  if (dot && byId.get(dot.dataset.id).kind === "entity") window.location.assign(byId.get(dot.dataset.id).href);
});
svg.addEventListener("keydown", event => {
  const dot = event.target.closest(".dot");
  if (dot && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); activate(dot.dataset.id); }
});
svg.addEventListener("wheel", event => {
  event.preventDefault();
  const box = svg.getBoundingClientRect();
  zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, event.clientX - box.left, event.clientY - box.top);
}, {passive: false});
let drag = null, dragged = false;
svg.addEventListener("pointerdown", event => { drag = {x: event.clientX, y: event.clientY, t: {...transform}}; dragged = false; });
window.addEventListener("pointermove", event => {
  if (!drag) return;
  const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
  if (Math.abs(dx) + Math.abs(dy) > 3) dragged = true;
  if (dragged) { transform = {k: drag.t.k, x: drag.t.x + dx, y: drag.t.y + dy}; apply(); }
});
window.addEventListener("pointerup", () => { drag = null; setTimeout(() => { dragged = false; }, 0); });
window.addEventListener("resize", () => apply());
document.getElementById("zoom-in").addEventListener("click", () => zoom(1.5, svg.clientWidth / 2, svg.clientHeight / 2));
document.getElementById("zoom-out").addEventListener("click", () => zoom(1 / 1.5, svg.clientWidth / 2, svg.clientHeight / 2));
document.getElementById("zoom-fit").addEventListener("click", () => fit());
remember();
draw();
{% endraw %}
