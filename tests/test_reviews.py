"""Analysts' reviews of happenings: kept with who and when beside the machine's reading, through a re-ingest
of the same articles and a database upgrade; laid over every list and export, rejected events left out and
counted; the reviewed events as lines of the training corpus."""
from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime

import pytest

from dateline.classify import corpus
from dateline.errors import ReviewError
from dateline.export import ACLED_COLUMNS, export
from dateline.gdelt import COLUMNS as GDELT_COLUMNS
from dateline.ingest import ingest
from dateline.review import record, withdraw
from dateline.settings import Settings
from dateline.store import migrations, open_store
from dateline.store.filters import REVIEWS

from .conftest import FIXTURES, ingested
from .test_happening_rows import assert_rollups_agree

SOURCE = FIXTURES / "corroboration.jsonl"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One real store of the Tuz Khurmatu reports (a car bombing told by 12 articles, and events around it)."""
    return ingested(tmp_path_factory.mktemp("reviews") / "r.db", [SOURCE])


@pytest.fixture
def store(built, tmp_path):
    path = tmp_path / "r.db"
    shutil.copy(built, path)
    with open_store(path) as store:
        yield store


def bombing(store) -> dict:
    return max(store.events(), key=lambda e: e["n_mentions"])


def strike(store) -> dict:
    """The air strike on a Yemeni port: one report, an ACLED event with coordinates."""
    return next(e for e in store.events() if e["place_name"] == "Yemen")


def protest(store) -> dict:
    return next(e for e in store.events() if "teachers protested" in (e["evidence"] or ""))


# the car bomb's user, named by no group: an unidentified armed group of the place's country
BOMBERS = "Unidentified Armed Group (Iraq)"
CORRECTION = {"fatalities": 12, "actor_name": "Islamic State", "acled_sub_event_type": "Suicide bomb",
              "place_name": "Kirkuk", "date": "2024-03-10"}


def test_a_review_is_kept_with_who_and_when_beside_the_machine_reading(store):
    machine = bombing(store)
    given = record(store, machine["id"], status="corrected", reviewer="Amina Yusuf", corrections=CORRECTION,
                   note="toll from the health ministry")
    h = store.happening(machine["id"])
    # the happening's own columns stay the machine's
    assert (h["fatalities"], h["place_name"], h["acled_sub_event_type"], h["actor_name"]) == \
        (machine["fatalities"], "Ţūz Khūrmātū", "Remote explosive/landmine/IED", BOMBERS)
    review = h["review"]
    assert review == given and review["status"] == "corrected" and review["reviewer"] == "Amina Yusuf"
    assert datetime.fromisoformat(review["reviewed_at"]).utcoffset().total_seconds() == 0
    fixed = review["corrections"]
    assert (fixed["fatalities"], fixed["actor_name"], fixed["date"], fixed["date_precision"]) == \
        (12, "Islamic State", "2024-03-10", "day")
    assert fixed["acled_event_type"] == "Explosions/Remote violence"  # the sub-event type's own event type
    assert (fixed["place_name"], fixed["country_code"], fixed["location_precision"]) == ("Kirkuk", "IQ", "city")
    assert abs(fixed["lat"] - 35.47) < 0.1 and abs(fixed["lon"] - 44.39) < 0.1  # the town, not Tuz Khurmatu
    assert review["machine"]["fatalities"] == machine["fatalities"] == 9 and review["machine"]["actor_name"] == BOMBERS
    assert review["note"] == "toll from the health ministry" and review["changed"] == []
    assert review["event_id"].startswith(review["doc_id"] + ":") and review["evidence"] == machine["evidence"]
    assert [entry["action"] for entry in store.reviews.history(machine["id"])] == ["corrected"]
    # a list's row: the reviewed values, the machine's beside them
    row = next(e for e in store.events() if e["id"] == machine["id"])
    assert (row["fatalities"], row["actor_name"], row["place_name"], row["date"]) == \
        (12, "Islamic State", "Kirkuk", "2024-03-10")
    assert (row["review_status"], row["reviewed_by"], row["reviewed_at"]) == \
        ("corrected", "Amina Yusuf", review["reviewed_at"])
    was = json.loads(row["machine_reading"])
    assert (was["fatalities"], was["place_name"], was["actor_name"]) == (9, "Ţūz Khūrmātū", BOMBERS)
    # every mention of it carries its happening's review
    mentions = [m for m in store.events(unit="mention", limit=1000) if m["happening_id"] == machine["id"]]
    assert len(mentions) == 12 and {(m["review_status"], m["fatalities"]) for m in mentions} == {("corrected", 12)}
    # a second verdict replaces the first; both are in the log
    record(store, machine["id"], status="confirmed", reviewer="Jonas")
    assert store.happening(machine["id"])["review"]["corrections"] == {}
    assert [(e["action"], e["reviewer"]) for e in store.reviews.history(machine["id"])] == \
        [("corrected", "Amina Yusuf"), ("confirmed", "Jonas")]
    assert next(e for e in store.events() if e["id"] == machine["id"])["fatalities"] == 9


def test_a_rejected_event_leaves_lists_and_counts_until_the_rejection_is_withdrawn(store):
    before = store.totals()
    mentions_before = store.totals(unit="mention")
    rejected = strike(store)
    record(store, rejected["id"], status="rejected", reviewer="Amina", note="a drill, not a strike")
    assert rejected["id"] not in {e["id"] for e in store.events()}
    assert rejected["id"] not in {e["id"] for e in store.happenings()}
    assert store.totals() == {"events": before["events"] - 1, "fatalities": before["fatalities"]}
    assert store.totals(unit="mention")["events"] == mentions_before["events"] - 1
    assert_rollups_agree(store)  # the whole store's rollups left it out as the happenings query does
    assert [e["id"] for e in store.events(review=["rejected"])] == [rejected["id"]]
    assert rejected["id"] in {e["id"] for e in store.events(review=REVIEWS)}
    assert store.totals(review=REVIEWS) == before
    assert sum(p["events"] for p in store.event_places()) == \
        sum(p["events"] for p in store.event_places(review=REVIEWS)) - 1
    assert withdraw(store, rejected["id"], reviewer="Amina")
    assert store.totals() == before and rejected["id"] in {e["id"] for e in store.events()}
    assert_rollups_agree(store)
    assert [e["action"] for e in store.reviews.history(rejected["id"])] == ["rejected", "withdrawn"]
    assert not withdraw(store, rejected["id"])  # nothing left to withdraw


def test_the_review_filter_picks_events_by_their_review(store):
    record(store, bombing(store)["id"], status="confirmed", reviewer="A")
    record(store, protest(store)["id"], status="corrected", reviewer="A", corrections={"fatalities": 0})
    record(store, strike(store)["id"], status="rejected", reviewer="A")
    everything = store.events(review=REVIEWS)
    by_status = {status: {e["id"] for e in store.events(review=[status])} for status in REVIEWS}
    assert [len(by_status[s]) for s in REVIEWS[1:]] == [1, 1, 1]
    assert len(by_status["unreviewed"]) == len(everything) - 3
    assert {e["id"] for e in store.events(review=["confirmed", "corrected"])} == \
        by_status["confirmed"] | by_status["corrected"]
    assert {e["id"] for e in store.events()} == {e["id"] for e in everything} - by_status["rejected"]
    assert store.reviews.counts() == {"confirmed": 1, "corrected": 1, "rejected": 1}
    assert [r["status"] for r in store.reviews.recent(status="rejected")] == ["rejected"]


def test_reviews_survive_a_reingest_of_the_same_articles(built, tmp_path):
    lines = SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)
    first = tmp_path / "first.jsonl"  # every report but the Tigris Times' first one
    first.write_text("".join(line for line in lines if '"tt-1"' not in line), encoding="utf-8")
    path = tmp_path / "r.db"
    with open_store(path) as store:
        ingest(store, [str(first)], settings=Settings(workers=1))
        told = bombing(store)
        record(store, told["id"], status="corrected", reviewer="Amina", corrections={"fatalities": 12})
        record(store, strike(store)["id"], status="rejected", reviewer="Amina")
        kept = {r["happening_id"]: r for r in store.reviews.recent()}
        # the same articles again, and the one left out, which reports the bombing too
        counts = ingest(store, [str(SOURCE)], settings=Settings(workers=1))
        assert counts["skipped"] == len(lines) - 1 and counts["articles"] == 1
        assert {r["happening_id"]: r for r in store.reviews.recent()} == kept
        again = next(e for e in store.events() if e["id"] == told["id"])
        assert again["n_mentions"] == told["n_mentions"] + 1  # the new report joined the reviewed happening
        assert (again["fatalities"], again["review_status"]) == (12, "corrected")
        with open_store(built, readonly=True) as whole:  # the same happenings as the whole file read at once
            assert store.totals()["events"] == whole.totals()["events"] - 1
        assert all(e["place_name"] != "Yemen" for e in store.events())  # still rejected, still left out
        assert_rollups_agree(store)
        assert store.reviews.orphans() == []
        # and once more: nothing new, nothing lost
        ingest(store, [str(SOURCE)], settings=Settings(workers=1))
        assert {r["happening_id"]: r for r in store.reviews.recent()} == kept


def rebuild_happenings(sql: str):
    """A later release's migration that rebuilds the happenings under other ids (as 0006 rebuilt them)."""
    return [*migrations.MIGRATIONS, ("9999_rebuilt_for_a_test", sql)]


RENAME = """
    UPDATE happenings SET id = 'rebuilt-' || id;
    UPDATE events SET happening_id = 'rebuilt-' || happening_id;
    UPDATE happening_members SET happening_id = 'rebuilt-' || happening_id;
"""


def test_reviews_follow_their_mention_through_an_upgrade_that_rebuilds_the_happenings(store, monkeypatch):
    told, rejected = bombing(store), strike(store)
    record(store, told["id"], status="corrected", reviewer="Amina", corrections={"fatalities": 12})
    record(store, rejected["id"], status="rejected", reviewer="Amina")
    path = store.path
    store.close()
    # the event ids change too: the reviews find their mention by its article and sentence
    monkeypatch.setattr(migrations, "MIGRATIONS", rebuild_happenings(RENAME + "UPDATE events SET id = id || '.2';"))
    with open_store(path) as upgraded:
        assert upgraded.reviews.orphans() == []
        h = upgraded.happening("rebuilt-" + told["id"])
        assert h["review"]["status"] == "corrected" and h["review"]["corrections"] == {"fatalities": 12}
        assert [e["action"] for e in upgraded.reviews.history(h["id"])] == ["corrected"]
        row = next(e for e in upgraded.events(review=REVIEWS) if e["id"] == h["id"])
        assert (row["fatalities"], row["review_status"]) == (12, "corrected")
        assert "rebuilt-" + rejected["id"] not in {e["id"] for e in upgraded.events()}


def test_a_review_whose_mention_is_gone_is_kept_not_dropped(store, monkeypatch):
    rejected = strike(store)
    record(store, rejected["id"], status="rejected", reviewer="Amina")
    path = store.path
    store.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", rebuild_happenings(
        RENAME + f"DELETE FROM events WHERE happening_id = 'rebuilt-{rejected['id']}';"
                 f"DELETE FROM happenings WHERE id = 'rebuilt-{rejected['id']}';"))
    with open_store(path) as upgraded:
        (orphan,) = upgraded.reviews.orphans()
        assert (orphan["happening_id"], orphan["status"], orphan["doc_id"]) == (rejected["id"], "rejected",
                                                                                rejected["doc_id"])


def test_a_store_of_the_previous_schema_is_upgraded_and_its_reviews_kept_on_reopening(built, tmp_path):
    path = tmp_path / "previous.db"
    shutil.copy(built, path)
    with closing(sqlite3.connect(path)) as conn, conn:  # as the release before reviews left it
        conn.executescript("DROP TABLE reviews; DROP TABLE review_log;")
        conn.execute("DELETE FROM migrations WHERE name = '0007_reviews'")
    with closing(sqlite3.connect(path)) as conn:
        assert "0007_reviews" not in {r[0] for r in conn.execute("SELECT name FROM migrations")}
    with open_store(built, readonly=True) as original:
        rows, totals = original.events(limit=1000), original.totals()
    with open_store(path, readonly=True) as store:  # a reader brings it up to date first
        assert store.events(limit=1000) == rows and store.totals() == totals
    with open_store(path) as store:
        record(store, bombing(store)["id"], status="corrected", reviewer="Amina", corrections={"fatalities": 12})
        record(store, strike(store)["id"], status="rejected", reviewer="Amina")
    for readonly in (True, False, True):
        with open_store(path, readonly=readonly) as store:
            assert store.reviews.counts() == {"corrected": 1, "rejected": 1}
            assert bombing(store)["fatalities"] == 12 and store.totals()["events"] == totals["events"] - 1
    with closing(sqlite3.connect(path)) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM migrations")] == [n for n, _ in migrations.MIGRATIONS]


@pytest.mark.parametrize("given, code", [
    ({"status": "approved"}, "E712"),
    ({"status": "confirmed", "corrections": {"fatalities": 3}}, "E712"),
    ({"status": "corrected"}, "E712"),
    ({"status": "corrected", "corrections": {"type": "PROTEST"}}, "E712"),
    ({"status": "corrected", "corrections": {"acled_sub_event_type": "Skirmish"}}, "E712"),
    ({"status": "corrected", "corrections": {"acled_event_type": "Battles"}}, "E712"),  # which battle?
    ({"status": "corrected", "corrections": {"acled_event_type": "Riots", "acled_sub_event_type": "Grenade"}}, "E712"),
    ({"status": "corrected", "corrections": {"fatalities": -1}}, "E712"),
    ({"status": "corrected", "corrections": {"fatalities": "7"}}, "E712"),
    ({"status": "corrected", "corrections": {"date": "11/03/2024"}}, "E712"),
    ({"status": "corrected", "corrections": {"date": "2024-02-30"}}, "E712"),
    ({"status": "corrected", "corrections": {"actor_name": " "}}, "E712"),
    ({"status": "corrected", "corrections": {"place_name": "Qwxzzy Hollow"}}, "E713"),
    ({"status": "confirmed", "reviewer": ""}, "E712"),
    ({"status": "confirmed", "reviewer": "x" * 101}, "E712"),
])
def test_a_review_out_of_range_is_refused_with_its_code(store, given, code):
    with pytest.raises(ReviewError) as info:
        record(store, bombing(store)["id"], **{"reviewer": "Amina", **given})
    assert info.value.code == code
    assert store.reviews.recent() == []


def test_a_review_of_no_happening_is_refused(store):
    with pytest.raises(ReviewError) as info:
        record(store, "no-such:0", status="confirmed", reviewer="Amina")
    assert info.value.code == "E711"


def test_an_event_type_with_the_sub_event_type_it_has_is_accepted(store):
    told = bombing(store)
    review = record(store, told["id"], status="corrected", reviewer="Amina",
                    corrections={"acled_event_type": "Explosions/Remote violence", "recipient_name": None})
    assert review["corrections"] == {"acled_event_type": "Explosions/Remote violence", "recipient_name": None}
    assert next(e for e in store.events() if e["id"] == told["id"])["recipient_name"] is None


@pytest.fixture
def reviewed(store):
    """Three verdicts: the bombing corrected, the Basra protest confirmed, the Yemen strike rejected."""
    record(store, bombing(store)["id"], status="corrected", reviewer="Amina", corrections=CORRECTION)
    record(store, protest(store)["id"], status="confirmed", reviewer="Jonas")
    record(store, strike(store)["id"], status="rejected", reviewer="Amina")
    return store


def test_fixed_column_exports_carry_the_reviewed_values_and_leave_the_rejected_out(reviewed, tmp_path):
    store, told, gone = reviewed, bombing(reviewed), strike_id(reviewed)
    done = export(store, "acled-csv", tmp_path / "a.csv")
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert reader.fieldnames == list(ACLED_COLUMNS)  # ACLED's 31 columns, no review column
    assert done.left_out["rejected by a reviewer"] == 1 and done.rows == len(rows)
    assert all(r["notes"] != gone["evidence"] for r in rows)
    row = next(r for r in rows if r["notes"] == told["evidence"])
    assert (row["fatalities"], row["actor1"], row["location"], row["event_date"], row["sub_event_type"]) == \
        ("12", "Islamic State", "Kirkuk", "2024-03-10", "Suicide bomb")
    assert abs(float(row["latitude"]) - 35.47) < 0.1
    done = export(store, "gdelt", tmp_path / "g.tsv")
    with (tmp_path / "g.tsv").open(encoding="utf-8", newline="") as f:
        gdelt = [dict(zip(GDELT_COLUMNS, line, strict=True)) for line in csv.reader(f, delimiter="\t")]
    assert done.left_out["rejected by a reviewer"] == 1 and gone["id"] not in {r["GLOBALEVENTID"] for r in gdelt}
    row = next(r for r in gdelt if r["GLOBALEVENTID"] == told["id"])
    assert (row["Actor1Name"], row["ActionGeo_FullName"], row["SQLDATE"]) == ("Islamic State", "Kirkuk", "20240310")


def strike_id(store) -> dict:
    return store.events(review=["rejected"])[0]


def test_open_exports_add_the_review_columns(reviewed, tmp_path):
    import pyarrow.parquet as pq

    store, told = reviewed, bombing(reviewed)
    gone, confirmed = strike_id(store), protest(store)
    listed = {e["id"]: e for e in store.events(limit=1000)}
    export(store, "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    export(store, "jsonl", tmp_path / "e.jsonl")
    lines = {r["id"]: r for r in map(json.loads, (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines())}
    export(store, "parquet", tmp_path / "e.parquet")
    table = {r["id"]: r for r in pq.read_table(tmp_path / "e.parquet").to_pylist()}
    done = export(store, "geojson", tmp_path / "e.geojson")
    features = {f["id"]: f for f in json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["features"]}
    assert done.left_out["rejected by a reviewer"] == 1
    for written in (rows, lines, table, features):
        assert gone["id"] not in written and set(written) <= set(listed)
    assert lines == listed and table == listed  # the list's rows, as reviewed
    for row in (rows[told["id"]], lines[told["id"]], table[told["id"]], features[told["id"]]["properties"]):
        assert row["review_status"] == "corrected" and row["reviewed_by"] == "Amina"
        assert str(row["fatalities"]) == "12" and json.loads(row["machine_reading"])["fatalities"] == 9
    assert rows[confirmed["id"]]["review_status"] == "confirmed" and rows[confirmed["id"]]["machine_reading"] == ""
    assert features[told["id"]]["geometry"]["coordinates"][1] == pytest.approx(35.47, abs=0.1)
    # asked for, the rejected are written, marked
    done = export(store, "csv", tmp_path / "all.csv", review=REVIEWS)
    with (tmp_path / "all.csv").open(encoding="utf-8", newline="") as f:
        every = {r["id"]: r for r in csv.DictReader(f)}
    assert every[gone["id"]]["review_status"] == "rejected" and "rejected by a reviewer" not in done.left_out
    # one row per mention: the happening's review on each, the rejected one's mentions counted out
    done = export(store, "jsonl", tmp_path / "m.jsonl", unit="mention")
    mentions = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {m["fatalities"] for m in mentions if m["happening_id"] == told["id"]} == {12}
    assert done.left_out["rejected by a reviewer"] == 1 and gone["id"] not in {m["happening_id"] for m in mentions}


def test_the_training_export_writes_lines_of_the_corpus(reviewed, tmp_path):
    store, told = reviewed, bombing(reviewed)
    done = export(store, "training", tmp_path / "t.jsonl")
    assert done.rows == 3 and not done.left_out  # only the reviewed are read
    examples = {e.text: e for e in corpus.read([tmp_path / "t.jsonl"])}  # the corpus's own checks pass
    corrected = examples[told["evidence"]]
    assert (corrected.acled, corrected.plover, corrected.status, corrected.is_event) == \
        ("Suicide bomb", "ASSAULT", "happened", True)
    assert corrected.context == told["title"] and corrected.country == "IQ" and corrected.topic == "reviewed"
    confirmed = examples[protest(store)["evidence"]]
    assert (confirmed.acled, confirmed.plover) == ("Peaceful protest", "PROTEST")
    rejected = examples[strike_id(store)["evidence"]]
    assert (rejected.acled, rejected.plover, rejected.status, rejected.is_event) == (None, None, None, False)
    # one line per mention: each report's own sentence of the reviewed event
    done = export(store, "training", tmp_path / "m.jsonl", unit="mention")
    texts = [json.loads(line)["text"] for line in (tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()]
    assert done.rows == len(texts) == 12 + 1 + 1 and len(set(texts)) > 3


def cli(*args):
    return subprocess.run([sys.executable, "-m", "dateline.cli", *args], capture_output=True, text=True, timeout=300)


def test_the_cli_shows_reviews_and_exports_training_examples(reviewed, tmp_path):
    db = str(reviewed.path)
    table = cli("events", "--db", db)
    assert table.returncode == 0, table.stderr
    head, _, *rows = table.stdout.splitlines()
    assert head.split()[-1] == "review"
    assert any("corrected" in r and "Islamic State" in r for r in rows) and any("confirmed" in r for r in rows)
    assert not any("Yemen" in r for r in rows)
    rejected = cli("events", "--db", db, "--review", "rejected", "--format", "json")
    assert [json.loads(line)["place_name"] for line in rejected.stdout.splitlines()] == ["Yemen"]
    assert cli("events", "--db", db, "--review", "approved").returncode == 2
    out = tmp_path / "reviewed.jsonl"
    done = cli("export", "--db", db, "--format", "training", "-o", str(out))
    assert done.returncode == 0 and "wrote 3 rows" in done.stderr
    assert len(corpus.read([out])) == 3
    acled = cli("export", "--db", db, "--format", "acled-csv", "-o", str(tmp_path / "a.csv"))
    assert "1 rejected by a reviewer" in acled.stderr


def test_a_later_report_of_a_rejected_event_keeps_it_out_of_the_counts(tmp_path):
    # the second report gives a finer date and a lower toll, which move a happening in the rollups: a
    # rejected one must stay out of them
    reports = [("c1", "Delta Ledger", "Fighters of Boko Haram clashed with soldiers outside Monguno in April, "
                                      "killing at least 14 people, a local official said."),
               ("c2", "Lakeside Post", "Boko Haram fighters battled troops outside Monguno on Tuesday and at least 8 "
                                       "people were killed, villagers said.")]
    files = []
    for doc_id, outlet, text in reports:
        files.append(tmp_path / f"{doc_id}.jsonl")
        files[-1].write_text(json.dumps({"id": doc_id, "outlet": outlet, "published": "2024-04-20", "text": text})
                             + "\n", encoding="utf-8")
    with open_store(tmp_path / "c.db") as store:
        ingest(store, [str(files[0])], settings=Settings(workers=1))
        (clash,) = store.events(type="ASSAULT")
        before = store.totals()
        record(store, clash["id"], status="rejected", reviewer="Amina")
        ingest(store, [str(files[1])], settings=Settings(workers=1))
        (again,) = store.events(type="ASSAULT", review=REVIEWS)
        assert again["id"] == clash["id"] and again["n_mentions"] == 2  # one happening, still rejected
        assert (again["date"], again["fatalities"]) != (clash["date"], clash["fatalities"])
        assert store.totals() == {"events": before["events"] - 1,
                                  "fatalities": before["fatalities"] - clash["fatalities"]}
        assert_rollups_agree(store)
        withdraw(store, clash["id"])
        assert_rollups_agree(store)
