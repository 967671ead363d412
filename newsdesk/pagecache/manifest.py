"""The bake's record of a baked folder: which keys each page showed, and each key's generation.

Kept page by page in an SQLite file beside the pages, so that a ``bake --changed`` after one
edit reads the rows of the keys that changed and writes the rows of the pages it rendered,
whatever the size of the site. (It was one JSON file: 30 MB at 100,000 pages, read and written
whole by every ``--changed``, 1.4-2.3 s before and after the first render.)

A full bake writes a new file beside the old one and moves it into place when it is complete;
a ``--changed`` bake changes the file in one transaction. A bake that dies leaves the previous
record, so the next ``--changed`` does its work again.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

FILENAME = ".newsdesk-bake.sqlite3"
VERSION = 3
# The record of earlier releases (version 2): read once and converted, so an upgrade does not
# have to bake the whole site again.
LEGACY_JSON = ".newsdesk-bake.json"
LEGACY_VERSION = 2
# SQLite's bound-parameter limit is 32,766 since 3.32; older builds allow 999.
CHUNK = 900

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pages (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
CREATE TABLE keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, generation REAL NOT NULL);
CREATE TABLE page_keys (
    key INTEGER NOT NULL, page INTEGER NOT NULL, PRIMARY KEY (key, page)
) WITHOUT ROWID;
CREATE INDEX page_keys_by_page ON page_keys (page, key);
"""


def chunked(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Manifest:
    """One open record; ``commit()`` makes what was written the record of the folder."""

    def __init__(self, connection: sqlite3.Connection, final: Path, temporary: Path | None):
        self.db = connection
        self.final = final
        # A new record is written here and moved over ``final`` on commit.
        self.temporary = temporary
        # Generations of keys this bake read from the database: a key a page shows for the
        # first time is entered with the generation the bake saw (0.0 when none).
        self.generations: dict[str, float] = {}
        self.key_ids: dict[str, int] = {}
        # Keys of pages rendered again or removed: dropped on commit when no page shows them.
        self.maybe_unused: set[int] = set()

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, target: Path) -> Manifest | None:
        """The record of the last bake into ``target``, or None when there is none this code
        can use (first bake, unknown version, damaged file): the next bake is then a full one."""
        path = target / FILENAME
        if not path.exists():
            return cls.convert_legacy(target)
        connection = sqlite3.connect(path)
        try:
            row = connection.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None or row[0] != str(VERSION):
            connection.close()
            return None
        return cls(connection, path, None)

    @classmethod
    def create(cls, target: Path) -> Manifest:
        """An empty record for a full bake; it replaces the folder's record on commit."""
        final = target / FILENAME
        temporary = target / (FILENAME + ".new")
        temporary.unlink(missing_ok=True)
        connection = sqlite3.connect(temporary)
        # Written once and moved into place whole: no journal is needed to keep it consistent.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript(SCHEMA)
        connection.execute("INSERT INTO meta VALUES ('version', ?), ('read_at', '0')", (VERSION,))
        return cls(connection, final, temporary)

    @classmethod
    def convert_legacy(cls, target: Path) -> Manifest | None:
        """The JSON record of an earlier release, converted (and removed once the bake that
        reads it commits)."""
        try:
            data = json.loads((target / LEGACY_JSON).read_text())
        except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
            return None
        if not isinstance(data, dict) or data.get("version") != LEGACY_VERSION:
            return None
        manifest = cls.create(target)
        manifest.generations = dict(data["generations"])
        for path, keys in data["pages"].items():
            manifest.record(path, keys)
        manifest.read_at = data["read_at"]
        manifest.generations = {}
        return manifest

    # -- reading ----------------------------------------------------------------------------

    @property
    def read_at(self) -> float:
        """When the last bake read the generations it holds."""
        row = self.db.execute("SELECT value FROM meta WHERE name = 'read_at'").fetchone()
        return float(row[0])

    @read_at.setter
    def read_at(self, value: float) -> None:
        self.db.execute("UPDATE meta SET value = ? WHERE name = 'read_at'", (repr(value),))

    def changed_keys(self, current: dict[str, float]) -> set[str]:
        """Keys whose generation in ``current`` differs from the one held here (or that no
        page showed when they were read)."""
        held: dict[str, float] = {}
        for keys in chunked(sorted(current)):
            marks = ",".join("?" * len(keys))
            held.update(
                self.db.execute(f"SELECT key, generation FROM keys WHERE key IN ({marks})", keys)
            )
        return {key for key, generation in current.items() if held.get(key) != generation}

    def pages_showing(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """The pages that showed any of ``keys``, each with every key it showed."""
        ids: list[int] = []
        for chunk in chunked(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            ids += [
                row[0]
                for row in self.db.execute(
                    "SELECT DISTINCT page_keys.page FROM page_keys JOIN keys "
                    f"ON keys.id = page_keys.key WHERE keys.key IN ({marks})",
                    chunk,
                )
            ]
        pages: dict[str, list[str]] = {}
        for chunk in chunked(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT pages.path, keys.key FROM pages "
                "JOIN page_keys ON page_keys.page = pages.id "
                f"JOIN keys ON keys.id = page_keys.key WHERE pages.id IN ({marks}) "
                "ORDER BY pages.path, keys.key",
                chunk,
            )
            for path, key in rows:
                pages.setdefault(path, []).append(key)
        return dict(sorted(pages.items()))

    def paths(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT path FROM pages")}

    def page_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM pages").fetchone()[0]

    def keys_of(self, path: str) -> list[str]:
        rows = self.db.execute(
            "SELECT keys.key FROM pages JOIN page_keys ON page_keys.page = pages.id "
            "JOIN keys ON keys.id = page_keys.key WHERE pages.path = ? ORDER BY keys.key",
            (path,),
        )
        return [row[0] for row in rows]

    # -- writing ----------------------------------------------------------------------------

    def key_id(self, key: str) -> int:
        found = self.key_ids.get(key)
        if found is not None:
            return found
        row = self.db.execute("SELECT id FROM keys WHERE key = ?", (key,)).fetchone()
        if row is None:
            cursor = self.db.execute(
                "INSERT INTO keys (key, generation) VALUES (?, ?)",
                (key, self.generations.get(key, 0.0)),
            )
            row = (cursor.lastrowid,)
        self.key_ids[key] = row[0]
        return row[0]

    def record(self, path: str, keys: Iterable[str]) -> None:
        """``path`` was baked showing ``keys``."""
        row = self.db.execute("SELECT id FROM pages WHERE path = ?", (path,)).fetchone()
        if row is None:
            page = self.db.execute("INSERT INTO pages (path) VALUES (?)", (path,)).lastrowid
        else:
            page = row[0]
            self.unlink_keys(page)
        self.db.executemany(
            "INSERT OR IGNORE INTO page_keys (key, page) VALUES (?, ?)",
            [(self.key_id(key), page) for key in keys],
        )

    def forget(self, path: str) -> None:
        """``path`` is not baked (gone, or failed to render: the next --changed tries again)."""
        row = self.db.execute("SELECT id FROM pages WHERE path = ?", (path,)).fetchone()
        if row is not None:
            self.unlink_keys(row[0])
            self.db.execute("DELETE FROM pages WHERE id = ?", (row[0],))

    def unlink_keys(self, page: int) -> None:
        rows = self.db.execute("SELECT key FROM page_keys WHERE page = ?", (page,))
        self.maybe_unused.update(row[0] for row in rows)
        self.db.execute("DELETE FROM page_keys WHERE page = ?", (page,))

    def update_generations(self, current: dict[str, float]) -> None:
        """Hold ``current``'s generations for the keys pages show (a --changed bake read them)."""
        self.db.executemany(
            "UPDATE keys SET generation = ? WHERE key = ?",
            [(generation, key) for key, generation in current.items()],
        )

    def commit(self) -> None:
        # Keys no page shows any more are dropped, so the file keeps the size of the site.
        for ids in chunked(sorted(self.maybe_unused)):
            marks = ",".join("?" * len(ids))
            self.db.execute(
                f"DELETE FROM keys WHERE id IN ({marks}) AND NOT EXISTS "
                "(SELECT 1 FROM page_keys WHERE page_keys.key = keys.id)",
                ids,
            )
        self.db.commit()
        self.db.close()
        if self.temporary is not None:
            os.replace(self.temporary, self.final)
        (self.final.parent / LEGACY_JSON).unlink(missing_ok=True)

    def abandon(self) -> None:
        """Leave the folder's record as it was (a bake that failed)."""
        self.db.rollback()
        self.db.close()
        if self.temporary is not None:
            self.temporary.unlink(missing_ok=True)


def exists(target: Path) -> bool:
    """Whether a bake has recorded ``target`` (in this release's form or the last one's)."""
    return (target / FILENAME).is_file() or (target / LEGACY_JSON).is_file()


def baked_paths(target: Path) -> set[str]:
    """The pages the record of ``target`` lists, of any version, or none."""
    manifest = Manifest.open(target) if (target / FILENAME).exists() else None
    if manifest is not None:
        try:
            return manifest.paths()
        finally:
            manifest.abandon()
    try:
        pages = json.loads((target / LEGACY_JSON).read_text()).get("pages")
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError, AttributeError):
        return set()
    return {page for page in pages if isinstance(page, str)} if isinstance(pages, dict) else set()
