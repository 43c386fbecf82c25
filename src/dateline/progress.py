"""The terminal's view of a running ingest: a bar with rate and ETA when the total is known, and each
failure on its own line as it happens."""
from __future__ import annotations

import time
from typing import TextIO

from .store.runs import rate_and_eta


class ProgressBar:
    width = 28

    def __init__(self, stream: TextIO, *, clock=time.monotonic):
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.shown = False

    def update(self, progress: dict) -> None:
        for origin, code, reason in progress.get("failed", ()):
            self._clear()
            print(f"dateline: [{code}] {origin}: {reason}", file=self.stream)
        self.stream.write("\r" + self.line(progress, self.clock() - self.started))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")

    def line(self, progress: dict, seconds: float) -> str:
        done, total = progress["done"], progress["total"]
        timing = rate_and_eta(done, total, seconds)
        parts = []
        if total:
            filled = min(self.width, round(self.width * done / total))
            parts.append(f"[{'#' * filled}{'.' * (self.width - filled)}] {min(100, 100 * done // total):3d}%"
                         f" {done}/{total}")
        else:
            parts.append(f"{done} articles")
        if timing["rate"]:
            parts.append(f"{timing['rate']:.1f}/s")
        if timing["eta_seconds"] is not None:
            parts.append(f"ETA {_clock(timing['eta_seconds'])}")
        parts.append(f"{progress['events']} events, {progress['failures']} failed, "
                     f"{progress['skipped']} already stored")
        return "  " + " · ".join(parts)

    def _clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
