"""Progress of a batch: a Rich bar on a terminal, plain periodic lines in a log otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

PHASE_LABEL = {"detect": "detect", "apply": "redact"}


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


class Reporter:
    """Counts documents and pages per phase; subclasses decide how to show them."""

    def __init__(self) -> None:
        self.phase = ""
        self.total = 0
        self.docs = 0
        self.pages = 0
        self.t0 = time.monotonic()

    def begin(self, phase: str, total: int) -> None:
        self.phase, self.total, self.docs, self.pages = phase, total, 0, 0
        self.t0 = time.monotonic()

    def advance(self, pages: int) -> None:
        self.docs += 1
        self.pages += pages

    def note(self, text: str) -> None:
        pass

    def end(self) -> None:
        pass

    def close(self) -> None:
        pass

    @property
    def rate(self) -> float:
        dt = time.monotonic() - self.t0
        return self.pages / dt if dt > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if not self.docs:
            return None
        dt = time.monotonic() - self.t0
        return dt / self.docs * (self.total - self.docs)


class LogReporter(Reporter):
    def __init__(self, stream: TextIO, every: float = 10.0):
        super().__init__()
        self.stream, self.every, self.last = stream, every, 0.0

    def begin(self, phase: str, total: int) -> None:
        super().begin(phase, total)
        self.last = time.monotonic()
        self._line(f"{total} document(s) to {PHASE_LABEL.get(phase, phase)}")

    def advance(self, pages: int) -> None:
        super().advance(pages)
        if time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            self._line(self.status())

    def status(self) -> str:
        return (f"{self.docs}/{self.total} documents, {self.pages} pages, "
                f"{self.rate:.1f} pages/s, ETA {_clock(self.eta)}")

    def note(self, text: str) -> None:
        self._line(text)

    def end(self) -> None:
        if self.total:
            self._line(f"finished: {self.status().replace(', ETA 0:00:00', '')}")

    def _line(self, text: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        print(f"{stamp} [{PHASE_LABEL.get(self.phase, self.phase) or 'batch'}] {text}",
              file=self.stream, flush=True)


class RichReporter(Reporter):
    def __init__(self, stream: TextIO):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        super().__init__()
        self.console = Console(file=stream)
        self.progress = Progress(
            TextColumn("[bold]{task.description:<7}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("docs  {task.fields[pages]} pages  {task.fields[rate]} pages/s"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, transient=False)
        self.progress.start()
        self.task = None

    def begin(self, phase: str, total: int) -> None:
        super().begin(phase, total)
        self.task = self.progress.add_task(PHASE_LABEL.get(phase, phase), total=total,
                                           pages=0, rate="0.0")

    def advance(self, pages: int) -> None:
        super().advance(pages)
        self.progress.update(self.task, advance=1, pages=self.pages, rate=f"{self.rate:.1f}")

    def note(self, text: str) -> None:
        self.progress.console.print(text, markup=False, highlight=False)

    def close(self) -> None:
        self.progress.stop()


def make_reporter(mode: str = "auto", stream: TextIO | None = None,
                  every: float = 10.0) -> Reporter:
    """``auto``: a bar on a terminal, log lines otherwise; ``none``: silent."""
    stream = stream or sys.stderr
    if mode == "none":
        return Reporter()
    if mode == "bar" or (mode == "auto" and stream.isatty()):
        return RichReporter(stream)
    return LogReporter(stream, every)
