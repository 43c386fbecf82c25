"""Readers: scraped pages, HTML, JSONL, CSV, folders, and inputs that cannot be read."""
from __future__ import annotations

import json

import pytest

from dateline.article import Article, ReadFailure
from dateline.ingest import read_bytes, read_inputs
from dateline.ingest.text import read_text_page

PAGE = """SyriaMiddle East

Report: Shelling Hits Market Town as Talks Stall

7d2f4c1a-0b9e-4e55-a1c3-93f0c2d4e811

 

Artillery fire struck the market of a northern town on Tuesday, a monitor told local media.

The monitor said the strikes came hours after talks in Geneva were suspended.

Back to top button
Share on Facebook
"""


def test_text_page_splits_sections_title_identifier_and_body():
    article = read_text_page(PAGE, origin="page.txt", published="2024-01-02")
    assert article.sections == ["Syria", "Middle East"]
    assert article.title == "Report: Shelling Hits Market Town as Talks Stall"
    assert article.source_id == "7d2f4c1a-0b9e-4e55-a1c3-93f0c2d4e811"
    assert article.text.startswith("Artillery fire struck")
    assert "Back to top" not in article.text and "Share on" not in article.text
    assert article.published == "2024-01-02"


def test_text_page_reads_published_line_and_agency_dateline():
    text = "World\n\nFloods close roads\n\nPublished: 3 March 2024\n\nDHAKA, March 3 (Reuters) - Floods closed roads across the city on Sunday after heavy rain.\n"
    article = read_text_page(text, origin="x.txt")
    assert article.published == "2024-03-03"
    assert article.outlet == "Reuters"


def test_jsonl_text_is_used_exactly(tmp_path):
    text = "  Two lines\r\nwith odd spacing\u2028and a separator.  "
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": text, "published": "2024-02-01"}) + "\nnot json\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], Article) and items[0].text == text and items[0].doc_id == "a1"
    assert isinstance(items[1], ReadFailure) and items[1].code == "E105" and ":2" in items[1].origin


def test_csv_rows_become_articles(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,title,text\nr1,T,Protesters marched in Lima.\nr2,U,\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [i.doc_id for i in items] == ["r1", "r2"]
    assert items[0].text == "Protesters marched in Lima."


def test_html_page_metadata_and_body():
    html = b"""<!DOCTYPE html><html><head><title>Clashes in Goma</title>
    <meta property="og:site_name" content="Lakes Monitor"><meta name="date" content="2024-04-02"></head>
    <body><article><h1>Clashes in Goma</h1><p>Soldiers clashed with rebels north of Goma on Monday, a local official said,
    and hundreds of families fled towards the city centre as the fighting went on into the night.</p></article></body></html>"""
    [article] = read_bytes(html, origin="goma.html", suffix=".html")
    assert isinstance(article, Article)
    assert article.outlet == "Lakes Monitor" and article.published == "2024-04-02"
    assert "clashed with rebels" in article.text


def test_bad_files_each_give_one_failure_and_the_rest_go_on(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "c_latin1.txt").write_bytes("News\n\nCaf\xe9 owners protest in Montr\xe9al\n\nCaf\xe9 owners protested in Montr\xe9al on Monday against new rent rules.\n".encode("latin-1"))
    (tmp_path / "d_truncated.html").write_text("<!DOCTYPE html><html><head><title>T</title></head><body><p>Police arrested", encoding="utf-8")
    (tmp_path / "e_good.txt").write_text("Gunmen killed two farmers near Jos on Sunday, police said.\n", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    failures = {f.origin.rsplit("/", 1)[-1]: f for f in items if isinstance(f, ReadFailure)}
    assert failures["a_empty.txt"].code == "E101"
    assert failures["b_binary.txt"].code == "E102"
    assert failures["d_truncated.html"].code == "E103"
    articles = [a for a in items if isinstance(a, Article)]
    assert "Montréal" in articles[0].text  # Latin-1 read, not refused
    assert articles[1].text.startswith("Gunmen killed")


@pytest.mark.parametrize("url,expected", [
    ("https://news.example/world/2024/05/20/clashes-in-goma/", "2024-05-20"),
    ("https://news.example/2023-11-02-floods-hit-beledweyne", "2023-11-02"),
    ("https://news.example/africa/20240131/juba-talks.html", "2024-01-31"),
    ("https://news.example/2024/02/30/not-a-day/", None),
    ("https://news.example/story/123456789/", None),
    ("https://news.example/2024/05/rains/", None),  # a month alone is not a publication day
    (None, None),
])
def test_publication_date_from_the_address(url, expected):
    from dateline.ingest.dates import date_from_url

    assert date_from_url(url) == expected


def test_records_take_the_date_in_their_address_before_the_default():
    line = json.dumps({"id": "u1", "text": "Police dispersed a march in Harare on Monday.",
                       "url": "https://news.example/2024/03/18/harare-march/"})
    [article] = read_bytes(line.encode(), origin="u.jsonl", suffix=".jsonl", published="2024-06-01")
    assert article.published == "2024-03-18"
