"""Readers: scraped pages, HTML, JSONL, CSV, folders, and inputs that cannot be read."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from dateline.article import Article, ReadFailure
from dateline.readers import read_bytes, read_inputs
from dateline.readers.text import read_text_page

PAGE = """SyriaMiddle East

Report: Shelling Hits Market Town as Talks Stall

7d2f4c1a-0b9e-4e55-a1c3-93f0c2d4e811

 

Artillery fire struck the market of a northern town on Tuesday, a monitor told local media.

The monitor said the strikes came hours after talks in Geneva were suspended.

Back to top button
Share on Facebook
"""  # noqa: W293 (a line of one space, as scraped pages have)


def test_text_page_splits_sections_title_identifier_and_body():
    article = read_text_page(PAGE, origin="page.txt", published=dt.date(2024, 1, 2))
    assert article.sections == ["Syria", "Middle East"]
    assert article.title == "Report: Shelling Hits Market Town as Talks Stall"
    assert article.source_id == "7d2f4c1a-0b9e-4e55-a1c3-93f0c2d4e811"
    assert article.text.startswith("Artillery fire struck")
    assert "Back to top" not in article.text and "Share on" not in article.text
    assert article.published == dt.date(2024, 1, 2)


def test_text_page_reads_published_line_and_agency_dateline():
    text = ("World\n\nFloods close roads\n\nPublished: 3 March 2024\n\n"
            "DHAKA, March 3 (Reuters) - Floods closed roads across the city on Sunday after heavy rain.\n")
    article = read_text_page(text, origin="x.txt")
    assert article.published == dt.date(2024, 3, 3)
    assert article.outlet == "Reuters"


def test_jsonl_text_is_used_exactly(tmp_path):
    text = "  Two lines\r\nwith odd spacing\u2028and a separator.  "
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": text, "published": "2024-02-01"}) + "\nnot json\n",
                    encoding="utf-8")
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
    and hundreds of families fled towards the city centre as the fighting went on into the night.</p></article></body></html>"""  # noqa: E501
    [article] = read_bytes(html, origin="goma.html", suffix=".html")
    assert isinstance(article, Article)
    assert article.outlet == "Lakes Monitor" and article.published == dt.date(2024, 4, 2)
    assert "clashed with rebels" in article.text


PORT_LEAD = ("The harbour authority in Port Elgin said on Tuesday that container traffic rose by a fifth in the first"
             " half of the year, helped by a new crane line.")
PORT_LATER = ("The authority plans to dredge the outer channel next year so that larger vessels can call without"
              " waiting for the tide, a project it puts at 40 million euros.")


def port_page(middle: str) -> bytes:
    return ("<!doctype html><html><head><title>Port traffic up a fifth</title></head><body><nav><a href='/'>Home"
            f"</a></nav><article><h1>Port traffic up a fifth</h1><p>{PORT_LEAD}</p>{middle}<p>{PORT_LATER}</p>"
            "</article><footer>Contact us</footer></body></html>").encode()


def test_html_page_keeps_a_short_paragraph_holding_a_link():
    # a one-line update in its own block, with a link: trafilatura's precision setting drops it
    middle = '<div class="update"><p>Shares of <a href="/q/pel">Port Elgin Holdings</a> rose 3% on the news.</p></div>'
    [article] = read_bytes(port_page(middle), origin="port.html", suffix=".html")
    assert article.text.split("\n\n")[-3:] == [PORT_LEAD, "Shares of Port Elgin Holdings rose 3% on the news.",
                                               PORT_LATER]


def test_pages_in_a_folder_carry_their_file_name_as_source_id(tmp_path):
    # a page gives no identifier of its own: its file's name ties the output line back to it
    (tmp_path / "port-elgin-0617.html").write_bytes(port_page(""))
    (tmp_path / "wire-note.txt").write_text("Harbour strike ends\n\n" + PORT_LEAD + "\n", encoding="utf-8")
    (tmp_path / "with-id.txt").write_text("Harbour strike ends\nID: 88231\n\n" + PORT_LEAD + "\n", encoding="utf-8")
    found = {a.origin.rsplit("/", 1)[-1]: a.source_id for a in read_inputs([str(tmp_path)])}
    assert found == {"port-elgin-0617.html": "port-elgin-0617.html", "wire-note.txt": "wire-note.txt",
                     "with-id.txt": "88231"}
    [from_stdin] = read_bytes(port_page(""), origin="<stdin>")
    assert from_stdin.source_id is None


def test_bad_files_each_give_one_failure_and_the_rest_go_on(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(bytes(range(256)) * 4)
    latin1 = "News\n\nCaf\xe9 owners protest in Montr\xe9al\n\nCaf\xe9 owners protested in Montr\xe9al on Monday " \
             "against new rent rules.\n"
    (tmp_path / "c_latin1.txt").write_bytes(latin1.encode("latin-1"))
    (tmp_path / "d_truncated.html").write_text(
        "<!DOCTYPE html><html><head><title>T</title></head><body><p>Police arrested", encoding="utf-8")
    (tmp_path / "e_good.txt").write_text("Gunmen killed two farmers near Jos on Sunday, police said.\n",
                                         encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    failures = {f.origin.rsplit("/", 1)[-1]: f for f in items if isinstance(f, ReadFailure)}
    assert failures["a_empty.txt"].code == "E101"
    assert failures["b_binary.txt"].code == "E102"
    assert failures["d_truncated.html"].code == "E103"
    articles = [a for a in items if isinstance(a, Article)]
    assert "Montréal" in articles[0].text  # Latin-1 read, not refused
    assert articles[1].text.startswith("Gunmen killed")


@pytest.mark.parametrize("url,expected", [
    ("https://news.example/world/2024/05/20/clashes-in-goma/", dt.date(2024, 5, 20)),
    ("https://news.example/2023-11-02-floods-hit-beledweyne", dt.date(2023, 11, 2)),
    ("https://news.example/africa/20240131/juba-talks.html", dt.date(2024, 1, 31)),
    ("https://news.example/2024/02/30/not-a-day/", None),
    ("https://news.example/story/123456789/", None),
    ("https://news.example/2024/05/rains/", None),  # a month alone is not a publication day
    (None, None),
])
def test_publication_date_from_the_address(url, expected):
    from dateline.readers.published import date_from_url

    assert date_from_url(url) == expected


def test_records_take_the_date_in_their_address_before_the_default():
    line = json.dumps({"id": "u1", "text": "Police dispersed a march in Harare on Monday.",
                       "url": "https://news.example/2024/03/18/harare-march/"})
    [article] = read_bytes(line.encode(), origin="u.jsonl", suffix=".jsonl", published=dt.date(2024, 6, 1))
    assert article.published == dt.date(2024, 3, 18)


def test_publication_date_is_its_own_else_its_address_else_the_default():
    from dateline.readers.published import publication_date

    own, run = dt.date(2024, 2, 9), dt.date(2024, 6, 1)
    assert publication_date(own, "https://news.example/2023/01/05/x", default=run) == own
    assert publication_date(None, None, "https://news.example/2023/01/05/x", default=run) == dt.date(2023, 1, 5)
    assert publication_date(None, "https://news.example/x", default=run) == run
    assert publication_date(None) is None


@pytest.mark.parametrize("spelling,expected", [
    ('{"published": "2024-02-01T08:15:00Z"}', dt.date(2024, 2, 1)),  # a timestamp keeps its day only
    ('{"date": "3rd March 2024"}', dt.date(2024, 3, 3)),
    ('{"published": "2024-02-30", "url": "https://n.example/2024/01/07/a"}', dt.date(2024, 1, 7)),  # no such day
    ('{"published": "soon"}', dt.date(2024, 6, 1)),
])
def test_records_read_their_own_date_once_into_a_date(spelling, expected):
    record = {**json.loads(spelling), "id": "r", "text": "Traders closed their shops in Kisumu on Friday."}
    [article] = read_bytes(json.dumps(record).encode(), origin="r.jsonl", suffix=".jsonl",
                           published=dt.date(2024, 6, 1))
    assert article.published == expected and type(article.published) is dt.date


def test_an_article_holds_a_date_and_writes_it_as_the_contract_does():
    import pickle

    article = Article(doc_id="p", text="Fighting resumed near Kidal.", published=dt.date(2024, 5, 3))
    assert article.to_dict()["published"] == "2024-05-03"
    assert Article(doc_id="n", text="x").to_dict()["published"] is None
    assert pickle.loads(pickle.dumps(article)) == article  # the Dask and process runners send articles so
    with pytest.raises(TypeError, match="datetime.date"):
        Article(doc_id="s", text="x", published="2024-05-03")
    with pytest.raises(TypeError, match="datetime"):
        Article(doc_id="t", text="x", published=dt.datetime(2024, 5, 3, 12, 0))


def test_a_record_too_long_for_the_parser_is_refused_by_name_and_the_rest_go_on(tmp_path):
    from dateline.readers import MAX_TEXT_CHARS

    source = tmp_path / "feed.jsonl"
    long = "Harbour cranes were idle again on Thursday. " * (MAX_TEXT_CHARS // 40)
    source.write_text(json.dumps({"id": "huge", "text": long}) + "\n"
                      + json.dumps({"id": "fine", "text": "Dock workers ended their strike in Port Elgin."}) + "\n",
                      encoding="utf-8")
    first, second = read_inputs([str(source)])
    assert isinstance(first, ReadFailure) and first.code == "E111" and first.origin == f"{source}:1"
    assert f"{len(long):,} characters" in first.reason
    assert isinstance(second, Article) and second.doc_id == "fine"


def test_a_page_nested_deeper_than_the_tree_parser_goes_still_gives_its_text():
    # 200,000 nested blocks: lxml builds no tree that deep, so trafilatura alone finds only the menu
    html = ("<!doctype html><html><head><title>Port traffic up a fifth</title></head><body><nav>Home | News</nav>"
            + "<div>" * 200_000 + f"<p>{PORT_LEAD}</p>" + "</div>" * 200_000 + "</body></html>").encode()
    [article] = read_bytes(html, origin="deep.html", suffix=".html")
    assert isinstance(article, Article) and article.text == PORT_LEAD and article.title == "Port traffic up a fifth"


def test_a_page_just_too_deep_reads_the_same_as_its_shallow_twin():
    def page(depth):
        return ("<!doctype html><html><head><title>Port traffic up a fifth</title></head><body><nav>Home</nav>"
                + "<div>" * depth + f"<p>{PORT_LEAD}</p><p>{PORT_LATER}</p>" + "</div>" * depth
                + "<footer>Contact us</footer></body></html>").encode()
    [shallow] = read_bytes(page(3), origin="a.html", suffix=".html")
    [deep] = read_bytes(page(400), origin="b.html", suffix=".html")
    assert deep.text.split("\n\n")[-2:] == shallow.text.split("\n\n")[-2:] == [PORT_LEAD, PORT_LATER]
