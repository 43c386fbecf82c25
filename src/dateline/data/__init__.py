"""The JSON files shipped with dateline (word lists, dictionaries, regions), and how to read one."""
from __future__ import annotations

import json
from importlib import resources as package_files
from typing import Any


def load_data(name: str) -> Any:
    """A JSON file shipped in dateline/data."""
    with package_files.files("dateline.data").joinpath(name).open(encoding="utf-8") as f:
        return json.load(f)
