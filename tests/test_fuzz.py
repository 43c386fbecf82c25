"""Readers and parsers never crash: whatever the bytes, an article or a failure naming the input."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from dateline.article import Article, ReadFailure
from dateline.ingest import read_bytes
from dateline.ingest.dates import normalise_date
from dateline.stages.dates import resolve

SUFFIXES = st.sampled_from(["", ".txt", ".html", ".jsonl", ".csv", ".tsv", ".warc", ".rss", ".atom", ".xml"])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), SUFFIXES)
def test_fuzz_read_bytes_gives_articles_or_failures(data, suffix):
    for item in read_bytes(data, origin="fuzz", suffix=suffix):
        assert isinstance(item, (Article, ReadFailure))
        if isinstance(item, ReadFailure):
            assert item.origin.startswith("fuzz") and item.reason


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=1000), SUFFIXES)
def test_fuzz_read_text_gives_articles_or_failures(text, suffix):
    items = list(read_bytes(text.encode("utf-8", "surrogatepass"), origin="fuzz", suffix=suffix))
    assert all(isinstance(item, (Article, ReadFailure)) for item in items)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_fuzz_dates_resolve_or_say_unknown(expression, published):
    value, precision = resolve(expression, published)
    assert precision in ("day", "week", "month", "year", "unknown")
    assert value is None or dt.date.fromisoformat(value)
    normalise_date(expression)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=80), st.text(max_size=300), st.text(max_size=40)), max_size=5))
def test_fuzz_feed_items_give_articles_or_failures(items):
    from xml.sax.saxutils import escape

    body = "".join(f"<item><title>{escape(t)}</title><description>{escape(d)}</description>"
                   f"<pubDate>{escape(p)}</pubDate></item>" for t, d, p in items)
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{body}</channel></rss>"
    read = list(read_bytes(feed.encode("utf-8", "surrogatepass"), origin="fuzz.rss", suffix=".rss"))
    assert all(isinstance(item, (Article, ReadFailure)) for item in read)
    assert len(read) in (1, len(items)) or not items  # one failure for the whole feed, or one result per item
