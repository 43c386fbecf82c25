// The summary panel: the filter's events and fatalities by country, division, actor and month, each
// beside the period of the same length before it; a row's name narrows the list to it.

import { el } from "./dom.js";

// "Jan" … "Dec", in English whatever the browser's language (the rest of the page is English)
const MONTHS = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2000, m, 15)).toLocaleString("en", { month: "short", timeZone: "UTC" }));

function day(iso) { const [y, m, d] = iso.split("-"); return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`; }
function month(key) { const [y, m] = key.split("-"); return `${MONTHS[Number(m) - 1]} ${y}`; }
function days(period) { return Math.round((Date.parse(period.until) - Date.parse(period.since)) / 86400000) + 1; }

// the change from the period before, signed, or "new" for what it did not have
function change(now, before) {
  if (before === null || before === undefined) return el("span", { class: "change muted" }, "");
  if (!before) return el("span", { class: "change up" }, now ? "new" : "");
  const diff = now - before;
  return el("span", { class: "change " + (diff > 0 ? "up" : diff < 0 ? "down" : "same"), title: `${before} in the period before` },
    diff > 0 ? `+${diff}` : diff < 0 ? `−${-diff}` : "=");
}

export function summaryPanel(data, onNarrow) {
  const box = el("section", { class: "summary", id: "summary", "aria-label": "summary" });
  const t = data.totals;
  if (!data.period) {
    box.append(el("p", { class: "muted" }, "No dated events match: nothing to sum up by period."));
    return box;
  }
  const n = days(data.period);
  box.append(el("p", { class: "period" },
    el("strong", {}, `${day(data.period.since)} – ${day(data.period.until)}`), ` (${n} day${n > 1 ? "s" : ""}): `,
    `${t.events} events `, change(t.events, t.previous_events), `, ${t.fatalities} fatalities `,
    change(t.fatalities, t.previous_fatalities),
    el("span", { class: "muted" }, ` · against the ${n} days before (${day(data.previous.since)} – ${day(data.previous.until)}):`
      + ` ${t.previous_events} events, ${t.previous_fatalities} fatalities`)));
  box.append(el("div", { class: "summary-grid" },
    breakdown("By country", data.by.country, (r) => r.name, (r) => onNarrow({ country: [r.key] })),
    breakdown("By division", data.by.admin1, (r) => r.name, (r) => onNarrow({ admin1: [r.key] })),
    breakdown("By actor", data.by.actor, (r) => r.key, (r) => onNarrow({ actor: r.key })),
    months(data.by.month, data.by.previous_month)));
  return box;
}

function breakdown(title, rows, name, narrow) {
  return el("div", { class: "breakdown", "data-by": title.split(" ").pop() },
    el("h3", {}, title),
    rows.length ? el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", { class: "num" }, "events"),
      el("th", { class: "num" }, "deaths"))),
    el("tbody", {}, rows.map((r) => el("tr", {},
      el("td", {}, el("button", { type: "button", class: "linkish", title: "show only these", on: { click: () => narrow(r) } }, name(r))),
      el("td", { class: "num" }, r.events, " ", change(r.events, r.previous_events)),
      el("td", { class: "num" }, r.fatalities, " ", change(r.fatalities, r.previous_fatalities))))))
      : el("p", { class: "muted" }, "None named."));
}

function months(rows, before) {
  const earlier = before.reduce((sum, r) => sum + r.events, 0);
  return el("div", { class: "breakdown", "data-by": "month" },
    el("h3", {}, "By month"),
    el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", { class: "num" }, "events"), el("th", { class: "num" }, "deaths"))),
      el("tbody", {}, rows.map((r) => el("tr", {}, el("td", { class: "date" }, month(r.key)), el("td", { class: "num" }, r.events),
        el("td", { class: "num" }, r.fatalities))))),
    el("p", { class: "muted" }, before.length ? `The period before: ${earlier} events in ${before.map((r) => month(r.key)).join(", ")}.`
      : "The period before had no events."));
}
