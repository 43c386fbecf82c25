"""The exceptions dateline raises, each with a code that the docs list.

    DatelineError
    ├── InputError          (E1xx) a file or record that cannot be read as an article
    ├── PipelineError       (E2xx) a pipeline that cannot be built: unknown stage, wrong order
    ├── StageError          (E3xx) a stage that failed on one document
    ├── StoreError          (E4xx) a database that cannot be opened or migrated
    ├── ExportError         (E5xx) an export that cannot be written (dateline.export)
    ├── ModelError          (E6xx) an event model that cannot be loaded, or a corpus it cannot be trained on
    ├── AlertError          (E70x) a saved filter that cannot be saved or found, a webhook that failed
    └── ReviewError         (E71x) an analyst's review that cannot be recorded (dateline.review)

Errors about one document never stop a run: the runner turns them into an error line naming the
input and the reason, and goes on.
"""
from __future__ import annotations


class DatelineError(Exception):
    """Base class: every error carries a short code such as E101."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None):
        self.code = code or self.code
        super().__init__(f"[{self.code}] {message}")


class InputError(DatelineError):
    """An input (file, line, record) that cannot be read as an article."""

    code = "E100"

    def __init__(self, origin: str, reason: str, *, code: str = "E100"):
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}", code=code)


class PipelineError(DatelineError):
    """A pipeline that cannot be built."""

    code = "E200"


class StageError(DatelineError):
    """A stage that raised on one document."""

    code = "E300"


class StoreError(DatelineError):
    """A database that cannot be opened, migrated or written."""

    code = "E400"


class ExportError(DatelineError):
    """An export that cannot be written."""

    code = "E500"


class ModelError(DatelineError):
    """An event model that cannot be loaded, or a training corpus that cannot be used."""

    code = "E600"


class AlertError(DatelineError):
    """A saved filter (an alert) that cannot be saved or found, a webhook that could not be delivered, or
    a setting of the alerts out of range."""

    code = "E700"


class ReviewError(DatelineError):
    """A review that cannot be recorded: no such happening, or a field out of range."""

    code = "E710"


# The codes, in one place so the docs and the messages agree.
CODES = {
    "E100": "an input that could not be read for another reason",
    "E101": "empty file",
    "E102": "binary file, not text",
    "E103": "truncated HTML page",
    "E104": "no article text found",
    "E105": "malformed JSON line or CSV row",
    "E106": "file could not be opened",
    "E107": "unknown file format",
    "E108": "broken WARC record",
    "E109": "malformed RSS or Atom feed",
    "E110": "a feed or page could not be fetched",
    "E111": "a single-article file, or an article's text, too large to be one article",
    "E201": "unknown stage name",
    "E202": "a stage needs something no earlier stage adds",
    "E203": "a stage appears twice",
    "E204": "the event triggers, the ACLED refinements and their word classes disagree",
    "E205": "a setting of the judge stage out of range (event_threshold, min_plover, uncoded_threshold, acled_typing)",
    "E301": "a stage raised while processing a document",
    "E401": "database cannot be opened",
    "E402": "database schema is newer than this version of dateline",
    "E403": "database needs migrations and cannot be written",
    "E404": "the disk (or the database's size limit) is full: nothing partial was written",
    "E405": "the database could not be written for another reason",
    "E502": "unknown export format",
    "E601": "the event model's files are missing",
    "E602": "the event model's files cannot be read or do not fit together",
    "E603": "a training example is malformed",
    "E604": "the training corpus is too small or lacks a label, or a training setting is out of range",
    "E701": "an alert that cannot be saved: its name, its webhook (http or https only) or its filter",
    "E702": "no such alert",
    "E703": "an alert of that name exists already",
    "E704": "a webhook that could not be delivered: it is tried again on the next run",
    "E705": "a setting of the alerts out of range (webhook_timeout, public_url)",
    "E711": "no such happening to review",
    "E712": "a review field out of range: status, a corrected field or its value, reviewer, note",
    "E713": "a corrected place the gazetteer does not know",
}
