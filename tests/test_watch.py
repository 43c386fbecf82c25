"""Feeds and watched folders: RSS/Atom items read as articles, feeds polled over real HTTP (a server on
this machine), pages fetched for the full text, and only what is new ingested on each poll."""
from __future__ import annotations

import datetime as dt
import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dateline.article import Article, ReadFailure
from dateline.readers import read_bytes, read_inputs
from dateline.settings import Settings
from dateline.store import open_store
from dateline.watch import poll_feeds, poll_folder, read_feed_list

from .test_cli import run

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Lake Chad Courier</title><link>{base}/</link>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>{base}/{page}</link><guid isPermaLink="false">{guid}</guid>
<pubDate>{date}</pubDate><description>{summary}</description></item>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Highlands Post</title>
<entry><title>Farmers block highway over fuel prices</title><id>tag:highlands.example,2024:77</id>
<link rel="alternate" href="https://highlands.example/77"/><updated>2024-05-19T07:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hundreds of farmers blocked the main highway
outside Ambo on Saturday to protest against fuel prices, witnesses said.</p><p>Police later cleared the road.</p>
</div></content></entry></feed>"""
PAGE = """<!doctype html><html><head><title>{title}</title><meta property="og:site_name" content="Lake Chad Courier">
</head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{paragraphs}</article>
<footer>Copyright Lake Chad Courier</footer></body></html>"""


def test_rss_items_are_articles_and_scripts_never_text():
    items = "".join(ITEM.format(base="https://lcc.example", page=f"a{i}", guid=f"lcc-{i}", title=f"Item {i}",
                                date="Mon, 20 May 2024 10:00:00 +0000",
                                summary="&lt;p&gt;Gunmen killed three fishermen near Baga on Sunday.&lt;/p&gt;"
                                        "&lt;script&gt;steal()&lt;/script&gt;&lt;p&gt;Police said.&lt;/p&gt;")
                    for i in range(2))
    found = list(read_bytes(RSS.format(base="https://lcc.example", items=items).encode(), origin="lcc.rss",
                            suffix=".rss"))
    assert [a.doc_id for a in found] == ["lcc-0", "lcc-1"]
    first = found[0]
    assert first.text == "Gunmen killed three fishermen near Baga on Sunday.\n\nPolice said."
    assert (first.title, first.published, first.outlet, first.url) == \
        ("Item 0", dt.date(2024, 5, 20), "Lake Chad Courier", "https://lcc.example/a0")


def test_atom_entries_and_bad_feeds(tmp_path):
    (tmp_path / "hp.atom").write_text(ATOM)
    (tmp_path / "broken.xml").write_text("<?xml version='1.0'?><rss><channel><item><title>cut off")
    found = {getattr(a, "origin", None): a for a in read_inputs([str(tmp_path)])}
    entry = found[str(tmp_path / "hp.atom") + "#1"]
    assert isinstance(entry, Article) and entry.doc_id == "tag:highlands.example,2024:77"
    assert entry.text.startswith("Hundreds of farmers blocked") and entry.text.endswith("cleared the road.")
    assert entry.published == dt.date(2024, 5, 19) and entry.url == "https://highlands.example/77"
    broken = found[str(tmp_path / "broken.xml")]
    assert isinstance(broken, ReadFailure) and broken.code == "E109"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site(tmp_path):
    """A real HTTP server on this machine serving a folder (with Last-Modified, so polls can get 304)."""
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _write_feed(root, base, stories, *, mtime):
    items = "".join(ITEM.format(base=base, page=page, guid=guid, title=title, date="Tue, 21 May 2024 08:00:00 GMT",
                                summary=summary) for guid, page, title, summary in stories)
    path = root / "feed.xml"
    path.write_text(RSS.format(base=base, items=items))
    os.utime(path, (mtime, mtime))  # Last-Modified has whole seconds: each version gets its own


def test_poll_feeds_fetches_pages_and_ingests_only_new_items(site, tmp_path):
    root, base = site
    (root / "baga.html").write_text(PAGE.format(title="Gunmen kill fishermen near Baga", paragraphs=(
        "<p>Gunmen killed seven fishermen near Baga on the shore of Lake Chad on Monday, a local official said.</p>"
        "<p>The attackers arrived in two boats and fled towards the islands, residents said.</p>")))
    stories = [("lcc-1", "baga.html", "Gunmen kill fishermen near Baga", "Fishermen attacked near Baga."),
               ("lcc-2", "missing.html", "Soldiers arrest smugglers in Diffa",
                "Soldiers arrested nine fuel smugglers in Diffa on Monday, the army said.")]
    _write_feed(root, base, stories, mtime=1_700_000_000)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# our feeds\n{base}/feed.xml\n\n{base}/no-such-feed.xml\n")
    assert read_feed_list(feeds) == [f"{base}/feed.xml", f"{base}/no-such-feed.xml"]
    settings = Settings(workers=1)
    with open_store(tmp_path / "w.db") as store:
        first = poll_feeds(store, read_feed_list(feeds), settings=settings)
        assert first["articles"] == 2 and first["failures"] == 1
        baga = store.article("lcc-1")
        assert "seven fishermen" in baga["text"] and "Home | World" not in baga["text"]  # the page, not the summary
        assert baga["title"] == "Gunmen kill fishermen near Baga" and baga["published"] == "2024-05-21"
        assert "nine fuel smugglers" in store.article("lcc-2")["text"]  # its page is missing: the feed's text
        assert store.events(place="Baga") and store.events(place="Diffa")
        failure = store.conn.execute("SELECT origin, code, reason FROM failures").fetchone()
        assert tuple(failure) == (f"{base}/no-such-feed.xml", "E110", "HTTP 404 File not found")

        again = poll_feeds(store, [f"{base}/feed.xml"], settings=settings)
        assert again["articles"] == 0
        assert store.conn.execute("SELECT status FROM feeds WHERE url = ?", (f"{base}/feed.xml",)).fetchone()[0] == 304

        _write_feed(root, base, stories + [("lcc-3", "none.html", "Flooding closes Maroua market",
                                            "Floods closed the central market in Maroua on Tuesday.")],
                    mtime=1_700_000_100)
        third = poll_feeds(store, [f"{base}/feed.xml"], settings=settings)
        assert third["articles"] == 1 and store.counts()["articles"] == 3


def test_poll_folder_reads_new_and_changed_files_once(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Police arrested 14 protesters in Kampala on Thursday, a spokesman said.")
    settings = Settings(workers=1)
    with open_store(tmp_path / "f.db") as store:
        assert poll_folder(store, inbox, settings=settings, settle=0, published=dt.date(2024, 5, 20))["articles"] == 1
        assert poll_folder(store, inbox, settings=settings, settle=0)["articles"] == 0
        (inbox / "b.txt").write_text("Rebels shelled a market in Goma on Friday, killing four people, officials said.")
        assert poll_folder(store, inbox, settings=settings, settle=0, published=dt.date(2024, 5, 20))["articles"] == 1
        assert poll_folder(store, inbox, settings=settings, settle=3600)["articles"] == 0
        assert store.counts()["articles"] == 2


def test_cli_watch_once(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Protesters marched through Dakar on Saturday demanding cheaper rice.")
    os.utime(inbox / "a.txt", (1_700_000_000, 1_700_000_000))  # written long ago: settled
    db = tmp_path / "w.db"
    first = run("watch", "--db", str(db), "--folder", str(inbox), "--once", "--workers", "1")
    assert first.returncode == 0 and "1 new articles" in first.stderr, first.stderr
    second = run("watch", "--db", str(db), "--folder", str(inbox), "--once", "--workers", "1")
    assert second.returncode == 0 and "0 new articles" in second.stderr
    assert run("watch", "--db", str(db)).returncode == 2
