{% raw %}
// The explorer's filters (after network_view.js): the view settings ask the server for a new view; the data filters
// (year, strategy, subregion, grouping) load the page for that scope. Every setting lives in the URL.
"use strict";
const allTypes = [...document.querySelectorAll("#controls input[name=types]")].map(box => box.value);
const fields = {objective: "objective", hops: "hops", size: "size", colour: "colour"};
const defaults = {objective: "", hops: "1", size: "degree", colour: "type"};

function focusList() { return (params.get("focus") || "").split(",").filter(Boolean); }

function settings() {
  const query = state();
  const types = allTypes.filter(t => document.querySelector(`#controls input[value="${t}"]`).checked);
  if (types.length === allTypes.length || types.length === 0) query.delete("types"); else query.set("types", types.join(","));
  for (const [key, id] of Object.entries(fields)) {
    const value = document.getElementById(id).value;
    if (value === defaults[key] || (key === "hops" && !focusList().length)) query.delete(key); else query.set(key, value);
  }
  if (document.getElementById("synergies").checked) query.set("synergies", "true"); else query.delete("synergies");
  return query;
}

function showControls() {
  const types = (params.get("types") || "").split(",").filter(Boolean);
  for (const box of document.querySelectorAll("#controls input[name=types]")) box.checked = !types.length || types.includes(box.value);
  for (const [key, id] of Object.entries(fields)) document.getElementById(id).value = params.get(key) || defaults[key];
  document.getElementById("synergies").checked = params.get("synergies") === "true";
  const list = document.getElementById("focus-list");
  list.replaceChildren();
  for (const id of focusList()) {
    const item = document.createElement("li");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "close";
    remove.textContent = "×";
    remove.setAttribute("aria-label", texts.remove + " " + (labels.get(id) || id));
    remove.addEventListener("click", () => setFocus(focusList().filter(f => f !== id)));
    item.append(remove, " ", labels.get(id) || id);
    list.append(item);
  }
}

const labels = new Map();
function learn() { for (const n of view.nodes) if (n.kind === "entity") labels.set(n.id, n.label); }

function setFocus(ids) {
  const query = settings();
  if (ids.length) query.set("focus", ids.join(",")); else { query.delete("focus"); query.delete("hops"); }
  query.delete("open");
  return load(query);
}

for (const box of document.querySelectorAll("#controls input[name=types]")) box.addEventListener("change", () => load(settings()));
for (const id of Object.values(fields)) document.getElementById(id).addEventListener("change", () => load(settings()));
document.getElementById("synergies").addEventListener("change", () => load(settings()));
document.addEventListener("focus-on", event => { labels.set(event.detail.id, event.detail.label); setFocus([...new Set([...focusList(), event.detail.id])]); });
document.addEventListener("view-loaded", () => { learn(); showControls(); });

// Data filters: the page for that scope, keeping the view settings.
const scopeForm = document.getElementById("scope");
scopeForm.addEventListener("submit", event => {
  event.preventDefault();
  const query = new URLSearchParams(params);
  for (const [name, value] of new FormData(scopeForm)) { if (value) query.set(name, value); else query.delete(name); }
  query.delete("open");
  window.location.assign("/viz/explorer?" + query);
});
for (const field of scopeForm.querySelectorAll("select")) field.addEventListener("change", () => scopeForm.requestSubmit());

// Focus: names from /api/search, as in the top bar.
const search = document.getElementById("focus-search");
const suggest = document.getElementById("suggest");
const FOCUSABLE = new Set(allTypes.map(t => t.toLowerCase()));
let asked = "", chosen = -1;
async function lookUp() {
  const q = search.value.trim();
  if (!q) { suggest.replaceChildren(); return; }
  asked = q;
  const query = new URLSearchParams({q: q, limit: "20", lang: document.documentElement.lang});
  const response = await fetch("/api/search?" + query, {headers: {Accept: "application/json"}});
  if (!response.ok || search.value.trim() !== asked) return;
  const found = (await response.json()).data.filter(s => FOCUSABLE.has(s.type.toLowerCase())).slice(0, 8);
  suggest.replaceChildren(...found.map((s, i) => {
    const item = document.createElement("li");
    item.setAttribute("role", "option");
    item.id = "suggest-" + i;
    const id = s.href.replace(/^\/doc\//, "");
    item.dataset.id = id;
    item.textContent = s.label + " · " + s.type_label;
    labels.set(id, s.label);
    item.addEventListener("mousedown", e => { e.preventDefault(); pick(id); });
    return item;
  }));
  chosen = -1;
}
function pick(id) { search.value = ""; suggest.replaceChildren(); setFocus([...new Set([...focusList(), id])]); }
let timer = null;
search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookUp, 120); });
search.addEventListener("keydown", event => {
  const options = [...suggest.children];
  if ((event.key === "ArrowDown" || event.key === "ArrowUp") && options.length) {
    event.preventDefault();
    chosen = (chosen + (event.key === "ArrowDown" ? 1 : -1) + options.length) % options.length;
    options.forEach((o, i) => o.setAttribute("aria-selected", String(i === chosen)));
  } else if (event.key === "Enter" && options.length) {
    event.preventDefault();
    pick(options[Math.max(chosen, 0)].dataset.id);
  }
});
search.addEventListener("blur", () => setTimeout(() => suggest.replaceChildren(), 150));
learn();
showControls();
{% endraw %}
