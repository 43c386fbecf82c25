// The events page: filters, summary, map, timeline and the table, all of one filter kept in the address.
// A filter the API refuses (422) is said in the page, above the form that can mend it.

import { ApiError, api, el, go, query, show } from "./dom.js";
import { eventsTable } from "./table.js";
import { filterForm, loadChoices, readFilters } from "./filters.js";
import { divisions, makeMap, placeMarkers } from "./map.js";
import { summaryPanel } from "./summary.js";
import { timeline } from "./timeline.js";

const PAGE = 50;
const FORMATS = ["acled-csv", "csv", "gdelt", "jsonl", "geojson", "parquet"];

export async function eventsPage(params) {
  const filters = readFilters(params);
  const offset = Number(params.get("offset") || 0);
  const sort = params.get("sort") || "date_desc";
  const offered = await loadChoices().catch(() => null);  // the pickers wait for it; the page does not need it
  const problem = el("div", { id: "problem" });
  const mapBox = el("div", { class: "map", id: "map" });
  const mapLegend = el("div", { id: "map-legend" });
  const timeBox = el("div", { id: "timeline" }, el("p", { class: "muted" }, "Loading timeline…"));
  const summaryBox = el("div", { id: "summary-box" }, el("p", { class: "muted" }, "Loading the summary…"));
  const tableBox = el("div", { id: "events" }, el("p", { class: "muted" }, "Loading events…"));
  const panels = el("div", { class: "panels" }, el("div", { class: "map-panel" }, mapBox, mapLegend), timeBox);
  show(el("h1", {}, "Events"), filterBox(filterForm(filters, sort, offered), filters), problem, panels, summaryBox, tableBox);

  const by = filters.acled_type.length ? "acled" : "plover";  // coloured by the taxonomy being filtered
  const summary = api("summary", filters);  // the slowest of the four on a large store: drawn when it comes
  // handled at once: a refused filter may fail it before the three below, and a rejection left unhandled
  // until then is an error in the page; its failure is said where it is drawn
  summary.catch(() => {});
  let list, places, daily;
  try {
    [list, places, daily] = await Promise.all([
      api("events", { ...filters, sort, limit: PAGE, offset }),
      api("map", filters),
      api("timeline", { ...filters, interval: "day", by })]);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    problem.replaceChildren(el("p", { class: "error", role: "alert" }, "This filter cannot be applied: ", error.message,
      ". Change it above, or ", el("a", { href: "#/" }, "clear it"), "."));
    for (const box of [panels, summaryBox, tableBox]) box.remove();
    return;
  }
  const narrow = (more) => go("/", { ...filters, ...more, sort, offset: 0 });
  const map = makeMap(mapBox);
  if (map) {
    placeMarkers(map, places.places, (p) => narrow({ place: p.name }), mapLegend);
    divisions(map, outlinedCountries(places.places, offered));
  }
  const days = daily.counts.map((c) => c.period).sort();
  const span = days.length ? (Date.parse(days[days.length - 1]) - Date.parse(days[0])) / 86400000 : 0;
  const interval = span > 730 ? "month" : span > 92 ? "week" : "day";
  const counts = interval === "day" ? daily : await api("timeline", { ...filters, interval, by });
  timeBox.replaceChildren(el("h2", {}, `Events by ${counts.interval}`),
    timeline(counts.counts, counts.interval, by, (since, until) => narrow({ since, until })));
  tableBox.replaceChildren(
    el("h2", {}, "The events"),
    eventsTable(list.events, { sort, onSort: (next) => go("/", { ...filters, sort: next, offset: 0 }) }),
    pager(list, filters, sort, offset),
    el("p", { class: "muted" }, "Download these events: ",
      FORMATS.map((f) => [el("a", { href: "/api/export?" + query({ ...filters, format: f }) }, f), " "])));
  // drawn last, the slowest read on a large store; the page is ready when it is
  await summary.then((data) => summaryBox.replaceChildren(el("h2", {}, "Summary"), summaryPanel(data, narrow)))
    .catch((error) => summaryBox.replaceChildren(el("p", { class: "error" }, "No summary: ", error.message)));
}

// on a phone the filters fold away under one line saying how many are set (open on a laptop)
function filterBox(form, filters) {
  const set = Object.values(filters).filter((v) => (Array.isArray(v) ? v.length : v)).length;
  const phone = window.matchMedia("(max-width: 640px)").matches;
  return el("details", { class: "filter-box", open: !phone },
    el("summary", {}, "Filters", set ? ` (${set} set)` : ""), form);
}

function pager(list, filters, sort, offset) {
  const to = (at) => () => go("/", { ...filters, sort, offset: at });
  return el("div", { class: "pager" },
    offset > 0 ? el("button", { class: "plain", on: { click: to(Math.max(0, offset - PAGE)) } }, "← previous") : null,
    el("span", { class: "muted", id: "totals" }, `events ${list.count ? offset + 1 : 0}–${offset + list.count}`
      + ` of ${list.total} · ${list.fatalities} fatalities (each event once, however many reports)`),
    list.count === PAGE ? el("button", { class: "plain", on: { click: to(offset + PAGE) } }, "next →") : null);
}

// the divisions of the countries with the most events on the map (a few: each is a file to read)
function outlinedCountries(places, offered) {
  if (!offered) return [];
  const iso3 = Object.fromEntries(offered.countries.map((c) => [c.code, c.iso3]));
  const events = {};
  for (const p of places) if (p.country_code) events[p.country_code] = (events[p.country_code] || 0) + p.events;
  return Object.entries(events).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([code]) => iso3[code]).filter(Boolean);
}
