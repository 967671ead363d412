"""A purger that records instead of sending: for tests and ``bench/save_path.py``.

Select it with ``NEWSDESK_PURGE_BACKEND="newsdesk.publishing.testing.RecordingPurger"``.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.pagecache.purge import Purger


class RecordingPurger(Purger):
    """Every purge request, as (sorted keys, hard), in the order they were sent."""

    sent: list[tuple[list[str], bool]] = []

    def purge(self, keys: Iterable[str], *, hard: bool = False) -> None:
        RecordingPurger.sent.append((sorted(set(keys)), hard))

    @classmethod
    def reset(cls) -> None:
        cls.sent.clear()


RECORDING = "newsdesk.publishing.testing.RecordingPurger"
