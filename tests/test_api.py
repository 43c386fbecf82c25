"""The public Python API is small and pinned."""
from __future__ import annotations

import dateline

EXPECTED = {
    "ActorMention", "Article", "Attribution", "DatelineError", "Entity", "Event", "EventDate", "Evidence",
    "ExportError", "Extraction", "InputError", "Location", "ModelError", "Party", "Pipeline", "PipelineError", "Place",
    "Quote", "ReadFailure", "Settings", "StageError", "StoreError", "__version__", "extract", "open",
}


def test_api_exported_members():
    assert set(dateline.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(dateline, name)


def test_api_extract_and_open(tmp_path):
    result = dateline.extract("Gunmen abducted 20 villagers near Zamfara on Monday.", published="2024-05-22")
    event = result.events[0]
    assert event.acled_sub_event_type == "Abduction/forced disappearance"
    assert event.date.value == "2024-05-20"
    with dateline.open(tmp_path / "x.db") as store:
        assert store.counts()["articles"] == 0


def test_api_settings_are_documented():
    from pathlib import Path

    from dateline.settings import describe

    docs = (Path(__file__).resolve().parent.parent / "docs" / "settings.md").read_text()
    for name, _, help_ in describe():
        assert f"`{name}`" in docs and help_
