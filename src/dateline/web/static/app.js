// dateline web UI: hash routes over the HTTP API, plain ES modules. Every value from the store reaches the
// page as a text node (el() never parses HTML), so an article holding markup shows it as text and runs nothing.

import { LABELS, actorLink, api, append, el, label, link, parseRoute, safeUrl, show } from "./dom.js";
import { acled } from "./codes.js";
import { eventsPage } from "./list.js";
import { eventsTable } from "./table.js";
import { forgetChoices, loadChoices } from "./filters.js";
import { eventMap } from "./map.js";
import { watchRuns } from "./runs.js";

// ---------------------------------------------------------------- helpers

function fail(error) {
  show(el("p", { class: "error", role: "alert" }, "Could not load this page: ", error.message || String(error)));
  console.error(error);
}

function side(name, text, type) {
  if (!name && !text) return "—";
  return el("span", {}, actorLink(name, name || text), type ? el("span", { class: "tag" }, label("actor_kinds", type)) : null);
}

// ---------------------------------------------------------------- pages

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
    el("h2", {}, `Sources (${data.mentions.length} mention(s), ${data.happening ? data.happening.n_independent : 1} independent)`),
    sources,
    el("h2", {}, "The article"),
    el("p", {}, el("strong", { class: "article-title" }, article.title || article.doc_id), " · ",
      article.outlet || "unknown outlet", " · ", article.published || "undated",
      url ? [" · ", el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null,
      article.story_id ? [" · ", link("/story/" + encodeURIComponent(article.story_id), "its story")] : null),
    highlighted(article.text, e.evidence_start, e.evidence_end));
  eventMap(mapBox, e, loadChoices().then((c) => c.countries.find((x) => x.code === e.country_code)).catch(() => null));
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

async function storiesPage() {
  const data = await api("stories");
  show(el("h1", {}, "Stories"), el("p", { class: "muted" }, "Articles about the same happening, grouped."),
    el("ul", { class: "plain" }, data.stories.map((s) => el("li", {},
      link("/story/" + encodeURIComponent(s.story_id), s.title || s.story_id),
      ` · ${s.n_articles} article(s) · ${s.first || "?"}${s.last && s.last !== s.first ? " – " + s.last : ""}`))));
}

async function storyPage(id) {
  const data = await api("stories/" + encodeURIComponent(id));
  show(el("h1", {}, data.articles[0].title || "Story"),
    el("h2", {}, `Articles (${data.articles.length})`),
    el("ul", { class: "plain" }, data.articles.map((a) => el("li", {}, a.title || a.doc_id, " · ", a.outlet || "unknown outlet",
      " · ", a.published || "undated", a.duplicate_of ? [" ", el("span", { class: "tag" }, "copy of " + a.duplicate_of)] : null))),
    el("h2", {}, "Events"), eventsTable(data.events));
}

// ---------------------------------------------------------------- router

async function route() {
  const { parts, params } = parseRoute();
  delete document.body.dataset.ready;
  try {
    if (parts[0] === "event" && parts[1]) await eventPage(parts[1]);
    else if (parts[0] === "actor" && parts[1]) await actorPage(parts[1]);
    else if (parts[0] === "actors") await actorsPage();
    else if (parts[0] === "stories") await storiesPage();
    else if (parts[0] === "story" && parts[1]) await storyPage(parts[1]);
    else await eventsPage(params);
    document.body.dataset.ready = location.hash || "#/";
  } catch (error) {
    fail(error);
    document.body.dataset.ready = "error";
  }
}

// when an ingest ends, the lists show what it added (an event being read is left as it is)
function refresh() {
  const { parts } = parseRoute();
  if (parts.length && !["actors", "stories"].includes(parts[0])) return;
  const y = window.scrollY;
  forgetChoices();
  api("labels").then((labels) => Object.assign(LABELS, labels)).catch(() => {})
    .finally(() => route().then(() => window.scrollTo(0, y)));
}

window.addEventListener("hashchange", route);
api("labels").then((labels) => Object.assign(LABELS, labels)).catch(() => {}).finally(route);
watchRuns(refresh);
