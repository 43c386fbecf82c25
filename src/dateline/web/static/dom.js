// What every page uses: elements from text nodes only (el() never parses HTML), the API, the address.

export function el(tag, attrs, ...children) {
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

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// labels for the codes a person reads (served by the API from the package: one list, not two)
export const LABELS = { actor_kinds: {}, statuses: {}, speakers: {}, admin1: {}, countries: {} };
export function label(kind, code) { return (code && LABELS[kind][code]) || code || ""; }

export function link(route, text) { return el("a", { href: "#" + route }, text); }
export function actorLink(name, text) { return name ? link("/actor/" + encodeURIComponent(name), text || name) : text || "—"; }
export function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

// a query string from an object whose values may be lists (a filter of several values repeats its name)
export function query(params) {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== null && one !== undefined && one !== "") out.append(key, one);
    }
  }
  return out.toString();
}

// a refusal from the API, worded for a person: FastAPI's list of checks becomes "name: reason" lines
export class ApiError extends Error {
  constructor(status, detail) {
    super(readable(detail) || `the server answered ${status}`);
    this.status = status;
  }
}

function readable(detail) {
  if (typeof detail === "string") return detail;
  if (!Array.isArray(detail)) return "";
  return detail.map((d) => {
    const where = (d.loc || []).filter((part) => part !== "query" && part !== "path").join(" ");
    const given = d.input !== undefined && typeof d.input !== "object" ? ` (given “${d.input}”)` : "";
    return `${where ? where + ": " : ""}${d.msg || "not accepted"}${given}`;
  }).join("; ");
}

export async function api(path, params) {
  const q = query(params);
  const response = await fetch("/api/" + path + (q ? "?" + q : ""), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.detail);
  return body;
}

export function parseRoute() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, q] = hash.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(q || "") };
}

export function go(path, params) {
  const q = query(params);
  location.hash = "#" + path + (q ? "?" + q : "");
}

export function show(...nodes) {
  const view = document.getElementById("view");
  view.replaceChildren(...nodes);
  window.scrollTo(0, 0);
}
