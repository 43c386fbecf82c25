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
    data.happening ? reviewPanel(data.happening) : null,
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

// ---------------------------------------------------------------- router

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
