"""Bytes to text: refuse what is not text, and read UTF-8 or, failing that, Windows-1252/Latin-1."""
from __future__ import annotations

from ..errors import InputError

_SAMPLE = 8192


def decode(data: bytes, origin: str) -> str:
    """The text of a file's bytes, or an InputError saying why it is not a readable text."""
    if not data.strip():
        raise InputError(origin, "empty file", code="E101")
    sample = data[:_SAMPLE]
    if b"\x00" in sample or _control_share(sample) > 0.1:
        raise InputError(origin, "binary file: not text (NUL or control bytes)", code="E102")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte maps: the last resort never fails


def _control_share(sample: bytes) -> float:
    allowed = {9, 10, 12, 13, 27}
    controls = sum(1 for b in sample if b < 32 and b not in allowed)
    return controls / max(1, len(sample))
