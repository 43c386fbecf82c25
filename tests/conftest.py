"""Shared fixtures: one real pipeline per test session (the real spaCy model and gazetteer), real files."""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from dateline.pipeline import RULE_STAGES, Pipeline
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"


def ingested(path: Path, inputs: list[Path], *, published: dt.date | None = None) -> Path:
    """A real store at `path` holding `inputs` read by the real pipeline (one worker), for a module's tests."""
    from dateline.ingest import ingest
    from dateline.store import open_store

    with open_store(path) as store:
        ingest(store, [str(p) for p in inputs], settings=Settings(workers=1), published=published)
    return path


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.build(settings=Settings(workers=1))


@pytest.fixture(scope="session")
def rules() -> Pipeline:
    """The pipeline without its judge: what the rules alone make of a text (tests of the rules use it)."""
    return Pipeline.build(RULE_STAGES, settings=Settings(workers=1))


@pytest.fixture(scope="session")
def nlp(rules):
    return rules.stages[0].nlp


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


NO_SPACE_BEFORE = {".", ",", ";", ":", "'s", "n't", "?", "!"}


def hand_parsed(rows: list[tuple], *, ents: list[str] | None = None):
    """A spaCy Doc whose parse is given, as spaCy's own tests build them: a test of a rule about the parse
    then tests the rule, not the statistical parser. Each row is (word, lemma, pos, tag, dep, head), the head
    an absolute token index; `ents` are IOB tags ("B-GPE", "O")."""
    from spacy.tokens import Doc

    words, lemmas, pos, tags, deps, heads = (list(column) for column in zip(*rows, strict=True))
    spaces = [following not in NO_SPACE_BEFORE for following in words[1:]] + [False]
    return Doc(_english_vocab(), words=words, spaces=spaces, lemmas=lemmas, pos=pos, tags=tags, deps=deps,
               heads=heads, ents=ents)


@functools.cache
def _english_vocab():
    """English's word attributes (lower case, like a number), with no trained model behind them."""
    import spacy

    return spacy.blank("en").vocab
