"""One way to start Debian's Chromium for Playwright, shared by the browser tests and bench/.

Every browser test (``newsdesk/conftest.py``) and every browser bench (crash recovery, newsroom
journey, typing latency) launches the same binary with the same flags, so a figure measured in
bench/ and a test that passes describe the same browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from typing import Any

CHROMIUM = "/usr/bin/chromium"
# Flags the workplace's probe found necessary: without the background-networking ones Chromium
# tries to reach Google's hosts at start, which a closed network refuses. No sandbox: the tests
# run as root in a container, where Chromium's sandbox cannot start.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> str | None:
    """Debian's Chromium, or None when it is not installed (Playwright never downloads one)."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


def launch_chromium(playwright: Any, extra_args: Sequence[str] = (), **options: Any) -> Any:
    """A headless Debian Chromium started by ``playwright`` (a sync or async Playwright).

    ``extra_args`` go after the shared flags (the crash bench marks its process with one);
    ``options`` go to ``BrowserType.launch`` unchanged (``headless=False`` to watch).
    """
    path = chromium_path()
    if path is None:
        raise FileNotFoundError("Debian's chromium is not installed (apt-get install chromium)")
    options.setdefault("headless", True)
    return playwright.chromium.launch(
        executable_path=path, args=[*CHROMIUM_ARGS, *extra_args], **options
    )
