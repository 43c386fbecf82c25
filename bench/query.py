"""Event-list latency on a store of 1,000,000 generated events: every filter alone, p50 and p95.

Run with `make bench` (or `python bench/query.py --events 1000000`). The store is built once into a temporary
folder through the real schema (migrations, indexes, FTS), from seeded random rows: 100,000 articles of ten
events each, each event a happening of its own (the rows every list shows), over 3,000 places, 2,000 actors,
three years of dates. Each filter is then asked 40 times with varying values, through `Store.events` (what the
HTTP API calls), the first page of 100, newest first, and its total through `Store.totals`.

Actors, places and words follow Zipf's law, as in news (a few very common, most rare), and the values asked
are drawn uniformly, so most queries ask for a rare actor, place or word: the hard case for an index.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dateline.consolidate.happenings import COPIED  # noqa: E402
from dateline.store import Store  # noqa: E402
from dateline.store.db import EVENT_COLUMNS  # noqa: E402

TYPES = ["ASSAULT", "PROTEST", "COERCE", "THREATEN", "ACCUSE", "CONSULT", "AGREE", "AID", "SANCTION", "MOBILIZE",
         "REQUEST", "REJECT", "SUPPORT", "COOPERATE", "RETREAT", "CONCEDE"]
ACLED = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
         ("Riots", "Violent demonstration"), ("Strategic developments", "Arrests"), (None, None)]
KINDS = ["state_forces", "rebels", "political_militia", "identity_militia", "protesters", "civilians", "government"]
STATUSES = ["asserted", "claimed", "denied", "planned", "hypothetical", "historical"]
WORDS = [f"w{i}" for i in range(5000)]
N_ACTORS, N_PLACES = 2000, 3000


def zipf(n: int, s: float = 1.0) -> list[float]:
    """Cumulative Zipf weights for `rng.choices(..., cum_weights=...)`."""
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1 / rank ** s
        out.append(total)
    return out


def build(path: Path, n_events: int, rng: random.Random) -> None:
    countries = [f"{a}{b}" for a in "ABCDEFGHIJKLMNOP" for b in "QRSTUVWXYZ"][:120]
    places = [(f"Town {i}", 100000 + i, rng.uniform(-40, 60), rng.uniform(-20, 100), rng.choice(countries),
               f"ADM{i % 40}") for i in range(N_PLACES)]
    actors = [(f"Group {i}", rng.choice(KINDS)) for i in range(N_ACTORS)]
    place_w, actor_w, word_w = zipf(N_PLACES, 0.8), zipf(N_ACTORS), zipf(len(WORDS))
    per_article = 10
    with Store(path) as store:
        conn = store.conn
        conn.execute("PRAGMA synchronous=OFF")
        for start in range(0, n_events // per_article, 5000):
            articles, events = [], []
            for a in range(start, min(start + 5000, n_events // per_article)):
                day = f"{rng.randint(2022, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                text = " ".join(rng.choices(WORDS, cum_weights=word_w, k=120))
                articles.append((a + 1, f"doc-{a}", f"h{a}", f"Report {a}", "[]", None, day, f"Outlet {a % 50}",
                                 None, "en", text, None, f"s{a // 3}", None, "{}"))
                for k in range(per_article):
                    place, = rng.choices(places, cum_weights=place_w)
                    actor, target = rng.choices(actors, cum_weights=actor_w, k=2)
                    acled_type, acled_sub = rng.choice(ACLED)
                    row = {"id": f"doc-{a}:{k}", "article_id": a + 1, "type": rng.choice(TYPES), "mode": None,
                           "acled_event_type": acled_type, "acled_sub_event_type": acled_sub,
                           "actor_text": actor[0], "actor_name": actor[0], "actor_type": actor[1],
                           "actor_country": place[4], "recipient_text": target[0], "recipient_name": target[0],
                           "recipient_type": target[1], "recipient_country": place[4], "place_name": place[0],
                           "geonameid": place[1], "lat": place[2], "lon": place[3], "country_code": place[4],
                           "admin1": place[5], "location_precision": "city", "date": day, "date_precision": "day",
                           "fatalities": rng.choice([None, 0, 1, 2, 5, 12]), "status": rng.choice(STATUSES),
                           "speaker": None, "speaker_type": None, "via": None, "anonymous": 0,
                           "evidence": "evidence", "evidence_start": 0, "evidence_end": 8,
                           "confidence": rng.random()}
                    events.append(tuple(row[c] for c in EVENT_COLUMNS) + (row["id"],))
            with conn:
                conn.executemany("INSERT INTO articles (id, doc_id, content_hash, title, sections, source_id,"
                                 " published, outlet, url, language, text, origin, story_id, duplicate_of,"
                                 " extraction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
                conn.executemany(f"INSERT INTO happenings ({','.join(COPIED)}, n_mentions, n_articles, n_outlets,"
                                 f" n_independent, sources) VALUES ({','.join('?' * len(COPIED))}, 1, 1, ?, ?, ?)",
                                 [(*e[:len(COPIED)], n, n, f"Outlet {n}") for e in events
                                  for n in [rng.randint(1, 4)]])
                conn.executemany(f"INSERT INTO events ({','.join(EVENT_COLUMNS)}, happening_id) VALUES "
                                 f"({','.join('?' * (len(EVENT_COLUMNS) + 1))})", events)
        with conn:  # what the store keeps up as it writes happenings one mention at a time
            conn.execute("INSERT INTO actor_names SELECT name, type, count(*) FROM ("
                         " SELECT actor_name AS name, actor_type AS type FROM happenings UNION ALL"
                         " SELECT recipient_name, recipient_type FROM happenings) GROUP BY name, type")
            conn.execute("INSERT INTO place_names SELECT place_name, lower(place_name), count(*) FROM happenings"
                         " GROUP BY place_name")
            conn.execute("INSERT INTO happening_days SELECT date, type, count(*), coalesce(sum(fatalities), 0)"
                         " FROM happenings GROUP BY date, type")
            conn.execute("INSERT INTO happening_places SELECT lat, lon, type, min(geonameid), min(place_name),"
                         " min(country_code), min(location_precision), count(*), coalesce(sum(fatalities), 0),"
                         " max(date) FROM happenings GROUP BY lat, lon, type")
        conn.execute("ANALYZE")


def filters(rng: random.Random) -> dict[str, callable]:
    return {
        "none": lambda: {},
        "type": lambda: {"type": rng.choice(TYPES)},
        "acled_type": lambda: {"acled_type": rng.choice([a for pair in ACLED for a in pair if a])},
        "actor": lambda: {"actor": f"Group {rng.randint(0, N_ACTORS - 1)}"},
        "actor_name": lambda: {"actor_name": f"Group {rng.randint(0, N_ACTORS - 1)}"},
        "actor_type": lambda: {"actor_type": rng.choice(KINDS)},
        "place": lambda: {"place": f"Town {rng.randint(0, N_PLACES - 1)}"},
        "country": lambda: {"country": f"{rng.choice('ABCDEFGH')}{rng.choice('QRSTUVWXYZ')}"},
        "admin1": lambda: {"admin1": f"ADM{rng.randint(0, 39)}"},
        "since+until": lambda: (lambda m: {"since": f"2023-{m:02d}-01",
                                           "until": f"2023-{m + 1:02d}-28"})(rng.randint(1, 11)),
        "status": lambda: {"status": rng.choice(STATUSES)},
        "text": lambda: {"text": rng.choice(WORDS)},
        "min_independent": lambda: {"min_independent": rng.randint(2, 4)},
        "near": lambda: {"near": (rng.uniform(-30, 50), rng.uniform(-10, 90), 100.0)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        build(path, args.events, rng)
        print(f"built {args.events:,} events in {time.perf_counter() - started:.0f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
        print("| filter | list p50 ms | list p95 ms | total p50 ms | total p95 ms | rows |")
        print("| --- | --- | --- | --- | --- | --- |")
        with Store(path, readonly=True) as store:
            for name, make in filters(rng).items():
                times, counting, rows = [], [], 0
                for _ in range(args.repeat):
                    chosen = make()
                    t = time.perf_counter()
                    rows = len(store.events(limit=100, **chosen))
                    times.append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    store.totals(**chosen)
                    counting.append((time.perf_counter() - t) * 1000)
                print(f"| {name} | {_p(times, 0.5):.1f} | {_p(times, 0.95):.1f} | {_p(counting, 0.5):.1f} |"
                      f" {_p(counting, 0.95):.1f} | {rows} |", flush=True)
            print("\nWhat else the UI draws (no filter unless named), median of 5, ms:")
            for name, call in (("timeline by day", lambda: store.timeline()),
                               ("timeline by week", lambda: store.timeline(interval="week")),
                               ("map points", lambda: store.event_places()), ("actors list", lambda: store.actors()),
                               ("timeline by week, one type", lambda: store.timeline(interval="week", type="ASSAULT")),
                               ("map points, one country", lambda: store.event_places(country="AQ")),
                               ("list by actor A-Z", lambda: store.events(sort="actor_asc")),
                               ("list by place A-Z, one type", lambda: store.events(sort="place_asc", type="ASSAULT")),
                               ("list by outlets", lambda: store.events(sort="independent_desc")),
                               ("summary", lambda: store.summary()),
                               ("summary, one month", lambda: store.summary(since="2023-05-01", until="2023-05-31")),
                               ("summary, one country", lambda: store.summary(country="AQ")),
                               ("pickers' values", lambda: store.choices())):
                times = []
                for _ in range(5):
                    t = time.perf_counter()
                    call()
                    times.append((time.perf_counter() - t) * 1000)
                print(f"- {name}: {statistics.median(times):.0f}")


def _p(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return statistics.median(ordered) if share == 0.5 else ordered[min(len(ordered) - 1, int(share * len(ordered)))]


if __name__ == "__main__":
    main()
