"""A process killed (SIGKILL, as ``kill -9``) at a chosen moment: the durability tests' tool."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def kill_when_marked(script: str, *arguments: str, marker: Path, wait: float = 60) -> None:
    """Run ``python -c script arguments…``, wait until it writes ``marker`` (the moment to kill
    it), then kill it with SIGKILL and reap it."""
    process = subprocess.Popen([sys.executable, "-c", script, *arguments])
    deadline = time.monotonic() + wait
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
