"""A larger gazetteer from a GeoNames dump: villages and districts that cities500 lacks."""
from __future__ import annotations

import subprocess
import sys
import zipfile

from dateline.article import Article
from dateline.pipeline import Pipeline
from dateline.settings import Settings

# Rows in the GeoNames dump layout (19 tab-separated columns); the places are made up for the test.
ROWS = [
    ("9000001", "Kafr Zita Saghira", "Kafr Zita Saghira", "Kfar Zeita Sghira", "35.3301", "36.6102", "P", "PPL", "SY",
     "", "12", "", "", "", "180", "", "300", "Asia/Damascus", "2024-01-01"),
    ("9000002", "Wadi Hamra District", "Wadi Hamra District", "", "35.2000", "36.5000", "A", "ADM2", "SY",
     "", "12", "1201", "", "", "0", "", "250", "Asia/Damascus", "2024-01-01"),
    ("9000003", "Lone Hill", "Lone Hill", "", "10.0", "10.0", "T", "HLL", "NG", "", "", "", "", "", "0", "", "",
     "Africa/Lagos", "2024-01-01"),
    # the dump's own points for a country and a US state replace the built-in centres
    ("163843", "Syria", "Syria", "", "35.0", "38.0", "A", "PCLI", "SY", "", "00", "", "", "", "22933531", "", "",
     "Asia/Damascus", "2024-01-01"),
    ("6254928", "Virginia", "Virginia", "", "37.54812", "-77.44675", "A", "ADM1", "US", "", "VA", "", "", "",
     "8470020", "", "", "America/New_York", "2024-01-01"),
]


def test_gazetteer_dump_builds_and_resolves_villages(tmp_path):
    dump = tmp_path / "SY.zip"
    with zipfile.ZipFile(dump, "w") as archive:
        archive.writestr("SY.txt", "\n".join("\t".join(row) for row in ROWS) + "\n")
    out = tmp_path / "big.gazetteer"
    done = subprocess.run([sys.executable, "-m", "dateline.cli", "gazetteer", str(dump), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    pipeline = Pipeline.build(("nlp", "entities", "actors", "places"), settings=Settings(gazetteer=str(out)))
    result = pipeline(Article(doc_id="v", text="Shelling hit the village of Kafr Zita Saghira in Syria on Monday."))
    village = next(p for p in result.places if p.geonameid == 9000001)
    assert village.precision == "city" and village.admin1 == "SY.12"
    gazetteer = pipeline.stages[2].gazetteer
    assert gazetteer.candidates("Wadi Hamra District")[0].precision == "admin2"
    assert gazetteer.candidates("Lone Hill") == []  # a hill is neither a populated place nor an area
    assert gazetteer.country_code("Syria") == "SY"  # countries still come with it
    syria = next(e for e in gazetteer.candidates("Syria") if e.feature_code == "PCLI")
    assert (syria.lat, syria.lon) == (35.0, 38.0) and gazetteer.countries["SY"].lat == 35.0
    virginia = next(e for e in gazetteer.candidates("Virginia") if e.feature_code == "ADM1")
    assert (virginia.lat, virginia.lon) == (37.54812, -77.44675)


def test_gazetteer_dump_missing_file_is_a_clear_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "dateline.cli", "gazetteer", str(tmp_path / "none.zip"),
                           "--out", str(tmp_path / "x")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "none.zip: no such file" in done.stderr
