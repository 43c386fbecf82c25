"""Each stage declares what it reads and what it adds (`@stage(requires=..., assigns=...)`). Run alone on a
document holding only what it declares (the parse fresh from the nlp stage, whatever later stages did to
theirs), each stage gives what it gives in the whole pipeline, reads no field it leaves undeclared, and reads
every field it declares: a declaration that drifts from the code fails here."""
from __future__ import annotations

import ast
import copy
import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from dateline.article import Article
from dateline.stages import REGISTRY, Document, load_all

load_all()
FIELDS = {f.name for f in dataclasses.fields(Document)}
STAGES_DIR = Path(__file__).resolve().parent.parent / "src" / "dateline" / "stages"

# written for this test: a dateline, a country the article is about, claims and a quote, one happening told
# twice, a protest met with force, weapons seized, and an attack with no place but the country
ARTICLES = [
    Article(doc_id="goma", published=dt.date(2024, 5, 20), text=(
        "GOMA, Congo (Reuters) - Rebels attacked an army post north of Goma on Sunday, killing six soldiers, a "
        "local official said. The attack on the post left six soldiers dead, the army said.\n\n"
        "\"We will not give up the town,\" said army spokesman Jean Kasongo.")),
    Article(doc_id="nairobi", published=dt.date(2024, 5, 20), text=(
        "Police fired tear gas at hundreds of protesters who marched through central Nairobi on Tuesday to "
        "demand lower fuel prices. Kenyan police arrested 14 demonstrators, witnesses said.")),
    Article(doc_id="borno", published=dt.date(2024, 5, 20), title="Troops seize weapons cache in Borno", text=(
        "Nigerian troops seized a weapons cache near Maiduguri on Friday, the army said. Militants had hidden "
        "rifles and grenades in a farmhouse, according to residents of the village.")),
    Article(doc_id="nowhere", published=dt.date(2024, 5, 20), text=(
        "Kenyan gunmen killed four farmers in an attack on Monday, police said.")),
]


class Watched:
    """A document whose field reads (before the stage writes that field) and writes are noted."""

    def __init__(self, document: Document):
        object.__setattr__(self, "document", document)
        object.__setattr__(self, "reads", set())
        object.__setattr__(self, "writes", set())

    def __getattr__(self, name):
        name_read = "doc" if name == "parsed" else name  # `parsed` is the parse, checked to be there
        if name_read in FIELDS and name_read not in self.writes:
            self.reads.add(name_read)
        return getattr(self.document, name)

    def __setattr__(self, name, value):
        self.writes.add(name)
        setattr(self.document, name, value)


def fields_of(document: Document) -> dict:
    return {name: copy.deepcopy(getattr(document, name)) for name in FIELDS - {"doc", "article"}}


def parse(stages: dict, article: Article):
    return stages["nlp"](Document(article=copy.deepcopy(article))).doc


@pytest.fixture(scope="module")
def runs(pipeline):
    """For every stage and article: what it read and wrote when run alone, what it gave alone, and what it
    gave in the whole pipeline."""
    stages = dict(zip(pipeline.names, pipeline.stages, strict=True))
    found = {name: [] for name in pipeline.names}
    for article in ARTICLES:
        document = Document(article=copy.deepcopy(article))
        for name, stage in stages.items():
            before = fields_of(document)
            stage(document)
            info = REGISTRY[name]
            alone = Document(article=copy.deepcopy(article))
            for need in set(info.requires) & FIELDS - {"article", "doc"}:
                setattr(alone, need, copy.deepcopy(before[need]))
            if "doc" in info.requires:
                alone.doc = parse(stages, article)
            watched = Watched(alone)
            stage(watched)
            found[name].append((watched.reads, watched.writes, fields_of(alone), fields_of(document)))
    return found


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_a_stage_reads_only_what_it_declares(runs, name):
    info = REGISTRY[name]
    read = set().union(*(reads for reads, *_ in runs[name]))
    allowed = {"article", *info.requires, *info.assigns}  # what it adds it may fill in place
    assert read <= allowed, f"{name} reads {sorted(read - allowed)} undeclared"
    declared = set(info.requires) & FIELDS - {"article"}
    assert declared <= read, f"{name} declares {sorted(declared - read)} but never reads them"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_a_stage_writes_what_it_declares_and_nothing_else(runs, name):
    info = REGISTRY[name]
    written = set().union(*(writes for _, writes, *_ in runs[name]))
    assert written <= set(info.assigns) | set(info.requires), f"{name} writes {sorted(written)}"
    touched = written | set().union(*(reads for reads, *_ in runs[name]))  # filled in place, or set
    assert set(info.assigns) & FIELDS <= touched, f"{name} never sets {sorted(set(info.assigns) - touched)}"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_a_stage_alone_on_its_declared_inputs_gives_what_it_gives_in_the_pipeline(runs, name):
    info = REGISTRY[name]
    outputs = (set(info.assigns) | set(info.requires)) & FIELDS - {"article", "doc"}
    for _, _, alone, in_pipeline in runs[name]:
        for field in outputs:
            assert alone[field] == in_pipeline[field], f"{name}: {field} differs when run on its declared inputs"


def test_every_label_a_stage_needs_is_added_by_a_stage_and_names_are_fields_or_labels():
    added = {"article"}.union(*(info.assigns for info in REGISTRY.values()))
    for info in REGISTRY.values():
        assert set(info.requires) <= added, (info.name, set(info.requires) - added)
    # names that are no field of Document are the steps that refine fields in place ("judged", "sides"):
    # each is needed by a later stage, or is the name of the stage itself
    labels = {need for info in REGISTRY.values() for need in (*info.requires, *info.assigns)} - FIELDS
    assert labels == {"judged", "sides"}


def test_no_stage_passes_anything_through_spacy_extensions():
    # doc._, token._ and span._ values would travel between stages outside any declaration
    for path in sorted(STAGES_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and
                (node.attr == "_" or node.attr in ("set_extension", "user_data"))]
        assert not used, f"{path.name} uses spaCy extensions or user_data at lines {used}"
