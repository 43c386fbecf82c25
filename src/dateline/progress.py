"""The terminal's view of a running ingest: a bar with rate and ETA when the total is known, and each
failure on its own line as it happens. Written to a file or a pipe (a log), the bar becomes a plain line
every `every` seconds and at the end, with no carriage returns."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from .store.runs import rate_and_eta


class ProgressBar:
    width = 28

    def __init__(self, stream: TextIO, *, clock: Callable[[], float] = time.monotonic, interactive: bool | None = None,
                 every: float = 10.0) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.shown = False
        self.interactive = stream.isatty() if interactive is None else interactive
        self.every = every
        self.last_line: float | None = None  # when a plain line was last written
        self.pending: dict | None = None  # the progress not yet written as a plain line

    def announce(self, message: str) -> None:
        """A line before the bar starts ("loading the language model"), so the first seconds say something."""
        print(f"dateline: {message}", file=self.stream, flush=True)

    def update(self, progress: dict) -> None:
        for origin, code, reason in progress.get("failed", ()):
            self._clear()
            print(f"dateline: [{code}] {origin}: {reason}", file=self.stream)
        now = self.clock()
        if self.interactive:
            self.stream.write("\r" + self.line(progress, now - self.started))
            self.shown = True
        elif self.last_line is None or now - self.last_line >= self.every:
            self.stream.write(self.line(progress, now - self.started).strip() + "\n")
            self.last_line, self.pending = now, None
        else:
            self.pending = progress
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
        elif self.pending is not None:  # the last figures, once
            self.stream.write(self.line(self.pending, self.clock() - self.started).strip() + "\n")
        self.stream.flush()

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
        if self.shown and self.interactive:
            self.stream.write("\r\033[K")


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
