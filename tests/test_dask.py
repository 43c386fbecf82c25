"""The same pipeline on a real Dask LocalCluster gives exactly the local output."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from dateline.readers import read_inputs
from dateline.runners import run
from dateline.settings import Settings

from .conftest import SAMPLES


@pytest.mark.slow
def test_dask_local_cluster_output_equals_local_run():
    settings = Settings(workers=2, batch_size=4)
    items = list(read_inputs([str(SAMPLES / "corpus" / "feeds"), str(SAMPLES / "corpus" / "pages")],
                             published=dt.date(2024, 5, 20)))
    local = [json.dumps(r.to_dict() if hasattr(r, "to_dict") else r.doc_id, sort_keys=True)
             for r in run(items, settings=Settings(workers=1, batch_size=4))]
    on_dask = [json.dumps(r.to_dict() if hasattr(r, "to_dict") else r.doc_id, sort_keys=True)
               for r in run(items, settings=settings, dask="local")]
    assert len(local) == len(items) == len(on_dask)
    assert on_dask == local


@pytest.mark.slow
def test_dask_workers_write_the_same_parquet_dataset_as_a_local_run(tmp_path):
    from dateline.dataset import read_dataset

    items = list(read_inputs([str(SAMPLES / "corpus")], published=dt.date(2024, 5, 20)))
    local = list(run(items, settings=Settings(workers=1, batch_size=4), parts=tmp_path / "local"))
    on_dask = list(run(items, settings=Settings(workers=2, batch_size=4), dask="local", parts=tmp_path / "dask"))
    assert [r.doc_id for r in on_dask] == [r.doc_id for r in local] == [i.doc_id for i in items]
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == \
        sorted(p.name for p in (tmp_path / "local").iterdir())
    written, expected = read_dataset(tmp_path / "dask"), read_dataset(tmp_path / "local")
    assert written.num_rows > 40 and written.equals(expected)
    # the rows are the events of a plain extraction, field by field
    plain = {e.id: (r.doc_id, e.type, e.location.geonameid if e.location else None, e.fatalities)
             for r in run(items, settings=Settings(workers=1, batch_size=4)) if hasattr(r, "events") for e in r.events}
    rows = written.to_pylist()
    assert {row["id"]: (row["doc_id"], row["type"], row["geonameid"], row["fatalities"]) for row in rows} == plain
