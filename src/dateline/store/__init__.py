"""SQLite storage: one writer (the ingest), any number of readers; WAL so readers never wait."""
from .db import Store, open_store

__all__ = ["Store", "open_store"]
