"""The Qt binding must not corrupt the interpreter (PySide6 6.12.0 on Python 3.11 did)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.gui

_STRESS = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    class Source(QObject):
        fired = Signal(int)

    app = QApplication([])
    source, label = Source(), QLabel()
    source.fired.connect(lambda value: None)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for value in range(20000):
        source.fired.emit(value)
        label.setText(str(value))
    print(sys.getrefcount(True) - true_before, sys.getrefcount(None) - none_before)
    """
)


def test_signals_and_void_calls_keep_reference_counts_intact() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _STRESS], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    true_delta, none_delta = (int(x) for x in result.stdout.split())
    assert abs(true_delta) < 100 and abs(none_delta) < 100
