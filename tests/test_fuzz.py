"""Readers and parsers never crash: whatever the bytes, an article or a failure naming the input."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from dateline.article import Article, ReadFailure
from dateline.readers import read_bytes
from dateline.readers.published import normalise_date
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
    if value is None:
        assert precision == "unknown"
    else:  # a real calendar day, written as the output writes it, at a precision that says what it is
        assert dt.date.fromisoformat(value).isoformat() == value
        assert precision in ("day", "week", "month", "year")
    found = normalise_date(expression)
    assert found is None or normalise_date(found.isoformat()) == found


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y",
                        "%d.%m.%Y", "%a, %d %b %Y", "%A, %B %d, %Y"]))
def test_fuzz_a_date_in_a_common_spelling_reads_back_as_that_date(day, spelling):
    assert normalise_date(day.strftime(spelling)) == day


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=80), st.text(max_size=300), st.text(max_size=40)), max_size=5))
def test_fuzz_feed_items_give_articles_or_failures(items):
    from xml.sax.saxutils import escape

    body = "".join(f"<item><title>{escape(t)}</title><description>{escape(d)}</description>"
                   f"<pubDate>{escape(p)}</pubDate></item>" for t, d, p in items)
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{body}</channel></rss>"
    read = list(read_bytes(feed.encode("utf-8", "surrogatepass"), origin="fuzz.rss", suffix=".rss"))
    if any(isinstance(item, ReadFailure) and item.origin == "fuzz.rss" for item in read):
        # a feed refused whole (control characters: binary to the decoder, forbidden to XML) is one failure
        [failure] = read
        assert failure.code in ("E102", "E109")
        return
    assert len(read) == len(items)
    for (title, _, _), item in zip(items, read, strict=True):  # else one result per item, in order
        if isinstance(item, Article):
            assert item.title == (" ".join(title.split()) or None) and item.text.strip()
        else:
            assert isinstance(item, ReadFailure) and item.code == "E105" and item.origin.startswith("fuzz.rss#")
