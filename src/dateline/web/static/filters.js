// The list page's filters, from the codebook: pickers of several values (country by name, ACLED event
// type and sub-type, PLOVER type, division, status), an actor box that suggests names and aliases, dates,
// words, thresholds. The address holds them all (a filter of several values repeats its name).

import { api, el, go } from "./dom.js";

export const MANY = ["type", "acled_type", "country", "admin1", "status"];
export const ONE = ["actor", "place", "since", "until", "text", "min_independent", "min_confidence"];
export const SORTS = [["date_desc", "newest"], ["date_asc", "oldest"], ["fatalities_desc", "most deaths"],
  ["confidence_desc", "most confident"], ["independent_desc", "most outlets"], ["type_asc", "PLOVER type"],
  ["acled_asc", "ACLED type"], ["actor_asc", "actor"], ["recipient_asc", "recipient"], ["place_asc", "place"],
  ["status_asc", "status"]];

export function readFilters(params) {
  const out = {};
  for (const name of MANY) out[name] = params.getAll(name).filter(Boolean);
  for (const name of ONE) out[name] = params.get(name) || "";
  return out;
}

let choices = null;  // read once, and again after an ingest (it may bring new countries and divisions)
export function loadChoices() {
  if (!choices) choices = api("choices").catch((error) => { choices = null; throw error; });
  return choices;
}
export function forgetChoices() { choices = null; }

export function filterForm(filters, sort, offered) {
  const input = (name, text, attrs) => el("label", {}, text, el("input", { name, value: filters[name], ...attrs }));
  const sortSelect = el("select", { name: "sort" },
    SORTS.map(([value, text]) => el("option", { value, selected: sort === value }, text)));
  const form = el("form", { class: "filters", role: "search" },
    countryPicker(filters, offered),
    acledPicker(filters, offered),
    picker("type", "PLOVER type", [{ options: offer(offered, "plover", "type") }], filters.type),
    actorBox(filters.actor),
    admin1Picker(filters, offered),
    picker("status", "Status", [{ options: offer(offered, "statuses", "status") }], filters.status),
    input("place", "Place", { size: 10 }),
    input("since", "From", { type: "date" }),
    input("until", "To", { type: "date" }),
    input("min_confidence", "Min. confidence", { type: "number", min: 0, max: 1, step: 0.05, placeholder: "0–1" }),
    input("min_independent", "Min. outlets", { type: "number", min: 1, size: 3 }),
    input("text", "Words", { type: "search", size: 12 }),
    el("label", {}, "Sort", sortSelect),
    el("div", { class: "actions" },
      el("button", { type: "submit" }, "Filter"),
      el("button", { type: "button", class: "plain", on: { click: () => go("/", {}) } }, "Clear")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    go("/", { ...formFilters(form), sort: form.elements.sort.value, offset: 0 });
  });
  // one picker open at a time
  form.addEventListener("toggle", (ev) => {
    if (ev.target.open) for (const other of form.querySelectorAll("details.picker[open]")) if (other !== ev.target) other.open = false;
  }, true);
  return form;
}

function formFilters(form) {
  const data = new FormData(form);
  const out = {};
  for (const name of MANY) out[name] = data.getAll(name);
  for (const name of ONE) out[name] = (data.get(name) || "").trim();
  if (Number(out.min_confidence) === 0) out.min_confidence = "";  // a threshold of nothing is no filter
  return out;
}

function countryPicker(filters, offered) {
  const countries = offered ? offered.countries : [];
  const options = countries.map((c) => ({ value: c.code, text: c.name }));
  // a code in the address that the store has no event in is still shown, and kept
  for (const code of filters.country) if (!countries.some((c) => c.code === code.toUpperCase())) options.push({ value: code, text: code });
  return picker("country", "Country", [{ options }], filters.country.map((c) => c.toUpperCase()), { find: true });
}

function acledPicker(filters, offered) {
  // an event type is a choice of its own, its sub-event types under it
  const groups = (offered ? offered.acled : []).map((kind) => ({ label: kind.type, value: kind.type,
    options: offer({ subs: kind.sub_types, held: offered.held }, "subs", "acled_sub_event_type") }));
  return picker("acled_type", "ACLED type", groups, filters.acled_type, { find: true });
}

function admin1Picker(filters, offered) {
  const names = Object.fromEntries((offered ? offered.countries : []).map((c) => [c.code, c.name]));
  const groups = [];
  for (const division of offered ? offered.admin1 : []) {
    let group = groups[groups.length - 1];
    if (!group || group.country !== division.country) {
      group = { label: names[division.country] || division.country, country: division.country, options: [] };
      groups.push(group);
    }
    group.options.push({ value: division.code, text: division.name });
  }
  return picker("admin1", "Division", groups, filters.admin1, { find: true });
}

// a drop-down of check boxes: `groups` of options, a group's label itself a choice when it has a value
function picker(name, title, groups, chosen, { find = false } = {}) {
  const names = {};
  const box = (value, text, cls) => {
    names[value] = text;
    return el("label", { class: cls }, el("input", { type: "checkbox", name, value, checked: chosen.includes(value) }), " ", text);
  };
  const list = el("ul", { class: "picker-options" }, groups.map((g) => [
    g.label ? el("li", { class: "picker-group" }, g.value ? box(g.value, g.label, "group") : el("span", {}, g.label)) : null,
    g.options.map((o) => el("li", { class: `${g.label ? "indented" : ""} ${o.none ? "none" : ""}`.trim() || null,
      title: o.none ? "no event in the store has it" : null }, box(o.value, o.text)))]));
  const said = el("span", { class: "picker-chosen" });
  const summary = () => {
    const picked = [...list.querySelectorAll("input:checked")].map((i) => names[i.value] || i.value);
    said.textContent = !picked.length ? "any" : picked.length <= 2 ? picked.join(", ") : `${picked.length} chosen`;
  };
  list.addEventListener("change", summary);
  const finder = find ? el("input", { type: "search", class: "picker-find", placeholder: "find…", "aria-label": `find a ${title.toLowerCase()}`,
    on: { input: (ev) => narrow(list, ev.target.value) } }) : null;
  if (finder) finder.addEventListener("keydown", (ev) => { if (ev.key === "Enter") ev.preventDefault(); });
  summary();
  return el("details", { class: "picker", "data-name": name },
    el("summary", {}, el("span", { class: "picker-title" }, title), said),
    el("div", { class: "picker-body" }, finder, list));
}

// the codebook's values as a picker's options, those no event of the store has marked (shown faint)
function offer(offered, list, column) {
  return (offered ? offered[list] : []).map((v) => {
    const value = v.code || v;
    return { value, text: v.label || v, none: !offered.held[column].includes(value) };
  });
}

function narrow(list, text) {
  const wanted = text.trim().toLowerCase();
  for (const item of list.children) item.hidden = Boolean(wanted) && !item.textContent.toLowerCase().includes(wanted);
}

// the actor box: names as typed, or the dictionary's aliases (ISIS, Daesh), suggested from the store
function actorBox(value) {
  const box = el("input", { name: "actor", id: "actor-box", value, size: 14, autocomplete: "off", placeholder: "name or alias",
    role: "combobox", "aria-autocomplete": "list", "aria-controls": "actor-suggestions", "aria-expanded": "false" });
  const list = el("ul", { class: "suggestions", id: "actor-suggestions", role: "listbox", hidden: true });
  let asked = 0;
  const close = () => { list.hidden = true; box.setAttribute("aria-expanded", "false"); };
  const choose = (name) => { box.value = name; close(); box.focus(); };
  box.addEventListener("input", async () => {
    const text = box.value.trim();
    const mine = ++asked;
    if (text.length < 2) return close();
    const found = await api("actors", { q: text, limit: 8 }).catch(() => ({ actors: [] }));
    if (mine !== asked) return;  // a later keystroke has asked again
    list.replaceChildren(...found.actors.map((a) => el("li", { role: "option" },
      el("button", { type: "button", class: "suggestion", on: { click: () => choose(a.name) } },
        a.name, a.alias ? el("span", { class: "muted" }, ` (as “${a.alias}”)`) : null,
        el("span", { class: "muted" }, ` · ${a.events}`)))));
    list.hidden = !found.actors.length;
    box.setAttribute("aria-expanded", String(!list.hidden));
  });
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") close();
    if (ev.key === "ArrowDown" && !list.hidden) { ev.preventDefault(); list.querySelector("button").focus(); }
  });
  list.addEventListener("keydown", (ev) => {
    const items = [...list.querySelectorAll("button")], at = items.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && at < items.length - 1) { ev.preventDefault(); items[at + 1].focus(); }
    if (ev.key === "ArrowUp") { ev.preventDefault(); (at > 0 ? items[at - 1] : box).focus(); }
    if (ev.key === "Escape") { close(); box.focus(); }
  });
  return el("div", { class: "suggest" }, el("label", { for: "actor-box" }, "Actor"), box, list);
}

// a click elsewhere closes an open picker and the actor suggestions
document.addEventListener("click", (ev) => {
  for (const open of document.querySelectorAll("details.picker[open]")) if (!open.contains(ev.target)) open.open = false;
  const list = document.getElementById("actor-suggestions");
  if (list && !list.hidden && !list.parentNode.contains(ev.target)) list.hidden = true;
});
