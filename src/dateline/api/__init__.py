"""The HTTP API: `dateline serve --db FILE` (FastAPI). Read-only over the store; OpenAPI at /openapi.json."""
from .app import create_app

__all__ = ["create_app"]
