"""Writing several report files so that one failing file never stops the others.

The minutes, the workbook and each feedback letter are separate files: a full disk, a folder
without permission or a layout reportlab cannot place fails the file concerned, the others are
still written, and the batch ends with one sentence naming what was not written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from selection_desk.errors import FileWriteFailed, SelectionDeskError, define_message
from selection_desk.i18n import N_

DOCUMENTS_NOT_WRITTEN = define_message(
    "reports_documents_not_written",
    N_("Not written: {failed} ({reason}); the {written} other file(s) were written."),
)

T = TypeVar("T")


class DocumentsNotWritten(FileWriteFailed):
    """Some files of an export failed; ``written`` holds those that were written."""

    def __init__(
        self, failures: Sequence[tuple[Path, SelectionDeskError]], written: Sequence[Path]
    ) -> None:
        super().__init__(
            DOCUMENTS_NOT_WRITTEN,
            failed=", ".join(path.name for path, _error in failures),
            reason=failures[0][1].message(),
            written=len(written),
        )
        self.failures = tuple(failures)
        self.written = tuple(written)


class DocumentBatch:
    """Collects the files written and the files that failed, in order."""

    def __init__(self) -> None:
        self.written: list[Path] = []
        self.failures: list[tuple[Path, SelectionDeskError]] = []

    def write(self, path: Path, write: Callable[[], T]) -> T | None:
        """Call ``write`` (which writes ``path``) and return what it returns, or ``None`` after
        noting a file fault instead of raising it."""
        try:
            result = write()
        except FileWriteFailed as error:  # its folder, its disk, its layout: that file only
            self.failures.append((path, error))
            return None
        self.written.append(path)
        return result

    def write_many(self, write: Callable[[], Sequence[Path]]) -> None:
        """Call ``write``, which writes several files and returns them (or raises
        :class:`DocumentsNotWritten` after writing the others)."""
        try:
            self.written += write()
        except DocumentsNotWritten as error:
            self.include(error)

    def include(self, error: DocumentsNotWritten) -> None:
        self.written += error.written
        self.failures += error.failures

    def finish(self) -> list[Path]:
        """The files written, or :class:`DocumentsNotWritten` when any failed — but the file's
        own error when the batch was that one file (nothing else to report)."""
        if len(self.failures) == 1 and not self.written:
            raise self.failures[0][1]
        if self.failures:
            raise DocumentsNotWritten(self.failures, self.written)
        return self.written
