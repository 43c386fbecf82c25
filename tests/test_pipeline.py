"""Building the pipeline checks stage order; a stage failing on one article marks that article only."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import Article
from dateline.errors import PipelineError
from dateline.pipeline import DEFAULT_STAGES, Pipeline, check_order


def test_pipeline_default_order_is_valid():
    check_order(DEFAULT_STAGES)


@pytest.mark.parametrize("names,code", [
    (("nlp", "events"), "E202"),
    (("nlp", "nlp"), "E203"),
    (("nlp", "sentiment"), "E201"),
    (("entities", "nlp"), "E202"),
])
def test_pipeline_rejects_bad_orders(names, code):
    with pytest.raises(PipelineError) as info:
        check_order(names)
    assert info.value.code == code


def test_a_document_read_before_its_parse_says_so():
    from dateline.stages.base import Document

    with pytest.raises(PipelineError) as info:
        _ = Document(article=Article(doc_id="d1", text="Gunmen attacked a village.")).parsed
    assert info.value.code == "E202" and "d1" in str(info.value)


def test_every_stage_run_before_the_parse_says_so(pipeline):
    from dateline.stages.base import REGISTRY, Document

    needing = [(name, stage) for name, stage in zip(pipeline.names, pipeline.stages, strict=True)
               if "doc" in REGISTRY[name].requires]
    assert "dates" in dict(needing)  # it read the parse without the check once
    for name, stage in needing:
        with pytest.raises(PipelineError) as info:
            stage(Document(article=Article(doc_id="d1", text="Gunmen attacked a village on Monday, killing 5.")))
        assert info.value.code == "E202", name


def test_pipeline_isolates_a_failing_article(pipeline, monkeypatch):
    events = pipeline.stages[pipeline.names.index("events")]
    original = events.__call__.__func__

    def flaky(self, document):
        if "EXPLODE" in document.article.text:
            raise RuntimeError("boom")
        return original(self, document)

    monkeypatch.setattr(type(events), "__call__", flaky)
    good = Article(doc_id="good", text="Police arrested ten protesters in Lagos on Monday.",
                   published=dt.date(2024, 5, 20))
    bad = Article(doc_id="bad", text="EXPLODE", published=dt.date(2024, 5, 20))
    results = list(pipeline.pipe([good, bad]))
    assert results[0].error is None and results[0].events
    assert "E301" in results[1].error and "bad" in results[1].error


def test_pipeline_partial_stages_without_events():
    partial = Pipeline.build(("nlp", "entities"))
    result = partial(Article(doc_id="x", text="Angela Merkel visited Paris."))
    assert {e.label for e in result.entities} >= {"PERSON", "GPE"}
    assert result.events == []
