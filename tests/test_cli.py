"""The command line: the contract commands, exit codes, error lines, ingest and events."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from dateline.progress import ProgressBar

from .conftest import SAMPLES


def run(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "dateline.cli", *args], capture_output=True, text=True,
                          input=stdin, timeout=600)


def test_cli_extract_stdin_jsonl_keeps_order_and_ids():
    docs = [{"id": "b", "text": "Police arrested five opposition activists in Harare on Friday."},
            {"id": "a", "text": "The weather was mild."}]
    out = run("extract", "--workers", "1", "--published", "2024-05-20",
              stdin="\n".join(json.dumps(d) for d in docs))
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["doc_id"] for line in lines] == ["b", "a"]
    assert lines[0]["article"]["text"] == docs[0]["text"]
    assert lines[0]["events"][0]["acled_sub_event_type"] == "Arrests"


def test_cli_extract_bad_files_give_error_lines_and_status_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "good.txt").write_text("Troops clashed with rebels near Goma on Monday.\n")
    out = run("extract", "--workers", "1", str(tmp_path))
    assert out.returncode == 1
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    errors = {line["doc_id"].rsplit("/", 1)[-1]: line["error"] for line in lines if line["error"]}
    assert set(errors) == {"empty.txt", "blob.bin"}
    assert "empty file" in errors["empty.txt"] and "binary" in errors["blob.bin"]
    assert sum(1 for line in lines if not line["error"]) == 1
    assert "empty.txt" in out.stderr


def test_cli_extract_two_workers_equal_one(tmp_path):
    docs = [{"id": f"d{i}", "text": f"Gunmen killed {i + 2} villagers near Kaduna on Sunday, police said."}
            for i in range(70)]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs))
    one = run("extract", "--workers", "1", "--published", "2024-05-20", str(path))
    two = run("extract", "--workers", "2", "--batch-size", "16", "--published", "2024-05-20", str(path))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout


def test_cli_stories_lines():
    text = "Heavy fighting broke out between the army and rebels in the north on Monday, officials said."
    docs = [{"id": "x1", "text": text}, {"id": "x2", "text": text + " Read more."},
            {"id": "x3", "text": "The central bank left interest rates unchanged on Thursday."}]
    out = run("stories", stdin="\n".join(json.dumps(d) for d in docs))
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["doc_id"] for line in lines] == ["x1", "x2", "x3"]
    assert lines[1]["duplicate_of"] == "x1" and lines[1]["story_id"] == lines[0]["story_id"]
    assert lines[2]["story_id"] != lines[0]["story_id"] and lines[2]["duplicate_of"] is None


@pytest.mark.slow
def test_cli_ingest_twice_changes_nothing_and_events_filter(tmp_path):
    db = tmp_path / "d.db"
    first = run("ingest", str(SAMPLES / "corpus"), "--db", str(db), "--workers", "1", "--published", "2024-05-20")
    assert first.returncode == 0, first.stderr

    def dump():  # everything but the record of the runs themselves
        with sqlite3.connect(db) as conn:
            return [line for line in conn.iterdump() if not line.startswith('INSERT INTO "runs"')]

    before = dump()
    second = run("ingest", str(SAMPLES / "corpus"), "--db", str(db), "--workers", "1", "--published", "2024-05-20")
    assert second.returncode == 0 and "0 new articles" in second.stderr and "35 already stored" in second.stderr
    assert dump() == before
    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT state, total, done, articles, skipped FROM runs ORDER BY id").fetchall()
    assert runs == [("finished", 35, 35, 35, 0), ("finished", 35, 35, 0, 35)]
    out = run("events", "--db", str(db), "--acled-type", "Arrests", "--format", "json")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all(r["acled_sub_event_type"] == "Arrests" for r in rows)
    out = run("events", "--db", str(db), "--text", "Kirkuk", "--format", "json")
    assert {json.loads(line)["place_name"] for line in out.stdout.splitlines()} == {"Kirkuk"}
    table = run("events", "--db", str(db))
    assert "Kirkuk" in table.stdout and table.returncode == 0

    def ids(*filters):
        out = run("events", "--db", str(db), "--format", "json", "--limit", "1000", *filters)
        return {json.loads(line)["id"] for line in out.stdout.splitlines()}

    iraq, haiti = ids("--country", "IQ"), ids("--country", "HT")  # a filter of several values: any of them
    assert iraq and haiti and ids("--country", "IQ", "--country", "HT") == iraq | haiti


def test_cli_ingest_reports_only_this_runs_failures(tmp_path):
    db = tmp_path / "d.db"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    first = run("ingest", str(bad), "--db", str(db))
    assert first.returncode == 1 and "[E101]" in first.stderr and "empty.txt" in first.stderr
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text("Police arrested five protesters in Harare on Friday, a police spokesman said.")
    second = run("ingest", str(good), "--db", str(db), "--published", "2024-05-20")
    assert second.returncode == 0 and "E101" not in second.stderr and "1 new articles" in second.stderr


def test_progress_bar_line():
    bar = ProgressBar(sys.stderr)
    line = bar.line({"done": 50, "total": 200, "articles": 48, "events": 61, "failures": 2, "skipped": 0}, 10.0)
    assert "[#######.....................]  25% 50/200" in line
    assert "5.0/s" in line and "ETA 0:30" in line and "61 events, 2 failed" in line
    unknown = bar.line({"done": 7, "total": None, "articles": 7, "events": 3, "failures": 0, "skipped": 0}, 2.0)
    assert unknown.startswith("  7 articles") and "ETA" not in unknown


def test_cli_extract_to_a_parquet_dataset(tmp_path):
    from dateline.dataset import read_dataset

    done = run("extract", str(SAMPLES / "corpus" / "pages"), "--workers", "1", "--batch-size", "5",
               "--published", "2024-05-20", "--parquet", str(tmp_path / "events"))
    assert done.returncode == 0 and done.stdout == "" and "18 documents" in done.stderr
    assert len(list((tmp_path / "events").glob("part-*.parquet"))) == 4  # 18 documents in batches of 5
    table = read_dataset(tmp_path / "events")
    assert table.num_rows > 20 and set(table.column("doc_id").to_pylist()) <= {
        json.loads(line)["doc_id"] for line in run("extract", str(SAMPLES / "corpus" / "pages"), "--workers", "1",
                                                   "--published", "2024-05-20").stdout.splitlines()}


def test_progress_to_a_log_is_plain_lines_now_and_then():
    import io

    now = [0.0]
    log = io.StringIO()
    bar = ProgressBar(log, clock=lambda: now[0], interactive=False, every=10)
    for done in range(1, 31):  # 30 updates over 29 seconds
        now[0] = done - 1.0
        bar.update({"done": done, "total": 30, "articles": done, "events": done, "failures": 0, "skipped": 0})
    bar.close()
    lines = log.getvalue().splitlines()
    assert "\r" not in log.getvalue() and len(lines) == 4  # at 0, 10 and 20 seconds, and the end
    assert lines[-1].startswith("[####") and "30/30" in lines[-1]


def test_cli_ingest_says_what_it_loads_and_writes_no_carriage_return_to_a_log(tmp_path):
    out = run("ingest", str(SAMPLES / "corpus"), "--db", str(tmp_path / "p.db"), "--workers", "1",
              "--published", "2024-05-20")
    assert out.returncode == 0, out.stderr
    assert out.stderr.splitlines()[0].startswith("dateline: loading the language model")
    assert "\r" not in out.stderr and "35/35" in out.stderr
