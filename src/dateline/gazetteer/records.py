"""The records of the gazetteer: a place (`Entry`) and a country, as the index stores them."""
from __future__ import annotations

from dataclasses import dataclass

# GeoNames' codes of the features in data/regions.json: region, sea, gulf, strait, ocean, lake, river, peninsula
REGION_CODES = frozenset({"RGN", "SEA", "GULF", "STRT", "OCN", "LK", "STRM", "PEN"})


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

