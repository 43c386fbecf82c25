"""The `dateline` command: a thin layer over the library. Each command checks its arguments and calls
one library function; progress and warnings go to stderr, results to stdout.

Exit status: 0 when every input was read and processed, 1 when some failed (each has an error line),
2 for a usage error.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .article import ReadFailure, failure_dict
from .errors import DatelineError
from .export import FORMATS
from .labels import STATUS_LABELS
from .progress import ProgressBar
from .settings import ACLED_TYPINGS, Settings, describe
from .store.filters import add_arguments as add_filter_arguments, from_arguments

EVENT_TABLE = (("date", 10), ("type", 9), ("acled_sub_event_type", 26), ("actor_name", 28),
               ("recipient_name", 22), ("place_name", 14), ("fatalities", 4), ("status", 9), ("speaker", 14),
               ("via", 14), ("sources", 7), ("review_status", 9))


def _settings(args: argparse.Namespace) -> Settings:
    return Settings().replace(workers=getattr(args, "workers", None), batch_size=getattr(args, "batch_size", None),
                              gazetteer=getattr(args, "gazetteer", None),
                              event_threshold=getattr(args, "event_threshold", None),
                              acled_typing=getattr(args, "acled_typing", None),
                              event_model=getattr(args, "event_model", None),
                              min_plover=getattr(args, "min_plover", None),
                              uncoded_threshold=getattr(args, "uncoded_threshold", None),
                              story_threshold=getattr(args, "story_threshold", None),
                              public_url=getattr(args, "public_url", None),
                              webhook_timeout=getattr(args, "webhook_timeout", None))


def _add_story_threshold(parser: argparse.ArgumentParser) -> None:
    default, help_ = next((d, h) for name, d, h in describe() if name == "story_threshold")
    parser.add_argument("--story-threshold", type=float, metavar="S", help=f"{help_} (default {default})")


def _add_alert_options(parser: argparse.ArgumentParser) -> None:
    """What an ingest needs to tell the alerts' webhooks of new events."""
    defaults = {name: (default, help_) for name, default, help_ in describe()}
    parser.add_argument("--public-url", metavar="URL",
                        help=f"{defaults['public_url'][1]} (default {defaults['public_url'][0]})")
    parser.add_argument("--webhook-timeout", type=float, metavar="SECONDS",
                        help=f"{defaults['webhook_timeout'][1]} (default {defaults['webhook_timeout'][0]:g})")


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    defaults = {name: (default, help_) for name, default, help_ in describe()}
    parser.add_argument("--published", metavar="YYYY-MM-DD",
                        help="publication date for inputs that carry none (relative dates resolve against it)")
    parser.add_argument("--workers", type=int, metavar="N", help=defaults["workers"][1])
    parser.add_argument("--batch-size", type=int, metavar="N",
                        help=f"{defaults['batch_size'][1]} (default {defaults['batch_size'][0]})")
    parser.add_argument("--gazetteer", metavar="FILE", help=defaults["gazetteer"][1])
    parser.add_argument("--event-threshold", type=float, metavar="P", help=defaults["event_threshold"][1])
    parser.add_argument("--event-model", metavar="DIR", help=defaults["event_model"][1])
    parser.add_argument("--min-plover", type=float, metavar="P", help=defaults["min_plover"][1])
    parser.add_argument("--uncoded-threshold", type=float, metavar="P", help=defaults["uncoded_threshold"][1])
    parser.add_argument("--acled-typing", choices=ACLED_TYPINGS,
                        help=f"{defaults['acled_typing'][1]} (default {defaults['acled_typing'][0]})")
    _add_story_threshold(parser)
    parser.add_argument("--dask", metavar="ADDRESS",
                        help="run on a Dask cluster: a scheduler address, or 'local' for a LocalCluster of --workers")


def _check_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    from .readers.published import normalise_date

    date = normalise_date(value)
    if date is None:
        raise SystemExit(f"dateline: --published {value!r} is not a date (use YYYY-MM-DD)")
    return date


def cmd_extract(args: argparse.Namespace) -> int:
    from .readers import read_inputs
    from .runners import run

    failed = documents = 0
    parts = Path(args.parquet) if args.parquet else None
    for result in run(read_inputs(args.inputs or ["-"], published=_check_date(args.published)),
                      settings=_settings(args), dask=args.dask, parts=parts):
        documents += 1
        if isinstance(result, ReadFailure):
            line = failure_dict(result)
            print(f"dateline: {result.message}", file=sys.stderr)
        else:
            line = result.to_dict()
            if result.error:
                print(f"dateline: {result.error}", file=sys.stderr)
        failed += bool(line.get("error"))
        if parts is None:
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if parts is not None:
        print(f"dateline: {documents} documents ({failed} failed); their events are in {parts}/part-*.parquet",
              file=sys.stderr)
    return 1 if failed else 0


def cmd_stories(args: argparse.Namespace) -> int:
    from .consolidate.stories import StoryIndex
    from .readers import read_inputs
    from .store import open_store

    failed = 0
    with open_store(":memory:") as scratch:  # the store's own index, in memory
        index = StoryIndex(scratch.conn, threshold=_settings(args).story_threshold)
        for item in read_inputs(args.inputs or ["-"], published=_check_date(args.published)):
            if isinstance(item, ReadFailure):
                line = {**failure_dict(item), "story_id": None, "duplicate_of": None}
                failed += 1
            else:
                story, duplicate = index.add(item.doc_id, item.text, title=item.title)
                line = {"doc_id": item.doc_id, "error": None, "story_id": story, "duplicate_of": duplicate}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest
    from .store import open_store

    bar = ProgressBar(sys.stderr)
    bar.announce("loading the language model, the gazetteer and the event model (a few seconds), then reading")
    with open_store(args.db) as store:
        totals = ingest(store, args.inputs, settings=_settings(args), published=_check_date(args.published),
                        progress=bar.update, dask=args.dask)
    bar.close()
    print(f"ingested {totals['articles']} new articles with {totals['events']} events into {args.db}"
          f" ({totals['failures']} failed, {totals['skipped']} already stored)", file=sys.stderr)
    return 1 if totals["failures"] else 0


def cmd_watch(args: argparse.Namespace) -> int:
    import time

    from .store import open_store
    from .watch import poll_feeds, poll_folder, read_feed_list

    if not args.feeds and not args.folder:
        print("dateline watch: give --feeds FILE, --folder DIR, or both", file=sys.stderr)
        return 2
    feeds = read_feed_list(args.feeds) if args.feeds else []
    settings, published = _settings(args), _check_date(args.published)
    while True:
        bar = ProgressBar(sys.stderr)
        polls = []
        with open_store(args.db) as store:
            if feeds:
                polls.append(poll_feeds(store, feeds, settings=settings, pages=not args.no_pages,
                                        timeout=args.timeout, progress=bar.update))
            if args.folder:
                polls.append(poll_folder(store, args.folder, settings=settings, published=published,
                                         progress=bar.update))
        bar.close()
        totals = {key: sum(poll[key] for poll in polls) for key in ("articles", "events", "failures")}
        print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} polled: {totals['articles']} new articles, "
              f"{totals['events']} events, {totals['failures']} failed", file=sys.stderr, flush=True)
        if args.once:
            return 1 if totals["failures"] else 0
        time.sleep(args.interval)


def cmd_events(args: argparse.Namespace) -> int:
    from .store import open_store

    with open_store(args.db, readonly=True) as store:
        match = from_arguments(args)
        unit = "mention" if args.mentions else "happening"
        rows = store.events(limit=args.limit, unit=unit, match=match)
        totals = store.totals(unit=unit, match=match)
    if args.format == "json":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(_table(rows))
        print(f"{len(rows)} of {totals['events']} {'mentions' if args.mentions else 'events'},"
              f" {totals['fatalities']} fatalities", file=sys.stderr)
    return 0


def _table(rows: list[dict]) -> str:
    def cell(value: object, width: int) -> str:
        text = "" if value is None else str(value)
        return (text[:width - 1] + "…") if len(text) > width else text.ljust(width)

    heads = {"acled_sub_event_type": "acled", "review_status": "review"}
    lines = ["  ".join(cell(heads.get(name, name.replace("_name", "")), w) for name, w in EVENT_TABLE)]
    lines.append("  ".join("-" * w for _, w in EVENT_TABLE))
    for row in rows:
        # independent outlets / articles reporting the happening: "4/12"
        row = {**row, "sources": f"{row.get('n_independent') or 0}/{row.get('n_articles') or 0}",
               "status": STATUS_LABELS.get(row.get("status") or "", row.get("status"))}
        lines.append("  ".join(cell(row.get(name), w) for name, w in EVENT_TABLE))
    return "\n".join(lines)


def cmd_happenings(args: argparse.Namespace) -> int:
    from .store import open_store

    with open_store(args.db, readonly=True) as store:
        rows = store.happenings(min_independent=args.min_independent, limit=args.limit)
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export
    from .store import open_store

    with open_store(args.db, readonly=True) as store:
        done = export(store, args.format, args.out, unit="mention" if args.mentions else "happening",
                      match=from_arguments(args))
    print(f"wrote {done.summary()} to {args.out} ({args.format}, one row per "
          f"{'mention' if args.mentions else 'event, its mentions merged'})", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import os
    import secrets

    import uvicorn

    from .api import create_app

    given = args.token or os.environ.get("DATELINE_TOKEN")
    token = given or secrets.token_urlsafe(24)  # a fresh one each start unless one is given
    print(f"dateline: serving {args.db} on http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr)
    print("dateline: reviews need the token " + ("given by --token or DATELINE_TOKEN" if given else token)
          + " (the web UI asks for it once; the API takes it as Authorization: Bearer TOKEN)",
          file=sys.stderr, flush=True)
    uvicorn.run(create_app(args.db, token=token), host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .gazetteer import build, dump_places, save

    source = Path(args.source)
    if not source.is_file():
        print(f"dateline: {source}: no such file (download a GeoNames dump such as allCountries.zip first)",
              file=sys.stderr)
        return 2
    out = Path(args.out)
    built = build(dump_places(source, min_population=args.min_population))
    save(built, out)
    print(f"built {out} with {len(built[0])} places; use it with --gazetteer {out} or DATELINE_GAZETTEER={out}",
          file=sys.stderr)
    return 0


def cmd_alerts_add(args: argparse.Namespace) -> int:
    from .alerts import add_alert
    from .store import open_store

    with open_store(args.db) as store:
        alert = add_alert(store, args.name, from_arguments(args), webhook=args.webhook)
    told = f"and POSTs them to {args.webhook} after each ingest" if args.webhook else "(no webhook)"
    print(f"saved alert {alert['name']}: events stored from now on that match {_filter_text(alert['filter'])} are "
          f"in its feed, /api/alerts/{alert['name']}/feed.atom under `dateline serve`, {told}", file=sys.stderr)
    return 0


def cmd_alerts_list(args: argparse.Namespace) -> int:
    from .store import open_store

    with open_store(args.db, readonly=True) as store:
        alerts = store.alerts.list()
    if args.format == "json":
        for alert in alerts:
            print(json.dumps(alert, ensure_ascii=False))
        return 0
    for alert in alerts:
        state = f"last error {alert['error']}" if alert["error"] else f"last sent {alert['sent'] or 'never'}"
        webhook = f"webhook {alert['webhook']}, {alert['unsent']} unsent, {state}" if alert["webhook"] else "no webhook"
        print(f"{alert['name']}\t{_filter_text(alert['filter'])}\t{alert['events']} events found\t{webhook}")
    if not alerts:
        print(f"no alerts in {args.db} (add one with `dateline alerts add NAME --db {args.db} ...`)", file=sys.stderr)
    return 0


def cmd_alerts_remove(args: argparse.Namespace) -> int:
    from .alerts import remove_alert
    from .store import open_store

    with open_store(args.db) as store:
        remove_alert(store, args.name)
    print(f"removed alert {args.name} and what it found", file=sys.stderr)
    return 0


def _filter_text(given: dict[str, object]) -> str:
    return " ".join(f"--{name.replace('_', '-')} {item}" for name, value in given.items()
                    for item in (value if isinstance(value, list) else [value])) or "anything"


def cmd_settings(args: argparse.Namespace) -> int:
    for name, default, help_ in describe():
        print(f"{name:16} {str(default):26} {help_}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dateline", description="News articles in, event data out.")
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="one JSON line of events, places and quotes per input document")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders, or - for standard input")
    p.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (default jsonl)")
    p.add_argument("--parquet", metavar="DIR", help="write the events as a Parquet dataset in DIR (one part per "
                   "batch, written by the worker that extracted it) instead of JSON lines")
    _add_run_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("stories", help="one JSON line per document with its story_id and duplicate_of")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders, or - for standard input")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs that carry none")
    _add_story_threshold(p)
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("ingest", help="extract and store articles in a SQLite database")
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--db", required=True, metavar="FILE", help="database file (created if missing)")
    _add_run_options(p)
    _add_alert_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("watch", help="poll RSS/Atom feeds and/or a folder, ingesting what is new, until stopped")
    p.add_argument("--db", required=True, metavar="FILE", help="database file (created if missing)")
    p.add_argument("--feeds", metavar="FILE", help="a file of feed addresses, one per line (# comments)")
    p.add_argument("--folder", metavar="DIR", help="a folder to watch for new or changed files")
    p.add_argument("--interval", type=float, default=900, metavar="SECONDS",
                   help="time between polls (default 900: fifteen minutes)")
    p.add_argument("--once", action="store_true", help="poll once and stop")
    p.add_argument("--no-pages", action="store_true",
                   help="use the text a feed item carries; do not fetch the page it links to")
    p.add_argument("--timeout", type=float, default=20, metavar="SECONDS", help="per request (default 20)")
    _add_run_options(p)
    _add_alert_options(p)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("events", help="list stored events")
    p.add_argument("--db", required=True, metavar="FILE", help="database file")
    add_filter_arguments(p)
    p.add_argument("--limit", type=int, default=100, help="most events to show (default 100)")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table", help="output format")
    p.add_argument("--mentions", action="store_true",
                   help="one row per mention of an event in an article (default: one row per event)")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("happenings", help="events merged across articles, best corroborated first")
    p.add_argument("--db", required=True, metavar="FILE", help="database file")
    p.add_argument("--min-independent", type=int, default=0, metavar="N",
                   help="only happenings reported by at least N independent outlets")
    p.add_argument("--limit", type=int, default=50, help="most happenings to show (default 50)")
    p.set_defaults(func=cmd_happenings)

    p = sub.add_parser("export", help="write stored events as ACLED CSV, GDELT TSV, CSV, JSONL, GeoJSON or Parquet, "
                                      "or the reviewed ones as training examples")
    p.add_argument("--db", required=True, metavar="FILE", help="database file")
    p.add_argument("--format", required=True, choices=list(FORMATS),
                   help="acled-csv (ACLED's columns; what ACLED would code), csv (every event, every column), "
                        "gdelt (GDELT 2.0's 61 columns, tab-separated), jsonl, geojson, parquet; training "
                        "(the reviewed events as lines of the training corpus, a rejected one as no event)")
    p.add_argument("-o", "--out", required=True, metavar="PATH", help="file to write")
    p.add_argument("--mentions", action="store_true",
                   help="one row per mention of an event in an article (default: one row per event)")
    add_filter_arguments(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="serve the HTTP API and web UI over a database (reading open; reviews "
                                     "need a token)")
    p.add_argument("--db", required=True, metavar="FILE", help="database file")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token", metavar="TOKEN", help="the token reviews must carry (default: $DATELINE_TOKEN, "
                   "else a fresh random one, printed at start)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("gazetteer", help="build a larger gazetteer from a GeoNames dump you downloaded")
    p.add_argument("source", metavar="DUMP", help="allCountries.zip, a country's XX.zip, or its .txt")
    p.add_argument("--out", required=True, metavar="FILE", help="the gazetteer file to write")
    p.add_argument("--min-population", type=int, default=0, metavar="N",
                   help="leave out populated places smaller than this (default 0: every village)")
    p.set_defaults(func=cmd_gazetteer)

    p = sub.add_parser("alerts", help="saved filters: new events matching one are in its Atom feed and, with a "
                                      "webhook, POSTed to it after each ingest")
    alerts = p.add_subparsers(dest="alerts_command", required=True)
    a = alerts.add_parser("add", help="save a filter as an alert (only events stored from now on are new to it)")
    a.add_argument("name", metavar="NAME", help="letters, digits, '-', '_' and '.'; part of the feed's address")
    a.add_argument("--db", required=True, metavar="FILE", help="database file (created if missing)")
    add_filter_arguments(a)
    a.add_argument("--webhook", metavar="URL", help="an http or https address to POST the new events to, as "
                   "JSON, after each ingest (see docs/api.md)")
    a.set_defaults(func=cmd_alerts_add)
    a = alerts.add_parser("list", help="the alerts, what they found and how their webhooks fare")
    a.add_argument("--db", required=True, metavar="FILE", help="database file")
    a.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    a.set_defaults(func=cmd_alerts_list)
    a = alerts.add_parser("remove", help="forget an alert and what it found")
    a.add_argument("name", metavar="NAME")
    a.add_argument("--db", required=True, metavar="FILE", help="database file")
    a.set_defaults(func=cmd_alerts_remove)

    p = sub.add_parser("settings", help="list every setting with its default and help")
    p.set_defaults(func=cmd_settings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log = logging.getLogger("dateline")
    if not log.handlers:  # what the library reports as it goes (an alert's webhook failing): stderr
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("dateline: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    if getattr(args, "workers", None) is not None and args.workers < 1:
        print("dateline: --workers must be at least 1", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except DatelineError as exc:
        print(f"dateline: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
