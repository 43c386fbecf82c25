"""The same pipeline on a real Dask LocalCluster gives exactly the local output."""
from __future__ import annotations

import json

import pytest

from dateline.ingest import read_inputs
from dateline.runners import run
from dateline.settings import Settings

from .conftest import SAMPLES


@pytest.mark.slow
def test_dask_local_cluster_output_equals_local_run():
    settings = Settings(workers=2, batch_size=4)
    items = list(read_inputs([str(SAMPLES / "corpus" / "feeds"), str(SAMPLES / "corpus" / "pages")],
                             published="2024-05-20"))
    local = [json.dumps(r.to_dict() if hasattr(r, "to_dict") else r.doc_id, sort_keys=True)
             for r in run(items, settings=Settings(workers=1, batch_size=4))]
    on_dask = [json.dumps(r.to_dict() if hasattr(r, "to_dict") else r.doc_id, sort_keys=True)
               for r in run(items, settings=settings, dask="local")]
    assert len(local) == len(items) == len(on_dask)
    assert on_dask == local
