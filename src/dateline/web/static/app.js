// dateline web UI: hash routes over the HTTP API. Every value from the store reaches the page as a text node
// (el() never parses HTML), so an article holding markup shows it as text and runs nothing.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const COLORS = ["#4e79a7", "#59a14f", "#8cd17d", "#b6992d", "#499894", "#86bcb6", "#9d7660", "#f1ce63",
  "#d37295", "#fabfd2", "#e15759", "#f28e2b", "#b07aa1", "#ff9d9a", "#79706e", "#c0392b"];
const FILTERS = ["type", "acled_type", "actor", "country", "since", "until", "text", "min_independent", "place"];
const PAGE = 50;

// ---------------------------------------------------------------- helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// labels for the codes a person reads (served by the API from the package: one list, not two)
let LABELS = { actor_kinds: {}, statuses: {}, speakers: {}, admin1: {} };
function label(kind, code) { return (code && LABELS[kind][code]) || code || ""; }

function link(route, text) { return el("a", { href: "#" + route }, text); }
function actorLink(name, text) { return name ? link("/actor/" + encodeURIComponent(name), text || name) : text || "—"; }
function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

async function api(path, params) {
  const query = params ? "?" + new URLSearchParams(clean(params)).toString() : "";
  const response = await fetch("/api/" + path + query, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || response.statusText);
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

function clean(params) {
  const out = {};
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") out[k] = v;
  return out;
}

function parseRoute() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query || "") };
}

function show(...nodes) {
  const view = document.getElementById("view");
  view.replaceChildren(...nodes);
  window.scrollTo(0, 0);
}

function fail(error) {
  show(el("p", { class: "error", role: "alert" }, "Could not load this page: ", error.message));
}

function typeColor(type) { const i = TYPES.indexOf(type); return i < 0 ? "#888" : COLORS[i]; }

function acled(e) { return [e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(" / ") || "—"; }

function side(name, text, type) {
  if (!name && !text) return "—";
  return el("span", {}, actorLink(name, name || text), type ? el("span", { class: "tag" }, label("actor_kinds", type)) : null);
}

// ---------------------------------------------------------------- map

let worldOutlines = null;

async function outlines() {
  if (!worldOutlines) {
    const response = await fetch("/vendor/countries-110m.json");
    if (!response.ok) throw new Error("country outlines not installed (make web)");
    const topology = await response.json();
    worldOutlines = topojson.feature(topology, topology.objects.countries);
  }
  return worldOutlines;
}

function makeMap(container) {
  if (typeof L === "undefined") {
    container.append(el("p", { class: "muted" }, "The map library is not installed: run make web."));
    return null;
  }
  const map = L.map(container, { worldCopyJump: true, attributionControl: true }).setView([20, 20], 2);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  outlines().then((world) => {
    L.geoJSON(world, { style: { color: "#7f8c99", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
      interactive: false }).addTo(map).bringToBack();
  }).catch((error) => container.append(el("p", { class: "muted" }, error.message)));
  return map;
}

const SEVERAL = "#555";  // a place with events of several types

// one marker a place: coloured by its events' type (grey for several), sized by their fatalities
function placeMarkers(map, places, onPick, legendBox) {
  const layer = L.featureGroup().addTo(map);
  const shown = new Set();
  for (const p of places) {
    const types = (p.types || "").split(",").filter(Boolean);
    const fill = types.length === 1 ? typeColor(types[0]) : SEVERAL;
    shown.add(types.length === 1 ? types[0] : "several types");
    const radius = 4 + Math.min(16, Math.sqrt(p.fatalities || 0) * 2.5);
    const marker = L.circleMarker([p.lat, p.lon], { radius, color: "#333", weight: 1, fillColor: fill,
      fillOpacity: 0.8, className: "place-marker" });
    const pick = el("a", { href: "#", on: { click: (ev) => { ev.preventDefault(); onPick(p); } } }, "show these events");
    marker.bindPopup(el("div", {}, el("strong", {}, p.name || "?"), ` (${p.precision || "?"})`, el("br"),
      `${p.events} event(s), ${p.fatalities} fatalities, latest ${p.latest || "?"}`, el("br"),
      types.join(", "), el("br"), pick));
    marker.addTo(layer);
  }
  if (places.length) map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 7 });
  if (legendBox) {
    const legend = el("div", { class: "legend map-legend" }, [...shown].sort().map((t) => el("span", {},
      el("span", { class: "swatch", "data-color": t === "several types" ? SEVERAL : typeColor(t) }), t)),
      el("span", { class: "muted" }, "· size: fatalities"));
    for (const sw of legend.querySelectorAll(".swatch")) sw.style.background = sw.dataset.color;
    legendBox.replaceChildren(legend);
  }
  return layer;
}

// ---------------------------------------------------------------- timeline

const ACLED_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments"];
const ACLED_COLORS = ["#c0392b", "#e67e22", "#8e44ad", "#2e86c1", "#16a085", "#7f8c8d"];
function acledColor(type) { const i = ACLED_TYPES.indexOf(type); return i < 0 ? "#bbb" : ACLED_COLORS[i]; }

// the periods from first to last, none left out: a day, a week (Mondays) or a month (its first day)
function allPeriods(first, last, interval) {
  const out = [];
  const day = new Date(first + "T00:00:00Z"), end = new Date(last + "T00:00:00Z");
  while (day <= end && out.length < 2000) {
    out.push(day.toISOString().slice(0, 10));
    if (interval === "month") day.setUTCMonth(day.getUTCMonth() + 1);
    else day.setUTCDate(day.getUTCDate() + (interval === "week" ? 7 : 1));
  }
  return out;
}

function periodEnd(period, interval) {
  const day = new Date(period + "T00:00:00Z");
  if (interval === "month") { day.setUTCMonth(day.getUTCMonth() + 1); day.setUTCDate(0); }
  else if (interval === "week") day.setUTCDate(day.getUTCDate() + 6);
  return day.toISOString().slice(0, 10);
}

// counts by period and type on a continuous axis; a bar's click narrows the events to its period
function timeline(counts, interval, by, onPick) {
  const box = el("div", { class: "timeline" });
  if (!counts.length) return append(box, [el("p", { class: "muted" }, "No dated events.")]);
  const seen = [...new Set(counts.map((c) => c.period))].sort();
  const periods = allPeriods(seen[0], seen[seen.length - 1], interval);
  const totals = Object.fromEntries(periods.map((p) => [p, 0]));
  for (const c of counts) totals[c.period] = (totals[c.period] || 0) + c.events;
  const max = Math.max(1, ...Object.values(totals));
  const color = by === "acled" ? acledColor : typeColor;
  const W = 600, H = 220, left = 34, bottom = 40, barW = (W - left) / periods.length;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `events by ${interval} and type`);
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  const plot = H - bottom - 10;
  add("line", { x1: left, y1: H - bottom, x2: W, y2: H - bottom, stroke: "#999" });
  for (const value of [...new Set([0, Math.round(max / 2), max])]) {  // the count axis
    const y = H - bottom - (value / max) * plot;
    add("line", { x1: left - 3, y1: y, x2: left, y2: y, stroke: "#999" });
    add("text", { x: left - 5, y: y + 4, "font-size": 10, fill: "#555", "text-anchor": "end", class: "tick" }, String(value));
  }
  const every = Math.ceil(periods.length / 6);
  periods.forEach((period, i) => {
    let offset = 0;
    for (const c of counts.filter((x) => x.period === period)) {
      const h = (c.events / max) * plot;
      offset += h;
      const rect = add("rect", { x: left + i * barW + 0.5, y: H - bottom - offset, width: Math.max(1, barW - 1),
        height: h, fill: color(c.type), class: "bar", "data-period": period, "data-type": c.type || "" });
      rect.addEventListener("click", () => onPick(period, periodEnd(period, interval)));
      const title = document.createElementNS(ns, "title");
      title.textContent = `${period}${interval === "day" ? "" : " – " + periodEnd(period, interval)}: ${c.events} ${c.type || "no ACLED type"} (click to show them)`;
      rect.append(title);
    }
    if (i % every === 0) {
      add("line", { x1: left + (i + 0.5) * barW, y1: H - bottom, x2: left + (i + 0.5) * barW, y2: H - bottom + 4, stroke: "#999" });
      add("text", { x: left + i * barW, y: H - bottom + 16, "font-size": 10, fill: "#555", class: "tick" },
        interval === "month" ? period.slice(0, 7) : period);
    }
  });
  const types = [...new Set(counts.map((c) => c.type))];
  const legend = el("div", { class: "legend" },
    types.map((t) => el("span", {}, el("span", { class: "swatch", "data-color": color(t) }), t || "no ACLED type")));
  for (const sw of legend.querySelectorAll(".swatch")) sw.style.background = sw.dataset.color;
  return append(box, [svg, legend]);
}

// ---------------------------------------------------------------- tables

function eventsTable(events) {
  if (!events.length) return el("p", { class: "muted" }, "No events match.");
  const head = el("tr", {}, ["Date", "Type", "ACLED", "Actor", "Recipient", "Place", "Deaths", "Status", "Outlets", "Reports", ""]
    .map((h) => el("th", { scope: "col" }, h)));
  const rows = events.map((e) => el("tr", { "data-event": e.id },
    el("td", {}, e.date || "—"),
    el("td", {}, el("span", { class: "tag" }, e.type || "—"), e.mode ? " " + e.mode : ""),
    el("td", {}, acled(e)),
    el("td", {}, side(e.actor_name, e.actor_text, null)),
    el("td", {}, side(e.recipient_name, e.recipient_text, null)),
    el("td", {}, e.place_name || "—", e.country_code ? ` (${e.country_code})` : ""),
    el("td", { class: "num" }, e.fatalities ?? "—"),
    el("td", {}, label("statuses", e.status)),
    el("td", { class: "num", title: "independent outlets reporting it" }, e.n_independent ?? 1),
    el("td", { class: "num", title: "mentions in articles, copies included" }, e.n_mentions ?? 1),
    el("td", {}, link("/event/" + encodeURIComponent(e.id), "open"))));
  return el("div", { class: "table-wrap" }, el("table", { class: "events" }, el("thead", {}, head), el("tbody", {}, rows)));
}

// ---------------------------------------------------------------- pages

async function eventsPage(params) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || ""]));
  const offset = Number(params.get("offset") || 0);
  const sort = params.get("sort") || "date_desc";
  const form = filterForm(filters, sort);
  const mapBox = el("div", { class: "map", id: "map" });
  const mapLegend = el("div", { id: "map-legend" });
  const timeBox = el("div", { id: "timeline" }, el("p", { class: "muted" }, "Loading timeline…"));
  const tableBox = el("div", { id: "events" }, el("p", { class: "muted" }, "Loading events…"));
  show(el("h1", {}, "Events"), form, el("div", { class: "panels" }, el("div", {}, mapBox, mapLegend), timeBox), tableBox);

  const by = filters.acled_type ? "acled" : "plover";  // coloured by the taxonomy being filtered
  const [list, places, daily] = await Promise.all([
    api("events", { ...filters, sort, limit: PAGE, offset }),
    api("map", filters),
    api("timeline", { ...filters, interval: "day", by })]);
  const days = daily.counts.map((c) => c.period).sort();
  const span = days.length ? (Date.parse(days[days.length - 1]) - Date.parse(days[0])) / 86400000 : 0;
  const interval = span > 730 ? "month" : span > 92 ? "week" : "day";
  const counts = interval === "day" ? daily : await api("timeline", { ...filters, interval, by });
  const map = makeMap(mapBox);
  if (map) placeMarkers(map, places.places, (p) => go("/", { ...filters, place: p.name, offset: 0 }), mapLegend);
  timeBox.replaceChildren(el("h2", {}, `Events by ${counts.interval}`),
    timeline(counts.counts, counts.interval, by, (since, until) => go("/", { ...filters, since, until, offset: 0 })));
  const pager = el("div", { class: "pager" },
    offset > 0 ? el("button", { class: "plain", on: { click: () => go("/", { ...filters, sort, offset: Math.max(0, offset - PAGE) }) } }, "← newer") : null,
    el("span", { class: "muted", id: "totals" }, `events ${list.count ? offset + 1 : 0}–${offset + list.count}`
      + ` of ${list.total} · ${list.fatalities} fatalities (each event once, however many reports)`),
    list.count === PAGE ? el("button", { class: "plain", on: { click: () => go("/", { ...filters, sort, offset: offset + PAGE }) } }, "older →") : null);
  tableBox.replaceChildren(eventsTable(list.events), pager,
    el("p", { class: "muted" }, "Download these events: ",
      ["acled-csv", "csv", "gdelt", "jsonl", "geojson", "parquet"].map((f) => [el("a", { href: "/api/export?" +
        new URLSearchParams(clean({ ...filters, format: f })).toString() }, f), " "])));
}

function filterForm(filters, sort) {
  const input = (name, label, attrs) => el("label", {}, label,
    el("input", { name, value: filters[name], ...attrs }));
  const typeSelect = el("select", { name: "type" }, el("option", { value: "" }, "any"),
    TYPES.map((t) => el("option", { value: t, selected: filters.type === t }, t)));
  const sortSelect = el("select", { name: "sort" }, [["date_desc", "newest"], ["date_asc", "oldest"],
    ["fatalities_desc", "most deaths"], ["confidence_desc", "most confident"]]
    .map(([v, t]) => el("option", { value: v, selected: sort === v }, t)));
  const form = el("form", { class: "filters", role: "search" },
    el("label", {}, "Type", typeSelect),
    input("acled_type", "ACLED type", { placeholder: "Battles", size: 12 }),
    input("actor", "Actor", { placeholder: "Islamic State", size: 12 }),
    input("place", "Place", { size: 10 }),
    input("country", "Country", { placeholder: "IQ", size: 3, maxlength: 2 }),
    input("since", "From", { type: "date" }),
    input("until", "To", { type: "date" }),
    input("min_independent", "Min. outlets", { type: "number", min: 1, size: 3 }),
    input("text", "Words", { type: "search", size: 12 }),
    el("label", {}, "Sort", sortSelect),
    el("button", { type: "submit" }, "Filter"),
    el("button", { type: "button", class: "plain", on: { click: () => go("/", {}) } }, "Clear"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    go("/", { ...Object.fromEntries(new FormData(form).entries()), offset: 0 });
  });
  return form;
}

async function eventPage(id) {
  const data = await api("events/" + encodeURIComponent(id));
  // the facts are the happening's (all its reports), the highlighted sentence this mention's
  const e = { ...data.event, ...(data.happening || {}), id: data.event.id, doc_id: data.event.doc_id,
    evidence: data.event.evidence, evidence_start: data.event.evidence_start, evidence_end: data.event.evidence_end };
  const article = await api("articles/" + encodeURIComponent(e.doc_id));
  const mapBox = el("div", { class: "map small", id: "event-map" });
  const facts = el("dl", { class: "facts" },
    fact("Type", `${e.type || "—"}${e.mode ? " · " + e.mode : ""}`),
    fact("ACLED", acled(e), e.acled_disputed ? el("span", { class: "tag", title: "its reports give different ACLED types" }, " disputed") : null),
    fact("Actor", side(e.actor_name, e.actor_text, e.actor_type), e.actor_country ? ` · ${e.actor_country}` : ""),
    fact("Recipient", side(e.recipient_name, e.recipient_text, e.recipient_type), e.recipient_country ? ` · ${e.recipient_country}` : ""),
    fact("Where", e.place_name ? `${e.place_name}${e.admin1 && label("admin1", e.admin1) !== e.place_name ? ", " + label("admin1", e.admin1) : ""} (${e.country_code || "?"}), precision ${e.location_precision}` : "unknown"),
    fact("When", `${e.date || "?"} (precision ${e.date_precision || "?"})`),
    fact("Fatalities", e.fatalities ?? "not reported",
      data.happening && data.happening.fatality_figures.length > 1 ? ` (the lowest of ${data.happening.fatality_figures.join(", ")})` : ""),
    fact("Status", label("statuses", e.status) || "—"),
    fact("According to", [e.speaker || (e.anonymous ? "an anonymous source" : "the article itself"),
      e.speaker_type ? ` (${label("speakers", e.speaker_type)})` : "", e.via ? `, via ${e.via}` : ""]),
    fact("Confidence", e.confidence != null ? Number(e.confidence).toFixed(2) : "—"));
  const sources = el("ul", { class: "plain sources" }, data.mentions.map((m) => el("li", {},
    m.id === e.id ? el("strong", {}, "this article") : link("/event/" + encodeURIComponent(m.id), "mention"),
    " · ", m.outlet || "unknown outlet", " · ", m.published || "undated", " · ", m.title || m.doc_id,
    m.duplicate_of ? el("span", { class: "tag" }, "copy of " + m.duplicate_of) : null,
    el("div", { class: "muted" }, "“", m.evidence || "", "”"))));
  const url = safeUrl(article.url);
  show(el("h1", {}, e.type || "Event", " at ", e.place_name || "an unknown place", e.date ? " on " + e.date : ""),
    el("div", { class: "panels" }, facts, mapBox),
    data.happening ? reviewPanel(data.happening) : null,
    el("h2", {}, `Sources (${data.mentions.length} mention(s), ${data.happening ? data.happening.n_independent : 1} independent)`),
    sources,
    el("h2", {}, "The article"),
    el("p", {}, el("strong", { class: "article-title" }, article.title || article.doc_id), " · ",
      article.outlet || "unknown outlet", " · ", article.published || "undated",
      url ? [" · ", el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null,
      article.story_id ? [" · ", link("/story/" + encodeURIComponent(article.story_id), "its story")] : null),
    highlighted(article.text, e.evidence_start, e.evidence_end));
  const map = makeMap(mapBox);
  if (map && e.lat != null) {
    L.circleMarker([e.lat, e.lon], { radius: 8, color: "#7a1d12", fillColor: "#d94f3d", fillOpacity: 0.8 }).addTo(map);
    map.setView([e.lat, e.lon], e.location_precision === "country" ? 4 : 7);
  }
  const mark = document.querySelector("mark.evidence");
  if (mark) mark.scrollIntoView({ block: "center" });
}

function fact(label, ...value) { return [el("dt", {}, label), el("dd", {}, ...value)]; }

function highlighted(text, start, end) {
  const box = el("div", { class: "article", id: "article-text" });
  if (start == null || end == null || start < 0 || end > text.length || start >= end) return append(box, [text]);
  return append(box, [text.slice(0, start), el("mark", { class: "evidence" }, text.slice(start, end)), text.slice(end)]);
}

async function actorPage(name) {
  const data = await api("actors/" + encodeURIComponent(name));
  const counterparts = el("ul", { class: "plain counterparts" }, data.counterparts.map((c) =>
    el("li", {}, actorLink(c.name), c.type ? [" ", el("span", { class: "tag" }, c.type)] : null, ` · ${c.events} event(s)`)));
  show(el("h1", {}, data.name),
    el("p", { class: "muted" }, `${data.events.length} event(s) as actor or recipient`),
    el("h2", {}, "Counterparts"), data.counterparts.length ? counterparts : el("p", { class: "muted" }, "None named."),
    el("h2", {}, "Events"), eventsTable(data.events));
}

async function actorsPage() {
  const data = await api("actors", { limit: 500 });
  show(el("h1", {}, "Actors"), el("ul", { class: "plain" }, data.actors.map((a) =>
    el("li", {}, actorLink(a.name), a.type ? [" ", el("span", { class: "tag" }, a.type)] : null, ` · ${a.events} event(s)`))));
}

const SOURCING = { own: "own reporting", copy: "copy", wire: "wire story" };

function storyCounts(s) {
  const dates = s.first_published && s.last_published && s.last_published !== s.first_published
    ? `${s.first_published} – ${s.last_published}` : (s.first_published || "undated");
  return `${s.n_articles} article(s) · ${s.n_outlets} outlet(s) · ${s.n_independent} independent · ${dates}`;
}

async function storiesPage(kind) {
  kind = kind === "other" ? "other" : "event";
  const data = await api("stories", { kind });
  show(el("h1", {}, kind === "event" ? "Stories of events" : "Other stories"),
    el("p", { class: "muted" }, "Articles telling the same happening, grouped; a copy or a wire story counts as one ",
      "independent source. ", kind === "event" ? link("/stories/other", "Stories with no event")
        : link("/stories", "Stories of events")),
    el("ul", { class: "plain", id: "stories" }, data.stories.map((s) => el("li", {},
      link("/story/" + encodeURIComponent(s.story_id), s.title || "untitled story"), " · ", storyCounts(s)))));
}

function storyTimeline(days) {
  const most = Math.max(1, ...days.map((d) => d.articles));
  return el("ul", { class: "plain story-timeline" }, days.map((d) => {
    const bar = el("span", { class: "bar" });
    bar.style.width = `${Math.round(100 * d.articles / most)}px`; // the CSSOM, which the page's policy allows
    return el("li", {}, el("span", { class: "day" }, d.date || "undated"), " ", bar, ` ${d.articles}`);
  }));
}

async function storyPage(id) {
  const data = await api("stories/" + encodeURIComponent(id));
  show(el("h1", {}, data.title || "Story"), el("p", { class: "muted" }, storyCounts(data)),
    el("h2", {}, "Articles by day"), storyTimeline(data.timeline),
    el("h2", {}, `Articles (${data.articles.length})`),
    el("ul", { class: "plain", id: "story-articles" }, data.articles.map((a) => el("li", {},
      safeUrl(a.url) ? el("a", { href: safeUrl(a.url), rel: "noopener noreferrer" }, a.title || a.doc_id)
        : (a.title || a.doc_id),
      " · ", a.outlet || "unknown outlet",
      " · ", a.published || "undated", " ", el("span", { class: "tag" }, SOURCING[a.sourcing] || a.sourcing),
      a.wire ? ` (${a.wire})` : null, a.duplicate_of ? ` of ${a.duplicate_of}` : null))),
    el("h2", {}, "Events"), eventsTable(data.events));
}

// ---------------------------------------------------------------- review (an event page's verdict)

const TOKEN_KEY = "dateline-token", REVIEWER_KEY = "dateline-reviewer";
const REVIEW_FIELDS = [["acled_sub_event_type", "ACLED sub-event type"], ["actor_name", "Actor 1"], ["recipient_name", "Actor 2"],
  ["place_name", "Place"], ["date", "Date"], ["fatalities", "Fatalities"]];
const REVIEW_SHOWN = [["acled_event_type", "ACLED event type"], ...REVIEW_FIELDS];
const REVIEW_WORDS = { confirmed: "Confirmed", corrected: "Corrected", rejected: "Rejected" };
let acledTypes = null;

// a write: JSON, with the token `dateline serve` printed (kept for this tab in sessionStorage), never a cookie
async function send(method, path, body) {
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch("/api/" + path, { method, headers, credentials: "omit",
    body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  const detail = typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail || response.statusText);
  return { status: response.status, ok: response.ok, data, detail };
}

// the event's review beside the machine's reading, and the controls to give one
function reviewPanel(happening) {
  const box = el("section", { class: "review", id: "review", "aria-labelledby": "review-title" });
  renderReview(box, happening);
  return box;
}

function renderReview(box, h) {
  const message = el("p", { id: "review-message", role: "status" });
  const reviewer = el("input", { name: "reviewer", size: 16, maxlength: 100, value: sessionStorage.getItem(REVIEWER_KEY) || "" });
  const extra = el("div", { id: "review-extra" });
  const state = { box, h, message, reviewer, extra, pending: null };
  const button = (text, action, attrs) => el("button", { type: "button", class: "plain", ...attrs, on: { click: action } }, text);
  box.replaceChildren(el("h2", { id: "review-title" }, "Review"), reviewState(h),
    el("div", { class: "review-controls" }, el("label", {}, "Your name ", reviewer),
      button("Confirm", () => submitReview(state, { status: "confirmed" }), { name: "confirm" }),
      button("Correct…", () => correctionForm(state), { name: "correct" }),
      button("Reject", () => submitReview(state, { status: "rejected" }), { name: "reject" }),
      h.review ? button("Withdraw", () => submitReview(state, null), { name: "withdraw" }) : null),
    message, extra);
}

function reviewState(h) {
  const r = h.review;
  if (!r) return el("p", { class: "muted", id: "review-state" }, "Not reviewed yet: the facts above are the machine's reading.");
  // the fields the review reads otherwise than the machine (an event type that follows its sub-event type unchanged is not)
  const rows = REVIEW_SHOWN.filter(([k]) => k in r.corrections && shown(r.corrections[k]) !== shown(r.machine[k])).map(([k, name]) =>
    el("tr", { "data-field": k }, el("th", { scope: "row" }, name),
      el("td", { class: "machine" }, shown(r.machine[k])), el("td", { class: "reviewed" }, shown(r.corrections[k]))));
  return el("div", { id: "review-state", "data-status": r.status },
    el("p", {}, el("strong", {}, REVIEW_WORDS[r.status] || r.status), " by ", el("span", { class: "reviewer" }, r.reviewer),
      " · ", r.reviewed_at, r.note ? [" · ", el("span", { class: "note" }, r.note)] : null),
    rows.length ? el("table", { class: "review-table" }, el("thead", {}, el("tr", {}, el("th", {}, ""),
      el("th", { scope: "col" }, "machine"), el("th", { scope: "col" }, "reviewed"))), el("tbody", {}, rows)) : null,
    r.changed.length ? el("p", { class: "muted" }, "The machine reads otherwise since: ", r.changed.join(", ")) : null);
}

function shown(value) { return value === null || value === undefined ? "—" : String(value); }

async function correctionForm(state) {
  const h = state.h, current = { ...h, ...((h.review && h.review.corrections) || {}) };
  if (!acledTypes) acledTypes = (await api("acled-types")).types;
  const sub = el("select", { name: "acled_sub_event_type" }, el("option", { value: "" }, "—"),
    Object.entries(acledTypes).map(([kind, subs]) =>
    el("optgroup", { label: kind }, subs.map((s) => el("option", { value: s, selected: s === current.acled_sub_event_type }, s)))));
  const field = (name, attrs) => el("input", { name, value: current[name] ?? "", ...attrs });
  const form = el("form", { class: "correction", name: "correction" },
    el("label", {}, "ACLED type ", sub),
    el("label", {}, "Actor 1 ", field("actor_name", { maxlength: 200 })),
    el("label", {}, "Actor 2 ", field("recipient_name", { maxlength: 200 })),
    el("label", {}, "Place ", field("place_name", { maxlength: 200 })),
    el("label", {}, "Date ", field("date", { type: "date" })),
    el("label", {}, "Fatalities ", field("fatalities", { type: "number", min: 0 })),
    el("label", {}, "Note ", el("input", { name: "note", maxlength: 1000, size: 30 })),
    el("button", { type: "submit" }, "Save correction"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    const corrections = {};
    for (const [name] of REVIEW_FIELDS) {
      const given = values[name] === "" ? null : name === "fatalities" ? Number(values[name]) : values[name];
      if (given !== (h[name] ?? null)) corrections[name] = given;  // what differs from the machine's reading
    }
    if (!Object.keys(corrections).length) return say(state, "Nothing differs from the machine's reading: confirm it instead.");
    submitReview(state, { status: "corrected", corrections, note: values.note || null });
  });
  state.extra.replaceChildren(form);
}

async function submitReview(state, review) {
  const name = state.reviewer.value.trim();
  if (!name) return say(state, "Give your name: a review is kept with who made it.");
  sessionStorage.setItem(REVIEWER_KEY, name);
  const path = "happenings/" + encodeURIComponent(state.h.id) + "/review";
  const result = review ? await send("POST", path, { ...review, reviewer: name })
    : await send("DELETE", path + "?" + new URLSearchParams({ reviewer: name }).toString());
  if (result.status === 401 || result.status === 403) {
    if (result.status === 403 && sessionStorage.getItem(TOKEN_KEY)) sessionStorage.removeItem(TOKEN_KEY);
    say(state, `Refused by the server (${result.status}): ${result.detail}`, true);
    state.pending = review;
    return tokenPrompt(state);
  }
  if (!result.ok) return say(state, `Not saved (${result.status}): ${result.detail}`, true);
  const fresh = await api("happenings/" + encodeURIComponent(state.h.id));
  renderReview(state.box, fresh);
  say({ message: state.box.querySelector("#review-message") }, review ? `Saved: ${REVIEW_WORDS[review.status].toLowerCase()}.` : "Review withdrawn.");
}

function say(state, text, refused) {
  state.message.replaceChildren(text);
  state.message.className = refused ? "error" : "muted";
}

// asked once, when the server first refuses for want of it; kept for this tab only
function tokenPrompt(state) {
  const input = el("input", { name: "token", type: "password", size: 32, autocomplete: "off" });
  const form = el("form", { class: "token", name: "token" },
    el("label", {}, "Token (printed by dateline serve) ", input), el("button", { type: "submit" }, "Use token"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!input.value.trim()) return;
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    state.extra.replaceChildren();
    submitReview(state, state.pending);
  });
  state.extra.replaceChildren(form);
  input.focus();
}

// ---------------------------------------------------------------- ingest progress

async function pollRuns() {
  const box = document.getElementById("run");
  let running = false;
  try {
    const run = (await api("runs", { limit: 1 })).runs[0];
    running = run && run.state === "running";
    box.hidden = !running;
    if (running) {
      const bar = run.total ? el("progress", { max: run.total, value: run.done }) : null;
      box.replaceChildren(bar || "", `Ingest running: ${run.done}${run.total ? "/" + run.total : ""} articles`,
        run.rate ? ` · ${run.rate.toFixed(1)}/s` : "", run.eta_seconds != null ? ` · ETA ${Math.round(run.eta_seconds)} s` : "",
        ` · ${run.events} events, ${run.failures} failed`);
    }
  } catch (error) {
    box.hidden = true;
  }
  setTimeout(pollRuns, running ? 2000 : 10000);
}

// ---------------------------------------------------------------- router

function go(path, params) {
  const query = new URLSearchParams(clean(params || {})).toString();
  location.hash = "#" + path + (query ? "?" + query : "");
}

async function route() {
  const { parts, params } = parseRoute();
  delete document.body.dataset.ready;
  try {
    if (parts[0] === "event" && parts[1]) await eventPage(parts[1]);
    else if (parts[0] === "actor" && parts[1]) await actorPage(parts[1]);
    else if (parts[0] === "actors") await actorsPage();
    else if (parts[0] === "stories") await storiesPage(parts[1]);
    else if (parts[0] === "story" && parts[1]) await storyPage(parts[1]);
    else await eventsPage(params);
    document.body.dataset.ready = location.hash || "#/";
  } catch (error) {
    fail(error);
    document.body.dataset.ready = "error";
  }
}

window.addEventListener("hashchange", route);
api("labels").then((labels) => { LABELS = labels; }).catch(() => {}).finally(route);
pollRuns();
