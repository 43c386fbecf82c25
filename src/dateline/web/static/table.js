// The events table: a row a happening, the whole row a way into its event page, labels not codes, and
// on a laptop each column header a sort (the server sorts: a page is the store's order, not the page's).
// On a phone the same rows are cards (app.css).

import { actorLink, el, label, link } from "./dom.js";
import { acled } from "./codes.js";

// a header's sorts: its first click, and the second when it has another direction
const HEADERS = [["Date", "date_desc", "date_asc"], ["Type", "type_asc"], ["ACLED", "acled_asc"], ["Actor", "actor_asc"],
  ["Recipient", "recipient_asc"], ["Place", "place_asc"], ["Deaths", "fatalities_desc"], ["Status", "status_asc"],
  ["Outlets", "independent_desc"], ["Reports"], [""]];

export function eventsTable(events, { sort = null, onSort = null } = {}) {
  if (!events.length) return el("p", { class: "muted" }, "No events match.");
  const head = el("tr", {}, HEADERS.map(([text, first, second]) => header(text, first, second, sort, onSort)));
  const rows = events.map((e) => row(e));
  return el("div", { class: "table-wrap" }, el("table", { class: "events" }, el("thead", {}, head), el("tbody", {}, rows)));
}

function header(text, first, second, sort, onSort) {
  if (!onSort || !first) return el("th", { scope: "col" }, text);
  const active = sort === first || sort === second;
  const next = sort === first && second ? second : first;
  const direction = (s) => (s.endsWith("_asc") ? "ascending" : "descending");
  return el("th", { scope: "col", "aria-sort": active ? direction(sort) : "none", class: active ? "sorted" : null },
    el("button", { type: "button", class: "sort", "data-sort": next, title: `sort by ${text.toLowerCase()}`,
      on: { click: () => onSort(next) } }, text, active ? (direction(sort) === "ascending" ? " ▲" : " ▼") : ""));
}

function row(e) {
  const route = "/event/" + encodeURIComponent(e.id);
  const tr = el("tr", { "data-event": e.id, class: "clickable" },
    el("td", { class: "date", "data-label": "Date" }, e.date || "—"),
    el("td", { class: "type", "data-label": "Type" }, el("span", { class: "tag" }, e.type || "—"), e.mode ? " " + e.mode : ""),
    el("td", { class: "acled", "data-label": "ACLED" }, acled(e)),
    el("td", { class: "actor", "data-label": "Actor" }, side(e.actor_name, e.actor_text)),
    el("td", { class: "recipient", "data-label": "Recipient" }, side(e.recipient_name, e.recipient_text)),
    el("td", { class: "place", "data-label": "Place" }, where(e)),
    el("td", { class: "num deaths", "data-label": "Deaths" }, e.fatalities ?? "—"),
    el("td", { class: "status", "data-label": "Status" }, label("statuses", e.status)),
    el("td", { class: "num outlets", "data-label": "Outlets", title: "independent outlets reporting it" }, e.n_independent ?? 1),
    el("td", { class: "num reports", "data-label": "Reports", title: "mentions in articles, copies included" }, e.n_mentions ?? 1),
    el("td", { class: "open" }, link(route, "open")));
  // the whole row opens the event; a link inside it (an actor) keeps its own way
  tr.addEventListener("click", (ev) => { if (!ev.target.closest("a, button")) location.hash = "#" + route; });
  return tr;
}

function side(name, text) { return name || text ? actorLink(name, name || text) : "—"; }

function where(e) {
  const country = label("countries", e.country_code);
  const division = e.admin1 && divisionName(e.admin1) !== e.place_name ? divisionName(e.admin1) : null;
  if (!e.place_name) return country || "—";
  return [e.place_name, el("span", { class: "muted" }, [division, country].filter(Boolean).map((x) => ", " + x).join(""))];
}

function divisionName(code) { const name = label("admin1", code); return name === code ? null : name; }
