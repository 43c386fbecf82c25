// The timeline: counts by period on a continuous axis, stacked by type; a bar's click narrows to its period.

import { append, el } from "./dom.js";
import { acledColor, typeColor } from "./codes.js";

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
export function timeline(counts, interval, by, onPick) {
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
