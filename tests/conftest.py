"""Shared fixtures: one real pipeline per test session (the real spaCy model and gazetteer), real files."""
from __future__ import annotations

from pathlib import Path

import pytest

from dateline.pipeline import Pipeline
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.build(settings=Settings(workers=1))


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.stages[0].nlp


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"
