"""WARC input: HTML responses become articles; a damaged file names the record where reading stopped."""
from __future__ import annotations

import datetime as dt
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.article import Article, ReadFailure
from dateline.readers import read_inputs

PAGE = """<!DOCTYPE html><html><head><title>{title}</title><meta name="date" content="2024-05-0{day}"></head>
<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"""


def warc_bytes(records) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, content_type, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                      length=len(payload), http_headers=headers))
    return out.getvalue()


def test_warc_html_responses_become_articles(tmp_path):
    pages = [
        ("https://news.example/a", "text/html; charset=utf-8", PAGE.format(
            title="Clashes in Goma", day=1, body="Soldiers clashed with rebels north of Goma on Monday, a local "
            "official said, and hundreds of families fled towards the city as the fighting went on.").encode()),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("https://news.example/b", "text/html", PAGE.format(
            title="Strike in Lagos", day=2, body="Dock workers in Lagos stopped work on Tuesday to demand higher "
            "pay, and the port authority said talks with the union would begin on Thursday.").encode()),
    ]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes(pages))
    items = list(read_inputs([str(path)]))
    assert [type(i) for i in items] == [Article, Article]
    assert items[0].url == "https://news.example/a" and items[0].published == dt.date(2024, 5, 1)
    assert "clashed with rebels" in items[0].text and items[1].title == "Strike in Lagos"


def test_warc_page_without_a_date_takes_its_address_then_the_run_then_the_crawl(tmp_path):
    undated = (b"<!DOCTYPE html><html><head><title>Flooding in Beledweyne</title></head><body><article><p>The river "
               b"burst its banks at Beledweyne on Sunday, the district commissioner said, and thousands of families "
               b"moved to higher ground as the water kept rising.</p></article></body></html>")
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri in ("https://news.example/2024/04/28/floods", "https://news.example/floods"):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(undated),
                                                      length=len(undated), http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": "2024-07-02T10:00:00Z"}))
    path = tmp_path / "undated.warc.gz"
    path.write_bytes(out.getvalue())
    dated_address, plain = read_inputs([str(path)], published=dt.date(2024, 5, 20))
    assert (dated_address.published, plain.published) == (dt.date(2024, 4, 28), dt.date(2024, 5, 20))
    assert [a.published for a in read_inputs([str(path)])] == [dt.date(2024, 4, 28), dt.date(2024, 7, 2)]


def test_warc_broken_file_gives_a_failure_after_the_good_records(tmp_path):
    body = PAGE.format(title="Market fire", day=3, body="A fire destroyed dozens of stalls at the central market "
                       "on Wednesday, the fire service said, and traders counted their losses.").encode()
    good = warc_bytes([("https://news.example/c", "text/html", body)])
    path = tmp_path / "broken.warc"
    path.write_bytes(good + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\n<html>cut")
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], ReadFailure) and items[-1].code == "E108" and "broken.warc#" in items[-1].origin


def test_a_record_that_inflates_past_a_page_is_refused_in_bounded_memory(tmp_path):
    # a record of well under 1 MB whose gzip content encoding inflates to 600 MB, then an ordinary page:
    # the first is refused by name, the second read, and the process never holds the inflated bytes
    import subprocess
    import sys
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip stream
    zeros = b"\0" * 2**20
    bomb = b"".join(packer.compress(zeros) for _ in range(600)) + packer.flush()
    assert len(bomb) < 2**20
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, payload, extra in (("https://news.example/bomb", bomb, [("Content-Encoding", "gzip")]),
                                ("https://news.example/b", PAGE.format(title="Strike in Lagos", day=2, body=(
                                    "Dock workers in Lagos stopped work on Tuesday to demand higher pay, and the port "
                                    "authority said talks would begin on Thursday.")).encode(), [])):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *extra], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                      length=len(payload), http_headers=headers))
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(out.getvalue())
    # the child's own peak (VmHWM: its memory since exec; ru_maxrss would count the forking parent's too)
    script = ("import sys; from dateline.readers import read_inputs\n"
              "for item in read_inputs([sys.argv[1]]):\n"
              "    print(type(item).__name__, getattr(item, 'code', ''), getattr(item, 'origin', ''))\n"
              "peak = next(line for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
              "print(int(peak.split()[1]) // 1024)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    *lines, peak_mb = done.stdout.splitlines()
    assert int(peak_mb) < 500, f"peak {peak_mb} MB"
    assert lines == [f"ReadFailure E111 {path}#1", f"Article  {path}#2"]
